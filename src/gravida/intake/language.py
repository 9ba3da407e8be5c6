"""Which language a text is in, and what its phrase file says about reading it.

The languages are data: every phrase file in the pack (``phrases/en.yaml``,
``phrases/ru.yaml``) names its language, its script and alphabet, a few
everyday words, and how its patterns match. Detection needs nothing more: the
script most of the letters are in picks the candidates (the Cyrillic share
decides Russian against English); a text whose letters fall outside the
alphabet (Ukrainian і ї є beside Russian) or that lacks the everyday words
(German typed in Latin letters is not English) is doubtful, read only if
something in it is understood. Text that fits no language is reported as
such, never read as an empty English case.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gravida.intake.lexicon import DEFAULT_LANGUAGE, languages, phrase_file
from gravida.intake.morph import dictionary_of
from gravida.intake.translit import LatinTyping
from gravida.knowledge.i18n import _
from gravida.knowledge.load import Pack, PackError

DEFAULT = DEFAULT_LANGUAGE
# letters outside a language's alphabet that make a text doubtful: at least this
# many and this share ("naïve café" stays English; Ukrainian "і", "ї", "є" in
# every other word is not Russian)
OUTSIDE_MIN = 3
OUTSIDE_SHARE = 0.04
DETECT_CHARS = 5000
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


class LanguageNotRead(ValueError):
    """A language was asked for (``--lang``, ``lang``) that Gravida cannot read."""

    def __init__(self, code: str, known: tuple[str, ...]) -> None:
        self.code = code
        self.known = known
        super().__init__(
            f"free text in language {code!r} cannot be read; languages read: {', '.join(known)}"
        )


@dataclass(frozen=True)
class LanguageSpec:
    """How to tell one language's text apart, as its phrase file describes it."""

    code: str
    name: str
    script: str
    letters: frozenset[str]
    function_words: frozenset[str]
    min_words: int
    min_function_words: int
    # how text typed in Latin letters is turned into this language's script
    # (None: not done)
    latin: LatinTyping | None = None
    # the language's dictionary of word forms (its normaliser's; None: none), which
    # settles Latin-typed spellings and tells Latin-typed words from English ones
    dictionary: Callable[[str], bool] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Languages:
    """Every language read, in the order tried (the default first)."""

    specs: dict[str, LanguageSpec]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.specs)

    def get(self, code: str) -> LanguageSpec:
        spec = self.specs.get(str(code).strip().lower())
        if spec is None:
            raise LanguageNotRead(str(code), self.codes)
        return spec


@dataclass(frozen=True)
class Detection:
    """The language of a text, or None with the reason it is none Gravida reads.

    ``doubtful``: the script fits but the alphabet or the everyday words do not;
    the text is read in ``code`` and taken to be another language only if
    nothing in it is understood (clinical shorthand, "G2P1, 29/40. LBP x 5/7",
    has few everyday words but is read).
    """

    code: str | None
    reason: str
    doubtful: bool = False


def _spec(code: str, raw: Any) -> LanguageSpec:
    file = phrase_file(code)
    if not isinstance(raw, dict):
        raise PackError(file, "-", "expected a mapping at the top level")
    for key in ("name", "script", "letters"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise PackError(file, key, "expected a non-empty string")
    words = raw.get("function_words") or ""
    if not isinstance(words, str):
        raise PackError(file, "function_words", "expected words separated by spaces")
    detect_raw = raw.get("detect") or {}
    if not isinstance(detect_raw, dict):
        raise PackError(file, "detect", "expected min_words and min_function_words")
    limits = []
    for name in ("min_words", "min_function_words"):
        v = detect_raw.get(name, 0)
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise PackError(file, f"detect.{name}", "expected a whole number >= 0")
        limits.append(v)
    return LanguageSpec(
        latin=_latin_typing(raw.get("latin_typing"), file),
        dictionary=dictionary_of(raw.get("normaliser")),
        code=code,
        name=str(raw["name"]),
        script=str(raw["script"]).upper(),
        letters=frozenset(str(raw["letters"]).lower()),
        function_words=frozenset(w.lower() for w in words.split()),
        min_words=limits[0],
        min_function_words=limits[1],
    )


def _latin_typing(raw: Any, file: str) -> LatinTyping | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("scheme"), str):
        raise PackError(file, "latin_typing", "expected scheme, before and again")
    lists = {}
    for key in ("before", "again"):
        pairs = raw.get(key) or []
        if not isinstance(pairs, list) or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) and x for x in p)
            for p in pairs
        ):
            raise PackError(file, f"latin_typing.{key}", "expected [latin, native] pairs")
        lists[key] = tuple((str(a), str(b)) for a, b in pairs)
    from transliterate import get_available_language_codes

    if raw["scheme"] not in get_available_language_codes():
        raise PackError(file, "latin_typing.scheme", f"unknown scheme {raw['scheme']!r}")
    # Latin letters that look like the script's own, typed inside its words
    look = raw.get("lookalike") or {}
    latin = look.get("latin", "") if isinstance(look, dict) else None
    native = look.get("native", "") if isinstance(look, dict) else None
    if not (isinstance(latin, str) and isinstance(native, str) and len(latin) == len(native)):
        raise PackError(
            file, "latin_typing.lookalike", "expected latin and native letters, as many of each"
        )
    return LatinTyping(str(raw["scheme"]), lists["before"], lists["again"], (latin, native))


