"""The fast routes (gravida.api.fast) answer exactly as FastAPI's routes do.

Every request is sent twice to the same app: as is (the fast path takes the
ordinary ones) and with an extra query parameter the routes ignore, which sends
it on to FastAPI. Status, headers and body must be the same.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from gravida.api import fast, routes

JSON = {"content-type": "application/json"}
CASE = {"gestational_weeks": 30, "present": ["fever", "pain_flank"],
        "absent": ["contractions_regular"]}
START = {"gestational_weeks": 24, "present": ["pain_lower_back_central"]}


def _via_fastapi(url: str) -> str:
    return url + ("&" if "?" in url else "?") + "via=fastapi"


def _same(a: Any, b: Any, ids: tuple[str, ...] = ()) -> None:
    """The two responses are equal, but for interview ids and times (each interview its own)."""
    def norm(r: Any) -> tuple[int, list[tuple[str, str]], str]:
        text = r.text
        headers = [(k, v) for k, v in r.headers.items()]
        for i in ids:
            text = text.replace(i, "ID")
            headers = [(k, v.replace(i, "ID")) for k, v in headers]
        text = re.sub(r'"(created|updated)_at":"[^"]*"', r'"\1_at":"T"', text)
        if ids:  # the times' lengths differ, and with them Content-Length
            headers = [(k, v) for k, v in headers if k != "content-length"]
        return r.status_code, headers, text

    assert norm(a) == norm(b)


def test_the_fast_path_takes_ordinary_requests_and_leaves_the_rest():
    def scope(method: str, path: str, query: bytes = b"") -> dict[str, Any]:
        return {"type": "http", "method": method, "path": path, "query_string": query,
                "root_path": ""}

    assert fast.route(scope("POST", "/v1/assess")) is not None
    assert fast.route(scope("POST", "/v1/assess", b"detail=core")) is not None
    assert fast.route(scope("POST", "/v1/interviews/abc/answers")) == (fast._answer, "abc")
    assert fast.route(scope("GET", "/v1/interviews/abc")) == (fast._get, "abc")
    for method, path, query in [
        ("POST", "/v1/assess", b"detail=nope"), ("POST", "/v1/assess", b"advice=true"),
        ("POST", "/v1/assess/", b""), ("GET", "/v1/assess", b""),
        ("POST", "/v1/interviews", b"via=fastapi"), ("DELETE", "/v1/interviews/abc", b""),
        ("POST", "/v1/interviews//answers", b""), ("POST", "/v1/interviews/a/b/answers", b""),
        ("GET", "/v1/vocabulary", b""),
    ]:
        assert fast.route(scope(method, path, query)) is None, (method, path, query)
    assert fast.route({**scope("POST", "/v1/assess"), "root_path": "/api"}) is None


def test_the_app_uses_the_fast_path(client, monkeypatch):
    calls = []
    real = routes.assess

    async def counted(*args: Any) -> Any:
        calls.append(args)
        return await real(*args)

    monkeypatch.setattr(routes, "assess", counted)  # FastAPI keeps the original
    assert client.post("/v1/assess", json=CASE).status_code == 200
    assert len(calls) == 1
    assert client.post(_via_fastapi("/v1/assess"), json=CASE).status_code == 200
    assert len(calls) == 1


@pytest.mark.parametrize(("query", "body", "headers"), [
    ("", CASE, JSON),
    ("?detail=core", CASE, JSON),
    ("?detail=full", CASE, JSON),
    ("", {**CASE, "lang": "ru"}, JSON),
    ("", CASE, {**JSON, "accept-language": "ru"}),
    ("?detail=core", CASE, {**JSON, "accept-language": "de, ru;q=0.5"}),
    ("", {"gestational_weeks": 30, "present": ["fevr"]}, {**JSON, "accept-language": "ru"}),
    ("", {"gestational_weeks": 99}, JSON),
    ("", b'{"gestational_weeks": 30, "gestational_weeks": 31}', JSON),
    ("", b'{"gestational_weeks": ', JSON),
    ("", b"", JSON),
    ("", b'{"present": ["\\ud800"]}', JSON),
    ("", CASE, {"content-type": "text/plain"}),
    ("?detail=core", [1, 2], JSON),
])
def test_assess_answers_as_fastapi_does(client, query, body, headers):
    content = body if isinstance(body, bytes) else routes.orjson.dumps(body)
    a = client.post("/v1/assess" + query, content=content, headers=headers)
    b = client.post(_via_fastapi("/v1/assess" + query), content=content, headers=headers)
    _same(a, b)


def test_interviews_answer_as_fastapi_does(client):
    def start(url: str, body: Any) -> Any:
        return client.post(url, json=body, headers={"accept-language": "ru"})

    for body in ({"gestational_weeks": "x"}, {"text": 5}, []):
        _same(start("/v1/interviews", body), start(_via_fastapi("/v1/interviews"), body))

    a, b = start("/v1/interviews", START), start(_via_fastapi("/v1/interviews"), START)
    one, two = a.json(), b.json()
    ids = (one["id"], two["id"])
    _same(a, b, ids)
    base = {one["id"]: "/v1/interviews/" + one["id"], two["id"]: "/v1/interviews/" + two["id"]}
    for _ in range(3):  # the same answers to each, one through each path
        q = one["question"]
        answer = {"question": q["id"], "answer": False if q["kind"] == "yes_no" else None,
                  "version": one["version"]}
        a = client.post(base[one["id"]] + "/answers", json=answer)
        b = client.post(_via_fastapi(base[two["id"]] + "/answers"), json=answer)
        _same(a, b, ids)
        one, two = a.json(), b.json()
    for suffix in ("", "/result"):
        _same(client.get(base[one["id"]] + suffix),
              client.get(_via_fastapi(base[two["id"]] + suffix)), ids)
    for body in ({"version": 1}, {"version": one["version"]}, {"version": "x"}, [], {}):
        a = client.post(base[one["id"]] + "/back", json=body)
        b = client.post(_via_fastapi(base[two["id"]] + "/back"), json=body)
        _same(a, b, ids)
    stale = {"question": "fever", "answer": True, "version": 1}
    _same(client.post(base[one["id"]] + "/answers", json=stale),
          client.post(_via_fastapi(base[two["id"]] + "/answers"), json=stale), ids)
    _same(client.post(base[one["id"]] + "/answers", content=b"{", headers=JSON),
          client.post(_via_fastapi(base[two["id"]] + "/answers"), content=b"{", headers=JSON),
          ids)
    for path in ("/v1/interviews/nope", "/v1/interviews/nope/result",
                 "/v1/interviews/" + "x" * 100):
        _same(client.get(path), client.get(_via_fastapi(path)))
    _same(client.post("/v1/interviews/nope/answers", json=stale),
          client.post(_via_fastapi("/v1/interviews/nope/answers"), json=stale))


def test_limits_and_headers_still_apply_on_the_fast_path(tmp_path):
    from gravida.api.app import create_app

    from .conftest import make_settings

    settings = make_settings(tmp_path, max_body_bytes=1024, cors_origins=["https://a.example"])
    with TestClient(create_app(settings)) as c:
        r = c.post("/v1/assess", json={**CASE, "padding": "x" * 2000})
        assert r.status_code == 413
        r = c.post("/v1/assess?detail=core", json={"gestational_weeks": 30},
                   headers={"origin": "https://a.example"})
        assert r.status_code == 200
        assert r.headers["access-control-allow-origin"] == "https://a.example"
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(("local", "emergency", "on_loop"), [
    (True, False, True), (True, True, False), (False, False, False)])
def test_where_an_answer_is_decided(client, monkeypatch, local, emergency, on_loop):
    """SQLite (a local file): the next question is chosen and stored on the event loop,
    no hand-over to a thread, unless an emergency is shown (its checks take longest);
    a store whose writes wait on a network (PostgreSQL): always in a worker thread."""
    import asyncio

    from gravida.service.interviews import Answering

    service = client.app.state.service
    service.store.local = local
    monkeypatch.setattr(Answering, "emergency", property(lambda self: emergency))
    seen: list[bool] = []
    real = Answering.finish

    def finish(self: Answering) -> Any:
        try:
            asyncio.get_running_loop()
            seen.append(True)  # this thread runs the event loop
        except RuntimeError:
            seen.append(False)
        return real(self)

    monkeypatch.setattr(Answering, "finish", finish)
    view = client.post("/v1/interviews", json=START).json()
    q = view["question"]
    body = {"question": q["id"], "answer": None, "version": view["version"]}
    r = client.post(f"/v1/interviews/{view['id']}/answers", json=body)
    assert r.status_code == 200
    assert seen == [on_loop]
    # the same answer again: the version is stale, a 409 from either path
    assert client.post(f"/v1/interviews/{view['id']}/answers", json=body).status_code == 409
