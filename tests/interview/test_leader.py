"""After "go now": a question that names which of two close emergency causes leads
(interview/leader.py). Structured states written for these tests (no vignette text)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import HealthCheck, given, settings

from gravida.engine import Case, Evidence
from gravida.engine.model import leaders
from gravida.evaluation.interview_mode import SimulatedPatient
from gravida.interview import answer, answered_by_text, next_question, start
from gravida.interview import select as select_module
from gravida.interview.ambulance import ambulance_question
from gravida.interview.decision import State
from gravida.interview.session import _state, catalogue, plan, selector

from ..strategies import cases as any_case

# a fever with shaking chills, low back and lower belly pain at 31 weeks: an emergency
# shown at once, a kidney infection and an infection around the baby both close
FEVER = {"gestational_weeks": 31, "temperature_c": 38.5, "heart_rate": 100,
         "systolic_bp": 118, "diastolic_bp": 72,
         "present": ["pain_lower_back_central", "pain_lower_abdomen", "fever", "chills_rigors"],
         "absent": ["faint_or_dizzy", "shortness_of_breath", "vaginal_bleeding", "pain_tearing",
                    "coughing_blood"]}


def _run(engine, truth):
    s = start(engine, Case.from_dict(FEVER, engine.pack), answered_by_text(engine, FEVER))
    patient = SimulatedPatient(engine, Case.from_dict(truth, engine.pack))
    steps = []
    for _ in range(10):
        p = plan(s)
        q = next_question(s)
        if q is None:
            return s, steps, p.stop
        steps.append((q.id, p.phase))
        s = answer(s, q.id, patient.reply(q))
    raise AssertionError("did not stop")


def test_one_answer_that_separates_two_emergency_causes_is_asked_after_go_now(engine):
    before = engine.assess(Case.from_dict(FEVER, engine.pack))
    assert before.triage.level == "emergency"
    assert before.ranked[:2] == ["pyelonephritis", "chorioamnionitis"]
    truth = {**FEVER, "present": [*FEVER["present"], "fluid_leak"]}
    s, steps, stop = _run(engine, truth)
    assert stop == "emergency"
    # announced like the emergency's other questions, and it names the leader
    assert steps and all(phase == "emergency" for _, phase in steps)
    assert engine.assess(s.case).ranked[0] == "chorioamnionitis"


def test_at_most_leader_questions_answers_after_go_now(engine, monkeypatch):
    cap = catalogue(engine).params.leader_questions
    assert 1 <= cap <= 2
    # the leader step alone: the step before "go now" (test_naming.py) is not this one's
    monkeypatch.setattr(select_module, "naming_question", lambda *args: None)
    s, steps, stop = _run(engine, FEVER)  # she cannot say: "don't know" to everything
    assert stop == "emergency"
    assert len(steps) <= cap
    # past the cap, the same state stops
    state = _state(s)
    assert selector(engine).plan(replace(state, after_emergency=cap)).stop == "emergency"


def test_no_leader_question_before_an_emergency_is_shown(engine):
    calm = {"gestational_weeks": 31, "present": ["pain_lower_back_central"]}
    s = start(engine, Case.from_dict(calm, engine.pack), answered_by_text(engine, calm))
    assert _state(s).after_emergency == 0
    assert plan(s).phase != "emergency"


def test_the_checks_of_a_level_the_differential_set_end_after_emergency_checks(engine):
    """Back pain and bleeding at 30 weeks: the rule says emergency, an abruption
    made probable says ambulance; the ambulance is shown and checked with what
    could lower it, for at most ``emergency_checks`` answers; then it stays."""
    bleeding = {"gestational_weeks": 30, "present": ["pain_lower_back_central", "vaginal_bleeding"]}
    s = start(engine, Case.from_dict(bleeding, engine.pack), ["pain_location"])
    state = _state(s)
    sel = selector(engine)
    p = sel.plan(state)
    assert p.level == "emergency_ambulance" and p.phase == "emergency"
    assert p.question is not None  # a check: could it be lower?
    cap = catalogue(engine).params.emergency_checks
    assert 1 <= cap < catalogue(engine).params.max_questions
    late = sel.plan(replace(state, after_emergency=cap))
    assert late.question is None and late.stop == "emergency_ambulance"



# upper belly and upper back pain at 30 weeks, nothing else said: the upper belly
# floor shows an emergency and its rule names pre-eclampsia first (the working
# diagnosis: "rule it out first"), though gallstones, below the emergency line, are
# more probable; pancreatitis is the other emergency cause
UPPER = {"gestational_weeks": 30, "present": ["pain_upper_abdomen", "pain_upper_back"]}


def test_the_leader_step_separates_the_cause_named_first_from_the_other_emergency(engine):
    a = engine.assess(Case.from_dict(UPPER, engine.pack))
    assert a.triage.level == "emergency"
    assert a.working is not None and a.ranked[0] == a.working.condition
    by_probability = [c.id for c in sorted(a.conditions, key=lambda c: -c.probability)]
    assert by_probability[0] != a.ranked[0]  # the likeliest is not named first
    s = start(engine, Case.from_dict(UPPER, engine.pack), ["pain_location"])
    q = next_question(s)
    assert q is not None and q.purpose == "emergency"  # the screen, after "go now"
    s = answer(s, q.id, None)
    q = next_question(s)
    # the posterior's top two are not both emergency causes, yet one more question
    # is asked: one answer to it would name the other emergency cause first
    assert q is not None and q.purpose == "emergency"
    firsts = {engine.assess(answer(s, q.id, [o.finding]).case).ranked[0] for o in q.options}
    assert "pancreatitis" in firsts
    s = answer(s, q.id, None)
    # then no other leader's question: only the dissection's path (upper back and upper
    # belly pain point strongly to it; a connective tissue disorder would make it an
    # ambulance call: ambulance.ambulance_path), and "go now" stands
    q = next_question(s)
    assert q is not None and q.id == "medical_history"
    assert next_question(answer(s, q.id, None)) is None


def _upper_after_screen(engine):
    """UPPER after "don't know" to the first screen: the selector, every answer of
    every open question, and their batch."""
    sel = selector(engine)
    s = answer(start(engine, Case.from_dict(UPPER, engine.pack), ["pain_location"]),
               "urgent_signs", None)
    a = sel.answers(_state(s))
    return sel, a, sel.policy.evaluate(a.ev.weeks, a.hyps)


def test_naming_lists_first_what_the_engine_lists_first_after_each_answer(engine):
    """leader.Naming reads the working diagnosis per hypothetical answer; after every
    possible answer of every open question it names the condition that the engine's
    assessment of that evidence lists first."""
    from gravida.engine.model import Evidence, leaders

    sel, a, batch = _upper_after_screen(engine)
    conds = engine.model.conditions
    checked = set()
    for _, _, k, _ in a.entries:
        if k in checked:
            continue
        checked.add(k)
        h = a.hyps[k]
        ev = Evidence(a.ev.weeks, h.present, h.absent, h.numbers, ())
        post = engine.model.posterior(ev)
        triage = engine.triager.decide(ev, post)
        working = engine.diagnoser.choose(ev, post, triage)
        expected = working.condition if working else conds[int(leaders(post))]
        assert conds[sel.naming.first(a.ev.weeks, h, batch.posterior[k])] == expected
    assert len(checked) > 20
    # names() agrees with first() on every row, for the cause named first and another
    rows = np.array(sorted(checked), dtype=np.int64)
    for c in {sel.naming.first(a.ev.weeks, a.hyps[0], batch.posterior[0]),
              conds.index("pancreatitis")}:
        got = sel.naming.names(c, a.ev.weeks, a.hyps, rows, batch.posterior)
        want = [sel.naming.first(a.ev.weeks, a.hyps[k], batch.posterior[k]) == c for k in rows]
        assert got.tolist() == want


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_case(max_findings=12))
def test_naming_reads_only_the_rules_that_name_conditions(engine, case):
    # the condition listed first after each hypothetical answer of a state: from the
    # floor rules that name conditions alone, as from every floor rule that holds
    sel = selector(engine)
    a = sel.answers(State(case, frozenset(), frozenset(), 0, False))
    posts = sel.policy.evaluate(a.ev.weeks, a.hyps).posterior
    for h, post in zip(a.hyps, posts, strict=True):
        ev = Evidence(a.ev.weeks, h.present, h.absent, h.numbers, ())
        working = engine.diagnoser.named(ev, post, engine.triager.rule_reasons(ev))
        want = (engine.model.conditions.index(working.condition) if working is not None
                else int(leaders(post)))
        assert sel.naming.first(a.ev.weeks, h, post) == want


# reduced movements with a low back ache at 34 weeks: the policy's emergency by its
# rule; an abruption, suspected only with one of its own signs, could make it an
# ambulance through the differential (several questions have such a plausible answer)
MOVEMENTS = {"gestational_weeks": 34,
             "present": ["pain_lower_back_central", "reduced_fetal_movements"]}


def _movements(engine):
    s = start(engine, Case.from_dict(MOVEMENTS, engine.pack), ["pain_location"])
    assert engine.assess(s.case).triage.level == "emergency"
    return s


def test_the_search_for_an_ambulance_through_the_differential_ends_after_emergency_checks(
        engine):
    """Once the ambulance-level rules are settled, questions whose plausible answers
    could make it an ambulance through the differential are asked for at most
    ``emergency_checks`` answers since the emergency was shown; then "go now"
    stands and a rarer ambulance is left to the advice, but for an answer strong
    evidence for an ambulance cause her findings point to (interview/ambulance.py),
    asked however late, each once."""
    s = _movements(engine)
    s = answer(answer(s, "urgent_signs", None), "measurements", None)  # the rules' screen
    state = _state(s)
    sel = selector(engine)
    cap = sel.params.emergency_checks
    early = sel.plan(replace(state, after_emergency=0))
    assert early.level == "emergency" and early.phase == "emergency"
    asked = {x.question: x for x in early.scored}[early.question]
    assert not asked.screening  # through the differential, not a rule
    assert asked.raises_danger or asked.p_emergency >= sel.params.plausible_answer
    for n in range(12):  # only the ambulance cause's questions, each "don't know"
        late = sel.plan(replace(_state(s), after_emergency=cap + n))
        if late.question is None:
            break
        assert late.question == _ambulance_cause(sel, _state(s))
        s = answer(s, late.question, None)
    assert late.question is None and late.stop == "emergency"


def _ambulance_cause(sel, state):
    """interview/ambulance.py's question for ``state``."""
    a = sel.answers(state)
    o = sel.openings
    return ambulance_question(sel.params, sel.policy, sel.model, sel.naming,
                              o.emergency_rank, o.ambulance_rank, a.questions, a.entries,
                              sel.policy.evaluate(a.ev.weeks, a.hyps), a.ev.weeks, a.hyps)


