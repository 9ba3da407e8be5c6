"""The wording classes of issue 15, each with sentences written for this test.

Real messages are typed fast, by her, a partner or a midwife: dating in every
form, numbers in everyday form, body landmarks in lay words, history that is
not now, denials that must win, slips and run-together words, medicine names.
"""

from __future__ import annotations

import pytest

from gravida.intake import parse_text

from ..helpers import states


def weeks(parse, text):
    return parse(text).case.get("gestational_weeks")


# --- obstetric dating -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("36+1 today and the ache in my back is worse", 36),
        ("I'm 8 months gone and can barely walk for my back", 35),
        ("LMP was 9 weeks ago, cramping low in my back", 9),
        ("first day of my last period was about 7 weeks ago. back twinges", 7),
        ("I'll be 20 weeks on Monday, sore lower back", 19),
        ("she will be 33 weeks tomorrow, her back is aching", 32),
        ("I am 27 weeks back ache since last night", 27),
        ("im 31 wks back pain started this morning", 31),
    ],
)
def test_obstetric_dating(parse, text, expected):
    assert weeks(parse, text) == expected


def test_a_trimester_is_an_estimate_flagged_as_such(parse):
    result = parse("third trimester and my lower back is killing me")
    assert result.case["gestational_weeks"] == 33
    assert "gestational_weeks" in result.estimates()


def test_a_last_period_is_not_how_long_the_pain_has_lasted(parse):
    result = parse("My last period started six weeks ago and my lower back aches")
    assert result.case["gestational_weeks"] == 6
    assert states(result, "pain_duration_over_2_weeks") is None


def test_weeks_then_back_pain_since_yesterday_is_a_new_pain(parse):
    result = parse("I am 29 weeks back pain since yesterday")
    assert result.case["gestational_weeks"] == 29
    assert states(result, "pain_duration_over_2_weeks") is None


# --- numbers in everyday form ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "finding", "value"),
    [
        ("30 weeks, thermometer said 102.2F", "temperature_c", 39.0),
        ("30 weeks, I've been between 38.1 and 38.6 degrees all day", "temperature_c", 38.6),
        ("30 weeks and my temp has gone from 37.9 to 38.4", "temperature_c", 38.4),
        ("30 weeks, the pharmacy machine read 148/97", "systolic_bp", 148),
        ("30 weeks, my BP was 151 over 102 at the GP", "diastolic_bp", 102),
        ("30 weeks, my fitbit says my heart rate is 118", "heart_rate", 118),
        ("30 weeks, pulse 122 on my watch", "heart_rate", 122),
    ],
)
def test_everyday_numbers(parse, text, finding, value):
    assert parse(text).case.get(finding) == pytest.approx(value, abs=0.1)


# --- body landmarks in lay words -------------------------------------------------


def test_bony_points_at_the_back_of_the_pelvis_are_not_the_loin(parse):
    result = parse("28 weeks, it's the two bony bits at the back of my pelvis that hurt")
    assert states(result, "pain_sacrum_buttock") == "present"
    assert states(result, "pain_flank") is None


@pytest.mark.parametrize(
    "text",
    [
        "30 weeks, I've gone numb down below",
        "30 weeks, weird numb feeling when I wipe",
        "30 weeks, I can't feel the loo seat properly when I sit down",
        "30 weeks, tingly and numb downstairs since this morning",
    ],
)
def test_saddle_numbness_in_lay_words(parse, text):
    result = parse(text)
    assert states(result, "saddle_numbness") == "present"
    assert states(result, "leg_numbness_tingling") is None


def test_level_with_the_shoulder_blades_is_the_upper_back(parse):
    result = parse("29 weeks, a pain in my back level with my shoulder blades")
    assert states(result, "pain_upper_back") == "present"
    assert states(result, "pain_lower_back_central") is None


# --- history is not now ----------------------------------------------------------


def test_a_past_kidney_infection_is_history_and_the_pain_now_is_current(parse):
    result = parse("31 weeks. Had a kidney infection two years ago, my lower back aches now")
    assert states(result, "history_kidney_infection") == "present"
    assert states(result, "pain_lower_back_central") == "present"
    assert states(result, "pain_flank") is None


@pytest.mark.parametrize(
    "text",
    [
        "26 weeks, I have a blood clotting disorder and my back hurts",
        "26 weeks, I've got a clotting condition so I inject daily, sore back",
    ],
)
def test_a_clotting_condition_is_not_bleeding_or_clots(parse, text):
    result = parse(text)
    assert states(result, "vaginal_bleeding") is None
    assert states(result, "heavy_vaginal_bleeding") is None


def test_a_heparin_brand_is_a_medicine_and_an_osteoporosis_risk(parse):
    result = parse("25 weeks, on Fragmin injections since week 8, my back aches")
    assert states(result, "osteoporosis_risk") == "present"
    assert states(result, "vaginal_bleeding") is None


def test_medicine_names_are_recognised_from_the_pack_list(parse):
    result = parse("30 weeks, took a nurofen last night, not had any paracetamol, No-Spa helps")
    named = {m.medicine: m for m in result.medicines}
    assert {"ibuprofen", "paracetamol", "drotaverine"} <= set(named)
    assert "negation" in named["paracetamol"].flags
    assert named["drotaverine"].flags == ()  # the "No" of No-Spa is a name, not a denial
    assert "medicines" in result.to_dict()


# --- explicit denial beats a loose keyword ---------------------------------------


def test_no_bleeding_beats_blood_in_the_wee(parse):
    result = parse("32 weeks, a bit of blood in my pee this morning, no bleeding from the vagina")
    assert states(result, "vaginal_bleeding") == "absent"
    assert states(result, "blood_in_urine") == "present"


