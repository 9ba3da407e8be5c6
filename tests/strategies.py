"""Hypothesis strategies shared by the property tests: random, valid cases."""

from __future__ import annotations

from hypothesis import strategies as st

from gravida.engine import Case
from gravida.knowledge import default_pack

PACK = default_pack()
BOOLEANS = sorted(f for f, d in PACK.findings.items() if d.kind == "boolean")

# Measurements a random case may carry, with the ranges drawn from.
NUMBERS = {
    "temperature_c": (35.0, 41.5),
    "pain_severity": (0, 10),
    "heart_rate": (50, 160),
    "systolic_bp": (60, 200),
}


@st.composite
def cases(draw, max_findings: int = 18, weeks: tuple[int, int] = (4, 42)) -> Case:
    """A week, some numbers, and disjoint present/absent sets consistent with the pack."""
    week = draw(st.integers(min_value=weeks[0], max_value=weeks[1]))
    chosen = draw(st.lists(st.sampled_from(BOOLEANS), unique=True, max_size=max_findings))
    split = draw(st.integers(min_value=0, max_value=len(chosen)))
    present, absent = set(chosen[:split]), set(chosen[split:])
    for imp in PACK.implies:  # keep the case consistent with the pack's (hard) implications
        if not imp.soft and imp.if_ in present and imp.then in absent:
            absent.discard(imp.then)
    numbers = {"gestational_weeks": float(week)}
    for fid, (lo, hi) in NUMBERS.items():
        if draw(st.booleans()):
            if isinstance(lo, float):
                numbers[fid] = draw(st.floats(min_value=lo, max_value=hi))
            else:
                numbers[fid] = float(draw(st.integers(min_value=lo, max_value=int(hi))))
    return Case(numbers, frozenset(present), frozenset(absent))
