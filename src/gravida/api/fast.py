"""The API's busiest routes without FastAPI's per-request machinery (issue 18's speed).

For every request FastAPI walks the route's dependency tree, validates each
parameter through pydantic and assembles the values anew: about 0.1 ms, half
of an engine's-assessment request and a tenth of a full result. The routes a
client calls in a loop (an assessment; an interview's start, answers and reads)
are few and their parameters simple, so ``FastRoutes`` calls the very same
endpoint and dependency functions of ``gravida.api.routes`` itself, for the
ordinary request only: one of those paths and methods, with a query it can read
without validating (none, or ``detail=full|core`` for an assessment). Anything
else, a trailing slash, an unknown or repeated query parameter, HEAD, goes on
to FastAPI, which stays the reference: tests/api/test_fast.py sends the same
requests both ways and compares status, headers and body. The routes stay
declared with FastAPI, so the OpenAPI document is unchanged.

It sits innermost among the app's middleware (inside the size guard, the rate
limit and CORS, which therefore apply as before) and answers errors with the
app's own exception handlers, as FastAPI's ExceptionMiddleware would.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Literal

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from gravida.api import routes
from gravida.api.body import json_body
from gravida.service import Service

# One route's work for an ordinary request: the request, its service and the
# interview id from the path ("" for a path without one) in, the response out.
Handler = Callable[[Request, Service, str], Awaitable[Response]]

_DETAILS: dict[bytes, Literal["full", "core"]] = {
    b"": "full", b"detail=full": "full", b"detail=core": "core"}


async def _lang(request: Request) -> str | None:
    return await routes.request_lang(request, request.headers.get("accept-language"))


async def _assess(request: Request, service: Service, _: str) -> Response:
    body = await json_body(request)  # FastAPI's order: service, body, lang, then the query
    lang = await _lang(request)
    return await routes.assess(request, service, body, lang,
                               _DETAILS[request.scope["query_string"]])


async def _start(request: Request, service: Service, _: str) -> Response:
    body = await json_body(request)
    lang = await _lang(request)
    return await run_in_threadpool(routes.start_interview, service, body, lang)


async def _get(request: Request, service: Service, interview_id: str) -> Response:
    return await run_in_threadpool(routes.get_interview, service, interview_id)


async def _answer(request: Request, service: Service, interview_id: str) -> Response:
    body = await json_body(request)
    if service.store.local:  # on the event loop unless an emergency is shown (routes)
        return await routes.answer_interview_on_loop(service, interview_id, body)
    # a write that waits on a network (PostgreSQL): a worker thread, the loop goes on
    return await run_in_threadpool(routes.answer_interview, service, interview_id, body)


async def _back(request: Request, service: Service, interview_id: str) -> Response:
    body = await json_body(request)
    return await run_in_threadpool(routes.back_interview, service, interview_id, body)


async def _result(request: Request, service: Service, interview_id: str) -> Response:
    return await run_in_threadpool(routes.get_interview_result, service, interview_id)


# (method, path) -> handler, for paths without an id
STATIC: dict[tuple[str, str], Handler] = {
    ("POST", "/v1/assess"): _assess,
    ("POST", "/v1/interviews"): _start,
}
# (method, what follows /v1/interviews/{id}) -> handler
INTERVIEW: dict[tuple[str, str], Handler] = {
    ("GET", ""): _get,
    ("POST", "/answers"): _answer,
    ("POST", "/back"): _back,
    ("GET", "/result"): _result,
}
_PREFIX = "/v1/interviews/"


def route(scope: Any) -> tuple[Handler, str] | None:
    """The handler and interview id for an ordinary request to a fast route, else None."""
    if scope["type"] != "http" or scope.get("root_path"):
        return None
    method, path, query = scope["method"], scope["path"], scope["query_string"]
    found = STATIC.get((method, path))
    if found is not None:
        if query and not (found is _assess and query in _DETAILS):
            return None
        return found, ""
    if query or not path.startswith(_PREFIX):
        return None
    interview_id, slash, rest = path[len(_PREFIX):].partition("/")
    handler = INTERVIEW.get((method, slash + rest))
    if handler is None or not interview_id:
        return None
    return handler, interview_id


def _handler_for(handlers: dict[Any, Any], exc: Exception) -> Any:
    """The app's handler for this exception (the nearest class it is an instance of)."""
    for cls in type(exc).__mro__:
        if cls in handlers:
            return handlers[cls]
    return None


class FastRoutes:
    """ASGI middleware: the ordinary requests of the busiest routes, answered directly."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        found = route(scope)
        if found is None:
            await self.app(scope, receive, send)
            return
        handler, interview_id = found
        request = Request(scope, receive)
        app = scope["app"]
        try:
            response = await handler(request, app.state.service, interview_id)
        except Exception as exc:
            on_error = _handler_for(app.exception_handlers, exc)
            if on_error is None:
                raise
            response = await on_error(request, exc)
        await response(scope, receive, send)
