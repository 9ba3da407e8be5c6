"""The full answer for a person or a clinician: assessment, plan, and what happens next.

The engine ranks and triages; advice says what to do; the work-up says what
to expect. This module composes them into the one result every interface
returns (CLI, API, web), so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gravida.advice.plan import Plan, build_plan
from gravida.engine import Assessment, Engine, Factor, RankedCondition
from gravida.engine.case import Case
from gravida.knowledge.load import Pack
from gravida.knowledge.wording import default_wording

if TYPE_CHECKING:
    from gravida.advice.workup import ConditionWorkupDef


def factor_words(f: Factor, lang: str = "en") -> str:
    """A finding in plain words: its label, or the pack's negative wording when absent.

    The negative wording (wording.yaml) reads as a phrase of its own ("the
    baby is moving as usual"), never "no" glued onto a label ("no the baby
    moving less than usual").
    """
    if f.state == "present":
        return f.label
    return default_wording(lang).negated(f.finding, f.label)


@dataclass(frozen=True)
class Report:
    assessment: Assessment
    plan: Plan
    extras: dict[str, Any]
    lang: str = "en"  # the language of its texts: its pack's

    def why(self) -> list[dict[str, Any]]:
        """Plain-words reasons for the top conditions (the "why we think so" section)."""
        names = {c.id: c for c in self.assessment.conditions}
        return [
            {
                "condition": e.condition,
                "name": names[e.condition].lay_name,
                "probability": round(names[e.condition].probability, 6),
                "for": [factor_words(f, self.lang) for f in e.raised],
                "against": [factor_words(f, self.lang) for f in e.lowered],
            }
            for e in self.assessment.explanations
        ]

    def leading_treatments(self, pack: Pack) -> list[tuple[RankedCondition, ConditionWorkupDef]]:
        """Usual treatment (and what is avoided) for the conditions of "what to expect".

        Those are the work-up's own choice of leading conditions, so the woman
        and her clinician read about the same causes. Empty when the report
        carries no work-up (that stage is optional).
        """
        expect = self.extras.get("what_to_expect")
        if not isinstance(expect, Mapping):
            return []
        try:
            from gravida.advice.workup import load_workup
        except ImportError:
            return []
        book = load_workup(pack)
        by_id = {c.id: c for c in self.assessment.conditions}
        out: list[tuple[RankedCondition, ConditionWorkupDef]] = []
        for c in expect.get("conditions") or []:
            cid = str(c.get("id")) if isinstance(c, Mapping) else ""
            cw = book.data.conditions.get(cid)
            if cw is not None and cid in by_id:
                out.append((by_id[cid], cw))
        return out

    def to_json(self) -> dict[str, Any]:
        out = self.assessment.to_json()
        out["why"] = self.why()
        out["plan"] = self.plan.to_json()
        out.update(self.extras)
        return out


def build_report(engine: Engine, case: Case | dict[str, Any]) -> Report:
    """Assess a case and attach the advice (and, where available, the work-up)."""
    a = engine.assess(case)
    plan = build_plan(
        engine.pack,
        a.evidence.weeks,
        [(c.id, c.probability) for c in a.conditions],
        a.triage.level,
    )
    extras: dict[str, Any] = {}
    try:
        from gravida.advice import workup
    except ImportError:  # the work-up stage is optional
        pass
    else:
        extras["what_to_expect"] = workup.what_to_expect(engine.pack, a).to_json()
        extras["suggested_workup"] = [w.to_json() for w in workup.suggested_workup(engine.pack, a)]
    return Report(a, plan, extras, engine.pack.lang)
