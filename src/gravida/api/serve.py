"""The process `gravida serve` becomes: uvicorn, started from a module that imports little.

uvicorn starts workers with multiprocessing's *spawn*, which re-imports the
parent's main module in every worker. Were that the `gravida` console script,
each worker would first import the whole CLI (the engine, the intake's
language pipeline...) before it could answer uvicorn's health ping, and slow
machines would see workers killed at start-up. So `serve` execs
``python -m gravida.api.serve``, whose workers import only the app.
"""

from __future__ import annotations

import argparse
import logging

# A worker that does not answer the supervisor's ping for this long is replaced.
# Not the 5 s default: building the app (loading the pack, warming the intake)
# takes seconds on a small, busy machine.
WORKER_HEALTHCHECK_SECONDS = 30


def main(argv: list[str] | None = None) -> None:
    import uvicorn

    from gravida.settings import Settings

    p = argparse.ArgumentParser(prog="gravida serve")
    p.add_argument("--host", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--workers", type=int, required=True)
    args = p.parse_args(argv)
    settings = Settings()
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    uvicorn.run(
        "gravida.api.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        access_log=settings.access_log,
        server_header=False,
        proxy_headers=False,
        timeout_graceful_shutdown=10,
        timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
        log_level="info",
    )


if __name__ == "__main__":
    main()