def test_an_ambulance_rule_still_open_is_asked_after_emergency_checks(engine):
    """The cap ends only what the differential asks: a danger pattern at the
    ambulance level (a rule: heavy bleeding with faintness, shock) still open is
    asked however many answers were given since the emergency was shown."""
    state = _state(_movements(engine))
    sel = selector(engine)
    late = sel.plan(replace(state, after_emergency=sel.params.emergency_checks + 3))
    assert late.phase == "emergency" and late.question is not None
    asked = {x.question: x for x in late.scored}[late.question]
    assert asked.screening
    assert any(sel.openings.pattern_rank.get(p, -1) >= sel.openings.ambulance_rank
               for p in asked.screening)


# bleeding and faintness at 13 weeks with a low back and lower belly pain: an ambulance
# by its rule, shown at once; the rule names an ectopic pregnancy first (to be ruled
# out first) though a miscarriage is likelier; a miscarriage is an emergency cause, and
# an ambulance one, only with heavy bleeding, which nobody has asked yet
EARLY = {"gestational_weeks": 13,
         "present": ["pain_lower_back_central", "pain_lower_abdomen", "vaginal_bleeding",
                     "faint_or_dizzy"]}


def _replies(q):
    """Every reply a question can get: yes / no / don't know, or each member, none,
    don't know."""
    if q.kind == "yes_no":
        return [True, False, None]
    return [[o.finding] for o in q.options] + [False, None]


