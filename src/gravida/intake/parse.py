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
from dataclasses import replace
from datetime import date

from gravida.engine.case import Findings
from gravida.intake.evidence import ParseResult, TextEvidence
from gravida.intake.language import (
    Detection,
    Languages,
    detect,
    doubt_warning,
    everyday_words,
    languages_for,
    latin_note,
    unread_warning,
)
from gravida.intake.reading import read_one
from gravida.intake.translit import retype
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
        return read_one(text, pack, language, today)
    found = detect(text, langs)
    if found.code is None or found.doubtful or _script_of(found, langs) == "LATIN":
        # Russian typed on a Latin keyboard: its everyday words, once retyped,
        # outnumber the Latin language's own ("srok 30 nedel, bolit pojasnica")
        latin = _latin_typed(text, pack, langs, found, today=today)
        if latin is not None:
            return latin
    if found.code is None:
        return ParseResult(Findings(), [], [unread_warning(found, langs)], False, None)
    result = read_one(text, pack, found.code, today)
    if found.doubtful and not result.evidence:
        return ParseResult(Findings(), [], [unread_warning(found, langs)], False, None)
    if found.doubtful:
        result.warnings.insert(0, doubt_warning(found, langs))
    return result


def _script_of(found: Detection, langs: Languages) -> str | None:
    return langs.specs[found.code].script if found.code in langs.specs else None


_WORDS = re.compile(r"[^\W\d_]{2,}")


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
    # nothing but one-letter abbreviations and numbers ("t 38,3"): no word tells the
    # language, so a reading that understands something where the Latin one does not
    # decides (``_reads_more``)
    bare = _WORDS.search(text) is None
    for spec in langs.specs.values():
        if spec.latin_scheme is None or only not in (None, spec.code):
            continue
        retyped = retype(text, spec.latin_scheme, spec.latin_before)
        again = detect(retyped.text, langs)
        # however short, Latin letters are taken for another language only when
        # its everyday words show in them, more than the Latin language's own
        words = everyday_words(retyped.text, spec, 2)
        # a message shorter than ``detect.min_words`` ("shvatok net") needs one
        short = len(retyped.text.split()) < spec.min_words
        lenient = short and words < max(spec.min_function_words, 1)
        if (
            again.code != spec.code
            or again.doubtful
            or (
                not bare
                and (
                    words < (1 if short else max(spec.min_function_words, 1))
                    or words <= own_words
                )
            )
        ):
            continue
        result = read_one(retyped.text, pack, spec.code, today)
        if (lenient or bare) and only is None and not _reads_more(result, text, pack, found):
            continue
        evidence = []
        for e in result.evidence:
            start, end = retyped.span(e.start, e.end)
            evidence.append(replace(e, start=start, end=end, text=text[start:end]))
        result.evidence = evidence
        result.warnings.insert(0, latin_note(spec))
        return result
    return None


def _reads_more(retyped: ParseResult, text: str, pack: Pack, found: Detection) -> bool:
    """A short message is taken for Latin-typed Russian only when that reading
    understands something and the Latin language's own reading nothing ("shvatok
    net"; not "pants totally clean so far", whose "so" would be Russian "со")."""
    if not retyped.evidence:
        return False
    return found.code is None or not read_one(text, pack, found.code).evidence
