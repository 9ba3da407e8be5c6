"""The store's write gate (store/gate.py): one writer at a time per SQLite file, across
processes and threads, so writers queue in the kernel instead of SQLite's busy sleeps."""

from __future__ import annotations

import multiprocessing
import stat
import threading

import sqlalchemy as sa

from gravida.store.gate import SUFFIX, write_gate


def _hold(db: str, held, release, marker) -> None:
    with write_gate(sa.create_engine(f"sqlite:///{db}")):
        held.set()
        release.wait(30)
        marker.value = 1  # set while still holding the gate


def test_a_writer_in_another_process_waits_for_the_gate(tmp_path):
    db = str(tmp_path / "g.db")
    ctx = multiprocessing.get_context("spawn")
    held, release, marker = ctx.Event(), ctx.Event(), ctx.Value("i", 0)
    other = ctx.Process(target=_hold, args=(db, held, release, marker))
    other.start()
    try:
        assert held.wait(60)
        seen: list[int] = []
        trying = threading.Event()

        def mine() -> None:
            trying.set()
            with write_gate(sa.create_engine(f"sqlite:///{db}")):
                seen.append(marker.value)

        t = threading.Thread(target=mine)
        t.start()
        assert trying.wait(30)
        release.set()
        t.join(60)
        assert seen == [1]  # entered only after the other process left the gate
    finally:
        release.set()
        other.join(60)
    mode = stat.S_IMODE((tmp_path / ("g.db" + SUFFIX)).stat().st_mode)
    assert mode == 0o600  # beside her data, as private as it


def test_threads_of_one_process_take_turns(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 't.db'}")
    inside, most = [0], [0]
    lock = threading.Lock()

    def write() -> None:
        for _ in range(200):
            with write_gate(engine):
                with lock:
                    inside[0] += 1
                    most[0] = max(most[0], inside[0])
                with lock:
                    inside[0] -= 1

    threads = [threading.Thread(target=write) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most[0] == 1


def test_only_sqlite_files_have_a_gate(tmp_path):
    for url in ("sqlite://", "sqlite:///:memory:", "postgresql+psycopg://u@localhost/db"):
        gate = write_gate(sa.create_engine(url))
        with gate:
            pass
    assert not list(tmp_path.iterdir())
