"""Session 12: urgent findings said in everyday English, for narrative mode (where
no question can be asked): a crash or fall told as an event, breath hard to get
with a hedge between, blood in what she coughs up (not a bleed from the vagina),
yellow skin or eyes, pressure low in the pelvis, numbness in both legs said in the
plural, a stream slow to start or dribbling, a sudden onset in everyday words, a
clinician's note ("T 38.2", "Nil urinary sx", "PV loss: nil"), a pain low on one
side, pain after fatty food, a baby quieter than usual.

Tables of the helper's own sentences (``classes_s12_urgent_*.yaml``): the first
written before this session's reader was opened, the second after the first round
of fixes and the third after the second, each before it was run; none copied from
a measuring set. ``python bench/intake_classes.py TABLE
--rows`` prints them; here no class may be read worse than measured.
"""

from __future__ import annotations

import pytest

from gravida.intake.score import reading
from tests.intake.measured import measured_tests

# per table and class: (statements missed, near misses over-read), measured
MEASURED: dict[str, dict[str, tuple[int, int]]] = {
    # before this session: 61 of 162 statements missed, 3 of 81 near misses over-read
    "classes_s12_urgent_first.yaml": {
        "trauma": (0, 0),  # before: 7, 0
        "breath": (0, 0),  # before: 6, 0
        "cough_blood": (0, 0),  # before: 3, 0
        "jaundice": (0, 0),  # before: 3, 1 ("my newborn nephew had jaundice")
        "pelvic_pressure": (0, 0),  # before: 6, 0
        # "it goes into each leg": no word of pain or numbness beside it
        "both_legs": (1, 0),  # before: 5, 0
        "bladder": (0, 0),  # before: 7, 0
        # "I'm suddenly very tired", "it came out of nowhere that I'd need a new
        # car": a bare "suddenly" stays the onset, as before
        "sudden_onset": (0, 2),  # before: 7, 2
        "note_style": (0, 0),  # before: 5, 0
        "lower_abdomen": (0, 0),  # before: 3, 0
        # "the pain under my ribs" without a side or "front" stays unplaced
        "upper_abdomen_fatty": (1, 0),  # before: 7, 0
        "fetal_movements": (0, 0),  # before: 2, 0
    },
    # first run (after the first round of fixes, honest): 27 of 88 statements
    # missed, 5 of 55 near misses over-read; then read by the second round
    "classes_s12_urgent_second.yaml": {
        "trauma": (0, 0),  # first run: 3, 1
        "breath": (0, 0),  # first run: 2, 1
        "cough_blood": (0, 0),  # first run: 3, 1
        "jaundice": (0, 0),
        "pelvic_pressure": (0, 0),  # first run: 4, 0
        "both_legs": (0, 0),  # first run: 2, 0
        "bladder": (0, 0),  # first run: 6, 0
        "sudden_onset": (0, 0),  # first run: 4, 0
        "note_style": (0, 0),
        "lower_abdomen": (0, 0),
        "upper_abdomen_fatty": (0, 0),
        "fetal_movements": (0, 0),  # first run: 3, 2
    },
    # first run (after the second round, honest): 12 of 59 statements missed, 3 of
    # 37 near misses over-read
    "classes_s12_urgent_third.yaml": {
        "trauma": (0, 0),  # first run: 3, 1
        "breath": (0, 0),  # first run: 2, 0
        "cough_blood": (0, 0),  # first run: 2, 1
        "jaundice": (0, 0),
        "pelvic_pressure": (0, 0),
        "both_legs": (0, 0),
        "bladder": (0, 0),  # first run: 2, 0
        "sudden_onset": (0, 0),  # first run: 1, 0
        "note_style": (0, 0),
        "lower_abdomen": (0, 0),
        "upper_abdomen_fatty": (0, 0),
        # "she has been quiet since her nan died (my daughter)": a "been quiet"
        # read before this session, the relative named only at the end
        "fetal_movements": (0, 1),  # first run: 2, 1
    },
}
test_every_class_is_measured, test_a_class_is_read_at_least_as_well_as_measured = (
    measured_tests(MEASURED)
)


