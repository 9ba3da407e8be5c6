"""Before stopping at "go now": an answer that completes a rule naming another
emergency cause first, where that answer separates the two (leader.naming_question).
Structured states written for these tests (no vignette text)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from gravida.engine import Case
from gravida.engine.model import softmax, trimester
from gravida.evaluation.interview_mode import SimulatedPatient
from gravida.interview import answer, next_question, start
from gravida.interview.session import _state, selector

# a fever of 38.4 with central low back pain at 20 weeks, nothing else said: an
# emergency shown at the fever, a kidney infection named first
CENTRAL = {"gestational_weeks": 20, "temperature_c": 38.4,
           "present": ["pain_lower_back_central", "fever"]}
# the same with the kidney's own signs: loin pain and burning
KIDNEY = {**CENTRAL, "present": [*CENTRAL["present"], "pain_flank", "painful_urination"]}
# the same with pain low in the belly too, at 26 weeks
LOWER = {**CENTRAL, "gestational_weeks": 26,
         "present": [*CENTRAL["present"], "pain_lower_abdomen"]}
SPINE = "spinal_infection"


def _session(engine, case):
    # the screens she could not answer, then only what the stop rule itself reads
    s = start(engine, case, ["pain_location"])
    return answer(answer(s, "urgent_signs", None), "measurements", None)


def _at_the_stop(engine, case):
    """The plan once the leader's answers and the checks of the level are over."""
    s = _session(engine, case)
    sel = selector(engine)
    while True:
        p = sel.plan(replace(_state(s), after_emergency=sel.params.emergency_checks))
        if p.phase != "danger":
            return s, p
        s = answer(s, p.question, None)  # a list member asked again (Reopening.recheck)


def _yeses(engine, qid):
    """Each "yes" a question can get: itself, or each member of a list alone."""
    spec = selector(engine).catalogue.questions[qid]
    return [[f] for f in spec.findings] if spec.kind == "group" else [True]


def _named_after(engine, s, qid, reply):
    a = engine.assess(answer(s, qid, reply).case)
    return a.ranked[0], a.triage.level


def test_before_go_now_stops_an_answer_naming_the_spine_is_asked(engine):
    a = engine.assess(Case.from_dict(CENTRAL, engine.pack))
    assert a.triage.level == "emergency" and a.ranked[0] == "pyelonephritis"
    s, p = _at_the_stop(engine, CENTRAL)
    assert p.question is not None and p.phase == "emergency" and p.stop is None
    # one of its answers names the spine first, the level unchanged ("go now" stands)
    after = [_named_after(engine, s, p.question, r) for r in _yeses(engine, p.question)]
    assert (SPINE, "emergency") in after
    assert all(level == "emergency" for _, level in after)


def test_with_the_kidneys_own_signs_it_stops(engine):
    # loin pain and burning are strong evidence for the kidney: nothing separates them
    _, p = _at_the_stop(engine, KIDNEY)
    assert p.question is None and p.stop == "emergency"


def test_where_her_findings_point_elsewhere_only_an_answer_that_separates_is_asked(engine):
    """With pain low in the belly the spine is no longer pointed to as much as the
    kidney; pain that never eases would still complete the rule and name the spine,
    but it is as likely with the kidney, so it is not what is asked: a risk factor is
    (strong evidence for the spine against the kidney)."""
    s, p = _at_the_stop(engine, LOWER)
    model = engine.model
    ev = model.evidence(s.case)
    post, prior = model.posterior(ev), softmax(model.log_prior(ev.weeks))
    first, spine = (model.conditions.index(c) for c in (engine.assess(s.case).ranked[0], SPINE))
    assert post[spine] / prior[spine] < post[first] / prior[first]
    # constant pain would name the spine, and its question is open
    assert _named_after(engine, s, "pain_pattern", ["pain_constant_unrelieved"])[0] == SPINE
    assert p.question is not None and p.question != "pain_pattern"
    naming = [r[0] for r in _yeses(engine, p.question)
              if _named_after(engine, s, p.question, r)[0] == SPINE]
    assert naming
    p_t = model.p[trimester(ev.weeks)]
    for f in naming:
        j = model.index[f]
        assert p_t[model.conditions.index(SPINE), j] >= (
            engine.pack.working_strong_evidence * p_t[first, j])


def test_played_to_the_end_each_such_question_is_asked_once(engine):
    def play(truth):
        s = start(engine, CENTRAL, ["pain_location"])
        patient = SimulatedPatient(engine, Case.from_dict(truth, engine.pack))
        asked = []
        while (q := next_question(s)) is not None:
            asked.append(q.id)
            s = answer(s, q.id, patient.reply(q))
        return asked, engine.assess(s.case)

    # after a recent epidural, which she would say if asked: the spine is named
    asked, a = play({**CENTRAL, "present": [*CENTRAL["present"], "recent_spinal_procedure"]})
    assert a.ranked[0] == SPINE and a.triage.level == "emergency"
    # "don't know" to everything: every question once, then "go now" naming the kidney
    asked, a = play(CENTRAL)
    assert len(asked) == len(set(asked))
    assert a.ranked[0] == "pyelonephritis" and a.triage.level == "emergency"
    # the pain's pattern and the spine's risk factors, wherever the pack lists them
    # (since session 12 on the back-warning screen)
    risks = {"recent_spinal_procedure", "immunosuppressed_or_iv_drug_use"}
    holders = {qid for qid, spec in selector(engine).catalogue.questions.items()
               if risks & set(spec.findings)}
    assert "pain_pattern" in asked and holders & set(asked)


