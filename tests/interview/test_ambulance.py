"""Before stopping at "go now", an answer that would make it an ambulance call through
an emergency cause her findings point to is asked (interview/ambulance.py).

Structured cases written for these tests (no vignette text): a patient who knows
only what the case lists plays the whole interview, so every other question gets
"don't know". The safety guarantee: where her findings point to an ambulance cause
(an abruption, for reduced movements with a back ache), the measurement that would
set the ambulance is asked before the interview stops at "go now", however rarely
the model expects it, and "don't know" ends it at once.
"""

from __future__ import annotations

from gravida.engine import Case
from gravida.evaluation.interview_mode import SimulatedPatient, play
from gravida.interview import answer, next_question, start
from gravida.interview.ambulance import ambulance_question
from gravida.interview.decision import AMBULANCE, EMERGENCY
from gravida.interview.session import _state, catalogue, plan, selector
from gravida.interview.shortcut import decision


def _case(engine, weeks: float, present: list[str], **numbers: float) -> Case:
    return Case.from_dict({"gestational_weeks": weeks, **numbers, "present": present},
                          engine.pack)


def _at_stop(engine, session) -> str | None:
    """``ambulance_question`` on the state where the interview stopped."""
    sel = selector(engine)
    a = sel.answers(_state(session))
    batch = sel.policy.evaluate(a.ev.weeks, a.hyps)
    o = sel.openings
    return ambulance_question(sel.params, sel.policy, sel.model, sel.naming,
                              o.emergency_rank, o.ambulance_rank, a.questions, a.entries,
                              batch, a.ev.weeks, a.hyps)


def test_a_pulse_that_makes_an_abruption_an_ambulance_call_is_asked(engine):
    # reduced movements with a back ache at 26 weeks: an emergency by its rule, an
    # abruption (an ambulance cause) favoured by what she said; a pulse of 135 makes
    # it probable enough for its ambulance. Before: "go now" after ten questions,
    # the measurements never asked (the model priced the pulse by the back ache)
    hidden = _case(engine, 26.0, ["reduced_fetal_movements", "pain_lower_back_central"],
                   heart_rate=135.0)
    assert engine.triage(hidden).level == AMBULANCE
    session, asked = play(engine, hidden)
    assert "measurements" in asked
    assert engine.triage(session.case).level == AMBULANCE
    assert plan(session).stop == AMBULANCE


def test_don_t_know_to_the_measurement_ends_it_at_once(engine):
    # the same without a number she knows: asked once, then "go now" stands
    hidden = _case(engine, 26.0, ["reduced_fetal_movements", "pain_lower_back_central"])
    session, asked = play(engine, hidden)
    assert asked.count("measurements") == 1  # "don't know" is an answer: not again
    assert plan(session).stop == EMERGENCY
    assert engine.triage(session.case).level == EMERGENCY
    assert _at_stop(engine, session) is None


def test_a_low_blood_pressure_is_asked_the_same_way(engine):
    hidden = _case(engine, 26.0, ["reduced_fetal_movements", "pain_lower_back_central"],
                   systolic_bp=85.0)
    session, asked = play(engine, hidden)
    assert "measurements" in asked
    assert engine.triage(session.case).level == AMBULANCE


def test_no_ambulance_cause_her_findings_point_to_asks_nothing(engine):
    # near misses: a kidney stone (colicky waves and loin pain) or labour's regular
    # tightenings near term: an abruption's signs are not asked of them by this rule
    # (her findings do not point to an abruption as much as to the cause named first)
    for weeks, present in ((28.0, ["pain_colicky_waves", "pain_flank"]),
                           (38.0, ["contractions_regular", "pain_lower_back_central"])):
        session, _ = play(engine, _case(engine, weeks, present))
        assert plan(session).stop == EMERGENCY
        assert _at_stop(engine, session) is None


def test_the_shortcut_reaches_the_same_question(engine):
    # the rule lives in the full plan; the shortcut scores every question at an
    # emergency stop, so both decide alike (tests/interview/test_shortcut.py checks
    # many states; this one is the rule's own)
    hidden = _case(engine, 26.0, ["reduced_fetal_movements", "pain_lower_back_central"])
    _, asked = play(engine, hidden)
    i = asked.index("measurements")
    patient = SimulatedPatient(engine, hidden)
    initial, groups = patient.initial(engine)
    s = start(engine, initial, groups)
    for _ in range(i):
        q = next_question(s)
        assert q is not None
        s = answer(s, q.id, patient.reply(q))
    p = plan(s)
    assert p.question == "measurements"
    assert decision(selector(engine), _state(s))[0] == "measurements"
    assert catalogue(engine).questions["measurements"].answerable < 1
