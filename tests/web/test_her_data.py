"""Her words in memory: the reading behind "What we understood" is used once, expires,
and goes when she deletes what she wrote; her text is stored only if she ticks it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from gravida.intake.evidence import ParseResult
from gravida.service import Service
from gravida.service.caches import ParseCarry

from .conftest import make_app

TEXT = "I am 26 weeks, my lower back aches and it burns when I pee"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def reading() -> ParseResult:
    return ParseResult(case={"present": ["fever"]}, evidence=[])


def test_a_reading_expires_after_its_time() -> None:
    clock = Clock()
    carry = ParseCarry(ttl=60, clock=clock)
    carry.put("en", "first", reading())
    clock.now += 30
    carry.put("en", "second", reading())
    assert len(carry) == 2
    clock.now += 31  # the first is 61 s old, the second 31 s
    assert carry.take("en", "first") is None
    assert len(carry) == 1
    assert carry.take("en", "second") is not None
    assert carry.take("en", "second") is None  # used once


def test_expire_drops_old_readings_without_a_request() -> None:
    clock = Clock()
    carry = ParseCarry(ttl=60, clock=clock)
    carry.put("en", "a", reading())
    assert carry.expire() == 0
    clock.now += 61
    assert carry.expire() == 1
    assert carry.take("en", "a") is None


def test_the_app_drops_an_abandoned_reading_on_its_own(tmp_path: Path) -> None:
    """She sees "What we understood" and leaves: no later request is needed to forget."""
    with TestClient(make_app(tmp_path, reading_ttl_seconds=1)) as c:
        assert "What we understood" in c.post("/start", data={"text": TEXT}).text
        held = service(c).readings._items  # looked at, not touched (len() would expire)
        assert held
        deadline = time.monotonic() + 30
        while held and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not held


def test_a_reading_put_again_starts_its_time_again() -> None:
    clock = Clock()
    carry = ParseCarry(ttl=60, clock=clock)
    carry.put("en", "a", reading())
    carry.put("en", "b", reading())
    clock.now += 50
    carry.put("en", "a", reading())  # read again: newest now
    clock.now += 20  # b is 70 s old and gone; a is 20 s old
    assert carry.take("en", "b") is None
    assert carry.take("en", "a") is not None


def test_no_time_keeps_no_reading_and_the_size_is_bounded() -> None:
    none = ParseCarry(ttl=0)
    none.put("en", "a", reading())
    assert len(none) == 0 and none.take("en", "a") is None
    small = ParseCarry(size=2, ttl=600)
    for t in ("a", "b", "c"):
        small.put("en", t, reading())
    assert len(small) == 2 and small.take("en", "a") is None


def test_forget_drops_the_reading_in_every_language() -> None:
    carry = ParseCarry()
    carry.put("en", "a", reading())
    carry.put("ru", "a", reading())
    carry.put("en", "b", reading())
    carry.forget("a")
    assert carry.take("en", "a") is None and carry.take("ru", "a") is None
    assert carry.take("en", "b") is not None


def service(client: TestClient) -> Service:
    svc: Service = client.app.state.service  # type: ignore[attr-defined]
    return svc


def test_the_setting_gives_the_reading_its_time(tmp_path: Path) -> None:
    with TestClient(make_app(tmp_path, reading_ttl_seconds=5)) as c:
        assert service(c).readings.ttl == 5
    with TestClient(make_app(tmp_path, reading_ttl_seconds=0)) as c:
        r = c.post("/start", data={"text": TEXT})
        assert r.status_code == 200 and "What we understood" in r.text
        assert len(service(c).readings) == 0  # nothing waits in memory


def test_continuing_takes_the_reading(client: TestClient) -> None:
    r = client.post("/start", data={"text": TEXT})
    assert "What we understood" in r.text
    assert len(service(client).readings) == 1
    form = {"step": "confirmed", "text": TEXT, "weeks": "26"}
    r = client.post("/start", data=form, follow_redirects=False)
    assert r.status_code == 303
    assert len(service(client).readings) == 0


@pytest.mark.parametrize("keep", [False, True])
def test_delete_what_i_wrote_drops_her_words(client: TestClient, keep: bool) -> None:
    form = {"text": TEXT, **({"keep_text": "yes"} if keep else {})}
    r = client.post("/start", data=form)
    assert "Delete what I wrote and start again" in r.text
    assert len(service(client).readings) == 1
    r = client.post("/start", data={**form, "step": "confirmed", "weeks": "26",
                                     "discard": "yes"}, follow_redirects=False)
    assert r.status_code == 303
    assert len(service(client).readings) == 0
    page = client.get(r.headers["location"])
    assert "What you wrote has been deleted." in page.text
    assert "burns when I pee" not in page.text  # the start page is empty again


@pytest.mark.parametrize("keep", [False, True])
def test_her_text_is_stored_only_if_she_ticks_it(client: TestClient, keep: bool) -> None:
    form = {"step": "confirmed", "text": TEXT, "weeks": "26",
            **({"keep_text": "yes"} if keep else {})}
    r = client.post("/start", data=form, follow_redirects=False)
    assert r.status_code == 303
    iid = r.headers["location"].split("/")[2]
    row = service(client).store.get(iid)
    assert row.text == (TEXT if keep else None)
