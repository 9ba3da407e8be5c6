"""Triage's rule tables against reading every rule: the same reasons, in the same order.

``Triager.floor_reasons`` (the pack's floors) and ``Triager.condition_levels`` test
only the rules that mention a known finding, found through tables built once per
pack, and hand out each rule's reason built once. A rule none of whose findings is
known cannot hold (its triggers), so the answers must be those of testing every
rule in turn: checked on drawn cases (any findings, present or absent, with numbers).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gravida.engine import Case, Engine
from gravida.engine.model import Evidence
from gravida.engine.triage import Triager, TriageReason

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
ENGINE = Engine()
TRIAGER = ENGINE.triager
BOOLEANS = sorted(f for f, d in ENGINE.pack.findings.items() if d.kind == "boolean")
MENTIONED = sorted({f for _, m in TRIAGER.floors if m for f in m}
                   | {f for _, rules in TRIAGER.adjusted for _, m in rules if m for f in m})


@st.composite
def _evidence(draw: st.DrawFn) -> Evidence:
    chosen = draw(st.lists(st.one_of(st.sampled_from(BOOLEANS), st.sampled_from(MENTIONED)),
                           max_size=20, unique=True))
    k = draw(st.integers(0, len(chosen)))
    numbers = {"gestational_weeks": float(draw(st.integers(4, 42)))}
    if draw(st.booleans()):
        numbers["systolic_bp"] = float(draw(st.integers(90, 190)))
        numbers["diastolic_bp"] = float(draw(st.integers(50, 125)))
    if draw(st.booleans()):
        numbers["temperature_c"] = float(draw(st.sampled_from([36.6, 37.9, 38.0, 39.5])))
    numbers = {f: v for f, v in numbers.items() if f in ENGINE.pack.findings}
    return ENGINE.model.evidence(Case(numbers, frozenset(chosen[:k]), frozenset(chosen[k:])))


def _every_adjustment(tr: Triager, ev: Evidence) -> tuple[list[TriageReason], list[float]]:
    """``condition_levels`` reading every adjusted condition's rules (as it did)."""
    levels, ranks = list(tr.static), tr.static_ranks.tolist()
    known = ev.present.union(ev.numbers)
    for i, rules in tr.adjusted:
        cr = tr._adjustment(ev, known, rules)
        if cr is not None:
            r = cr.rule
            levels[i] = TriageReason("condition", r.id, r.level, r.says, r.src,
                                     tr.model.conditions[i])
            ranks[i] = tr.rank[r.level]
    return levels, ranks


@SETTINGS
@given(_evidence())
def test_the_floors_that_hold_are_those_of_every_floor(ev: Evidence) -> None:
    assert TRIAGER.floor_reasons(ev) == TRIAGER.floor_reasons(ev, TRIAGER.floors)


@SETTINGS
@given(_evidence())
def test_the_condition_levels_are_those_of_every_adjustment(ev: Evidence) -> None:
    levels, ranks, thresholds = TRIAGER.condition_levels(ev)
    want_levels, want_ranks = _every_adjustment(TRIAGER, ev)
    assert levels == want_levels
    assert ranks.tolist() == want_ranks
    assert thresholds.tolist() == [TRIAGER._threshold(i, r.level) for i, r in enumerate(levels)]


def test_some_drawn_cases_reach_floors_and_adjustments() -> None:
    """The strategy above does reach the rules (a check on the check)."""
    ev = ENGINE.model.evidence(Case({"gestational_weeks": 30.0, "temperature_c": 38.6},
                                    frozenset({"pain_flank", "chills_rigors"}), frozenset()))
    assert TRIAGER.floor_reasons(ev)
    assert TRIAGER.condition_levels(ev)[0] != TRIAGER.static