def test_after_call_an_ambulance_the_rival_may_be_a_cause_one_answer_makes_an_emergency(
        engine):
    a = engine.assess(Case.from_dict(EARLY, engine.pack))
    assert a.triage.level == "emergency_ambulance"
    assert a.working is not None and a.ranked[0] == a.working.condition
    likeliest = max(a.conditions, key=lambda c: c.probability).id
    assert likeliest != a.ranked[0]
    s = start(engine, Case.from_dict(EARLY, engine.pack), ["pain_location"])
    sel = selector(engine)
    ranks = sel.policy.evaluate(s.case.weeks, sel.answers(_state(s)).hyps[:1]).condition_ranks
    conds = engine.model.conditions
    # the likelier cause is below the emergency line as things stand
    assert ranks[conds.index(likeliest)] < sel.openings.emergency_rank
    q = next_question(s)
    assert q is not None and q.purpose == "emergency"  # announced: she was told first
    after = [engine.assess(answer(s, q.id, r).case) for r in _replies(q)]
    # an answer names the likelier cause first, at an ambulance level of its own
    named = [x for x in after if x.ranked[0] == likeliest]
    assert named
    assert all(x.triage.level == "emergency_ambulance" for x in after)  # the call stands
    # whatever she answers, the likelier cause stays the likelier of the two (the
    # larger of their posteriors cannot rise in expectation): what the answer changes
    # is which one is named first, and that is the question's value
    for x in after:
        p = {c.id: c.probability for c in x.conditions}
        assert p[likeliest] > p[a.ranked[0]]
    ev = engine.model.evidence(next(answer(s, q.id, r).case for r, x in
                                    zip(_replies(q), after, strict=True) if x in named))
    levels = engine.triager.condition_levels(ev)[0]
    assert levels[conds.index(likeliest)].level == "emergency_ambulance"
    # past the leader's answers the same state stops where it was
    cap = sel.params.leader_questions
    late = sel.plan(replace(_state(s), after_emergency=cap))
    assert late.question is None and late.stop == "emergency_ambulance"


