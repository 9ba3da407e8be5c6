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
from dataclasses import dataclass, replace
from typing import Annotated, Any, Literal

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from gravida.engine.assess import Assessment
from gravida.knowledge.load import Pack, PackError, default_pack

FILE = "workup.yaml"
_CACHE_KEY = "_advice_workup_book"
WIDTH = 88  # terminal text width (presentation, not clinical)

Line = Literal["first", "second", "ionising"]
Audience = Literal["patient", "clinician"]
Prob = Annotated[float, Field(ge=0.0, le=1.0)]
Text = Annotated[str, Field(min_length=1)]


# --- the file's shape ------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CitedText(_Strict):
    text: Text
    sources: list[str]


class Restricted(_Strict):
    allowed_for: list[str]
    reason: Text


class NotIfPresent(_Strict):
    findings: list[str] = Field(min_length=1)
    reason: Text


def _at_most_one(results: dict[str, float], what: str) -> None:
    total = sum(results.values())
    if total > 1.0 + 1e-9:
        raise ValueError(f"{what} probabilities add up to {total:g}, more than 1")


class InvestigationDef(_Strict):
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


class EntryDef(_Strict):
    id: Text
    results: dict[str, Prob] = Field(min_length=1)
    shows: Text
    urgent: bool = False
    sources: list[str]

    @model_validator(mode="after")
    def _sum(self) -> EntryDef:
        _at_most_one(self.results, "result")
        return self


class AvoidDef(_Strict):
    what: Text
    why: Text
    sources: list[str]


class ConditionWorkupDef(_Strict):
    investigations: list[EntryDef] = Field(min_length=1)
    treatment: list[CitedText] = Field(min_length=1)
    avoid: list[AvoidDef] = Field(min_length=1)
    what_to_expect: CitedText


class Settings(_Strict):
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


class WorkupFile(_Strict):
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

    def investigation(self, iid: str) -> InvestigationDef:
        return self.data.investigations[iid]


def _check_sources(ids: Sequence[str], pack: Pack, entry: str) -> None:
    if not ids:
        raise PackError(FILE, entry, "cites no source")
    for s in ids:
        if s not in pack.sources:
            raise PackError(FILE, entry, f"unknown source {s!r}")


def _validate(raw: Any) -> WorkupFile:
    try:
        return WorkupFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        entry = ".".join(str(x) for x in first["loc"]) or "-"
        raise PackError(FILE, entry, first["msg"]) from None


def _build(pack: Pack) -> WorkupBook:
    data = _validate(pack.read(FILE))
    conditions = list(pack.conditions)
    known_conditions = set(conditions)
    booleans = {f for f, d in pack.findings.items() if d.kind == "boolean"}
    lo, hi = pack.findings["gestational_weeks"].range or (0.0, 44.0)

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
    return WorkupBook(data, result_ids, table, entries, {c: i for i, c in enumerate(conditions)})


def load_workup(pack: Pack | None = None) -> WorkupBook:
    """The work-up book of a pack, validated once per loaded pack.

    Raises PackError(file, entry, problem) for a missing or inconsistent file.
    """
    p = pack if pack is not None else default_pack()
    if not isinstance(p, Pack):
        raise TypeError(f"expected a loaded knowledge Pack, got {type(p).__name__}")
    book = p.extra.get(_CACHE_KEY)
    if not isinstance(book, WorkupBook):
        book = _build(p)
        p.extra[_CACHE_KEY] = book
    return book


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


def conditional_information(prior: npt.NDArray[np.float64],
                            panel: Sequence[npt.NDArray[np.float64]],
                            likelihood: npt.NDArray[np.float64]) -> float:
    """I(condition; test | results of the panel), in bits.

    Tests are taken as conditionally independent given the condition (the same
    assumption as the engine). The joint P(condition, panel results) is built
    one test at a time; only the MAX_HISTORIES most probable result histories
    are kept, which bounds the work and loses a negligible mass.
    """
    joint = prior[:, None].copy()  # k x histories
    for m in panel:
        joint = (joint[:, :, None] * m[:, None, :]).reshape(len(prior), -1)
        mass = joint.sum(axis=0)
        keep = mass > 1e-15
        joint = joint[:, keep]
        if joint.shape[1] > MAX_HISTORIES:
            idx = np.argsort(-joint.sum(axis=0), kind="stable")[:MAX_HISTORIES]
            joint = joint[:, idx]
    h_before = _conditional_entropy(joint)
    after = (joint[:, :, None] * likelihood[:, None, :]).reshape(len(prior), -1)
    return max(0.0, h_before - _conditional_entropy(after))


def _conditional_entropy(joint: npt.NDArray[np.float64]) -> float:
    """H(condition | history) from the k x histories joint (bits)."""
    mass = joint.sum(axis=0)
    return -float(_bits(joint).sum()) + float(_bits(mass).sum())


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


