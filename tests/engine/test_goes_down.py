"""The policy's "goes down when" column, both ways (triage-policy.md v2).

One row has it: pelvic girdle pain goes down to self-care when pain_severity <= 3
with pain_relieved_by_rest (`pgp_mild_relieved` in triage.yaml). The boundary audit
(test_policy_boundaries.py) checks 3/10 and 4/10 eased by rest, and 3/10 not eased;
here: each half unknown (an unknown finding never satisfies a row, so the level
stays up), and the lowering never takes a level below a floor or another condition.
"""

from __future__ import annotations

import pytest

PGP = ["pain_sacrum_buttock", "pain_worse_weight_bearing_one_leg", "pain_pubic_symphysis"]


def level(engine, weeks, present, absent=(), **numbers):
    data = {"gestational_weeks": weeks, "present": list(present), "absent": list(absent),
            **numbers}
    r = engine.assess(data, explain=False)
    return r.ranked[0], r.triage.level


def test_mild_and_eased_by_rest_goes_down_to_self_care(engine):
    assert level(engine, 30, [*PGP, "pain_relieved_by_rest"], pain_severity=3) == (
        "pelvic_girdle_pain", "self_care")


@pytest.mark.parametrize(("present", "numbers"), [
    (PGP, {"pain_severity": 3}),                              # rest not asked
    ([*PGP, "pain_relieved_by_rest"], {}),                    # severity not given
])
def test_either_half_unknown_keeps_the_physiotherapy_referral(engine, present, numbers):
    assert level(engine, 30, present, **numbers) == ("pelvic_girdle_pain", "consultation")


@pytest.mark.parametrize(("extra", "floor"), [
    (["fever"], "consultation_24"),                           # fever (any other case)
    (["leg_weakness"], "consultation_24"),                    # weakness in one leg
    (["reduced_fetal_movements"], "emergency"),               # from 24 weeks
])
def test_going_down_never_goes_below_a_floor(engine, extra, floor):
    _, got = level(engine, 30, [*PGP, "pain_relieved_by_rest", *extra], pain_severity=3)
    assert engine.pack.level_rank(got) >= engine.pack.level_rank(floor)
