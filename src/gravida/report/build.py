"""The full answer for a person or a clinician: assessment, plan, and what happens next.

The engine ranks and triages; advice says what to do; the work-up says what
to expect. This module composes them into the one result every interface
returns (CLI, API, web), so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from gravida.advice.plan import Plan, build_plan
from gravida.advice.workup import (
    ConditionWorkupDef,
    PatientExpectations,
    WorkupItem,
    load_workup,
    suggested_workup,
    what_to_expect,
    workup_json,
)
from gravida.engine import Assessment, Engine, Factor, RankedCondition
from gravida.engine.case import Case
from gravida.knowledge.frozen import quick_init
from gravida.knowledge.load import Pack
from gravida.knowledge.places import round6
from gravida.knowledge.wording import Wording, wording_for


def factor_words(f: Factor, wording: Wording) -> str:
    """A finding in plain words: its label, or the pack's negative wording when absent.

    The negative wording (wording.yaml) reads as a phrase of its own ("the
    baby is moving as usual"), never "no" glued onto a label ("no the baby
    moving less than usual"). ``wording`` is the assessing pack's (``wording_for``),
    in the language of the labels.
    """
    if f.state == "present":
        return f.label
    return wording.negated(f.finding, f.label)


@quick_init
@dataclass(frozen=True)
class Why:
    """The reasons for one leading cause in plain words ("why we think so")."""

    condition: str
    name: str  # the cause's lay name
    probability: float  # rounded as sent and shown (6 places), so every reader agrees
    for_: tuple[str, ...]  # findings that raised it, in words
    against: tuple[str, ...]  # findings that lowered it, in words
    # why it is listed first though less probable: the working diagnosis (engine/working.py)
    first_because: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"condition": self.condition, "name": self.name,
                "probability": self.probability, "for": list(self.for_),
                "against": list(self.against), "first_because": self.first_because}


@quick_init
@dataclass(frozen=True)
class Report:
    """The one result every interface returns, typed: nothing is parsed back from JSON."""

    assessment: Assessment
    plan: Plan
    expectations: PatientExpectations  # what happens next, for her ("what_to_expect")
    workup: Sequence[WorkupItem]  # the clinician's suggested work-up, in order
    # the assessing pack's words for her (wording.yaml), in the language of its texts
    wording: Wording = field(repr=False, compare=False)
    lang: str = "en"  # the language of its texts: its pack's

    def why(self) -> list[Why]:
        """Plain-words reasons for the top conditions (the "why we think so" section)."""
        names = {c.id: c for c in self.assessment.conditions}
        working = self.assessment.working
        return [
            Why(
                e.condition,
                names[e.condition].lay_name,
                round6(names[e.condition].probability),
                tuple(factor_words(f, self.wording) for f in e.raised),
                tuple(factor_words(f, self.wording) for f in e.lowered),
                working.says if working is not None and working.condition == e.condition
                else None,
            )
            for e in self.assessment.explanations
        ]

    def leading_treatments(self, pack: Pack) -> list[tuple[RankedCondition, ConditionWorkupDef]]:
        """Usual treatment (and what is avoided) for the conditions of "what to expect".

        Those are the work-up's own choice of leading conditions, so the woman
        and her clinician read about the same causes.
        """
        book = load_workup(pack)
        by_id = {c.id: c for c in self.assessment.conditions}
        out: list[tuple[RankedCondition, ConditionWorkupDef]] = []
        for c in self.expectations.conditions:
            cw = book.data.conditions.get(c.id)
            if cw is not None and c.id in by_id:
                out.append((by_id[c.id], cw))
        return out

    def her_next(self) -> PatientExpectations:
        """What happens next as she reads it: only what she will meet at her level.

        The one rule for every interface (``PatientExpectations.as_shown``, the
        pack's ``for_her`` per level): the web page, the API's ``what_to_expect``
        and the CLI's ``--for patient`` all show this; the clinician's
        work-up and ``expectations`` stay whole.
        """
        return self.expectations.as_shown()

    def to_json(self) -> dict[str, Any]:
        return self._json(self.assessment.to_json(), self.plan.to_json())

    def to_wire(self) -> dict[str, Any]:
        """``to_json`` for orjson, as the API sends it: the same bytes once serialised,
        with what the pack fixes (each condition's names, the plan's items and signs, the
        floor rules' reasons) serialised once per pack, not once per result
        (``Assessment.to_wire``, ``Plan.to_wire``). Other encoders take ``to_json``."""
        return self._json(self.assessment.to_wire(), self.plan.to_wire())

    def _json(self, out: dict[str, Any], plan: dict[str, Any]) -> dict[str, Any]:
        out["why"] = [w.to_json() for w in self.why()]
        out["plan"] = plan
        out["what_to_expect"] = self.her_next().to_json()
        out["suggested_workup"] = workup_json(self.workup)
        return out


def build_report(engine: Engine, case: Case | Mapping[str, Any]) -> Report:
    """Assess a case and attach the advice and the work-up."""
    a = engine.assess(case)
    plan = build_plan(
        engine.pack,
        a.evidence.weeks,
        [(c.id, c.probability) for c in a.conditions],
        a.triage.level,
    )
    return Report(
        a, plan, what_to_expect(engine.pack, a), Workup(engine.pack, a),
        wording_for(engine.pack), engine.pack.lang,
    )


class Workup(Sequence[WorkupItem]):
    """The suggested work-up of an assessment, ranked when first read.

    It is the costliest part of a report (about half of a full result's CPU)
    and only the clinician's views read it (the API's full result, the
    summary, the hand-off documents), not her own pages.
    """

    def __init__(self, pack: Pack, assessment: Assessment) -> None:
        self._pack, self._assessment = pack, assessment
        self._ranked: tuple[WorkupItem, ...] | None = None

    @property
    def _items(self) -> tuple[WorkupItem, ...]:
        # no lock: two threads reading it first at once both rank it, to the same list
        if self._ranked is None:
            self._ranked = tuple(suggested_workup(self._pack, self._assessment))
        return self._ranked

    def __repr__(self) -> str:
        return repr(self._ranked) if self._ranked is not None else "Workup(not ranked yet)"

    def __eq__(self, other: object) -> bool:  # equal to the tuple of its items, as it was
        return isinstance(other, Sequence) and self._items == tuple(other)

    def __hash__(self) -> int:
        return hash(self._items)

    @overload
    def __getitem__(self, i: int) -> WorkupItem: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[WorkupItem, ...]: ...
    def __getitem__(self, i: int | slice) -> WorkupItem | tuple[WorkupItem, ...]:
        return self._items[i]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[WorkupItem]:  # the tuple's own, not one index at a time
        return iter(self._items)
