"""uvicorn's HTTP protocol (httptools), with a deadline for request headers and problem 400s.

uvicorn times out idle keep-alive connections but gives a client all the time
it wants to send a request's line, headers and body: a thousand clients
trickling bytes (or sending none) hold a thousand connections. Here a request's
headers must be complete within GRAVIDA_TIMEOUT_HEADERS seconds of its first
byte (or of the connection opening), and its body within as many seconds of
the headers, or the connection is closed. A request
the parser refuses (a malformed Content-Length, a broken request line) gets a
400 problem+json like every other error, not uvicorn's plain text.

A response also leaves in one write: uvicorn writes its status line and
headers as soon as the app starts the response, and the body apart, two
sends (two segments, two wake-ups of the client) for every response;
here the head waits for the body's first bytes (``_OneWrite``).

Used by `gravida serve` (``http=GravidaHttpProtocol``); an uvicorn started by
other means keeps uvicorn's own protocol.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol, RequestResponseCycle

from gravida.settings import Settings

_BAD_REQUEST = json.dumps({
    "type": "urn:gravida:problem:bad-request",
    "title": "Bad Request",
    "status": 400,
    "detail": "The HTTP request could not be read: a malformed request line or header "
              "(such as Content-Length).",
}, separators=(",", ":")).encode()


class _OneWrite:
    """The transport as one response's cycle sees it: the head waits for the body.

    uvicorn's cycle writes the status line and headers when the app starts the
    response (``response_started`` is then set), and each part of the body as
    the app sends it. The head is held here and goes out with the body's first
    bytes, so that an ordinary response costs one send instead of two (about a
    tenth of the server's CPU for a small response). Anything else the cycle
    does with the transport (closing it on an error, a response with no body
    bytes such as HEAD or 204) sends the held head first, so the bytes on the
    wire are the same, in the same order. Written before the response starts
    (``100 Continue``), a write goes out at once.
    """

    __slots__ = ("_cycle", "_head", "_started", "_transport")

    def __init__(self, transport: asyncio.Transport, cycle: RequestResponseCycle) -> None:
        self._transport, self._cycle = transport, cycle
        self._head: bytes | None = None
        self._started = False

    def write(self, data: bytes) -> None:
        if self._head is not None:
            head, self._head = self._head, None
            self._transport.write(head + data)
        elif not self._started and self._cycle.response_started:
            self._started = True  # this is the head: it waits for the body
            self._head = bytes(data)
        else:
            self._transport.write(data)

    def flush(self) -> None:
        """Send a held head now (its response has no body bytes, or is being cut off)."""
        if self._head is not None:
            head, self._head = self._head, None
            self._transport.write(head)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def is_closing(self) -> bool:
        return self._transport.is_closing()

    def __getattr__(self, name: str) -> Any:  # the transport's other methods, as they are
        return getattr(self._transport, name)


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
        before = self.cycle
        super().on_headers_complete()
        cycle = self.cycle
        if cycle is not None and cycle is not before:  # a new request's cycle
            held = _OneWrite(self.transport, cycle)
            cycle.transport = held  # type: ignore[assignment]
            completed = cycle.on_response

            def on_response() -> None:  # the body is done: a head still held goes now
                held.flush()
                completed()

            cycle.on_response = on_response
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
