"""The web app in a real browser (Debian's chromium driven by Playwright).

Complete interviews for dev vignettes at three levels, the emergency
interruption, "back", the flow without JavaScript, a phone-sized viewport,
markup and script typed into the free-text box, and axe-core on every page.
Screenshots go to artifacts/screenshots/ (not committed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from gravida.engine import Engine

from .conftest import Server, screenshot
from .patient import (
    click_and_wait,
    current_question,
    on_result,
    play,
    reply_on_page,
    start,
)

DEV = Path(__file__).resolve().parents[3] / "shared" / "vignettes" / "dev.yaml"
needs_vignettes = pytest.mark.skipif(not DEV.exists(), reason="../shared/vignettes not available")
URGENT = ("emergency", "emergency_ambulance")
# One dev vignette per expected level the issue names (checked against the file below).
CASES = {"self_care": "dev-001", "consultation": "dev-003", "emergency": "dev-002"}


def vignettes() -> dict[str, dict[str, Any]]:
    return {v["id"]: v for v in yaml.safe_load(DEV.read_text(encoding="utf-8"))}


def meaning(engine: Engine, level: str) -> str:
    return next(t.meaning for t in engine.pack.vocabulary.triage_levels if t.id == level)


def check_axe(page: Page, what: str) -> None:
    """No serious or critical axe-core violations on the page as it is now."""
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, f"{what}: " + results.generate_report()


def level_shown(page: Page) -> str:
    banner = page.locator("[data-level]").first
    expect(banner).to_be_visible()
    level = banner.get_attribute("data-level")
    assert level is not None
    return level


def no_ids_shown(page: Page, engine: Engine) -> None:
    """No finding or condition id in the visible text (ids are for machines)."""
    text = page.locator("body").inner_text()
    ids = [f.id for f in engine.pack.vocabulary.findings]
    ids += [c.id for c in engine.pack.vocabulary.conditions]
    shown = [i for i in ids if "_" in i and i in text]
    assert not shown, shown


# --- complete interviews -------------------------------------------------------------


@needs_vignettes
@pytest.mark.parametrize("expected", list(CASES))
def test_vignette_interview_reaches_its_level(
    phone: Page, server: Server, engine: Engine, expected: str
) -> None:
    v = vignettes()[CASES[expected]]
    assert v["expect"]["triage"] == expected
    shot = {"n": 0}

    def look(page: Page, q: dict[str, Any]) -> bool:
        if shot["n"] == 0 and expected == "self_care":
            screenshot(page, "question")
            check_axe(page, "question page")
        shot["n"] += 1
        return False

    answered = play(phone, server.url, engine, v["case"], on_question=look)
    assert on_result(phone)
    assert answered > 0
    assert level_shown(phone) == expected
    expect(phone.locator("#banner-title")).to_have_text(meaning(engine, expected))
    # the parts of the result a person needs
    expect(phone.get_by_role("heading", name="What may be causing it")).to_be_visible()
    expect(phone.get_by_role("heading", name="What happens next")).to_be_visible()
    expect(phone.get_by_role("region", name="What happens next")).to_be_visible()
    expect(phone.get_by_role("heading", name="Why we think so")).to_be_visible()
    expect(phone.get_by_role("heading", name="Check a medicine")).to_be_visible()
    expect(phone.get_by_role("heading", name="Get help at once if anything changes")
           ).to_be_visible()
    assert phone.locator(".causes li").count() >= 1
    assert phone.locator(".causes .fill").count() == phone.locator(".causes li").count()
    if expected in URGENT:
        expect(phone.locator("#urgent [data-level]")).to_be_visible()  # the live region
        assert phone.get_by_role("heading", name="What you can do yourself").count() == 0
    else:
        expect(phone.get_by_role("heading", name="What you can do yourself")).to_be_visible()
    no_ids_shown(phone, engine)
    assert not phone.js_errors, phone.js_errors  # type: ignore[attr-defined]
    screenshot(phone, f"result-{expected}")
    check_axe(phone, f"{expected} result page")

    # the medicine checker on the result page
    phone.get_by_label("Name of the medicine (as on the packet)").fill("paracetamol")
    click_and_wait(phone, phone.get_by_role("button", name="Check"), js=True)
    verdict = phone.locator("#medicine-answer .verdict")
    expect(verdict).to_be_visible()
    assert verdict.get_attribute("data-verdict") == "generally_safe"
    expect(verdict).to_contain_text("Paracetamol")
    check_axe(phone, "result page with a medicine verdict")

    # the clinician summary
    phone.get_by_role("link", name="Open a summary you can print or show").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("summary for a clinician")
    expect(phone.get_by_role("button", name="Print this summary")).to_be_visible()
    expect(phone.locator("table")).to_contain_text("%")
    expect(phone.get_by_role("heading", name="Suggested work-up")).to_be_visible()
    assert phone.locator("ol.workup > li").count() >= 1
    no_ids_shown(phone, engine)
    if expected == "self_care":
        screenshot(phone, "summary")
        check_axe(phone, "summary page")
    one_page = phone.get_by_role("link", name="One-page summary with codes")
    if one_page.count():  # gravida.report.summary is installed: its page renders under the CSP
        one_page.click()
        expect(phone.locator("h1")).to_be_visible()
        assert phone.evaluate("getComputedStyle(document.body).maxWidth") != "none"
        if expected == "self_care":
            screenshot(phone, "clinician-one-page")
    assert not phone.js_errors, phone.js_errors  # type: ignore[attr-defined]


def test_start_page_on_a_phone(phone: Page, engine: Engine) -> None:
    phone.goto("/")
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    # mobile-first: nothing wider than the screen, big enough targets
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    box = phone.get_by_role("button", name="Start").bounding_box()
    assert box is not None and box["height"] >= 44
    for role in ("banner", "main", "contentinfo"):
        expect(phone.get_by_role(role)).to_have_count(1)
    screenshot(phone, "start")
    check_axe(phone, "start page")
    # keyboard: the first Tab reaches the skip link, which leads to the main content
    phone.keyboard.press("Tab")
    expect(phone.locator(":focus")).to_have_text("Skip to main content")
    phone.keyboard.press("Enter")
    expect(phone.locator("#main")).to_be_focused()
    # from there the next Tab is the first field (past the header), in reading order
    phone.keyboard.press("Tab")
    expect(phone.get_by_label("How many weeks pregnant are you?")).to_be_focused()


def test_start_errors_are_shown_and_accessible(phone: Page) -> None:
    phone.goto("/")
    phone.get_by_label("How many weeks pregnant are you?").fill("90")
    # the browser's own check stops it first; submit without it, as an old browser would
    phone.locator("form").evaluate("f => f.setAttribute('novalidate', '')")
    click_and_wait(phone, phone.get_by_role("button", name="Start"), js=True)
    expect(phone.locator(".error-summary")).to_contain_text("weeks of pregnancy")
    expect(phone.locator(".error-summary")).to_be_focused()
    expect(phone.get_by_label("How many weeks pregnant are you?")).to_have_value("90")
    check_axe(phone, "start page with an error")


# --- emergency, back, without JavaScript -----------------------------------------------


@needs_vignettes
def test_an_emergency_answer_switches_the_page_at_once(
    phone: Page, server: Server, engine: Engine
) -> None:
    """A calm interview; she ticks numbness in the saddle area: the next page says go now."""
    v = vignettes()["dev-001"]

    def saddle(page: Page, q: dict[str, Any]) -> bool:
        options = {o["finding"]: o["text"] for o in q.get("options", [])}
        if "saddle_numbness" in options:
            text = options["saddle_numbness"]
            page.get_by_label(text[:1].upper() + text[1:], exact=True).check()
            click_and_wait(page, page.get_by_role("button", name="Continue"), js=True)
            return True
        if q["id"] == "saddle_numbness":
            click_and_wait(page, page.get_by_role("button", name="Yes", exact=True), js=True)
            return True
        return False

    play(phone, server.url, engine, v["case"], on_question=saddle)
    urgent = phone.locator("#urgent")
    assert urgent.get_attribute("role") == "alert"
    banner = urgent.locator("[data-level]")
    expect(banner).to_be_visible()
    assert banner.get_attribute("data-level") in URGENT
    level = banner.get_attribute("data-level") or ""
    expect(urgent).to_contain_text(meaning(engine, level))
    screenshot(phone, "emergency-interruption")
    check_axe(phone, "emergency page")
    if not on_result(phone):  # still asking whether it is an ambulance call
        phone.get_by_role("link", name="Show me what to do now").click()
        expect(phone.locator("#urgent [data-level]")).to_be_visible()
        check_axe(phone, "emergency result page")


@needs_vignettes
def test_back_changes_the_last_answer(phone: Page, server: Server, engine: Engine) -> None:
    start(phone, engine, 28, ["pain_lower_back_central"])
    first = current_question(phone, server.url)
    reply_on_page(phone, first, None, js=True)  # don't know
    second = current_question(phone, server.url)
    assert second["number"] == 2
    click_and_wait(phone, phone.get_by_role("button", name="Back to the previous question"),
                   js=True)
    again = current_question(phone, server.url)
    assert again["id"] == first["id"] and again["number"] == 1
    expect(phone.locator("#q-title")).to_be_focused()  # focus follows the page change
    # the browser's own back and forward buttons after swaps load real pages
    reply_on_page(phone, again, None, js=True)
    phone.go_back()
    expect(phone.get_by_role("button", name="Start")).to_be_visible()
    phone.go_forward()
    expect(phone.locator("form.question")).to_be_visible()
    assert current_question(phone, server.url)["number"] == 2


@needs_vignettes
def test_the_whole_flow_works_without_javascript(
    nojs: Page, server: Server, engine: Engine
) -> None:
    v = vignettes()[CASES["emergency"]]
    play(nojs, server.url, engine, v["case"], js=False)
    assert on_result(nojs)
    assert level_shown(nojs) == "emergency"
    nojs.get_by_label("Name of the medicine (as on the packet)").fill("ibuprofen")
    click_and_wait(nojs, nojs.get_by_role("button", name="Check"), js=False)
    verdict = nojs.locator("#medicine-answer .verdict")
    assert verdict.get_attribute("data-verdict") in ("avoid", "contraindicated")
    # back from the result, without JavaScript
    click_and_wait(nojs, nojs.get_by_role("button", name="Change my last answer"), js=False)
    expect(nojs.locator("form.question")).to_be_visible()
    # the print button needs JavaScript, so it stays hidden; the summary is still there
    nojs.goto(nojs.url.split("/i/")[0] + "/i/" + nojs.url.split("/i/")[1].split("?")[0]
              + "/summary")
    expect(nojs.get_by_role("button", name="Print this summary")).to_be_hidden()


# --- what she types is never run ------------------------------------------------------


XSS = (
    '<script>window.__xss = 1; alert("x")</script>'
    '<img src="x" onerror="window.__xss = 2"> "quotes" & <b>bold</b> '
    "I am 30 weeks and my lower back aches"
)


@needs_vignettes
def test_markup_and_script_in_the_free_text_are_shown_not_run(
    phone: Page, server: Server, engine: Engine
) -> None:
    dialogs: list[str] = []
    phone.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    start(phone, engine, 30, [], text=XSS)
    expect(phone.locator("form.question")).to_be_visible()
    phone.get_by_text("What you have told us so far").click()
    quote = phone.locator("blockquote.her-words")
    expect(quote).to_have_text(XSS)  # shown back exactly, as text
    assert quote.locator("script, img, b").count() == 0
    assert phone.evaluate("window.__xss") is None
    # and in the clinician summary
    phone.goto(phone.url.split("?")[0] + "/summary")
    expect(phone.locator("blockquote.her-words")).to_have_text(XSS)
    assert phone.locator("blockquote.her-words script, blockquote.her-words img").count() == 0
    assert phone.evaluate("window.__xss") is None
    assert dialogs == []
    # the medicine box too
    case = {"gestational_weeks": 30, "present": ["pain_lower_back_central"]}
    play(phone, server.url, engine, case)
    phone.get_by_label("Name of the medicine (as on the packet)").fill(XSS[:120])
    click_and_wait(phone, phone.get_by_role("button", name="Check"), js=True)
    expect(phone.locator("#medicine-answer")).to_contain_text("<script>")
    assert phone.locator("#medicine-answer script, #medicine-answer img").count() == 0
    assert phone.evaluate("window.__xss") is None
    assert dialogs == []


def test_not_found_page(phone: Page) -> None:
    response = phone.goto("/i/no-such-interview")
    assert response is not None and response.status == 404
    expect(phone.get_by_role("heading", level=1)).to_have_text("We cannot find this assessment")
    check_axe(phone, "not-found page")

