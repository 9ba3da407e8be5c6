"""API fixtures: an app per test on a fresh SQLite file, or on PostgreSQL when available.

PostgreSQL tests run when GRAVIDA_TEST_DATABASE_URL names a database (.ci/run
starts one); otherwise they are skipped, never silently passed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from gravida.api.app import create_app
from gravida.settings import Settings

PG_URL = os.environ.get("GRAVIDA_TEST_DATABASE_URL")
needs_pg = pytest.mark.skipif(not PG_URL, reason="GRAVIDA_TEST_DATABASE_URL is not set")


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    base: dict[str, Any] = {"data_dir": data_dir, "purge_interval_seconds": 0}
    base.update(overrides)
    return Settings(**base)


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture()
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=needs_pg)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings for each database the store supports."""
    if request.param == "postgresql":
        return make_settings(tmp_path, database_url=PG_URL)
    return make_settings(tmp_path)


@pytest.fixture()
def db_client(backend: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(backend)) as c:
        yield c


def problem_of(r: Any) -> dict[str, Any]:
    """The problem body of an error response, after checking it is one."""
    assert r.headers["content-type"] == "application/problem+json", r.text
    body: dict[str, Any] = r.json()
    assert body["status"] == r.status_code
    assert body["title"] and body["detail"] and body["type"]
    assert "Traceback" not in r.text
    return body


def fields_of(r: Any) -> dict[str, dict[str, Any]]:
    return {e["field"]: e for e in problem_of(r).get("errors", [])}


def answer_for(question: dict[str, Any]) -> Any:
    """A plausible reply: no to yes/no, don't know to numbers and groups, the first choice."""
    if question["kind"] == "yes_no":
        return False
    if question["kind"] == "choose":
        return [question["options"][0]["finding"]]
    return None
