"""Classes of presentation where one warning sign comes with ordinary back pain.

Each test is a class of wording-free cases (findings only), across the weeks the
class spans: the condition the sign points to is in the differential the woman
sees, and the level is the one the policy gives. Not tied to any vignette.
"""

from __future__ import annotations

import pytest

ORDINARY = ["pain_lower_back_central", "pain_dull_aching"]
NOT_MECHANICAL = ["heavy_lifting_or_strain", "pain_worse_with_movement", "lumbar_tenderness"]


def case(weeks, present=(), absent=(), **numbers):
    return {"gestational_weeks": weeks, "present": list(present), "absent": list(absent),
            **numbers}


def ranked(engine, data):
    r = engine.assess(data, explain=False)
    return r.ranked, r.triage.level


@pytest.mark.parametrize("weeks", [22, 30, 36])
def test_sudden_severe_pain_at_rest_puts_abruption_first_or_second(engine, weeks):
    # RCOG GTG 63: sudden severe pain with nothing mechanical about it can be a
    # (concealed) abruption; a kidney stone is the other leading cause
    order, level = ranked(engine, case(weeks, ["pain_onset_sudden", "pain_lower_back_central"],
                                       NOT_MECHANICAL, pain_severity=9))
    assert order.index("placental_abruption") < 2
    assert level == "emergency_ambulance"


@pytest.mark.parametrize("weeks", [22, 30, 36])
def test_sudden_severe_pain_without_bleeding_stays_an_emergency(engine, weeks):
    # without visible bleeding an abruption is the concealed 20-25%: less likely than
    # a stone, still in the differential, and the policy row keeps the emergency
    order, level = ranked(engine, case(weeks, ["pain_onset_sudden", "pain_lower_back_central"],
                                       [*NOT_MECHANICAL, "vaginal_bleeding"], pain_severity=9))
    assert level in ("emergency", "emergency_ambulance")
    assert order.index("placental_abruption") < 8


def test_abruption_pain_is_not_mechanical(engine):
    # "not worse with movement" argues for the visceral causes, not against them
    base = case(30, ["pain_onset_sudden", "pain_lower_back_central"], pain_severity=9)
    still = case(30, ["pain_onset_sudden", "pain_lower_back_central"],
                 ["pain_worse_with_movement"], pain_severity=9)
    p0 = {c.id: c.probability for c in engine.assess(base, explain=False).conditions}
    p1 = {c.id: c.probability for c in engine.assess(still, explain=False).conditions}
    assert p1["placental_abruption"] > p0["placental_abruption"]
    assert p1["muscle_strain"] < p0["muscle_strain"]


@pytest.mark.parametrize("weeks", [22, 28, 34])
def test_a_severe_headache_from_20_weeks_shows_pre_eclampsia(engine, weeks):
    order, level = ranked(engine, case(weeks, [*ORDINARY, "severe_headache"]))
    assert order.index("preeclampsia_hellp") < 3
    assert level == "emergency"


@pytest.mark.parametrize("weeks", [16, 18, 20])
def test_pelvic_pressure_in_the_second_trimester_shows_a_late_miscarriage(engine, weeks):
    # cervical insufficiency: pressure, backache, discharge; contractions rare
    order, level = ranked(engine, case(weeks, [*ORDINARY, "pelvic_pressure"]))
    assert order.index("threatened_miscarriage") < 3
    assert level == "emergency"


@pytest.mark.parametrize("weeks", [24, 30, 34])
def test_pelvic_pressure_before_term_shows_preterm_labour(engine, weeks):
    order, level = ranked(engine, case(weeks, [*ORDINARY, "pelvic_pressure"]))
    assert order.index("preterm_labour") < 3
    assert level == "emergency"


@pytest.mark.parametrize("weeks", [10, 22, 34])
@pytest.mark.parametrize("sign", ["coughing_blood", "chest_pain", "shortness_of_breath"])
def test_upper_back_pain_with_a_sign_of_embolism_shows_a_clot(engine, weeks, sign):
    # pregnancy-related back pain is lumbar: pain between the shoulder blades with a
    # sign of a pulmonary embolism is not explained away by it (RCOG GTG 37b)
    order, level = ranked(engine, case(weeks, ["pain_upper_back", sign]))
    assert order.index("venous_thromboembolism") < 3
    assert level in ("emergency", "emergency_ambulance")
