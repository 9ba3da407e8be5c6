"""axe-core on a page as it is now, with JavaScript on or off.

axe runs as a script in the page and its ``axe.run`` promise waits on timers.
In a context created with JavaScript disabled, Playwright's ``evaluate``
still runs synchronous code, but chromium fires no timer or animation frame
there, so the promise never settles and ``Axe().run`` hung (that was the
hang of the last session). For a page without JavaScript, axe therefore runs
on a copy: the same document as the page has it now (server-rendered markup,
never touched by app.js; its ``<script>`` elements removed, since they did
not run), loaded at the same address with the same stylesheets into a
scripted context of the same viewport, where every script request is
refused. What axe judges is exactly what she sees without JavaScript.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Route

# The document as it stands, without its scripts (which did not run without JavaScript).
SNAPSHOT = """() => {
  const copy = document.documentElement.cloneNode(true);
  copy.querySelectorAll('script').forEach(s => s.remove());
  return '<!DOCTYPE html>\\n' + copy.outerHTML;
}"""


@contextmanager
def scripted_copy(page: Page) -> Iterator[Page]:
    """The page's current document in a context where axe's script can run."""
    html = page.evaluate(SNAPSHOT)
    url = page.url
    browser = page.context.browser
    assert browser is not None
    context = browser.new_context(viewport=page.viewport_size, is_mobile=True, has_touch=True)

    def serve(route: Route) -> None:
        request = route.request
        if request.resource_type == "document":  # only the snapshot, never a fresh page
            if request.url == url.split("#", 1)[0]:
                route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
            else:
                route.abort()
        elif request.resource_type == "script":
            route.abort()
        else:  # its stylesheets, images and fonts, from the server
            route.continue_()

    context.route("**/*", serve)
    try:
        copy = context.new_page()
        copy.set_default_timeout(15000)
        copy.goto(url, wait_until="load")
        # the copy shows what the page shows (a wrong copy would make the check vacuous)
        assert copy.locator("body").inner_text() == page.locator("body").inner_text()
        yield copy
    finally:
        context.close()


def violations(page: Page) -> tuple[list[dict[str, Any]], str]:
    """Serious or critical axe violations on ``page`` and axe's report."""
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    return bad, results.generate_report()


def check_axe(page: Page, what: str, js: bool = True) -> None:
    """No serious or critical axe-core violations on the page as it is now.

    ``js``: whether the page's context runs JavaScript (False: axe runs on a
    scripted copy of the document, see the module's docstring).
    """
    if js:
        bad, report = violations(page)
    else:
        with scripted_copy(page) as copy:
            bad, report = violations(copy)
    assert not bad, f"{what} (JavaScript {'on' if js else 'off'}): {report}"
