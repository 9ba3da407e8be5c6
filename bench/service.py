"""Service benchmark (not a test): CPU per call of what a server request does, in process.

The same work as `bench/load.py`'s phases without HTTP, so the figures hold on a
machine busy with other work: thread CPU time, best of N rounds (and their median:
bench/load.py's server CPU is a mean over every request, which on a busy machine is
nearer the median than the best).
  core       Service.assess(detail="core") on wrk's six assess bodies (bench/wrk/assess.lua)
  full       Service.assess() (the full result) on the same bodies
  (each result serialised as the API does: to_json, then orjson)
  interview  whole interviews as bench/wrk/interview.lua plays them (start, then answer
             no / don't know / the first option until finished), SQLite store in a temp
             dir; CPU per request (starts and answers)
Then the same requests each after a pause (``--pause-ms``, 1 ms): a server's
requests come between other work, which leaves them colder caches, so they cost
more than back to back (``Pause``). Then the same requests through the whole ASGI
app in process (FastAPI's routing and dependencies, the middleware, the JSON
responses; no sockets, no uvicorn), as process CPU (all threads: interview
requests may run in worker threads), so the difference from the first figures is
what the web framework costs per request.
`--profile core|full|interview` prints cProfile's top costs of that phase instead.
Before and after, the machine's speed is timed in this thread (bench/machine.py's
reference, ``ref``, and its passes each after the same pause, ``cold ref``), and each
figure is also given in passes of it (``ref/req``: the figure to compare between hours,
as bench/load.py's; the figures after a pause in cold passes).

    .venv/bin/python bench/service.py [--rounds 7] [--profile full]
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import asyncio
import cProfile
import json
import pstats
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

import machine  # type: ignore[import-not-found]  # bench sibling
from gravida.api.app import create_app
from gravida.api.routes import JSON_OPTIONS
from gravida.engine import Engine
from gravida.service import Service
from gravida.settings import Settings
from gravida.store.db import make_engine
from gravida.store.migrate import upgrade
from gravida.store.repo import InterviewStore

WRK_DIR = Path(__file__).resolve().parent / "wrk"


def lua_bodies(script: str) -> list[dict[str, Any]]:
    """The JSON bodies quoted in one of wrk's scripts (one source for both benchmarks)."""
    text = (WRK_DIR / script).read_text()
    return [json.loads(m) for m in re.findall(r"^\s*'(\{.*\})',?\s*$", text, re.M)]


def make_service(data: Path) -> Service:
    settings = Settings(data_dir=data, rate_limits=False)
    db = make_engine(settings)
    upgrade(settings, db)
    service = Service(settings, Engine(), InterviewStore(db))
    service.warm_up()
    return service


def wire(value: Any) -> dict[str, Any]:
    """What the API sends: the service's typed result as JSON (``to_wire`` where it has
    one, else ``to_json``), by orjson. An assessment's (``to_wire``: pre-serialised
    parts in it) is not read back, so it is not returned."""
    if hasattr(value, "to_wire"):
        orjson.dumps(value.to_wire(), option=JSON_OPTIONS)
        return {}
    out: dict[str, Any] = value.to_json() if hasattr(value, "to_json") else value
    orjson.dumps(out, option=JSON_OPTIONS)
    return out


def reply(question: dict[str, Any]) -> Any:
    """What interview.lua answers: no, don't know, or the first option."""
    kind = question["kind"]
    if kind in ("number", "group"):
        return None
    if kind == "choose":
        return [question["options"][0]["finding"]]
    return False


def _nothing() -> None:
    pass


def interviews(service: Service, starts: list[dict[str, Any]],
               before: Callable[[], None] = _nothing) -> int:
    """Play every start to its end (``before`` called before each request); the number
    of requests made."""
    n = 0
    for body in starts:
        before()
        view = wire(service.start_interview(dict(body)))
        n += 1
        while not view["finished"]:
            q = view["question"]
            before()
            view = wire(service.answer(view["id"], {"question": q["id"], "answer": reply(q),
                                                    "version": view["version"]}))
            n += 1
    return n


def phases(service: Service, before: Callable[[], None] = _nothing
           ) -> dict[str, Callable[[], int]]:
    """Each phase as a round of requests (``before`` called before each of them)."""
    assess = lua_bodies("assess.lua")
    starts = lua_bodies("interview.lua")

    def core() -> int:
        for b in assess:
            before()
            wire(service.assess(dict(b), detail="core"))
        return len(assess)

    def full() -> int:
        for b in assess:
            before()
            wire(service.assess(dict(b)))
        return len(assess)

    return {"core": core, "full": full,
            "interview": lambda: interviews(service, starts, before)}


