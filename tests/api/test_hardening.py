"""Issue 18: one regression test per defect found by probing the API as an attacker would.

Numbers in the test names are the issue's numbered defects.
"""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from gravida.api.app import create_app
from gravida.api.problems import MAX_ERRORS
from gravida.service.requests import MAX_TEXT_CHARS
from gravida.web import views

from .conftest import fields_of, make_settings, problem_of

JSON = {"content-type": "application/json"}


def raw(client: TestClient, path: str, body: str, headers: dict[str, str] | None = None) -> Any:
    return client.post(path, content=body.encode(), headers=JSON if headers is None else headers)


# --- 1. lone surrogates -------------------------------------------------------------


@pytest.mark.parametrize(("path", "body", "field"), [
    ("/v1/parse", '{"text": "\\ud800"}', "text"),
    ("/v1/interviews", '{"gestational_weeks": 30, "text": "back pain \\udfff"}', "text"),
    ("/v1/assess", '{"gestational_weeks": 30, "\\ud800": 1}', "body"),
    ("/v1/assess", '{"gestational_weeks": 30, "present": ["fever", "\\ud83d"]}', "present[1]"),
])
def test_1_lone_surrogate_is_a_400_naming_the_field(client, path, body, field):
    r = raw(client, path, body)
    assert r.status_code == 400
    assert field in fields_of(r)


def test_1_a_surrogate_pair_is_text(client):
    r = raw(client, "/v1/parse", '{"text": "back pain \\ud83d\\ude22 at 30 weeks"}')
    assert r.status_code == 200


# --- 2. bounded cost ----------------------------------------------------------------


def test_2_thousands_of_unknown_ids_give_a_small_error(client):
    body = {"gestational_weeks": 30, "present": [f"u{i}" for i in range(5422)]}
    r = client.post("/v1/assess", json=body)
    assert r.status_code == 422
    assert len(r.content) < 4096
    assert "present" in fields_of(r)


def test_2_many_errors_are_capped_and_counted(client):
    body = {"gestational_weeks": 30, **{f"nope_{i}": 1 for i in range(90)}}
    r = client.post("/v1/assess", json=body)
    problem = problem_of(r)
    assert r.status_code == 422
    assert len(problem["errors"]) == MAX_ERRORS
    assert "and 70 more problems" in problem["detail"]


def test_2_the_api_takes_as_much_text_as_the_web_form(client):
    assert MAX_TEXT_CHARS == views.MAX_TEXT
    ok = client.post("/v1/parse", json={"text": "back pain. " + "x" * (MAX_TEXT_CHARS - 11)})
    assert ok.status_code == 200
    for path, extra in (("/v1/parse", {}), ("/v1/interviews", {"gestational_weeks": 30})):
        r = client.post(path, json={**extra, "text": "x" * (MAX_TEXT_CHARS + 1)})
        assert r.status_code == 422, path
        assert problem_of(r)["type"].endswith("text-too-long")
        assert "text" in fields_of(r)


def test_2_interview_creation_is_rate_limited_per_client(tmp_path):
    settings = make_settings(tmp_path, rate_limit_create="2/minute", rate_limit_text="1/minute")
    with TestClient(create_app(settings)) as c:
        for _ in range(2):
            assert c.post("/v1/interviews", json={"gestational_weeks": 30}).status_code == 201
        r = c.post("/v1/interviews", json={"gestational_weeks": 30})
        assert r.status_code == 429
        assert problem_of(r)["type"].endswith("rate-limited")
        assert 1 <= int(r.headers["retry-after"]) <= 60
        assert c.post("/v1/parse", json={"text": "back pain"}).status_code == 200
        r = c.post("/v1/parse", json={"text": "back pain"})
        assert r.status_code == 429 and "retry-after" in r.headers
        # other endpoints are not limited
        assert c.post("/v1/assess", json={"gestational_weeks": 30}).status_code == 200


