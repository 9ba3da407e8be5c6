"""A server worker builds its app with the cyclic collector off and freezes its heap
once the warm-up is done (gravida.api.app.freeze_heap; docs/deploy.md "Performance")."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from gravida import server
from gravida.service import Service


def _frozen(obj: object) -> bool:
    """Tracked by the collector but in none of its generations: in the permanent one."""
    return gc.is_tracked(obj) and not any(o is obj for o in gc.get_objects())


def test_a_worker_freezes_what_its_start_up_built_after_the_warm_up(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, object] = {}
    build = server.create_app

    def create_app(*args: Any, **kwargs: Any) -> Any:
        seen["collector on while the app is built"] = gc.isenabled()
        return build(*args, **kwargs)

    def warm_up(self: Service) -> None:  # the real one loads every language: seconds
        seen["collector on while warming up"] = gc.isenabled()
        seen["frozen while warming up"] = _frozen(self)

    monkeypatch.setattr(server, "create_app", create_app)
    monkeypatch.setattr(Service, "warm_up", warm_up)
    monkeypatch.setenv("GRAVIDA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GRAVIDA_PURGE_INTERVAL_SECONDS", "0")
    enabled = gc.isenabled()
    gc.enable()
    try:
        app = server.app_from_env()  # uvicorn's factory in a worker
        # on again once built: an app served without its lifespan still collects
        assert gc.isenabled() and not _frozen(app.state.service)
        service = app.state.service
        with TestClient(app) as c:  # the lifespan: warm-up, then the heap frozen
            assert seen == {"collector on while the app is built": False,
                            "collector on while warming up": False,
                            "frozen while warming up": False}
            assert gc.isenabled()  # on again for the requests
            assert _frozen(service) and _frozen(service.pack)
            assert c.post("/v1/assess", json={"gestational_weeks": 30}).status_code == 200
    finally:
        gc.unfreeze()
        if enabled:
            gc.enable()
        else:
            gc.disable()


def test_an_app_made_for_tests_leaves_the_collector_alone(tmp_path: Path) -> None:
    """Without ``freeze_after_warm_up`` (every app the tests make) nothing is frozen:
    in a process that makes many apps, frozen objects would never be collected."""
    from gravida.api.app import create_app
    from gravida.settings import Settings

    before = gc.get_freeze_count()
    app = create_app(Settings(data_dir=tmp_path, purge_interval_seconds=0))
    with TestClient(app):
        assert gc.get_freeze_count() == before
        assert not _frozen(app.state.service)
