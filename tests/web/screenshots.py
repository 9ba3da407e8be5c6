"""Retake the README's screenshots from the pages as they are now.

    python -m tests.web.screenshots [--out docs/screenshots]     (make screenshots)

Serves the app on loopback (a temporary SQLite directory, the test
maternity number), plays one dev vignette per triage level in Debian's
chromium on a 390 x 844 phone as the browser tests' simulated patient does,
checks the page shows that level, and saves the first phone screen of each
result as ``result-<level>.png``; then "What we understood" for a short
description as ``understood.png``. Needs ../shared/vignettes/dev.yaml and
/usr/bin/chromium, as the browser tests do.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from gravida.engine import Engine
from gravida.knowledge.load import default_pack

from .conftest import CHROMIUM, CHROMIUM_ARGS, MATERNITY, PHONE, ROOT, make_app, page_in, serving
from .patient import CASES, DEV, level_shown, play, start, vignettes

# What she might type before the questions: a made-up description, no vignette's words.
DESCRIPTION = "I'm 26 weeks. My lower back aches and it burns when I pee."


def shoot(page: Page, path: Path) -> None:
    """The first phone screen, at the phone's CSS size (390 x 844)."""
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(path), full_page=False, scale="css")
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots",
                        help="where the PNG files go (default: docs/screenshots)")
    args = parser.parse_args(argv)
    for needed in (DEV, CHROMIUM):
        if not needed.exists():
            print(f"{needed} is missing: cannot take the screenshots", file=sys.stderr)
            return 2
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    engine = Engine(default_pack())
    cases = vignettes()
    with tempfile.TemporaryDirectory() as data, \
            serving(make_app(Path(data), maternity_number=MATERNITY)) as server, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for level, vid in CASES.items():
                with page_in(browser, server, device_scale_factor=2, **PHONE) as page:
                    play(page, server.url, engine, cases[vid]["case"])
                    shown = level_shown(page)
                    if shown != level:
                        print(f"{vid} showed {shown}, not {level}: not saved", file=sys.stderr)
                        return 1
                    shoot(page, out / f"result-{level}.png")
            with page_in(browser, server, device_scale_factor=2, **PHONE) as page:
                start(page, engine, None, [], text=DESCRIPTION, confirm=False)
                expect(page.get_by_role("heading", name="What we understood")).to_be_visible()
                shoot(page, out / "understood.png")
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
