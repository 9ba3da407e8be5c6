"""The interview state: answers, back, JSON, bad input and the emergency stop."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gravida.interview import (
    InterviewError,
    Session,
    answer,
    back,
    next_question,
    result,
    start,
)
from gravida.interview.session import catalogue

CALM = {"gestational_weeks": 30, "maternal_age": 31, "present": ["pain_lower_back_central"]}


def calm(engine):
    return start(engine, CALM, ["pain_location"])


# --- back -------------------------------------------------------------------------


def test_back_restores_the_state_before_the_last_answer(engine):
    s0 = calm(engine)
    q = next_question(s0)
    s1 = answer(s0, q.id, False)
    assert s1.questions_asked == 1 and s1.to_json() != s0.to_json()
    s2 = back(s1)
    assert s2.to_json() == s0.to_json()
    assert next_question(s2) == q
    # and the answer can now be changed
    s3 = answer(s2, q.id, None)
    assert s3.answers[-1].value is None


def test_back_undoes_an_emergency(engine):
    s = answer(calm(engine), "vaginal_bleeding", True)
    assert s.derived.emergency
    before = back(s)
    assert not before.derived.emergency
    assert result(before).assessment.triage.level == "self_care"
    assert next_question(before).purpose != "emergency"


def test_back_with_nothing_to_undo_is_a_clear_error(engine):
    with pytest.raises(InterviewError, match="no answer to go back"):
        back(calm(engine))


def test_group_yes_then_which(engine):
    s = calm(engine)
    s = answer(s, "pregnancy_signs", True)
    q = next_question(s)
    assert q.kind == "choose" and q.id == "pregnancy_signs" and q.number == 1
    with pytest.raises(InterviewError, match="say which"):
        answer(s, "pregnancy_signs", True)
    with pytest.raises(InterviewError, match="first say which"):
        answer(s, "fever", False)
    s2 = answer(s, "pregnancy_signs", ["pelvic_pressure"])
    assert s2.questions_asked == 1
    assert "pelvic_pressure" in s2.case.present
    assert back(s2).to_json() == calm(engine).to_json()


# --- JSON ---------------------------------------------------------------------------


def test_json_round_trip_resumes_the_same_interview(engine):
    s = calm(engine)
    for _ in range(5):
        q = next_question(s)
        s = answer(s, q.id, {"number": None, "yes_no": False}.get(q.kind))
    data = json.loads(json.dumps(s.to_json()))  # a plain JSON value
    again = Session.from_json(data, engine)
    assert again.to_json() == s.to_json()
    assert again == s
    assert next_question(again) == next_question(s)
    assert result(again).to_json() == result(s).to_json()


def test_json_round_trip_keeps_a_pending_group_answer(engine):
    s = answer(calm(engine), "pregnancy_signs", True)
    again = Session.from_json(json.loads(json.dumps(s.to_json())), engine)
    assert next_question(again).kind == "choose"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("nope", "JSON object"),
        ({"format": 99}, "format"),
        ({"format": 1, "initial": {"present": []}, "answers": []}, "gestational_weeks"),
        ({"format": 1, "initial": CALM, "answers": "x"}, "lists"),
        ({"format": 1, "initial": CALM, "answers": [{"question": "fever"}]}, "question, answer"),
        ({"format": 1, "initial": CALM, "answers": [{"question": "nope", "answer": True}]},
         "unknown question"),
    ],
)
def test_a_bad_stored_state_is_refused_clearly(engine, data, message):
    with pytest.raises(InterviewError, match=message):
        Session.from_json(data, engine)


# --- bad answers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "value", "message"),
    [
        ("no_such_question", True, "unknown question"),
        (42, True, "unknown question"),
        ("fever", 3, "yes, no or don't know"),
        ("fever", "perhaps", "yes, no or don't know"),
        ("pain_severity", 11, "outside the possible range 0-10"),
        ("pain_severity", float("nan"), "outside"),
        ("pain_severity", "bad", "answer with a number"),
        ("pain_severity", True, "must be a number"),
        ("measurements", {"heart_rate": 500}, "outside"),
        ("measurements", {"fever": 1}, "not part of this question"),
        ("measurements", 120, "give both numbers|give 4 numbers|give"),
        ("pregnancy_signs", ["fever"], "not one of the choices"),
        ("pregnancy_signs", [], "choose at least one"),
        ("pregnancy_signs", 7, "answer no, don't know"),
        ("pain_location", ["pain_flank"], "already answered"),
        ("pain_lower_back_central", True, "already answered"),
    ],
)
def test_bad_answers_are_clear_errors(engine, question, value, message):
    with pytest.raises(InterviewError, match=message):
        answer(calm(engine), question, value)


def test_the_same_question_twice_and_contradictions_are_refused(engine):
    s = answer(calm(engine), "vaginal_bleeding", False)
    with pytest.raises(InterviewError, match="already answered"):
        answer(s, "vaginal_bleeding", True)
    # no bleeding implies no heavy bleeding: that question is settled too
    with pytest.raises(InterviewError, match="already answered"):
        answer(s, "heavy_vaginal_bleeding", True)


def test_text_answers_are_read(engine):
    s = answer(calm(engine), "fever", "No")
    assert "fever" in s.case.absent
    s = answer(s, "pain_severity", "4,5")
    assert s.case.numbers["pain_severity"] == 4.5
    s = answer(s, "measurements", [37.0, 80, 120, 80])
    assert s.case.numbers["systolic_bp"] == 120 and s.case.numbers["temperature_c"] == 37.0


def test_the_measurements_form_reads_the_first_numbers_in_its_order(engine):
    # the saturation and the breathing rate (session 15) are the form's last parts:
    # four numbers keep their meaning, six give those two as well, seven are refused
    s = answer(calm(engine), "measurements", [37.0, 80, 120, 80, 97, 16])
    assert s.case.numbers["oxygen_saturation"] == 97
    assert s.case.numbers["respiratory_rate"] == 16
    assert s.case.numbers["diastolic_bp"] == 80
    with pytest.raises(InterviewError, match="give 6 numbers"):
        answer(calm(engine), "measurements", [37.0, 80, 120, 80, 97, 16, 1])


def test_a_bad_start_is_refused(engine):
    with pytest.raises(InterviewError, match="gestational_weeks"):
        start(engine, {"present": ["fever"]})
    with pytest.raises(InterviewError, match="question groups"):
        start(engine, CALM, ["fever"])


# --- emergency ----------------------------------------------------------------------


def test_a_red_flag_ends_the_interview_with_what_to_do(engine):
    s = answer(calm(engine), "back_warning_signs", ["saddle_numbness"])
    assert s.derived.emergency
    assert result(s).assessment.triage.level == "emergency"  # known at once
    # only questions that could make it an ambulance call remain
    while (q := next_question(s)) is not None:
        assert q.purpose == "emergency"
        s = answer(s, q.id, None)
    r = result(s)
    assert r.stop_reason == "emergency" and r.emergency
    assert r.assessment.triage.level == "emergency"
    assert "now" in r.assessment.triage.meaning
    assert "nerves" in r.assessment.triage.set_by.says
    assert r.questions_asked <= catalogue(engine).params.max_questions


def test_an_ambulance_red_flag_stops_at_once(engine):
    s = answer(calm(engine), "vaginal_bleeding", True)
    s = answer(s, "heavy_vaginal_bleeding", True)
    s = answer(s, "urgent_signs", ["faint_or_dizzy"])
    assert next_question(s) is None
    r = result(s)
    assert r.stop_reason == "emergency_ambulance"
    assert r.assessment.triage.level == "emergency_ambulance"
    assert "ambulance" in r.stop_explanation.lower()


def test_an_emergency_from_a_measurement_counts(engine):
    s = answer(calm(engine), "measurements", {"systolic_bp": 170, "diastolic_bp": 112})
    assert s.derived.emergency
    assert result(s).assessment.triage.level in ("emergency", "emergency_ambulance")


# --- random use never breaks it ---------------------------------------------------------


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=4, max_value=42), st.data())
def test_random_answers_never_crash_nor_exceed_the_maximum(engine, weeks, data):
    cat = catalogue(engine)
    s = start(engine, {"gestational_weeks": weeks})
    for _ in range(120):  # answers and backs; backs make the walk longer, not endless
        q = next_question(s)
        if q is None:
            break
        if s.answers and data.draw(st.integers(0, 9)) == 9:  # shrinks towards no back
            s = back(s)
            continue
        if q.kind == "yes_no":
            value = data.draw(st.sampled_from([True, False, None, "yes", "no", "don't know"]))
        elif q.kind == "number":
            value = {}
            for p in q.parts:
                if data.draw(st.booleans()):
                    value[p.finding] = data.draw(st.floats(p.lo, p.hi))
            value = value or None
        else:
            options = [o.finding for o in q.options]
            pick = data.draw(st.lists(st.sampled_from(options), max_size=3, unique=True))
            choices = [pick] if pick else []
            if q.kind == "group" and not cat.questions[q.id].volunteered:
                choices += [False, None, True]
            if not choices:
                choices = [options[:1]]
            value = data.draw(st.sampled_from(choices))
        s = answer(s, q.id, value)
        assert s.questions_asked <= cat.params.max_questions
    r = result(s)
    assert (r.stop_reason is not None) == (next_question(s) is None)
    assert r.questions_asked <= cat.params.max_questions
    assert Session.from_json(json.loads(json.dumps(s.to_json())), engine) == s


def test_group_answer_per_member(engine):
    """A group can be answered member by member: yes, no or don't know each."""
    from gravida.interview import answer, next_question, start

    s = start(engine, {"gestational_weeks": 30, "present": ["pain_lower_back_central"]})
    q = next_question(s)
    while q is not None and q.kind != "group":
        s = answer(s, q.id, None)
        q = next_question(s)
    assert q is not None, "expected a grouped question"
    members = [o.finding for o in q.options]
    reply = {members[0]: False}
    if len(members) > 1:
        reply[members[1]] = None
    s = answer(s, q.id, reply)
    assert s.case.state(members[0]) is False
    if len(members) > 1:
        assert s.case.state(members[1]) is None


