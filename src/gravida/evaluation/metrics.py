"""Scoring outcomes against vignettes, as published symptom-checker audits do."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gravida.evaluation.modes import Outcome
from gravida.evaluation.vignettes import Vignette
from gravida.knowledge.load import Pack

EMERGENCY_LEVELS = ("emergency", "emergency_ambulance")


def score(pack: Pack, vignettes: Sequence[Vignette], outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """The evaluator's JSON object: fractions in [0, 1], counts as ints, one row per case."""
    n = len(vignettes)
    top1 = top3 = exact = under = over = emergency_under = errors = 0
    brier_total = 0.0
    cases: list[dict[str, Any]] = []
    for v, o in zip(vignettes, outcomes, strict=True):
        row: dict[str, Any] = {
            "id": v.id,
            "expected_condition": v.expected_condition,
            "ranked": o.ranked,
            "expected_triage": v.expected_triage,
            "triage": o.triage or None,
        }
        row.update(o.details())
        if o.error is not None:
            errors += 1
            row["error"] = o.error
            # A case we could not assess counts as wrong and, if it was an
            # emergency, as an under-triage: failing closed, never open.
            under += 1
            emergency_under += v.expected_triage in EMERGENCY_LEVELS
            brier_total += 2.0
            cases.append(row)
            continue
        ok = v.acceptable
        hit1 = bool(o.ranked) and o.ranked[0] in ok
        hit3 = any(c in ok for c in o.ranked[:3])
        top1 += hit1
        top3 += hit3
        expected_rank = pack.level_rank(v.expected_triage)
        got_rank = pack.level_rank(o.triage)
        exact += got_rank == expected_rank
        if got_rank < expected_rank:
            under += 1
            emergency_under += v.expected_triage in EMERGENCY_LEVELS
        elif got_rank > expected_rank:
            over += 1
        brier_total += sum(
            (p - (1.0 if c == v.expected_condition else 0.0)) ** 2
            for c, p in o.probabilities.items()
        )
        row.update(top1=hit1, top3=hit3)
        cases.append(row)
    frac = (lambda k: k / n) if n else (lambda k: 0.0)
    return {
        "n": n,
        "top1": frac(top1),
        "top3": frac(top3),
        "triage_exact": frac(exact),
        "under_triage": under,
        "over_triage": over,
        "emergency_under_triage": emergency_under,
        "brier": frac(brier_total),
        "errors": errors,
        "cases": cases,
    }
