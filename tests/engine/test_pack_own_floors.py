"""The pack's own triage rows (not in triage-policy.md), each with its near misses.

A pack-own row is clinical judgement acting on a sourced sign (triage.yaml): it
must raise the level where the sign is, must not where a part of it is missing,
and must never lower a level. Cases are findings only, not tied to any vignette.
"""

from __future__ import annotations

import pytest


def case(weeks, present=(), absent=(), **numbers):
    return {"gestational_weeks": weeks, "present": list(present), "absent": list(absent),
            **numbers}


def triage(engine, data):
    return engine.assess(data, explain=False).triage


def at_least(pack, level, floor):
    return pack.level_rank(level) >= pack.level_rank(floor)


# --- a suspected osteoporotic vertebral fracture ----------------------------------------

THIN_BONES_SUDDEN = ["osteoporosis_risk", "pain_onset_sudden"]


@pytest.mark.parametrize("weeks", [10, 24, 34])
@pytest.mark.parametrize("site", ["pain_lower_back_central", "pain_upper_back"])
def test_sudden_central_pain_with_thin_bones_is_seen_within_24_hours(engine, pack, weeks, site):
    # NICE CKS: sudden central spinal pain with osteoporosis or steroids, even after
    # minor or no trauma, is the red flag of a fracture; no fall, moderate pain
    t = triage(engine, case(weeks, [*THIN_BONES_SUDDEN, site],
                            ["recent_trauma", "heavy_lifting_or_strain"], pain_severity=5))
    assert at_least(pack, t.level, "consultation_24")
    assert "suspected_osteoporotic_fracture" in {r.id for r in t.reasons}


@pytest.mark.parametrize("weeks", [10, 16, 34])
@pytest.mark.parametrize("event", ["heavy_lifting_or_strain", "recent_trauma"])
@pytest.mark.parametrize("onset", [None, "gradual"])
def test_minor_injury_or_lift_with_thin_bones_is_seen_within_24_hours(
        engine, pack, weeks, event, onset):
    # NICE CKS: minor trauma, or even just strenuous lifting, in a person with
    # osteoporosis or on steroids; the onset need not be said to be sudden
    absent = ["pain_onset_sudden"] if onset == "gradual" else []
    t = triage(engine, case(weeks, ["osteoporosis_risk", event, "pain_lower_back_central",
                                    "pain_worse_with_movement"], absent, pain_severity=5))
    assert at_least(pack, t.level, "consultation_24")
    assert "suspected_osteoporotic_fracture" in {r.id for r in t.reasons}


def test_the_fracture_row_lists_the_fracture_first(engine):
    # the strain is likelier after a lift; the fracture is the one to rule out first
    r = engine.assess(case(34, ["osteoporosis_risk", "heavy_lifting_or_strain",
                                "pain_lower_back_central"], ["recent_trauma"],
                           pain_severity=6), explain=False)
    assert r.ranked[0] == "vertebral_fracture"
    assert r.working is not None and r.working.condition == "vertebral_fracture"


@pytest.mark.parametrize("weeks", [12, 28, 36])
@pytest.mark.parametrize(
    "trigger",
    [
        ["heavy_lifting_or_strain", "pain_sharp"],  # bent to pick something up
        ["pain_onset_sudden", "pain_sharp"],  # a sneeze, a cough: sudden, not a lift
        ["heavy_lifting_or_strain", "pain_onset_sudden", "pain_sharp",
         "pain_worse_with_movement"],
    ],
)
def test_thin_bones_and_a_trivial_load_with_the_site_not_said(engine, pack, weeks, trigger):
    # session 11: the back pain's site is not said (no central, no one-sided pain): the
    # spine is where back pain is unless she places it elsewhere, so the thin-bone row
    # holds; the strain stays likelier, the fracture is listed first and in the top 3
    r = engine.assess(case(weeks, ["osteoporosis_risk", *trigger],
                           ["recent_trauma", "leg_weakness", "radiates_leg_below_knee"],
                           pain_severity=6), explain=False)
    assert at_least(pack, r.triage.level, "consultation_24")
    assert "suspected_osteoporotic_fracture" in {x.id for x in r.triage.reasons}
    assert "vertebral_fracture" in r.ranked[:3]
    assert r.ranked[0] == "vertebral_fracture"


