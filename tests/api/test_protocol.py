"""The server's HTTP protocol (api/protocol.py): a response leaves in one write.

uvicorn writes a response's head when the app starts it and its body apart;
``GravidaHttpProtocol`` holds the head for the body's first bytes. Driven here
through the protocol itself (uvicorn's parser, its request cycle, a recording
transport): the bytes written must be uvicorn's own, in the same order, and an
ordinary response one write; a response without body bytes (HEAD, 204), an
interim ``100 Continue``, a pipelined request and an app that fails after
starting its response must still send everything they sent before.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.server import ServerState

from gravida.api.protocol import GravidaHttpProtocol


class Recorder(asyncio.Transport):
    """A transport that keeps every write (and whether it was closed)."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: Any) -> None:
        self.writes.append(bytes(data))

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return {"peername": ("127.0.0.1", 50000), "sockname": ("127.0.0.1", 8000)}.get(
            name, default)

    def pause_reading(self) -> None:
        pass

    def resume_reading(self) -> None:
        pass


async def app(scope: Any, receive: Any, send: Any) -> None:
    """Answers by path: /ok a JSON body, /empty 204, /chunks a body in two parts,
    /fail starts a response and raises."""
    if scope["type"] != "http":
        return
    message = await receive()
    body = message.get("body", b"")
    path = scope["path"]
    if path == "/empty":
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})
        return
    if path == "/chunks":
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"one", "more_body": True})
        await send({"type": "http.response.body", "body": b"two"})
        return
    reply = b'{"echo":' + str(len(body)).encode() + b"}"
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(reply)).encode())]})
    if path == "/fail":
        raise RuntimeError("after the start")
    await send({"type": "http.response.body", "body": reply})


def exchange(protocol_class: type[HttpToolsProtocol], *chunks: bytes) -> Recorder:
    """Feed the request bytes to a new connection of this protocol; what it wrote."""

    async def run() -> Recorder:
        config = Config(app=app, http=protocol_class, log_level="critical", date_header=False)
        config.load()
        state = ServerState()
        protocol = protocol_class(config=config, server_state=state, app_state={})
        transport = Recorder()
        protocol.connection_made(transport)
        for chunk in chunks:
            protocol.data_received(chunk)
            for _ in range(50):  # let the app's task run to its end
                await asyncio.sleep(0)
        while state.tasks:
            await asyncio.gather(*state.tasks, return_exceptions=True)
        protocol.connection_lost(None)
        return transport

    return asyncio.run(run())


REQUESTS = {
    "post": [b"POST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"],
    "head": [b"HEAD /ok HTTP/1.1\r\nHost: x\r\n\r\n"],
    "no content": [b"GET /empty HTTP/1.1\r\nHost: x\r\n\r\n"],
    "chunked": [b"GET /chunks HTTP/1.1\r\nHost: x\r\n\r\n"],
    "pipelined": [b"GET /ok HTTP/1.1\r\nHost: x\r\n\r\nGET /chunks HTTP/1.1\r\nHost: x\r\n\r\n"
                  b"GET /ok HTTP/1.1\r\nHost: x\r\n\r\n"],
    "100 continue": [b"POST /ok HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                     b"Content-Length: 2\r\n\r\n", b"{}"],
    "fails after start": [b"GET /fail HTTP/1.1\r\nHost: x\r\n\r\n"],
}


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_the_same_bytes_as_uvicorn_writes(name):
    ours = exchange(GravidaHttpProtocol, *REQUESTS[name])
    theirs = exchange(HttpToolsProtocol, *REQUESTS[name])
    assert b"".join(ours.writes) == b"".join(theirs.writes)
    assert b"HTTP/1.1 " in b"".join(ours.writes)
    assert ours.closed == theirs.closed


def test_an_ordinary_response_is_one_write():
    ours = exchange(GravidaHttpProtocol, *REQUESTS["post"])
    theirs = exchange(HttpToolsProtocol, *REQUESTS["post"])
    assert len(theirs.writes) == 2  # uvicorn's own: the head, then the body
    assert len(ours.writes) == 1
    assert ours.writes[0].startswith(b"HTTP/1.1 200 OK\r\n")
    assert ours.writes[0].endswith(b'\r\n\r\n{"echo":2}')


def test_each_pipelined_response_is_one_write_in_order():
    ours = exchange(GravidaHttpProtocol, *REQUESTS["pipelined"])
    starts = [w for w in ours.writes if w.startswith(b"HTTP/1.1 ")]
    assert len(starts) == 3
    assert starts[0].endswith(b'{"echo":0}')


def test_the_interim_100_continue_is_not_held():
    ours = exchange(GravidaHttpProtocol, *REQUESTS["100 continue"])
    assert ours.writes[0] == b"HTTP/1.1 100 Continue\r\n\r\n"
    assert ours.writes[1].startswith(b"HTTP/1.1 200 OK\r\n")
    assert len(ours.writes) == 2


def test_a_head_without_body_bytes_still_goes_out():
    for name in ("head", "no content", "fails after start"):
        ours = exchange(GravidaHttpProtocol, *REQUESTS[name])
        assert len(ours.writes) == 1, name
        assert ours.writes[0].startswith(b"HTTP/1.1 "), name
