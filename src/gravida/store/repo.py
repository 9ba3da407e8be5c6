"""The interview repository: create, read, versioned update, purge.

Every write is one statement guarded by the version the writer read
(``UPDATE ... WHERE id = :id AND version = :read``), so two answers racing on
one interview cannot both land: the database picks one, the other finds no
row to update and gets VersionConflict (HTTP 409). No lock is held between
requests, so any worker on any machine can serve any interview.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import sqlalchemy as sa

from gravida.knowledge.frozen import quick_init
from gravida.store.gate import write_gate
from gravida.store.hot import Raw, Statement
from gravida.store.models import InterviewRow

# 24 random bytes: 192 bits, 32 URL-safe characters. Ids are bearer secrets.
ID_BYTES = 24


def new_id() -> str:
    return secrets.token_urlsafe(ID_BYTES)


def utcnow() -> datetime:
    return datetime.now(UTC)


def _aware(dt: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


class NotFound(LookupError):
    """No interview with that id (never existed, or purged)."""


class VersionConflict(RuntimeError):
    """The interview changed since the caller read it."""

    def __init__(self, expected: int, current: int | None) -> None:
        self.expected, self.current = expected, current
        super().__init__(f"expected version {expected}, current is {current}")


@quick_init
@dataclass(frozen=True)
class StoredInterview:
    id: str
    version: int
    pack_version: str
    state: dict[str, Any]
    question: dict[str, Any] | None
    result: dict[str, Any] | None
    finished: bool
    text: str | None
    created_at: datetime
    updated_at: datetime


_T = cast(sa.Table, InterviewRow.__table__)
_COLUMNS = [
    _T.c.id, _T.c.version, _T.c.pack_version, _T.c.state, _T.c.question, _T.c.result,
    _T.c.finished, _T.c.text, _T.c.created_at, _T.c.updated_at,
]


# Statements built once (building and keying one costs more than running it on SQLite).
_ID: sa.BindParameter[str] = sa.bindparam("id_")
_GET = sa.select(*_COLUMNS).where(_T.c.id == _ID)
_VERSION = sa.select(_T.c.version).where(_T.c.id == _ID)
_UPDATE = (
    sa.update(_T)
    .where(_T.c.id == _ID, _T.c.version == sa.bindparam("read"))
    .values({c: sa.bindparam(c) for c in (
        "version", "state", "question", "result", "finished", "pack_version", "updated_at")})
    .returning(_T.c.text, _T.c.created_at)  # one statement, not a read after the write
)


def _row(r: tuple[Any, ...]) -> StoredInterview:
    (id_, version, pack_version, state, question, result, finished, text, created_at,
     updated_at) = r  # _COLUMNS' order
    return StoredInterview(
        id=id_, version=version, pack_version=pack_version, state=state, question=question,
        result=result, finished=bool(finished), text=text, created_at=_aware(created_at),
        updated_at=_aware(updated_at),
    )


class InterviewStore:
    """Interviews in one database; thread-safe (each call takes its own connection).

    The reads and writes of every interview answer (``get``, ``update``) run
    on the pooled DBAPI connection (``store.hot``); the rest through SQLAlchemy.
    """

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        # Whether a call waits only on this machine's disk, never on a network: SQLite,
        # whose writes are queued by the write gate (gate.py), each a fraction of a
        # millisecond. The API answers interviews on the event loop only then.
        self.local = engine.url.get_backend_name() == "sqlite"
        self._get, self._update, self._version = (
            Statement(s, engine) for s in (_GET, _UPDATE, _VERSION))

    def create(
        self,
        *,
        state: dict[str, Any],
        question: dict[str, Any] | None,
        result: dict[str, Any] | None,
        finished: bool,
        pack_version: str,
        text: str | None = None,
    ) -> StoredInterview:
        now = utcnow()
        row = StoredInterview(
            new_id(), 1, pack_version, state, question, result, finished, text, now, now
        )
        with write_gate(self.engine), self.engine.begin() as conn:
            conn.execute(
                sa.insert(_T).values(
                    id=row.id, version=row.version, pack_version=pack_version, state=state,
                    question=question, result=result, finished=finished, text=text,
                    created_at=now, updated_at=now,
                )
            )
        return row

    def get(self, interview_id: str) -> StoredInterview:
        with Raw(self.engine) as db:
            r = db.run(self._get, {"id_": interview_id})
        if r is None:
            raise NotFound(interview_id)
        return _row(r)

    def update(
        self,
        interview_id: str,
        expected_version: int,
        *,
        state: dict[str, Any],
        question: dict[str, Any] | None,
        result: dict[str, Any] | None,
        finished: bool,
        pack_version: str,
    ) -> StoredInterview:
        """Write a new state if the stored version is still ``expected_version``."""
        now = utcnow()
        with Raw(self.engine, write=True) as db:
            r = db.run(self._update, {
                "id_": interview_id, "read": expected_version,
                "version": expected_version + 1, "state": state, "question": question,
                "result": result, "finished": finished, "pack_version": pack_version,
                "updated_at": now,
            })
            if r is None:
                found = db.run(self._version, {"id_": interview_id})
                if found is None:
                    raise NotFound(interview_id)
                raise VersionConflict(expected_version, found[0])
        text, created_at = r
        return StoredInterview(
            interview_id, expected_version + 1, pack_version, state, question, result,
            finished, text, _aware(created_at), now,
        )

    def delete(self, interview_id: str) -> None:
        """Delete one interview now (her own request); NotFound if there is none."""
        with write_gate(self.engine), self.engine.begin() as conn:
            done = conn.execute(sa.delete(_T).where(_T.c.id == interview_id))
        if done.rowcount != 1:
            raise NotFound(interview_id)

    def purge(self, retention_days: int, now: datetime | None = None) -> int:
        """Delete interviews untouched for ``retention_days``; 0 keeps everything."""
        if retention_days <= 0:
            return 0
        cutoff = (now or utcnow()) - timedelta(days=retention_days)
        with write_gate(self.engine), self.engine.begin() as conn:
            done = conn.execute(sa.delete(_T).where(_T.c.updated_at < cutoff))
        return int(done.rowcount or 0)

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(_T)).scalar_one())

    def ping(self) -> None:
        """Raise if the database cannot be reached (for /healthz)."""
        with self.engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