@pytest.mark.parametrize(
    ("text", "finding", "want"),
    [
        # blood in what she coughs up is no bleed from the vagina, and a bleed beside
        # a cough is still one
        ("Coughing up phlegm, some red streaks of blood in it.", "coughing_blood", "present"),
        ("Coughing up phlegm, some red streaks of blood in it.", "vaginal_bleeding", "unset"),
        ("coughing up mucus with streaks of blood", "discharge_change", "unset"),
        ("I have a cough and some blood in my knickers", "vaginal_bleeding", "present"),
        ("I have a cough and some blood in my knickers", "coughing_blood", "unset"),
        ("I've been coughing a lot and there's been blood in the tissue", "coughing_blood",
         "present"),
        ("I had a cough last week and there was blood on the tissue when I wiped",
         "coughing_blood", "unset"),
        # a note's temperature, not the end of a word or weeks
        ("Obs: T 38.6 HR 104", "fever", "present"),
        ("T 36.8", "fever", "absent"),
        ("at 38 weeks, back pain", "fever", "unset"),
        # numbness in both legs denied is the numbness denied, not the legs
        ("no numbness or tingling in my legs", "both_legs_affected", "unset"),
        ("no numbness or tingling in my legs", "leg_numbness_tingling", "absent"),
        ("pins and needles in my feet", "leg_numbness_tingling", "present"),
        # something else gone yellow is no jaundice, and keeps its own reading
        ("my discharge has gone yellow", "jaundice", "unset"),
        ("my discharge has gone yellow", "discharge_infected", "present"),
        ("the sick looks yellow", "nausea_vomiting", "present"),
        # a pain that eases within a minute came on no faster
        ("it went away within a minute", "pain_onset_sudden", "unset"),
        ("one minute I was fine and the next I was on the floor", "pain_onset_sudden", "present"),
        # a leak on a cough, or water dribbling out, is no trouble passing urine
        ("I dribble a bit when I sneeze", "new_bladder_bowel_dysfunction", "unset"),
        ("clear water dribbling out of me", "new_bladder_bowel_dysfunction", "unset"),
        # a pain low on the left is the low belly's, the back's when the back names it
        ("sharp pain low on the left since this morning", "pain_lower_abdomen", "present"),
        ("sharp pain low on the left since this morning", "pain_left_side", "present"),
        ("back pain low down on the left", "pain_lower_abdomen", "unset"),
        # fatty food after the pain, or as a habit; one meal told as when it began is not
        ("pain at the top of my tummy after a greasy meal", "pain_after_fatty_meals", "present"),
        ("After a fry-up this morning I got a pain in my back", "pain_after_fatty_meals", "unset"),
        # a relative's car she was in is hers
        ("my husband's car was hit from behind with me in it", "recent_trauma", "present"),
        # breath on exertion said with any inflection of the exertion ("=walk" is a
        # slot of its own) is no breathlessness at rest; at rest it is
        ("I get breathless walking", "shortness_of_breath", "unset"),
        ("I'm breathless sitting here", "shortness_of_breath", "present"),
        # blood in the mucus with no cough is a show, a bleed
        ("a bit of a show with some blood in the mucus", "coughing_blood", "unset"),
        ("a bit of a show with some blood in the mucus", "vaginal_bleeding", "present"),
        # what she did not know had happened happened
        ("I had an accident and didn't know I'd wet myself", "new_bladder_bowel_dysfunction",
         "present"),
        ("I didn't notice any bleeding", "vaginal_bleeding", "absent"),
    ],
)
def test_the_urgent_wording_mechanisms(parse, text: str, finding: str, want: str) -> None:
    assert reading(parse(text).case, finding) == want, text
