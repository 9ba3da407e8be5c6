"""POST /v1/assess, /v1/parse, /v1/medicines/check, GET /v1/vocabulary and /healthz."""

from __future__ import annotations

import json

import pytest

from gravida.api import examples

from .conftest import fields_of, problem_of

REPORT_SECTIONS = ("why", "plan", "what_to_expect", "suggested_workup")


def test_assess_happy_path(client):
    r = client.post("/v1/assess", json=examples.KIDNEY)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert body["conditions"][0]["id"] == "pyelonephritis"
    assert body["triage"]["level"] in {"emergency", "emergency_ambulance", "consultation_24"}
    assert abs(sum(c["probability"] for c in body["conditions"]) - 1) < 1e-3
    assert body["evidence"]["gestational_weeks"] == 30
    for section in REPORT_SECTIONS:  # the full result is the default
        assert body[section], section
    assert "advice" not in body


def test_the_full_result_is_the_report(client, engine):
    from gravida.report import build_report

    r = client.post("/v1/assess", json=examples.POSTURAL)
    assert r.json() == json.loads(json.dumps(build_report(engine, examples.POSTURAL).to_json()))
    assert client.post("/v1/assess?detail=full", json=examples.POSTURAL).json() == r.json()


def test_detail_core_is_the_engine_result_only(client, engine):
    r = client.post("/v1/assess?detail=core", json=examples.POSTURAL)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body == json.loads(json.dumps(engine.assess(examples.POSTURAL).to_json()))
    for section in (*REPORT_SECTIONS, "advice"):
        assert section not in body


def test_full_result_sections_fit_the_case(client):
    body = client.post("/v1/assess", json=examples.POSTURAL).json()
    plan = body["plan"]
    assert plan["level"] == body["triage"]["level"] == body["what_to_expect"]["level"]
    assert plan["self_care"] and plan["safety_net"]["signs"]
    assert body["why"][0]["condition"] == body["conditions"][0]["id"]
    assert {"for", "against"} <= set(body["why"][0])
    work = body["suggested_workup"]
    assert [w["rank"] for w in work] == list(range(1, len(work) + 1))
    assert work[0]["line"] != "ionising"

    kidney = client.post("/v1/assess", json=examples.KIDNEY).json()
    assert kidney["plan"]["urgent"] == (kidney["triage"]["level"] in
                                        {"emergency", "emergency_ambulance"})
    assert {"urine_culture", "urinalysis"} & {w["id"] for w in kidney["suggested_workup"][:3]}


