"""Fever with back pain: a spinal infection, a kidney infection, an infection of the
womb or pelvis, or a cold beside the ordinary ache of pregnancy. Both ways.

What tells them apart (triage.yaml, `fever_with_spinal_infection_signs`; the
likelihoods' neighbour notes):
- spinal infection (nice-cks-back-pain, darouiche-2006, davis-2004): a fever with
  injecting drugs, weakened immunity or a recent epidural or spinal procedure, and a
  localised back pain that is constant and that rest does not ease, often worst at
  night, the spine tender; delay is the rule, so a fever with such a pain or risk is
  an emergency from those findings alone;
- kidney infection (williams-obstetrics, nice-ng111): loin pain, tapping over the
  kidney hurts, shaking chills, urine symptoms; an emergency;
- chorioamnionitis (acog-co712, tita-2010): leaking fluid, a tender or hard womb,
  an infected discharge, a fast pulse, later in pregnancy; an emergency;
- pelvic infection (cdc-sti-2021): low belly pain with an infected discharge, early
  in pregnancy; with a fever an emergency;
- the ordinary ache beside a cold: dull, eased by rest, worse after standing or
  sitting long, no risk, no loin or urine sign: the policy's "fever (any other case)",
  within 24 hours.

The cases are written from those descriptions, only the findings the picture names;
none is taken from a vignette.
"""

from __future__ import annotations

import pytest

from .pictures import assess

RULE = "fever_with_spinal_infection_signs"
NO_LOIN_OR_URINE = ["pain_flank", "kidney_tender_on_tapping", "chills_rigors",
                    "painful_urination", "urinary_frequency_urgency"]
NO_SPINAL_RISK = ["immunosuppressed_or_iv_drug_use", "recent_spinal_procedure",
                  "pain_constant_unrelieved"]


def listed_first(a):
    """The condition she is shown first (a working diagnosis, else the most probable)."""
    return a.working.condition if a.working is not None else a.ranked[0]


def rules(a):
    return {r.id for r in a.triage.reasons if r.kind == "rule"}


# --- spinal infection: the textbook pictures reach an emergency, named first -------------

@pytest.mark.parametrize(
    ("weeks", "present", "absent", "numbers"),
    [
        # injecting drugs, a tender spine that wakes her at night
        (26, ["fever", "immunosuppressed_or_iv_drug_use", "pain_lower_back_central",
              "lumbar_tenderness", "pain_at_night"], ["pain_flank", "painful_urination"], {}),
        # an epidural at delivery, then constant tender back pain
        (38, ["fever", "recent_spinal_procedure", "pain_lower_back_central",
              "pain_constant_unrelieved", "lumbar_tenderness"], [], {}),
        # weakened immunity, severe constant night pain rest does not ease
        (20, ["fever", "immunosuppressed_or_iv_drug_use", "pain_lower_back_central",
              "pain_constant_unrelieved", "pain_at_night"], ["pain_relieved_by_rest"],
         {"pain_severity": 8}),
        # no risk told: constant night pain between the shoulder blades, tender, unwell,
        # the kidney and the bladder denied
        (30, ["fever", "pain_upper_back", "pain_constant_unrelieved", "pain_at_night",
              "lumbar_tenderness", "feeling_very_unwell"], NO_LOIN_OR_URINE, {}),
        # no risk told, low in the back, for weeks, the kidney denied: the womb and the
        # kidney are likelier by the numbers, but neither leads at its own emergency
        # (no second sign of the womb's infection), so the spine is listed first to
        # rule out, not the kidney whose loin pain she denied
        (24, ["fever", "pain_lower_back_central", "lumbar_tenderness", "pain_constant_unrelieved",
              "pain_at_night", "pain_duration_over_2_weeks"], NO_LOIN_OR_URINE, {}),
        # the late stage: a weak leg with it
        (24, ["fever", "pain_lower_back_central", "pain_constant_unrelieved", "leg_weakness",
              "lumbar_tenderness"], [], {}),
    ],
)
def test_a_textbook_spinal_infection_is_an_emergency_named_first(engine, weeks, present,
                                                                 absent, numbers):
    a, _ = assess(engine, weeks, present, absent, **numbers)
    assert a.triage.level == "emergency"
    assert RULE in rules(a)
    assert listed_first(a) == "spinal_infection"


@pytest.mark.parametrize(
    "sign", ["immunosuppressed_or_iv_drug_use", "recent_spinal_procedure",
             "pain_constant_unrelieved"])
@pytest.mark.parametrize("weeks", [10, 24, 36])
def test_a_fever_with_one_spinal_sign_is_an_emergency_whatever_else_is_unknown(
        engine, weeks, sign):
    a, _ = assess(engine, weeks, ["fever", "pain_lower_back_central", sign])
    assert a.triage.level in ("emergency", "emergency_ambulance")
    assert RULE in rules(a)


@pytest.mark.parametrize(
    "sign", ["immunosuppressed_or_iv_drug_use", "recent_spinal_procedure",
             "pain_constant_unrelieved"])
def test_without_a_fever_the_sign_alone_does_not_set_the_rule(engine, sign):
    a, _ = assess(engine, 24, ["pain_lower_back_central", sign], ["fever"])
    assert RULE not in rules(a)


