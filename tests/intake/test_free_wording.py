"""Wording that other people use: weeks, pain scores, negation, word sense, places.

Each class of error here was found on narratives the phrase lists were not
written against; the phrasings below are our own, several per class, in
British and American English.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gravida.intake import parse_text
from gravida.intake.lexicon import load_lexicon
from gravida.knowledge.load import PackError

from ..helpers import states
from .conftest import assert_bounded

# --- 1. weeks of pregnancy ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "weeks"),
    [
        ("31 weeks now, and my lower back is really sore.", 31),
        ("I'm 29 weeks now and the ache is getting me down.", 29),
        ("Im 26 wks now, back pain since Tuesday.", 26),
        ("About 8 weeks by my dates and I've had some cramping.", 8),
        ("9 weeks by dates, period-type pains in my back.", 9),
        ("I'm roughly 33 weeks and my back hurts when I walk.", 33),
        ("Roughly 33 weeks, sore back.", 33),
        ("Coming up to 37 weeks and my back is killing me.", 37),
        ("I'm coming up to 37 weeks with my second.", 37),
        ("Just turned 21 weeks, and my back aches.", 21),
        ("I've just turned 21 weeks.", 21),
        ("24 weeks today and my back has started aching.", 24),
        ("I'm 24 weeks today.", 24),
        ("I'm at 19w and my back hurts.", 19),
        ("at 19w, sore back", 19),
        ("37+4, back ache since last night.", 37),
        ("I'm 37+4 and getting backache.", 37),
        ("Expecting twins, 31 weeks now, my back is sore.", 31),
        ("Pregnant with twins, 27 weeks, lower back pain.", 27),
        ("I'm in week 32 and my back hurts.", 32),
        ("I am 34w2d.", 34),
        ("Currently 28 weeks along, back ache.", 28),
        ("I'm nearly 36 weeks, my back aches.", 36),
    ],
)
def test_weeks_in_many_wordings(parse, text, weeks):
    assert parse(text).case.get("gestational_weeks") == weeks, text


@pytest.mark.parametrize(
    "text",
    [
        "My back has hurt for about 2 weeks.",
        "My back has ached for roughly 3 weeks.",
        "The last 3 weeks my back has been sore.",
        "It started 2 weeks ago.",
        "My back has been aching for the past 5 weeks.",
        "It's been going on for nearly 6 weeks now.",
        "Six weeks of back pain.",
        "The pain started about 5 weeks into my pregnancy.",
        "My first baby came at 34 weeks.",
        "At my 20 week scan all was well.",
        "The baby is 6 weeks old.",
    ],
)
def test_durations_and_other_dates_are_not_weeks_of_pregnancy(parse, text):
    assert "gestational_weeks" not in parse(text).case, text


@pytest.mark.parametrize(
    ("text", "weeks"),
    [
        ("My back has hurt for about 3 weeks and I'm 30 weeks pregnant.", 30),
        ("For the past 4 weeks my back has ached; I'm 26 weeks now.", 26),
        ("The pain started 6 weeks ago. 33 weeks now.", 33),
        ("I had a bleed at 12 weeks but I'm 24 weeks now.", 24),
        ("At 28 weeks I had a scan and everything was fine, but I'm 32 weeks now.", 32),
        ("My first was born at 34 weeks, I'm 30 weeks.", 30),
        ("Six weeks of back pain and I'm 29 weeks pregnant.", 29),
    ],
)
def test_the_weeks_tied_to_the_pregnancy_win(parse, text, weeks):
    assert parse(text).case["gestational_weeks"] == weeks, text


def test_weeks_now_is_not_also_a_duration(parse):
    result = parse("30 weeks now, my back hurts.")
    assert result.case["gestational_weeks"] == 30
    assert states(result, "pain_duration_over_2_weeks") is None


@pytest.mark.parametrize(
    ("text", "over"),
    [
        ("I'm 30 weeks. My back has been killing me the last 3 weeks.", "present"),
        ("I'm 25 weeks. Going on 3 weeks of back ache.", "present"),
        ("I'm 22 weeks and my back has been bothering me for like a month.", "present"),
        ("I'm 30 weeks now and my back has ached for about 10 days.", "absent"),
    ],
)
def test_durations_in_other_wordings(parse, text, over):
    assert states(parse(text), "pain_duration_over_2_weeks") == over, text


# --- 2. pain scores -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("My back is agony, it's an 8.", 8),
        ("The ache is about a 6.", 6),
        ("My back hurts. It's a 7.", 7),
        ("My back hurts, I'd give it a 7.", 7),
        ("The pain is 8 on a scale of 10.", 8),
        ("On a scale of one to ten, the pain is an eight.", 8),
        ("The ache is seven out of ten.", 7),
        ("Pain is 6.", 6),
        ("My back hurts, I'd say 5.", 5),
        ("The pain is maybe 4/10.", 4),
        ("It hurts, 10/10.", 10),
        ("The pain is between 6 and 7.", 7),
        ("The pain's around 6-7.", 7),
        ("My back pain is a 6 or 7.", 7),
        ("I'd rate the pain a solid 7.", 7),
        ("It's 3 at rest but when I walk the pain is an 8.", 8),
        ("My back is killing me, it's an 8 at night.", 8),
    ],
)
def test_pain_score_wordings(parse, text, score):
    assert parse(text).case.get("pain_severity") == score, text


@pytest.mark.parametrize(
    "text",
    [
        "I'm 31 and my back hurts.",
        "My back hurts and I'm 8 weeks pregnant.",
        "My back started hurting at 8 o'clock.",
        "My back hurt at 8 this morning.",
        "My back hurts and it's 2 in the morning.",
        "I've been to the loo 8 times and my back hurts.",
        "It hurts about 3 times a day.",
        "My back has hurt for 8 days.",
        "My temperature is 37.5 and my back hurts.",
        "The pain is one sided.",
        "It's one of those nagging aches.",
        "My pain is 3 on a scale of 1 to 5.",
        "I have 2 kids and my back hurts.",
        "It's 8 times worse than yesterday and it hurts.",
    ],
)
def test_other_numbers_are_not_pain_scores(parse, text):
    assert "pain_severity" not in parse(text).case, text


def test_a_pain_score_needs_a_pain_nearby(parse):
    assert "pain_severity" not in parse("I'd say 5. It's an eight.").case
    assert parse("My back aches. I'd say 5.").case["pain_severity"] == 5


# --- 3. negation: scope and forms ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ache isn't up in my sides.", {"pain_flank": "absent"}),
        ("It isn't in my sides.", {"pain_flank": "absent"}),
        ("The pain is not in my sides, just low down.", {"pain_flank": "absent"}),
        ("Nothing up under my ribs.", {"pain_flank": "absent"}),
        (
            "They are not getting closer or stronger.",
            {"contractions_regular": "absent", "contractions_irregular": "present"},
        ),
        (
            "They're not getting any closer together.",
            {"contractions_regular": "absent", "contractions_irregular": "present"},
        ),
        (
            "The tightenings are not regular.",
            {"contractions_regular": "absent", "contractions_irregular": "present"},
        ),
        (
            "Tightenings, not regular.",
            {"contractions_regular": "absent", "contractions_irregular": "present"},
        ),
        (
            "There's no pattern to them.",
            {"contractions_regular": "absent", "contractions_irregular": "present"},
        ),
        (
            "The tightenings have no pattern.",
            {"contractions_regular": "absent", "contractions_irregular": "present"},
        ),
        (
            "They don't come regularly.",
            {"contractions_regular": "absent", "contractions_irregular": "present"},
        ),
        ("It doesn't burn.", {"painful_urination": "absent"}),
        ("It doesn't sting when I pee.", {"painful_urination": "absent"}),
        ("I've never had a caesarean.", {"previous_caesarean": "absent"}),
        ("I have never had a cesarean section.", {"previous_caesarean": "absent"}),
        ("I haven't had any spotting.", {"vaginal_bleeding": "absent"}),
        ("I haven't had any fever or shivers.", {"fever": "absent", "chills_rigors": "absent"}),
        ("Back ache without any bleeding.", {"vaginal_bleeding": "absent"}),
        ("There's no sign of any bleeding.", {"vaginal_bleeding": "absent"}),
        ("I don't have a fever, nor chills.", {"fever": "absent", "chills_rigors": "absent"}),
        (
            "No bleeding, nor any discharge.",
            {"vaginal_bleeding": "absent", "discharge_change": "absent"},
        ),
        (
            "Neither bleeding nor fluid leaking.",
            {"vaginal_bleeding": "absent", "fluid_leak": "absent"},
        ),
        ("I've had neither a fever nor chills.", {"fever": "absent", "chills_rigors": "absent"}),
        ("no waters, no bleeding", {"fluid_leak": "absent", "vaginal_bleeding": "absent"}),
        ("The pain doesn't spread anywhere.", {"radiates_leg_below_knee": "absent"}),
    ],
)
def test_negation_forms(parse, text, expected):
    result = parse(text)
    for finding, polarity in expected.items():
        assert states(result, finding) == polarity, (text, finding, result.case)


def test_no_tightenings_is_not_irregular_tightenings(parse):
    for text in (
        "No tightenings at all.",
        "I haven't had any tightenings, regular or otherwise.",
        "I've had no tightenings, no pattern to anything.",
        "No regular tightenings.",
    ):
        result = parse(text)
        assert states(result, "contractions_irregular") != "present", text
        assert states(result, "contractions_regular") != "present", text


@pytest.mark.parametrize(
    "text",
    [
        "No bleeding, no fluid, baby is kicking loads.",
        "no waters, no bleeding, baby moving fine.",
        "Not dizzy, the baby is moving as normal.",
    ],
)
def test_a_negated_list_does_not_flip_what_follows_a_comma(parse, text):
    assert states(parse(text), "reduced_fetal_movements") == "absent", text


# --- 4. word sense ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I'm constantly peeing.",
        "Constant peeing and my back aches.",
        "I'm going constantly.",
        "I need a wee constantly.",
        "I'm weeing all the time.",
        "I've been going to the bathroom a lot.",
        "I'm in and out of the loo.",
    ],
)
def test_constant_weeing_is_frequency_not_constant_pain(parse, text):
    result = parse(text)
    assert states(result, "urinary_frequency_urgency") == "present", text
    assert states(result, "pain_constant_unrelieved") is None, text


@pytest.mark.parametrize(
    "text",
    [
        "My bump goes hard now and then.",
        "My bump tightens now and then.",
        "My belly goes hard when I've been on my feet.",
        "My tummy gets tight every now and again.",
        "Sometimes my bump goes hard.",
        "My stomach goes tight on and off.",
        "They come whenever, 20 minutes to an hour apart.",
        "The tightenings are 20 minutes to an hour apart.",
    ],
)
def test_a_bump_going_hard_now_and_then_is_irregular_tightening(parse, text):
    result = parse(text)
    assert states(result, "contractions_irregular") == "present", text
    assert states(result, "uterus_hard_persistent") is None, text
    assert states(result, "contractions_regular") is None, text


def test_a_bump_going_hard_alone_is_not_a_hard_womb(parse):
    assert states(parse("My bump goes hard."), "uterus_hard_persistent") is None
    assert states(parse("My bump doesn't go hard."), "contractions_regular") == "absent"


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("My bump is soft in between.", "absent"),
        ("My tummy stays soft between the tightenings.", "absent"),
        ("It's soft in between them.", "absent"),
        ("My bump stays hard even between the pains.", "present"),
        ("My belly is hard and tender even in between contractions.", "present"),
        ("My tummy is rock hard and won't relax.", "present"),
    ],
)
def test_a_hard_womb_is_one_that_stays_hard(parse, text, polarity):
    assert states(parse(text), "uterus_hard_persistent") == polarity, text


@pytest.mark.parametrize(
    "text",
    [
        "The pain fades if I lie down.",
        "It goes away when I have a bath.",
        "It eases if I sit with my feet up.",
        "The ache dies down when I rest.",
    ],
)
def test_fading_with_rest_is_relief_by_rest(parse, text):
    result = parse(text)
    assert states(result, "pain_relieved_by_rest") == "present", text
    assert states(result, "contractions_irregular") is None, text


@pytest.mark.parametrize(
    "text",
    [
        "The tightenings fade if I have a bath.",
        "I get tightenings. They fade if I lie down.",
        "My tummy tightens, but it goes away when I sit with my feet up.",
    ],
)
def test_tightenings_that_fade_with_rest_are_irregular(parse, text):
    result = parse(text)
    assert states(result, "pain_relieved_by_rest") == "present", text
    assert states(result, "contractions_irregular") == "present", text


def test_regular_tightenings_stay_regular_when_they_ease(parse):
    result = parse("The tightenings every 5 minutes ease when I sit down.")
    assert states(result, "contractions_regular") == "present"
    assert states(result, "contractions_irregular") is None


def test_negated_tightenings_do_not_make_relief_irregular(parse):
    result = parse("I've had no tightenings. My back eases if I lie down.")
    assert states(result, "contractions_irregular") is None


@pytest.mark.parametrize(
    "text",
    [
        "It's worse when I've been on my feet a lot.",
        "It's worse after I've been on my feet all day.",
        "It gets worse if I stand too long.",
        "It's worse after standing for a while.",
    ],
)
def test_worse_after_long_on_her_feet(parse, text):
    assert states(parse(text), "pain_worse_standing_sitting_long") == "present", text


def test_a_fall_on_the_stairs_is_not_pain_on_stairs(parse):
    result = parse("I fell down the stairs this morning and landed on my back.")
    assert states(result, "recent_trauma") == "present"
    assert states(result, "pain_worse_weight_bearing_one_leg") is None


# --- 5. where the pain is -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Sharp pain in the lower right of my belly.",
        "It hurts in the lower right of my tummy.",
        "A pain low down on the right of my stomach.",
        "Pain in the lower right side of my abdomen.",
        "The pain is on the right side of my tummy.",
        "It's low on the right.",
        "Pain in my right lower quadrant.",
        "Pain in the bottom right of my tummy.",
        "My tummy hurts on the right, low down.",
        "It hurts to the right of my belly button.",
    ],
)
def test_right_lower_abdomen(parse, text):
    result = parse(text)
    assert states(result, "pain_right_lower_abdomen") == "present", text
    # nothing else hurts: the pain is one-sided, on the right
    assert states(result, "pain_right_side") == "present", text
    assert states(result, "pain_one_side") == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "My lower back aches across the middle, and there's a pain low on the right of my tummy.",
        "It hurts on both sides, and in the lower right of my tummy.",
        "Pain in the lower right of my belly and on the left too.",
    ],
)
def test_right_lower_abdomen_beside_other_pain_is_not_clearly_one_sided(parse, text):
    result = parse(text)
    assert states(result, "pain_right_lower_abdomen") == "present", text
    assert states(result, "pain_right_side") is None, text


def test_both_sides_keeps_one_sided_absent_beside_a_right_lower_pain(parse):
    result = parse("It hurts on both sides, and in the lower right of my tummy.")
    assert states(result, "pain_one_side") == "absent"


def test_low_on_the_right_of_the_back_is_not_the_belly(parse):
    result = parse("My back hurts low on the right side of my back.")
    assert states(result, "pain_right_lower_abdomen") is None
    assert states(result, "pain_right_side") == "present"
    assert states(result, "pain_flank") is None


@pytest.mark.parametrize(
    "text",
    [
        "It's up in my side under the ribs.",
        "The pain is in my loin.",
        "Pain in the kidney area.",
        "It hurts round my kidneys.",
        "An ache up in my right side.",
        "The pain is in my sides.",
    ],
)
def test_flank(parse, text):
    assert states(parse(text), "pain_flank") == "present", text


def test_sides_of_the_bump_are_not_the_flank(parse):
    assert states(parse("Sharp pains in the sides of my bump."), "pain_flank") is None


@pytest.mark.parametrize(
    "text",
    [
        "Pain between my shoulder blades.",
        "It aches between the shoulder blades.",
    ],
)
def test_upper_back(parse, text):
    assert states(parse(text), "pain_upper_back") == "present", text


@pytest.mark.parametrize(
    "text",
    [
        "Pain under my ribs on the right.",
        "It hurts under my rib cage on the right.",
        "Pain at the top of my tummy.",
        "A pain just below my breastbone.",
        "It hurts in the upper right of my stomach.",
    ],
)
def test_upper_abdomen(parse, text):
    result = parse(text)
    assert states(result, "pain_upper_abdomen") == "present", text
    assert states(result, "pain_right_lower_abdomen") is None, text


def test_a_side_word_before_a_place_keeps_the_place(parse):
    result = parse("Pain in my right buttock going down my leg.")
    assert states(result, "pain_sacrum_buttock") == "present"
    assert states(result, "pain_right_side") == "present"
    result = parse("A dull ache in my left loin.")
    assert states(result, "pain_flank") == "present"
    assert states(result, "pain_left_side") == "present"


def test_up_under_the_ribs_on_the_right_is_the_upper_belly(parse):
    result = parse("A pain up under my ribs on the right.")
    assert states(result, "pain_upper_abdomen") == "present"
    assert states(result, "pain_flank") is None


# --- red flags in plain words -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("I've been bleeding quite heavily since this morning.", "heavy_vaginal_bleeding"),
        ("I've soaked 3 pads in two hours.", "heavy_vaginal_bleeding"),
        ("I can't feel it when I wipe after the toilet.", "saddle_numbness"),
        ("I haven't been able to pee since this morning.", "new_bladder_bowel_dysfunction"),
    ],
)
def test_red_flags_in_plain_words(parse, text, finding):
    assert states(parse(text), finding) == "present", text


def test_bladder_fine_is_no_bladder_change(parse):
    assert states(parse("Bladder fine, bowels normal."), "new_bladder_bowel_dysfunction") == (
        "absent"
    )


# --- properties and pack checks -----------------------------------------------


@pytest.mark.parametrize(
    "unit",
    [
        "no ",
        "at ",
        "I'm about ",
        "it's a ",
        "30 weeks ",
        "38+2 ",
        "the tightenings ease if I rest, ",
    ],
)
def test_repeated_wording_parses_in_bounded_time(ipack, unit):
    text = unit * (20_000 // len(unit))
    assert_bounded(parse_text(text, ipack))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    weeks=st.integers(min_value=12, max_value=41),
    n=st.integers(min_value=1, max_value=11),
    lead=st.sampled_from(["for", "for about", "for the last", "over the past", "for roughly"]),
    first=st.booleans(),
)
def test_a_duration_never_replaces_the_stated_weeks(ipack, weeks, n, lead, first):
    duration = f"My back has ached {lead} {n} weeks."
    stated = f"I'm {weeks} weeks pregnant."
    text = f"{duration} {stated}" if first else f"{stated} {duration}"
    assert parse_text(text, ipack).case["gestational_weeks"] == weeks


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    score=st.integers(min_value=0, max_value=10),
    other=st.integers(min_value=11, max_value=99),
    form=st.sampled_from(["it's a {s}", "the pain is {s}", "I'd say {s}", "about a {s}"]),
)
def test_pain_score_is_the_stated_one(ipack, score, other, form):
    text = f"I'm {other} and my back hurts, " + form.format(s=score) + "."
    case = parse_text(text, ipack).case
    assert case.get("pain_severity") == score


def test_bad_near_rule_is_a_pack_error(tmp_path):
    from tests.intake.test_score_and_pack import _pack_copy

    pack = _pack_copy(
        tmp_path, lambda t: t.replace("then: contractions_irregular,", "then: contractions_odd,", 1)
    )
    with pytest.raises(PackError, match="contractions_odd"):
        load_lexicon(pack)


def test_bad_alone_rule_is_a_pack_error(tmp_path):
    from tests.intake.test_score_and_pack import _pack_copy

    pack = _pack_copy(
        tmp_path,
        lambda t: t.replace("    - if: pain_right_lower_abdomen", "    - if: pain_right_lower", 1),
    )
    with pytest.raises(PackError, match="alone_implies"):
        load_lexicon(pack)


def test_bad_cue_reach_is_a_pack_error(tmp_path):
    import re

    from tests.intake.test_score_and_pack import _pack_copy

    pack = _pack_copy(tmp_path, lambda t: re.sub(r"cue_reach: \d", "cue_reach: 9", t, count=1))
    with pytest.raises(PackError, match="cue_reach"):
        load_lexicon(pack)


@pytest.mark.parametrize("day", ["04-31", "02-29", "13"])
def test_a_calendar_start_that_some_year_lacks_is_a_pack_error(tmp_path, day):
    """29 February or 31 April would fail to build the last such day in some years."""
    from tests.intake.test_score_and_pack import _pack_copy

    pack = _pack_copy(tmp_path, lambda t: t.replace('halloween: "10-31"', f'halloween: "{day}"', 1))
    with pytest.raises(PackError, match="since_date"):
        load_lexicon(pack)
