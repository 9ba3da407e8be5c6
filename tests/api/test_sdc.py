"""FHIR SDC $next-question: a scripted client drives the adaptive questionnaire to the end.

The client sees only FHIR: it reads each item's codes and answer options and
answers from a known case the way the interview-mode patient does (yes for a
present finding, no for an absent one, the number if known, the members that
apply, "none" only when every member is absent, "don't know" otherwise). It
must reach the same triage, after the same questions, as
``gravida eval --mode interview`` (gravida.evaluation.interview_mode.play)
for every dev case the pack can read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhir.resources.R4B.riskassessment import RiskAssessment

from gravida.engine import Case, CaseError, Engine
from gravida.evaluation.interview_mode import play
from gravida.interview import result
from gravida.knowledge.codes import load_codes
from gravida.service.errors import InvalidRequest
from gravida.service.sdc import next_question_of

from .conftest import problem_of

DEV = Path(__file__).resolve().parents[3] / "shared" / "vignettes" / "dev.yaml"
FHIR_JSON = "application/fhir+json"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


def dev_cases(engine: Engine) -> list[tuple[str, Case]]:
    out = []
    for v in yaml.safe_load(DEV.read_text(encoding="utf-8")):
        try:
            out.append((v["id"], Case.from_dict(v["case"], engine.pack)))
        except CaseError:
            continue  # ids the pack does not know yet: interview mode cannot play them either
    return out


class Client:
    """Answers FHIR items from a known case, as the interview-mode patient answers questions."""

    def __init__(self, engine: Engine, case: Case) -> None:
        self.case = case
        self.ev = engine.model.evidence(case)
        codes = load_codes(engine.pack)
        self.finding_system = f"{codes.base}/CodeSystem/finding"

    def _finding(self, item: dict[str, Any]) -> str | None:
        return next((c["code"] for c in item.get("code", [])
                     if c["system"] == self.finding_system), None)

    def start(self, item: dict[str, Any]) -> dict[str, Any]:
        kids = []
        for q in item["item"]:
            if q["type"] == "decimal":
                f = self._finding(q)
                if f in self.case.numbers:
                    kids.append({"linkId": q["linkId"],
                                 "answer": [{"valueDecimal": self.case.numbers[f]}]})
            else:
                chosen = [o["valueCoding"] for o in q["answerOption"]
                          if o["valueCoding"]["code"] in self.case.present]
                if chosen:
                    kids.append({"linkId": q["linkId"],
                                 "answer": [{"valueCoding": c} for c in chosen]})
        return {"linkId": "start", "item": kids}

    def answer(self, item: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"linkId": item["linkId"]}
        if item["type"] == "group":  # a form of numbers
            kids = []
            for q in item["item"]:
                f = self._finding(q)
                if f in self.case.numbers:
                    kids.append({"linkId": q["linkId"],
                                 "answer": [{"valueDecimal": self.case.numbers[f]}]})
            out["item"] = kids
            return out
        if item["type"] == "decimal":
            f = self._finding(item)
            if f in self.case.numbers:
                out["answer"] = [{"valueDecimal": self.case.numbers[f]}]
            return out
        options = [o["valueCoding"] for o in item["answerOption"]]
        if not item.get("repeats"):  # yes / no / don't know
            f = self._finding(item)
            word = "Yes" if f in self.ev.present else "No" if f in self.ev.absent else "Don't know"
            out["answer"] = [{"valueCoding": next(o for o in options if o["display"] == word)}]
            return out
        members = [o for o in options if o["system"] == self.finding_system]
        present = [o for o in members if o["code"] in self.ev.present]
        if present:
            chosen = present
        elif members and all(o["code"] in self.ev.absent for o in members) and any(
                o["code"] == "none" for o in options):
            chosen = [next(o for o in options if o["code"] == "none")]
        else:
            chosen = [next(o for o in options if o["code"] == "dont-know")]
        out["answer"] = [{"valueCoding": c} for c in chosen]
        return out


def drive(post: Any, engine: Engine, case: Case) -> tuple[dict[str, Any], list[str]]:
    client = Client(engine, case)
    qr: dict[str, Any] = {"resourceType": "QuestionnaireResponse", "status": "in-progress"}
    asked: list[str] = []
    for _ in range(60):
        qr = post(qr)
        QuestionnaireResponse.model_validate(qr)  # every step is valid R4B
        if qr["status"] == "completed":
            return qr, asked
        items = qr["item"]
        last = items[-1]
        questionnaire = qr["contained"][0]
        item = next(i for i in questionnaire["item"] if i["linkId"] == last["linkId"])
        if last["linkId"] == "start":
            items[-1] = client.start(item)
        else:
            asked.append(last["linkId"])
            items[-1] = client.answer(item)
    raise AssertionError("the questionnaire did not finish")


def triage_of(qr: dict[str, Any], engine: Engine) -> str:
    risk = next(r for r in qr["contained"] if r["resourceType"] == "RiskAssessment")
    RiskAssessment.model_validate(risk)
    ext = risk["extension"][0]
    assert ext["url"] == load_codes(engine.pack).triage_extension
    level = next(e for e in ext["extension"] if e["url"] == "level")
    code: str = level["valueCodeableConcept"]["coding"][0]["code"]
    return code


def test_every_dev_case_reaches_the_interview_modes_triage(engine):
    cases = dev_cases(engine)
    assert len(cases) >= 40
    for vid, case in cases:
        qr, asked = drive(lambda body: next_question_of(engine, body), engine, case)
        session, mode_asked = play(engine, case)
        expected = result(session)
        assert triage_of(qr, engine) == expected.assessment.triage.level, vid
        assert asked == mode_asked, vid
        assert qr["extension"][0]["valueReference"]["reference"] == "#result"


def test_the_route_drives_a_whole_interview_over_http(client, engine):
    _, case = dev_cases(engine)[1]

    def post(body: dict[str, Any]) -> dict[str, Any]:
        r = client.post("/fhir/Questionnaire/$next-question", json=body,
                        headers={"Content-Type": FHIR_JSON})
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith(FHIR_JSON)
        out: dict[str, Any] = r.json()
        return out

    qr, _ = drive(post, engine, case)
    session, _ = play(engine, case)
    assert triage_of(qr, engine) == result(session).assessment.triage.level


def test_items_carry_the_packs_codes(engine):
    first = next_question_of(engine, {"resourceType": "QuestionnaireResponse",
                                      "status": "in-progress"})
    start = first["contained"][0]["item"][0]
    weeks = next(i for i in start["item"] if i["linkId"] == "gestational_weeks")
    assert {"system": "http://loinc.org", "code": "49051-6"}.items() <= weeks["code"][0].items()
    assert weeks["required"] is True
    # a yes/no question about fever carries SNOMED CT 386661006 and LOINC answer codes
    from gravida.interview import answer, next_question
    from gravida.interview import start as begin
    from gravida.interview.session import catalogue

    session = begin(engine, {"gestational_weeks": 26, "present": ["pain_flank"]},
                    catalogue(engine).volunteered)
    body: dict[str, Any] = {"resourceType": "QuestionnaireResponse", "status": "in-progress",
                            "item": [{"linkId": "start", "item": [
                                {"linkId": "gestational_weeks", "answer": [{"valueDecimal": 26}]},
                                {"linkId": "pain_location", "answer": [{"valueCoding": {
                                    "code": "pain_flank"}}]}]}]}
    seen: set[str] = set()
    for _ in range(30):
        out = next_question_of(engine, body)
        if out["status"] == "completed":
            break
        item = out["contained"][0]["item"][-1]
        for c in item.get("code", []):
            seen.add(c["system"])
        if item["linkId"] == "fever":
            assert any(c["code"] == "386661006" for c in item["code"])
            assert [o["valueCoding"]["code"] for o in item["answerOption"]] == [
                "LA33-6", "LA32-8", "LA12688-0"]
        q = next_question(session)
        assert q is not None and q.id == item["linkId"]
        session = answer(session, q.id, None)
        body = out
        body["item"][-1] = {"linkId": item["linkId"]}  # not answered: don't know
    assert "http://snomed.info/sct" in seen or "http://loinc.org" in seen


def test_parameters_wrapper_is_accepted(engine):
    qr = {"resourceType": "QuestionnaireResponse", "status": "in-progress"}
    out = next_question_of(engine, {"resourceType": "Parameters", "parameter": [
        {"name": "questionnaire-response", "resource": qr}]})
    assert out["item"][0]["linkId"] == "start"


@pytest.mark.parametrize("body,where", [
    ({"resourceType": "Patient"}, "resourceType"),
    ({"resourceType": "QuestionnaireResponse", "status": "nonsense"}, "status"),
    ({"resourceType": "QuestionnaireResponse", "status": "in-progress",
      "item": [{"linkId": "start", "item": [{"linkId": "maternal_age",
                                             "answer": [{"valueDecimal": 30}]}]}]},
     "gestational_weeks"),
    ({"resourceType": "QuestionnaireResponse", "status": "in-progress",
      "item": [{"linkId": "start", "item": [{"linkId": "gestational_weeks",
                                             "answer": [{"valueDecimal": 30}]}]},
               {"linkId": "cauda_equina", "answer": [{"valueBoolean": True}]}]},
     "linkId"),
])
def test_bad_responses_are_clear_errors(engine, body, where):
    with pytest.raises(InvalidRequest) as e:
        next_question_of(engine, body)
    assert where in e.value.detail


def test_a_bad_response_over_http_is_a_problem(client):
    r = client.post("/fhir/Questionnaire/$next-question", json={"resourceType": "Bundle"})
    assert r.status_code == 422
    assert "QuestionnaireResponse" in problem_of(r)["detail"]