@pytest.mark.parametrize(
    "site",
    [["pain_one_side"], ["pain_sacrum_buttock"], ["pain_flank"], ["pain_pubic_symphysis"],
     ["pain_one_side", "pain_left_side"]],
)
def test_thin_bones_and_a_lift_with_pain_placed_off_the_spine(engine, site):
    # a site off the spine, and no central or upper back pain said: not the central
    # spinal pain of a fracture; the row does not hold
    t = triage(engine, case(30, ["osteoporosis_risk", "heavy_lifting_or_strain",
                                 "pain_onset_sudden", *site], ["recent_trauma"],
                            pain_severity=5))
    assert "suspected_osteoporotic_fracture" not in {r.id for r in t.reasons}


@pytest.mark.parametrize("off_spine", ["pain_one_side", "pain_sacrum_buttock"])
def test_a_central_pain_said_beside_a_site_off_the_spine_keeps_the_row(engine, off_spine):
    t = triage(engine, case(30, ["osteoporosis_risk", "heavy_lifting_or_strain",
                                 "pain_lower_back_central", off_spine], ["recent_trauma"],
                            pain_severity=5))
    assert "suspected_osteoporotic_fracture" in {r.id for r in t.reasons}


@pytest.mark.parametrize("weeks", [12, 28, 36])
@pytest.mark.parametrize("bones", ["absent", "unknown"])
def test_a_lift_with_the_site_not_said_and_no_bone_risk_stays_at_home(engine, weeks, bones):
    # the near miss of the test above: without the thin-bone risk it is the strain
    absent = ["recent_trauma", *(["osteoporosis_risk"] if bones == "absent" else [])]
    r = engine.assess(case(weeks, ["heavy_lifting_or_strain", "pain_onset_sudden",
                                   "pain_sharp", "pain_worse_with_movement"], absent,
                           pain_severity=6), explain=False)
    assert r.triage.level == "self_care"
    assert r.ranked[0] == "muscle_strain"


@pytest.mark.parametrize("weeks", [10, 16, 30])
@pytest.mark.parametrize("event", ["heavy_lifting_or_strain", "pain_onset_sudden"])
@pytest.mark.parametrize("bones", ["absent", "unknown"])
def test_an_ordinary_strain_without_a_bone_risk_stays_at_home(engine, weeks, event, bones):
    # a sudden central pain after a lift, 6/10, no fall: the ordinary strain
    absent = ["recent_trauma", *(["osteoporosis_risk"] if bones == "absent" else [])]
    t = triage(engine, case(weeks, [event, "pain_lower_back_central", "pain_sharp",
                                    "pain_worse_with_movement"], absent, pain_severity=6))
    assert t.level == "self_care"


def test_a_minor_fall_without_a_bone_risk_before_20_weeks_stays_at_home(engine):
    # the policy's trauma rows need severe pain or 20 weeks; a fall with a bruised,
    # strained back is the commoner answer (fractures in about 1 fall in 20)
    t = triage(engine, case(16, ["recent_trauma", "pain_onset_sudden",
                                 "pain_lower_back_central", "pain_worse_with_movement"],
                            ["osteoporosis_risk"], pain_severity=5))
    assert t.level == "self_care"


@pytest.mark.parametrize(
    ("present", "absent"),
    [
        # gradual, not sudden
        (["osteoporosis_risk", "pain_lower_back_central", "pain_dull_aching"],
         ["pain_onset_sudden"]),
        # sudden central pain without a thin-bone risk: a strain or the ordinary ache
        (["pain_onset_sudden", "pain_lower_back_central"], ["osteoporosis_risk"]),
        # the thin-bone risk is not known: the row does not apply
        (["pain_onset_sudden", "pain_lower_back_central"], []),
        # sudden pain low over the buttock, not central
        (["osteoporosis_risk", "pain_onset_sudden", "pain_sacrum_buttock"],
         ["pain_lower_back_central", "pain_upper_back"]),
        # after a lift, but one-sided low over the buttock, not central
        (["osteoporosis_risk", "heavy_lifting_or_strain", "pain_one_side",
          "pain_sacrum_buttock"], ["pain_lower_back_central", "pain_upper_back"]),
        # a lift or a fall without a known thin-bone risk
        (["heavy_lifting_or_strain", "pain_lower_back_central"], ["osteoporosis_risk"]),
        (["recent_trauma", "pain_lower_back_central"], []),
        # thin bones and central pain, neither sudden nor after a lift or a fall
        (["osteoporosis_risk", "pain_lower_back_central"],
         ["pain_onset_sudden", "recent_trauma", "heavy_lifting_or_strain"]),
    ],
)
def test_near_misses_of_the_fracture_row_do_not_fire(engine, present, absent):
    t = triage(engine, case(30, present, absent, pain_severity=4))
    assert "suspected_osteoporotic_fracture" not in {r.id for r in t.reasons}


