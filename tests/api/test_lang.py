"""Language per request: Accept-Language or a `lang` field; an interview keeps its own."""

from __future__ import annotations

CASE = {"gestational_weeks": 30, "present": ["fever", "pain_flank", "chills_rigors"]}
RU = {"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}


def _top_name(body):
    return body["conditions"][0]["name"]


def test_accept_language_and_the_lang_field(client):
    en = client.post("/v1/assess", json=CASE).json()
    ru = client.post("/v1/assess", json=CASE, headers=RU).json()
    field = client.post("/v1/assess", json={**CASE, "lang": "ru"}).json()
    assert [c["id"] for c in en["conditions"]] == [c["id"] for c in ru["conditions"]]
    assert en["triage"]["level"] == ru["triage"]["level"]
    assert "pyelonephritis" in _top_name(en).lower()
    assert "пиелонефрит" in _top_name(ru).lower()
    assert _top_name(field) == _top_name(ru)
    assert "пиелонефрит" in ru["why"][0]["name"].lower()
    # the field wins over the header
    back = client.post("/v1/assess", json={**CASE, "lang": "en"}, headers=RU).json()
    assert _top_name(back) == _top_name(en)


def test_an_unknown_language_is_a_clear_error(client):
    r = client.post("/v1/assess", json={**CASE, "lang": "xx"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "lang"
    assert "en, ru" in r.json()["errors"][0]["message"]
    r = client.post("/v1/assess", json={**CASE, "lang": None})
    assert r.status_code == 422
    # an unknown Accept-Language falls back to the default, never an error
    unknown = client.post("/v1/assess", json=CASE, headers={"Accept-Language": "xx"})
    assert unknown.status_code == 200


def test_an_interview_keeps_its_language(client):
    started = client.post("/v1/interviews", json={"gestational_weeks": 30, "lang": "ru"}).json()
    assert started["lang"] == "ru"
    q = started["question"]
    assert any("а" <= ch <= "я" for ch in q["text"].lower())
    # a later request in English does not change the interview's language
    again = client.get(f"/v1/interviews/{started['id']}",
                       headers={"Accept-Language": "en"}).json()
    assert again["lang"] == "ru"
    answered = client.post(f"/v1/interviews/{started['id']}/answers",
                           json={"question": q["id"], "answer": None, "version": 1},
                           headers={"Accept-Language": "en"}).json()
    nxt = answered["question"] or {}
    assert answered["lang"] == "ru"
    if nxt:
        assert any("а" <= ch <= "я" for ch in nxt["text"].lower())


def test_problem_details_speak_the_request_language(client):
    r = client.post("/v1/assess", json={"gestational_weeks": 30, "nonsense": 1}, headers=RU)
    assert r.status_code == 422
    assert r.json()["title"] == "Запрос неверен" or r.json()["title"] == "Данные случая неверны"


def test_medicine_check_and_vocabulary_in_russian(client):
    v = client.post("/v1/medicines/check", json={"query": "нурофен", "weeks": 30, "lang": "ru"})
    assert v.status_code == 200
    assert v.json()["verdict"] == "contraindicated"
    assert v.json()["name"] == "Ибупрофен"
    vocab = client.get("/v1/vocabulary", headers=RU).json()
    assert vocab["lang"] == "ru"
    fever = next(f for f in vocab["findings"] if f["id"] == "fever")
    assert "температура" in fever["label"]


def test_the_server_warms_every_language_before_serving(settings, monkeypatch):
    """The lifespan's warm-up reads a text in each language Gravida reads and loads each
    language's engine, so no first request in Russian waits for pymorphy3's dictionaries
    and the phrase file (bench/warm.py measures what it saves)."""
    from fastapi.testclient import TestClient

    import gravida.intake.parse as parse_module
    from gravida.api.app import create_app
    from gravida.knowledge import i18n

    read: list[str | None] = []
    real = parse_module.parse_text

    def spy(text, pack, language=None):
        read.append(language)
        return real(text, pack, language)

    monkeypatch.setattr(parse_module, "parse_text", spy)
    app = create_app(settings)
    with TestClient(app):
        languages = set(i18n.languages())
        assert languages >= {"en", "ru"}
        assert set(read) == languages
        assert set(app.state.service._engines) == languages


def test_the_record_services_speak_the_request_language(client):
    """CDS Hooks and FHIR SDC: the questions, the questionnaire and the errors a person
    reads follow Accept-Language; codes and ids stay as they are."""
    start = {"resourceType": "QuestionnaireResponse", "status": "in-progress"}
    ru = client.post("/fhir/Questionnaire/$next-question", json=start, headers=RU)
    en = client.post("/fhir/Questionnaire/$next-question", json=start)
    assert ru.status_code == en.status_code == 200
    q_ru, q_en = ru.json()["contained"][0], en.json()["contained"][0]
    assert "беременности" in q_ru["title"] and "pregnancy" in q_en["title"]
    assert [i["linkId"] for i in q_ru["item"]] == [i["linkId"] for i in q_en["item"]]
    bad = client.post("/fhir/Questionnaire/$next-question", json={"resourceType": "Patient"},
                      headers=RU).json()
    assert "QuestionnaireResponse" in bad["detail"] and "тело запроса" in bad["detail"]
    hook = {"hook": "order-select", "hookInstance": "x", "context": {}}
    wrong = client.post("/cds-services/gravida-back-pain-triage", json=hook, headers=RU).json()
    assert wrong["title"] == "Запрос неверен" and "отвечает на patient-view" in wrong["detail"]
    missing = client.post("/cds-services/gravida-back-pain-triage", headers=RU, json={
        "hook": "patient-view", "hookInstance": "x", "context": {"patientId": "1"}}).json()
    assert "prefetch" in missing["detail"] and "Gravida" in missing["detail"]
    assert missing["errors"][0]["message"] == "отсутствует"
