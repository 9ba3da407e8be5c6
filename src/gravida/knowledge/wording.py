"""The words a woman reads on her result: one action per level, likelihood, negations.

Read from the pack's wording.yaml and checked once at load, so a level with
no action or a negation for a finding that does not exist fails at start-up
naming the entry, not in the middle of her result. Pure data and plain
string work: the result pages (web, CLI) arrange these words, they never
write them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field

from gravida.knowledge.load import Pack, PackError, default_pack, validate
from gravida.knowledge.schema import Strict

FILE = "wording.yaml"

Call = Literal["emergency", "maternity", "none"]


class _Early(Strict):
    """The words before the weeks at which maternity triage takes women."""

    before_weeks: float = Field(gt=0.0, le=45.0)
    action: str = Field(min_length=1)
    button: str


class _Level(Strict):
    action: str = Field(min_length=1)
    call: Call
    button: str
    early: _Early | None = None


class _Band(Strict):
    from_: float = Field(alias="from", ge=0.0, le=1.0)
    words: str = Field(min_length=1)


class _WordingFile(Strict):
    levels: dict[str, _Level]
    no_maternity_number: str
    emergency_line: str
    likelihood: list[_Band] = Field(min_length=1)
    absent: dict[str, str]


@dataclass(frozen=True)
class LevelWords:
    """What to do at one triage level: the action, which number to ring, the button."""

    action: str
    call: Call
    button: str
    early: LevelWords | None = None  # said before ``before_weeks`` (another place of care)
    before_weeks: float = 0.0


@dataclass(frozen=True)
class Wording:
    levels: dict[str, LevelWords]
    no_maternity_number: str
    emergency_line: str
    bands: tuple[tuple[float, str], ...]  # (from, words), highest first
    absent: dict[str, str]

    def at(self, level: str, weeks: float) -> LevelWords:
        """The level's words at her weeks: early in pregnancy another place sees her."""
        words = self.levels[level]
        if words.early is not None and weeks < words.before_weeks:
            return words.early
        return words

    def likelihood(self, p: float) -> str:
        """A probability in words for a lay reader ("most likely", "possible"...)."""
        for lo, words in self.bands:
            if p >= lo:
                return words
        return self.bands[-1][1]

    def negated(self, finding: str, label: str) -> str:
        """A finding said as absent; the pack's wording, else "no" + the label."""
        words = self.absent.get(finding)
        if words is not None:
            return words
        for article in ("a ", "an ", "the "):
            if label.startswith(article):
                label = label[len(article):]
                break
        return f"no {label}"


def fill(text: str, numbers: dict[str, str]) -> str:
    """Put the deployment's phone numbers into a sentence ({emergency}, {maternity})."""
    out = text
    for key, value in numbers.items():
        out = out.replace("{" + key + "}", value)
    return out


def load_wording(pack: Pack) -> Wording:
    """Read and check wording.yaml of ``pack``; raises PackError naming the entry."""
    raw: Any = pack.read(FILE)
    data = validate(_WordingFile, raw, FILE)
    for level in pack.levels:
        if level not in data.levels:
            raise PackError(FILE, f"levels.{level}", "triage level has no action")
    for level, words in data.levels.items():
        if level not in pack.levels:
            raise PackError(FILE, f"levels.{level}", "not a triage level")
        if words.call != "none" and not words.button:
            raise PackError(FILE, f"levels.{level}", "a level that calls needs a button")
        if words.early is not None and words.call != "none" and not words.early.button:
            raise PackError(FILE, f"levels.{level}.early", "a level that calls needs a button")
    booleans = set(pack.booleans)  # the vocabulary's yes/no findings and the derived ones
    for fid in data.absent:
        if fid not in booleans:
            raise PackError(FILE, f"absent.{fid}", "not a yes/no finding")
    bands = sorted(((b.from_, b.words) for b in data.likelihood), reverse=True)
    if bands[-1][0] != 0.0:
        raise PackError(FILE, "likelihood", "the last band must start at 0")
    return Wording(
        {lvl: _level_words(w) for lvl, w in data.levels.items()},
        data.no_maternity_number, data.emergency_line, tuple(bands), dict(data.absent),
    )


def _level_words(w: _Level) -> LevelWords:
    if w.early is None:
        return LevelWords(w.action, w.call, w.button)
    early = LevelWords(w.early.action, w.call, w.early.button)
    return LevelWords(w.action, w.call, w.button, early, w.early.before_weeks)


def wording_for(pack: Pack) -> Wording:
    """``pack``'s wording, read and checked once, in the Pack's memo."""
    return pack.memo(load_wording)


def default_wording(lang: str = "en") -> Wording:
    """The packaged pack's wording in ``lang``."""
    return wording_for(default_pack(lang))
