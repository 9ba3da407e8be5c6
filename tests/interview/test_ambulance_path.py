"""Before stopping at "go now", the answers that together would make it an ambulance
call through an emergency cause her findings point to strongly are asked
(interview/ambulance.py, ``ambulance_path``).

Structured cases written for these tests (no vignette text): a patient who knows
only what the case lists plays the whole interview, so every other question gets
"don't know". The safety guarantee: an ambulance cause that shows only in several
answers (a dissection told from pre-eclampsia by the pain's story, none of whose
features alone makes it probable enough) is not left behind "go now" when the
emergency was shown by another rule first; near misses (the same pressure with a
low back ache, a headache, a lift) are asked nothing more.
"""

from __future__ import annotations

from typing import Any

import pytest

from gravida.engine import Case
from gravida.evaluation.interview_mode import SimulatedPatient, play, run_questions
from gravida.interview import answer, next_question, start
from gravida.interview.ambulance import (
    _likelihood,
    _sign_likelihood,
    _sign_likes,
    ambulance_path,
)
from gravida.interview.decision import AMBULANCE, EMERGENCY
from gravida.interview.session import _state, plan, selector
from gravida.interview.shortcut import decision

from .conftest import dev_interview_states


def _case(engine: Any, weeks: float, present: list[str], absent: tuple[str, ...] = (),
          **numbers: float) -> Case:
    return Case.from_dict({"gestational_weeks": weeks, **numbers, "present": present,
                           "absent": list(absent)}, engine.pack)


def _path_now(engine: Any, session: Any) -> str | None:
    """``ambulance_path`` on the session's state."""
    sel = selector(engine)
    a = sel.answers(_state(session))
    base = sel.policy.base(a.hyps[0])
    batch = sel.policy.evaluate(a.ev.weeks, a.hyps, base)
    o = sel.openings
    return ambulance_path(sel.params, sel.policy, sel.model, sel.naming,
                          o.emergency_rank, o.ambulance_rank, a.questions, a.entries,
                          batch, a.ev.weeks, a.hyps, base)


# 30 weeks, a sudden 10/10 sharp pain between the shoulder blades going down to the
# low back, 165/105, no lifting: a dissection without the word "tearing". The
# pressure shows the emergency (pre-eclampsia named first); the pain's onset, its
# severity and its character, none of which alone makes the dissection probable
# enough, together make it an ambulance call (as in full mode). Before (main
# 724eb1f): "go now" after the four screens, the pain's story never asked; since the
# clot's screen (main af2382b) asks the onset before the pressure, the interview
# reaches it either way, and her words holding the pressure are the class (below).
DISSECTION = (30.0, ["pain_onset_sudden", "pain_sharp", "pain_upper_back",
                     "pain_lower_back_central"], ("heavy_lifting_or_strain",),
              {"systolic_bp": 165.0, "diastolic_bp": 105.0, "pain_severity": 10.0})

# the three ambulance causes that hide behind an emergency another rule shows first
HIDDEN = {
    "dissection without tearing": DISSECTION,
    # 33 weeks, 165/100 (pre-eclampsia's emergency), a sudden constant 8/10 low back
    # pain, no bleeding: an abruption without bleeding
    "abruption without bleeding": (
        33.0, ["pain_onset_sudden", "pain_constant_unrelieved", "pain_lower_back_central"],
        ("vaginal_bleeding",), {"systolic_bp": 165.0, "diastolic_bp": 100.0,
                                "pain_severity": 8.0}),
    # 38 weeks in labour (its emergency) after a caesarean, a sudden constant 10/10 pain
    "rupture after a caesarean": (
        38.0, ["previous_caesarean", "pain_onset_sudden", "pain_constant_unrelieved",
               "contractions_regular", "pain_lower_abdomen", "pain_lower_back_central"],
        ("vaginal_bleeding",), {"pain_severity": 10.0}),
}


@pytest.mark.parametrize("name", sorted(HIDDEN))
def test_an_ambulance_cause_behind_an_emergency_reaches_the_ambulance(engine, name):
    weeks, present, absent, numbers = HIDDEN[name]
    hidden = _case(engine, weeks, present, absent, **numbers)
    assert engine.triage(hidden).level == AMBULANCE  # full mode
    session, _ = play(engine, hidden)
    assert engine.triage(session.case).level == AMBULANCE
    assert plan(session).stop == AMBULANCE


def test_her_words_with_the_pressure_do_not_stop_at_go_now(engine):
    # her words give the pressure and where the pain is (the emergency shown at once,
    # as in conversation mode); the dissection's onset, severity and character are
    # asked before the emergency step's weaker checks spend its answers. Before:
    # "go now" after the first screen.
    weeks, present, absent, numbers = DISSECTION
    hidden = _case(engine, weeks, present, absent, **numbers)
    said = _case(engine, weeks, ["pain_upper_back", "pain_lower_back_central"],
                 systolic_bp=165.0, diastolic_bp=105.0)
    s = start(engine, said, ["pain_location"])
    assert s.derived.emergency
    s, asked = run_questions(s, SimulatedPatient(engine, hidden))
    assert {"pain_severity", "pain_pattern", "pain_character"} <= set(asked)
    assert engine.triage(s.case).level == AMBULANCE
    assert plan(s).stop == AMBULANCE


