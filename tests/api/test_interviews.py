"""Interviews over HTTP, on SQLite and (when available) PostgreSQL: the whole flow,
bad input, versioned answers (409 for the loser of a race), restarts, retention."""

from __future__ import annotations

import base64
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from gravida.api.app import create_app
from gravida.store import InterviewStore, VersionConflict, make_engine
from gravida.store.repo import utcnow

from .conftest import answer_for, fields_of, problem_of

START = {"gestational_weeks": 24, "present": ["pain_lower_back_central"]}


def start(c: TestClient, body: dict | None = None) -> dict:
    r = c.post("/v1/interviews", json=body or START)
    assert r.status_code == 201, r.text
    return r.json()


def post_answer(c: TestClient, view: dict, value=None, question=None):
    q = question or view["question"]["id"]
    v = answer_for(view["question"]) if value is None and question is None else value
    return c.post(f"/v1/interviews/{view['id']}/answers",
                  json={"question": q, "answer": v, "version": view["version"]})


def finish(c: TestClient, view: dict, limit: int = 60) -> dict:
    for _ in range(limit):
        if view["finished"]:
            return view
        r = post_answer(c, view)
        assert r.status_code == 200, r.text
        view = r.json()
    raise AssertionError("the interview did not finish")


def test_whole_interview(db_client):
    c = db_client
    view = start(c)
    assert view["version"] == 1 and not view["finished"]
    assert view["question"]["id"] and view["question"]["text"]
    assert view["case"]["gestational_weeks"] == 24
    r = c.get(f"/v1/interviews/{view['id']}")
    assert r.status_code == 200
    assert r.json() == view
    assert r.headers["cache-control"] == "no-store"
    assert r.headers["etag"] == '"1"'

    done = finish(c, view)
    assert done["question"] is None
    assert done["result"]["finished"] is True
    assert done["result"]["stop_reason"]
    assert done["questions_asked"] == len(done["answers"]) == done["version"] - 1
    r = c.get(f"/v1/interviews/{view['id']}/result")
    assert r.status_code == 200
    assert r.json() == done["result"]
    assert r.json()["assessment"]["triage"]["level"]


def test_result_while_going_on(db_client):
    view = start(db_client)
    r = db_client.get(f"/v1/interviews/{view['id']}/result")
    assert r.status_code == 200
    assert r.json()["finished"] is False
    assert r.json()["assessment"]["conditions"]


def test_ids_are_long_random_and_url_safe(client):
    ids = {start(client)["id"] for _ in range(20)}
    assert len(ids) == 20
    for i in ids:
        raw = base64.urlsafe_b64decode(i + "=" * (-len(i) % 4))
        assert len(raw) * 8 >= 128


def test_unknown_interview_is_404(db_client):
    for path in ("/v1/interviews/nope", "/v1/interviews/nope/result",
                 "/v1/interviews/" + "x" * 500):
        r = db_client.get(path)
        assert r.status_code == 404
        assert problem_of(r)["type"] == "urn:gravida:problem:interview-not-found"
    r = db_client.post("/v1/interviews/nope/answers",
                       json={"question": "fever", "answer": True, "version": 1})
    assert r.status_code == 404
    r = db_client.post("/v1/interviews/nope/back", json={"version": 1})
    assert r.status_code == 404


def test_stale_version_is_409(db_client):
    view = start(db_client)
    r = post_answer(db_client, view)
    assert r.status_code == 200
    r = post_answer(db_client, view)  # same version again
    assert r.status_code == 409
    p = problem_of(r)
    assert p["type"] == "urn:gravida:problem:version-conflict"
    assert "version" in fields_of(r)
    # nothing changed by the loser
    now = db_client.get(f"/v1/interviews/{view['id']}").json()
    assert now["version"] == 2 and now["questions_asked"] == 1