def test_gradual_ache_with_thin_bones_stays_at_home(engine):
    # long-term heparin alone does not make an ordinary ache urgent
    t = triage(engine, case(30, ["osteoporosis_risk", "pain_lower_back_central",
                                 "pain_dull_aching", "pain_relieved_by_rest"],
                            ["pain_onset_sudden", "recent_trauma"], pain_severity=3))
    assert t.level == "self_care"


# --- haemorrhagic shock ------------------------------------------------------------------

@pytest.mark.parametrize("weeks", [8, 18, 30])
@pytest.mark.parametrize("numbers", [{"systolic_bp": 88, "diastolic_bp": 50},
                                     {"systolic_bp": 90, "diastolic_bp": 55},
                                     {"heart_rate": 130},
                                     {"heart_rate": 135, "systolic_bp": 104,
                                      "diastolic_bp": 62}])
def test_heavy_bleeding_with_shock_signs_calls_an_ambulance(engine, weeks, numbers):
    # without feeling faint: she may keep her pressure until late, and a low pressure
    # or a pulse of 130 with heavy bleeding is blood loss already
    t = triage(engine, case(weeks, ["heavy_vaginal_bleeding"], ["faint_or_dizzy"], **numbers))
    assert t.level == "emergency_ambulance"
    assert "heavy_bleeding_with_shock_signs" in {r.id for r in t.reasons}


@pytest.mark.parametrize(
    ("present", "absent", "numbers"),
    [
        # heavy bleeding with a fast pulse under 130 and a normal pressure
        (["heavy_vaginal_bleeding"], ["faint_or_dizzy"],
         {"heart_rate": 118, "systolic_bp": 104, "diastolic_bp": 62}),
        # heavy bleeding, nothing measured
        (["heavy_vaginal_bleeding"], ["faint_or_dizzy"], {}),
        # low pressure with light bleeding (not heavy)
        (["vaginal_bleeding"], ["heavy_vaginal_bleeding", "faint_or_dizzy"],
         {"systolic_bp": 88, "diastolic_bp": 50}),
        # low pressure without any bleeding
        ([], ["vaginal_bleeding", "faint_or_dizzy"], {"systolic_bp": 88, "diastolic_bp": 50}),
    ],
)
def test_near_misses_of_the_shock_row_do_not_fire(engine, present, absent, numbers):
    t = triage(engine, case(10, present, absent, **numbers))
    assert "heavy_bleeding_with_shock_signs" not in {r.id for r in t.reasons}


def test_heavy_bleeding_alone_early_stays_an_emergency_not_an_ambulance(engine):
    # the policy's heavy-bleeding row (emergency) is the level; the shock row needs a sign
    t = triage(engine, case(10, ["heavy_vaginal_bleeding"],
                            ["faint_or_dizzy", "pain_one_side", "shoulder_tip_pain"],
                            heart_rate=96, systolic_bp=112, diastolic_bp=70))
    assert t.level == "emergency"


# --- a resting pulse over 120 (MEOWS red trigger) ----------------------------------------

@pytest.mark.parametrize("weeks", [10, 24, 35])
@pytest.mark.parametrize("pulse", [121, 124, 129])
def test_a_resting_pulse_over_120_is_seen_now(engine, pack, weeks, pulse):
    # no fever, no faintness, no chest symptom: neither the shock row nor sepsis holds
    t = triage(engine, case(weeks, ["pain_upper_back", "pain_one_side"],
                            ["fever", "faint_or_dizzy", "chest_pain", "shortness_of_breath"],
                            heart_rate=pulse, systolic_bp=118, diastolic_bp=70))
    assert at_least(pack, t.level, "emergency")
    assert "resting_tachycardia" in {r.id for r in t.reasons}


