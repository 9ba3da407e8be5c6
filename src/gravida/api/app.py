"""The application factory: settings in, a ready FastAPI app out.

Building the app loads the knowledge pack, opens the database and brings its
schema up to date; start-up (the lifespan) warms the parts the first request
would otherwise wait for and schedules the retention purge. Workers share
nothing but the database, so any number of them, on any number of machines,
can serve the same interviews.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator, Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import sqlalchemy as sa
from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from gravida.api.fast import FastRoutes
from gravida.api.middleware import Guard
from gravida.api.openapi import build_openapi
from gravida.api.problems import (
    PROBLEM_MEDIA_TYPE,
    RETRY_AFTER_SECONDS,
    ApiProblem,
    problem_bytes,
    problem_json,
)
from gravida.api.ratelimit import RateLimit, RateLimiter, RefusalPage
from gravida.api.routes import router
from gravida.api.routes_cds import router as cds_router
from gravida.api.routes_fhir import router as fhir_router
from gravida.engine import Engine
from gravida.knowledge import i18n
from gravida.service import Service
from gravida.service.errors import ServiceError
from gravida.service.validation import field_errors
from gravida.settings import Settings
from gravida.store import InterviewStore, make_engine, upgrade

log = logging.getLogger("gravida.api")

DESCRIPTION = """\
Assessment of low back pain in pregnancy: ranked causes, triage level, reasons,
an adaptive interview, free-text intake and medicine checks.

**Decision support, not a diagnosis.**

Errors are `application/problem+json` (RFC 9457) with an `errors` list naming
each field, the problem and, for unknown ids, the nearest valid ids.
Interview ids are bearer secrets; interview responses are `Cache-Control: no-store`.
"""


def _version() -> str:
    try:
        return version("gravida")
    except PackageNotFoundError:
        return "0"


def problem(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    return Response(problem_bytes(body), status_code=status, media_type=PROBLEM_MEDIA_TYPE,
                    headers=headers)


def request_language(request: Request) -> str:
    """The language of this request's replies: its `lang` (set by the route), else the
    best of Accept-Language the pack speaks, else the server's default (GRAVIDA_LANG)."""
    chosen = getattr(request.state, "lang", None)
    if isinstance(chosen, str):
        return chosen
    service = getattr(request.app.state, "service", None)
    known = service.pack.languages if service is not None else i18n.languages()
    found = i18n.negotiate(request.headers.get("accept-language"), known)
    if found is not None:
        return found
    settings = getattr(service, "settings", None)
    return str(getattr(settings, "lang", i18n.DEFAULT_LANGUAGE))


async def _api_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiProblem)
    with i18n.language(request_language(request)):
        body = exc.to_json(request.url.path)
    return problem(exc.status, body, exc.headers or None)


async def _service_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ServiceError)
    return await _api_problem(request, ApiProblem.from_service(exc))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    kind = {413: "body-too-large"}.get(exc.status_code)
    detail = exc.detail if isinstance(exc.detail, str) else None
    if exc.status_code == 404:
        detail = "There is nothing at this path."
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = _allowed(request)
    with i18n.language(request_language(request)):
        body = problem_json(exc.status_code, detail=detail, kind=kind,
                            instance=request.url.path)
    return problem(exc.status_code, body, headers)


def _allowed(request: Request) -> str:
    """Every method some route serves at this path (Starlette names only the first
    route's, and GET and DELETE of an interview are two routes)."""
    routes = request.app.router.routes
    allowed = [
        m for m in ("GET", "POST", "PUT", "PATCH", "DELETE")
        if any(r.matches({**request.scope, "method": m})[0] == Match.FULL for r in routes)
    ]
    return ", ".join(allowed)


async def _database_down(request: Request, exc: Exception) -> Response:
    """The database cannot be reached (down, restarting, out of connections): 503, retry."""
    log.error("database unavailable on %s: %s", request.method, type(exc).__name__)
    with i18n.language(request_language(request)):
        body = problem_json(
            503, "Database unavailable",
            "The database cannot be reached just now; nothing was changed. Try again shortly.",
            "database-unavailable", instance=request.url.path,
        )
    return problem(503, body, {"Retry-After": str(RETRY_AFTER_SECONDS)})


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    # pydantic's words for each error, in the caller's language (service/validation.py)
    errors = field_errors(exc.errors(), ("body", "query", "path", "header", "cookie"),
                          limit=1000)
    malformed = any(e.get("type") == "json_invalid" for e in exc.errors())
    status = 400 if malformed else 422
    with i18n.language(request_language(request)):
        body = problem_json(
            status, "Malformed JSON" if malformed else "The request is not valid",
            "; ".join(f"{e.field}: {e.message}" for e in errors),
            "malformed-json" if malformed else "invalid-request", errors, request.url.path,
        )
    return problem(status, body)


