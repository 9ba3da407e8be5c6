"""A strained back or the ordinary back ache of pregnancy, both ways.

What tells a strain apart (nice-cks-back-pain; docs/model.md, "Ranking by class"):
a clear mechanical event (a lift, a twist, a fall or blow), a sudden onset with it,
muscles sore to press, worse with movement, a short course. The ordinary ache of
pregnancy comes on gradually with the growing bump (wu-2004): dull, across the low
back, worse after standing or sitting long, eased by rest, often for weeks.

Session 9: a fall in the last days was the background 0.03 under the ordinary ache,
though the ache is gradual and a fall beside it is a coincidence: about 1 woman in 4
falls at some time in pregnancy (dunning-2010), about 1 in 100 in any few days, so
0.01. A pain that began with a fall now reads as the strain it usually is, not as
the ordinary ache; the fall's own level (from 20 weeks) is unchanged.

The cases are written from those descriptions, only the findings the picture names;
none is taken from a vignette.
"""

from __future__ import annotations

import pytest

from .pictures import assess

STRAIN = "muscle_strain"
ACHE = "pregnancy_lumbar_pain"


def first(engine, weeks, present, absent=(), **numbers):
    a, most_probable = assess(engine, weeks, present, absent, **numbers)
    assert a.ranked[0] == most_probable  # no reordering here
    return a


@pytest.mark.parametrize(
    ("weeks", "present", "numbers"),
    [
        # a fall, then a dull low ache and nothing else said
        (12, ["recent_trauma", "pain_lower_back_central", "pain_dull_aching"],
         {"pain_severity": 3}),
        (22, ["recent_trauma", "pain_lower_back_central", "lumbar_tenderness"],
         {"pain_severity": 4}),
        (33, ["recent_trauma", "pain_lower_back_central", "pain_dull_aching"],
         {"pain_severity": 2}),
        (36, ["recent_trauma", "pain_lower_back_central", "pain_dull_aching"],
         {"pain_severity": 1}),
        # a lift or a sudden twinge, sore to press, worse moving
        (28, ["heavy_lifting_or_strain", "pain_onset_sudden", "lumbar_tenderness",
              "pain_lower_back_central"], {}),
        (16, ["pain_onset_sudden", "pain_worse_with_movement", "lumbar_tenderness",
              "pain_sharp", "pain_lower_back_central"], {}),
    ],
)
def test_a_mechanical_event_and_a_sore_back_is_a_strain(engine, weeks, present, numbers):
    absent = ["contractions_regular", "vaginal_bleeding"]
    a = first(engine, weeks, present, absent, **numbers)
    assert a.ranked[0] == STRAIN


@pytest.mark.parametrize(
    ("weeks", "present", "numbers"),
    [
        # the near neighbours: the same aches without the event
        (24, ["pain_lower_back_central", "pain_dull_aching", "pain_worse_standing_sitting_long",
              "pain_relieved_by_rest"], {}),
        (32, ["pain_lower_back_central", "pain_dull_aching", "pain_duration_over_2_weeks",
              "pain_worse_standing_sitting_long"], {}),
        (18, ["pain_lower_back_central", "pain_dull_aching", "pain_relieved_by_rest"],
         {"pain_severity": 3}),
        (12, ["pain_lower_back_central", "pain_dull_aching", "prolonged_sitting_or_standing",
              "pain_worse_standing_sitting_long"], {"pain_severity": 3}),
    ],
)
def test_a_gradual_postural_ache_is_the_ordinary_ache(engine, weeks, present, numbers):
    a = first(engine, weeks, present, ["contractions_irregular"], **numbers)
    assert a.ranked[0] == ACHE


def test_a_fall_counts_for_the_strain_by_the_packs_numbers(pack):
    # the fall's likelihood ratio, strain against the ordinary ache, is at least the
    # ratio of their priors in every trimester: a fall with nothing else known tips
    # a central ache towards the strain
    like = pack.likelihoods
    strain = like[STRAIN]["recent_trauma"].by_trimester()
    ache = like[ACHE]["recent_trauma"].by_trimester()
    priors = (pack.conditions[STRAIN].prior.values(), pack.conditions[ACHE].prior.values())
    for t in range(3):
        assert strain[t] / ache[t] > priors[1][t] / priors[0][t]


def test_the_falls_level_is_unchanged(engine):
    # from 20 weeks a fall is the policy's emergency (abruption), whatever the ranking
    a = first(engine, 33, ["recent_trauma", "pain_lower_back_central", "pain_dull_aching"],
              pain_severity=2)
    assert a.triage.level == "emergency"
    a = first(engine, 12, ["recent_trauma", "pain_lower_back_central", "pain_dull_aching"],
              pain_severity=3)
    assert a.triage.level == "self_care"
