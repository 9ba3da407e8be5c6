"""Session 15 (helper narren): emergencies said in words the English reader did not hear.

``classes_s15_urgent_first.yaml`` holds the helper's own sentences, written before
any change, of emergency signs in lay words, understated, buried mid-message or in
a clinician's shorthand, with near misses (denied, past, someone else's, "if I
get..."); ``classes_s15_urgent_second.yaml`` the classes that the first narrative
run of hard-dev-3.yaml showed unread or misread: a simile of numbness read as its
denial ("like it's not my skin, kind of numb"), "can't keep fluids down" denying
the pain after it, a rhythm timed (interval and length, or timed by her partner),
a long wait before the stream, "previous loss", a heaviness pushing down, a
clotting disorder read as clots, a dip's graded blood, "L back pain", "upper abdo
pain" read as the low belly too, a temperature word taking the pulse after it, a
child named by age; ``classes_s15_urgent_third.yaml`` single readings (numbers,
the finding a longer mention takes, the past) beside their true positives.
``python bench/intake_classes.py TABLE --rows
--today=2026-12-07`` prints them; here no class may be read worse than measured.
"""

from __future__ import annotations

from tests.intake.measured import measured_tests

# per table and class: (statements missed, near misses over-read), measured
MEASURED: dict[str, dict[str, tuple[int, int]]] = {
    # written before this session's changes: 5 of 54 statements missed, 3 of 23
    # near misses over-read; after: 1 / 2 (left: "the water in the bowl went red",
    # which may be her urine as well; "Mum says I'll know when it's contractions
    # every five minutes", what she was told; "shivering waiting for the bus, it's
    # freezing out", which would take shivering from a woman with rigors outside)
    "classes_s15_urgent_first.yaml": {
        "bleeding": (1, 0),  # before: (2, 0)
        "waters": (0, 0),  # before: (2, 0)
        "movements": (0, 0),
        "labour": (0, 1),  # before: (0, 1)
        "uterus": (0, 0),
        "infection": (0, 1),  # before: (0, 1)
        "preeclampsia": (0, 0),
        "cauda": (0, 0),
        "legs": (0, 0),  # before: (1, 0)
        "trauma": (0, 0),
        "breath_chest": (0, 0),
        "collapse": (0, 0),
        "onset_quality": (0, 0),  # before: (0, 1) ("I ripped my jeans")
    },
    # written after the first run of hard-dev-3.yaml, measured on the code before
    # the fixes: 16 of 34 statements missed, 6 of 19 near misses over-read; after: 0 / 0
    "classes_s15_urgent_second.yaml": {
        "simile": (0, 0),  # before: (2, 0)
        "keep_down": (0, 0),
        "timed": (0, 0),  # before: (3, 0)
        "stream": (0, 0),  # before: (1, 0)
        "history_loss": (0, 0),  # before: (3, 0)
        "pushing_down": (0, 0),  # before: (2, 1)
        "clotting": (0, 0),  # before: (0, 1)
        "dip_graded": (0, 0),  # before: (2, 0)
        "side_letter": (0, 0),  # before: (2, 0)
        "upper_abdo": (0, 0),  # before: (0, 1)
        "vital_gap": (0, 0),  # before: (1, 1)
        "child": (0, 0),  # before: (0, 2)
    },
    # single readings the fixes must give, each beside its true positive kept,
    # measured on the code before: 5 of 14 missed, 7 of 10 over-read; after: 0 / 0
    "classes_s15_urgent_third.yaml": {
        "vital_numbers": (0, 0),  # before: (0, 2)
        "foot": (0, 0),  # before: (2, 1)
        "places": (0, 0),  # before: (0, 2)
        "history": (0, 0),  # before: (1, 1)
        "waters_tearing": (0, 0),  # before: (2, 1)
    },
}
test_every_class_is_measured, test_a_class_is_read_at_least_as_well_as_measured = (
    measured_tests(MEASURED)
)
