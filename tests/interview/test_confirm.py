"""A reading of her words that alone holds an emergency is asked back once (confirm.py).

Structured states only (no vignette text): what the reader set is named in
``read``, as the service, the terminal and conversation mode do.
"""

from __future__ import annotations

from typing import Any

import pytest

from gravida.engine import Engine
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
from gravida.knowledge.load import default_pack

BACK_ACHE = "pain_lower_back_central"
EMERGENCIES = ("emergency", "emergency_ambulance")


def level(engine: Engine, s: Session) -> str:
    return engine.triage(s.case).level


def play(s: Session, reply: Any = None) -> tuple[Session, list[tuple[str, str]]]:
    """Answer every question with ``reply`` (default: don't know); the (id, purpose) asked."""
    asked = []
    for _ in range(60):
        q = next_question(s)
        if q is None:
            return s, asked
        asked.append((q.id, q.purpose))
        value = reply if q.kind != "number" else None
        s = answer(s, q.id, [] if value is True and q.kind == "group" else value)
    raise AssertionError("the interview did not stop")


def headache(engine: Engine, read: bool) -> Session:
    """30 weeks, a back ache, and a severe headache (an emergency floor alone)."""
    case = {"gestational_weeks": 30, "present": [BACK_ACHE, "severe_headache"]}
    return start(engine, case, ["pain_location"], ["severe_headache"] if read else [])


def test_a_reading_she_denies_no_longer_stops_at_an_emergency(engine: Engine) -> None:
    s = headache(engine, read=True)
    assert level(engine, s) == "emergency" and s.derived.emergency
    q = next_question(s)
    assert q is not None and q.purpose == "confirm" and q.id == "severe_headache"
    assert q.findings == ("severe_headache",)
    assert q.kind == "yes_no" and q.number == 1
    # it says why it asks, naming what was read, and asks the finding's own question
    assert engine.pack.label("severe_headache") in q.text
    assert catalogue(engine).questions["severe_headache"].text in q.text
    s = answer(s, q.id, False)
    # her answer replaces the reading: as if she had said no headache to begin with
    denied = start(engine, {"gestational_weeks": 30, "present": [BACK_ACHE],
                            "absent": ["severe_headache"]}, ["pain_location"])
    assert s.case == denied.case
    assert not s.derived.emergency
    assert level(engine, s) not in EMERGENCIES
    nxt = next_question(s)
    assert nxt is not None and nxt.purpose != "confirm"  # the interview goes on as usual
    s, asked = play(s)
    assert result(s).stop_reason not in EMERGENCIES
    assert "severe_headache" not in {qid for qid, _ in asked}  # asked once only


@pytest.mark.parametrize("reply", [True, None])
def test_a_reading_she_confirms_or_does_not_know_stops_exactly_as_before(
        engine: Engine, reply: bool | None) -> None:
    before, asked_before = play(headache(engine, read=False))
    s = headache(engine, read=True)
    q = next_question(s)
    assert q is not None and q.purpose == "confirm"
    s = answer(s, q.id, reply)
    assert "severe_headache" in s.case.present  # "don't know" never drops it
    after, asked_after = play(s)
    assert asked_after == asked_before
    assert result(after).stop_reason == result(before).stop_reason
    assert level(engine, after) == level(engine, before) == "emergency"
    assert after.case == before.case
    assert result(after).questions_asked == result(before).questions_asked + 1
    # and the maximum she is shown grows with it: never "question 27 of at most 25"
    q = next_question(answer(headache(engine, read=True), "severe_headache", reply))
    assert q is not None and q.number == 2
    assert q.max_questions == catalogue(engine).params.max_questions + 1