@pytest.mark.parametrize("bad", [[1], {"x": 1}, 3, 2.5, "perhaps"])
def test_group_member_answer_of_wrong_type_is_a_clear_error(engine, bad):
    from gravida.interview import InterviewError, answer, next_question, start

    s = start(engine, {"gestational_weeks": 30, "present": ["pain_lower_back_central"]})
    q = next_question(s)
    while q is not None and q.kind != "group":
        s = answer(s, q.id, None)
        q = next_question(s)
    assert q is not None
    with pytest.raises(InterviewError):
        answer(s, q.id, {q.options[0].finding: bad})


def _asked_until_end(session, reply):
    """Question ids asked when every question gets ``reply(question)``."""
    asked = []
    for _ in range(60):
        q = next_question(session)
        if q is None:
            return asked
        asked.append(q.id)
        session = answer(session, q.id, reply(q))
    raise AssertionError("interview did not stop")


def test_heavy_bleeding_is_asked_only_after_bleeding(engine):
    def no_bleeding(q):
        return None if q.kind == "number" else False

    asked = _asked_until_end(calm(engine), no_bleeding)
    assert "vaginal_bleeding" in asked or any(
        "vaginal_bleeding" in catalogue(engine).questions[a].findings for a in asked)
    assert "heavy_vaginal_bleeding" not in asked

    s = start(engine, {**CALM, "present": ["pain_lower_back_central", "vaginal_bleeding"]},
              ["pain_location"])
    asked = _asked_until_end(s, no_bleeding)
    assert any("heavy_vaginal_bleeding" in catalogue(engine).questions[a].findings
               for a in asked)


def test_an_unnamed_place_that_would_complete_a_danger_is_asked_after_all(engine):
    """Where the pain is was answered in her words (between the shoulder blades),
    so the other places are not asked again; but short of breath at rest with the
    chest not named must still ask about chest pain: the two together are an
    ambulance call. Without the breathlessness the chest is not asked (the place
    she named stands), and "don't know" is not asked twice."""
    breathless = {"gestational_weeks": 33,
                  "present": ["pain_upper_back", "shortness_of_breath", "calf_swelling_one_leg"]}
    s = start(engine, breathless, ["pain_location"])
    q = next_question(s)
    assert q is not None and q.id == "chest_pain"
    assert result(answer(s, "chest_pain", True)).assessment.triage.level == "emergency_ambulance"

    asked = _asked_until_end(answer(s, "chest_pain", None), lambda q: None)
    assert "chest_pain" not in asked

    calm_upper = start(engine, {"gestational_weeks": 33, "present": ["pain_upper_back"]},
                       ["pain_location"])
    assert "chest_pain" not in _asked_until_end(calm_upper, lambda q: False
                                                if q.kind != "number" else None)
