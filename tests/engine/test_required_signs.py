"""A condition's required signs (triage.yaml `requires`): labour at term.

Labour's emergency is for labour that may have started, recognised by its signs
(contractions, the show, the waters). While none of them is known present, labour
that does not lead asks for no level of its own; labour that leads keeps its
emergency. Cases are findings only, not tied to any vignette.
"""

from __future__ import annotations

import pytest

from .test_pack_own_floors import case, triage

ACHE = ["pain_lower_back_central", "pain_dull_aching"]
SIGNS = ["contractions_regular", "pain_rhythmic_cramping", "fluid_leak", "discharge_change",
         "vaginal_bleeding"]


def _labour(engine, data):
    r = engine.assess(data, explain=False)
    return r, dict((c.id, c.probability) for c in r.conditions)


@pytest.mark.parametrize("weeks", [37, 38, 40])
def test_labour_behind_practice_tightenings_without_a_sign_is_not_an_emergency(engine, weeks):
    # an ordinary ache with irregular tightenings at term: Braxton Hicks leads, labour
    # is probable (15% or more) but none of its signs is known
    data = case(weeks, [*ACHE, "contractions_irregular"], pain_severity=5)
    r, post = _labour(engine, data)
    assert r.ranked[0] != "labour"
    assert post["labour"] >= engine.pack.thresholds["emergency"]
    assert r.triage.level == "self_care"
    assert "labour" not in {x.condition for x in r.triage.reasons}


@pytest.mark.parametrize("sign", SIGNS)
def test_any_sign_of_labour_makes_it_count_again(engine, sign):
    t = triage(engine, case(38, [*ACHE, "contractions_irregular", sign], pain_severity=5))
    assert t.level in ("emergency", "emergency_ambulance")


def test_labour_that_leads_keeps_its_emergency_without_a_sign(engine):
    # pressure low down at term with a back ache: labour leads with no sign known
    r = engine.assess(case(38, ["pain_lower_back_central", "pelvic_pressure",
                                "pain_worsening_over_hours"], pain_severity=6), explain=False)
    assert r.ranked[0] == "labour"
    assert r.triage.level == "emergency"


def test_signs_denied_leave_labour_improbable(engine):
    absent = ["contractions_regular", "fluid_leak"]
    t = triage(engine, case(38, ACHE, absent, pain_severity=5))
    assert t.level == "self_care"