@pytest.mark.parametrize("pulse", [96, 110, 120])
def test_a_pulse_of_120_or_less_is_not_the_row(engine, pulse):
    t = triage(engine, case(30, ["pain_lower_back_central", "pain_dull_aching"], ["fever"],
                            heart_rate=pulse))
    assert "resting_tachycardia" not in {r.id for r in t.reasons}


# --- a spinal infection's risk factor with the spine's non-mechanical pain, no fever ----

SPINE_RISKS = ["recent_spinal_procedure", "immunosuppressed_or_iv_drug_use"]


@pytest.mark.parametrize("risk", SPINE_RISKS)
# the site not said is the spine's (session 13): every case here is back pain
@pytest.mark.parametrize("site", [["pain_lower_back_central"], ["pain_upper_back"], []])
@pytest.mark.parametrize("pattern", [["pain_constant_unrelieved"],
                                     ["pain_at_night", "lumbar_tenderness"]])
def test_spinal_risk_with_non_mechanical_pain_is_an_emergency_without_fever(
        engine, pack, risk, site, pattern):
    t = triage(engine, case(17, [risk, *site, *pattern], ["fever", "leg_weakness"],
                            temperature_c=37.6))
    assert at_least(pack, t.level, "emergency")
    assert "spinal_infection_risk_with_non_mechanical_pain" in {r.id for r in t.reasons}


@pytest.mark.parametrize(
    ("present", "absent"),
    [
        # the risk factor with ordinary mechanical pain, eased by rest
        (["recent_spinal_procedure", "pain_lower_back_central", "pain_worse_with_movement",
          "pain_relieved_by_rest"], ["pain_constant_unrelieved", "pain_at_night"]),
        # night pain alone, not tender
        (["immunosuppressed_or_iv_drug_use", "pain_lower_back_central", "pain_at_night"],
         ["pain_constant_unrelieved", "lumbar_tenderness"]),
        # constant pain in the loin, not over the spine
        (["immunosuppressed_or_iv_drug_use", "pain_flank", "pain_constant_unrelieved"],
         ["pain_lower_back_central", "pain_upper_back"]),
        # constant pain low over the buttock on one side, the site said and not the spine
        (["recent_spinal_procedure", "pain_sacrum_buttock", "pain_one_side",
          "pain_constant_unrelieved"], ["pain_lower_back_central", "pain_upper_back"]),
        # constant central pain without a risk factor
        (["pain_lower_back_central", "pain_constant_unrelieved"], SPINE_RISKS),
    ],
)
def test_near_misses_of_the_spinal_risk_row_do_not_fire(engine, present, absent):
    t = triage(engine, case(24, present, absent))
    assert "spinal_infection_risk_with_non_mechanical_pain" not in {r.id for r in t.reasons}


# --- never lower -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "data",
    [
        case(30, ["heavy_vaginal_bleeding", "faint_or_dizzy"], systolic_bp=85, diastolic_bp=50),
        case(22, ["osteoporosis_risk", "pain_onset_sudden", "pain_lower_back_central",
                  "recent_trauma"], pain_severity=9),
        case(26, ["osteoporosis_risk", "pain_onset_sudden", "pain_upper_back", "fever",
                  "chills_rigors"], temperature_c=39.0, heart_rate=118),
        case(30, ["heavy_vaginal_bleeding", "faint_or_dizzy"], heart_rate=125),
        case(20, ["recent_spinal_procedure", "pain_lower_back_central",
                  "pain_constant_unrelieved", "saddle_numbness"]),
    ],
)
def test_pack_own_rows_never_lower_a_level(engine, pack, data):
    # the level with the rows is the most urgent of the level without them and theirs
    from dataclasses import replace

    from gravida.engine.assess import Engine

    own = {"suspected_osteoporotic_fracture", "heavy_bleeding_with_shock_signs",
           "resting_tachycardia", "spinal_infection_risk_with_non_mechanical_pain",
           "very_low_oxygen_saturation", "resting_tachypnoea",
           "pleuritic_pain_with_abnormal_vital_signs"}
    without = replace(pack, floors=tuple(f for f in pack.floors if f.rule.id not in own))
    before = Engine(without).assess(data, explain=False).triage.level
    after = triage(engine, data).level
    assert at_least(pack, after, before)
