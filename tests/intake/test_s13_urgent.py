"""Session 13: every finding of a policy row at emergency or emergency_ambulance, said
in everyday English for narrative mode (her words only, no question asked): the
pain's strength said in words ("really bad", "agony", "I can't stand up with it",
"crying with the pain": read on the verbal rating scale, an explicit score winning),
"my back went into a bad pain" (the onset, not a strain), an event she says she is
fine after ("I fell down the stairs but I'm fine now": the fall still happened), and
per finding a handful of new everyday wordings and near misses.

Tables of the helper's own sentences (``classes_s13_urgent_*.yaml``): the first
written before this session's reader was changed, the second after the fixes, each
before it was run; none copied from a measuring set. ``python
bench/intake_classes.py TABLE --rows --today=2026-12-07`` prints them; here no class
may be read worse than measured.
"""

from __future__ import annotations

import pytest

from gravida.intake.score import reading
from tests.intake.measured import measured_tests

# per table and class: (statements missed, near misses over-read), measured
MEASURED: dict[str, dict[str, tuple[int, int]]] = {
    # before this session: 50 of 225 statements missed, 15 of 116 near misses over-read
    "classes_s13_urgent_first.yaml": {
        "severity_words": (0, 0),  # before: 17, 0
        "strain_or_sudden": (0, 0),  # before: 0, 2
        # "the base of my spine" stays the lower back, not the sacrum (the measuring
        # sets read "the bottom of my spine" so)
        "location_without_back": (1, 0),  # before: 3, 0
        "heavy_bleeding": (0, 0),  # before: 3, 0
        "bleeding": (0, 0),  # before: 2, 0
        "faint": (0, 1),  # before: 2, 1
        "tearing": (1, 0),  # before: 1, 1
        "sudden": (0, 1),
        "chest": (0, 1),  # before: 0, 2
        "saddle": (1, 0),  # before: 1, 1
        "bladder_bowel": (0, 0),  # before: 1, 0
        "contractions": (0, 0),
        "fluid": (1, 1),  # before: 2, 1
        "pelvic_pressure": (0, 0),
        "movements": (0, 0),
        "hard_uterus": (0, 0),
        "fever": (0, 0),
        "flank": (0, 0),  # before: 2, 0
        "kidney_tap": (0, 0),  # before: 2, 0
        "chills": (0, 0),  # before: 1, 2
        "headache": (0, 0),
        "vision": (0, 0),  # before: 1, 0
        "upper_abdomen": (0, 0),  # before: 1, 0
        "swelling": (0, 0),
        "colic": (0, 0),
        "leg_weakness": (0, 1),  # before: 1, 1
        "both_legs": (1, 0),
        "trauma": (0, 0),  # before: 3, 0
        "below_knee": (0, 0),
        "numb_tingle": (0, 0),  # before: 1, 2
        "breath": (0, 0),  # before: 2, 1
        "cough_blood": (0, 0),
        "shoulder_tip": (1, 0),
        "jaundice": (0, 0),
        "one_side": (0, 0),
        "blood_pressure": (0, 0),
        "pulse": (0, 0),
        "not_cancelled": (1, 0),  # before: 2, 0
    },
    # first run (after the fixes, honest): 16 of 121 statements missed, 5 of 59 near
    # misses over-read; the over-reads then fixed ("chest fine", "a chest infection",
    # "wearing yellow", "wet myself when I laughed", "numb on the train ride"), and a
    # third round read what a general rule could (4 of 121 missed, 0 over-read)
    "classes_s13_urgent_second.yaml": {
        "severity_words": (0, 0),  # first run: 1, 0
        "strain_or_sudden": (0, 0),
        "location_without_back": (1, 0),  # the bottom of my spine, as above
        "heavy_bleeding": (0, 0),  # first run: 2, 0
        "bleeding": (1, 0),
        "faint": (0, 0),  # first run: 2, 0
        "tearing": (0, 0),
        "sudden": (0, 0),
        "chest": (0, 0),  # first run: 0, 2
        "saddle": (0, 0),  # first run: 0, 1
        "bladder_bowel": (0, 0),  # first run: 1, 1
        "contractions": (0, 0),
        "fluid": (1, 0),  # first run: 2, 0
        "pelvic_pressure": (0, 0),
        "movements": (1, 0),
        "hard_uterus": (0, 0),
        "fever": (0, 0),
        "flank": (1, 0),  # first run: 2, 0
        "kidney_tap": (0, 0),  # first run: 1, 0
        "chills": (0, 0),
        "headache": (0, 0),
        "vision": (0, 0),
        "upper_abdomen": (0, 0),
        "swelling": (0, 0),
        "colic": (0, 0),
        "leg_weakness": (0, 0),  # first run: 1, 0
        "both_legs": (0, 0),
        "trauma": (0, 0),
        "below_knee": (0, 0),  # first run: 1, 0
        "numb_tingle": (0, 0),
        "breath": (0, 0),
        "cough_blood": (0, 0),
        "shoulder_tip": (0, 0),
        "jaundice": (0, 0),  # first run: 0, 1
        "not_cancelled": (0, 0),  # first run: 1, 0
    },
}
test_every_class_is_measured, test_a_class_is_read_at_least_as_well_as_measured = (
    measured_tests(MEASURED)
)