def test_a_structured_finding_or_an_answer_is_never_asked_back(engine: Engine) -> None:
    s, asked = play(headache(engine, read=False))
    assert all(purpose != "confirm" for _, purpose in asked)
    # the same finding given in an answer (her words read only the back ache)
    s = start(engine, {"gestational_weeks": 30, "present": [BACK_ACHE]}, ["pain_location"],
              [BACK_ACHE])
    said = False
    for _ in range(40):
        q = next_question(s)
        if q is None:
            break
        assert q.purpose != "confirm"
        if "severe_headache" in q.findings:
            s = answer(s, q.id, ["severe_headache"] if q.kind == "group" else True)
            said = True
        else:
            s = answer(s, q.id, None)
    assert said and "severe_headache" in s.case.present
    assert level(engine, s) in EMERGENCIES


def test_an_emergency_with_two_independent_readings_is_not_asked_back(
        engine: Engine) -> None:
    both = ["severe_headache", "saddle_numbness"]
    case = {"gestational_weeks": 30, "present": [BACK_ACHE, *both]}
    for one in both:  # each alone is an emergency
        alone = start(engine, {"gestational_weeks": 30, "present": [BACK_ACHE, one]},
                      ["pain_location"], [one])
        assert level(engine, alone) == "emergency"
    s = start(engine, case, ["pain_location"], both)
    assert level(engine, s) == "emergency"
    _, asked = play(s)
    assert all(purpose != "confirm" for _, purpose in asked)


def test_an_ambulance_resting_on_a_reading_is_asked_back_and_lowered_on_no(
        engine: Engine) -> None:
    # bleeding she ticked on the form, dizziness read from her words: an ambulance
    case = {"gestational_weeks": 8, "present": [BACK_ACHE, "vaginal_bleeding",
                                                "faint_or_dizzy"]}
    s = start(engine, case, ["pain_location"], ["faint_or_dizzy"])
    assert level(engine, s) == "emergency_ambulance"
    q = next_question(s)
    assert q is not None and q.purpose == "confirm" and q.id == "faint_or_dizzy"
    s = answer(s, q.id, False)
    assert "vaginal_bleeding" in s.case.present  # the form's finding stands
    assert level(engine, s) != "emergency_ambulance"
    q = next_question(s)
    assert q is None or q.purpose != "confirm"  # bleeding was not read: never asked back


def test_heavy_bleeding_read_asks_the_bleeding_first(engine: Engine) -> None:
    case = {"gestational_weeks": 10, "present": [BACK_ACHE, "heavy_vaginal_bleeding"]}
    s = start(engine, case, ["pain_location"], ["heavy_vaginal_bleeding"])
    q = next_question(s)
    # what it implies was read too: the broader question first
    assert q is not None and q.purpose == "confirm" and q.id == "vaginal_bleeding"
    no = answer(s, q.id, False)
    assert engine.model.evidence(no.case).absent >= {"vaginal_bleeding",
                                                      "heavy_vaginal_bleeding"}
    s = answer(s, q.id, True)
    q = next_question(s)
    # bleeding confirmed, heavy bleeding still alone holds the emergency: asked back too
    assert q is not None and q.purpose == "confirm" and q.id == "heavy_vaginal_bleeding"
    s = answer(s, q.id, False)
    assert "vaginal_bleeding" in s.case.present  # not heavy is still bleeding
    assert "heavy_vaginal_bleeding" in s.case.absent


def test_readings_asked_back_are_capped(engine: Engine) -> None:
    cap = catalogue(engine).params.confirm_readings
    assert cap >= 1
    case = {"gestational_weeks": 10, "present": [BACK_ACHE, "heavy_vaginal_bleeding",
                                                 "faint_or_dizzy"]}
    _, asked = play(start(engine, case, ["pain_location"],
                          ["heavy_vaginal_bleeding", "faint_or_dizzy"]), True)
    assert 1 <= sum(purpose == "confirm" for _, purpose in asked) <= cap


