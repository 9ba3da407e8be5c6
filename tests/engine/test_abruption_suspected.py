"""An abruption asks for its ambulance when it is suspected from its own signs
(triage.yaml `requires`, rcog-gtg63): bleeding, pain that is constant or began
suddenly, a hard or tender womb, signs of shock, regular tightenings, a blow to the
bump. Reduced movements with a back ache and nothing else known are the policy's
emergency (rcog-gtg57), not an ambulance that an abruption at 9-12% and a torn womb
at 2-4% made together. Both ways; cases written from those descriptions, only the
findings each names.
"""

from __future__ import annotations

import pytest

AMBULANCE = "emergency_ambulance"
EMERGENCY = "emergency"
RFM_ACHE = ["reduced_fetal_movements", "pain_lower_back_central"]


def case(weeks, present, absent=(), **numbers):
    return {"gestational_weeks": weeks, "present": list(present), "absent": list(absent),
            **numbers}


def triage(engine, data):
    return engine.assess(data, explain=False).triage


@pytest.mark.parametrize("weeks", [26, 30, 34, 38])
def test_reduced_movements_with_a_back_ache_are_the_emergency(engine, weeks):
    t = triage(engine, case(weeks, RFM_ACHE))
    assert t.level == EMERGENCY
    assert t.set_by.id == "reduced_fetal_movements"
    # the abruption is still in the differential she sees, with its probability
    r = engine.assess(case(weeks, RFM_ACHE), explain=False)
    assert "placental_abruption" in r.ranked[:4]


def test_reduced_movements_alone_are_the_emergency(engine):
    assert triage(engine, case(30, ["reduced_fetal_movements"])).level == EMERGENCY


@pytest.mark.parametrize(("sign", "numbers"), [
    ("vaginal_bleeding", {}),
    ("uterus_hard_persistent", {}),
    ("pain_constant_unrelieved", {}),
    ("pain_onset_sudden", {}),
    ("faint_or_dizzy", {}),
    ("contractions_regular", {}),
    ("recent_trauma", {}),
    (None, {"heart_rate": 135}),
])
def test_each_sign_of_an_abruption_gives_the_ambulance_back(engine, sign, numbers):
    present = RFM_ACHE + ([sign] if sign else [])
    assert triage(engine, case(34, present, **numbers)).level == AMBULANCE


def test_a_leading_abruption_keeps_its_ambulance_without_a_sign(engine):
    # lower belly pain with the back ache and reduced movements: the abruption leads,
    # and the likeliest cause is never set aside
    data = case(32, ["pain_lower_abdomen", "pain_lower_back_central",
                     "reduced_fetal_movements"])
    r = engine.assess(data, explain=False)
    assert r.ranked[0] == "placental_abruption"
    assert r.triage.level == AMBULANCE


@pytest.mark.parametrize("weeks", [22, 30, 36])
def test_sudden_severe_pain_at_rest_is_still_the_abruption_s_ambulance(engine, weeks):
    # RCOG GTG 63's concealed abruption: sudden severe pain with nothing mechanical
    data = case(weeks, ["pain_onset_sudden", "pain_lower_back_central"],
                ["heavy_lifting_or_strain", "pain_worse_with_movement", "lumbar_tenderness"],
                pain_severity=9)
    assert triage(engine, data).level == AMBULANCE


# --- early pictures without shock: their emergency, not an ambulance --------------------
# (nice-ng126, houry-2001, rcog-gtg25: the ambulance rows for these are shock, heavy
# bleeding with faintness and, before 14 weeks, faintness with pain or bleeding)

@pytest.mark.parametrize("data", [
    # an ectopic: one-sided pain with bleeding, sharp and severe, at 6 weeks
    case(6, ["pain_one_side", "pain_lower_abdomen", "vaginal_bleeding", "pain_sharp"],
         pain_severity=8),
    # ... with shoulder-tip pain at 9 weeks
    case(9, ["pain_one_side", "pain_lower_abdomen", "vaginal_bleeding", "shoulder_tip_pain"]),
    # a twisted ovary: sudden one-sided severe pain with vomiting, 12 and 16 weeks
    case(12, ["pain_one_side", "pain_lower_abdomen", "pain_onset_sudden", "nausea_vomiting"],
         pain_severity=8),
    case(16, ["pain_one_side", "pain_lower_abdomen", "pain_onset_sudden", "nausea_vomiting",
              "pain_constant_unrelieved", "feeling_very_unwell"], pain_severity=9),
    # ... with faintness at 18 weeks (after the ectopic row's 14 weeks)
    case(18, ["pain_one_side", "pain_lower_abdomen", "pain_onset_sudden", "nausea_vomiting",
              "faint_or_dizzy"], pain_severity=9),
    # a threatened miscarriage with severe cramps, and with heavy bleeding
    case(10, ["vaginal_bleeding", "pain_lower_abdomen", "pain_rhythmic_cramping",
              "pain_lower_back_central"], pain_severity=7),
    case(12, ["heavy_vaginal_bleeding", "pain_lower_abdomen", "pain_rhythmic_cramping"]),
])
def test_early_pictures_without_shock_are_an_emergency(engine, data):
    assert triage(engine, data).level == EMERGENCY


@pytest.mark.parametrize("data", [
    # the other way: faintness before 14 weeks (policy v2's ruptured ectopic row) ...
    case(9, ["pain_one_side", "pain_lower_abdomen", "vaginal_bleeding", "faint_or_dizzy"]),
    # ... heavy bleeding with faintness ...
    case(12, ["heavy_vaginal_bleeding", "pain_lower_abdomen", "pain_rhythmic_cramping",
              "faint_or_dizzy"]),
    # ... and shock after it
    case(16, ["pain_one_side", "pain_lower_abdomen", "pain_onset_sudden", "faint_or_dizzy"],
         systolic_bp=85),
])
def test_early_pictures_with_shock_signs_are_an_ambulance(engine, data):
    assert triage(engine, data).level == AMBULANCE
