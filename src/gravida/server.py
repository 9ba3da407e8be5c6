"""The whole server: the API and the web pages composed into one app, and the process.

The API (gravida.api) and the web pages (gravida.web) are independent
interfaces over the one service; this module, above both, puts them in one
ASGI app (``create_app``; ``app_from_env`` for uvicorn's factory) and is the
process `gravida serve` becomes: uvicorn, started from a module that imports
little.

uvicorn starts workers with multiprocessing's *spawn*, which re-imports the
parent's main module in every worker. Were that the `gravida` console script,
each worker would first import the whole CLI (the engine, the intake's
language pipeline...) before it could answer uvicorn's health ping, and slow
machines would see workers killed at start-up. So `serve` execs
``python -m gravida.server``, whose workers import only the app.
"""

from __future__ import annotations

import argparse
import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from gravida.settings import Settings

# A worker that does not answer the supervisor's ping for this long is replaced.
# Not the 5 s default: building the app (loading the pack, warming the intake)
# takes seconds on a small, busy machine.
WORKER_HEALTHCHECK_SECONDS = 30


def create_app(settings: Settings | None = None, *, freeze_after_warm_up: bool = False
               ) -> FastAPI:
    """The API with the web pages (``/``, ``/i/...``, ``/static/...``) on the same service.

    ``freeze_after_warm_up``: for a server worker (``gravida.api.app.freeze_heap``).
    """
    from gravida.api.app import create_app as create_api
    from gravida.web.render import too_many_page
    from gravida.web.routes import router as web_router

    return create_api(settings, extra_routers=(web_router,), refusal_page=too_many_page,
                      freeze_after_warm_up=freeze_after_warm_up)


def app_from_env() -> FastAPI:
    """For uvicorn's ``--factory``: settings from the environment.

    In a worker started by uvicorn's supervisor, first make sure the worker
    dies with the supervisor (see ``die_with_parent``). The app is built with
    the cyclic garbage collector off, and its start-up (the lifespan) warms it
    up with the collector off, then freezes the heap and turns the collector
    back on (``gravida.api.app.freeze_heap``: about a third less CPU to start a
    worker). Each turns the collector back on itself, so an app served without
    its lifespan still collects.
    """
    from gravida.settings import Settings

    die_with_parent()
    enabled = gc.isenabled()
    gc.disable()
    try:
        return create_app(Settings(), freeze_after_warm_up=True)
    finally:
        if enabled:
            gc.enable()


def die_with_parent() -> None:
    """Make this process, if it is a worker of uvicorn's supervisor, die when its parent dies.

    uvicorn's workers do not notice their supervisor's death: killed with -9, it
    leaves them serving on the shared socket, unsupervised, and a restart then
    fails with "Address already in use". A worker asks the kernel (Linux
    ``PR_SET_PDEATHSIG``) to be killed when the parent goes; elsewhere a
    thread watches the parent id. SIGKILL, not SIGTERM: the port must be free
    at once for the restart, and a request cut short was not acknowledged (its
    client retries; versioned writes make a retry safe). A process that is not
    a multiprocessing child (``--workers 1`` runs in the main process) is left
    alone.
    """
    parent = multiprocessing.parent_process()
    if parent is None or parent.pid is None:
        return
    ppid = parent.pid
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    else:
        def watch() -> None:
            while os.getppid() == ppid:
                time.sleep(1)
            os.kill(os.getpid(), signal.SIGKILL)

        threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    if os.getppid() != ppid:  # the parent died before the request above was made
        os.kill(os.getpid(), signal.SIGKILL)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="gravida serve")
    p.add_argument("--host", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--workers", type=int, required=True)
    args = p.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    run("gravida.server:app_from_env", args.host, args.port, args.workers)


def run(factory: str, host: str, port: int, workers: int) -> None:
    """uvicorn serving the app that ``factory`` ("module:function", imported by each
    worker) makes, with the server's settings: what `gravida serve` runs, and what
    bench/http_cost.py runs around the same app to measure HTTP's own cost."""
    import uvicorn

    from gravida.api.protocol import GravidaHttpProtocol
    from gravida.settings import Settings

    settings = Settings()
    uvicorn.run(
        factory,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=settings.access_log,
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=10,
        timeout_keep_alive=settings.timeout_keep_alive,
        limit_concurrency=settings.limit_concurrency,
        http=GravidaHttpProtocol,  # a deadline for headers; 400s as problem+json
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
        log_level="info",
    )


if __name__ == "__main__":
    main()
