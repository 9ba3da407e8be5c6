"""The outermost layer of the app: limits, security headers, and a last line of defence.

A pure ASGI middleware (no per-request objects beyond a closure) so that it
costs microseconds. It:
- refuses bodies over the size limit with 413, by Content-Length before
  reading and by counting while reading (chunked uploads);
- adds security headers to every response, errors included;
- turns any exception that escaped the app into a generic 500 problem (the
  traceback goes to the log, never to the client).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect

from gravida.api.problems import PROBLEM_MEDIA_TYPE, problem_bytes, problem_json

log = logging.getLogger("gravida.api")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# For JSON API responses: nothing may load, frame or be framed.
API_CSP = (
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"content-security-policy", API_CSP.encode()),
    (b"cross-origin-opener-policy", b"same-origin"),
)
# Health data: no cache, shared or private, may keep a response unless a route says so.
DEFAULT_CACHE_CONTROL = b"no-store"


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when a body grows past the limit while being read.

    An HTTPException so that frameworks re-raise it untouched, and the app's
    handler (or this middleware) answers 413.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than the limit of {limit} bytes.")
        self.limit = limit


def too_large_body(limit: int, path: str) -> bytes:
    return problem_bytes(
        problem_json(
            413,
            "Request body too large",
            f"The request body is larger than the limit of {limit} bytes.",
            "body-too-large",
            instance=path,
        )
    )


class Guard:
    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        started = False
        limit = self.max_body

        async def send_secure(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers: list[tuple[bytes, bytes]] = list(message.get("headers", ()))
                present = {k.lower() for k, _ in headers}
                headers.extend(h for h in SECURITY_HEADERS if h[0] not in present)
                if b"cache-control" not in present:
                    headers.append((b"cache-control", DEFAULT_CACHE_CONTROL))
                message["headers"] = headers
            await send(message)

        async def respond(status: int, body: bytes) -> None:
            await send_secure({
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            })
            await send_secure({"type": "http.response.body", "body": body})

        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0:
                    await respond(400, problem_bytes(problem_json(
                        400, detail="The Content-Length header is not a number.",
                        kind="bad-request", instance=path)))
                    return
                if declared > limit:
                    await respond(413, too_large_body(limit, path))
                    return
                break

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        try:
            await self.app(scope, limited_receive, send_secure)
        except BodyTooLarge:
            if not started:
                await respond(413, too_large_body(limit, path))
        except ClientDisconnect:
            return  # gone (or cut off for sending too slowly): nobody to answer
        except Exception:
            log.exception("unhandled error on %s %s", scope.get("method"), _safe_path(path))
            if not started:
                await respond(500, problem_bytes(problem_json(
                    500, "Internal error",
                    "Something went wrong on our side; the error has been logged. "
                    "Please try again.", "internal", instance=path)))


def _safe_path(path: str) -> str:
    """Interview ids are bearer secrets: keep them out of logs."""
    parts = path.split("/")
    if len(parts) > 3 and parts[1] == "v1" and parts[2] == "interviews":
        parts[3] = "{id}"
    return "/".join(parts)