def test_racing_answers_one_wins_one_gets_409(db_client):
    view = start(db_client)
    n = 6
    barrier = threading.Barrier(n)
    codes: list[int] = []
    lock = threading.Lock()

    def go() -> None:
        barrier.wait()
        r = post_answer(db_client, view)
        with lock:
            codes.append(r.status_code)

    threads = [threading.Thread(target=go) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [200] + [409] * (n - 1), codes
    now = db_client.get(f"/v1/interviews/{view['id']}").json()
    assert now["version"] == 2 and len(now["answers"]) == 1


def test_the_store_refuses_a_second_write_of_one_version(backend):
    engine = make_engine(backend)
    from gravida.store import upgrade

    upgrade(backend, engine)
    store = InterviewStore(engine)
    row = store.create(state={"s": 1}, question=None, result=None, finished=False,
                       pack_version="p")
    store.update(row.id, 1, state={"s": 2}, question=None, result=None, finished=False,
                 pack_version="p")
    with pytest.raises(VersionConflict) as e:
        store.update(row.id, 1, state={"s": 3}, question=None, result=None, finished=False,
                     pack_version="p")
    assert e.value.current == 2
    assert store.get(row.id).state == {"s": 2}
    engine.dispose()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"answer": True, "version": 1}, "question"),
        ({"question": "fevr", "answer": True, "version": 1}, "question"),
        ({"question": "fever", "version": 1}, "answer"),
        ({"question": "fever", "answer": True}, "version"),
        ({"question": "fever", "answer": True, "version": "1"}, "version"),
        ({"question": "fever", "answer": True, "version": 1, "extra": 1}, "extra"),
        ({"question": "fever", "answer": "purple", "version": 1}, "answer"),
        ({"question": "fever", "answer": [[1]], "version": 1}, "answer"),
        ({"question": "fever", "answer": {"a": [1]}, "version": 1}, "answer"),
    ],
)
def test_bad_answers_are_422(client, body, field):
    view = start(client)
    r = client.post(f"/v1/interviews/{view['id']}/answers", json=body)
    assert r.status_code == 422, r.text
    assert field in fields_of(r)


def test_unknown_question_suggests(client):
    view = start(client)
    r = client.post(f"/v1/interviews/{view['id']}/answers",
                    json={"question": "fevr", "answer": True, "version": 1})
    assert "fever" in fields_of(r)["question"]["suggestions"]


def test_answers_of_the_wrong_shape_to_real_questions(client):
    """Whatever the current question, nonsense answers are refused, never a 500."""
    view = start(client)
    for value in ("purple", [[1]], {"x": {"y": 1}}, 1e300, -5, [None], [True, 3], {"": 1},
                  "120/80/40", ["pain_lower_back_central", "nope"]):
        r = post_answer(client, view, value=value)
        assert r.status_code in (200, 422), (value, r.text)
        if r.status_code == 200:
            view = r.json()
            if view["finished"]:
                break
        else:
            problem_of(r)


def test_finished_interview_refuses_answers_until_back(client):
    view = finish(client, start(client))
    r = client.post(f"/v1/interviews/{view['id']}/answers",
                    json={"question": "fever", "answer": True, "version": view["version"]})
    assert r.status_code == 409
    assert problem_of(r)["type"] == "urn:gravida:problem:interview-finished"
    r = client.post(f"/v1/interviews/{view['id']}/back", json={"version": view["version"]})
    assert r.status_code == 200, r.text
    back = r.json()
    assert not back["finished"] and back["questions_asked"] == view["questions_asked"] - 1
    assert back["version"] == view["version"] + 1


def test_back_with_nothing_to_undo(client):
    view = start(client)
    r = client.post(f"/v1/interviews/{view['id']}/back", json={"version": 1})
    assert r.status_code == 409
    assert problem_of(r)["type"] == "urn:gravida:problem:nothing-to-undo"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"present": ["pain_flank"]}, "gestational_weeks"),
        ({"gestational_weeks": 24, "present": ["fevr"]}, "present[0]"),
        ({"gestational_weeks": 24, "text": 5}, "text"),
        ({"gestational_weeks": 24, "keep_text": "yes", "text": "x"}, "keep_text"),
        ({"gestational_weeks": 24, "volunteered": ["pain_locaton"]}, "volunteered[0]"),
        ({"gestational_weeks": 24, "volunteered": "pain_location"}, "volunteered"),
    ],
)
def test_bad_starts_are_422(client, body, field):
    r = client.post("/v1/interviews", json=body)
    assert r.status_code == 422, r.text
    assert field in fields_of(r)


def test_keep_text_without_text_keeps_nothing(client):
    """The schema allows keep_text alone; the documented resolution is that nothing is kept."""
    r = client.post("/v1/interviews", json={"gestational_weeks": 24, "keep_text": True})
    assert r.status_code == 201, r.text
    assert r.json()["text_kept"] is False


def test_start_from_text_reads_it_and_does_not_keep_it(client, settings):
    text = "I'm 26 weeks pregnant and my lower back has ached for a week."
    r = client.post("/v1/interviews", json={"text": text})
    assert r.status_code == 201, r.text
    view = r.json()
    assert view["case"]["gestational_weeks"] == 26
    assert view["parsed"]["case"]["gestational_weeks"] == 26
    assert view["text_kept"] is False
    engine = sa.create_engine(settings.resolved_database_url)
    with engine.connect() as conn:
        row = conn.execute(sa.text("SELECT * FROM interviews WHERE id = :i"),
                           {"i": view["id"]}).mappings().one()
    engine.dispose()
    assert row["text"] is None
    assert "ached" not in " ".join(str(v) for v in row.values())
    # what she said is stored as findings, not as words
    assert "parsed" not in client.get(f"/v1/interviews/{view['id']}").json()


