"""Per-client rate limits on the endpoints that create interviews or read free text.

Those are the requests a client could repeat to fill the database or to spend
the workers' CPU on text; everything else is cheap and bounded. The counting is
the `limits` library's (a moving window per client address and limit), kept in
memory by default: then each worker counts on its own, so a client may get up
to workers x the limit. When several workers or machines serve, point
GRAVIDA_RATE_LIMIT_STORAGE at a shared store (``redis://host:6379``) and the
limit holds across all of them.

The client is the connection's peer address: behind a reverse proxy, that is
the proxy, so the proxy should apply its own per-client limit (docs/deploy.md).
"""

from __future__ import annotations

import math
import time
from typing import Any

from fastapi import Request
from limits import RateLimitItem, parse_many
from limits.aio.storage import Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string

from gravida.api.problems import ApiProblem
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
                raise ApiProblem(
                    429, "rate-limited", "Too many requests",
                    f"This client sent more than {item} of these requests. "
                    f"Try again in {retry} s.",
                    headers={"Retry-After": str(retry)},
                )


def client_of(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def limit_create(request: Request) -> None:
    """A dependency for routes that store a new interview."""
    await request.app.state.rate_limiter.check("create", client_of(request))


async def limit_text(request: Request) -> None:
    """A dependency for routes that read free text (counted whether or not text is sent)."""
    await request.app.state.rate_limiter.check("text", client_of(request))