def _describe(book: WorkupBook, iid: str, row: npt.NDArray[np.float64]) -> tuple[str, str, float]:
    """The most likely result of a row: (id, label, probability); abnormal wins ties."""
    ids = book.result_ids[iid]
    j = int(np.argmax(row))
    rid = ids[j]
    label = "normal" if rid == "normal" else book.investigation(iid).results[rid]
    return rid, label, float(row[j])


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
    ids = [c for c, _, _ in top]
    names = {c: n for c, n, _ in top}
    raw = {c: p for c, _, p in top}
    prior = tempered([p for _, _, p in top], s.temper)
    rows = [book.condition_index[c] for c in ids]

    candidates: list[str] = []
    for c in ids:
        for iid in book.entries[c]:
            if iid not in candidates:
                candidates.append(iid)

    eligible: list[tuple[int, str, InvestigationDef, npt.NDArray[np.float64], tuple[str, ...]]] = []
    for order, iid in enumerate(candidates):
        inv = book.investigation(iid)
        if not _eligible(inv, a, raw, s.restricted_min_probability):
            continue
        urgent_for = tuple(
            c for c in ids
            if raw[c] >= s.urgent_min_probability
            and (e := book.entries[c].get(iid)) is not None and e.urgent
        )
        eligible.append((order, iid, inv, book.table[iid][rows], urgent_for))

    # A second-line test is worth what it adds once the first-line tests (and any
    # urgent ones) are back; an ionising one what it adds after both lines.
    panels: dict[str, list[tuple[str, npt.NDArray[np.float64]]]] = {
        "second": [(iid, lik) for _, iid, inv, lik, urg in eligible
                   if inv.line == "first" or urg],
        "ionising": [(iid, lik) for _, iid, inv, lik, urg in eligible
                     if inv.line != "ionising" or urg],
    }

    scored: list[tuple[float, float, int, WorkupItem]] = []
    for order, iid, inv, lik, urgent_for in eligible:
        given: tuple[str, ...] = ()
        if urgent_for or inv.line == "first":
            info = expected_information(prior, lik)
        else:
            panel = [(g, m) for g, m in panels[inv.line] if g != iid]
            given = tuple(g for g, _ in panel)
            info = conditional_information(prior, [m for _, m in panel], lik)
        score = info * s.line_weights[inv.line]
        # tie-break: how far the leader's expected result departs from the others'
        confirm = 0.5 * float(np.abs(lik[0] - lik.mean(axis=0)).sum())
        pair = _best_pair(prior, lik)
        expected = tuple(
            ExpectedResult(c, names[c], raw[c], *_describe(book, iid, lik[i]),
                           shows=book.entries[c][iid].shows)
            for i, c in enumerate(ids) if iid in book.entries[c]
        )
        reason = _reason(book, iid, urgent_for, pair, ids, names, lik, info, bool(given))
        item = WorkupItem(
            rank=0, id=iid, name=inv.name, line=inv.line, urgent=bool(urgent_for),
            urgent_for=urgent_for, information_bits=info, information_given=given,
            score=score, separates=(ids[pair[0]], ids[pair[1]]) if pair else None,
            reason=reason, expected=expected, shows=inv.shows, safety=inv.safety,
            restricted=inv.restricted.reason if inv.restricted else None,
            sources=tuple(dict.fromkeys([*inv.sources,
                                         *(src for c in ids if iid in book.entries[c]
                                           for src in book.entries[c][iid].sources)])),
        )
        scored.append((score, confirm, order, item))

    def key(t: tuple[float, float, int, WorkupItem]) -> tuple[float, float, int]:
        return (-round(t[0], 12), -round(t[1], 12), t[2])

    urgent_safe = sorted((t for t in scored if t[3].urgent and not t[3].ionising), key=key)
    urgent_ion = sorted((t for t in scored if t[3].urgent and t[3].ionising), key=key)
    rest = sorted((t for t in scored if not t[3].urgent), key=key)
    ordered = [t[3] for t in (*urgent_safe, *urgent_ion, *rest)]
    if ordered and ordered[0].ionising:  # an ionising test is never the first proposal
        j = next((i for i, it in enumerate(ordered) if not it.ionising), None)
        if j is not None:
            ordered.insert(0, ordered.pop(j))
    limit = max(s.max_items, len(urgent_safe) + len(urgent_ion))
    return [_with_rank(it, i + 1) for i, it in enumerate(ordered[:limit])]


def _with_rank(item: WorkupItem, rank: int) -> WorkupItem:
    return replace(item, rank=rank)


def _best_pair(prior: npt.NDArray[np.float64],
               lik: npt.NDArray[np.float64]) -> tuple[int, int] | None:
    """The two leading conditions this test tells apart best (weight x total variation)."""
    best: tuple[float, int, int] | None = None
    k = len(prior)
    for i in range(k):
        for j in range(i + 1, k):
            tv = 0.5 * float(np.abs(lik[i] - lik[j]).sum())
            w = float(prior[i] * prior[j]) * tv
            if tv > 0.05 and (best is None or w > best[0]):
                best = (w, i, j)
    return (best[1], best[2]) if best else None


def _pct(p: float) -> str:
    return f"{p:.0%}" if p >= 0.01 else "<1%"


def _reason(book: WorkupBook, iid: str, urgent_for: tuple[str, ...],
            pair: tuple[int, int] | None, ids: list[str], names: dict[str, str],
            lik: npt.NDArray[np.float64], info: float, conditional: bool) -> str:
    """One line a clinician can check: why this test, and where it sits."""
    parts: list[str] = []
    if urgent_for:
        parts.append("time-critical for suspected " + ", ".join(names[c] for c in urgent_for))
    if pair is not None:
        i, j = pair
        _, li, pi = _describe(book, iid, lik[i])
        _, lj, pj = _describe(book, iid, lik[j])
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
