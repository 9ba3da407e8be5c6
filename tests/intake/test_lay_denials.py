"""English reader recall by class (issue 15): everyday denials of the red-flag signs,
benign pain features in lay words, and an ache read as the vocabulary's aching pain.
Every sentence is written for this test."""

from __future__ import annotations

import pytest

from ..helpers import states


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("no blood loss at all", "vaginal_bleeding"),
        ("zero bleeding so far", "vaginal_bleeding"),
        ("my waters are still intact", "fluid_leak"),
        ("the movements are normal today", "reduced_fetal_movements"),
        ("plenty of kicks this morning", "reduced_fetal_movements"),
        ("he's kicking away as usual", "reduced_fetal_movements"),
        ("peeing fine, back hurts though", "new_bladder_bowel_dysfunction"),
        ("toilet habits unchanged", "new_bladder_bowel_dysfunction"),
        ("my legs are fine", "leg_weakness"),
        ("temperature normal when I checked", "fever"),
    ],
)
def test_a_lay_denial_is_the_sign_absent(parse, text, finding):
    assert states(parse(text), finding) == "absent", text


@pytest.mark.parametrize(
    "text", ["worse with movement, fine at rest", "my bowel movements are normal"]
)
def test_her_own_movement_or_her_bowels_say_nothing_of_the_baby(parse, text):
    assert states(parse(text), "reduced_fetal_movements") is None, text


def test_a_bare_no_blood_among_urine_signs_is_not_bleeding_denied(parse):
    result = parse("peeing a lot, no stinging, no blood, 29 weeks")
    assert states(result, "vaginal_bleeding") is None


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("a rest on the sofa sorts it out", "pain_relieved_by_rest"),
        ("my back is worse after long periods of sitting", "pain_worse_standing_sitting_long"),
        ("long spells of standing make my back worse", "pain_worse_standing_sitting_long"),
        ("my back is sore if I've sat too long", "pain_worse_standing_sitting_long"),
        ("I do 12 hour shifts on a ward", "prolonged_sitting_or_standing"),
        ("office job so I'm sitting most of the day", "prolonged_sitting_or_standing"),
        ("I'm on my feet at work", "prolonged_sitting_or_standing"),
        ("I drive a lot for my job", "prolonged_sitting_or_standing"),
        ("ache right in the centre of my lower back", "pain_lower_back_central"),
        ("my back hurts walking upstairs", "pain_worse_weight_bearing_one_leg"),
    ],
)
def test_a_benign_feature_in_lay_words_is_read(parse, text, finding):
    assert states(parse(text), finding) == "present", text


def test_third_tri_is_an_estimated_trimester(parse):
    assert parse("third tri and my back is sore").case.get("gestational_weeks") is not None


@pytest.mark.parametrize(
    "text", ["my back aches at 30 weeks", "lower back aching all day", "an achy back"]
)
def test_an_ache_is_the_vocabularys_aching_pain(parse, text):
    # vocabulary: pain_dull_aching is "dull, aching or pulling pain"
    assert states(parse(text), "pain_dull_aching") == "present", text


@pytest.mark.parametrize(
    "text", ["a dull ache in my lower back", "achy pain across my back", "a nagging back pain"]
)
def test_an_explicit_character_is_read(parse, text):
    assert states(parse(text), "pain_dull_aching") == "present", text


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("31 weeks now and my back has been sore since about 22 weeks", "present"),
        ("I'm 26 weeks, back pain since week 25", "absent"),
    ],
)
def test_a_start_in_weeks_of_pregnancy_is_counted_back_from_now(parse, text, polarity):
    assert states(parse(text), "pain_duration_over_2_weeks") == polarity, text


def test_a_start_in_weeks_without_the_weeks_now_states_no_duration(parse):
    assert states(parse("back pain since 20 weeks"), "pain_duration_over_2_weeks") is None
