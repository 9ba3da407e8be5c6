"""A fever with central back pain and a risk of spinal infection names the spine first.

Session 11 (docs/model.md, "A spinal infection beside a kidney infection"): the
policy makes both an emergency, and on the priors the kidney stays likelier when
nothing is said of the loins or the urine; the floor row for a fever with spinal
infection signs names the spine first even beside a kidney infection leading at
the same level (``before_same_level``, davis-2004), unless the kidney explains the
sign as well or the rest of her findings are strong evidence for it. Cases are
findings only, not tied to any vignette.
"""

from __future__ import annotations

import pytest


def case(weeks, present=(), absent=(), **numbers):
    return {"gestational_weeks": weeks, "present": list(present), "absent": list(absent),
            **numbers}


@pytest.mark.parametrize("weeks", [10, 20, 30, 38])
@pytest.mark.parametrize("risk", ["recent_spinal_procedure", "immunosuppressed_or_iv_drug_use"])
@pytest.mark.parametrize("more", [[], ["lumbar_tenderness"], ["feeling_very_unwell"],
                                  ["pain_severe"]])
def test_fever_central_pain_and_a_spinal_risk_name_the_spine(engine, weeks, risk, more):
    numbers = {"pain_severity": 8} if more == ["pain_severe"] else {}
    extra = [] if more == ["pain_severe"] else more
    a = engine.assess(case(weeks, ["fever", "pain_lower_back_central", risk, *extra],
                           **numbers), explain=False)
    assert a.triage.level in ("emergency", "emergency_ambulance")
    assert a.ranked[0] == "spinal_infection"
    # first by its posterior (weakened immunity early on), or as the working diagnosis,
    # whose probability shown is the honest posterior
    if a.working is not None:
        assert a.working.rule == "fever_with_spinal_infection_signs"
        probs = {c.id: c.probability for c in a.conditions}
        assert a.working.probability == pytest.approx(probs["spinal_infection"])


@pytest.mark.parametrize("risk", ["recent_spinal_procedure", "immunosuppressed_or_iv_drug_use"])
@pytest.mark.parametrize(
    "kidney",
    [
        ["pain_flank", "painful_urination"],
        ["pain_flank", "kidney_tender_on_tapping"],
        ["pain_flank", "painful_urination", "urinary_frequency_urgency", "cloudy_urine"],
        ["chills_rigors"],  # the policy's loin sign names the kidney at the same level
    ],
)
def test_a_kidney_infection_with_its_own_signs_keeps_its_place(engine, risk, kidney):
    a = engine.assess(case(30, ["fever", "pain_lower_back_central", risk, *kidney]),
                      explain=False)
    assert a.triage.level in ("emergency", "emergency_ambulance")
    assert a.ranked[0] == "pyelonephritis"
    assert a.working is None


@pytest.mark.parametrize("present", [
    ["fever", "pain_lower_back_central"],            # no spinal risk: the kidney
    ["fever", "pain_flank"],
    ["fever", "pain_lower_back_central", "pain_dull_aching", "pain_relieved_by_rest"],
])
def test_without_a_spinal_risk_or_sign_the_kidney_leads(engine, present):
    a = engine.assess(case(30, present), explain=False)
    assert a.ranked[0] != "spinal_infection"


def test_the_order_does_not_change_the_triage(engine, pack):
    from dataclasses import replace

    from gravida.engine.assess import Engine

    data = case(30, ["fever", "pain_lower_back_central", "recent_spinal_procedure"])
    floors = tuple(replace(f, rule=f.rule.model_copy(update={"before_same_level": False,
                                                             "before_same_level_src": None}))
                   for f in pack.floors)
    without = Engine(replace(pack, floors=floors)).assess(data, explain=False)
    with_ = engine.assess(data, explain=False)
    assert without.ranked[0] == "pyelonephritis"  # the posterior's own order
    assert with_.ranked[0] == "spinal_infection"
    assert with_.triage.level == without.triage.level
    assert with_.ranked[1:] == [c for c in without.ranked if c != "spinal_infection"]
