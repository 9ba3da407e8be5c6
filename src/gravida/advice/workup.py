"""What happens next: the work-up a clinician would order, and what a woman can expect.

Two readers, one pack file (``workup.yaml``). A woman wants to know what will
happen when she gets there: the tests in plain words, the usual treatment of
the causes that lead her differential, and what happens at her triage level.
A clinician wants the investigations that best separate the differential.

The clinician's list is computed, not hand-ordered: each investigation's
per-condition results (P(result | condition), from the pack) make it a noisy
channel from the condition to a result, and investigations are ranked by the
mutual information between the (tempered) posterior over the leading
conditions and the result, i.e. the expected reduction in entropy. Three
clinical constraints then shape the order, all of them data in the pack:
time-critical tests of a suspected emergency come first (an MRI for cauda
equina compression does not wait for the bladder scan); a second-line test
(MRI) is valued for what it adds once the first-line tests are back, and an
ionising one for what it adds after both (the imaging ladder of pregnancy:
ultrasound, then MRI, then CT), each further weighted down by its line; and
ionising tests are proposed only when a condition they are allowed for is
suspected, and never first. The posterior is tempered first because the
engine's naive-Bayes posteriors are over-confident, and a work-up that only
confirmed the leader would never exclude the runners-up. Everything clinical
lives in the YAML; this module validates, computes and renders.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Annotated, Any, Literal

import numpy as np
import numpy.typing as npt
from pydantic import Field, model_validator

from gravida.advice._pack import check_sources
from gravida.engine.assess import Assessment
from gravida.knowledge.load import Pack, PackError, default_pack, validate
from gravida.knowledge.schema import Strict

FILE = "workup.yaml"
WIDTH = 88  # terminal text width (presentation, not clinical)

Line = Literal["first", "second", "ionising"]
Audience = Literal["patient", "clinician"]
Prob = Annotated[float, Field(ge=0.0, le=1.0)]
Text = Annotated[str, Field(min_length=1)]


# --- the file's shape ------------------------------------------------------------------


class CitedText(Strict):
    text: Text
    sources: list[str]


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


class Settings(Strict):
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
    def _all_lines(self) -> Settings:
        missing = {"first", "second", "ionising"} - set(self.line_weights)
        if missing:
            raise ValueError(f"line_weights needs a weight for {sorted(missing)}")
        return self


class WorkupFile(Strict):
    settings: Settings
    imaging_note: CitedText
    levels: dict[str, CitedText]
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
    _leading: dict[tuple[str, ...], _Leading] = field(
        default_factory=dict, repr=False, compare=False
    )

    def investigation(self, iid: str) -> InvestigationDef:
        return self.data.investigations[iid]

    def leading(self, ids: tuple[str, ...]) -> _Leading:
        """What the work-up needs about these leading conditions, computed once per set.

        It depends only on the pack and the ids (in order), not on the case, so
        cases that share their leading conditions share it. The cache is
        bounded; when full it starts again (a miss only costs the computation).
        """
        hit = self._leading.get(ids)
        if hit is None:
            hit = _Leading.build(self, ids)
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
                      stack, {iid: n for n, iid in enumerate(order)})


def load_workup(pack: Pack | None = None) -> WorkupBook:
    """The work-up book of a pack, validated once per loaded pack.

    Raises PackError(file, entry, problem) for a missing or inconsistent file.
    """
    p = pack if pack is not None else default_pack()
    if not isinstance(p, Pack):
        raise TypeError(f"expected a loaded knowledge Pack, got {type(p).__name__}")
    return p.memo(_build)


# --- information ---------------------------------------------------------------------------


def _bits(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """x * log2(x) with 0 log 0 = 0."""
    out = np.zeros_like(x)
    mask = x > 0
    out[mask] = x[mask] * np.log2(x[mask])
    return out


def expected_information(prior: npt.NDArray[np.float64],
                         likelihood: npt.NDArray[np.float64]) -> float:
    """Mutual information (bits) between the condition and the test's result.

    ``prior`` is P(condition) over k conditions (sums to 1); ``likelihood`` is
    the k x r matrix P(result | condition). Equals the expected reduction in the
    entropy of the differential once the result is known.
    """
    joint = prior[:, None] * likelihood
    p_result = joint.sum(axis=0)
    h_prior = -float(_bits(prior).sum())
    h_post = -float(_bits(joint).sum()) + float(_bits(p_result).sum())
    return max(0.0, h_prior - h_post)


MAX_HISTORIES = 4096  # a bound on work when combining test results (not clinical)
NEGLIGIBLE = 1e-15  # a result history less probable than this is dropped (not clinical)


# No BLAS calls (np.dot, @) on long vectors here: OpenBLAS's threads make them
# hundreds of times slower when the machine's cores are busy serving requests.


def _xlogx(x: npt.NDArray[np.float64]) -> float:
    """The sum of x * log2(x) over all entries, with 0 log 0 = 0."""
    p = x[x > 0]
    return float((p * np.log2(p)).sum())


def _xlogx_rows(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Per row (last axis summed), x * log2(x) with 0 log 0 = 0."""
    logs = np.zeros_like(x)
    np.log2(x, out=logs, where=x > 0)
    return np.asarray((x * logs).sum(axis=-1), dtype=float)


