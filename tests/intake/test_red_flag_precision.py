"""Session 7: an urgent finding is read only where she states it.

A false red flag sends a well woman to an ambulance; a missed one is never
asked again. The tables (``redflags_s7_*.yaml``, written before the fixes they
measure, never copied from a measuring set) hold, per urgent finding, near
misses (the word without the finding: someone else's, the past, a question, a
plan "if... I'll ring", a figure of speech, "regularly" of something else) and
plain statements. ``bench/intake_classes.py TABLE`` prints both rates; here
neither may grow past what was measured.
"""

from __future__ import annotations

import pytest

from gravida.intake.score import read_right, reading
from tests.intake.measured import NEAR, assert_measured, table_rows

# per table and class: (plain statements missed, near misses over-read), measured
MEASURED: dict[str, dict[str, tuple[int, int]]] = {
    "redflags_s7_first.yaml": {
        "regular_contractions": (0, 0),
        "severe_headache": (0, 0),
        "both_legs": (1, 1),
        "recent_trauma": (1, 2),
        "vaginal_bleeding": (0, 1),
        "sudden_swelling": (2, 2),
        "history_vte": (1, 2),
        "fever": (0, 0),
        "leg_below_knee": (0, 0),
        "reduced_movements": (1, 1),
        "fluid_leak": (1, 0),
        "heavy_bleeding": (0, 0),
    },
    "redflags_s7_second.yaml": {
        "regular_contractions": (1, 1),
        "severe_headache": (0, 2),
        "both_legs": (0, 3),
        "recent_trauma": (1, 0),
        "vaginal_bleeding": (0, 1),
        "sudden_swelling": (0, 0),
        "history_vte": (0, 0),
        "fever": (0, 1),
        "leg_below_knee": (0, 0),
        "reduced_movements": (0, 0),
        "fluid_leak": (0, 0),
        "heavy_bleeding": (0, 0),
    },
}
CASES = [(table, name) for table, classes in MEASURED.items() for name in classes]


@pytest.mark.parametrize("table", sorted(MEASURED))
def test_every_class_has_its_near_misses_and_statements(table):
    rows = table_rows(table)
    assert set(rows) == set(MEASURED[table])
    for name, items in rows.items():
        near = [r for r in items if r[2] in NEAR]
        assert len(near) >= 20 and len(items) - len(near) >= 10, name


@pytest.mark.parametrize(("table", "name"), CASES)
def test_a_class_is_read_at_least_as_well_as_measured(parse, table, name):
    assert_measured(parse, table_rows(table)[name], MEASURED[table][name])


@pytest.mark.parametrize(
    ("text", "finding", "want"),
    [
        # a rhythm word needs a tightening beside it (cue), hers and not denied
        ("I take paracetamol regularly for my back", "contractions_regular", "unset"),
        ("no tightenings, but I go to the loo regularly", "contractions_regular", "absent"),
        (
            "My belly keeps going hard. It's coming regularly now.",
            "contractions_regular",
            "present",
        ),
        # a swelling word needs a place where pre-eclampsia swells; a denial needs none
        ("my belly is swelling nicely", "sudden_swelling", "unset"),
        ("no swelling", "sudden_swelling", "absent"),
        ("my hands are swollen", "sudden_swelling", "present"),
        # blood stated of another place
        ("I cut my finger and it bled loads", "vaginal_bleeding", "unset"),
        # a plan for what she would do makes its condition hypothetical
        ("If there's any bleeding I'll go straight in", "vaginal_bleeding", "unset"),
        ("If the baby goes quiet, I know to ring", "reduced_fetal_movements", "unset"),
        ("If I sit for long it really hurts", "pain_worse_standing_sitting_long", "present"),
        # got over: not hers now, unless words of the present keep it
        ("I had a fever last month with a cold, fine now", "fever", "unset"),
        ("I had a bad headache on Tuesday, it's gone now", "severe_headache", "unset"),
        ("some bleeding this morning but it's stopped now", "vaginal_bleeding", "present"),
        ("I had breast cancer years ago, all clear since", "history_cancer", "present"),
        # a one-word question she answers herself
        ("Headache? no. Swelling? nope. Back? terrible", "severe_headache", "absent"),
        ("Headache? no. Swelling? nope. Back? terrible", "sudden_swelling", "absent"),
        ("bp 146/92?? no headache", "severe_headache", "absent"),
        # figures of speech
        ("I fell pregnant in May", "recent_trauma", "unset"),
        ("I've got hay fever", "fever", "unset"),
        # a relative she is with does not make her finding theirs
        ("I was helping my husband move the sofa", "heavy_lifting_or_strain", "present"),
        # a question she asks about an urgent sign is left to the interview
        ("What would a pre-eclampsia headache feel like?", "severe_headache", "unset"),
        ("will I bleed if it's the placenta?", "vaginal_bleeding", "unset"),
        ("I've been bleeding since this morning, is that normal?", "vaginal_bleeding", "present"),
        # what a leaflet or a midwife warns of is not hers
        ("the midwife said a fever is a warning sign, I haven't had one", "fever", "unset"),
        (
            "severe headaches are a sign of pre-eclampsia, I don't have any",
            "severe_headache",
            "unset",
        ),
        # a thing that fell is no fall of hers; her fall is
        ("The shelf fell down in the kitchen", "recent_trauma", "unset"),
        ("I had a fall yesterday", "recent_trauma", "present"),
        # both legs inside another finding's phrase
        ("numbness in both legs", "both_legs_affected", "present"),
    ],
)
def test_each_mechanism(parse, text, finding, want):
    assert read_right(reading(parse(text).case, finding), want), text
