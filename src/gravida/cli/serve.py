"""`gravida serve`: run the API with uvicorn (and `gravida purge`, for the CLI to register).

Settings are checked and migrations run once here, in the parent, before any
worker starts; then the process becomes ``python -m gravida.server`` (see
there why) and each worker builds the app from the same GRAVIDA_*
environment. Heavy imports wait until a command runs, so `gravida --help`
stays fast.
"""

from __future__ import annotations

import os
import sys

import click

from gravida.cli.store import purge

__all__ = ["purge", "serve"]


@click.command()
@click.option("--host", default=None,
              help="Address to listen on (default: GRAVIDA_HOST, 127.0.0.1).")
@click.option("--port", type=click.IntRange(0, 65535), default=None,
              help="Port (default: GRAVIDA_PORT, 8000).")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Worker processes (default: GRAVIDA_WORKERS, 1).")
def serve(host: str | None, port: int | None, workers: int | None) -> None:
    """Run the HTTP API (settings from GRAVIDA_* environment variables; see docs/deploy.md)."""
    from pydantic import ValidationError

    from gravida.settings import Settings
    from gravida.store.migrate import upgrade

    try:
        settings = Settings()
    except ValidationError as exc:
        raise click.UsageError(f"invalid GRAVIDA_* setting: {exc}") from None
    try:
        upgrade(settings)
    except Exception as exc:
        raise click.ClickException(f"cannot prepare the database: {exc}") from None
    args = [
        sys.executable, "-m", "gravida.server",
        "--host", host or settings.host,
        "--port", str(settings.port if port is None else port),
        "--workers", str(workers or settings.workers),
    ]
    sys.stdout.flush()
    sys.stderr.flush()
    # Each request is a handful of small matrix products: BLAS threads only
    # contend with the other workers for the cores. One thread per worker,
    # unless the operator chose otherwise.
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    os.execv(sys.executable, args)