def test_unknown_ids_get_the_nearest_valid_ones(client):
    r = client.post(
        "/v1/assess",
        json={"gestational_weeks": 30, "present": ["fevr"], "absent": ["pain_flnk"],
              "temprature_c": 38},
    )
    assert r.status_code == 422
    f = fields_of(r)
    assert f["present[0]"]["suggestions"][0] == "fever"
    assert f["absent[0]"]["suggestions"][0] == "pain_flank"
    assert "temperature_c" in f["temprature_c"]["suggestions"]
    assert problem_of(r)["type"] == "urn:gravida:problem:invalid-case"


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"gestational_weeks": 50}, "gestational_weeks", "outside"),
        ({"gestational_weeks": -1}, "gestational_weeks", "outside"),
        ({"gestational_weeks": 30, "temperature_c": 60}, "temperature_c", "outside"),
        ({"gestational_weeks": "thirty"}, "gestational_weeks", "number"),
        ({"gestational_weeks": True}, "gestational_weeks", "number"),
        ('{"gestational_weeks": 1e400}', "gestational_weeks", "outside"),
        ('{"gestational_weeks": 1%s}' % ("0" * 4000), "gestational_weeks", "outside"),
        ({"gestational_weeks": 10**40}, "gestational_weeks", "outside"),
        ({}, "gestational_weeks", "required"),
        ({"gestational_weeks": 30, "present": "fever"}, "present", "list"),
        ({"gestational_weeks": 30, "present": [3]}, "present[0]", "text"),
        ({"gestational_weeks": 30, "fever": True}, "fever", "present or absent"),
    ],
)
def test_bad_values_name_the_field(client, body, field, words):
    raw = body if isinstance(body, str) else json.dumps(body)
    r = client.post("/v1/assess", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    f = fields_of(r)
    assert field in f, f
    assert words in f[field]["message"]


def test_contradiction(client):
    r = client.post(
        "/v1/assess", json={"gestational_weeks": 30, "present": ["fever"], "absent": ["fever"]}
    )
    assert r.status_code == 422
    assert "both present and absent" in fields_of(r)["fever"]["message"]


@pytest.mark.parametrize(
    "raw",
    [b"{", b'{"gestational_weeks": 30,}', b"", b"   ", b"\xff\xfe\x00", b'{"a": NaN}',
     b'{"gestational_weeks": Infinity}', b"[" * 100_00 + b"]" * 100_00],
)
def test_malformed_json_is_400(client, raw):
    r = client.post("/v1/assess", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 400, r.text
    p = problem_of(r)
    assert p["type"] == "urn:gravida:problem:malformed-json"
    assert p["errors"][0]["field"] == "body"


def test_json_that_is_not_an_object(client):
    for raw in ("[]", '"x"', "3", "null"):
        r = client.post("/v1/assess", content=raw, headers={"content-type": "application/json"})
        assert r.status_code == 422, r.text
        assert "body" in fields_of(r)


def test_bad_query_parameter_is_422(client):
    r = client.post("/v1/assess?detail=perhaps", json={"gestational_weeks": 20})
    assert r.status_code == 422
    assert "detail" in fields_of(r)


@pytest.mark.parametrize("query", [
    "advice=true", "advice=false", "detail=core&advice=true", "%61dvice=true", "adv%69ce",
])
def test_the_replaced_advice_parameter_says_what_to_use(client, query):
    # however the query spells it: routes.assess parses the query only when its bytes
    # could name it, so the percent-encoded forms must still be caught
    r = client.post(f"/v1/assess?{query}", json={"gestational_weeks": 20})
    assert r.status_code == 422
    f = fields_of(r)["advice"]
    assert f["suggestions"] == ["detail"] and "detail=core" in f["message"]


def test_oversized_body_is_413(client, settings):
    big = json.dumps({"gestational_weeks": 20, "present": ["fever"] * settings.max_body_bytes})
    r = client.post("/v1/assess", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert problem_of(r)["type"] == "urn:gravida:problem:body-too-large"


def test_oversized_chunked_body_is_413(client, settings):
    def chunks():
        for _ in range(settings.max_body_bytes // 1000 + 2):
            yield b" " * 1000

    r = client.post("/v1/assess", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    problem_of(r)


def test_unknown_path_and_method(client):
    r = client.get("/v1/nothing")
    assert r.status_code == 404
    problem_of(r)
    r = client.get("/v1/assess")
    assert r.status_code == 405
    assert "POST" in r.headers["allow"]
    problem_of(r)


def test_an_unexpected_error_is_a_generic_500(client, monkeypatch, caplog):
    def boom(*_a, **_k):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(client.app.state.service, "assess", boom)
    r = client.post("/v1/assess", json={"gestational_weeks": 20})
    assert r.status_code == 500
    p = problem_of(r)
    assert "secret" not in r.text
    assert p["type"] == "urn:gravida:problem:internal"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "secret internal detail" in caplog.text  # logged for the operator


SECURITY = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/healthz", None),
        ("GET", "/v1/vocabulary", None),
        ("GET", "/openapi.json", None),
        ("POST", "/v1/assess", {"gestational_weeks": 20}),
        ("POST", "/v1/assess", {"gestational_weeks": 99}),
        ("GET", "/v1/interviews/nope", None),
        ("GET", "/nowhere", None),
    ],
)
def test_security_headers_on_every_response(client, method, path, body):
    r = client.request(method, path, json=body)
    for k, v in SECURITY.items():
        assert r.headers[k] == v
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "cache-control" in r.headers
    assert "server" not in r.headers or "uvicorn" not in r.headers["server"]


def test_results_are_not_cached(client):
    r = client.post("/v1/assess", json={"gestational_weeks": 20})
    assert r.headers["cache-control"] == "no-store"


def test_cors_is_off_by_default(client):
    r = client.options(
        "/v1/assess",
        headers={"origin": "https://evil.example", "access-control-request-method": "POST"},
    )
    assert "access-control-allow-origin" not in r.headers
    r = client.post("/v1/assess", json={"gestational_weeks": 20},
                    headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers


def test_cors_when_configured(tmp_path):
    from fastapi.testclient import TestClient

    from gravida.api.app import create_app

    from .conftest import make_settings

    s = make_settings(tmp_path, cors_origins="https://clinic.example, https://app.example")
    assert s.cors_origins == ["https://clinic.example", "https://app.example"]
    with TestClient(create_app(s)) as c:
        r = c.options(
            "/v1/assess",
            headers={"origin": "https://clinic.example", "access-control-request-method": "POST"},
        )
        assert r.headers["access-control-allow-origin"] == "https://clinic.example"
        assert r.headers["x-content-type-options"] == "nosniff"
        r = c.post("/v1/assess", json={"gestational_weeks": 20},
                   headers={"origin": "https://evil.example"})
        assert "access-control-allow-origin" not in r.headers


# --- parse, medicines, vocabulary, health ------------------------------------------------


def test_parse(client):
    r = client.post("/v1/parse", json=examples.PARSE["narrative"]["value"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["case"]["gestational_weeks"] == 30
    assert "fever" in body["case"]["present"]
    assert all({"finding", "span", "text"} <= set(e) for e in body["evidence"])


@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "text"), ({"text": 3}, "text"), ({"text": "x", "txt": "y"}, "txt")],
)
def test_parse_bad_input(client, body, field):
    r = client.post("/v1/parse", json=body)
    assert r.status_code == 422
    assert field in fields_of(r)


def test_medicine_check(client):
    r = client.post("/v1/medicines/check", json={"query": "paracetamol", "weeks": 30})
    assert r.status_code == 200, r.text
    assert r.json()["medicine_id"] == "paracetamol"
    r = client.post("/v1/medicines/check", json={"query": "zzzqqq"})
    assert r.status_code == 200
    assert r.json()["verdict"] == "unknown"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"query": "ibuprofen", "weeks": 60}, "weeks"),
        ({"query": "ibuprofen", "weeks": "30"}, "weeks"),
        ({"query": "ibuprofen", "weeks": True}, "weeks"),
        ({"weeks": 30}, "query"),
        ({"query": ["a"]}, "query"),
        ({"query": "a", "week": 3}, "week"),
    ],
)
def test_medicine_bad_input(client, body, field):
    r = client.post("/v1/medicines/check", json=body)
    assert r.status_code == 422, r.text
    assert field in fields_of(r)