@pytest.mark.parametrize("weeks", [12, 24, 34])
def test_a_fever_with_a_tender_back_that_wakes_her_is_an_emergency_unless_rest_eases_it(
        engine, weeks):
    # the first stage of an epidural abscess: fever, back pain, a tender spine (darouiche-
    # 2006), here the pain also worst at night, and nothing said about rest or risks
    picture = ["fever", "pain_lower_back_central", "lumbar_tenderness", "pain_at_night"]
    a, _ = assess(engine, weeks, picture, NO_LOIN_OR_URINE)
    assert a.triage.level == "emergency"
    assert RULE in rules(a)
    assert listed_first(a) == "spinal_infection"
    # the same with rest easing a dull ache: mechanical pain, a cold beside it
    a, _ = assess(engine, weeks, [*picture, "pain_relieved_by_rest", "pain_dull_aching"],
                  [*NO_SPINAL_RISK, *NO_LOIN_OR_URINE], pain_severity=4)
    assert a.triage.level == "consultation_24"
    assert RULE not in rules(a)


@pytest.mark.parametrize("weeks", [24, 34])
def test_night_pain_low_over_the_buttock_is_not_the_spine_s(engine, weeks):
    # pelvic girdle pain wakes half the women who have it (wu-2004): not a spinal sign
    a, _ = assess(engine, weeks, ["fever", "pain_sacrum_buttock", "lumbar_tenderness",
                                  "pain_at_night"],
                  [*NO_SPINAL_RISK, *NO_LOIN_OR_URINE, "pain_lower_back_central",
                   "pain_upper_back"])
    assert RULE not in rules(a)
    assert a.triage.level == "consultation_24"


# --- a cold beside the ordinary ache stays within 24 hours -------------------------------

@pytest.mark.parametrize(
    ("weeks", "present", "numbers"),
    [
        (24, ["pain_dull_aching", "pain_relieved_by_rest", "pain_worse_standing_sitting_long"],
         {"pain_severity": 3}),
        # sore to press and for weeks: the ache, not the spine, when rest eases it
        (30, ["pain_dull_aching", "lumbar_tenderness", "pain_duration_over_2_weeks",
              "pain_relieved_by_rest"], {"pain_severity": 4}),
        (10, ["pain_dull_aching", "prolonged_sitting_or_standing"], {"pain_severity": 2}),
        # night pain alone is not the spine's (pelvic girdle pain wakes half, wu-2004)
        (20, ["pain_at_night", "pain_relieved_by_rest"], {"pain_severity": 3}),
        (34, ["pain_at_night"], {"pain_severity": 3}),
    ],
)
def test_a_cold_beside_the_ordinary_ache_is_seen_within_24_hours(engine, weeks, present,
                                                                  numbers):
    a, _ = assess(engine, weeks, ["fever", "pain_lower_back_central", *present],
                  [*NO_SPINAL_RISK, *NO_LOIN_OR_URINE], **numbers)
    assert a.triage.level == "consultation_24"
    assert RULE not in rules(a)
    assert listed_first(a) == "pregnancy_lumbar_pain"


# --- a kidney infection stays a kidney infection, at an emergency ------------------------

@pytest.mark.parametrize(
    ("weeks", "present", "absent"),
    [
        (24, ["fever", "chills_rigors", "pain_flank", "pain_right_side",
              "kidney_tender_on_tapping"], []),
        (18, ["fever", "pain_flank", "painful_urination", "cloudy_urine", "nausea_vomiting"],
         []),
        # constant pain too (the kidney's pattern as well): still the kidney
        (30, ["fever", "pain_flank", "pain_constant_unrelieved", "urinary_frequency_urgency",
              "kidney_tender_on_tapping"],
         ["immunosuppressed_or_iv_drug_use", "recent_spinal_procedure"]),
        (28, ["fever", "pain_lower_back_central", "painful_urination", "urinalysis_leukocytes",
              "chills_rigors"], []),
    ],
)
def test_a_textbook_kidney_infection_stays_a_kidney_infection(engine, weeks, present, absent):
    a, _ = assess(engine, weeks, present, absent)
    assert a.triage.level == "emergency"
    assert listed_first(a) == "pyelonephritis"


# --- the womb and the pelvis: named, not the kidney --------------------------------------

@pytest.mark.parametrize(
    ("weeks", "present", "absent", "numbers"),
    [
        (34, ["fever", "fluid_leak", "pain_lower_abdomen", "pain_lower_back_central"], [],
         {"heart_rate": 112}),
        (30, ["fever", "uterus_hard_persistent", "discharge_infected"],
         ["pain_flank", "painful_urination"], {}),
        (36, ["fever", "fluid_leak", "discharge_infected", "contractions_regular"], [], {}),
        (28, ["fever", "pain_lower_abdomen", "discharge_infected", "pain_lower_back_central",
              "feeling_very_unwell"], ["pain_flank", "painful_urination",
                                       "kidney_tender_on_tapping"], {}),
    ],
)
def test_a_textbook_chorioamnionitis_is_named_and_seen_now(engine, pack, weeks, present,
                                                           absent, numbers):
    a, _ = assess(engine, weeks, present, absent, **numbers)
    assert pack.level_rank(a.triage.level) >= pack.level_rank("emergency")
    assert listed_first(a) == "chorioamnionitis"


@pytest.mark.parametrize(
    ("weeks", "present", "absent"),
    [
        (10, ["fever", "pain_lower_abdomen", "discharge_infected", "pain_lower_back_central"],
         ["pain_flank", "painful_urination"]),
        (12, ["fever", "pain_lower_abdomen", "discharge_change", "discharge_infected"], []),
        (8, ["fever", "pain_lower_abdomen", "discharge_infected", "pain_dull_aching"],
         ["pain_flank", "kidney_tender_on_tapping"]),
        (14, ["fever", "pain_lower_abdomen", "discharge_infected", "pain_sacrum_buttock"], []),
    ],
)
def test_a_textbook_pelvic_infection_is_named_and_seen_now(engine, weeks, present, absent):
    a, _ = assess(engine, weeks, present, absent)
    assert a.triage.level == "emergency"
    assert listed_first(a) == "pelvic_infection"
