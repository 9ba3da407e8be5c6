"""What a woman can expect: her level's next steps, usual care of the leading causes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gravida.advice.workup.book import ShownToHer, WorkupBook, load_workup
from gravida.advice.workup.suggest import _check_assessment
from gravida.engine.assess import Assessment
from gravida.knowledge.frozen import quick_init
from gravida.knowledge.load import Pack
from gravida.knowledge.places import round6

# --- what a woman can expect ------------------------------------------------------------------


@quick_init
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


@quick_init
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
                "probability": round6(self.probability), "text": self.text,
                "tests": list(self.tests), "sources": list(self.sources)}


@quick_init
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
    # how much of this her own page shows (the pack's, by level); all when not given
    shown: ShownToHer = field(default_factory=ShownToHer)

    @property
    def sources(self) -> tuple[str, ...]:
        ids: list[str] = [*self.next_sources]
        for c in self.conditions:
            ids.extend(c.sources)
        for t in self.tests:
            ids.extend(t.sources)
        ids.extend(self.imaging_sources)
        return tuple(dict.fromkeys(ids))

    def as_shown(self) -> PatientExpectations:
        """What happens next as she reads it, in every interface: only what she will meet
        at her level.

        The pack says per level (workup.yaml ``for_her``: ``shown``) how many
        leading causes, from which probability, how many of each one's tests,
        and whether the note on scans; the leading cause always stays. The
        clinician's work-up and the whole expectations (usual treatment of the
        leading causes in the clinician summary) are not cut.
        """
        rule = self.shown
        # built directly, not by dataclasses.replace (ten times its cost; every full
        # result makes these): the same fields, those named here cut
        causes = [
            ConditionExpectation(c.id, c.lay_name, c.probability, c.text,
                                 c.tests[:rule.tests_per_cause], c.sources)
            for i, c in enumerate(self.conditions)
            if i == 0 or c.probability >= rule.min_probability
        ][:rule.causes]
        wanted = {t for c in causes for t in c.tests}
        return PatientExpectations(
            self.level, self.next_steps, self.next_sources, tuple(causes),
            tuple(t for t in self.tests if t.id in wanted),
            self.imaging_note if rule.imaging_note else "",
            self.imaging_sources if rule.imaging_note else (),
            self.shown,
        )

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
        conds.append(ConditionExpectation(c.id, c.lay_name, c.probability,
                                          cw.what_to_expect.text, tuple(mine),
                                          tuple(cw.what_to_expect.sources)))
    explained = tuple(
        TestExplanation(t, inv.lay_name, inv.what_happens, inv.safety, tuple(inv.sources))
        for t, inv in ((t, book.investigation(t)) for t in tests)
    )
    lv = book.data.levels[level]
    note = book.data.imaging_note
    return PatientExpectations(level, lv.text, tuple(lv.sources), tuple(conds), explained,
                               note.text, tuple(note.sources), lv.for_her)