# a fever of 38.2 with low back and lower belly pain at 17 weeks: a kidney infection
# named, the infection around the baby and a pelvic infection close behind
THREE = {"gestational_weeks": 17, "temperature_c": 38.2,
         "present": ["pain_lower_back_central", "pain_lower_abdomen", "fever"]}


def _play(engine, start_case, truth):
    s = start(engine, start_case, ["pain_location"])
    patient = SimulatedPatient(engine, Case.from_dict(truth, engine.pack))
    asked = []
    while (q := next_question(s)) is not None:
        asked.append((q.id, q.purpose))
        s = answer(s, q.id, patient.reply(q))
    return s, asked, engine.assess(s.case)


def test_a_close_cause_her_findings_point_to_is_asked_about_with_a_separating_answer(engine):
    with_ = {**THREE, "present": [*THREE["present"], "discharge_infected"]}
    _, asked, a = _play(engine, THREE, with_)
    assert a.ranked[0] == "pelvic_infection" and a.triage.level == "emergency"
    assert ("discharge", "emergency") in asked
    # she cannot say: every such question once, then "go now" naming the kidney
    _, asked, a = _play(engine, THREE, THREE)
    assert a.ranked[0] == "pyelonephritis" and a.triage.level == "emergency"
    ids = [q for q, _ in asked]
    assert len(ids) == len(set(ids)) and "discharge" in ids


def test_the_differentials_answer_is_strong_evidence_her_findings_already_point_to(engine):
    """Where no rule names the other cause, the answer that names it must be strong
    evidence for it against the cause named first, her findings must point to it at
    least as much, and such answers must be plausible together."""
    _, asked, _ = _play(engine, THREE, THREE)
    i = [q for q, _ in asked].index("discharge")
    s = start(engine, THREE, ["pain_location"])
    for qid, _ in asked[:i]:
        s = answer(s, qid, None)
    sel = selector(engine)
    p = sel.plan(_state(s))
    assert p.question == "discharge" and p.phase == "emergency"
    model = engine.model
    ev = model.evidence(s.case)
    post, prior = model.posterior(ev), softmax(model.log_prior(ev.weeks))
    first = engine.assess(s.case).ranked[0]
    pelvic, f = (model.conditions.index(c) for c in ("pelvic_infection", first))
    assert _named_after(engine, s, "discharge", ["discharge_infected"]) == (
        "pelvic_infection", "emergency")
    assert post[pelvic] / prior[pelvic] >= post[f] / prior[f]
    p_t = model.p[trimester(ev.weeks)]
    j = model.index["discharge_infected"]
    assert p_t[pelvic, j] >= engine.pack.working_strong_evidence * p_t[f, j]
    scored = next(x for x in p.scored if x.question == "discharge")
    naming = [o for o in scored.outcomes if o.answer == ("discharge_infected",)]
    assert naming and naming[0].probability >= sel.params.plausible_answer


def test_the_rules_read_again_and_the_condition_named_are_those_read_whole(engine):
    # Naming.reasons_after reads again only the naming rules an answer touches, and
    # Naming.names reads a working diagnosis only where a rule that holds names the
    # condition or it leads: over every answer of every state of the dev interviews
    # (and the structured states above, where rules name the spine and the kidney),
    # the same reasons, in the same order, as reading every rule, and per condition
    # the same rows as reading each row's first condition
    from .conftest import dev_interview_states

    sel = selector(engine)
    naming, policy = sel.naming, sel.policy
    states = [st for _, st in dev_interview_states(engine, 2)]
    for case in (CENTRAL, KIDNEY, LOWER):
        states.append(_state(_session(engine, case)))
    touched = held_now = 0
    for st in states:
        a = sel.answers(st)
        now = naming.reasons(a.hyps[0])
        held_now += bool(now)
        for h in a.hyps[1:]:
            got, want = naming.reasons_after(h, now), naming.reasons(h)
            assert [(r.id, r.level, r.says) for r in got] == [
                (r.id, r.level, r.says) for r in want]
            touched += h.changed is not None and bool(naming.touching(h.changed))
        batch = policy.evaluate(a.ev.weeks, a.hyps)
        rows = np.arange(len(a.hyps))
        firsts = [naming.first(a.ev.weeks, h, batch.posterior[k]) for k, h in enumerate(a.hyps)]
        seen: dict[int, int] = {}
        for c in range(len(sel.model.conditions)):
            named = naming.names(c, a.ev.weeks, a.hyps, rows, batch.posterior, seen)
            assert named.tolist() == [f == c for f in firsts]
    assert touched > 100 and held_now > 5
