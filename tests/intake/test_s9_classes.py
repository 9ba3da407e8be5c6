"""Session 9: what still cost triage in the English reader, by class of wording.

Four tables of the intake helper's own sentences (``classes_s9_*.yaml``), the
first written before this session's fixes, the second after the first round and
before it was run, the third (recall: age, weeks and score forms, relief,
posture, lower belly, right side, fatty meals, v2 denials) before its own round
and the fourth (the same recall classes, fresh) after it;
none copied from a measuring set: long durations in everyday words, a fall,
knock or crash in everyday words, the v2 findings, a pain across both sides that
is worse on one (not one-sided), an ordinary headache, and near misses of other
urgent findings.
``python bench/intake_classes.py TABLE --rows`` prints them; here no class may
be read worse than measured.
"""

from __future__ import annotations

from datetime import date

import pytest

from gravida.intake import settle
from gravida.intake.score import reading
from tests.intake.measured import measured_tests

# per table and class: (statements missed, near misses over-read), measured
MEASURED: dict[str, dict[str, tuple[int, int]]] = {
    "classes_s9_first.yaml": {
        "long_duration": (1, 0),
        "trauma": (0, 0),
        "v2_findings": (0, 0),
        "one_side": (0, 0),
        "ordinary_headache": (0, 0),
        "other_urgent": (0, 0),
    },
    "classes_s9_third.yaml": {
        "age_forms": (2, 0),
        "weeks_forms": (1, 0),
        "severity_forms": (0, 0),
        "relief_by_rest": (1, 0),
        "worse_long_posture": (0, 0),
        "lower_belly": (0, 0),
        "right_side": (3, 0),
        "fatty_meals": (0, 1),
        "v2_denials": (1, 0),
    },
    "classes_s9_fourth.yaml": {
        "age_forms": (0, 0),
        "weeks_forms": (0, 0),
        "severity_forms": (1, 0),
        "relief_by_rest": (0, 0),
        "worse_long_posture": (0, 0),
        "lower_belly": (0, 0),
        "fatty_meals": (0, 0),
        "v2_denials": (0, 0),
    },
    "classes_s9_second.yaml": {
        "long_duration": (1, 0),
        "trauma": (0, 0),
        "v2_findings": (0, 0),
        "one_side": (0, 0),
        "ordinary_headache": (0, 0),
    },
}
test_every_class_is_measured, test_a_class_is_read_at_least_as_well_as_measured = (
    measured_tests(MEASURED)
)


@pytest.mark.parametrize(
    ("text", "finding", "want"),
    [
        # a relative's scope her own word ended does not reach what was done to her
        ("my toddler kicked me in the bump yesterday", "recent_trauma", "present"),
        ("my husband had a car accident last week and my back hurts", "recent_trauma", "unset"),
        ("my mum had a blood clot in her leg", "history_vte", "unset"),
        # a side the pain is worse on: right-sided, not one side only
        ("it's across my lower back, a bit worse on the right", "pain_right_side", "present"),
        ("it's across my lower back, a bit worse on the right", "pain_one_side", "absent"),
        ("the pain is only on my right side", "pain_one_side", "present"),
        ("the pain is in the left side of my back", "pain_one_side", "present"),
        # a start in weeks of pregnancy with a verb of onset; a time ago is not a week
        ("I'm 30 weeks and the back pain started at about 18 weeks",
         "pain_duration_over_2_weeks", "present"),
        ("I'm 30 weeks, my back pain started about 2 weeks ago",
         "pain_duration_over_2_weeks", "absent"),
        # the first trimester as when the pain began is not her weeks now
        ("the back pain started in the first trimester", "gestational_weeks", "unset"),
        ("I'm in my first trimester and my back hurts", "gestational_weeks", 8),
        # how long she worked, was pregnant or had heartburn is not the pain's
        ("I've been pregnant for 7 months and my back started aching on Sunday",
         "pain_duration_over_2_weeks", "absent"),
        ("I've had heartburn for months and my back hurts since yesterday",
         "pain_duration_over_2_weeks", "unset"),
        # a terse profile's age where the weeks are a number; not in brackets
        ("29 weeks, 22, first baby", "maternal_age", 22),
        ("36 yrs, 31 wks, back pain", "maternal_age", 36),
        ("(34) 29 weeks", "maternal_age", "unset"),
        ("32 weeks, temperature 38, back pain", "maternal_age", "unset"),
        # score forms
        ("lower back ache, pretty mild (3).", "pain_severity", 3),
        ("it aches all the time. Around 3ish.", "pain_severity", 3),
        ("the pain, if I had to score it, 4, not terrible", "pain_severity", 4),
        # walking as what makes it worse, not as when something else happens
        ("it hurts when I walk", "pain_worse_weight_bearing_one_leg", "present"),
        ("my foot slaps down when I walk", "pain_worse_weight_bearing_one_leg", "unset"),
        # "problems peeing" said is trouble passing urine; denied, it denies nothing
        ("no problems peeing", "new_bladder_bowel_dysfunction", "unset"),
        ("no trouble passing urine", "new_bladder_bowel_dysfunction", "absent"),
        # fatty food by its fat, not one dish told as when the pain began
        ("it comes on an hour after a fatty meal", "pain_after_fatty_meals", "present"),
        ("after a fried dinner last night I got a pain", "pain_after_fatty_meals", "unset"),
        # under the ribs through to the back is the upper back; the chest stays chest pain
        ("pain under my ribs going through to my back", "pain_upper_back", "present"),
        ("a sharp pain in my chest going round to my back", "chest_pain", "present"),
        # a headache she says is fine now is got over
        ("I had a bad headache on Monday but it's fine now", "severe_headache", "unset"),
        ("I have a bad headache and it's getting worse", "severe_headache", "present"),
        # the end of the day is when, not what; a long stretch with a pain word is
        ("I'm exhausted by the end of the day", "pain_worse_standing_sitting_long", "unset"),
        ("it's worse by the end of the day", "pain_worse_standing_sitting_long", "present"),
        ("my back aches when I stand a lot", "pain_worse_standing_sitting_long", "present"),
        # v2 denials in a note
        ("calves fine", "calf_swelling_one_leg", "absent"),
        ("no calf pain", "calf_swelling_one_leg", "absent"),
        ("both legs look the same", "calf_swelling_one_leg", "absent"),
        ("legs fine no numbness", "calf_swelling_one_leg", "unset"),
        ("headache free", "severe_headache", "absent"),
        # cancer as a worry, a field or a test is no history of it
        ("I had a cancer scare that turned out to be nothing", "history_cancer", "unset"),
        ("I had breast cancer five years ago", "history_cancer", "present"),
    ],
)
def test_the_mechanisms(parse, text, finding, want):
    got = reading(parse(text).case, finding)
    assert got == want, (text, got)


@pytest.mark.parametrize(
    ("today", "want"),
    [
        (date(2026, 12, 7), "present"),  # every day of June to August is months ago
        (date(2026, 9, 3), "unset"),  # 3 to 94 days ago: left to the question
        (date(2026, 3, 1), "present"),  # last year's summer
    ],
)
def test_a_season_is_every_day_of_its_months(parse, monkeypatch, today, want):
    monkeypatch.setattr(settle, "today", lambda: today)
    got = reading(parse("my back has ached on and off since the summer").case,
                  "pain_duration_over_2_weeks")
    assert got == want


def test_days_since_a_season():
    assert settle.days_since((6, None, 8), date(2026, 12, 7)) == (98, 189)
    assert settle.days_since((6, None, 8), date(2026, 7, 1)) == (0, 30)
