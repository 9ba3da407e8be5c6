"""Web fixtures: the real app served by uvicorn on a free loopback port, and Debian's chromium.

The server runs in a thread of the test process on a temporary data
directory (SQLite), exactly as `gravida serve` builds it (the app factory
with settings), so the browser talks HTTP to the same code a person would.
Browser tests skip, saying why, only when /usr/bin/chromium is missing; CI
installs it (.ci/run), so there they always run.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from gravida.server import create_app
from gravida.settings import Settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


# A number from the range Ofcom keeps for drama: it rings no real maternity unit.
MATERNITY = "01632 960000"


def make_app(data_dir: Path, **settings: Any) -> FastAPI:
    # One test client starts far more interviews a minute than a person could: the
    # per-client rate limits (tested in tests/api) would refuse them.
    settings.setdefault("rate_limits", False)
    return create_app(Settings(data_dir=data_dir, purge_interval_seconds=0, **settings))


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    """In-process client (no browser) for page-level tests."""
    with TestClient(make_app(tmp_path)) as c:
        yield c


@dataclass
class Server:
    url: str
    app: FastAPI


@contextmanager
def serving(app: FastAPI) -> Iterator[Server]:
    """``app`` over HTTP on 127.0.0.1 and a free port, in a thread, until the block ends."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web app did not start")
        time.sleep(0.05)
    try:
        yield Server(f"http://127.0.0.1:{port}", app)
    finally:
        srv.should_exit = True
        thread.join(timeout=15)
        sock.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app over HTTP on 127.0.0.1 and a free port, for the browser."""
    app = make_app(tmp_path_factory.mktemp("gravida-web"), maternity_number=MATERNITY)
    with serving(app) as running:
        yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@contextmanager
def page_in(browser: Any, server: Server, **options: Any) -> Iterator[Any]:
    """A page in a fresh browser context (its own cookies and cache) on the test server."""
    context = browser.new_context(base_url=server.url, **options)
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        yield page
    finally:
        context.close()


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture()
def phone(browser: Any, server: Server) -> Iterator[Any]:
    """A page in a phone-sized context (390 x 844, touch), JavaScript on."""
    with page_in(browser, server, device_scale_factor=2, **PHONE) as page:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.js_errors = errors  # read by tests
        yield page


@pytest.fixture()
def nojs(browser: Any, server: Server) -> Iterator[Any]:
    """A page with JavaScript disabled: plain forms and redirects only."""
    with page_in(browser, server, java_script_enabled=False, **PHONE) as page:
        yield page


@pytest.fixture()
def browser_page(request: pytest.FixtureRequest, browser: Any, server: Server) -> Iterator[Any]:
    """A 390 x 844 phone page, JavaScript on or off as the test's ``js`` parameter says."""
    js = bool(request.getfixturevalue("js"))
    with page_in(browser, server, java_script_enabled=js, device_scale_factor=2,
                 **PHONE) as page:
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.js_errors = errors  # read by tests (always empty without JavaScript)
        yield page


@pytest.fixture()
def zoomed(request: pytest.FixtureRequest, browser: Any, server: Server) -> Iterator[Any]:
    """The phone at 200% text size: a 390 x 844 screen is 195 x 422 CSS pixels.

    JavaScript on, or as the test's ``js`` parameter says when it has one.
    """
    js = bool(request.getfixturevalue("js")) if "js" in request.fixturenames else True
    with page_in(browser, server, viewport={"width": 195, "height": 422},
                 device_scale_factor=4, is_mobile=True, has_touch=True,
                 java_script_enabled=js) as page:
        yield page


def screenshot(page: Any, name: str, first_screen: bool = False) -> Path:
    """A whole-page screenshot (or only what the first screen shows) in artifacts/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=not first_screen, scale="css")
    return path