def freeze_heap() -> None:
    """After a worker's warm-up (run with the collector off): collect once, move every
    object then alive out of the cyclic collector's reach (``gc.freeze``) and turn
    the collector back on.

    What a worker keeps for its life (the packs in every language, their
    engines, phrase files, morphology and caches: about 400,000 objects) is
    built at start-up. With the collector on while it is built, every full
    collection walks all of it again: about 15 of them, 2.4-2.9 s of a worker's
    start-up CPU (measured with ``gc.callbacks``; so ``gravida.server.app_from_env``
    builds the app with the collector off too). Frozen, the later full
    collections walk only what requests made since, so a request never waits
    for a walk of the packs (0.2-0.35 s each). Requests make few cycles (a gen-0
    collection every 50-100 requests, under 1 % of their CPU), so the
    collector's thresholds stay Python's.
    """
    gc.collect()
    gc.freeze()
    gc.enable()


def create_app(
    settings: Settings | None = None, extra_routers: Sequence[APIRouter] = (),
    refusal_page: RefusalPage | None = None, *, freeze_after_warm_up: bool = False,
) -> FastAPI:
    """The API over one database and the packaged knowledge pack.

    ``extra_routers`` (the web pages: gravida.server composes them) share the
    app's service, middleware and error handling; the API never imports them.
    ``refusal_page`` is what a browser reads when the rate limit refuses it.
    ``freeze_after_warm_up``: a server worker's app, whose heap is frozen once
    its start-up warm-up is done (``freeze_heap``); not for an app made in a
    process that goes on to make others (tests), whose frozen objects would
    never be collected.
    """
    settings = settings or Settings()
    db = make_engine(settings)
    if settings.migrate_on_start:
        upgrade(settings, db)
    service = Service(settings, Engine(), InterviewStore(db))

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if freeze_after_warm_up:
            gc.disable()  # until the warm-up is done (freeze_heap)
        try:
            await run_in_threadpool(service.warm_up)
        finally:
            if freeze_after_warm_up:
                freeze_heap()
        await _purge(service, settings)  # before serving: nothing expired is ever served
        tasks = [asyncio.create_task(_purge_loop(service, settings)),
                 asyncio.create_task(_forget_loop(service, settings))]
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            db.dispose()

    app = FastAPI(
        title="Gravida API",
        version=_version(),
        description=DESCRIPTION,
        docs_url=None,  # the Swagger/ReDoc pages load scripts from a CDN: not here
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
        # FastAPI's own OpenTelemetry: off (the app makes no outbound calls, and asking
        # every request whether a provider has been configured cost about 2 % of it)
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.service = service
    app.state.settings = settings
    app.include_router(router)
    app.include_router(fhir_router)
    app.include_router(cds_router)
    for extra in extra_routers:  # e.g. the web pages (gravida.server), not in OpenAPI
        app.include_router(extra)
    app.add_exception_handler(ApiProblem, _api_problem)
    app.add_exception_handler(ServiceError, _service_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    # Connection-level failures only: a bug in a query stays a 500.
    for exc in (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError):
        app.add_exception_handler(exc, _database_down)
    app.add_middleware(FastRoutes)  # innermost: the size guard, limits and CORS apply as before
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Content-Type"],
            expose_headers=["ETag", "Location"],
            max_age=600,
        )
    app.add_middleware(RateLimit, limiter=RateLimiter(settings), page=refusal_page)
    app.add_middleware(Guard, max_body_bytes=settings.max_body_bytes)  # outermost
    app.openapi = build_openapi(app, service)  # type: ignore[method-assign]
    return app


async def _purge(service: Service, settings: Settings) -> None:
    try:
        n = await run_in_threadpool(service.store.purge, settings.retention_days)
        if n:
            log.info("purged %d interview(s) older than %d days", n, settings.retention_days)
    except Exception:
        log.exception("retention purge failed")


async def _forget_loop(service: Service, settings: Settings) -> None:
    """Drop expired readings of her words (GRAVIDA_READING_TTL_SECONDS) even when no
    request comes: at most a minute, or the time-to-live if shorter, after they expire."""
    if settings.reading_ttl_seconds <= 0:
        return
    while True:
        await asyncio.sleep(min(60, settings.reading_ttl_seconds))
        service.readings.expire()


async def _purge_loop(service: Service, settings: Settings) -> None:
    """Delete expired interviews every purge interval (0: only at start-up)."""
    if settings.purge_interval_seconds <= 0:
        return
    while True:
        await asyncio.sleep(settings.purge_interval_seconds)
        await _purge(service, settings)
