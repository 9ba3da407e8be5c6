"""Settings, the store's migrations and its database handling."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from gravida.settings import Settings, default_data_dir
from gravida.store import make_engine, upgrade
from gravida.store.db import normalise_url
from gravida.store.migrate import current_revision, head_revision
from gravida.store.models import Base

from .conftest import make_settings


def test_settings_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("GRAVIDA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GRAVIDA_RETENTION_DAYS", "7")
    monkeypatch.setenv("GRAVIDA_MAX_BODY_BYTES", "2048")
    monkeypatch.setenv("GRAVIDA_CORS_ORIGINS", "https://a.example,https://b.example")
    s = Settings()
    assert s.data_dir == tmp_path
    assert s.retention_days == 7 and s.max_body_bytes == 2048
    assert s.cors_origins == ["https://a.example", "https://b.example"]
    assert s.resolved_database_url == f"sqlite:///{(tmp_path / 'gravida.sqlite3').resolve()}"
    assert s.is_sqlite


def test_settings_defaults(monkeypatch):
    for k in ("GRAVIDA_DATA_DIR", "GRAVIDA_DATABASE_URL", "GRAVIDA_CORS_ORIGINS"):
        monkeypatch.delenv(k, raising=False)
    s = Settings()
    assert s.cors_origins == []
    assert s.host == "127.0.0.1"
    assert s.data_dir == default_data_dir()
    assert s.data_dir.name == "gravida"


def test_bad_settings_are_refused(monkeypatch):
    from pydantic import ValidationError

    monkeypatch.setenv("GRAVIDA_RETENTION_DAYS", "-3")
    with pytest.raises(ValidationError):
        Settings()


def test_postgres_urls_use_psycopg3():
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("sqlite:///x") == "sqlite:///x"


def test_sqlite_is_in_wal_mode_in_a_new_directory(tmp_path):
    s = make_settings(tmp_path / "deep" / "er")
    engine = make_engine(s)
    upgrade(s, engine)
    with engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(sa.text("PRAGMA busy_timeout")).scalar() >= 1000
    engine.dispose()
    assert (tmp_path / "deep" / "er" / "gravida.sqlite3").exists()


def test_migrations_build_exactly_the_models(backend):
    engine = make_engine(backend)
    upgrade(backend, engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    engine.dispose()
    assert diff == []


def test_concurrent_start_ups_migrate_once(tmp_path: Path):
    """Several workers starting at once against a fresh database: no error, one schema."""
    s = make_settings(tmp_path)
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def go() -> None:
        try:
            barrier.wait()
            upgrade(s)
        except BaseException as exc:  # pragma: no cover - the assertion reports it
            errors.append(exc)

    threads = [threading.Thread(target=go) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    engine = make_engine(s)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_upgrade_twice_is_harmless(backend):
    upgrade(backend)
    upgrade(backend)


def test_serve_refuses_bad_settings_and_databases(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from gravida.cli.serve import serve

    monkeypatch.setenv("GRAVIDA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GRAVIDA_RETENTION_DAYS", "-1")
    r = CliRunner().invoke(serve, [])
    assert r.exit_code == 2 and "retention_days" in r.output
    monkeypatch.delenv("GRAVIDA_RETENTION_DAYS")
    monkeypatch.setenv("GRAVIDA_DATABASE_URL", "nonsense")
    r = CliRunner().invoke(serve, [])
    assert r.exit_code == 1 and "cannot prepare the database" in r.output