class Pause:
    """A pause before each request, as a server worker has between requests (waiting
    for the socket while the kernel, the load generator and other processes run), with
    the pause's own CPU counted apart. On a shared machine the same request then costs
    more CPU than back to back (measured: 0.28 -> 0.47 ms for the engine's assessment
    with 1 ms of sleep or of busy waiting before each), because what ran meanwhile
    displaced its data from the CPU's caches: this is nearer a server's figure."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.spent = 0.0  # thread CPU inside the pauses

    def __call__(self) -> None:
        t0 = time.thread_time()
        time.sleep(self.seconds)
        self.spent += time.thread_time() - t0


def cold_cpu_ms(fn: Callable[[], int], pause: Pause, rounds: int) -> tuple[float, int]:
    """(mean thread CPU ms per request over the rounds, without the pauses' own CPU,
    requests per round)."""
    pause.spent, spent, n = 0.0, 0.0, 0
    for _ in range(rounds):
        t0 = time.thread_time()
        k = fn()
        spent += time.thread_time() - t0
        n += k
    return (spent - pause.spent) * 1000 / n, n // rounds


def best_cpu_ms(fn: Callable[[], int], rounds: int) -> tuple[float, float, int]:
    """(best and median CPU ms per request over the rounds, requests per round).

    The best round is what the code costs when the machine leaves it alone; the
    median is nearer what bench/load.py's server CPU (a mean over every request)
    shows on a busy machine, where most of the gap between the two is the machine.
    """
    per_round, n = [], 0
    for _ in range(rounds):
        t0 = time.thread_time()
        n = fn()
        per_round.append((time.thread_time() - t0) * 1000 / n)
    return min(per_round), statistics.median(per_round), n


async def asgi_call(app: Any, method: str, path: str, body: bytes = b"",
                    query: bytes = b"") -> tuple[int, bytes]:
    """One request through the ASGI app, as uvicorn would hand it over: (status, body)."""
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query,
        "root_path": "", "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000),
        "headers": [(b"host", b"127.0.0.1:8000"), (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode())],
    }
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.Event().wait()  # the client never disconnects
        return {"type": "http.disconnect"}

    status, chunks = 0, []

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(chunks)


async def asgi_figures(app: Any, rounds: int) -> dict[str, tuple[float, float, int]]:
    """bench/load.py's requests through the app in process (statuses checked), on one
    event loop that runs on between them as a server's does (anyio's worker threads
    live as long as the task that started them): best process CPU ms per request,
    counted while the app has the request (this client's encoding of the bodies and
    decoding of the replies, ~0.1 ms for a full result, is not the server's)."""
    assess = [json.dumps(b).encode() for b in lua_bodies("assess.lua")]
    starts = [json.dumps(b).encode() for b in lua_bodies("interview.lua")]

    spent = [0.0]  # process CPU inside the app: not this client's JSON work around it

    async def call(method: str, path: str, body: bytes, query: bytes = b"") -> Any:
        t0 = time.process_time()
        status, out = await asgi_call(app, method, path, body, query)
        spent[0] += time.process_time() - t0
        if status not in (200, 201):
            raise RuntimeError(f"{method} {path}: {status} {out[:200]!r}")
        return json.loads(out)

    async def core() -> int:
        for b in assess:
            await call("POST", "/v1/assess", b, b"detail=core")
        return len(assess)

    async def full() -> int:
        for b in assess:
            await call("POST", "/v1/assess", b)
        return len(assess)

    async def interview() -> int:
        n = 0
        for b in starts:
            view = await call("POST", "/v1/interviews", b)
            n += 1
            while not view["finished"]:
                q = view["question"]
                body = {"question": q["id"], "answer": reply(q), "version": view["version"]}
                view = await call("POST", f"/v1/interviews/{view['id']}/answers",
                                  json.dumps(body).encode())
                n += 1
        return n

    out = {}
    for name, fn in (("core", core), ("full", full), ("interview", interview)):
        await fn()  # warm every cache once
        per_round, n = [], 0
        for _ in range(rounds):
            spent[0] = 0.0
            n = await fn()
            per_round.append(spent[0] * 1000 / n)
        out[name] = (min(per_round), statistics.median(per_round), n)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--profile", choices=["core", "full", "interview"])
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--pause-ms", type=float, default=1.0,
                    help="the pause before each request of the 'after a pause' figures")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="gravida-bench-") as tmp:
        service = make_service(Path(tmp))
        runs = phases(service)
        for fn in runs.values():
            fn()  # warm every cache once
        if args.profile:
            prof = cProfile.Profile()
            prof.enable()
            for _ in range(args.rounds):
                runs[args.profile]()
            prof.disable()
            pstats.Stats(prof).sort_stats("cumulative").print_stats(args.top)
            pstats.Stats(prof).sort_stats("tottime").print_stats(args.top)
            return
        before = machine.reference()
        print(machine.describe(before), flush=True)
        in_process = {name: best_cpu_ms(fn, args.rounds) for name, fn in runs.items()}
        pause = Pause(args.pause_ms / 1000)
        cold = {name: cold_cpu_ms(fn, pause, args.rounds)
                for name, fn in phases(service, pause).items()}
    with tempfile.TemporaryDirectory(prefix="gravida-bench-") as tmp:
        app = create_app(Settings(data_dir=Path(tmp), rate_limits=False))

        async def served() -> dict[str, tuple[float, float, int]]:
            async with app.router.lifespan_context(app):
                return await asgi_figures(app, args.rounds)

        figures = asyncio.run(served())
    after = machine.reference()
    print(machine.describe(after))
    ref = (before["ref_ms"] + after["ref_ms"]) / 2
    cold_ref = (before["cold_ms"] + after["cold_ms"]) / 2
    for title, found in ((f"in-process server CPU per request (thread time, best of "
                          f"{args.rounds} rounds; median of the rounds):", in_process),
                         (f"through the ASGI app in process (process CPU, best of "
                          f"{args.rounds} rounds; median of the rounds):", figures)):
        print(title)
        for name, (ms, median, n) in found.items():
            print(f"  {name:<10} {ms:6.3f} ms/request = {ms / ref:5.3f} ref; median "
                  f"{median:6.3f} = {median / ref:5.3f} ref   ({n} requests a round)")
        if found is in_process:
            print(f"  after a pause of {args.pause_ms:g} ms before each request (thread time, "
                  f"mean of {args.rounds} rounds; a server's requests come so):")
            for name, (ms, _) in cold.items():
                print(f"  {name:<10} {ms:6.3f} ms/request = {ms / cold_ref:5.3f} cold ref")
    print(f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; ref/request "
          f"is CPU in passes of the machine reference ({ref:.3f} ms, the mean of the two; "
          f"cold ref, each pass after the same pause: {cold_ref:.3f} ms)")


if __name__ == "__main__":
    main()