def _order_statistic(x: npt.NDArray[np.float64], rank: int) -> float:
    """The value at ``rank`` (0-based) of x sorted ascending, as np.partition gives it.

    Partitioning all of x is the slow part of cutting the beam, so a sample
    first brackets the value, counting confirms the bracket holds it, and only
    the values inside are partitioned; an unlucky sample falls back to all.
    """
    n = x.shape[0]
    sample = np.sort(x[:: max(1, n // 256)])
    m = sample.shape[0]
    at = rank * m // n
    lo, hi = sample[max(0, at - 24)], sample[min(m - 1, at + 24)]
    below = int(np.count_nonzero(x < lo))
    if below <= rank:  # the value is at least lo ...
        band = x[(x >= lo) & (x <= hi)]
        if below + band.shape[0] > rank:  # ... and at most hi
            return float(np.partition(band, rank - below)[rank - below])
    return float(np.partition(x, rank)[rank])


@dataclass(frozen=True)
class _Generation:
    """One panel test applied to the result histories before it.

    Its children are numbered result-major (``result * parents + history``);
    ``kept`` lists those that survived (None: all), ``mass`` is P(history) of
    each, and ``cut`` says whether the beam was cut to MAX_HISTORIES here.
    Enough to rebuild any history's place in the order that defines which
    histories a cut keeps (see ``_Histories._defined_order``), without
    sorting every generation.
    """

    parents: int
    kept: npt.NDArray[np.intp] | None
    mass: npt.NDArray[np.float64]
    cut: bool


@dataclass(frozen=True)
class _Histories:
    """P(condition, history) over the most probable result histories of a panel.

    Tests are taken as conditionally independent given the condition (the
    same assumption as the engine). The joint is built one test at a time and
    only the MAX_HISTORIES most probable histories are kept, which bounds the
    work and loses a negligible mass. Equally probable histories at the edge
    of a cut are kept in a defined order (``_defined_order``), so the result
    does not depend on how the work is arranged.
    """

    joint: npt.NDArray[np.float64]  # k x histories
    mass: npt.NDArray[np.float64]  # P(history)
    generations: tuple[_Generation, ...]

    @classmethod
    def start(cls, prior: npt.NDArray[np.float64]) -> _Histories:
        joint = np.array(prior, dtype=float)[:, None]
        return cls(joint, joint.sum(axis=0), ())

    def then(self, *likelihoods: npt.NDArray[np.float64]) -> _Histories:
        """The histories once tests with these k x r likelihoods are done too.

        Several tests are done in one step only while their histories fit
        without a cut; the result is the same as one test at a time (a
        history dropped as negligible has only negligible descendants, and
        the combined result index orders histories as the results in turn).
        """
        k, h = self.joint.shape
        grown = self.joint[:, None, :]
        for m in likelihoods:
            grown = (grown[:, :, None, :] * m[:, None, :, None]).reshape(k, -1, h)
        if len(likelihoods) > 1 and grown.shape[1] * h > MAX_HISTORIES:
            raise ValueError("tests done together must not need a cut")
        flat = grown.reshape(k, -1)
        mass = flat.sum(axis=0)
        kept: npt.NDArray[np.intp] | None = None
        keep = mass > NEGLIGIBLE
        if not keep.all():
            kept = np.flatnonzero(keep)
            mass = mass[kept]
        cut = mass.shape[0] > MAX_HISTORIES
        if cut:
            chosen = self._most_probable(mass, kept, h)
            kept = chosen if kept is None else kept[chosen]
            mass = mass[chosen]
        joint = flat if kept is None else np.take(flat, kept, axis=1)
        return _Histories(joint, mass, (*self.generations, _Generation(h, kept, mass, cut)))

    def _most_probable(self, mass: npt.NDArray[np.float64], kept: npt.NDArray[np.intp] | None,
                       parents: int) -> npt.NDArray[np.intp]:
        """The MAX_HISTORIES most probable children (ascending indices into ``mass``)."""
        threshold = _order_statistic(mass, mass.shape[0] - MAX_HISTORIES)
        chosen = mass > threshold
        need = MAX_HISTORIES - int(np.count_nonzero(chosen))
        tied = np.flatnonzero(mass == threshold)
        if tied.shape[0] > need:  # keep the tied ones the defined order puts first
            children = tied if kept is None else kept[tied]
            tied = tied[self._defined_order(children, parents)[:need]]
        chosen[tied] = True
        return np.flatnonzero(chosen)

    def _defined_order(self, children: npt.NDArray[np.intp],
                       parents: int) -> npt.NDArray[np.intp]:
        """The order of these (equally probable) children that decides which a cut keeps.

        The definition: histories are held in the order they are grown (parent,
        then result), re-sorted stably by descending mass at every cut, and a
        cut keeps the first MAX_HISTORIES. Unrolled, a child sorts by its
        ancestors' masses at the earlier cuts (latest first), then by the
        results that make up its history (first test first), which needs only
        the ties themselves, not a sort of every generation.
        """
        keys: list[npt.NDArray[Any]] = []
        results = [children // parents]
        idx = children % parents
        for g in reversed(self.generations):
            if g.cut:
                keys.append(-g.mass[idx])
            grown = idx if g.kept is None else g.kept[idx]
            results.append(grown // g.parents)
            idx = grown % g.parents
        keys.extend(reversed(results))
        return np.lexsort(keys[::-1])

    @cached_property
    def _mass_bits(self) -> float:
        """The sum over histories of P(h) log2 P(h)."""
        return _xlogx(self.mass)

    @cached_property
    def _condition_mass(self) -> npt.NDArray[np.float64]:
        """P(condition, kept history) summed over the kept histories."""
        return np.asarray(self.joint.sum(axis=1), dtype=float)

    def information(self, likelihood: npt.NDArray[np.float64]) -> float:
        """I(condition; test | history), in bits, for a test with this k x r likelihood.

        H(condition | history) - H(condition | history, result), written so
        that only P(history) and P(history, result) need logarithms: with l
        the likelihood rows, sum p l log(p l) = sum p log p * sum_r l +
        sum p * sum_r l log l per condition, and the first part cancels
        against H(condition | history) when the rows are distributions (as
        the pack's are); otherwise its remainder is added.
        """
        per_condition = float((self._condition_mass * _xlogx_rows(likelihood)).sum())
        joint_result = np.einsum("ch,cr->rh", self.joint, likelihood)
        info = self._mass_bits + per_condition - _xlogx(joint_result)
        excess = likelihood.sum(axis=1) - 1.0
        if np.any(np.abs(excess) > 1e-12):
            info += float((_xlogx_rows(self.joint) * excess).sum())
        return max(0.0, info)


def conditional_information(prior: npt.NDArray[np.float64],
                            panel: Sequence[npt.NDArray[np.float64]],
                            likelihood: npt.NDArray[np.float64]) -> float:
    """I(condition; test | results of the panel), in bits.

    Tests are taken as conditionally independent given the condition (the same
    assumption as the engine). The joint P(condition, panel results) is built
    one test at a time; only the MAX_HISTORIES most probable result histories
    are kept, which bounds the work and loses a negligible mass.
    """
    h = _Histories.start(np.asarray(prior, dtype=float))
    for m in panel:
        h = h.then(np.asarray(m, dtype=float))
    return h.information(np.asarray(likelihood, dtype=float))


def _expected_information_batch(prior: npt.NDArray[np.float64],
                                lead: _Leading, tests: Sequence[int]) -> npt.NDArray[np.float64]:
    """expected_information of several candidate tests of ``lead`` at once.

    As H(result) - H(result | condition): the second term needs only each
    row's sum of l log l, which depends on the pack alone (``lead.row_bits``),
    so logarithms are taken only of P(result). Equal to H(condition) -
    H(condition | result) when the rows are distributions; otherwise the
    remainder is added.
    """
    at = np.asarray(tests, dtype=np.intp)
    p_result = np.einsum("k,nkr->nr", prior, lead.lik[at])
    info = -_xlogx_rows(p_result) + np.einsum("k,nk->n", prior, lead.row_bits[at])
    if lead.not_distributions:
        logs = np.zeros_like(prior)
        np.log2(prior, out=logs, where=prior > 0)
        info = info + np.einsum("k,nk->n", prior * logs, lead.row_excess[at])
    return np.asarray(np.maximum(0.0, info), dtype=float)


def tempered(probabilities: Sequence[float], temper: float) -> npt.NDArray[np.float64]:
    """p ** temper, renormalised: softens over-confident posteriors, keeps their order."""
    p = np.asarray(probabilities, dtype=float)
    p = np.where(p > 0, p, 0.0) ** temper
    total = float(p.sum())
    if total <= 0 or not math.isfinite(total):
        return np.full(len(p), 1.0 / max(1, len(p)))
    return np.asarray(p / total, dtype=float)


# --- the clinician's work-up ---------------------------------------------------------------


@dataclass(frozen=True)
class ExpectedResult:
    """What the test would most likely show if this condition were the cause."""

    condition: str
    name: str
    probability: float  # posterior of the condition
    result: str  # most likely result id ("normal" included)
    result_label: str
    result_probability: float
    shows: str

    def to_json(self) -> dict[str, Any]:
        return {
            "condition": self.condition,
            "name": self.name,
            "probability": round(self.probability, 6),
            "result": self.result,
            "result_label": self.result_label,
            "result_probability": round(self.result_probability, 4),
            "shows": self.shows,
        }


@dataclass(frozen=True)
class WorkupItem:
    """One suggested investigation, with why it is ranked where it is."""

    rank: int
    id: str
    name: str
    line: str
    urgent: bool
    urgent_for: tuple[str, ...]
    information_bits: float
    information_given: tuple[str, ...]
    score: float
    separates: tuple[str, str] | None
    reason: str
    expected: tuple[ExpectedResult, ...]
    shows: str
    safety: str
    restricted: str | None
    sources: tuple[str, ...]

    @property
    def ionising(self) -> bool:
        return self.line == "ionising"

    def to_json(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "id": self.id,
            "name": self.name,
            "line": self.line,
            "urgent": self.urgent,
            "urgent_for": list(self.urgent_for),
            "information_bits": round(self.information_bits, 6),
            "information_given": list(self.information_given),
            "score": round(self.score, 6),
            "separates": list(self.separates) if self.separates else None,
            "reason": self.reason,
            "expected": [e.to_json() for e in self.expected],
            "shows": self.shows,
            "safety": self.safety,
            "restricted": self.restricted,
            "sources": list(self.sources),
        }


def _check_assessment(assessment: Any) -> Assessment:
    if not isinstance(assessment, Assessment):
        raise ValueError(f"expected an Assessment, got {type(assessment).__name__}")
    return assessment


def _top(assessment: Assessment, k: int) -> list[tuple[str, str, float]]:
    """The first k conditions with a non-zero posterior: (id, name, probability)."""
    out: list[tuple[str, str, float]] = []
    for c in assessment.conditions:
        if c.probability > 0 and math.isfinite(c.probability):
            out.append((c.id, c.name, float(c.probability)))
        if len(out) == k:
            break
    return out


def _eligible(inv: InvestigationDef, assessment: Assessment,
              raw: dict[str, float], restricted_min: float) -> bool:
    ev = assessment.evidence
    if inv.weeks is not None and not inv.weeks[0] <= ev.weeks < inv.weeks[1]:
        return False
    if any(ev.state(f) is not None for f in inv.answered_by):
        return False
    if inv.not_if_present is not None and any(f in ev.present for f in inv.not_if_present.findings):
        return False
    if inv.restricted is not None:
        return any(raw.get(c, 0.0) >= restricted_min for c in inv.restricted.allowed_for)
    return True


SEPARATES_MIN = 0.05  # a pair is named as "separated" above this total variation (wording)
LEADING_CACHE_SIZE = 512  # sets of leading conditions remembered per pack (not clinical)


def _describe(book: WorkupBook, iid: str, row: npt.NDArray[np.float64]) -> tuple[str, str, float]:
    """The most likely result of a row: (id, label, probability); abnormal wins ties."""
    ids = book.result_ids[iid]
    j = int(np.argmax(row))
    rid = ids[j]
    label = "normal" if rid == "normal" else book.investigation(iid).results[rid]
    return rid, label, float(row[j])


@dataclass(frozen=True)
class _Leading:
    """Everything about a work-up that depends on the leading conditions, not on the case.

    For each candidate investigation (those the leading conditions list, in
    their order): its likelihood rows, who lists it and as urgent, its most
    likely result under each condition, how far apart each pair of conditions
    sits on it (total variation), and how far the leader's expected result is
    from the others'. Built once per (pack, ordered leading ids).
    """

    ids: tuple[str, ...]
    candidates: tuple[str, ...]
    lik: npt.NDArray[np.float64]  # candidate x condition x result, zero-padded
    panel_lik: tuple[npt.NDArray[np.float64], ...]  # the same, unpadded
    listed_by: tuple[tuple[int, ...], ...]  # leading conditions (positions) listing it
    urgent_by: tuple[tuple[int, ...], ...]  # ... listing it as urgent
    described: tuple[tuple[tuple[str, str, float], ...], ...]  # per condition position
    sources: tuple[tuple[str, ...], ...]
    separation: npt.NDArray[np.float64]  # candidate x k x k total variation
    separable: npt.NDArray[np.bool_]  # i < j and separation above SEPARATES_MIN
    confirm: npt.NDArray[np.float64]
    row_bits: npt.NDArray[np.float64]  # candidate x k: sum over results of l log2 l
    row_excess: npt.NDArray[np.float64]  # candidate x k: sum over results of l, minus 1
    not_distributions: bool  # whether any row's excess is more than rounding

    @classmethod
    def build(cls, book: WorkupBook, ids: tuple[str, ...]) -> _Leading:
        rows = [book.condition_index[c] for c in ids]
        candidates: list[str] = []
        for c in ids:
            for iid in book.entries[c]:
                if iid not in candidates:
                    candidates.append(iid)
        at = [book.stack_index[iid] for iid in candidates]
        lik = book.stack[np.ix_(at, rows)]
        panel_lik = tuple(book.table[iid][rows] for iid in candidates)
        listed_by = tuple(tuple(i for i, c in enumerate(ids) if iid in book.entries[c])
                          for iid in candidates)
        urgent_by = tuple(tuple(i for i in listed if book.entries[ids[i]][iid].urgent)
                          for iid, listed in zip(candidates, listed_by, strict=True))
        described = tuple(tuple(_describe(book, iid, row) for row in m)
                          for iid, m in zip(candidates, panel_lik, strict=True))
        sources = tuple(
            tuple(dict.fromkeys([
                *book.investigation(iid).sources,
                *(src for i in listed for src in book.entries[ids[i]][iid].sources),
            ]))
            for iid, listed in zip(candidates, listed_by, strict=True)
        )
        k = len(ids)
        separation = 0.5 * np.abs(lik[:, :, None, :] - lik[:, None, :, :]).sum(axis=-1)
        upper = np.triu(np.ones((k, k), dtype=bool), 1)
        separable = (separation > SEPARATES_MIN) & upper[None, :, :]
        # tie-break: how far the leader's expected result departs from the others'
        confirm = 0.5 * np.abs(lik[:, 0, :] - lik.mean(axis=1)).sum(axis=-1)
        row_excess = lik.sum(axis=-1) - 1.0
        return cls(ids, tuple(candidates), lik, panel_lik, listed_by, urgent_by, described,
                   sources, separation, separable, confirm, _xlogx_rows(lik), row_excess,
                   bool(np.any(np.abs(row_excess) > 1e-12)))


def _histories(memo: dict[tuple[int, ...], _Histories], panel: tuple[int, ...],
               lead: _Leading) -> _Histories:
    """The panel's histories, grown from the longest panel prefix already grown.

    While the histories are few, several tests are applied in one step.
    """
    done = len(panel)
    while panel[:done] not in memo:
        done -= 1
    h = memo[panel[:done]]
    while done < len(panel):
        block = [lead.panel_lik[panel[done]]]
        size = h.joint.shape[1] * block[0].shape[1]
        while done + len(block) < len(panel):
            m = lead.panel_lik[panel[done + len(block)]]
            if size * m.shape[1] > MAX_HISTORIES:
                break
            size *= m.shape[1]
            block.append(m)
        h = h.then(*block)
        done += len(block)
        memo[panel[:done]] = h
    return h


def suggested_workup(pack: Pack | None, assessment: Assessment) -> list[WorkupItem]:
    """The investigations that best separate the leading conditions, most useful first.

    See the module docstring for the ordering. Raises ValueError for something
    that is not an Assessment and PackError for a broken pack file.
    """
    a = _check_assessment(assessment)
    book = load_workup(pack)
    s = book.data.settings
    top = _top(a, s.top_conditions)
    if not top:
        return []
    ids = tuple(c for c, _, _ in top)
    names = {c: n for c, n, _ in top}
    raw = {c: p for c, _, p in top}
    prior = tempered([p for _, _, p in top], s.temper)
    lead = book.leading(ids)

    chosen: list[int] = []
    line: dict[int, Line] = {}
    urgent: dict[int, tuple[str, ...]] = {}
    for n, iid in enumerate(lead.candidates):
        inv = book.investigation(iid)
        if not _eligible(inv, a, raw, s.restricted_min_probability):
            continue
        chosen.append(n)
        line[n] = inv.line
        urgent[n] = tuple(ids[i] for i in lead.urgent_by[n]
                          if raw[ids[i]] >= s.urgent_min_probability)
    if not chosen:
        return []

    # A second-line test is worth what it adds once the first-line tests (and any
    # urgent ones) are back; an ionising one what it adds after both lines.
    panels = {
        "second": tuple(n for n in chosen if line[n] == "first" or urgent[n]),
        "ionising": tuple(n for n in chosen if line[n] != "ionising" or urgent[n]),
    }
    info: dict[int, float] = {}
    given: dict[int, tuple[str, ...]] = {}
    direct = [n for n in chosen if urgent[n] or line[n] == "first"]
    if direct:
        for n, bits in zip(direct, _expected_information_batch(prior, lead, direct),
                           strict=True):
            info[n] = float(bits)
    memo: dict[tuple[int, ...], _Histories] = {(): _Histories.start(prior)}
    for n in chosen:
        if n not in info:
            panel = tuple(g for g in panels[line[n]] if g != n)
            given[n] = tuple(lead.candidates[g] for g in panel)
            info[n] = _histories(memo, panel, lead).information(lead.panel_lik[n])

    # the two leading conditions each test tells apart best (weight x total variation)
    at = np.asarray(chosen)
    separable = lead.separable[at].reshape(len(chosen), -1)
    weighted = np.outer(prior, prior)[None, :, :] * lead.separation[at]
    best = np.where(separable, weighted.reshape(len(chosen), -1), -np.inf).argmax(axis=1)
    k = len(ids)
    pair = {n: divmod(int(b), k) if ok else None
            for n, b, ok in zip(chosen, best, separable.any(axis=1), strict=True)}

    score = {n: info[n] * s.line_weights[line[n]] for n in chosen}

    def key(n: int) -> tuple[float, float, int]:
        return (-round(score[n], 12), -round(float(lead.confirm[n]), 12), n)

    urgent_safe = sorted((n for n in chosen if urgent[n] and line[n] != "ionising"), key=key)
    urgent_ion = sorted((n for n in chosen if urgent[n] and line[n] == "ionising"), key=key)
    rest = sorted((n for n in chosen if not urgent[n]), key=key)
    ordered = [*urgent_safe, *urgent_ion, *rest]
    if line[ordered[0]] == "ionising":  # an ionising test is never the first proposal
        j = next((i for i, n in enumerate(ordered) if line[n] != "ionising"), None)
        if j is not None:
            ordered.insert(0, ordered.pop(j))
    limit = max(s.max_items, len(urgent_safe) + len(urgent_ion))

    items: list[WorkupItem] = []
    for rank, n in enumerate(ordered[:limit], 1):
        iid = lead.candidates[n]
        inv = book.investigation(iid)
        p = pair[n]
        items.append(WorkupItem(
            rank=rank, id=iid, name=inv.name, line=inv.line, urgent=bool(urgent[n]),
            urgent_for=urgent[n], information_bits=info[n], information_given=given.get(n, ()),
            score=score[n], separates=(ids[p[0]], ids[p[1]]) if p else None,
            reason=_reason(lead.described[n], urgent[n], p, ids, names, info[n],
                           bool(given.get(n))),
            expected=tuple(
                ExpectedResult(ids[i], names[ids[i]], raw[ids[i]], *lead.described[n][i],
                               shows=book.entries[ids[i]][iid].shows)
                for i in lead.listed_by[n]
            ),
            shows=inv.shows, safety=inv.safety,
            restricted=inv.restricted.reason if inv.restricted else None,
            sources=lead.sources[n],
        ))
    return items


def _pct(p: float) -> str:
    return f"{p:.0%}" if p >= 0.01 else "<1%"


def _reason(described: tuple[tuple[str, str, float], ...], urgent_for: tuple[str, ...],
            pair: tuple[int, int] | None, ids: tuple[str, ...], names: dict[str, str],
            info: float, conditional: bool) -> str:
    """One line a clinician can check: why this test, and where it sits."""
    parts: list[str] = []
    if urgent_for:
        parts.append("time-critical for suspected " + ", ".join(names[c] for c in urgent_for))
    if pair is not None:
        i, j = pair
        _, li, pi = described[i]
        _, lj, pj = described[j]
        parts.append(f"separates {names[ids[i]]} ({li}, {_pct(pi)}) from "
                     f"{names[ids[j]]} ({lj}, {_pct(pj)})")
    elif not urgent_for:
        parts.append(f"usual for {names[ids[0]]}; little difference between the leading causes")
    if conditional:
        parts.append(f"adds {info:.3f} bits once the earlier-line tests are back")
    else:
        parts.append(f"expected information {info:.3f} bits")
    return "; ".join(parts)


# --- what a woman can expect ------------------------------------------------------------------


@dataclass(frozen=True)
class TestExplanation:
    id: str
    lay_name: str
    what_happens: str
    safety: str
    sources: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "lay_name": self.lay_name, "what_happens": self.what_happens,
                "safety": self.safety, "sources": list(self.sources)}


@dataclass(frozen=True)
class ConditionExpectation:
    id: str
    lay_name: str
    probability: float
    text: str
    tests: tuple[str, ...]
    sources: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "lay_name": self.lay_name,
                "probability": round(self.probability, 6), "text": self.text,
                "tests": list(self.tests), "sources": list(self.sources)}


@dataclass(frozen=True)
class PatientExpectations:
    """What happens next, worded for the woman: her level, her leading causes, her tests."""

    level: str
    next_steps: str
    next_sources: tuple[str, ...]
    conditions: tuple[ConditionExpectation, ...]
    tests: tuple[TestExplanation, ...]
    imaging_note: str
    imaging_sources: tuple[str, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        ids: list[str] = [*self.next_sources]
        for c in self.conditions:
            ids.extend(c.sources)
        for t in self.tests:
            ids.extend(t.sources)
        ids.extend(self.imaging_sources)
        return tuple(dict.fromkeys(ids))

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "next_steps": self.next_steps,
            "next_sources": list(self.next_sources),
            "conditions": [c.to_json() for c in self.conditions],
            "tests": [t.to_json() for t in self.tests],
            "imaging_note": {"text": self.imaging_note, "sources": list(self.imaging_sources)},
            "sources": list(self.sources),
        }


def _patient_tests(book: WorkupBook, cid: str, assessment: Assessment, limit: int) -> list[str]:
    """The condition's usual tests that apply at this stage, as she would meet them."""
    ev = assessment.evidence
    out: list[str] = []
    for iid in book.entries[cid]:
        inv = book.investigation(iid)
        if inv.weeks is not None and not inv.weeks[0] <= ev.weeks < inv.weeks[1]:
            continue
        if inv.not_if_present is not None and any(
            f in ev.present for f in inv.not_if_present.findings
        ):
            continue
        if inv.restricted is not None and cid not in inv.restricted.allowed_for:
            continue
        out.append(iid)
        if len(out) == limit:
            break
    return out


def what_to_expect(pack: Pack | None, assessment: Assessment, k: int = 3) -> PatientExpectations:
    """For the leading conditions (at most k) and the triage level, in plain words."""
    a = _check_assessment(assessment)
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a whole number of at least 1 (got {k!r})")
    book = load_workup(pack)
    s = book.data.settings
    level = a.triage.level
    if level not in book.data.levels:
        raise ValueError(f"unknown triage level {level!r}")
    lay = {c.id: c.lay_name for c in a.conditions}
    leading = [
        c for i, c in enumerate(a.conditions)
        if i == 0 or c.probability >= s.patient_min_probability
    ][:k]
    conds: list[ConditionExpectation] = []
    tests: list[str] = []
    for c in leading:
        cw = book.data.conditions[c.id]
        mine = _patient_tests(book, c.id, a, s.patient_tests_per_condition)
        tests.extend(t for t in mine if t not in tests)
        conds.append(ConditionExpectation(c.id, lay.get(c.id, c.name), c.probability,
                                          cw.what_to_expect.text, tuple(mine),
                                          tuple(cw.what_to_expect.sources)))
    explained = tuple(
        TestExplanation(t, book.investigation(t).lay_name, book.investigation(t).what_happens,
                        book.investigation(t).safety, tuple(book.investigation(t).sources))
        for t in tests
    )
    lv = book.data.levels[level]
    note = book.data.imaging_note
    return PatientExpectations(level, lv.text, tuple(lv.sources), tuple(conds), explained,
                               note.text, tuple(note.sources))


# --- plain-text rendering ----------------------------------------------------------------------


def _wrap(text: str, indent: str = "  ", first: str | None = None) -> str:
    return textwrap.fill(" ".join(text.split()), width=WIDTH,
                         initial_indent=indent if first is None else first,
                         subsequent_indent=indent, break_on_hyphens=False)


def _about(p: float) -> str:
    """A probability as a person reads it."""
    n = round(p * 100)
    if n < 1:
        return "less than 1 in 100"
    return f"about {min(n, 99)} in 100" if p < 0.995 else "very likely"


def _share(p: float) -> str:
    """A posterior for a clinician: one decimal, without pretending 0.0%."""
    return f"{p:.1%}" if p >= 0.001 else "<0.1%"


def render_patient(ex: PatientExpectations) -> str:
    lines = ["WHAT HAPPENS NEXT", _wrap(ex.next_steps), ""]
    seen: set[str] = set()
    by_id = {t.id: t for t in ex.tests}
    for c in ex.conditions:
        lines.append(f"IF IT IS {c.lay_name.upper()} ({_about(c.probability)})")
        lines.append(_wrap(c.text))
        if c.tests:
            lines.append("  Tests you may have:")
            for tid in c.tests:
                t = by_id[tid]
                if tid in seen:
                    lines.append(_wrap(f"{t.lay_name} (see above).", "      ", "    - "))
                else:
                    lines.append(_wrap(f"{t.lay_name}: {t.what_happens} {t.safety}",
                                       "      ", "    - "))
                    seen.add(tid)
        lines.append("")
    lines += ["ABOUT SCANS IN PREGNANCY", _wrap(ex.imaging_note), ""]
    lines.append(_wrap("Sources: " + ", ".join(ex.sources), "  ", ""))
    return "\n".join(lines)


def render_clinician(pack: Pack | None, assessment: Assessment,
                     items: Iterable[WorkupItem] | None = None) -> str:
    a = _check_assessment(assessment)
    book = load_workup(pack)
    s = book.data.settings
    work = list(items) if items is not None else suggested_workup(pack, a)
    top = _top(a, s.top_conditions)
    lines = [f"TRIAGE: {a.triage.level} - {a.triage.meaning}",
             _wrap("DIFFERENTIAL: " + "; ".join(f"{n} {_share(p)}" for _, n, p in top),
                   "  ", "")]
    lines.append("")
    lines.append("SUGGESTED WORK-UP (most informative first; time-critical tests lead)")
    if not work:
        lines.append("  (nothing to suggest)")
    for it in work:
        flag = "[URGENT] " if it.urgent else ""
        line = {"first": "", "second": " (second line)",
                "ionising": " (IONISING: only if essential)"}[it.line]
        lines.append(_wrap(f"{it.rank}. {flag}{it.name}{line}", "     ", "  "))
        lines.append(_wrap(f"why: {it.reason}", "       ", "     "))
        for e in it.expected:
            lines.append(_wrap(f"if {e.name} ({_share(e.probability)}): {e.shows}",
                               "         ", "     - "))
        if it.restricted:
            lines.append(_wrap(f"restricted: {it.restricted}", "       ", "     "))
        lines.append(_wrap(f"pregnancy: {it.safety}", "       ", "     "))
        lines.append(_wrap(f"sources: {', '.join(it.sources)}", "       ", "     "))
    lines.append("")
    lines.append("USUAL TREATMENT IN PREGNANCY (leading conditions)")
    shown = [c for i, c in enumerate(top) if i == 0 or c[2] >= s.patient_min_probability][:3]
    for cid, name, p in shown:
        cw = book.data.conditions[cid]
        lines.append(f"  {name} ({_share(p)})")
        for t in cw.treatment:
            lines.append(_wrap(f"{t.text} [{', '.join(t.sources)}]", "       ", "     - "))
        lines.append("    Avoid in pregnancy:")
        for av in cw.avoid:
            lines.append(_wrap(f"{av.what}: {av.why} [{', '.join(av.sources)}]",
                               "       ", "     - "))
    return "\n".join(lines)


def render_for(assessment: Assessment, audience: Audience, pack: Pack | None = None) -> str:
    """Plain text for a terminal: the patient's "what to expect" or the clinician's work-up.

    Raises ValueError for an unknown audience or something that is not an Assessment.
    """
    if audience == "patient":
        return render_patient(what_to_expect(pack, assessment))
    if audience == "clinician":
        return render_clinician(pack, assessment)
    raise ValueError(f"audience must be 'patient' or 'clinician' (got {audience!r})")
