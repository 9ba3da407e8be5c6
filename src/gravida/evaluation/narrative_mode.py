"""Narrative mode: each vignette assessed from the woman's own words alone.

Measures the free-text intake end to end: how many findings it reads right
(micro precision and recall against the vignette's case) and what the
assessment from those findings alone gets right. A narrative that yields no
gestational age cannot be assessed; it counts as a failure, which for an
emergency is an under-triage (failing closed).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gravida.engine import Case, CaseError, Engine
from gravida.evaluation.modes import MODES, FindingCounts, Outcome
from gravida.evaluation.vignettes import Vignette
from gravida.intake.parse import parse_text
from gravida.intake.score import narrative_metrics, precision_recall


class NarrativeMode:
    name = "narrative"

    def run(self, engine: Engine, vignette: Vignette) -> Outcome:
        parsed = parse_text(vignette.narrative, engine.pack).case
        tp, fp, fn = narrative_metrics(parsed, vignette.case)
        counts = FindingCounts(tp, fp, fn)
        if "gestational_weeks" not in parsed.numbers:
            return Outcome.failed("no weeks of pregnancy found in the narrative", counts)
        try:
            case = Case.from_findings(parsed, engine.pack)
            return Outcome.from_assessment(engine.assess(case, explain=False), reading=counts)
        except CaseError as exc:
            return Outcome.failed(f"parsed case invalid: {exc}", counts)

    def summary(self, outcomes: Sequence[Outcome]) -> dict[str, Any]:
        read = [o.reading for o in outcomes if o.reading is not None]
        tp = sum(r.finding_tp for r in read)
        fp = sum(r.finding_fp for r in read)
        fn = sum(r.finding_fn for r in read)
        precision, recall = precision_recall(tp, fp, fn)
        return {"finding_precision": precision, "finding_recall": recall}


MODES["narrative"] = NarrativeMode
