"""Is this medicine all right at this stage of pregnancy?

A woman types what is on the packet: an INN, a brand, a Cyrillic brand, with
typos. The answer must never be "safe" by accident, so matching is strict
enough that an unrelated word finds nothing (and nothing found means
"unknown: ask a pharmacist"), and when a query names several medicines the
answer is for the one that needs most care. Every verdict, reason, dose limit
and source comes from ``medicines.yaml``; this module only matches and picks.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator
from rapidfuzz import fuzz, process

from gravida.advice._pack import (
    PackLike,
    check_sources,
    check_weeks_in,
    load_sources,
    pack_dir,
    pack_lang,
    vocabulary,
    weeks_range,
    weeks_text,
)
from gravida.knowledge.load import PackError, read_text_yaml, validate
from gravida.knowledge.schema import Source, Strict

FILE = "medicines.yaml"

Verdict = Literal["generally_safe", "caution", "avoid", "contraindicated"]
Answer = Literal["generally_safe", "caution", "avoid", "contraindicated", "unknown"]

# The order of the verdict scale itself (not clinical data): higher needs more care.
SEVERITY: dict[str, int] = {"generally_safe": 0, "caution": 1, "avoid": 2, "contraindicated": 3}


# --- the file's shape ------------------------------------------------------------------


class Stage(Strict):
    weeks: tuple[float, float]
    verdict: Verdict
    reason: str = Field(min_length=1)
    sources: list[str]


class Dose(Strict):
    text: str = Field(min_length=1)
    max_per_dose: str | None = None
    max_per_24h: str | None = None
    min_hours_between_doses: float | None = None
    sources: list[str]


class Note(Strict):
    text: str = Field(min_length=1)
    sources: list[str]


class Medicine(Strict):
    inn: str = Field(min_length=1)
    name: str = Field(min_length=1)
    kind: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    prescription_only: bool = False
    stages: list[Stage] = Field(min_length=1)
    dose: Dose | None = None
    note: Note | None = None

    @field_validator("aliases", mode="before")
    @classmethod
    def _aliases_are_text(cls, v: Any) -> Any:
        # YAML reads a bare number or yes/no as non-text; an alias is always text.
        if isinstance(v, list):
            return [str(a) for a in v]
        return v


class Match(Strict):
    score_cutoff: float = Field(ge=50, le=100)
    exact_only_below: int = Field(ge=1, le=20)
    max_query_chars: int = Field(ge=10, le=10_000)
    max_query_words: int = Field(ge=1, le=50)
    exact_word_below: int = Field(ge=1, le=10)


class Words(Strict):
    verdicts: dict[Answer, str]
    unknown: str
    empty: str
    too_long: str
    unreadable: str
    stage_unknown: str
    stage_same: str
    at_weeks: str
    several: str
    fuzzy: str
    prescription_only: str
    range_any: str
    range_before: str
    range_from: str
    range_between: str


class MedicinesFile(Strict):
    match: Match
    words: Words
    templates: dict[str, Any] = Field(default_factory=dict)  # YAML anchors only
    medicines: dict[str, Medicine] = Field(min_length=1)


# --- the loaded book ---------------------------------------------------------------------


@dataclass(frozen=True)
class Alias:
    text: str  # as written in the pack, for showing
    compact: str  # normalised, without spaces: what is compared
    tokens: int
    words: tuple[str, ...]
    digits: tuple[str, ...]
    medicine: str


@dataclass(frozen=True)
class MedicineBook:
    """medicines.yaml, validated and indexed for matching."""

    directory: Path
    data: MedicinesFile
    sources: dict[str, Source]
    weeks_lo: float
    weeks_hi: float
    aliases: tuple[Alias, ...]
    compacts: tuple[str, ...]
    by_compact: dict[str, Alias]
    max_alias_tokens: int

    @property
    def medicines(self) -> dict[str, Medicine]:
        return self.data.medicines

    @property
    def words(self) -> Words:
        return self.data.words


_DIGITS = re.compile(r"\d+")
_UNIT = re.compile(r"(\d+)\s+(mg|mcg|g|ml|iu|мг|мкг|г|мл)(?!\w)")


def tokens(text: str) -> list[str]:
    """Lower-case words of letters and digits (any script); "500 mg" becomes "500mg"."""
    t = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    t = "".join(ch if ch.isalnum() else " " for ch in t)
    t = _UNIT.sub(r"\1\2", t)
    return t.split()


def _validate_medicine(mid: str, med: Medicine, book_sources: dict[str, Source],
                       lo: float, hi: float) -> None:
    where = f"medicines.{mid}"
    prev_end = lo
    for i, st in enumerate(med.stages):
        start, end = st.weeks
        if not start < end:
            raise PackError(FILE, f"{where}.stages[{i}]", f"weeks {list(st.weeks)} is empty")
        if start != prev_end:
            problem = "overlaps the stage before" if start < prev_end else "leaves a gap"
            raise PackError(
                FILE, f"{where}.stages[{i}]",
                f"weeks {list(st.weeks)} {problem} (expected to start at {weeks_text(prev_end)})",
            )
        prev_end = end
        check_sources(st.sources, book_sources, FILE, f"{where}.stages[{i}]")
    if prev_end <= hi:
        raise PackError(
            FILE, f"{where}.stages",
            f"weeks end at {weeks_text(prev_end)}; they must cover up to week {weeks_text(hi)}",
        )
    if med.dose is not None:
        check_sources(med.dose.sources, book_sources, FILE, f"{where}.dose")
    if med.note is not None:
        check_sources(med.note.sources, book_sources, FILE, f"{where}.note")


def _check_templates(words: Words) -> None:
    """A template with a wrong placeholder must fail at load, not in front of a user."""
    samples: dict[str, dict[str, str]] = {
        "at_weeks": {"weeks": "1"},
        "several": {"others": "x"},
        "fuzzy": {"query": "x", "alias": "y"},
        "range_before": {"end": "1"},
        "range_from": {"start": "1"},
        "range_between": {"start": "1", "end": "2"},
    }
    for name, kwargs in samples.items():
        try:
            getattr(words, name).format(**kwargs)
        except (KeyError, IndexError, ValueError) as exc:
            raise PackError(FILE, f"words.{name}", f"bad placeholder: {exc}") from None
    missing = set(SEVERITY) | {"unknown"}
    missing -= set(words.verdicts)
    if missing:
        raise PackError(FILE, "words.verdicts", f"missing words for {sorted(missing)}")


@cache
def _load(directory: Path, lang: str) -> MedicineBook:
    data = validate(MedicinesFile, read_text_yaml(directory, FILE, lang), FILE)
    sources = load_sources(directory)
    lo, hi = weeks_range(vocabulary(directory))
    _check_templates(data.words)
    aliases: list[Alias] = []
    by_compact: dict[str, Alias] = {}
    for mid, med in data.medicines.items():
        _validate_medicine(mid, med, sources, lo, hi)
        for text in [med.inn, med.name, mid, *med.aliases]:
            toks = tokens(text)
            compact = "".join(toks)
            if not compact:
                raise PackError(FILE, f"medicines.{mid}.aliases", f"alias {text!r} has no letters")
            seen = by_compact.get(compact)
            if seen is not None:
                if seen.medicine != mid:
                    raise PackError(
                        FILE, f"medicines.{mid}.aliases",
                        f"alias {text!r} also names {seen.medicine!r}",
                    )
                continue
            alias = Alias(
                text, compact, len(toks), tuple(toks), tuple(_DIGITS.findall(compact)), mid
            )
            by_compact[compact] = alias
            aliases.append(alias)
    return MedicineBook(
        directory=directory,
        data=data,
        sources=sources,
        weeks_lo=lo,
        weeks_hi=hi,
        aliases=tuple(aliases),
        compacts=tuple(a.compact for a in aliases),
        by_compact=by_compact,
        max_alias_tokens=max(a.tokens for a in aliases),
    )


def load_medicines(pack: PackLike = None, lang: str | None = None) -> MedicineBook:
    """The medicine book of a pack (or pack directory), in ``lang`` (default: the pack's).

    Loaded once per directory and language.
    """
    return _load(pack_dir(pack), pack_lang(pack, lang))


# --- verdicts by stage ---------------------------------------------------------------------


def check_weeks(weeks: float | None, book: MedicineBook) -> float | None:
    """Weeks as a float in the vocabulary's range, or a ValueError that says what is wrong."""
    if weeks is None:
        return None
    return check_weeks_in(weeks, book.weeks_lo, book.weeks_hi)


def stage_at(med: Medicine, weeks: float | None) -> Stage:
    """The stage in force at ``weeks``; with no weeks, the one that needs most care."""
    if weeks is None:
        return max(med.stages, key=lambda s: SEVERITY[s.verdict])  # first of the worst
    for st in med.stages:
        if st.weeks[0] <= weeks < st.weeks[1]:
            return st
    return med.stages[-1]  # unreachable once the pack is validated; safest is the last


def range_text(stage: Stage, med: Medicine, words: Words) -> str:
    start, end = stage.weeks
    first, last = med.stages[0], med.stages[-1]
    if stage is first and stage is last:
        return words.range_any
    if stage is first:
        return words.range_before.format(end=weeks_text(end))
    if stage is last:
        return words.range_from.format(start=weeks_text(start))
    return words.range_between.format(start=weeks_text(start), end=weeks_text(end))


# --- matching -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    alias: Alias
    score: float
    start: int
    width: int

    def overlaps(self, other: Hit) -> bool:
        return self.start < other.start + other.width and other.start < self.start + self.width


def find(query_tokens: list[str], book: MedicineBook) -> list[Hit]:
    """Medicines named in the query: distinct, on non-overlapping words, best first.

    Every run of words is compared with every alias of a similar number of
    words, spaces ignored (so "no-shpa", "noshpa" and "no shpa" agree). A
    longer run that matches wins over a shorter one inside it, so "nurofen gel"
    is the gel, not the tablets. Numbers must agree exactly, so "aspirin
    300mg" can never be read as "aspirin 75mg", and very short words must be
    there exactly, so "vitamin a" is never read as "vitamin d".
    """
    m = book.data.match
    hits: list[Hit] = []
    n = len(query_tokens)
    for width in range(1, min(n, book.max_alias_tokens + 1) + 1):
        for start in range(n - width + 1):
            compact = "".join(query_tokens[start:start + width])
            digits = tuple(_DIGITS.findall(compact))
            window = query_tokens[start:start + width]
            short = {t for t in window if len(t) < m.exact_word_below}
            exact = book.by_compact.get(compact)
            if exact is not None:
                hits.append(Hit(exact, 100.0, start, width))
            for _, score, idx in process.extract(
                compact, book.compacts, scorer=fuzz.ratio,
                score_cutoff=m.score_cutoff, limit=None,
            ):
                alias = book.aliases[idx]
                if (
                    alias is exact
                    or abs(alias.tokens - width) > 1
                    or alias.digits != digits
                    or len(alias.compact) < m.exact_only_below
                    or len(compact) < m.exact_only_below
                    or short != {t for t in alias.words if len(t) < m.exact_word_below}
                ):
                    continue
                hits.append(Hit(alias, float(score), start, width))
    hits.sort(key=lambda h: (-h.width, -h.score, -len(h.alias.compact), h.start))
    chosen: list[Hit] = []
    for h in hits:
        if any(h.overlaps(c) or h.alias.medicine == c.alias.medicine for c in chosen):
            continue
        chosen.append(h)
    return chosen


# --- the answer ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StageVerdict:
    weeks: tuple[float, float]
    range: str
    verdict: str
    verdict_text: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"weeks": list(self.weeks), "range": self.range, "verdict": self.verdict,
                "verdict_text": self.verdict_text, "reason": self.reason}


