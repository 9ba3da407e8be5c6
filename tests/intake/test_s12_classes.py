"""Session 12 (helper calm): urgent findings over-read from near misses, and
consultation-level findings missed.

Tables of the helper's own sentences (``classes_s12_*.yaml``): the first written
before the phrase file was opened, the second after the fixes and before it was
first run; none copied from a measuring set. ``python bench/intake_classes.py
TABLE --rows --today=2026-12-07`` prints them; here no class may be read worse
than measured.
"""

from __future__ import annotations

import pytest

from gravida.intake.rules import near_rules
from gravida.intake.score import reading
from gravida.knowledge import PackError
from tests.intake.measured import measured_tests

# per table and class: (statements missed, near misses over-read), measured
MEASURED: dict[str, dict[str, tuple[int, int]]] = {
    "classes_s12_first.yaml": {
        # before: (3, 0); "headache started mild but now its really bad", "it came
        # back worse" (a worse headache across a clause, left to the question)
        "headache": (2, 0),
        "trauma": (0, 0),  # before: (0, 5), a near fall read as a fall
        "breath": (0, 0),  # before: (0, 3)
        "swelling": (0, 0),  # before: (0, 1)
        "calf_cramp": (0, 0),  # before: (0, 3)
        # "my thighs ache from all the walking" (a thigh ache is read as its spread)
        "heavy_legs": (0, 1),
        "constant": (0, 0),  # before: (0, 2)
        "duration": (7, 0),
        "relief": (2, 0),
        "urine": (6, 1),
        "side_site": (1, 0),
    },
}
test_every_class_is_measured, test_a_class_is_read_at_least_as_well_as_measured = (
    measured_tests(MEASURED)
)


@pytest.mark.parametrize(
    ("text", "finding", "want"),
    [
        # a near fall is no fall; the blow after it still is one
        ("I nearly fell on the stairs but grabbed the rail", "recent_trauma", "absent"),
        ("almost slipped on the ice", "recent_trauma", "absent"),
        ("nearly went flying over the dog", "recent_trauma", "absent"),
        ("I nearly fell and banged my bump on the table", "recent_trauma", "present"),
        ("nearly fell asleep at my desk", "recent_trauma", "unset"),
        # a trip she did not go down from; a fall stated outright stands
        ("tripped on the rug but didn't go down", "recent_trauma", "absent"),
        ("I slipped but caught myself", "recent_trauma", "absent"),
        ("I fell down the stairs, caught myself on the rail but landed on my bum",
         "recent_trauma", "present"),
        ("It doesn't go down my legs", "recent_trauma", "unset"),
        # the night was bad, not the headache; a bad headache still is
        ("I had a headache after a bad night's sleep", "severe_headache", "unset"),
        ("mild headache after a rough night, gone now", "severe_headache", "not present"),
        ("a bad headache after no sleep", "severe_headache", "present"),
        ("the headache is really bad and won't go", "severe_headache", "present"),
        ("strong headache, not passing", "severe_headache", "present"),
        # a denied severity and a relief in the next clause stay two things
        ("my headache wasn't bad and paracetamol shifted it", "severe_headache", "absent"),
        ("the headache won't go and paracetamol hasn't touched it", "severe_headache",
         "present"),
        # breath on exertion, told stairs first; her breath settling is no relief
        ("stairs make me breathless", "shortness_of_breath", "unset"),
        ("I'm breathless sitting still", "shortness_of_breath", "present"),
        ("a bit puffed on the stairs, fine once I sit down", "pain_relieved_by_rest", "unset"),
        ("my back aches but it's fine once I sit down", "pain_relieved_by_rest", "present"),
        ("out of breath and my back hurts, better when I sit", "pain_relieved_by_rest",
         "present"),
        # a leg cramp with its side is the leg's
        ("cramp in my left calf last night", "pain_one_side", "unset"),
        ("cramp in my left calf last night", "pain_rhythmic_cramping", "unset"),
        ("period-like cramps in my lower belly", "pain_rhythmic_cramping", "present"),
        # heavy, tired legs by evening are no spread and no pain of both legs' nerves
        ("both legs feel heavy and achy by evening", "both_legs_affected", "unset"),
        ("both legs heavy and numb by the evening", "both_legs_affected", "present"),
        ("both my legs feel heavy and weak", "both_legs_affected", "present"),
        # swelling in the heat is the usual; a warm swollen calf is not
        ("my feet are a little swollen when it's hot", "sudden_swelling", "not present"),
        ("my right calf is swollen, warm and sore", "calf_swelling_one_leg", "present"),
        # constant, but a walk or a rest eases it: not the unrelieved pain
        ("constant ache but a gentle walk loosens it off", "pain_constant_unrelieved",
         "absent"),
        ("it's constant, lying down helps a bit", "pain_constant_unrelieved", "absent"),
        ("it's there all the time whatever I do", "pain_constant_unrelieved", "present"),
        ("constant pain, nothing helps", "pain_constant_unrelieved", "present"),
    ],
)
def test_the_mechanisms(parse, text: str, finding: str, want: str) -> None:
    got = reading(parse(text).case, finding)
    if want == "not present":
        assert got != "present", (text, got)
    else:
        assert got == want, (text, got)


def test_a_near_rule_may_leave_then_out_only_with_instead() -> None:
    booleans = ["pain_relieved_by_rest", "contractions_irregular"]
    (rule,) = near_rules([{"cue": "breath", "instead": True}], "pain_relieved_by_rest", booleans)
    assert rule.then is None and rule.instead
    with pytest.raises(PackError):
        near_rules([{"cue": "breath"}], "pain_relieved_by_rest", booleans)
    with pytest.raises(PackError):
        near_rules([{"cue": "breath", "then": "nope", "instead": True}],
                   "pain_relieved_by_rest", booleans)
