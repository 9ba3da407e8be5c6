"""workup.yaml: its shape, and the book it loads into (checked against the pack)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Literal

import numpy as np
import numpy.typing as npt
from pydantic import Field, model_validator

from gravida.advice._pack import check_sources
from gravida.knowledge.load import Pack, PackError, default_pack, validate
from gravida.knowledge.schema import Strict

if TYPE_CHECKING:
    from gravida.advice.workup.leading import Leading

FILE = "workup.yaml"

Line = Literal["first", "second", "ionising"]
Prob = Annotated[float, Field(ge=0.0, le=1.0)]
Text = Annotated[str, Field(min_length=1)]
LEADING_CACHE_SIZE = 512  # sets of leading conditions remembered per pack (not clinical)


# --- the file's shape ------------------------------------------------------------------


class CitedText(Strict):
    text: Text
    sources: list[str]


class ShownToHer(Strict):
    """How much of "what happens next" the woman reads at a level (the rest is the clinician's).

    causes: how many leading causes get their "if it is ..." paragraph;
    min_probability: a cause after the first is shown only at or above this;
    tests_per_cause: how many of each shown cause's tests she reads about;
    imaging_note: whether the note on scans and X-rays in pregnancy is shown.
    """

    causes: int = Field(default=20, ge=0, le=20)
    min_probability: Prob = 0.0
    tests_per_cause: int = Field(default=20, ge=0, le=20)
    imaging_note: bool = True


class LevelText(CitedText):
    for_her: ShownToHer


class Restricted(Strict):
    allowed_for: list[str]
    reason: Text


class NotIfPresent(Strict):
    findings: list[str] = Field(min_length=1)
    reason: Text


def _at_most_one(results: dict[str, float], what: str) -> None:
    total = sum(results.values())
    if total > 1.0 + 1e-9:
        raise ValueError(f"{what} probabilities add up to {total:g}, more than 1")


class InvestigationDef(Strict):
    name: Text
    lay_name: Text
    line: Line
    results: dict[str, Text] = Field(min_length=1)
    incidental: dict[str, Prob] = Field(default_factory=dict)
    answered_by: list[str] = Field(default_factory=list)
    weeks: tuple[float, float] | None = None
    not_if_present: NotIfPresent | None = None
    restricted: Restricted | None = None
    what_happens: Text
    shows: Text
    safety: Text
    sources: list[str]

    @model_validator(mode="after")
    def _consistent(self) -> InvestigationDef:
        if "normal" in self.results:
            raise ValueError("'normal' is implicit (the remaining probability); do not list it")
        unknown = set(self.incidental) - set(self.results)
        if unknown:
            raise ValueError(f"incidental names results it does not have: {sorted(unknown)}")
        _at_most_one(self.incidental, "incidental")
        if (self.line == "ionising") != (self.restricted is not None):
            raise ValueError(
                "an ionising test needs a 'restricted' block, and only it may have one"
            )
        if self.weeks is not None and self.weeks[0] >= self.weeks[1]:
            raise ValueError("weeks must be [from, before) with from < before")
        return self


class EntryDef(Strict):
    id: Text
    results: dict[str, Prob] = Field(min_length=1)
    shows: Text
    urgent: bool = False
    sources: list[str]

    @model_validator(mode="after")
    def _sum(self) -> EntryDef:
        _at_most_one(self.results, "result")
        return self


class AvoidDef(Strict):
    what: Text
    why: Text
    sources: list[str]


class ConditionWorkupDef(Strict):
    investigations: list[EntryDef] = Field(min_length=1)
    treatment: list[CitedText] = Field(min_length=1)
    avoid: list[AvoidDef] = Field(min_length=1)
    what_to_expect: CitedText


class WorkupSettings(Strict):
    top_conditions: int = Field(ge=2, le=50)
    temper: float = Field(gt=0.0, le=1.0)
    urgent_min_probability: Prob
    restricted_min_probability: Prob
    line_weights: dict[Line, Annotated[float, Field(gt=0.0, le=1.0)]]
    max_items: int = Field(ge=1, le=100)
    patient_min_probability: Prob
    patient_tests_per_condition: int = Field(ge=0, le=20)
    sources: list[str]

    @model_validator(mode="after")
    def _all_lines(self) -> WorkupSettings:
        missing = {"first", "second", "ionising"} - set(self.line_weights)
        if missing:
            raise ValueError(f"line_weights needs a weight for {sorted(missing)}")
        return self


class ReasonWords(Strict):
    """The words of a suggested test's one-line reason (workup.yaml ``reasons``)."""

    urgent: str = Field(min_length=1)
    separates: str = Field(min_length=1)
    usual: str = Field(min_length=1)
    adds: str = Field(min_length=1)
    information: str = Field(min_length=1)
    normal: str = Field(min_length=1)
    join: str = Field(min_length=1)
    names_join: str = Field(min_length=1)


class WorkupFile(Strict):
    settings: WorkupSettings
    reasons: ReasonWords
    imaging_note: CitedText
    levels: dict[str, LevelText]
    investigations: dict[str, InvestigationDef] = Field(min_length=1)
    conditions: dict[str, ConditionWorkupDef]


# --- the loaded, cross-checked book ------------------------------------------------------


@dataclass(frozen=True)
class WorkupBook:
    """workup.yaml cross-checked against the vocabulary, the findings and the sources."""

    data: WorkupFile
    # per investigation: result ids (abnormal ones, then "normal") and the
    # P(result | condition) row of every condition of the pack (pack order)
    result_ids: dict[str, tuple[str, ...]]
    table: dict[str, npt.NDArray[np.float64]]
    entries: dict[str, dict[str, EntryDef]]
    condition_index: dict[str, int]
    # the same tables in one array (investigation x condition x result, zero-padded
    # to the widest), so that a case's candidates are one fancy index away
    stack: npt.NDArray[np.float64] = field(default_factory=lambda: np.zeros((0, 0, 0)))
    stack_index: dict[str, int] = field(default_factory=dict)
    lang: str = "en"  # the pack's language: the reasons' percentages are written its way
    _leading: dict[tuple[str, ...], Leading] = field(
        default_factory=dict, repr=False, compare=False
    )

    def investigation(self, iid: str) -> InvestigationDef:
        return self.data.investigations[iid]

    def leading(self, ids: tuple[str, ...]) -> Leading:
        """What the work-up needs about these leading conditions, computed once per set.

        It depends only on the pack and the ids (in order), not on the case, so
        cases that share their leading conditions share it. The cache is
        bounded; when full it starts again (a miss only costs the computation).
        """
        hit = self._leading.get(ids)
        if hit is None:
            from gravida.advice.workup.leading import Leading  # it reads this book

            hit = Leading.build(self, ids)
            if len(self._leading) >= LEADING_CACHE_SIZE:
                self._leading.clear()
            self._leading[ids] = hit
        return hit


def _check_sources(ids: Sequence[str], pack: Pack, entry: str) -> None:
    check_sources(ids, pack.sources, FILE, entry)


def _build(pack: Pack) -> WorkupBook:
    data = validate(WorkupFile, pack.read(FILE), FILE)
    conditions = list(pack.conditions)
    known_conditions = set(conditions)
    booleans = {f for f, d in pack.findings.items() if d.kind == "boolean"}
    lo, hi = pack.weeks_range

    _check_sources(data.settings.sources, pack, "settings")
    _check_sources(data.imaging_note.sources, pack, "imaging_note")
    if set(data.levels) != set(pack.levels):
        raise PackError(FILE, "levels", f"needs exactly the triage levels {list(pack.levels)}")
    for lv, cited in data.levels.items():
        _check_sources(cited.sources, pack, f"levels.{lv}")

    for iid, inv in data.investigations.items():
        where = f"investigations.{iid}"
        _check_sources(inv.sources, pack, where)
        for f in inv.answered_by:
            if f not in pack.findings:
                raise PackError(FILE, f"{where}.answered_by", f"unknown finding id {f!r}")
        if inv.not_if_present is not None:
            for f in inv.not_if_present.findings:
                if f not in booleans:
                    raise PackError(FILE, f"{where}.not_if_present",
                                    f"unknown (or non-boolean) finding id {f!r}")
        if inv.restricted is not None:
            for c in inv.restricted.allowed_for:
                if c not in known_conditions:
                    raise PackError(FILE, f"{where}.restricted", f"unknown condition id {c!r}")
        if inv.weeks is not None and not lo <= inv.weeks[0] <= hi:
            raise PackError(FILE, f"{where}.weeks", f"{list(inv.weeks)} is not a valid range")

    for cid in data.conditions:
        if cid not in known_conditions:
            raise PackError(FILE, f"conditions.{cid}", "not a vocabulary condition")
    for cid in conditions:
        if cid not in data.conditions:
            raise PackError(FILE, f"conditions.{cid}",
                            "vocabulary condition has no investigations and treatment")

    entries: dict[str, dict[str, EntryDef]] = {}
    for cid, cw in data.conditions.items():
        by_id: dict[str, EntryDef] = {}
        for i, e in enumerate(cw.investigations):
            where = f"conditions.{cid}.investigations[{i}] ({e.id})"
            test = data.investigations.get(e.id)
            if test is None:
                raise PackError(FILE, where, f"unknown investigation id {e.id!r}")
            if e.id in by_id:
                raise PackError(FILE, where, "investigation listed twice for this condition")
            bad = set(e.results) - set(test.results)
            if bad:
                raise PackError(FILE, where, f"results {sorted(bad)} are not results of {e.id}")
            if e.urgent and test.restricted is not None and cid not in test.restricted.allowed_for:
                raise PackError(FILE, where,
                                "urgent, but the test is not allowed for this condition")
            _check_sources(e.sources, pack, where)
            by_id[e.id] = e
        entries[cid] = by_id
        for i, t in enumerate(cw.treatment):
            _check_sources(t.sources, pack, f"conditions.{cid}.treatment[{i}]")
        for i, a in enumerate(cw.avoid):
            _check_sources(a.sources, pack, f"conditions.{cid}.avoid[{i}]")
        _check_sources(cw.what_to_expect.sources, pack, f"conditions.{cid}.what_to_expect")

    result_ids: dict[str, tuple[str, ...]] = {}
    table: dict[str, npt.NDArray[np.float64]] = {}
    for iid, inv in data.investigations.items():
        ids = (*inv.results, "normal")
        rows = np.zeros((len(conditions), len(ids)))
        for ci, cid in enumerate(conditions):
            entry = entries[cid].get(iid)
            probs = entry.results if entry is not None else inv.incidental
            for ri, rid in enumerate(ids[:-1]):
                rows[ci, ri] = probs.get(rid, 0.0)
            rows[ci, -1] = max(0.0, 1.0 - float(rows[ci, :-1].sum()))
        result_ids[iid] = ids
        table[iid] = rows
    order = list(data.investigations)
    stack = np.zeros((len(order), len(conditions), max(len(r) for r in result_ids.values())))
    for n, iid in enumerate(order):
        stack[n, :, : table[iid].shape[1]] = table[iid]
    return WorkupBook(data, result_ids, table, entries, {c: i for i, c in enumerate(conditions)},
                      stack, {iid: n for n, iid in enumerate(order)}, pack.lang)


def load_workup(pack: Pack | None = None) -> WorkupBook:
    """The work-up book of a pack, validated once per loaded pack.

    Raises PackError(file, entry, problem) for a missing or inconsistent file.
    """
    p = pack if pack is not None else default_pack()
    if not isinstance(p, Pack):
        raise TypeError(f"expected a loaded knowledge Pack, got {type(p).__name__}")
    return p.memo(_build)