def load_languages(pack: Pack) -> Languages:
    """The languages of the pack's phrase files, the default language first."""
    codes = languages(pack)
    if DEFAULT not in codes:
        raise PackError(phrase_file(DEFAULT), "-", "the default language's phrases are missing")
    ordered = [DEFAULT] + [c for c in codes if c != DEFAULT]
    return Languages({c: _spec(c, pack.read(phrase_file(c))) for c in ordered})


def languages_for(pack: Pack) -> Languages:
    """``load_languages`` once per pack (it is needed for every text)."""
    return pack.memo(load_languages)


def everyday_words(text: str, spec: LanguageSpec, min_len: int = 1) -> int:
    """How many of the language's everyday words, ``min_len`` letters or more, the text has."""
    return sum(
        1
        for w in _WORD.findall(text[:DETECT_CHARS])
        if len(w) >= min_len and w.lower() in spec.function_words
    )


def _script(ch: str) -> str:
    try:
        return unicodedata.name(ch).split()[0]
    except ValueError:
        return "UNKNOWN"


def detect(text: str, langs: Languages) -> Detection:
    """The language a text is written in, from its letters and its small words.

    Only the first ``DETECT_CHARS`` characters are looked at: enough to tell,
    and a huge input costs no more than a long one.
    """
    text = text[:DETECT_CHARS]
    scripts = Counter(_script(ch) for ch in text if ch.isalpha())
    if not scripts:
        # nothing to read in any language ("", "38.5", "!!!"): the default reads
        # its numbers and says what is missing
        return Detection(DEFAULT, "no letters")
    # a tie goes to the script that is not Latin: Latin letters are the abbreviations
    # and units of a note in another script ("Ps 108, АД 100/60"), seldom the reverse
    script = max(scripts.items(), key=lambda kv: (kv[1], kv[0] != "LATIN"))[0]
    candidates = [s for s in langs.specs.values() if s.script == script]
    if not candidates:
        return Detection(None, _("written in %(script)s letters") % {"script": script.title()})
    in_script = [ch.lower() for ch in text if ch.isalpha() and _script(ch) == script]
    words = [w.lower() for w in _WORD.findall(text) if _script(w[0]) == script]
    refusals: list[str] = []
    doubtful: Detection | None = None
    for spec in candidates:
        outside = sum(1 for ch in in_script if ch not in spec.letters)
        hits = sum(1 for w in words if w in spec.function_words)
        reason = ""
        if outside >= OUTSIDE_MIN and outside > OUTSIDE_SHARE * len(in_script):
            reason = _("letters outside the %(language)s alphabet") % {"language": spec.name}
        elif len(words) >= spec.min_words and hits < spec.min_function_words:
            reason = _("not the everyday words of %(language)s") % {"language": spec.name}
        if reason:
            refusals.append(reason)
            doubtful = doubtful or Detection(spec.code, reason, doubtful=True)
            continue
        return Detection(spec.code, f"{script.title()} letters")
    return doubtful or Detection(None, "; ".join(refusals))


def unread_warning(detection: Detection, langs: Languages) -> str:
    """The message for a text in a language Gravida does not read (shown to people)."""
    names = ", ".join(s.name for s in langs.specs.values())
    return _(
        "the text is in a language Gravida cannot read (%(reason)s); "
        "nothing was taken from it. Gravida reads: %(languages)s"
    ) % {"reason": detection.reason, "languages": names}


def doubt_warning(detection: Detection, langs: Languages) -> str:
    """The message for a text read in a language it may not be in."""
    name = langs.get(detection.code or DEFAULT).name
    return _(
        "the text may not be in %(language)s (%(reason)s); it was read as %(language)s, "
        "so check what was understood"
    ) % {"language": name, "reason": detection.reason}


def latin_note(spec: LanguageSpec) -> str:
    """The note for a text read as ``spec``'s language typed in Latin letters."""
    return _("the text was read as %(language)s typed in Latin letters") % {"language": spec.name}
