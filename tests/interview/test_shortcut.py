"""shortcut.decision: the plan's decision, scoring only the questions it reads.

It rests on one property, tested here exactly (not to a tolerance): a question's
figures are its own. A hypothesis's posterior and level, and an answer's
probability, are the same numbers whichever other hypotheses or questions are
scored with them. Then the decision itself is compared with the full plan's.
"""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gravida.engine import Case
from gravida.engine.model import trimester
from gravida.interview.decision import State
from gravida.interview.lookahead import answer_probabilities
from gravida.interview.session import selector
from gravida.interview.shortcut import decision

from ..strategies import cases as any_case
from .conftest import dev_cases, dev_interview_states

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _state(case: Case) -> State:
    return State(case, frozenset(), frozenset(), 0, False)


@SETTINGS
@given(any_case(max_findings=12))
def test_a_hypothesis_scores_the_same_whatever_is_scored_with_it(engine, case):
    sel = selector(engine)
    a = sel.answers(_state(case))
    full = sel.policy.evaluate(a.ev.weeks, a.hyps)
    rng = random.Random(len(a.hyps))
    some = sorted(rng.sample(range(1, len(a.hyps)), min(5, len(a.hyps) - 1)))
    part = sel.policy.evaluate(a.ev.weeks, [a.hyps[0], *(a.hyps[k] for k in some)])
    rows = [0, *some]
    assert np.array_equal(part.posterior, full.posterior[rows])
    assert np.array_equal(part.level, full.level[rows])
    alone = sel.policy.evaluate(a.ev.weeks, a.hyps[:1])
    assert np.array_equal(alone.posterior[0], full.posterior[0])


@SETTINGS
@given(any_case(max_findings=12))
def test_an_answer_is_priced_the_same_whatever_is_priced_with_it(engine, case):
    sel = selector(engine)
    a = sel.answers(_state(case))
    if not a.questions:
        return
    post0 = sel.policy.evaluate(a.ev.weeks, a.hyps[:1]).posterior[0]
    p_t = engine.model.p[trimester(a.ev.weeks)]
    full = answer_probabilities(engine.model, sel.implies, a.questions, a.entries, a.hyps,
                                post0, p_t, a.ev)
    rng = random.Random(len(a.entries))
    some = sorted(rng.sample(range(len(a.questions)), min(3, len(a.questions))))
    rows = [n for n, e in enumerate(a.entries) if e[0] in some]
    entries = [(some.index(a.entries[n][0]), *a.entries[n][1:]) for n in rows]
    part = answer_probabilities(engine.model, sel.implies, [a.questions[i] for i in some],
                                entries, a.hyps, post0, p_t, a.ev)
    assert np.array_equal(part, full[rows])


@SETTINGS
@given(any_case(max_findings=12), st.randoms(use_true_random=False))
def test_hypotheses_built_later_are_those_built_at_once(engine, case, rng):
    """``answers(later=True)`` lists the same answers and builds each hypothesis, in
    whatever order they are asked for, as ``answers`` builds it at once."""
    sel = selector(engine)
    now = sel.answers(_state(case))
    later = sel.answers(_state(case), later=True)
    assert later.entries == now.entries and later.questions == now.questions
    assert len(later.hyps) == len(now.hyps) and later.hyps[0] == now.hyps[0]
    waiting = sorted(later.later or {})
    assert all(later.hyps[k] != now.hyps[k] for k in waiting)  # not built yet
    some = rng.sample(waiting, len(waiting) // 2)
    sel.build(later, _state(case), some)
    assert all(later.hyps[k] == now.hyps[k] for k in some)
    sel.build(later, _state(case))
    assert later.later == {} or later.later is None
    assert later.hyps == now.hyps


@SETTINGS
@given(any_case(max_findings=12))
def test_the_decision_is_the_plans_at_the_start(engine, case):
    sel = selector(engine)
    p = sel.plan(_state(case))
    assert decision(sel, _state(case)) == (p.question, p.stop, p.phase)


def test_the_decision_is_the_plans_at_every_state_of_dev_interviews(engine):
    """Every state an interview passes through (the patient answers as her case
    says), every step of the decision reached."""
    sel = selector(engine)
    phases = set()
    for case_id, state in dev_interview_states(engine, 2):
        p = sel.plan(state)
        assert decision(sel, state) == (p.question, p.stop, p.phase), case_id
        phases.add(p.phase or p.stop)
        scored = {s.question: s for s in p.scored}
        if p.phase == "emergency" and p.question in scored and scored[p.question].screening:
            phases.add("emergency, screening for an ambulance")
        if p.phase == "danger" and p.question not in scored:
            phases.add("danger, a list member asked again")
    if dev_cases():
        assert {"screening", "danger", "emergency", "emergency, screening for an ambulance",
                "danger, a list member asked again"} <= phases


def test_the_decision_is_the_plans_after_an_emergency_whatever_its_checks(engine):
    """After an emergency was shown, the checks of a level the differential set end
    after ``emergency_checks`` answers (a differential's ambulance then stops with
    nothing scored): the decision is the plan's at every count of answers since."""
    sel = selector(engine)
    checks = sel.params.emergency_checks
    stops = set()
    for case_id, state in dev_interview_states(engine, 2):
        if not state.emergency:
            continue
        for after in (0, checks - 1, checks, checks + 3):
            s = replace(state, after_emergency=after)
            p = sel.plan(s)
            assert decision(sel, s) == (p.question, p.stop, p.phase), (case_id, after)
            stops.add((after >= checks, p.stop))
    if dev_cases():
        assert (True, "emergency_ambulance") in stops
