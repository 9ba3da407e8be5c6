"""Database engines: SQLite tuned for a single machine, PostgreSQL for many.

SQLite runs in WAL mode (readers never block the writer, a crashed process
loses nothing committed) with a busy timeout, so several uvicorn workers on
one machine can share the file; the SQLite file's directory is created on
first use so the default needs no setup.

Her answers are health data: a directory Gravida creates is 0700 and the
database file is created 0600 (SQLite gives its -wal and -shm files the
database file's mode); ``secure_delete`` makes SQLite overwrite deleted rows
with zeros rather than leave them in free pages, whatever the build's default.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from gravida.settings import Settings

BUSY_TIMEOUT_MS = 30_000


def _dumps(value: Any) -> str:
    """JSON columns (an interview's state, question, result) written by orjson: the state
    of a finished interview is tens of kilobytes, written on every answer."""
    return orjson.dumps(value, option=orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS).decode()


JSON_CODEC: dict[str, Any] = {"json_serializer": _dumps, "json_deserializer": orjson.loads}
# Seconds to wait for a PostgreSQL connection before the request fails (503, retry).
PG_CONNECT_TIMEOUT = 5


def private_file(path: Path) -> None:
    """Create the database file readable by its owner only, in a directory only the owner
    can enter (a directory that already exists keeps its mode: the operator chose it)."""
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def normalise_url(url: str) -> str:
    """``postgres://`` and ``postgresql://`` mean psycopg 3, the driver we ship."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(settings: Settings, url: str | None = None) -> sa.Engine:
    """An Engine for ``url`` (default: the settings' database)."""
    raw = normalise_url(url or settings.resolved_database_url)
    parsed = make_url(raw)
    if parsed.get_backend_name() == "sqlite":
        db = parsed.database
        if db and db != ":memory:" and not db.startswith("file:"):
            private_file(Path(db))
        engine = sa.create_engine(
            raw,
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
            pool_size=settings.db_pool_size,
            max_overflow=20,
            **JSON_CODEC,
        )
        synchronous = settings.sqlite_synchronous

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA synchronous={synchronous}")
            cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA secure_delete=ON")
            cur.close()

        return engine
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql":
        connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT
    return sa.create_engine(
        raw, pool_size=settings.db_pool_size, max_overflow=10, pool_pre_ping=True,
        pool_timeout=10, connect_args=connect_args, **JSON_CODEC,
    )
