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
    # near misses over-read
    "classes_s16_voice_first.yaml": {
        "breath": (1, 0),
        "chest": (0, 0),
        "coughing_blood": (2, 0),
        "calf": (0, 0),
        "jaundice": (0, 0),
        "fall": (0, 0),
        "sudden": (1, 0),
        "pressure": (0, 0),
        "faint": (0, 0),
        "shoulder_tip": (1, 0),
        "cancer_night": (0, 0),
        "both_legs": (1, 0),
    },
}
test_every_class_is_measured, test_a_class_is_read_at_least_as_well_as_measured = (
    measured_tests(MEASURED)
)
