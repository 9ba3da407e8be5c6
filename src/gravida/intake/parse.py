"""Free text in, a case out: what her own words state, with the words that state it.

This module chooses the language (the one she chose, the one detected, or
Russian typed on a Latin keyboard, read in its own script with every span
mapped back to her words) and hands the text to ``reading.read_one``, which
runs the pipeline: bound and clean the text (length-preserving, so every span
points into what she wrote), tokenise with a blank spaCy pipeline, match the
pack's finding phrases and ConText triggers, give each mention its modifiers,
read the numbers, then settle one answer per finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from gravida.engine.case import Findings
from gravida.intake.evidence import ParseResult, TextEvidence
from gravida.intake.language import (
    Detection,
    Languages,
    LanguageSpec,
    detect,
    doubt_warning,
    everyday_words,
    languages_for,
    latin_note,
    unread_warning,
)
from gravida.intake.lexicon import DEFAULT_LANGUAGE as DEFAULT
from gravida.intake.lexicon import lexicon_for
from gravida.intake.reading import read_one
from gravida.intake.translit import Retyped, lookalikes, retype, vote
from gravida.knowledge.i18n import _
from gravida.knowledge.load import Pack

__all__ = ["ParseResult", "TextEvidence", "parse_text"]


def parse_text(
    text: str, pack: Pack, language: str | None = None, today: date | None = None
) -> ParseResult:
    """Read one free-text description into a case; never raises on any string.

    ``today`` is the day her dates are counted from ("due on 3 March", "since
    Christmas"): the system date unless given (tests fix it).

    ``language`` names the language (``LanguageNotRead`` if Gravida reads no
    such language); without it the language is detected, and a text in a
    language Gravida does not read gives an empty case with a warning saying so.
    """
    langs = languages_for(pack)
    if language is not None:
        language = langs.get(language).code
    if not isinstance(text, str):
        return ParseResult(Findings(), [], [_("input is not text")], False)
    if language is not None:
        # "ru" chosen, typed on a Latin keyboard: read in its own script
        found = detect(text, langs)
        if _script_of(found, langs) == "LATIN" != langs.get(language).script:
            latin = _latin_typed(text, pack, langs, found, only=language, today=today)
            if latin is not None:
                return latin
        return _mixed(text, pack, langs.get(language), today)
    found = detect(text, langs)
    if found.code is None or found.doubtful or _script_of(found, langs) == "LATIN":
        # Russian typed on a Latin keyboard: its everyday words, once retyped,
        # outnumber the Latin language's own ("srok 30 nedel, bolit pojasnica")
        latin = _latin_typed(text, pack, langs, found, today=today)
        if latin is not None:
            return latin
    if found.code is None:
        return ParseResult(Findings(), [], [unread_warning(found, langs)], False, None)
    result = _mixed(text, pack, langs.specs[found.code], today)
    if found.doubtful and not result.evidence:
        return ParseResult(Findings(), [], [unread_warning(found, langs)], False, None)
    if found.doubtful:
        result.warnings.insert(0, doubt_warning(found, langs))
    return result


def _script_of(found: Detection, langs: Languages) -> str | None:
    return langs.specs[found.code].script if found.code in langs.specs else None


_WORDS = re.compile(r"[^\W\d_]{2,}")
_ANY_LATIN = re.compile(r"[A-Za-z]")
# Latin words are retyped this far into a text at most: no language's reader reads
# more (``limits.max_chars``; a longer text is cut and says so)
READ_CHARS = 50_000


def _latin_typed(
    text: str,
    pack: Pack,
    langs: Languages,
    found: Detection,
    only: str | None = None,
    today: date | None = None,
) -> ParseResult | None:
    """A language written in another script but typed here in Latin letters, read in
    its own script with every span mapped back to her words; None if it is none.

    ``only``: the language she chose; otherwise any language that fits."""
    own = langs.specs.get(found.code or "")
    # one-letter words are left out: English "I" and "a" are Russian "и" and "а"
    own_words = everyday_words(text, own, 2) if own is not None and not found.doubtful else 0
    latin_knows = _dictionary(pack, own)
    # nothing but one-letter abbreviations and numbers ("t 38,3"): no word tells the
    # language, so a reading that understands something where the Latin one does not
    # decides (``_reads_more``)
    bare = _WORDS.search(text) is None
    for spec in langs.specs.values():
        if spec.latin is None or only not in (None, spec.code):
            continue
        retyped = retype(text, spec.latin, spec.dictionary, limit=READ_CHARS, skip=latin_knows)
        again = detect(retyped.text, langs)
        if again.code != spec.code or again.doubtful:
            continue
        # however short, Latin letters are taken for another language only when
        # its everyday words show in them, more than the Latin language's own, or
        # when its dictionary knows more of them than the Latin language's does
        # ("shevelitsya malo", "onemenie v promezhnosti": no everyday word)
        words = everyday_words(retyped.text, spec, 2)
        # a message shorter than ``detect.min_words`` ("shvatok net") needs one
        short = len(retyped.text.split()) < spec.min_words
        lenient = short and words < max(spec.min_function_words, 1)
        by_words = words >= (1 if short else max(spec.min_function_words, 1)) and words > own_words
        if not (bare or by_words or _by_dictionary(retyped, spec, latin_knows)):
            continue
        result = read_one(retyped.text, pack, spec.code, today)
        if (lenient or bare) and only is None and not _reads_more(result, text, pack, found):
            continue
        result.warnings.insert(0, latin_note(spec))
        return _mapped_back(result, retyped, text)
    return None


# a Latin-typed text is the language's when its dictionary knows at least this many
# of the words (retyped) that the Latin language's does not, and more of them than
# the Latin language knows that it does not (English slang, "nite", "ya", is both)
DICTIONARY_MIN = 2


def _by_dictionary(
    retyped: Retyped, spec: LanguageSpec, latin_knows: Callable[[str], bool] | None
) -> bool:
    if spec.dictionary is None or latin_knows is None:
        return False
    votes = vote(retyped.words, spec.dictionary, latin_knows)
    return votes.native >= DICTIONARY_MIN and votes.native > votes.latin


def _dictionary(pack: Pack, spec: LanguageSpec | None) -> Callable[[str], bool] | None:
    """The words a language knows as typed (its spelling lists), None without them."""
    if spec is None:
        return None
    speller = lexicon_for(pack, spec.code).speller
    return None if speller is None else speller.is_word


def _mapped_back(result: ParseResult, retyped: Retyped, text: str) -> ParseResult:
    """The evidence's spans and words as she typed them."""
    evidence = []
    for e in result.evidence:
        start, end = retyped.span(e.start, e.end)
        evidence.append(replace(e, start=start, end=end, text=text[start:end]))
    result.evidence = evidence
    return result


def _mixed(text: str, pack: Pack, spec: LanguageSpec, today: date | None) -> ParseResult:
    """A text in the language's own script with some words typed in Latin letters
    ("30 недель, у меня bolit поясница"): those the language's dictionary knows once
    retyped and the Latin language's does not are read retyped; English loan words
    ("stretching"), abbreviations of a letter ("t 38,3") and anything neither
    dictionary settles stay as she typed them."""
    native_knows = spec.dictionary
    if spec.latin is None or native_knows is None or _ANY_LATIN.search(text) is None:
        return read_one(text, pack, spec.code, today)
    english = _dictionary(pack, languages_for(pack).specs.get(DEFAULT))
    if english is None:
        return read_one(text, pack, spec.code, today)
    latin_knows: Callable[[str], bool] = english

    def keep(typed: str, new: str) -> bool:
        t = typed.lower()
        return len(t) < 2 or latin_knows(t) or not native_knows(new.lower())

    # a Latin look-alike inside one of her words ("нe болит") first: one letter for
    # one, so positions in ``own`` are positions in ``text``
    own = lookalikes(text[:READ_CHARS], spec.latin, spec.letters) + text[READ_CHARS:]
    retyped = retype(own, spec.latin, native_knows, keep, READ_CHARS, latin_knows)
    if own == text and all(typed == new for typed, new in retyped.words):
        return read_one(text, pack, spec.code, today)
    return _mapped_back(read_one(retyped.text, pack, spec.code, today), retyped, text)


def _reads_more(retyped: ParseResult, text: str, pack: Pack, found: Detection) -> bool:
    """A short message is taken for Latin-typed Russian only when that reading
    understands something and the Latin language's own reading nothing ("shvatok
    net"; not "pants totally clean so far", whose "so" would be Russian "со")."""
    if not retyped.evidence:
        return False
    return found.code is None or not read_one(text, pack, found.code).evidence
