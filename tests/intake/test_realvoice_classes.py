"""Error classes found on the real-voice sets (issue 15), each with sentences
written for this test: where a side word belongs, whose a negation is, and
what is history, a hedge or a question rather than a finding now."""

from __future__ import annotations

import pytest

from ..helpers import states

# --- a side word belongs to the body part it qualifies ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        "30 weeks, my right leg has gone weak and keeps giving way",
        "my right calf is puffy and warm, back ache as usual",
        "left foot keeps catching on the carpet, back is sore",
        "the tip of my right shoulder aches when I lie flat",
    ],
)
def test_a_leg_or_shoulder_that_is_weak_or_swollen_gives_no_side_of_pain(parse, text):
    result = parse(text)
    assert states(result, "pain_right_side") is None, text
    assert states(result, "pain_left_side") is None, text


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("burning pain from my bum down the back of my left leg", "pain_left_side"),
        ("it runs into the outside of my right thigh", "pain_right_side"),
        ("my right leg hurts from the hip down", "pain_right_side"),
        ("it's only the left leg, the other one is fine", "pain_left_side"),
    ],
)
def test_a_painful_leg_gives_the_side_and_keeps_the_spread(parse, text, side):
    result = parse(text)
    assert states(result, side) == "present", text
    assert states(result, "pain_one_side") == "present", text


def test_the_spread_is_still_read_inside_a_sided_leg(parse):
    result = parse("sharp pains going down my right leg past the knee")
    assert states(result, "radiates_leg_below_knee") == "present"
    assert states(result, "pain_right_side") == "present"


@pytest.mark.parametrize(
    ("text", "side", "place"),
    [
        ("a horrible pain in my right loin since last night", "pain_right_side", "pain_flank"),
        ("his wife has pain over the left kidney area", "pain_left_side", "pain_flank"),
        ("cramping in my left lower belly", "pain_left_side", "pain_lower_abdomen"),
    ],
)
def test_a_side_inside_a_place_names_both(parse, text, side, place):
    result = parse(text)
    assert states(result, side) == "present", text
    assert states(result, place) == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "the pain is on the right side, level with my belly button",
        "it has moved to the right at about navel height",
    ],
)
def test_right_side_at_navel_height_is_the_right_of_the_belly(parse, text):
    # the appendix rises with the womb (vocabulary: "low or at navel height")
    assert states(parse(text), "pain_right_lower_abdomen") == "present", text


# --- a negation belongs to the finding it stands before --------------------------


@pytest.mark.parametrize(
    "text",
    [
        "she is not bleeding and the baby is kicking",
        "no leaking and baby moving lots",
    ],
)
def test_a_negation_before_another_finding_does_not_flip_a_reassurance(parse, text):
    assert states(parse(text), "reduced_fetal_movements") == "absent", text


def test_a_negation_inside_the_reassurance_still_flips_it(parse):
    result = parse("the baby is not moving like she normally does")
    assert states(result, "reduced_fetal_movements") == "present"


# --- plain denials in everyday words ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("no pain in either shoulder", "shoulder_tip_pain"),
        ("I don't have any shoulder pain", "shoulder_tip_pain"),
        ("there's no pain passing urine", "painful_urination"),
        ("it does not sting to wee", "painful_urination"),
        ("no pain while I pee", "painful_urination"),
        ("my vision is fine", "visual_disturbance"),
        ("nothing wrong with my eyesight", "visual_disturbance"),
        ("she isn't yellow at all", "jaundice"),
        ("no pain under the ribs", "pain_upper_abdomen"),
        ("her calves aren't swollen", "calf_swelling_one_leg"),
        ("no swelling in my legs", "calf_swelling_one_leg"),
    ],
)
def test_everyday_denials(parse, text, finding):
    assert states(parse(text), finding) == "absent", text


def test_shoulder_pain_said_alone_is_not_the_tip(parse):
    result = parse("my left shoulder aches from carrying the toddler")
    assert states(result, "shoulder_tip_pain") is None


def test_denied_pain_under_the_ribs_at_the_back_is_the_flank(parse):
    result = parse("no pain under my ribs at the back")
    assert states(result, "pain_flank") == "absent"
    assert states(result, "pain_upper_abdomen") is None


def test_legs_not_swollen_is_not_a_denial_of_sudden_swelling(parse):
    # sudden swelling (pre-eclampsia) is of the face and hands
    assert states(parse("my legs are not swollen"), "sudden_swelling") is None


# --- a headache that is mild or has gone is not the severe one ----------------------


@pytest.mark.parametrize(
    "text",
    [
        "I had a mild headache yesterday",
        "the headache wasn't bad and it has cleared",
        "the headache I had at lunch has gone now",
    ],
)
def test_a_mild_or_passing_headache_is_not_severe(parse, text):
    assert states(parse(text), "severe_headache") == "absent", text


@pytest.mark.parametrize(
    "text",
    [
        "my headache is awful",
        "a headache that hasn't gone all day",
        "the headache won't go away",
        "pounding headache, paracetamol hasn't helped",
    ],
)
def test_a_bad_or_lasting_headache_is_severe(parse, text):
    assert states(parse(text), "severe_headache") == "present", text


# --- history is not now; a blood thinner is a medicine ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I had a blood clot in my leg after my first baby",
        "there was a DVT in my calf three years ago",
    ],
)
def test_a_past_clot_is_no_swollen_calf_now(parse, text):
    result = parse(text)
    assert states(result, "calf_swelling_one_leg") is None, text


