"""Whether an answer revealed an emergency (session._reveals_emergency), decided faster.

Without a red flag newly present only a floor rule can reveal one, and that is
read from the floor rules alone; with one, both triages are taken as before.
Checked against the whole computation (both triages, every time) on random
cases and every single answer to them: the same verdict.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gravida.engine import Case, CaseError, Engine
from gravida.interview import session
from gravida.interview.decision import EMERGENCY
from tests.strategies import cases

ENGINE = Engine()
BOOLEANS = sorted(f for f, d in ENGINE.pack.findings.items() if d.kind == "boolean")
RED_FLAGS = sorted(ENGINE.pack.red_flags)


def reference(engine: Engine, before: Case, after: Case) -> bool:
    """The verdict with both triages taken for every answer (the definition)."""
    pack = engine.pack
    t1 = engine.triage(after)
    e_rank = pack.level_rank(EMERGENCY)
    if pack.level_rank(t1.level) < e_rank:
        return False
    t0 = engine.triage(before)
    if session._rule_rank(engine, after, t1) >= max(
            e_rank, session._rule_rank(engine, before, t0) + 1):
        return True
    return pack.level_rank(t1.level) > pack.level_rank(t0.level) and bool(
        (after.present - before.present) & set(pack.red_flags))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.sampled_from(BOOLEANS + RED_FLAGS * 3), st.sampled_from([True, False, None]),
       st.sampled_from(RED_FLAGS), st.booleans())
def test_the_same_verdict_as_both_triages(case, finding, value, flag, flagged_before):
    before = case.with_answer(flag, True) if flagged_before else case
    try:
        before = Case.from_dict(before.to_json(), ENGINE.pack)
        after = Case.from_dict(before.with_answer(finding, value).to_json(), ENGINE.pack)
    except CaseError:
        return  # not a case she could give
    assert session._reveals_emergency(ENGINE, before, after) == reference(
        ENGINE, before, after)


def test_every_single_yes_at_30_weeks_and_a_rule_alone_still_reveals_one():
    """Each finding said "yes" at 30 weeks: the same verdict as the triages, and some
    findings that are not red flags (an emergency floor rule of their own: chest pain,
    coughing blood) are found by the floor rules alone."""
    weeks = Case.from_dict({"gestational_weeks": 30}, ENGINE.pack)
    by_rule_alone = []
    for f in BOOLEANS:
        try:
            after = Case.from_dict(weeks.with_answer(f, True).to_json(), ENGINE.pack)
        except CaseError:
            continue
        verdict = session._reveals_emergency(ENGINE, weeks, after)
        assert verdict == reference(ENGINE, weeks, after), f
        if verdict and f not in RED_FLAGS:
            by_rule_alone.append(f)
    assert "chest_pain" in by_rule_alone