def test_medicine_unknown_field_suggests(client):
    r = client.post("/v1/medicines/check", json={"query": "a", "week": 3})
    assert fields_of(r)["week"]["suggestions"] == ["weeks"]


def test_vocabulary(client, pack):
    r = client.get("/v1/vocabulary")
    assert r.status_code == 200
    v = r.json()
    assert v["pack_version"] == pack.version
    ids = {f["id"] for f in v["findings"]}
    assert {"gestational_weeks", "fever"} <= ids
    weeks = next(f for f in v["findings"] if f["id"] == "gestational_weeks")
    assert weeks["range"] == [0, 44]
    assert next(t["id"] for t in v["triage_levels"]) == "emergency_ambulance"
    assert "max-age" in r.headers["cache-control"]


def test_healthz(client, pack):
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "database": "ok", "pack_version": pack.version}


def test_healthz_when_the_database_is_gone(client, monkeypatch):
    def down():
        raise OSError("connection refused")

    monkeypatch.setattr(client.app.state.service.store, "ping", down)
    r = client.get("/healthz")
    assert r.status_code == 503
    assert problem_of(r)["type"] == "urn:gravida:problem:database-unavailable"


def test_the_service_refuses_an_unknown_detail(client):
    from gravida.api.problems import ApiProblem
    from gravida.service.errors import InvalidRequest

    with pytest.raises(InvalidRequest) as err:
        client.app.state.service.assess({"gestational_weeks": 20}, detail="fulll")
    assert ApiProblem.from_service(err.value).status == 422
    assert err.value.errors[0].field == "detail"
    assert err.value.errors[0].suggestions == ("full",)