def test_the_path_is_the_question_asked_and_the_shortcut_agrees(engine):
    # at "go now" after the screens, the path's first question is asked, and the
    # shortcut (which scores every question at an emergency stop) asks the same
    weeks, present, absent, numbers = DISSECTION
    patient = SimulatedPatient(engine, _case(engine, weeks, present, absent, **numbers))
    initial, groups = patient.initial(engine)
    s = start(engine, initial, groups)
    while "systolic_bp" not in s.case.numbers:
        q = next_question(s)
        assert q is not None
        s = answer(s, q.id, patient.reply(q))
    assert s.derived.emergency
    path_q = _path_now(engine, s)
    assert path_q is not None
    p = plan(s)
    assert (p.question, p.phase) == (path_q, "emergency")
    assert decision(selector(engine), _state(s))[0] == path_q


def test_answers_against_the_cause_end_it_at_go_now(engine):
    # the same woman whose pain came on slowly, is dull and not severe: each "no" to
    # the dissection's features ends the path, and "go now" stands
    weeks, _, _, _ = DISSECTION
    pressure = {"systolic_bp": 165.0, "diastolic_bp": 105.0}
    s = start(engine, _case(engine, weeks, ["pain_upper_back", "pain_lower_back_central"]),
              ["pain_location"])
    replies: dict[str, Any] = {"measurements": pressure, "pain_severity": {"pain_severity": 4.0},
                               "pain_character": ["pain_dull_aching"]}
    asked = []
    for _ in range(30):
        q = next_question(s)
        if q is None:
            break
        asked.append(q.id)
        s = answer(s, q.id, replies.get(q.id, None if q.kind == "number" else False))
    assert "medical_history" in asked[asked.index("measurements") + 1:]  # the path began
    assert plan(s).stop == EMERGENCY
    assert engine.triage(s.case).level == EMERGENCY
    assert _path_now(engine, s) is None


@pytest.mark.parametrize("weeks,present,numbers", [
    # severe hypertension with a low back ache, a headache, or after a lift: nothing
    # points to a dissection or an abruption strongly, so no path is asked
    (33.0, ["pain_lower_back_central", "pain_dull_aching"],
     {"systolic_bp": 164.0, "diastolic_bp": 104.0}),
    (34.0, ["severe_headache", "visual_disturbance", "pain_lower_back_central"],
     {"systolic_bp": 165.0, "diastolic_bp": 110.0}),
    (30.0, ["pain_lower_back_central", "heavy_lifting_or_strain", "pain_worse_with_movement"],
     {"systolic_bp": 162.0, "diastolic_bp": 100.0}),
    # labour near term, and a kidney stone's waves (their own emergencies)
    (38.0, ["contractions_regular", "pain_lower_back_central"], {}),
    (28.0, ["pain_colicky_waves", "pain_flank"], {}),
])
def test_near_misses_ask_no_path(engine, weeks, present, numbers):
    session, _ = play(engine, _case(engine, weeks, present, **numbers))
    assert plan(session).stop == EMERGENCY
    assert _path_now(engine, session) is None


def test_the_kept_likelihoods_are_the_same_numbers(engine):
    # ambulance_path reads each answer's likelihood as Python floats, kept per pack by
    # trimester and columns: bit for bit what _likelihood's numpy products give, for
    # every answer of every state of a third of the dev interviews and of the hidden
    # ambulance causes (numbers' bands setting several findings, members, yes and no)
    sel = selector(engine)
    model = sel.model
    kept: dict[Any, list[float]] = {}
    states = [st for _, st in dev_interview_states(engine, 3)]
    for weeks, present, absent, numbers in HIDDEN.values():
        states.append(_state(start(engine, _case(engine, weeks, present, absent, **numbers),
                                   ["pain_location"])))
    seen = signs = 0
    for st in states:
        a = sel.answers(st)
        for h in a.hyps[1:]:
            for t in range(3):
                got = _sign_likelihood(model, kept, t, a.hyps[0], h)
                want = _likelihood(model, model.p[t], a.hyps[0], h, True)
                seen += 1
                if want is None:
                    assert got is None
                    continue
                signs += 1
                assert got is not None
                assert [x.hex() for x in got] == [float(x).hex() for x in want]
                # read again: from what was kept, the same list
                assert _sign_likelihood(model, kept, t, a.hyps[0], h) == got
    assert signs > 1000 and seen > signs  # answers that report signs, and "no"s
    assert engine.pack.memo(_sign_likes) is engine.pack.memo(_sign_likes)
