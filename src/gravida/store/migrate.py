"""Alembic, run from code: the schema is brought to head when a server starts.

Several workers (or machines) may start at once, so the upgrade runs under a
lock: an advisory lock on PostgreSQL, a file lock beside the SQLite file. The
second starter waits, then finds the schema at head and does nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from gravida.settings import Settings
from gravida.store.db import make_engine

# Any fixed 64-bit number; only Gravida's migrations take this lock.
PG_LOCK_KEY = 0x67726176_6964_61


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option(
        "script_location", str(Path(str(resources.files("gravida.store") / "migrations")))
    )
    return cfg


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # not on Unix: a single process is assumed
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def upgrade(settings: Settings, engine: sa.Engine | None = None) -> None:
    """Bring the database to the newest schema; safe to call from many processes at once."""
    own = engine is None
    eng = engine or make_engine(settings)
    try:
        cfg = alembic_config()
        if eng.dialect.name == "sqlite":
            db = eng.url.database
            lock = (
                Path(f"{db}.migrate-lock")
                if db and db != ":memory:" and not db.startswith("file:")
                else None
            )
            with _file_lock(lock) if lock else contextlib.nullcontext(), eng.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        else:
            with eng.begin() as conn:
                if eng.dialect.name == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
    finally:
        if own:
            eng.dispose()


def current_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