@pytest.mark.parametrize(
    ("text", "finding", "want"),
    [
        # the strength in words, at the lowest number of its band
        ("my back went into a really bad pain an hour ago", "pain_severity", 7.0),
        ("severe pain in my lower back", "pain_severity", 7.0),
        ("I'm in agony with my back", "pain_severity", 8.0),
        ("32 weeks, my back went into agony all of a sudden", "pain_severity", 8.0),
        ("my back is agony, I can't stand up with it", "pain_severity", 8.0),
        ("I'm crying with the pain in my back", "pain_severity", 8.0),
        ("the pain in my back is the worst I've ever had", "pain_severity", 10.0),
        # a score she gives wins over a word, higher or lower
        ("excruciating back pain, about 6/10", "pain_severity", 6.0),
        ("really bad back pain, 9 out of 10", "pain_severity", 9.0),
        # denied, a headache's, a movement's, a relative's, a past labour's: no score
        ("it's not that bad, my back", "pain_severity", "unset"),
        ("I'm not in agony, just a sore back", "pain_severity", "unset"),
        ("no severe pain, just an achy back", "pain_severity", "unset"),
        ("a really bad headache and my back aches a bit", "pain_severity", "unset"),
        ("headache since yesterday, it's really bad", "pain_severity", "unset"),
        ("stairs are agony but otherwise my back is ok", "pain_severity", "unset"),
        ("it's agony when I walk, my back", "pain_severity", "unset"),
        ("my sister was in agony with her back", "pain_severity", "unset"),
        ("the traffic was really bad so I'm late, my back aches", "pain_severity", "unset"),
        ("she's doubled up laughing, my back is fine", "pain_severity", "unset"),
        ("I can't walk far with my back", "pain_severity", "unset"),
        # how the pain came on is no strain; what she did is
        ("out of nowhere my back went into a horrible pain", "heavy_lifting_or_strain", "unset"),
        ("my back went into spasm on the sofa", "heavy_lifting_or_strain", "unset"),
        ("I sneezed and my back went.", "heavy_lifting_or_strain", "present"),
        ("my back went when I picked up the washing", "heavy_lifting_or_strain", "present"),
        # an event she is fine after still happened; a symptom she got over did not stay
        ("I fell down the stairs yesterday but I'm fine now", "recent_trauma", "present"),
        ("I fainted in the shower, I feel ok now though", "faint_or_dizzy", "present"),
        ("there was blood in my pants when I woke up but it's stopped now",
         "vaginal_bleeding", "present"),
        ("I had a headache this morning but it's gone now", "severe_headache", "unset"),
    ],
)
def test_the_session_13_mechanisms(parse, text: str, finding: str, want: object) -> None:
    assert reading(parse(text).case, finding) == want, text
