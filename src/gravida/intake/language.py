"""Which language a text is in, and what the pack says about reading it.

The languages are data (``languages.yaml`` in the pack): each names its phrase
file, how its patterns match, its script and alphabet and a few function
words. Detection needs nothing more: the script most of the letters are in
picks the candidates (the Cyrillic share decides Russian against English),
the alphabet rules out a neighbour sharing the script (Ukrainian і ї є), and
a long text without the language's everyday small words is another language
in the same script (German typed in Latin letters is not English). Text that
fits no language is reported as such, never read as an empty English case.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gravida.knowledge.load import PackError

if TYPE_CHECKING:
    from gravida.intake.lexicon import PackLike

FILE = "languages.yaml"
DEFAULT = "en"
MATCHES = ("lower", "lemma")
NORMALISERS = ("pymorphy3",)
# letters outside a language's alphabet that make a text another language:
# at least this many and this share ("naïve café" stays English, Ukrainian
# "і", "ї", "є" in every other word is not Russian)
OUTSIDE_MIN = 3
DETECT_CHARS = 5000
OUTSIDE_SHARE = 0.04
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
    """One language the intake reads, as ``languages.yaml`` describes it."""

    code: str
    name: str
    phrases: str
    script: str
    letters: frozenset[str]
    match: str
    normaliser: str | None
    function_words: frozenset[str]


@dataclass(frozen=True)
class Languages:
    """Every language read, in the order tried, and the detection thresholds."""

    specs: dict[str, LanguageSpec]
    min_words: int
    min_function_words: int

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.specs)

    def get(self, code: str) -> LanguageSpec:
        spec = self.specs.get(code.strip().lower())
        if spec is None:
            raise LanguageNotRead(code, self.codes)
        return spec


@dataclass(frozen=True)
class Detection:
    """The language of a text, or None with the reason it is none Gravida reads.

    ``doubtful``: the letters fit but the everyday words do not; the text is
    read in ``code`` and taken to be another language only if nothing in it
    is understood (clinical shorthand, "G2P1, 29/40. LBP x 5/7", has few
    everyday words but is read).
    """

    code: str | None
    reason: str
    doubtful: bool = False


_ENGLISH_ONLY = Languages(
    {
        "en": LanguageSpec(
            "en", "English", "phrases.yaml", "LATIN",
            frozenset("abcdefghijklmnopqrstuvwxyz"), "lower", None, frozenset(),
        )
    },
    min_words=8,
    min_function_words=0,
)


def _err(entry: str, problem: str) -> PackError:
    return PackError(FILE, entry, problem)


def _spec(code: str, raw: Any) -> LanguageSpec:
    entry = f"languages.{code}"
    if not isinstance(raw, dict):
        raise _err(entry, "expected a mapping")
    unknown = set(raw) - {
        "name", "phrases", "script", "letters", "match", "normaliser", "function_words",
    }
    if unknown:
        raise _err(entry, f"unknown keys {sorted(unknown)}")
    for key in ("name", "phrases", "script", "letters"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise _err(f"{entry}.{key}", "expected a non-empty string")
    match = raw.get("match", "lower")
    if match not in MATCHES:
        raise _err(f"{entry}.match", f"must be one of {MATCHES}")
    normaliser = raw.get("normaliser")
    if normaliser is not None and normaliser not in NORMALISERS:
        raise _err(f"{entry}.normaliser", f"must be one of {NORMALISERS}")
    if match == "lemma" and normaliser is None:
        raise _err(f"{entry}.normaliser", "a lemma language needs a normaliser")
    words_raw = raw.get("function_words") or ""
    if not isinstance(words_raw, str):
        raise _err(f"{entry}.function_words", "expected words separated by spaces")
    words = words_raw.split()
    return LanguageSpec(
        code=code,
        name=str(raw["name"]),
        phrases=str(raw["phrases"]),
        script=str(raw["script"]).upper(),
        letters=frozenset(str(raw["letters"]).lower()),
        match=str(match),
        normaliser=None if normaliser is None else str(normaliser),
        function_words=frozenset(w.lower() for w in words),
    )


def load_languages(pack: PackLike) -> Languages:
    """The pack's languages; a pack without ``languages.yaml`` reads English only."""
    if not (pack.directory / FILE).exists():
        return _ENGLISH_ONLY
    raw = pack.read(FILE)
    if not isinstance(raw, dict) or not isinstance(raw.get("languages"), dict):
        raise _err("languages", "expected a mapping of language code to its entry")
    specs = {str(code).lower(): _spec(str(code), v) for code, v in raw["languages"].items()}
    if DEFAULT not in specs:
        raise _err("languages", f"the default language {DEFAULT!r} is missing")
    detect = raw.get("detect") or {}
    min_words = detect.get("min_words", 8)
    min_fw = detect.get("min_function_words", 2)
    for name, v in (("min_words", min_words), ("min_function_words", min_fw)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise _err(f"detect.{name}", "expected a whole number >= 0")
    return Languages(specs, int(min_words), int(min_fw))


_CACHE: dict[Path, Languages] = {}


def languages_for(pack: PackLike) -> Languages:
    """``load_languages`` once per pack directory (it is read for every text)."""
    key = Path(pack.directory).resolve()
    langs = _CACHE.get(key)
    if langs is None:
        langs = _CACHE[key] = load_languages(pack)
    return langs


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
    script, _ = scripts.most_common(1)[0]
    candidates = [s for s in langs.specs.values() if s.script == script]
    if not candidates:
        return Detection(None, f"written in {script.title()} letters")
    in_script = [ch.lower() for ch in text if ch.isalpha() and _script(ch) == script]
    words = [w.lower() for w in _WORD.findall(text) if _script(w[0]) == script]
    refusals: list[str] = []
    doubtful: Detection | None = None
    for spec in candidates:
        outside = sum(1 for ch in in_script if ch not in spec.letters)
        hits = sum(1 for w in words if w in spec.function_words)
        reason = ""
        if outside >= OUTSIDE_MIN and outside > OUTSIDE_SHARE * len(in_script):
            reason = f"letters outside the {spec.name} alphabet"
        elif len(words) >= langs.min_words and hits < langs.min_function_words:
            reason = f"not the everyday words of {spec.name}"
        if reason:
            refusals.append(reason)
            doubtful = doubtful or Detection(spec.code, reason, doubtful=True)
            continue
        return Detection(spec.code, f"{script.title()} letters")
    return doubtful or Detection(None, "; ".join(refusals))


def unread_warning(detection: Detection, langs: Languages) -> str:
    """The message for a text in a language Gravida does not read (shown to people)."""
    names = ", ".join(s.name for s in langs.specs.values())
    return (
        f"the text is in a language Gravida cannot read ({detection.reason}); "
        f"nothing was taken from it. Gravida reads: {names}"
    )


def doubt_warning(detection: Detection, langs: Languages) -> str:
    """The message for a text read in a language it may not be in."""
    name = langs.get(detection.code or DEFAULT).name
    return (
        f"the text may not be in {name} ({detection.reason}); it was read as {name}, "
        "so check what was understood"
    )
