"""uvicorn's HTTP protocol (httptools), with a deadline for request headers and problem 400s.

uvicorn times out idle keep-alive connections but gives a client all the time
it wants to send a request's line, headers and body: a thousand clients
trickling bytes (or sending none) hold a thousand connections. Here a request's
headers must be complete within GRAVIDA_TIMEOUT_HEADERS seconds of its first
byte (or of the connection opening), and its body within as many seconds of
the headers, or the connection is closed. A request
the parser refuses (a malformed Content-Length, a broken request line) gets a
400 problem+json like every other error, not uvicorn's plain text.

Used by `gravida serve` (``http=GravidaHttpProtocol``); an uvicorn started by
other means keeps uvicorn's own protocol.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from gravida.settings import Settings

_BAD_REQUEST = json.dumps({
    "type": "urn:gravida:problem:bad-request",
    "title": "Bad Request",
    "status": 400,
    "detail": "The HTTP request could not be read: a malformed request line or header "
              "(such as Content-Length).",
}, separators=(",", ":")).encode()


class GravidaHttpProtocol(HttpToolsProtocol):
    # Read once per worker process (uvicorn gives a protocol no settings of ours).
    header_timeout = Settings().timeout_headers

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_deadline: asyncio.TimerHandle | None = None

    def _arm_header_deadline(self) -> None:
        if self._header_deadline is None:
            self._header_deadline = self.loop.call_later(self.header_timeout, self._too_slow)

    def _disarm_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _too_slow(self) -> None:
        self._header_deadline = None
        if not self.transport.is_closing():
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_deadline()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm_header_deadline()

    def on_headers_complete(self) -> None:
        self._disarm_header_deadline()
        super().on_headers_complete()
        # the body too: a declared body that trickles in (or never comes) is cut off
        self._arm_header_deadline()

    def on_message_complete(self) -> None:
        self._disarm_header_deadline()
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # Idle now: uvicorn's keep-alive timeout takes over until the next request begins.
        self._disarm_header_deadline()

    def send_400_response(self, msg: str) -> None:
        self._disarm_header_deadline()
        content = [b"HTTP/1.1 400 Bad Request\r\n"]
        for name, value in self.server_state.default_headers:
            content.extend([name, b": ", value, b"\r\n"])
        content.extend([
            b"content-type: application/problem+json\r\n",
            b"content-length: " + str(len(_BAD_REQUEST)).encode("ascii") + b"\r\n",
            b"cache-control: no-store\r\n",
            b"x-content-type-options: nosniff\r\n",
            b"connection: close\r\n",
            b"\r\n",
            _BAD_REQUEST,
        ])
        self.transport.write(b"".join(content))
        self.transport.close()
