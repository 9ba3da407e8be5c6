"""Session 16 (helper narren2): the policy's v2 signs said in everyday words.

``classes_s16_wip2.yaml`` reviews session 15's untested branch ``narren-wip2``
(irregular tightenings, damp knickers, a leak that smells, a bump sore when
touched) with the helper's own sentences and near misses; what over-read was
narrowed or masked before landing. ``classes_s16_voice_first.yaml`` holds the
helper's own sentences, written before any change, of the v2 rows' signs
(breath, chest, blood coughed up, one calf, yellow, a fall, a sudden worst
pain, pressure pushing down, a faint, the shoulder tip, a past cancer with
night pain, both legs) understated or buried mid-message, with near misses.
``python bench/intake_classes.py TABLE --rows --today=2026-12-07`` prints
them; here no class may be read worse than measured.
"""

from __future__ import annotations

from tests.intake.measured import measured_tests

# per table and class: (statements missed, near misses over-read), measured
MEASURED: dict[str, dict[str, tuple[int, int]]] = {
    # on main before the branch: 10 of 18 statements missed, 4 of 21 near misses
    # over-read; the branch as it was: 2 / 9; as landed: 1 / 0
    "classes_s16_wip2.yaml": {
        "relief_after": (1, 0),  # main (2, 2), branch (1, 2)
        "damp": (0, 0),  # main (2, 2), branch (0, 3)
        "smell": (0, 0),  # main (2, 0), branch (0, 2)
        "irregular": (0, 0),  # main (2, 0), branch (1, 1)
        "bump_tender": (0, 0),  # main (2, 0), branch (0, 1)
    },
    # written before this session's changes: 6 of 36 statements missed, 0 of 19
    # near misses over-read; after: 1 / 0 (left: "Coughing a lot but nothing coming
    # up, no blood", whose "no blood" is not read as the denial of blood coughed up)
    "classes_s16_voice_first.yaml": {
        "breath": (0, 0),  # before: (1, 0)
        "chest": (0, 0),
        "coughing_blood": (1, 0),  # before: (2, 0)
        "calf": (0, 0),
        "jaundice": (0, 0),
        "fall": (0, 0),
        "sudden": (0, 0),  # before: (1, 0)
        "pressure": (0, 0),
        "faint": (0, 0),
        "shoulder_tip": (0, 0),  # before: (1, 0)
        "cancer_night": (0, 0),
        "both_legs": (0, 0),  # before: (1, 0)
    },
    # the classes the own sets' first narrative run and the first table showed, in
    # new sentences; measured on the code before: 22 of 32 statements missed, 1 of
    # 18 near misses over-read; after: 2 / 0 (left: "It started in the left leg but
    # the right one is numb now too", across "but"; "Shooting pain down one leg and
    # now down the other leg too", whose pain word is beyond the cue's reach)
    "classes_s16_voice_second.yaml": {
        "breath_talking": (0, 0),  # before: (2, 0)
        "blood_tissue": (0, 0),  # before: (2, 0)
        "shoulder_end": (0, 0),  # before: (2, 0)
        "other_leg": (2, 0),  # before: (3, 0)
        "pressure_low": (0, 0),  # before: (3, 0)
        "sparkles": (0, 0),  # before: (1, 0)
        "swimmy": (0, 0),  # before: (2, 0)
        "no_wee": (0, 0),  # before: (2, 0)
        "high_middle": (0, 0),  # before: (1, 0)
        "gradual": (0, 0),  # before: (3, 0)
        "asked_after": (0, 0),  # before: (1, 1)
    },
    # the classes the first narrative run of safety-voice-dev.yaml showed (before any
    # change for it), in new sentences; measured on the code before: 18 of 21
    # statements missed, 0 of 13 near misses over-read; after: 1 / 0 (left: "Been
    # using again, injecting, ...": a mention across the comma would leave a
    # sister's scope, which ends there, so only "using again (injecting)" is read)
    "classes_s16_voice_third.yaml": {
        "calf_bigger": (0, 0),  # before: (2, 0)
        "faint_signs": (0, 0),  # before: (2, 0)
        "shoulder_note": (0, 0),  # before: (3, 0)
        "pattern_item": (0, 0),  # before: (1, 0)
        "leak_trickle": (0, 0),  # before: (3, 0)
        "tender_anyone": (0, 0),  # before: (4, 0)
        "cold_wind": (0, 0),  # before: (2, 0)
        "using_again": (1, 0),  # before: (1, 0)
    },
    # near misses of this session's own patterns in longer sentences, written after
    # them: 1 of 7 statements missed, 7 of 15 near misses over-read; after the masks
    # and narrowing: 1 / 1 (left: "headaches, no real pattern, plus some
    # tightenings", the list item beside a tightening word, read as irregular
    # tightenings: a benign reading)
    "classes_s16_voice_fourth.yaml": {
        "new_patterns": (1, 1),
    },
}
test_every_class_is_measured, test_a_class_is_read_at_least_as_well_as_measured = (
    measured_tests(MEASURED)
)
