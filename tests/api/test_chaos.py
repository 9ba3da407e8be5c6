"""Issue 18 (3, 7): the real server, `gravida serve --workers 2`, killed and restarted.

Chaos: interviews are answered by several clients while the supervisor is
killed with SIGKILL; its workers must go with it (no orphan keeps serving),
a restart on the same port must work at once, and every answer the server
acknowledged must still be there. On SQLite, and on PostgreSQL when
GRAVIDA_TEST_DATABASE_URL is set. Bounded: one kill per database, a few
seconds of load.

The same running server checks what only a real HTTP server can show: a
malformed Content-Length gets a problem+json 400, and a client that never
finishes its headers is disconnected.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .conftest import PG_URL, answer_for, needs_pg

HEADER_TIMEOUT = 1.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


class Server:
    def __init__(self, data: Path, port: int, database_url: str | None) -> None:
        self.data, self.port = data, port
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("GRAVIDA_")}
        self.env.update({
            "GRAVIDA_DATA_DIR": str(data), "GRAVIDA_RATE_LIMITS": "false",
            "GRAVIDA_TIMEOUT_HEADERS": str(HEADER_TIMEOUT), "GRAVIDA_PURGE_INTERVAL_SECONDS": "0",
        })
        if database_url:
            self.env["GRAVIDA_DATABASE_URL"] = database_url
        self.proc: subprocess.Popen[bytes] | None = None
        self.url = f"http://127.0.0.1:{port}"

    def start(self) -> None:
        gravida = Path(sys.executable).with_name("gravida")
        self.log = self.data / f"server-{time.monotonic_ns()}.log"
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(
                [str(gravida), "serve", "--host", "127.0.0.1", "--port", str(self.port),
                 "--workers", "2"],
                env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"server exited:\n{self.log.read_text()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        pytest.fail(f"server not healthy in 120 s:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=needs_pg)])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    s = Server(tmp_path, free_port(), PG_URL if request.param == "postgresql" else None)
    try:
        yield s
    finally:
        s.stop()


def drive(url: str, acked: list[tuple[str, int]], stop: threading.Event) -> None:
    """Whole interviews, recording every (id, version) the server acknowledged."""
    with httpx.Client(base_url=url, timeout=10) as c:
        while not stop.is_set():
            try:
                r = c.post("/v1/interviews", json={"gestational_weeks": 30,
                                                   "present": ["pain_lower_back_central"]})
                while r.status_code in (200, 201) and not stop.is_set():
                    view = r.json()
                    acked.append((view["id"], view["version"]))
                    if view["finished"]:
                        break
                    q = view["question"]
                    r = c.post(f"/v1/interviews/{view['id']}/answers", json={
                        "question": q["id"], "answer": answer_for(q),
                        "version": view["version"]})
            except httpx.HTTPError:
                time.sleep(0.05)  # the server is down: keep trying until told to stop


def test_3_kill_9_of_the_master_restart_at_once_nothing_acknowledged_lost(server):
    server.start()
    assert server.proc is not None
    master = server.proc.pid
    workers = children(master)
    assert len(workers) >= 2
    acked: list[tuple[str, int]] = []
    stop = threading.Event()
    threads = [threading.Thread(target=drive, args=(server.url, acked, stop)) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        deadline = time.monotonic() + 30
        while len(acked) < 30 and time.monotonic() < deadline:
            time.sleep(0.1)
        os.kill(master, signal.SIGKILL)
        server.proc.wait()
        # the workers go with their supervisor: no orphan keeps the port
        deadline = time.monotonic() + 5
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(w) for w in workers), "orphaned workers outlived the master"
        server.start()  # at once, on the same port
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert len(acked) >= 30
    with httpx.Client(base_url=server.url, timeout=10) as c:
        latest: dict[str, int] = {}
        for iid, version in acked:
            latest[iid] = max(version, latest.get(iid, 0))
        for iid, version in latest.items():
            r = c.get(f"/v1/interviews/{iid}")
            assert r.status_code == 200, r.text
            assert r.json()["version"] >= version, iid


def exchange(port: int, request: bytes, wait: float = 10) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        s.sendall(request)
        chunks = []
        while True:
            try:
                chunk = s.recv(65536)
            except TimeoutError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


@pytest.mark.parametrize("server", ["sqlite"], indirect=True)
def test_7_protocol_errors_are_problems_and_slow_headers_are_cut(server):
    server.start()
    reply = exchange(server.port, b"POST /v1/assess HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Type: application/json\r\nContent-Length: abc\r\n\r\n{}")
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400")
    assert b"content-type: application/problem+json" in head.lower()
    assert b'"status":400' in body
    # headers that never end: the server hangs up after its header deadline
    started = time.monotonic()
    reply = exchange(server.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ", wait=30)
    assert reply == b""
    assert time.monotonic() - started < 20
    # a body that never arrives in full: the same
    started = time.monotonic()
    reply = exchange(server.port, b"POST /v1/assess HTTP/1.1\r\nHost: x\r\n"
                     b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{", wait=30)
    assert b"HTTP/1.1 200" not in reply
    assert time.monotonic() - started < 20
