"""The place of an emergency her findings point to is asked, though her words named
another place (Reopening.places_at_risk).

Structured states written for these tests (no vignette text): what her words gave
is the interview's start, the places named there count as answered, and a patient
answers from the whole case. The safety guarantee: where her other findings point
to an emergency whose place she has not named, that place is asked before the
interview settles below an emergency.
"""

from __future__ import annotations

from typing import Any

import pytest

from gravida.engine import Case
from gravida.evaluation.interview_mode import SimulatedPatient, run_questions
from gravida.interview import answered_by_text, result, start
from gravida.interview.session import _state, selector

BACKGROUND_NO = ["vaginal_bleeding", "faint_or_dizzy", "chills_rigors", "contractions_regular",
                 "fluid_leak", "painful_urination", "urinary_frequency_urgency",
                 "blood_in_urine", "cloudy_urine", "saddle_numbness", "leg_weakness"]


def _play(engine, words: dict[str, Any], more: list[str], weeks: float,
          numbers: dict[str, float] | None = None) -> tuple[list[str], str]:
    """Her words first (their places answer "where is the pain"), then a patient who
    also has ``more`` and says no to the common warning signs; the questions asked
    and the level where the interview stops."""
    initial = {"gestational_weeks": weeks, **words, **(numbers or {})}
    truth = Case.from_dict({"gestational_weeks": weeks, **(numbers or {}),
                            "present": [*words["present"], *more],
                            "absent": [f for f in BACKGROUND_NO if f not in words["present"]]},
                           engine.pack)
    s = start(engine, Case.from_dict(initial, engine.pack), answered_by_text(engine, initial))
    s, asked = run_questions(s, SimulatedPatient(engine, truth))
    return asked, result(s).assessment.triage.level


STATES = [
    # right-sided back pain, feeling sick, 37.6 °C at 24 weeks: the right side of
    # the belly is appendicitis's place
    pytest.param({"present": ["pain_lower_back_central", "pain_right_side", "nausea_vomiting"]},
                 ["pain_right_lower_abdomen"], 24, {"temperature_c": 37.6},
                 "pain_right_lower_abdomen", id="appendicitis"),
    # one-sided low back pain at 6 weeks: the lower belly is an ectopic pregnancy's place
    pytest.param({"present": ["pain_lower_back_central", "pain_left_side"]},
                 ["pain_lower_abdomen"], 6, None, "pain_lower_abdomen", id="ectopic"),
    # right-sided back pain, burning on passing water, 37.8 °C at 26 weeks: the loin
    pytest.param({"present": ["pain_lower_back_central", "pain_right_side",
                              "painful_urination"]},
                 ["pain_flank"], 26, {"temperature_c": 37.8}, "pain_flank",
                 id="pyelonephritis"),
]


@pytest.mark.parametrize(("words", "more", "weeks", "numbers", "place"), STATES)
def test_the_place_of_an_emergency_her_findings_point_to_is_asked(
        engine, words, more, weeks, numbers, place):
    asked, level = _play(engine, words, more, weeks, numbers)
    assert place in asked
    assert level in ("emergency", "emergency_ambulance")


def test_the_appendicitis_place_is_reopened_while_the_level_is_below_an_emergency(engine):
    """The state itself: below the emergency line, a "yes" to the right side of the
    belly would make it one, and the model's odds of that "yes" are what they are;
    the place is reopened and marked as a danger question, by its own question."""
    initial = {"gestational_weeks": 24, "temperature_c": 37.6,
               "present": ["pain_lower_back_central", "pain_right_side", "nausea_vomiting",
                           "pain_dull_aching"],
               "absent": ["pain_flank", "kidney_tender_on_tapping", "painful_urination",
                          "urinary_frequency_urgency", "chills_rigors"]}
    s = start(engine, Case.from_dict(initial, engine.pack), answered_by_text(engine, initial))
    sel = selector(engine)
    state = _state(s)
    ev = engine.model.evidence(state.case)
    assert engine.triage(state.case).level not in ("emergency", "emergency_ambulance")
    assert "pain_right_lower_abdomen" in state.covered
    assert sel.openings.reopening.places_at_risk(ev, state) == {"pain_right_lower_abdomen"}
    assert "pain_right_lower_abdomen" not in sel.openings.reopening.reopened(ev, state)
    yes = engine.triage(state.case.with_answer("pain_right_lower_abdomen", True))
    assert yes.level == "emergency"


def test_an_ordinary_back_ache_does_not_reopen_the_places_she_did_not_name(engine):
    """At 30 weeks, a central low back ache: a lower belly pain would make early
    labour probable, but nothing she said points to labour more than to the back
    ache itself, so the place she named stands."""
    initial = {"gestational_weeks": 30, "present": ["pain_lower_back_central", "pain_dull_aching"]}
    s = start(engine, Case.from_dict(initial, engine.pack), answered_by_text(engine, initial))
    state = _state(s)
    ev = engine.model.evidence(state.case)
    assert selector(engine).openings.reopening.places_at_risk(ev, state) == frozenset()
