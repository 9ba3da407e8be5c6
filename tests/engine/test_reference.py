"""The engine agrees with pgmpy's exact inference on the same network to 1e-9."""

from __future__ import annotations

import pytest

pytest.importorskip("pgmpy")

from gravida.engine.reference import pgmpy_posterior

CASES = [
    {
        "gestational_weeks": 26,
        "temperature_c": 38.7,
        "present": ["pain_flank", "chills_rigors"],
        "absent": ["pain_colicky_waves"],
    },
    {"gestational_weeks": 8, "present": ["vaginal_bleeding", "pain_one_side"], "absent": ["fever"]},
    {
        "gestational_weeks": 39,
        "pain_severity": 8,
        "present": ["contractions_regular", "pelvic_pressure"],
    },
    {"gestational_weeks": 30, "heart_rate": 135, "systolic_bp": 85, "present": ["faint_or_dizzy"]},
    {"gestational_weeks": 20},
    # nested findings: both absent, parent only, child with parent, child alone
    {"gestational_weeks": 30, "systolic_bp": 118, "diastolic_bp": 72,
     "present": ["pain_upper_abdomen", "nausea_vomiting"]},
    {"gestational_weeks": 22, "systolic_bp": 150, "diastolic_bp": 95, "heart_rate": 135},
    {"gestational_weeks": 36, "present": ["vaginal_bleeding", "heavy_vaginal_bleeding",
                                          "pain_one_side"], "absent": ["pain_right_side"]},
    {"gestational_weeks": 10, "present": ["pain_left_side"], "absent": ["heavy_vaginal_bleeding"]},
    # a soft child with its parent absent: a pain on both sides, worse on the right
    {"gestational_weeks": 24, "present": ["pain_right_side", "pain_flank"],
     "absent": ["pain_one_side", "pain_left_side"]},
]


@pytest.mark.parametrize("data", CASES)
def test_posteriors_match_pgmpy(engine, data):
    ev, ours = engine.posterior(engine.case(data))
    theirs = pgmpy_posterior(engine.model, ev)
    assert abs(ours - theirs).max() < 1e-9
