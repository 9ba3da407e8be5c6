"""Russian everywhere a person reads it in the API: problem details (pydantic's
validation errors, malformed JSON, version conflicts, the service's own field
messages), and why a mention of her text was not taken as hers now."""

from __future__ import annotations

import re
from typing import Any

import pytest

RU = {"Accept-Language": "ru"}
# a run of Latin letters that is a word of English, not an id, a JSON example or a type
_ENGLISH = re.compile(r"\b(?:Input|should|valid|required|must|is not|JSON object|sent|"
                      r"expected|got|said|someone|doubt|past)\b")


def english_in(problem: dict[str, Any]) -> list[str]:
    texts = [problem["title"], problem["detail"]]
    texts += [e["message"] for e in problem.get("errors", [])]
    return [t for t in texts if _ENGLISH.search(t)]


def test_pydantic_errors_of_a_cds_hook_are_in_russian(client):
    sid = client.get("/cds-services").json()["services"][0]["id"]
    r = client.post(f"/cds-services/{sid}", json={"hook": 5, "hookInstance": 3, "context": "x"},
                    headers=RU)
    assert r.status_code == 400
    problem = r.json()
    assert english_in(problem) == []
    messages = {e["field"]: e["message"] for e in problem["errors"]}
    assert messages["hook"] == "должно быть текстом"
    assert messages["context"] == "должно быть объектом JSON"


def test_pydantic_errors_stay_english_for_an_english_caller(client):
    sid = client.get("/cds-services").json()["services"][0]["id"]
    r = client.post(f"/cds-services/{sid}", json={"hook": 5, "hookInstance": "x", "context": {}})
    messages = {e["field"]: e["message"] for e in r.json()["errors"]}
    assert messages["hook"] == "must be text"


def test_a_questionnaire_response_of_the_wrong_shape_is_refused_in_russian(client):
    body = {"resourceType": "QuestionnaireResponse", "status": "in-progress", "item": "x"}
    r = client.post("/fhir/Questionnaire/$next-question", json=body, headers=RU)
    assert r.status_code == 422
    assert r.json()["errors"][0] == {"field": "item", "message": "должно быть списком"}
    assert english_in(r.json()) == []


def test_malformed_json_says_where_in_russian(client):
    json_ru = {**RU, "Content-Type": "application/json"}
    r = client.post("/v1/assess", content=b"{bad", headers=json_ru)
    assert r.status_code == 400
    assert r.json()["detail"] == "Тело запроса — неверный JSON: строка 1, позиция 2."
    r = client.post("/v1/assess", content=b'{"a": 1, "a": 2}', headers=json_ru)
    assert "встречается в одном объекте больше одного раза" in r.json()["detail"]


@pytest.mark.parametrize(("path", "body", "field", "words"), [
    ("/v1/assess", [1, 2], "body", "должно быть объектом JSON"),
    ("/v1/interviews", {"text": 5}, "text", "обязательно: её слова"),
    ("/v1/interviews", {"gestational_weeks": 30, "unset": ["fever"]}, "unset",
     "нет текста, из которого можно снять признаки"),
])
def test_the_service_field_messages_are_in_russian(client, path, body, field, words):
    r = client.post(path, json=body, headers=RU)
    assert r.status_code == 422
    problem = r.json()
    assert problem["errors"][0]["field"] == field
    assert words in problem["errors"][0]["message"]
    assert english_in(problem) == []


def test_a_version_conflict_is_explained_in_russian(client):
    v = client.post("/v1/interviews", json={"gestational_weeks": 30}, headers=RU).json()
    answer = {"question": v["question"]["id"], "answer": None, "version": v["version"] + 5}
    r = client.post(f"/v1/interviews/{v['id']}/answers", json=answer, headers=RU)
    assert r.status_code == 409
    problem = r.json()
    assert problem["detail"].startswith(f"Вы отправили версию {v['version'] + 5}")
    sent, now = v["version"] + 5, v["version"]
    assert problem["errors"][0]["message"] == f"ожидалась {now}, получена {sent}"
    r = client.post(f"/v1/interviews/{v['id']}/answers", json={"question": "x", "version": 1},
                    headers=RU)
    assert english_in(r.json()) == []


def test_the_interviews_answer_errors_are_in_russian(client):
    """An answer the interview cannot take is refused in her language, the values kept."""
    v = client.post("/v1/interviews", json={"gestational_weeks": 30}, headers=RU).json()
    url, q = f"/v1/interviews/{v['id']}", v["question"]
    r = client.post(url + "/back", json={"version": v["version"]}, headers=RU)
    assert r.status_code == 409
    assert r.json()["errors"][0]["message"] == "нет ответа, к которому можно вернуться"
    assert r.json()["detail"] == "нет ответа, к которому можно вернуться"
    r = client.post(url + "/answers", json={"question": q["id"], "answer": {"nothing": 1},
                                            "version": v["version"]}, headers=RU)
    assert r.status_code == 422
    message = r.json()["errors"][0]["message"]
    assert message.startswith(q["id"] + ": ") and re.search("[а-яё]", message), message
    assert not re.search(r"\b(?:answer|choose|number|not|the|is)\b", message), message
    assert english_in(r.json()) == []
    v = client.post(url + "/answers", json={"question": q["id"], "answer": None,
                                            "version": v["version"]}, headers=RU).json()
    r = client.post(url + "/answers", json={"question": q["id"], "answer": None,
                                            "version": v["version"]}, headers=RU)
    assert r.status_code == 422
    assert r.json()["errors"][0] == {
        "field": "answer",
        "message": f"на вопрос {q['id']} уже есть ответ (чтобы изменить его, вернитесь назад)",
    }


def test_the_interviews_answer_errors_stay_english_for_an_english_caller(client):
    v = client.post("/v1/interviews", json={"gestational_weeks": 30}).json()
    r = client.post(f"/v1/interviews/{v['id']}/back", json={"version": v["version"]})
    assert r.json()["errors"][0]["message"] == "there is no answer to go back to"


def test_why_a_mention_was_not_taken_is_said_in_her_language(client):
    text = "срок 30 недель, болит поясница, у мамы грыжа, вроде знобит"
    evidence = client.post("/v1/parse", json={"text": text}, headers=RU).json()["evidence"]
    reasons = {e["finding"]: e.get("reason") for e in evidence if not e["used"]}
    assert reasons["history_spine_disorder"] == "сказано о другом человеке"
    assert reasons["chills_rigors"] == "сказано с сомнением"
    assert all(e.get("reason") is None for e in evidence if e["used"])
    understood = client.post("/v1/interviews", json={"text": text}, headers=RU).json()["understood"]
    not_taken = {n["finding"]: n for n in understood["not_taken"]}
    assert not_taken["history_spine_disorder"]["reason"] == "сказано о другом человеке"
    assert not_taken["history_spine_disorder"]["words"] == "грыжа"
    assert not_taken["history_spine_disorder"]["label"] == "известная болезнь позвоночника"


def test_why_a_mention_was_not_taken_in_english(client):
    r = client.post("/v1/parse", json={"text": "30 weeks, back pain, my mum has a slipped disc"})
    reasons = {e["finding"]: e["reason"] for e in r.json()["evidence"] if not e["used"]}
    assert reasons["history_spine_disorder"] == "said of someone else"