def test_2_the_web_form_start_counts_against_the_same_limit(tmp_path):
    from gravida.server import create_app as create_server

    settings = make_settings(tmp_path, rate_limit_create="1/minute")
    with TestClient(create_server(settings)) as c:
        form = {"weeks": "30", "text": "my lower back aches"}
        first = c.post("/start", data=form, follow_redirects=False)
        assert first.status_code in (200, 303), first.text[:300]
        r = c.post("/start", data=form, follow_redirects=False)
        assert r.status_code == 429 and "retry-after" in r.headers
        assert c.post("/v1/interviews", json={"gestational_weeks": 30}).status_code == 429


def test_2_rate_limits_can_be_turned_off(tmp_path):
    settings = make_settings(tmp_path, rate_limit_create="1/minute", rate_limits=False)
    with TestClient(create_app(settings)) as c:
        for _ in range(3):
            assert c.post("/v1/interviews", json={"gestational_weeks": 30}).status_code == 201


# --- 4. JSON only as JSON -----------------------------------------------------------


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", ""])
def test_4_json_endpoints_refuse_other_content_types(client, content_type):
    for path in ("/v1/interviews", "/v1/assess", "/v1/parse"):
        r = raw(client, path, '{"gestational_weeks": 30, "text": "back pain"}',
                {"content-type": content_type} if content_type else {})
        assert r.status_code == 415, path
        assert "Content-Type" in fields_of(r)


def test_4_json_with_a_charset_is_json(client):
    r = raw(client, "/v1/assess", '{"gestational_weeks": 30}',
            {"content-type": "application/json; charset=utf-8"})
    assert r.status_code == 200


# --- 5. database outage -------------------------------------------------------------


def test_5_database_down_gives_503_with_retry_after(tmp_path):
    # A PostgreSQL URL where nothing listens: every endpoint that needs the database
    # says so, with when to retry; the ones that do not still work.
    settings = make_settings(
        tmp_path, database_url="postgresql+psycopg://u:p@127.0.0.1:9/none",
        migrate_on_start=False,
    )
    with TestClient(create_app(settings)) as c:
        iid = "A" * 32
        calls = [
            ("post", "/v1/interviews", {"gestational_weeks": 30}),
            ("get", f"/v1/interviews/{iid}", None),
            ("post", f"/v1/interviews/{iid}/answers",
             {"question": "fever", "answer": False, "version": 1}),
            ("post", f"/v1/interviews/{iid}/back", {"version": 2}),
            ("get", f"/v1/interviews/{iid}/result", None),
            ("delete", f"/v1/interviews/{iid}", None),
            ("get", "/healthz", None),
        ]
        for method, path, body in calls:
            r = c.request(method, path, json=body)
            assert r.status_code == 503, (method, path, r.text)
            assert problem_of(r)["type"].endswith("database-unavailable")
            assert int(r.headers["retry-after"]) > 0
        assert c.post("/v1/assess", json={"gestational_weeks": 30}).status_code == 200


# --- 6. silently wrong answers ------------------------------------------------------


def test_6_duplicate_keys_are_refused(client):
    r = raw(client, "/v1/assess", '{"gestational_weeks": 30, "gestational_weeks": 12}')
    assert r.status_code == 400
    assert "gestational_weeks" in fields_of(r)
    r = raw(client, "/v1/interviews/x/answers",
            '{"question": "fever", "answer": true, "answer": false, "version": 1}')
    assert r.status_code == 400 and "answer" in fields_of(r)


def test_6_impossible_blood_pressure_is_used_as_given_with_a_warning(client):
    r = client.post("/v1/assess?detail=core",
                    json={"gestational_weeks": 30, "systolic_bp": 60, "diastolic_bp": 150})
    assert r.status_code == 200
    assert any("diastolic_bp" in n and "systolic_bp" in n for n in r.json()["notes"])
    fine = client.post("/v1/assess?detail=core",
                       json={"gestational_weeks": 30, "systolic_bp": 120, "diastolic_bp": 80})
    assert not any("diastolic_bp" in n for n in fine.json()["notes"])


def test_6_measured_fever_wins_over_stated_absent_and_says_so(client):
    r = client.post("/v1/assess?detail=core",
                    json={"gestational_weeks": 30, "temperature_c": 40, "absent": ["fever"]})
    assert r.status_code == 200
    body = r.json()
    assert "fever" in body["evidence"]["present"]
    assert any("fever" in n and "temperature_c" in n for n in body["notes"])


