"""Negation scope, other people, the past, uncertainty: what a mention really states."""

from __future__ import annotations

import pytest

from ..helpers import states


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No fever or chills.", {"fever": "absent", "chills_rigors": "absent"}),
        ("I don't think my waters have gone.", {"fluid_leak": "absent"}),
        ("I haven't noticed any bleeding.", {"vaginal_bleeding": "absent"}),
        (
            "No bleeding, but it hurts when I wee.",
            {"vaginal_bleeding": "absent", "painful_urination": "present"},
        ),
        (
            "There's no bleeding; however, I feel sick.",
            {"vaginal_bleeding": "absent", "nausea_vomiting": "present"},
        ),
        ("My leg isn't weak.", {"leg_weakness": "absent"}),
        ("Weeing doesnt burn.", {"painful_urination": "absent"}),
        ("The baby is moving normally.", {"reduced_fetal_movements": "absent"}),
        ("The baby isn't moving as much as usual.", {"reduced_fetal_movements": "present"}),
        (
            "I've had no tightenings, and the baby is kicking as usual.",
            {"contractions_regular": "absent", "reduced_fetal_movements": "absent"},
        ),
        ("Nothing I do eases the pain.", {"pain_constant_unrelieved": "present"}),
        ("I can't feel my feet properly.", {"leg_numbness_tingling": "present"}),
        (
            "It doesn't go down my leg, no numbness or tingling.",
            {"radiates_leg_below_knee": "absent", "leg_numbness_tingling": "absent"},
        ),
    ],
)
def test_negation_and_its_scope(parse, text, expected):
    result = parse(text)
    for finding, polarity in expected.items():
        assert states(result, finding) == polarity, (text, finding, result.case)


def test_scope_ends_at_but(parse):
    result = parse("I haven't had a fever but I have been shivering.")
    assert states(result, "fever") == "absent"
    assert states(result, "chills_rigors") == "present"


def test_family_history_is_not_hers(parse):
    result = parse("My mum had kidney stones and my sister had pre-eclampsia.")
    assert states(result, "history_kidney_stones") is None
    assert states(result, "hypertension_in_pregnancy") is None
    flagged = [e for e in result.evidence if e.finding == "history_kidney_stones"]
    assert flagged and not flagged[0].used and "family" in flagged[0].flags


def test_her_own_history_counts(parse):
    result = parse("I passed a kidney stone five years ago.")
    assert states(result, "history_kidney_stones") == "present"


def test_family_scope_ends_when_she_speaks_of_herself(parse):
    result = parse("My partner measured my blood pressure at 150 over 100.")
    assert result.case.get("systolic_bp") == 150
    assert result.case.get("diastolic_bp") == 100


def test_past_pregnancy_symptoms_are_not_current(parse):
    result = parse("In my last pregnancy I had terrible pelvic girdle pain and bleeding.")
    assert states(result, "vaginal_bleeding") is None
    assert states(result, "pain_sacrum_buttock") is None


def test_history_findings_come_from_past_pregnancies(parse):
    result = parse("I'm 29 weeks pregnant; my first baby came at 33 weeks.")
    assert states(result, "previous_preterm_birth") == "present"
    assert result.case["gestational_weeks"] == 29


def test_uncertain_temperature_is_not_a_fever(parse):
    result = parse("Maybe a bit of a temperature, I'm not sure.")
    assert states(result, "fever") is None
    fever = [e for e in result.evidence if e.finding == "fever"]
    assert fever and all(not e.used for e in fever)
    assert any("uncertain" in e.flags for e in fever)


def test_hypothetical_worry_is_not_a_finding(parse):
    result = parse("I'm worried about bleeding. Could it be pre-eclampsia?")
    assert states(result, "vaginal_bleeding") is None
    assert states(result, "hypertension_in_pregnancy") is None


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("It hurts when I pee.", "painful_urination"),
        ("It burns when I urinate.", "painful_urination"),
        ("I've been throwing up.", "nausea_vomiting"),
        ("I've been vomitting all night.", "nausea_vomiting"),
        ("I had a c-section with my first.", "previous_caesarean"),
        ("I had a cesarean in 2019.", "previous_caesarean"),
        ("I feel dizzy and lightheaded.", "faint_or_dizzy"),
        ("My tummy feels rock hard all the time.", "uterus_hard_persistent"),
        ("I've got pins and needles in my foot.", "leg_numbness_tingling"),
        ("My ankles and face have suddenly swollen up.", "sudden_swelling"),
        ("I'm expecting twins.", "multiple_pregnancy"),
    ],
)
def test_british_american_and_lay_wording(parse, text, finding):
    assert states(parse(text), finding) == "present", text


def test_blood_pressure_words_are_not_bleeding(parse):
    result = parse("My blood pressure was 120/80 and my blood test was fine.")
    assert states(result, "vaginal_bleeding") is None


def test_evidence_spans_point_into_the_text(parse):
    text = "I’m 31 and twenty-eight weeks pregnant, no bleeding."
    result = parse(text)
    for e in result.evidence:
        assert text[e.start : e.end] == e.text
        assert e.text.strip()
