"""Session 10: long durations the English reader did not read, and false urgent
readings, by class of wording.

Tables of the intake helper's own sentences (``classes_s10_*.yaml``), the first
written before this session's fixes, the second after them and before it was
run; none copied from a measuring set. ``python bench/intake_classes.py TABLE
--rows`` prints them; here no class may be read worse than measured.
"""

from __future__ import annotations

import pytest

from gravida.intake.score import reading
from gravida.knowledge import PackError
from tests.intake.measured import measured_tests

# per table and class: (statements missed, near misses over-read), measured
MEASURED: dict[str, dict[str, tuple[int, int]]] = {
    "classes_s10_first.yaml": {
        "long_duration": (0, 0),
        "one_side_only": (0, 1),
        "severe_headache": (0, 0),
        "trauma": (2, 0),
        "bleeding": (1, 0),
        "v2_breath_calf": (0, 0),
        "other_urgent": (0, 0),
    },
    # run first after the first round: 7 of 32 statements missed, 2 of 43 near
    # misses over-read (the reader before this session: 10 and 13)
    "classes_s10_second.yaml": {
        "long_duration": (2, 0),
        # "mostly / mainly on one side" stays one-sided, as sessions 6 and 7 measured
        "one_side_only": (0, 2),
        "severe_headache": (0, 0),
        "trauma": (0, 0),
        "bleeding": (0, 0),
        "v2_breath_calf": (0, 0),
    },
}
test_every_class_is_measured, test_a_class_is_read_at_least_as_well_as_measured = (
    measured_tests(MEASURED)
)


@pytest.mark.parametrize(
    ("text", "finding", "want"),
    [
        # half a unit more
        ("my back has hurt for two and a half weeks", "pain_duration_over_2_weeks", "present"),
        ("my back has hurt for a week and a half", "pain_duration_over_2_weeks", "absent"),
        ("my back has hurt for 2 weeks and a bit", "pain_duration_over_2_weeks", "present"),
        # a state of the pain between "been" and the time; "had it" without "for"
        ("my back is sore, it's been like this nearly a month",
         "pain_duration_over_2_weeks", "present"),
        ("my back has been hurting nearly six weeks", "pain_duration_over_2_weeks", "present"),
        ("my back has been hurting nearly six weeks", "gestational_weeks", "unset"),
        ("Lower back pain. Had it around six weeks.", "pain_duration_over_2_weeks", "present"),
        # ...but not how long she has been pregnant
        ("I've been pregnant 30 weeks and my back hurts", "pain_duration_over_2_weeks", "unset"),
        # the pain has gone on since a time of another event
        ("I slipped 3 weeks ago and my back still isn't right",
         "pain_duration_over_2_weeks", "present"),
        ("it came on a month ago and hasn't eased since", "pain_duration_over_2_weeks", "present"),
        # the pain's own start wins over another event's time in its sentence
        ("I had my scan 4 weeks ago, my back started hurting this morning",
         "pain_duration_over_2_weeks", "unset"),
        ("we moved a month ago and my back has ached since Monday",
         "pain_duration_over_2_weeks", "absent"),
        # a fall weeks ago is not "in the last days"; a bleed early in pregnancy is past
        ("I fell down the stairs a month ago and my back hurts", "recent_trauma", "unset"),
        ("I fell down the stairs last night", "recent_trauma", "present"),
        ("I fell over a week ago", "recent_trauma", "present"),
        ("I'm 29 weeks, I had a bleed at 9 weeks", "vaginal_bleeding", "unset"),
        ("I'm 29 weeks and bleeding", "vaginal_bleeding", "present"),
        ("I'm 29 weeks, I started bleeding 3 weeks ago and it hasn't stopped",
         "vaginal_bleeding", "present"),
        # a slip denied as a fall; a blow given her
        ("I missed a step but held the rail, I didn't fall", "recent_trauma", "absent"),
        ("I slipped on the ice and landed on my back", "recent_trauma", "present"),
        ("my toddler headbutted me in the bump", "recent_trauma", "present"),
        # the baby feeling as if it will drop is pressure, not a fall
        ("it feels like the baby is going to fall out", "recent_trauma", "unset"),
        ("it feels like the baby is going to fall out", "pelvic_pressure", "present"),
        # one side ONLY
        ("the pain is worse on one side", "pain_one_side", "absent"),
        ("it flits from one side to the other", "pain_one_side", "absent"),
        ("I can only lie on one side", "pain_one_side", "unset"),
        ("it's only on one side", "pain_one_side", "present"),
        # breathless on exertion, any inflection
        ("I get breathless when I walk up hills", "shortness_of_breath", "unset"),
        # down her leg is loose: an end at or above the knee wins; the knee is not below it
        ("it goes down my leg but stops at my knee", "radiates_leg_below_knee", "absent"),
        ("the pain goes down to my knee", "radiates_leg_below_knee", "absent"),
        ("it shoots down my leg", "radiates_leg_below_knee", "present"),
        ("it shoots down my leg into my calf", "radiates_leg_below_knee", "present"),
        # a headache that comes and goes is not one that does not go away
        ("a headache on and off all week, not bad", "severe_headache", "unset"),
        ("my headache has been there all day", "severe_headache", "present"),
        # mucus is no clot of blood; an accident at 17 is not recent
        ("I passed a small clot of mucus", "heavy_vaginal_bleeding", "unset"),
        ("I had a car accident when I was 17", "recent_trauma", "unset"),
        # more on one side is not one side only; either side of the spine is unstated
        ("the pain is more on the left", "pain_one_side", "absent"),
        ("sore either side of the spine", "pain_one_side", "unset"),
        # a scan or test for a clot or for cancer, or a programme about it, is neither;
        # treated for a clot, or since it, is her history
        ("they scanned my leg for a clot, nothing found", "history_vte", "unset"),
        ("I'm on injections for a clot I had last year", "history_vte", "present"),
        ("on blood thinners since my clot", "history_vte", "present"),
        ("they tested me for cancer and it was fine", "history_cancer", "unset"),
        ("I watched a programme about cancer", "history_cancer", "unset"),
        ("I had cervical cancer in 2019", "history_cancer", "present"),
    ],
)
def test_the_mechanisms(parse, text, finding, want):
    got = reading(parse(text).case, finding)
    assert got == want, (text, got)


def test_a_dated_mention_says_why_it_is_not_used(parse):
    r = parse("I fell down the stairs 3 weeks ago")
    (e,) = [e for e in r.evidence if e.finding == "recent_trauma"]
    assert not e.used
    assert "dated:21" in e.flags


def test_the_loader_refuses_a_dated_section_without_its_parts():
    from gravida.intake.rules import load_dated

    with pytest.raises(PackError):
        load_dated({"findings": {"recent_trauma": 7}, "ago": ["(?P<n>\\d) days ago"]},
                   ["recent_trauma"], "")
    with pytest.raises(PackError):
        load_dated({"findings": {"no_such_finding": 7}}, ["recent_trauma"], "")
