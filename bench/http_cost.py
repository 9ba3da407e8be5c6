"""What HTTP costs a request apart from the request's own work (not a test).

The server is started as `gravida serve` starts it (``gravida.server.run``: uvicorn,
httptools, uvloop, the app's protocol, two workers pinned as bench/load.py pins
them), around the very app a worker builds, with two bench-only endpoints that
read the request body and answer a fixed reply of a core result's size (8 KB)
without assessing anything:

  floor  POST /__floor, answered by an ASGI callable wrapped around the app,
         before any of its middleware: uvicorn's parsing and request cycle, the
         event loop, the kernel's loopback, the client's body read;
  stack  POST /__stack, answered where api/fast.py answers an assessment, after
         the app's whole middleware stack (Starlette's and FastAPI's, the size
         guard with its security headers, the rate limit), its body read and
         parsed as an assessment's is (api/body.py);
  core, full  bench/load.py's assessments, for comparison.

Each phase prints requests/s, p50/p99 and the server's CPU per request (user and
kernel), also in passes of the machine reference taken around it (``ref/req``,
as bench/load.py does). The difference floor -> stack is what the app's middleware and body
reading add; stack -> core is the assessment's own work as a worker runs it,
to compare with bench/service.py's figures in process.

    .venv/bin/python bench/http_cost.py --duration 8 --phases floor,stack,core,full
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from load import (  # type: ignore[import-not-found]  # bench sibling
    HERE,
    WRK_DIR,
    WRK_PIN,
    References,
    ensure_wrk,
    free_port,
    group_times,
    measured,
    result,
    start_server,
    stop_server,
    wrk,
)

# a core result's size (5.8-8.9 KB for bench/load.py's bodies), so that the kernel
# copies about as much as for an assessment
REPLY = b'{"reply":"' + b"x" * 8000 + b'"}'
FLOOR, STACK = "/__floor", "/__stack"


def app_from_env() -> Any:
    """A server worker's app (``gravida.server.app_from_env``) with the two endpoints."""
    from starlette.requests import Request
    from starlette.responses import Response

    from gravida import server
    from gravida.api import fast
    from gravida.api.body import json_body
    from gravida.service import Service

    async def stack(request: Request, service: Service, _: str) -> Response:
        await json_body(request)
        return Response(REPLY, media_type="application/json")

    fast.STATIC[("POST", STACK)] = stack
    app = server.app_from_env()
    start = {"type": "http.response.start", "status": 200, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(REPLY)).encode())]}

    async def floor(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == FLOOR:
            while (await receive()).get("more_body"):
                pass
            await send(start)
            await send({"type": "http.response.body", "body": REPLY})
            return
        await app(scope, receive, send)

    return floor


def floor_wrk(binary: str, url: str, path: str, conns: int, seconds: int
              ) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*WRK_PIN, binary, "-t1", f"-c{conns}", f"-d{seconds}s", "--timeout", "5s",
         "-s", str(WRK_DIR / "floor.lua"), url],
        env={**os.environ, "GRAVIDA_WRK_DIR": str(WRK_DIR), "GRAVIDA_FLOOR_PATH": path},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--duration", type=int, default=10, help="seconds per phase")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--phases", default="floor,stack,core,full")
    ap.add_argument("--serve", nargs=2, type=int, metavar=("PORT", "WORKERS"),
                    help=argparse.SUPPRESS)  # the server process this script starts
    args = ap.parse_args()
    if args.serve:
        from gravida.server import run

        run("http_cost:app_from_env", "127.0.0.1", *args.serve)
        return
    binary = ensure_wrk()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    data = Path(tempfile.mkdtemp(prefix="gravida-http-"))
    command = [sys.executable, str(Path(__file__).resolve()), "--serve", str(port),
               str(args.workers)]
    server = start_server(data, port, args.workers, {"PYTHONPATH": str(HERE)}, command)
    try:
        result(wrk(binary, "assess.lua", url, 1, 2, 2, "full"))  # warm up (not measured)
        for path in (FLOOR, STACK):
            result(floor_wrk(binary, url, path, 2, 2))
        refs = References()
        refs.take()
        for phase in args.phases.split(","):
            before = group_times(server.pid)
            run = (floor_wrk(binary, url, f"/__{phase}", args.connections, args.duration)
                   if phase in ("floor", "stack") else
                   wrk(binary, "assess.lua", url, 1, args.connections, args.duration, phase))
            (r,) = measured(server, run)
            after = group_times(server.pid)
            refs.normalise(r)
            n = r["requests"] or 1
            print(f"{phase:<6} {r['rps']:7.0f} req/s  p50 {r['p50_us'] / 1000:6.2f} ms  "
                  f"p99 {r['p99_us'] / 1000:6.2f} ms  errors {r['errors']}  server CPU "
                  f"{r['server_cpu_ms_per_request']:.3f} ms/req (user "
                  f"{1000 * (after[0] - before[0]) / n:.3f}, kernel "
                  f"{1000 * (after[1] - before[1]) / n:.3f}) = "
                  f"{r['server_cpu_ref_per_request']:.3f} ref/req "
                  f"({r['server_cpu_cold_ref_per_request']:.3f} cold)  "
                  f"switches {r['switches_per_request']:.1f}/req  "
                  f"load {os.getloadavg()[0]:.1f}", flush=True)
    finally:
        stop_server(server)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
