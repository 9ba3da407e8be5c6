"""One writer at a time on a SQLite file, queued in the kernel instead of SQLite's sleeps.

SQLite lets one connection write at a time. A connection that finds the file
locked calls its busy handler, which sleeps 1, 2, 5, 10, 15, 20, 25, 25, 25,
50, 50, 100, 100 ... ms between tries, whether the writer ahead of it needed a
millisecond or not. Two uvicorn workers answering interviews meet there all
the time, and on a busy machine a writer that keeps missing its moment waits
hundreds of milliseconds to seconds: under `bench/load.py`'s interview flows
(two workers on one CPU, load average 9-10) strace counted, in 15 s, 323 sleeps
of 1 ms, 108 of 2 ms, 48 of 5 ms and 28 of 10-25 ms in the workers, and the
99th percentile latency was 0.8-1.3 s against a median of 30 ms.

So every write transaction of the store first takes this gate: a lock per
process (its threads) and then an exclusive ``flock`` on a file beside the
database (the processes). A writer waiting for it sleeps in the kernel and is
woken the moment the gate is released; SQLite's lock is then free when it asks
(its busy handler stays, for writers outside the gate: a migration, `gravida
purge` from a shell). A process killed while holding the gate releases it with
its file. PostgreSQL needs none of this: its row locks queue waiters.
"""

from __future__ import annotations

import contextlib
import os
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

try:
    import fcntl
except ImportError:  # not POSIX: the threads of one process are still queued
    fcntl = None  # type: ignore[assignment]

SUFFIX = "-writer"  # the gate's file: the database's path with this added


class WriteGate:
    """The gate of one SQLite file, for this process."""

    def __init__(self, database: Path) -> None:
        self.path = database.with_name(database.name + SUFFIX)
        self._threads = threading.Lock()
        self._fd: int | None = None

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        with self._threads:
            if fcntl is None:
                yield
                return
            if self._fd is None:  # opened once a process, beside the database, private
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)


_GATES: dict[str, WriteGate] = {}
_BY_ENGINE: weakref.WeakKeyDictionary[sa.Engine, WriteGate | None] = weakref.WeakKeyDictionary()
_GATES_LOCK = threading.Lock()


def _gate_of(engine: sa.Engine) -> WriteGate | None:
    url = engine.url
    db = url.database
    if url.get_backend_name() != "sqlite" or not db or db == ":memory:" or db.startswith("file:"):
        return None
    key = os.path.abspath(db)
    gate = _GATES.get(key)
    if gate is None:
        gate = _GATES[key] = WriteGate(Path(key))
    return gate


def write_gate(engine: sa.Engine) -> contextlib.AbstractContextManager[None]:
    """The gate to hold around one write transaction on this engine (none but SQLite's
    files need one; engines of one file share it)."""
    with _GATES_LOCK:
        try:
            gate = _BY_ENGINE[engine]
        except KeyError:
            gate = _BY_ENGINE[engine] = _gate_of(engine)
    return contextlib.nullcontext() if gate is None else gate.held()
