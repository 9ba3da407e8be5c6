"""Per-client rate limits on the endpoints that create interviews or read free text.

Those are the requests a client could repeat to fill the database or to spend
the workers' CPU on text; everything else is cheap and bounded. The counting is
the `limits` library's (a moving window per client address and limit), kept in
memory by default: then each worker counts on its own, so a client may get up
to workers x the limit. When several workers or machines serve, point
GRAVIDA_RATE_LIMIT_STORAGE at a shared store (``redis://host:6379``) and the
limit holds across all of them.

Counted in an ASGI middleware (``RateLimit``) by method and path, so the web form
that starts an interview counts against the same limit as the API.

The client is the connection's peer address: behind a reverse proxy, that is
the proxy, so the proxy should apply its own per-client limit (docs/deploy.md).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from limits import RateLimitItem, parse_many
from limits.aio.storage import Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from gravida.api.problems import PROBLEM_MEDIA_TYPE, ApiProblem, problem_bytes
from gravida.knowledge.i18n import N_
from gravida.settings import Settings

# Which limit applies: the name of a setting per kind of request.
KINDS = ("create", "text")


class RateLimiter:
    """One per app: the limits from the settings and the store they are counted in."""

    def __init__(self, settings: Settings) -> None:
        uri = settings.rate_limit_storage
        storage: Any = storage_from_string(uri if uri.startswith("async+") else "async+" + uri)
        assert isinstance(storage, Storage)
        self.enabled = settings.rate_limits
        self.limiter = MovingWindowRateLimiter(storage)
        self.items: dict[str, list[RateLimitItem]] = {
            "create": parse_many(settings.rate_limit_create),
            "text": parse_many(settings.rate_limit_text),
        }

    async def check(self, kind: str, client: str) -> None:
        """Count one request of this kind from this client; 429 when over a limit."""
        if not self.enabled:
            return
        for item in self.items[kind]:
            if not await self.limiter.hit(item, kind, client):
                stats = await self.limiter.get_window_stats(item, kind, client)
                retry = max(1, math.ceil(stats.reset_time - time.time()))
                raise ApiProblem.of(
                    429, "rate-limited", "Too many requests",
                    N_("This client sent more than %(limit)s of these requests. "
                       "Try again in %(retry)s s."),
                    headers={"Retry-After": str(retry)}, params={"limit": item, "retry": retry},
                )


# Which requests count, by method and path: the API's, and the web form that starts an
# interview from her words (served by the same app when gravida.server composes them).
LIMITED: dict[tuple[str, str], str] = {
    ("POST", "/v1/interviews"): "create",
    ("POST", "/v1/parse"): "text",
    ("POST", "/start"): "create",
}


# A page for a browser refused by the limit: (scope, Retry-After seconds) -> an ASGI
# response. Given by whoever composes the web pages in (gravida.server); the API
# never imports them.
RefusalPage = Callable[[Any, int], Any]


def wants_html(scope: Any) -> bool:
    """Whether the client asked for a page (a browser's form post), not problem+json."""
    accept = next((v for k, v in scope.get("headers", []) if k == b"accept"), b"")
    return b"text/html" in accept


class RateLimit:
    """ASGI middleware: count the limited requests per client before anything else runs.

    A refused request gets problem+json, or, when ``page`` is given and the
    client accepts HTML (the web's start form), that page with the same status
    and Retry-After.
    """

    def __init__(self, app: Any, limiter: RateLimiter, page: RefusalPage | None = None) -> None:
        self.app = app
        self.limiter = limiter
        self.page = page

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and self.limiter.enabled:
            kind = LIMITED.get((scope["method"], scope["path"]))
            if kind is not None:
                client = scope.get("client")
                try:
                    await self.limiter.check(kind, client[0] if client else "unknown")
                except ApiProblem as exc:
                    if self.page is not None and wants_html(scope):
                        retry = int(exc.headers.get("Retry-After", "1"))
                        await self.page(scope, retry)(scope, receive, send)
                        return
                    body = problem_bytes(exc.to_json(scope["path"]))
                    await send({"type": "http.response.start", "status": exc.status, "headers": [
                        (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                        (b"content-length", str(len(body)).encode()),
                        *((k.lower().encode(), v.encode()) for k, v in exc.headers.items()),
                    ]})
                    await send({"type": "http.response.body", "body": body})
                    return
        await self.app(scope, receive, send)