def test_a_confirmation_survives_json_and_back(engine: Engine) -> None:
    s = headache(engine, read=True)
    q = next_question(s)
    assert q is not None
    denied = answer(s, q.id, False)
    data = denied.to_json()
    assert data["read"] == ["severe_headache"]
    again = Session.from_json(data, engine)
    assert again.case == denied.case and again.derived == denied.derived
    undone = back(denied)
    assert undone.case == s.case
    q2 = next_question(undone)
    assert q2 is not None and q2.purpose == "confirm"
    with pytest.raises(InterviewError):  # asked back once: a second answer is refused
        answer(answer(s, q.id, True), q.id, False)


def test_read_must_name_findings_of_the_starting_case(engine: Engine) -> None:
    with pytest.raises(InterviewError, match="read"):
        start(engine, {"gestational_weeks": 30, "present": [BACK_ACHE]}, [], ["fever"])
    with pytest.raises(InterviewError, match="read"):
        Session.from_json({"format": 1, "initial": {"gestational_weeks": 30},
                           "volunteered": [], "answers": [], "read": "fever"}, engine)


def test_the_question_is_asked_back_in_her_language() -> None:
    pack_ru_engine = Engine(default_pack("ru"))
    case = {"gestational_weeks": 30, "present": [BACK_ACHE, "severe_headache"]}
    s = start(pack_ru_engine, case, ["pain_location"], ["severe_headache"])
    q = next_question(s)
    assert q is not None and q.purpose == "confirm"
    assert pack_ru_engine.pack.label("severe_headache") in q.text
    assert "We understood" not in q.text


def test_a_temperature_read_from_her_words_is_asked_back_as_the_fever_it_makes(
        engine: Engine) -> None:
    # "my son had 39": the number read makes a fever, which alone holds the emergency
    case = {"gestational_weeks": 21, "temperature_c": 39, "present": [BACK_ACHE]}
    s = start(engine, case, ["pain_location"], [BACK_ACHE, "temperature_c"])
    assert level(engine, s) in EMERGENCIES
    q = next_question(s)
    assert q is not None and q.purpose == "confirm" and q.id == "fever"
    s = answer(s, q.id, False)
    # her "no" drops the number read with it (a measurement would otherwise win)
    assert "temperature_c" not in s.case.numbers and "fever" in s.case.absent
    assert level(engine, s) not in EMERGENCIES
    # the same temperature with a fever ticked on the form: the form's fever stands
    case = {"gestational_weeks": 21, "temperature_c": 39, "present": [BACK_ACHE, "fever"]}
    s, asked = play(start(engine, case, ["pain_location"], ["temperature_c"]))
    assert all(purpose != "confirm" for _, purpose in asked)


def test_the_hand_off_records_the_reading_and_her_correction(engine: Engine) -> None:
    from datetime import UTC, datetime

    from gravida.report.fhir import entries, fhir_for_session

    s = headache(engine, read=True)
    q = next_question(s)
    assert q is not None
    s = answer(s, q.id, False)
    bundle = fhir_for_session(s, now=datetime(2026, 3, 1, tzinfo=UTC))
    items = next(iter(entries(bundle, "QuestionnaireResponse")))["item"]
    said_first = {i["linkId"]: i["answer"] for i in items[0]["item"]}
    assert said_first["initial.severe_headache"] == [{"valueBoolean": True}]
    assert items[1]["linkId"] == "severe_headache"
    assert items[1]["answer"] == [{"valueBoolean": False}]


def test_a_reading_answered_before_it_is_asked_back_is_her_correction(engine: Engine) -> None:
    case = {"gestational_weeks": 30, "present": [BACK_ACHE, "pain_dull_aching"]}
    s = start(engine, case, ["pain_location"], ["pain_dull_aching"])
    assert level(engine, s) not in EMERGENCIES
    q = next_question(s)
    assert q is not None and q.purpose != "confirm"  # nothing to ask back here
    s = answer(s, "pain_dull_aching", False)
    assert "pain_dull_aching" in s.case.absent
    assert s.derived.asked_back == frozenset({"pain_dull_aching"})
    # a finding that was not read is still refused as answered
    with pytest.raises(InterviewError):
        answer(s, BACK_ACHE, False)