# --- 7. the schema is what the code enforces ----------------------------------------


def test_7_repeated_ids_are_refused_as_the_schema_says(client):
    doc = client.get("/openapi.json").json()["components"]["schemas"]
    assert doc["Case"]["properties"]["present"]["anyOf"][0]["uniqueItems"] is True
    r = client.post("/v1/assess", json={"gestational_weeks": 30,
                                        "present": ["fever", "chills_rigors", "fever"]})
    assert r.status_code == 422 and "present[2]" in fields_of(r)
    r = client.post("/v1/interviews", json={"gestational_weeks": 30,
                                            "volunteered": ["pain_location", "pain_location"]})
    assert r.status_code == 422


def test_7_an_integral_float_is_an_integer_version(client):
    view = client.post("/v1/interviews", json={"gestational_weeks": 30}).json()
    q = view["question"]
    r = client.post(f"/v1/interviews/{view['id']}/answers",
                    json={"question": q["id"], "answer": None, "version": 1.0})
    assert r.status_code == 200, r.text
    r = client.post(f"/v1/interviews/{view['id']}/back", json={"version": 1.5})
    assert r.status_code == 422 and "version" in fields_of(r)


def test_7_over_long_medicine_query_is_refused_not_cut(client):
    r = client.post("/v1/medicines/check", json={"query": "p" * 501, "weeks": 30})
    assert r.status_code == 422 and "query" in fields_of(r)


# --- 8. her data --------------------------------------------------------------------


def test_8_database_file_is_private(tmp_path):
    data = tmp_path / "fresh" / "data"
    with TestClient(create_app(make_settings(data))) as c:
        assert c.post("/v1/interviews", json={"gestational_weeks": 30}).status_code == 201
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for f in data.glob("gravida.sqlite3*"):
        if f.suffix != ".migrate-lock":
            assert stat.S_IMODE(f.stat().st_mode) & 0o077 == 0, f


def test_8_secure_delete_is_set_by_the_app(settings):
    app = create_app(settings)
    db = app.state.service.store.engine
    with db.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def test_8_she_can_delete_her_interview(client, settings):
    view = client.post("/v1/interviews", json={"gestational_weeks": 30, "text": "a secret",
                                               "keep_text": True}).json()
    iid = view["id"]
    r = client.delete(f"/v1/interviews/{iid}")
    assert r.status_code == 204 and not r.content
    assert client.get(f"/v1/interviews/{iid}").status_code == 404
    assert client.delete(f"/v1/interviews/{iid}").status_code == 404
    path = Path(settings.data_dir) / "gravida.sqlite3"
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    assert b"a secret" not in path.read_bytes()


def test_problem_bodies_are_json_even_when_huge_input_ids_are_echoed(client):
    long_id = "x" * 5000
    r = client.post("/v1/assess", json={"gestational_weeks": 30, "present": [long_id]})
    assert r.status_code == 422
    assert len(json.dumps(r.json())) < 2000


def test_2_a_slow_text_request_does_not_hold_up_the_workers_other_requests(settings):
    """Reading free text runs in a thread: while one is stuck, assessments are answered.

    Free text is the request whose cost grows with the input; the assessments (core and
    full) are bounded by the pack and computed on the event loop (docs/deploy.md).
    """
    import asyncio
    import threading

    import httpx

    app = create_app(settings)
    service = app.state.service
    release = threading.Event()
    real = service.parse

    def slow_parse(body: Any, lang: str | None = None) -> Any:
        assert release.wait(10), "never released"
        return real(body, lang)

    service.parse = slow_parse

    async def scenario() -> tuple[int, int, int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            text = asyncio.create_task(c.post("/v1/parse", json={"text": "back pain"}))
            await asyncio.sleep(0.05)
            core = await asyncio.wait_for(
                c.post("/v1/assess?detail=core", json={"gestational_weeks": 30}), timeout=5)
            full = await asyncio.wait_for(
                c.post("/v1/assess", json={"gestational_weeks": 30}), timeout=5)
            assert not text.done()  # still stuck, yet both assessments were answered
            release.set()
            return core.status_code, full.status_code, (await text).status_code

    assert asyncio.run(scenario()) == (200, 200, 200)