@pytest.mark.parametrize(
    ("text", "medicine"),
    [
        ("I inject Clexane every evening", "enoxaparin"),
        ("she's on dalteparin since the scan", "dalteparin"),
        ("daily tinzaparin jabs", "tinzaparin"),
        ("I've been on heparin the whole pregnancy", "heparin"),
    ],
)
def test_heparins_are_named_medicines_and_a_bone_risk(parse, text, medicine):
    result = parse(text)
    assert medicine in {m.medicine for m in result.medicines}, text
    assert states(result, "osteoporosis_risk") == "present", text


# --- what a phrase is about: the wee's rhythm, her feet, a cough, the bump -----------


def test_how_often_she_wees_is_not_a_rhythm_of_tightenings(parse):
    result = parse("stinging when I pee, running to the loo every 15 minutes")
    assert states(result, "contractions_regular") is None
    assert states(result, "urinary_frequency_urgency") == "present"


def test_a_rhythm_then_a_new_event_is_not_an_irregular_one(parse):
    result = parse("contractions every 3 mins, then all of a sudden a tearing pain")
    assert states(result, "contractions_irregular") is None
    assert states(result, "contractions_regular") == "present"


def test_a_rhythm_then_a_pause_is_irregular(parse):
    result = parse("tightenings every 8 minutes then nothing for ages")
    assert states(result, "contractions_irregular") == "present"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I can stand on my toes and heels without trouble", "high_heels_or_unsupportive_shoes"),
        ("foot cramps in the night that wake me, back is fine in bed", "pain_at_night"),
        ("been coughing nonstop with this cold and my back hurts", "pain_constant_unrelieved"),
        ("her tummy is sore when touched", "lumbar_tenderness"),
    ],
)
def test_a_word_that_belongs_to_something_else(parse, text, finding):
    assert states(parse(text), finding) is None, text


def test_not_feeling_it_when_wiping_is_saddle_numbness(parse):
    result = parse("after the toilet, when I wiped, I couldn't feel the paper properly")
    assert states(result, "saddle_numbness") == "present"


def test_a_pain_given_a_place_ends_a_list_of_denials(parse):
    result = parse("no temperature, pain under my ribs on the right since lunch")
    assert states(result, "fever") == "absent"
    assert states(result, "pain_upper_abdomen") == "present"


# --- questions and worries about a cause state nothing -------------------------


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("might this be appendicitis?", "pain_right_lower_abdomen"),
        ("I'm scared its my appendix", "pain_right_lower_abdomen"),
        ("im paranoid its a kidney infection", "history_kidney_infection"),
        ("could it be pre-eclampsia?", "hypertension_in_pregnancy"),
        ("if I get a temperature do I go in", "fever"),
        ("my sister had pre-eclampsia", "hypertension_in_pregnancy"),
    ],
)
def test_a_question_a_worry_or_someone_else_states_nothing(parse, text, finding):
    assert states(parse(text), finding) is None, text


def test_how_long_she_stood_is_not_how_long_it_has_hurt(parse):
    result = parse("my back aches after I've been standing at the hob for ages")
    assert states(result, "pain_duration_over_2_weeks") is None


def test_tripping_on_its_own_is_not_a_fall(parse):
    result = parse("my foot drags and I keep tripping, back pain too")
    assert states(result, "recent_trauma") is None
    assert states(parse("I tripped over a toy and hit my bump"), "recent_trauma") == "present"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I was told it's pelvic girdle pain", "radiates_abdomen"),
        ("sharp at the pubic bone and along my inner thighs", "radiates_buttock_thigh"),
        ("a hot water bottle helps the ache", "pain_relieved_by_rest"),
    ],
)
def test_a_name_or_a_remedy_is_not_where_or_how_it_eases(parse, text, finding):
    assert states(parse(text), finding) is None, text


def test_a_verb_after_a_comma_ends_a_denial(parse):
    result = parse("no shooting pains, gets worse when I've stood a long time")
    assert states(result, "pain_worse_standing_sitting_long") == "present"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23 weeks on Sunday and my back is sore", 22),
        ("she's 31 weeks tomorrow, back ache", 30),
    ],
)
def test_a_week_reached_soon_is_one_less_now(parse, text, expected):
    assert parse(text).case.get("gestational_weeks") == expected, text


def test_a_baby_still_moving_is_moving(parse):
    result = parse("no bleeding and the baby is still kicking away")
    assert states(result, "reduced_fetal_movements") == "absent"


def test_legs_not_weak_says_nothing_about_feeling_unwell(parse):
    result = parse("my legs aren't weak")
    assert states(result, "feeling_very_unwell") is None
    assert states(result, "leg_weakness") == "absent"


def test_nobody_ever_saying_so_is_a_denial(parse):
    result = parse("no one has ever told me my blood pressure is high")
    assert states(result, "hypertension_in_pregnancy") == "absent"


def test_no_tightenings_coming_regularly_is_no_rhythm_not_irregular_ones(parse):
    result = parse("I've got no contractions coming regularly")
    assert states(result, "contractions_regular") == "absent"
    assert states(result, "contractions_irregular") is None


def test_no_blood_at_the_end_of_a_list_about_her_wee(parse):
    result = parse("peeing a lot but no stinging, not smelly, no blood")
    assert states(result, "blood_in_urine") == "absent"
    assert states(result, "painful_urination") == "absent"


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("moving doesn't make it worse", "absent"),
        ("twisting makes it worse", "present"),
    ],
)
def test_moving_makes_it_worse_or_not(parse, text, polarity):
    assert states(parse(text), "pain_worse_with_movement") == polarity, text
