"""Load benchmark (not a test): `gravida serve` with 2 workers on loopback, driven by wrk.

Phases, each for a fixed time:
  1. core       — POST /v1/assess?detail=core (the engine's result) with six rotating
                  realistic cases;
  2. full       — POST /v1/assess (the default: the full result with why, plan, what to
                  expect and the suggested work-up), the same cases;
  3. interview  — whole interviews (start, answer until finished), one flow per connection;
  4. mixed      — core assessments and interviews at once.
Prints requests/s, p50/p90/p99 latency, the error count and the server's CPU per
request of each phase, then stops the server. Before each phase and after the
last, the machine's speed is timed on the server's CPU (bench/machine.py: a
fixed workload, its *reference*, ``ref``), and each phase's server CPU per
request is also given divided by the mean of the references around it
(``ref/req``), a figure that runs from different hours can be compared by; and by
the *cold* reference (the same passes each after a 1 ms pause, as a server's
requests come), which tracked the server's CPU best (docs/deploy.md).
Target (issue 7), for the core assessment: >= 1,000 assessments/s, p99 < 50 ms,
0 errors. The full result is measured alongside, without a target.

    make bench-load                    # or: .venv/bin/python bench/load.py --duration 20

Needs wrk (Debian package `wrk`; installed with apt-get when missing and run as root).
Latencies are wrk's (from the client, request sent to response read; wrk does not
correct for coordinated omission, so p99 is a lower bound under saturation).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

import machine  # type: ignore[import-not-found]  # bench sibling

HERE = Path(__file__).resolve().parent
WRK_DIR = HERE / "wrk"
TARGET_RPS, TARGET_P99_MS = 1000.0, 50.0


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit("wrk is not installed: apt-get install wrk (as root)")
    print("installing wrk from Debian's packages ...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env,
                      capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env, check=True,
                       capture_output=True)
    return shutil.which("wrk") or sys.exit("wrk could not be installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_split() -> tuple[list[str], list[str]]:
    """taskset prefixes: the server on all CPUs but the last, the load generator on the last.

    So that wrk's own CPU does not compete with the workers it measures. On one CPU
    (or without taskset) nothing is pinned.
    """
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    taskset = shutil.which("taskset")
    if len(cpus) < 2 or not taskset:
        return [], []
    server = ",".join(str(c) for c in cpus[:-1])
    return [taskset, "-c", server], [taskset, "-c", str(cpus[-1])]


SERVER_PIN, WRK_PIN = cpu_split()


def start_server(data_dir: Path, port: int, workers: int, extra_env: dict[str, str],
                 command: list[str] | None = None) -> subprocess.Popen[bytes]:
    """`gravida serve` (or ``command``, which serves as it does: bench/http_cost.py) on
    loopback, pinned (``SERVER_PIN``), rate limits off, once it answers /healthz."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRAVIDA_")}
    env["GRAVIDA_DATA_DIR"] = str(data_dir)
    env["GRAVIDA_RATE_LIMITS"] = "false"  # all requests come from one address here
    env.update(extra_env)
    gravida = Path(sys.executable).with_name("gravida")
    cmd = [str(gravida)] if gravida.exists() else [
        sys.executable, "-c", "from gravida.cli import main; main()"]
    if command is None:
        command = [*cmd, "serve", "--host", "127.0.0.1", "--port", str(port),
                   "--workers", str(workers)]
    log = (data_dir / "server.log").open("wb")
    proc = subprocess.Popen(
        [*SERVER_PIN, *command],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited: {(data_dir / 'server.log').read_text()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop_server(proc)
    sys.exit("server did not become healthy in 120 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def group_usage(pgid: int) -> tuple[float, int, int]:
    """CPU time (user + system, seconds), minor page faults and context switches so far
    of the server's processes (Linux /proc). A page fault is CPU the kernel spends
    handing the process fresh memory, so their count says whether freed memory is
    being returned and mapped again request after request; a context switch is a
    worker giving up the CPU (to wait for the next request, or to another worker or
    process), after which its next request runs with colder caches."""
    user, system, faults = group_times(pgid)
    return user + system, faults, group_switches(pgid)


def group_pids(pgid: int) -> list[str]:
    """The ids of a process group's processes (Linux /proc)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            pids.append(stat.parent.name)
    return pids


def group_switches(pgid: int) -> int:
    """Voluntary and involuntary context switches so far of every thread of a group."""
    n = 0
    for pid in group_pids(pgid):
        for status in Path(f"/proc/{pid}/task").glob("*/status"):
            try:
                lines = status.read_text().splitlines()
            except OSError:
                continue
            n += sum(int(line.split()[1]) for line in lines if "ctxt_switches" in line)
    return n


def group_times(pgid: int) -> tuple[float, float, int]:
    """User and system CPU seconds and minor page faults so far of a process group."""
    tick = os.sysconf("SC_CLK_TCK")
    user = system = faults = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields after the name: state, ppid, pgrp, ...
            user, system = user + int(fields[11]), system + int(fields[12])
            faults += int(fields[7])
    return user / tick, system / tick, faults


def measured(server: subprocess.Popen[bytes], *runs: subprocess.Popen[str]) -> list[dict[str, Any]]:
    """The results of wrk runs started together, with the server's CPU per request."""
    cpu0, faults0, switches0 = group_usage(server.pid)
    out = [result(r) for r in runs]
    cpu1, faults1, switches1 = group_usage(server.pid)
    total = sum(r["requests"] for r in out)
    for r in out:
        r["server_cpu_ms_per_request"] = 1000 * (cpu1 - cpu0) / total if total else 0.0
        r["page_faults_per_request"] = (faults1 - faults0) / total if total else 0.0
        r["switches_per_request"] = (switches1 - switches0) / total if total else 0.0
    return out


def machine_reference() -> dict[str, Any]:
    """bench/machine.py's reference, timed on the server's CPU (``SERVER_PIN``) while
    the server waits between phases: the machine's speed now."""
    out = subprocess.run([*SERVER_PIN, sys.executable, str(HERE / "machine.py"), "--json"],
                         capture_output=True, text=True, check=True).stdout
    ref: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return ref


class References:
    """The machine's reference before each phase and after the last, and each phase's
    figures divided by the mean of the two around it."""

    def __init__(self) -> None:
        self.taken: list[dict[str, Any]] = []

    def take(self) -> None:
        self.taken.append(machine_reference())
        print(f"  {machine.describe(self.taken[-1])}", flush=True)

    def around(self, key: str = "ref_ms") -> float:
        """The mean reference (ms a pass) of the last two taken: around the last phase."""
        last = [r[key] for r in self.taken[-2:]]
        return sum(last) / len(last)

    def normalise(self, *figures: dict[str, Any]) -> None:
        """After a phase: take the reference again and set each result's ``ref_ms`` and
        ``server_cpu_ref_per_request`` (its server CPU in passes of the reference)."""
        self.take()
        ref, cold = self.around(), self.around("cold_ms")
        for r in figures:
            r["ref_ms"], r["cold_ref_ms"] = ref, cold
            r["server_cpu_ref_per_request"] = r["server_cpu_ms_per_request"] / ref
            r["server_cpu_cold_ref_per_request"] = r["server_cpu_ms_per_request"] / cold


ASSESS_PATHS = {"core": "/v1/assess?detail=core", "full": "/v1/assess"}


def wrk(binary: str, script: str, url: str, threads: int, conns: int,
        seconds: int, assess: str = "core") -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*WRK_PIN, binary, f"-t{threads}", f"-c{conns}", f"-d{seconds}s", "--timeout", "5s",
         "-s", str(WRK_DIR / script), url],
        env={**os.environ, "GRAVIDA_WRK_DIR": str(WRK_DIR),
             "GRAVIDA_ASSESS_PATH": ASSESS_PATHS[assess]},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def result(proc: subprocess.Popen[str]) -> dict[str, Any]:
    out, _ = proc.communicate()
    for line in out.splitlines():
        if line.startswith("GRAVIDA_RESULT "):
            r: dict[str, Any] = json.loads(line.split(" ", 1)[1])
            r["errors"] = sum(r[k] for k in ("status_errors", "connect_errors", "read_errors",
                                              "write_errors", "timeouts"))
            r["rps"] = r["requests"] / (r["duration_us"] / 1e6)
            return r
    raise RuntimeError(f"wrk printed no result:\n{out}")


def show(name: str, r: dict[str, Any]) -> None:
    extra = f"  {r['flows']} whole interviews" if r["flows"] else ""
    print(f"{name:<22} {r['rps']:7.0f} req/s  p50 {r['p50_us'] / 1000:6.2f} ms  "
          f"p90 {r['p90_us'] / 1000:6.2f} ms  p99 {r['p99_us'] / 1000:6.2f} ms  "
          f"max {r['max_us'] / 1000:7.1f} ms  errors {r['errors']}  "
          f"server CPU {r['server_cpu_ms_per_request']:.2f} ms/req"
          f"{ref_part(r)}  page faults {r['page_faults_per_request']:.1f}/req  "
          f"switches {r['switches_per_request']:.1f}/req{extra}", flush=True)


def ref_part(r: dict[str, Any]) -> str:
    """`` = N ref/req`` when the phase was measured between two references."""
    return (f" = {r['server_cpu_ref_per_request']:.2f} ref/req "
            f"({r['server_cpu_cold_ref_per_request']:.2f} cold)") if "ref_ms" in r else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--duration", type=int, default=20, help="seconds per phase")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--connections", type=int, default=8, help="for the assess phase")
    ap.add_argument("--interview-connections", type=int, default=4)
    ap.add_argument("--database-url", help="e.g. PostgreSQL (default: SQLite in a temp dir)")
    ap.add_argument("--sqlite-synchronous", choices=["NORMAL", "FULL"])
    ap.add_argument("--phases", default="core,full,interview,mixed",
                    help="any of core, full, interview, mixed ('assess' means core)")
    ap.add_argument("--json", action="store_true", help="also print all figures as JSON")
    args = ap.parse_args()
    binary = ensure_wrk()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    data = Path(tempfile.mkdtemp(prefix="gravida-load-"))
    print(f"gravida serve --workers {args.workers} on {url} (data in {data}); "
          f"{os.cpu_count()} CPUs; {args.duration} s per phase", flush=True)
    if SERVER_PIN:
        print(f"server pinned to CPU {SERVER_PIN[-1]}, wrk to CPU {WRK_PIN[-1]}", flush=True)
    extra = {}
    if args.database_url:
        extra["GRAVIDA_DATABASE_URL"] = args.database_url
    if args.sqlite_synchronous:
        extra["GRAVIDA_SQLITE_SYNCHRONOUS"] = args.sqlite_synchronous
    phases = {"core" if p == "assess" else p for p in args.phases.split(",")}
    server = start_server(data, port, args.workers, extra)
    figures: dict[str, Any] = {}
    try:
        # warm up each worker's caches (not measured)
        result(wrk(binary, "assess.lua", url, 1, 2, 2, "core"))
        result(wrk(binary, "assess.lua", url, 1, 2, 2, "full"))
        ic = args.interview_connections
        refs = References()
        refs.take()
        for kind in ("core", "full"):
            if kind in phases:
                (figures[kind],) = measured(server, wrk(
                    binary, "assess.lua", url, 1, args.connections, args.duration, kind))
                refs.normalise(figures[kind])
                show(f"assess ({kind})", figures[kind])
        if "interview" in phases:
            (figures["interview"],) = measured(
                server, wrk(binary, "interview.lua", url, ic, ic, args.duration))
            refs.normalise(figures["interview"])
            show("interview flows", figures["interview"])
        if "mixed" in phases:
            figures["mixed_assess"], figures["mixed_interview"] = measured(
                server,
                wrk(binary, "assess.lua", url, 1, args.connections, args.duration),
                wrk(binary, "interview.lua", url, ic, ic, args.duration),
            )
            refs.normalise(figures["mixed_assess"], figures["mixed_interview"])
            show("mixed: assess (core)", figures["mixed_assess"])
            show("mixed: interview flows", figures["mixed_interview"])
    finally:
        stop_server(server)
        shutil.rmtree(data, ignore_errors=True)
    if "core" not in figures:
        return
    a = figures["core"]
    ok = a["rps"] >= TARGET_RPS and a["p99_us"] / 1000 < TARGET_P99_MS and a["errors"] == 0
    print(f"target for the core assessment (>= {TARGET_RPS:.0f} assessments/s, "
          f"p99 < {TARGET_P99_MS:.0f} ms, 0 errors): {'met' if ok else 'NOT met'}")
    print(f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
          "(other work on the machine lowers requests/s; server CPU ms/req much less, but "
          "contention for caches and cores raises it too: ref/req, CPU in passes of the "
          "machine reference, is the figure to compare between hours)")
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