def test_text_is_kept_only_when_asked(client, settings):
    text = "I'm 26 weeks pregnant, low back pain."
    view = client.post("/v1/interviews", json={"text": text, "keep_text": True}).json()
    assert view["text_kept"] is True
    store = client.app.state.service.store
    assert store.get(view["id"]).text == text


def test_given_findings_override_the_text(client):
    r = client.post("/v1/interviews", json={"text": "I'm 26 weeks pregnant, I have a fever.",
                                            "gestational_weeks": 27, "absent": ["fever"]})
    assert r.status_code == 201, r.text
    case = r.json()["case"]
    assert case["gestational_weeks"] == 27
    assert "fever" in case["absent"] and "fever" not in case["present"]


def test_interviews_survive_a_restart(backend):
    with TestClient(create_app(backend)) as c1:
        view = start(c1)
        view = post_answer(c1, view).json()
    with TestClient(create_app(backend)) as c2:  # a new app: nothing shared but the database
        again = c2.get(f"/v1/interviews/{view['id']}").json()
        assert again == view
        r = post_answer(c2, again)
        assert r.status_code == 200, r.text
        assert r.json()["version"] == view["version"] + 1
        finish(c2, r.json())


def test_retention_purge(backend):
    with TestClient(create_app(backend)) as c:
        old = start(c)
        store = c.app.state.service.store
        later = utcnow() + timedelta(days=backend.retention_days + 1)
        kept = start(c)
        assert store.purge(0, now=later) == 0  # 0 keeps everything
        n = store.purge(backend.retention_days, now=later)
        assert n >= 2
        assert c.get(f"/v1/interviews/{old['id']}").status_code == 404
        assert c.get(f"/v1/interviews/{kept['id']}").status_code == 404
        fresh = start(c)
        store.purge(backend.retention_days)
        assert c.get(f"/v1/interviews/{fresh['id']}").status_code == 200


def test_purge_on_start_up(tmp_path):
    from .conftest import make_settings

    s = make_settings(tmp_path, retention_days=1)
    with TestClient(create_app(s)) as c:
        view = start(c)
        store = c.app.state.service.store
        with store.engine.begin() as conn:
            conn.execute(sa.text("UPDATE interviews SET updated_at = :t"),
                         {"t": utcnow() - timedelta(days=3)})
    with TestClient(create_app(s)) as c:
        assert c.get(f"/v1/interviews/{view['id']}").status_code == 404