def test_the_rival_below_the_line_is_only_the_fallback(engine):
    """Upper belly pain: gallstones are likelier than pancreatitis and a fever of 40
    would name them first at an emergency level, but pancreatitis is an emergency
    cause now and one plausible answer names it: it is the rival."""
    from gravida.engine.model import trimester
    from gravida.interview.leader import _rival
    from gravida.interview.lookahead import answer_probabilities

    sel, a, batch = _upper_after_screen(engine)
    conds = engine.model.conditions
    post0 = batch.posterior[0]
    first = sel.naming.first(a.ev.weeks, a.hyps[0], post0)
    assert post0[conds.index("biliary_disease")] > post0[conds.index("pancreatitis")]
    assert batch.condition_ranks[conds.index("biliary_disease")] < sel.openings.emergency_rank
    qi = np.array([e[0] for e in a.entries], dtype=np.int64)
    rows = np.array([e[2] for e in a.entries], dtype=np.int64)
    prob = answer_probabilities(sel.model, sel.implies, a.questions, a.entries, a.hyps,
                                post0, sel.model.p[trimester(a.ev.weeks)], a.ev)
    likely = prob * np.array([q.answerable for q in a.questions])[qi]
    found = _rival(sel.naming, sel.openings.emergency_rank, first, batch.condition_ranks, qi,
                   likely, len(a.questions), rows, batch.posterior, a.ev.weeks, a.hyps,
                   sel.params.plausible_answer)
    assert found is not None and conds[found[0]] == "pancreatitis"


def test_naming_rank_is_the_engines_condition_level(engine):
    sel = selector(engine)
    conds = engine.model.conditions
    i = conds.index("threatened_miscarriage")
    for present in (EARLY["present"], [*EARLY["present"], "heavy_vaginal_bleeding"]):
        case = Case.from_dict({**EARLY, "present": present}, engine.pack)
        h = sel.answers(State(case, frozenset(), frozenset(), 0, False)).hyps[0]
        want = engine.triager.condition_levels(engine.model.evidence(case))[0][i].level
        assert sel.naming.rank(13, h, i) == engine.pack.level_rank(want)
    assert sel.naming.rank(13, h, i) == sel.openings.ambulance_rank  # heavy bleeding


def test_the_leader_s_question_comes_before_the_checks_of_the_differential_s_level(engine):
    """A fever of 38.5 with a low back ache at 33 weeks: an emergency the differential
    sets (a kidney infection probable), shown at the fever. Its checks (could it be
    lower?) may take every answer after "go now" when she cannot say; the leader's
    question comes first, within its answers, and the checks follow."""
    s = start(engine, {"gestational_weeks": 33, "present": ["pain_lower_back_central"]},
              ["pain_location"])
    s = answer(answer(s, "urgent_signs", ["fever"]), "measurements", {"temperature_c": 38.5})
    state, sel = _state(s), selector(engine)
    assert 0 < state.after_emergency < sel.params.leader_questions
    # past the leader's answers, a check comes next: no rule, nothing it could raise
    late = sel.plan(replace(state, after_emergency=sel.params.leader_questions))
    check = {x.question: x for x in late.scored}[late.question]
    assert late.phase == "emergency" and check.holds_level
    assert not (check.screening or check.raises_danger)
    q = next_question(s)
    assert q is not None and q.purpose == "emergency" and q.id != late.question
    first = engine.assess(s.case).ranked[0]
    assert {engine.assess(answer(s, q.id, r).case).ranked[0] for r in _replies(q)} - {first}
    after = plan(answer(s, q.id, None))  # "don't know": the checks go on
    assert after.phase == "emergency" and {x.question: x for x in after.scored}[
        after.question].holds_level