@dataclass(frozen=True)
class MedicineVerdict:
    """The answer for one query: what it matched, the verdict, why, and on whose word."""

    query: str
    medicine: str | None  # the INN matched, or None
    medicine_id: str | None
    name: str | None
    kind: str | None
    matched_alias: str | None
    match_score: float | None
    weeks: float | None
    verdict: Answer
    verdict_text: str
    reason: str
    stage_note: str
    sources: tuple[str, ...]
    references: tuple[Source, ...] = ()
    dose: Dose | None = None
    note: Note | None = None
    prescription_only: bool = False
    prescription_text: str | None = None
    match_note: str | None = None
    also_named: tuple[str, ...] = ()
    by_stage: tuple[StageVerdict, ...] = field(default_factory=tuple)

    @property
    def found(self) -> bool:
        return self.medicine is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "medicine": self.medicine,
            "medicine_id": self.medicine_id,
            "name": self.name,
            "kind": self.kind,
            "matched_alias": self.matched_alias,
            "match_score": self.match_score,
            "weeks": self.weeks,
            "verdict": self.verdict,
            "verdict_text": self.verdict_text,
            "reason": self.reason,
            "stage_note": self.stage_note,
            "dose": None if self.dose is None else {
                "text": self.dose.text,
                "max_per_dose": self.dose.max_per_dose,
                "max_per_24h": self.dose.max_per_24h,
                "min_hours_between_doses": self.dose.min_hours_between_doses,
            },
            "dose_limit": None if self.dose is None else self.dose.text,
            "note": None if self.note is None else self.note.text,
            "prescription_only": self.prescription_only,
            "match_note": self.match_note,
            "also_named": list(self.also_named),
            "by_stage": [s.to_json() for s in self.by_stage],
            "sources": list(self.sources),
            "references": [
                {"id": sid, **ref.model_dump(exclude_none=True)}
                for sid, ref in zip(self.sources, self.references, strict=True)
            ],
        }