def test_a_clear_bleed_is_still_present(parse):
    assert states(parse("32 weeks, there's blood on my pad"), "vaginal_bleeding") == "present"


# --- spelling and run-together words ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("30 weeks, feever and shivers", "fever"),
        ("30 weeks, contractoins every 4 minutes", "contractions_regular"),
        ("30 weeks, lowerback agony", "pain_lower_back_central"),
        ("30 weeks, weeing hurts alot", "painful_urination"),
        ("30 weeks, really bad backache", "pain_lower_back_central"),
    ],
)
def test_spelling_slips_and_run_together_words(parse, text, finding):
    result = parse(text)
    assert states(result, finding) == "present"


def test_a_real_word_is_never_corrected_into_a_symptom(parse):
    result = parse("30 weeks, not sure if it's my back or a pulled muscle, never been so tired")
    assert states(result, "fever") is None
    for e in result.evidence:
        assert not any(f.startswith("read_as:") for f in e.flags), e


def test_a_correction_keeps_the_span_on_her_own_word(parse):
    text = "30 weeks and a feever since lunch"
    result = parse(text)
    ev = next(e for e in result.evidence if e.finding == "fever")
    assert text[ev.start : ev.end] == "feever"
    assert "read_as:feever=fever" in ev.flags


# --- uncertainty and contradictions ----------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["30 weeks, maybe a bit feverish?", "30 weeks, might have a temperature, not sure"],
)
def test_hedged_wording_leaves_the_finding_to_ask(parse, text):
    assert states(parse(text), "fever") is None


def test_a_contradiction_is_warned_and_resolved_as_present(parse):
    result = parse("30 weeks. No fever at all. Actually I do have a fever.")
    assert states(result, "fever") == "present"
    # named by its label, as she reads it
    assert any(w.startswith("contradiction: a fever") for w in result.warnings)


def test_language_is_data(ipack):
    from gravida.intake import languages, lexicon_for

    assert "en" in languages(ipack)
    lex = lexicon_for(ipack, "en")
    assert lex.language == "en" and lex.speller is not None
    assert parse_text("28 weeks", ipack, "en").case["gestational_weeks"] == 28


def test_a_past_event_years_ago_dates_nothing_now(parse):
    result = parse("30 weeks, had a c-section 2 years ago, my back hurts now")
    assert result.case["gestational_weeks"] == 30
    assert states(result, "previous_caesarean") == "present"
    assert states(result, "pain_duration_over_2_weeks") is None
    past = parse("my bp was 150/100 in my last pregnancy, 30 weeks now")
    assert "systolic_bp" not in past.case


@pytest.mark.parametrize(
    "text",
    [
        "32 weeks, back killing me from decorating. also not really felt him move much today. "
        "any tips for the back?",
        "30 wks, havent felt her kick since last night, back is sore from the bed",
    ],
)
def test_a_red_flag_buried_mid_message_is_read(parse, text):
    assert states(parse(text), "reduced_fetal_movements") == "present"


def test_the_other_leg_said_to_be_fine_means_one_leg(parse):
    result = parse("29 weeks, sciatica down my left leg, right leg totally fine, wee and poo ok")
    assert states(result, "both_legs_affected") == "absent"
    assert states(result, "pain_right_side") is None
    assert states(result, "new_bladder_bowel_dysfunction") == "absent"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("24 weeks, sore pubic bone, it goes as soon as I sit down", "pain_relieved_by_rest"),
        ("24 weeks, hurts to twist, fine if I don't move", "pain_relieved_by_rest"),
        ("24 weeks, lower back achy esp after standing", "pain_worse_standing_sitting_long"),
        ("24 weeks, backache comes on after I'm on my feet", "pain_worse_standing_sitting_long"),
    ],
)
def test_relief_and_what_worsens_it_in_everyday_words(parse, text, finding):
    assert states(parse(text), finding) == "present"


def test_fine_when_moving_is_not_relief_by_rest(parse):
    result = parse("24 weeks, my back is fine if I move about")
    assert states(result, "pain_relieved_by_rest") is None


def test_a_pain_shared_by_back_and_belly_is_in_both(parse):
    result = parse("31 weeks, period type cramps in my lower back and belly since tea time")
    assert states(result, "pain_lower_back_central") == "present"
    assert states(result, "pain_lower_abdomen") == "present"
    assert states(parse("31 weeks, sore back, no leg pain"), "radiates_leg_below_knee") == "absent"


# --- scope ends: a denial list, a relative's finding -------------------------------


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a describing word after the comma starts her own clause
        ("no leg pain, sore back", "pain_lower_back_central", "radiates_leg_below_knee"),
        ("no fever, aching back since this morning", "pain_lower_back_central", "fever"),
    ],
)
def test_denial_list_ends_at_a_described_finding(parse, text, present, absent):
    case = parse(text).case
    assert present in case.get("present", [])
    assert absent in case.get("absent", [])


def test_denial_list_still_covers_a_plain_list(parse):
    case = parse("no fever, chills or bleeding").case
    assert {"fever", "chills_rigors", "vaginal_bleeding"} <= set(case.get("absent", []))


@pytest.mark.parametrize(
    "text",
    [
        "I'm 30 weeks, no fever, spina bifida in the family",
        "32 weeks, no fever at all, diabetes runs in the family",
    ],
)
def test_family_scope_stops_at_her_own_clause(parse, text):
    case = parse(text).case
    assert case.get("gestational_weeks") in (30, 32)
    assert "fever" in case.get("absent", [])


def test_family_finding_is_still_not_hers(parse):
    assert parse("I had kidney stones last year").case["present"] == ["history_kidney_stones"]
    case = parse("32 weeks, kidney stones in the family").case
    assert case.get("gestational_weeks") == 32
    assert "history_kidney_stones" not in case.get("present", [])