def test_purge_cli(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from gravida.cli.serve import purge

    from .conftest import make_settings

    monkeypatch.setenv("GRAVIDA_DATA_DIR", str(tmp_path))
    s = make_settings(tmp_path)
    with TestClient(create_app(s)) as c:
        start(c)
        with c.app.state.service.store.engine.begin() as conn:
            conn.execute(sa.text("UPDATE interviews SET updated_at = :t"),
                         {"t": utcnow() - timedelta(days=40)})
    r = CliRunner().invoke(purge, [])
    assert r.exit_code == 0, r.output
    assert "purged 1 interview" in r.output
    r = CliRunner().invoke(purge, ["--days", "-1"])
    assert r.exit_code == 2


def test_two_workers_take_turns_on_one_interview(backend):
    """Workers share nothing but the database: alternate answers between two apps."""
    with TestClient(create_app(backend)) as a, TestClient(create_app(backend)) as b:
        view = start(a)
        clients = [b, a]
        for n in range(60):
            if view["finished"]:
                break
            r = post_answer(clients[n % 2], view)
            assert r.status_code == 200, r.text
            view = r.json()
        assert view["finished"]
        assert a.get(f"/v1/interviews/{view['id']}").json() == view
        assert b.get(f"/v1/interviews/{view['id']}/result").json() == view["result"]
        # a stale version is refused by the worker that cached the older session too
        r = post_answer(a, {**view, "finished": False, "version": view["version"] - 1,
                            "question": {"id": "fever", "kind": "yes_no"}})
        assert r.status_code == 409


def test_a_worker_answering_from_its_cached_row_refuses_as_the_store_says(backend):
    """A worker answers from the row it wrote last without reading it again; when another
    worker has moved the interview on (or deleted it), she gets the same refusal as a
    worker that read the store: 409 for a stale version (even with a bad answer), 404
    once deleted."""
    with TestClient(create_app(backend)) as a, TestClient(create_app(backend)) as b:
        view = start(a)  # a holds this version's row
        assert post_answer(b, view).status_code == 200  # b moves it on
        r = post_answer(a, view)
        assert r.status_code == 409
        assert problem_of(r)["type"] == "urn:gravida:problem:version-conflict"
        r = post_answer(a, view, value="not an answer")
        assert r.status_code == 409, r.text
        assert problem_of(r)["type"] == "urn:gravida:problem:version-conflict"
        now = b.get(f"/v1/interviews/{view['id']}").json()
        assert now["version"] == 2 and now["questions_asked"] == 1
        mine = post_answer(a, now).json()  # a answers the current version: a holds its row
        assert b.delete(f"/v1/interviews/{view['id']}").status_code in (200, 204)
        for value in (None, "not an answer"):
            r = post_answer(a, mine, value=value)
            assert r.status_code == 404, r.text


def test_an_interview_the_pack_no_longer_accepts_is_409_stale(client):
    view = post_answer(client, start(client)).json()
    store = client.app.state.service.store
    row = store.get(view["id"])
    state = {**row.state, "session": {**row.state["session"],
                                      "answers": [{"question": "no_such_question",
                                                   "answer": True}]}}
    with store.engine.begin() as conn:  # as if written under another pack
        conn.execute(sa.text("UPDATE interviews SET state = :s, version = version + 1"),
                     {"s": __import__("json").dumps(state)})
    r = post_answer(client, {**view, "version": view["version"] + 1})
    assert r.status_code == 409
    assert problem_of(r)["type"] == "urn:gravida:problem:interview-stale"
    r = client.get(f"/v1/interviews/{view['id']}/result")
    assert r.status_code == 409


HEADACHE_TEXT = ("I am 30 weeks pregnant. My lower back aches, and since this morning I have "
                 "a severe headache that will not go away.")


def test_a_reading_of_her_words_that_alone_holds_an_emergency_is_asked_back(client):
    """Her text read as an emergency sign: asked back once ("confirm"), and her "no"
    replaces the reading; the same finding on the structured form is never asked back."""
    view = start(client, {"text": HEADACHE_TEXT})
    assert "severe_headache" in view["case"]["present"]
    q = view["question"]
    assert q["purpose"] == "confirm" and q["id"] == "severe_headache"
    assert q["kind"] == "yes_no" and "headache" in q["text"]
    r = post_answer(client, view, False)
    assert r.status_code == 200, r.text
    after = r.json()
    assert "severe_headache" in after["case"]["absent"]
    assert after["question"] is not None and after["question"]["purpose"] != "confirm"
    # stored and resumed: the confirmation replays from the stored state
    assert client.get(f"/v1/interviews/{view['id']}").json()["case"] == after["case"]
    done = finish(client, after)
    assert done["result"]["assessment"]["triage"]["level"] not in (
        "emergency", "emergency_ambulance")
    # said on the form as well as in her words: not a reading, never asked back
    both = start(client, {"text": HEADACHE_TEXT, "present": ["severe_headache"]})
    assert both["question"] is None or both["question"]["purpose"] != "confirm"


@pytest.mark.parametrize(
    ("headers", "text", "words"),
    [
        ({}, "I'm pregnant and my lower back hurts, no fever.", "is required"),
        ({"Accept-Language": "ru"}, "Беременна, болит поясница, температуры нет.", "недел"),
    ],
)
def test_a_text_without_her_weeks_is_asked_them_not_refused_blindly(
    client, headers, text, words
):
    """Her words give no weeks: the start is refused with the weeks named as the one
    field to ask her for, in her language (never a crash, never a guessed number);
    sent again with the weeks she gives, the same text starts the interview."""
    r = client.post("/v1/interviews", json={"text": text}, headers=headers)
    assert r.status_code == 422, r.text
    assert list(fields_of(r)) == ["gestational_weeks"]
    assert words in fields_of(r)["gestational_weeks"]["message"]
    parsed = client.post("/v1/parse", json={"text": text}, headers=headers)
    assert parsed.status_code == 200 and parsed.json()["warnings"], parsed.text
    r = client.post("/v1/interviews", json={"text": text, "gestational_weeks": 29},
                    headers=headers)
    assert r.status_code == 201, r.text
    assert r.json()["case"]["gestational_weeks"] == 29
    assert "pain_lower_back_central" in r.json()["case"]["present"]
