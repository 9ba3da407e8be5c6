"""A pulse is graded evidence: just over 100 says little in pregnancy, 110 or more says more
(session 14; docs/model.md, "A graded pulse").

The resting pulse rises through pregnancy: median (3rd-97th centile) 82 (63-105) at 12
weeks, 91 (68-115) at 34 weeks (green-2020), so a pulse of 100 or more is common late
in pregnancy (about 1 woman in 4 at 34 weeks) and one of 110 or more lies above the 97th
centile for most of it. A pulse of 104 on a back pain must not lift the level by itself;
a pulse of 118 still counts for the causes that drive the pulse (a kidney infection, a
clot, bleeding) more than one of 104 does.

The pictures are written from those descriptions (a back pain with nothing else said),
not from any vignette.
"""

from __future__ import annotations

import pytest

from gravida.engine import Engine
from gravida.engine.model import trimester

from .pictures import assess

LEVELS = ["self_care", "consultation", "consultation_24", "emergency", "emergency_ambulance"]


def _level(engine: Engine, weeks: float, present: list[str], **numbers: float) -> str:
    a, _ = assess(engine, weeks, present, **numbers)
    return str(a.triage.level)


def _p(engine: Engine, condition: str, weeks: float, present: list[str],
       **numbers: float) -> float:
    a, _ = assess(engine, weeks, present, **numbers)
    return next(c.probability for c in a.conditions if c.id == condition)


def test_the_pulse_background_follows_the_pregnancy(engine: Engine) -> None:
    m = engine.model
    j, k = m.index["tachycardia"], m.index["tachycardia_110"]
    rates = [m.background[trimester(w)][j] for w in (10, 20, 34)]
    assert rates[0] < rates[1] < rates[2]
    # a pulse of 110 or more is rarer than one of 100 or more in every trimester
    assert all(m.background[t][k] < m.background[t][j] for t in range(3))


@pytest.mark.parametrize("weeks", [18, 26, 34, 38])
@pytest.mark.parametrize("pulse", [104, 108])
@pytest.mark.parametrize("present", [
    ["pain_upper_back"],
    ["pain_lower_back_central", "pain_dull_aching"],
    ["pain_lower_back_central", "pain_onset_sudden"],
])
def test_a_mild_pulse_does_not_lift_the_level_by_itself(
        engine: Engine, weeks: int, pulse: int, present: list[str]) -> None:
    without = _level(engine, weeks, present)
    with_pulse = _level(engine, weeks, present, heart_rate=pulse)
    assert LEVELS.index(with_pulse) <= LEVELS.index(without)


@pytest.mark.parametrize("t", [0, 1, 2])
def test_a_faster_pulse_counts_more_for_every_cause_of_a_fast_pulse(
        engine: Engine, t: int) -> None:
    """Against the background, a pulse of 118 (110 or more) is stronger evidence than one
    of 104 (100-109) for every condition that lists a fast pulse above the background."""
    m = engine.model
    j, k = m.index["tachycardia"], m.index["tachycardia_110"]
    b100, b110 = m.background[t][j], m.background[t][k]
    raised = [i for i in range(len(m.conditions)) if m.p[t][i, j] > b100 + 1e-9]
    assert len(raised) >= 10
    for i in raised:
        fast = m.p[t][i, k] / b110
        mild = (m.p[t][i, j] - m.p[t][i, k]) / (b100 - b110)
        assert fast > mild, m.conditions[i]


@pytest.mark.parametrize(("condition", "weeks", "present"), [
    ("pyelonephritis", 26, ["pain_flank", "pain_one_side", "pain_constant_unrelieved"]),
    ("venous_thromboembolism", 30, ["pain_upper_back", "pain_one_side", "pain_sharp"]),
])
def test_a_faster_pulse_raises_a_cause_of_a_fast_pulse(
        engine: Engine, condition: str, weeks: int, present: list[str]) -> None:
    none = _p(engine, condition, weeks, present)
    mild = _p(engine, condition, weeks, present, heart_rate=104)
    fast = _p(engine, condition, weeks, present, heart_rate=118)
    assert none < fast
    assert mild < fast


def test_a_pulse_of_110_is_read_once_with_its_bands(engine: Engine) -> None:
    a, _ = assess(engine, 30, ["pain_upper_back"], heart_rate=135)
    assert {"tachycardia", "tachycardia_110", "marked_tachycardia"} <= a.evidence.present
    b, _ = assess(engine, 30, ["pain_upper_back"], heart_rate=104)
    assert "tachycardia" in b.evidence.present
    assert {"tachycardia_110", "marked_tachycardia"} <= b.evidence.absent


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
    without = _level(engine, weeks, present)
    with_bp = _level(engine, weeks, present, systolic_bp=pressure[0], diastolic_bp=pressure[1])
    assert LEVELS.index(with_bp) <= LEVELS.index(without)