def _echo(query: str, limit: int) -> str:
    """The query as it is safe to show back: printable characters only, bounded."""
    clean = "".join(ch if ch.isprintable() else " " for ch in query[: limit * 2])
    clean = " ".join(clean.split())
    return clean[:limit] + ("…" if len(clean) > limit else "")


def _unknown(query: str, weeks: float | None, reason: str, book: MedicineBook) -> MedicineVerdict:
    w = book.words
    return MedicineVerdict(
        query=query, medicine=None, medicine_id=None, name=None, kind=None,
        matched_alias=None, match_score=None, weeks=weeks, verdict="unknown",
        verdict_text=w.verdicts["unknown"], reason=reason,
        stage_note="" if weeks is None else w.at_weeks.format(weeks=weeks_text(weeks)),
        sources=(),
    )


def _dedupe(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def verdict_for(medicine_id: str, weeks: float | None, book: MedicineBook,
                query: str | None = None, hit: Hit | None = None,
                others: tuple[str, ...] = ()) -> MedicineVerdict:
    """The verdict for a known medicine id at ``weeks`` (None: the most cautious stage)."""
    med = book.medicines[medicine_id]
    w = book.words
    stage = stage_at(med, weeks)
    if weeks is None:
        cited = [s for st in med.stages for s in st.sources]
        same = len({st.verdict for st in med.stages}) == 1
        stage_note = w.stage_same if same else w.stage_unknown
    else:
        cited = list(stage.sources)
        stage_note = w.at_weeks.format(weeks=weeks_text(weeks))
    if med.dose is not None:
        cited += med.dose.sources
    if med.note is not None:
        cited += med.note.sources
    sources = _dedupe(cited)
    match_note = None
    if hit is not None and hit.score < 100 and query is not None:
        match_note = w.fuzzy.format(query=query, alias=hit.alias.text)
    if others:
        several = w.several.format(others=", ".join(others))
        match_note = f"{match_note} {several}" if match_note else several
    return MedicineVerdict(
        query=query if query is not None else med.name,
        medicine=med.inn,
        medicine_id=medicine_id,
        name=med.name,
        kind=med.kind,
        matched_alias=None if hit is None else hit.alias.text,
        match_score=None if hit is None else round(hit.score, 1),
        weeks=weeks,
        verdict=stage.verdict,
        verdict_text=w.verdicts[stage.verdict],
        reason=stage.reason,
        stage_note=stage_note,
        sources=sources,
        references=tuple(book.sources[s] for s in sources),
        dose=med.dose,
        note=med.note,
        prescription_only=med.prescription_only,
        prescription_text=w.prescription_only if med.prescription_only else None,
        match_note=match_note,
        also_named=others,
        by_stage=tuple(
            StageVerdict(st.weeks, range_text(st, med, w), st.verdict, w.verdicts[st.verdict],
                         st.reason)
            for st in med.stages
        ),
    )


def check(query: str, weeks: float | None, pack: PackLike = None) -> MedicineVerdict:
    """The verdict for the medicine named in ``query`` at ``weeks`` of pregnancy.

    ``weeks`` None gives the most cautious verdict over the whole pregnancy,
    and says that it depends on the stage. Any text is accepted: what cannot
    be matched is "unknown", never safe. Only an out-of-range ``weeks`` (a
    caller's error, not a user's text) raises ValueError; a broken pack raises
    PackError.
    """
    book = load_medicines(pack)
    w = check_weeks(weeks, book)
    limit = book.data.match.max_query_chars
    text = query if isinstance(query, str) else ""
    shown = _echo(text, limit)
    if not text.strip():
        return _unknown(shown, w, book.words.empty, book)
    if len(text) > limit:
        return _unknown(shown, w, book.words.too_long, book)
    toks = tokens(text)
    if not toks:
        return _unknown(shown, w, book.words.unreadable, book)
    if len(toks) > book.data.match.max_query_words:
        return _unknown(shown, w, book.words.too_long, book)
    hits = find(toks, book)
    if not hits:
        return _unknown(shown, w, book.words.unknown, book)

    def care(h: Hit) -> int:
        return SEVERITY[stage_at(book.medicines[h.alias.medicine], w).verdict]

    primary = max(hits, key=care)  # first of the most cautious, in match order
    others = tuple(book.medicines[h.alias.medicine].name for h in hits if h is not primary)
    return verdict_for(primary.alias.medicine, w, book, shown, primary, others)
