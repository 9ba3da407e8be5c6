"""A blood pressure under the policy's 140/90 does not lift the level of a back pain by
itself (session 14; docs/model.md, labour's back pain is low).

Labour's and preterm labour's back pain is low (pain_upper_back 0.01 under labour):
before, an upper back pain at term tied labour with the ordinary ache, and any measured
pressure, 110/70 as well as 138/88, tipped it to labour's emergency. The pictures are
written from that description (a back pain with nothing else said), not from any
vignette.
"""

from __future__ import annotations

import pytest

from gravida.engine import Engine

from .pictures import assess


def _rank(engine: Engine, weeks: float, present: list[str], **numbers: float) -> int:
    a, _ = assess(engine, weeks, present, **numbers)
    return engine.pack.level_rank(str(a.triage.level))


@pytest.mark.parametrize("weeks", [22, 30, 38])
@pytest.mark.parametrize("pressure", [(138, 88), (139, 89), (110, 70)])
@pytest.mark.parametrize("present", [
    ["pain_upper_back"],
    ["pain_lower_back_central", "pain_dull_aching"],
    ["pain_lower_back_central", "pain_worse_standing_sitting_long"],
])
def test_a_pressure_under_140_90_does_not_lift_the_level_by_itself(
        engine: Engine, weeks: int, pressure: tuple[int, int], present: list[str]) -> None:
    """A pressure under the policy's 140/90 (or a normal one) on a back pain with nothing
    else said. An upper back pain at term used to tie labour with the ordinary ache, and
    any measured pressure tipped it to labour's emergency (labour's back pain is low:
    pain_upper_back 0.01 under labour, session 14)."""
    without = _rank(engine, weeks, present)
    with_bp = _rank(engine, weeks, present, systolic_bp=pressure[0], diastolic_bp=pressure[1])
    assert with_bp <= without
