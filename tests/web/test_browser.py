"""The web app in a real browser (Debian's chromium driven by Playwright).

Every issue-17 point on a 390 x 844 phone, each with JavaScript on and off:
complete interviews for dev vignettes at every level (one action, the
tap-to-call button, why in three sentences, the rest folded, likelihood in
words, readable print, no ids), the self-care answer within two screens, an
emergency shown at once, questions asked only when their parent finding is
present, the phone's back and forward buttons, "What we understood", the
start page and its errors, the medicine page, "Delete my answers" and
"Delete what I wrote", the not-found page, and 200% text size; axe-core on
every page in both modes (tests/web/axe.py says how it runs without
JavaScript). Markup and script typed into the free-text box are shown, not
run. Screenshots go to artifacts/screenshots/; the README's are retaken by
`make screenshots` (tests/web/screenshots.py).
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from gravida.engine import Engine
from gravida.knowledge.wording import default_wording, fill

from .axe import check_axe
from .conftest import MATERNITY, Server, screenshot
from .patient import (
    CASES,
    DEV,
    click_and_wait,
    current_question,
    interview_id,
    level_shown,
    location_labels,
    on_result,
    play,
    reply_on_page,
    start,
    vignettes,
)

needs_vignettes = pytest.mark.skipif(not DEV.exists(), reason="../shared/vignettes not available")
URGENT = ("emergency", "emergency_ambulance")
PHONES = {"emergency": "999", "maternity": MATERNITY}
SCREEN = 844  # the phone's height in CSS pixels


def action(level: str) -> str:
    """The one sentence the result leads with at ``level`` (the pack's wording)."""
    return fill(default_wording().levels[level].action, PHONES)


SMALLEST_TEXT = """() => {
  let least = Infinity;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el || !el.getClientRects().length) continue;
    if (el.closest('.visually-hidden, [hidden]')) continue;
    least = Math.min(least, parseFloat(getComputedStyle(el).fontSize));
  }
  return least;
}"""
READABLE_PX = 14  # the smallest text on her pages and the hand-off, in CSS pixels


def readable_print(page: Page, what: str) -> None:
    """No visible text smaller than READABLE_PX (the hand-off once had 10-11 px text)."""
    least = page.evaluate(SMALLEST_TEXT)
    assert least >= READABLE_PX, f"{what}: text of {least} px"


def no_glued_negation(page: Page) -> None:
    """No sentence glued from a label ("no the baby moving...", "no a fever")."""
    text = page.locator("main").inner_text()
    glued = re.findall(r"\b[Nn]o (?:the|a|an)\b[^.\n]*", text)
    assert not glued, glued


def no_ids_shown(page: Page, engine: Engine) -> None:
    """No finding or condition id in the visible text (ids are for machines)."""
    text = page.locator("body").inner_text()
    ids = [f.id for f in engine.pack.vocabulary.findings]
    ids += [c.id for c in engine.pack.vocabulary.conditions]
    shown = [i for i in ids if "_" in i and i in text]
    assert not shown, shown


# --- complete interviews -------------------------------------------------------------


@needs_vignettes
@pytest.mark.parametrize("js", [True, False])
@pytest.mark.parametrize("expected", list(CASES))
def test_vignette_interview_reaches_its_level(
    browser_page: Page, server: Server, engine: Engine, expected: str, js: bool
) -> None:
    phone = browser_page
    v = vignettes()[CASES[expected]]
    assert v["expect"]["triage"] == expected
    shot = {"n": 0}

    def look(page: Page, q: dict[str, Any]) -> bool:
        if shot["n"] == 0 and expected == "self_care":
            if js:
                screenshot(page, "question")
            check_axe(page, "question page", js)
        shot["n"] += 1
        return False

    answered = play(phone, server.url, engine, v["case"], js=js, on_question=look)
    assert on_result(phone)
    assert answered > 0
    assert level_shown(phone) == expected
    expect(phone.locator("#banner-title")).to_have_text(action(expected))
    # the call button rings the right number (or none where she need not phone now)
    call = default_wording().levels[expected].call
    button = phone.locator("a[data-call]")
    if call == "none":
        assert button.count() == 0
    else:
        expect(button).to_be_visible()
        assert button.get_attribute("href") == "tel:" + PHONES[call].replace(" ", "")
        box = button.bounding_box()
        assert box is not None and box["y"] + box["height"] <= SCREEN  # on the first screen
    # why in at most three sentences, then what to do; everything else folded
    why = phone.locator(".why-list li")
    assert 1 <= why.count() <= 3
    expect(phone.get_by_role("heading", name="Why", exact=True)).to_be_visible()
    for summary in ("When to get help at once", "What may be causing it"):
        details = phone.locator("details", has=phone.locator("summary", has_text=summary))
        expect(details).to_have_count(1)
        assert details.get_attribute("open") is None  # folded
    # likelihood in words for her: no percentages anywhere on her page
    assert "%" not in phone.locator("main").inner_text()
    if expected in URGENT:
        expect(phone.locator("#urgent [data-level]")).to_be_visible()  # the live region
        assert phone.get_by_text("Looking after your back").count() == 0
    no_ids_shown(phone, engine)
    no_glued_negation(phone)
    readable_print(phone, f"{expected} result page")
    assert not phone.js_errors, phone.js_errors  # type: ignore[attr-defined]
    if js:
        screenshot(phone, f"result-{expected}")
    check_axe(phone, f"{expected} result page", js)
    # folded parts open on a tap (<details>, no script needed) and pass axe open too
    phone.get_by_text("What may be causing it").click()
    expect(phone.locator(".causes li").first).to_be_visible()
    check_axe(phone, f"{expected} result page, causes open", js)

    # the clinician summary: numbers there, and the FHIR download only there
    assert phone.locator('a[href$="/fhir"]').count() == 0
    phone.get_by_role("link", name="Open a summary to show your midwife or doctor").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("summary for a clinician")
    # the print button needs JavaScript: shown with it, hidden without
    printer = phone.get_by_role("button", name="Print this summary")
    expect(printer).to_be_visible() if js else expect(printer).to_be_hidden()
    expect(phone.locator("table")).to_contain_text("%")
    no_ids_shown(phone, engine)
    readable_print(phone, "summary for a clinician")
    if expected == "self_care":
        if js:
            screenshot(phone, "summary")
        check_axe(phone, "summary page", js)
    one_page = phone.get_by_role("link", name="One-page summary with codes")
    if one_page.count():  # gravida.report.summary is installed: its page renders under the CSP
        one_page.click()
        expect(phone.locator("h1")).to_be_visible()
        no_ids_shown(phone, engine)
        readable_print(phone, "one-page summary")
        if expected == "self_care" and js:
            screenshot(phone, "clinician-one-page")
    assert not phone.js_errors, phone.js_errors  # type: ignore[attr-defined]


@needs_vignettes
@pytest.mark.parametrize("js", [True, False])
def test_self_care_action_why_and_what_to_do_fit_in_two_phone_screens(
    browser_page: Page, server: Server, engine: Engine, js: bool
) -> None:
    phone = browser_page
    play(phone, server.url, engine, vignettes()[CASES["self_care"]]["case"], js=js)
    assert level_shown(phone) == "self_care"
    bottom = phone.evaluate(
        "document.querySelector('.meanwhile').getBoundingClientRect().bottom + window.scrollY")
    print(f"self-care result (JavaScript {'on' if js else 'off'}): action, why and what "
          f"to do end at {bottom:.0f} px "
          f"({bottom / SCREEN:.2f} phone screens of {SCREEN} px)")
    assert bottom <= 2 * SCREEN
    for part in ("#banner-title", ".why-list", ".meanwhile"):
        box = phone.locator(part).bounding_box()
        assert box is not None and box["y"] < 2 * SCREEN, part


@pytest.mark.parametrize("js", [True, False])
def test_start_page_on_a_phone(browser_page: Page, engine: Engine, js: bool) -> None:
    phone = browser_page
    phone.goto("/")
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    # mobile-first: nothing wider than the screen, big enough targets
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    box = phone.get_by_role("button", name="Start").bounding_box()
    assert box is not None and box["height"] >= 44
    for role in ("banner", "main", "contentinfo"):
        expect(phone.get_by_role(role)).to_have_count(1)
    if js:
        screenshot(phone, "start")
    check_axe(phone, "start page", js)
    # keyboard: the first Tab reaches the skip link, which leads to the main content
    phone.keyboard.press("Tab")
    expect(phone.locator(":focus")).to_have_text("Skip to main content")
    phone.keyboard.press("Enter")
    expect(phone.locator("#main")).to_be_focused()
    # from there Tab follows the reading order: the medicine page link, then the first field
    phone.keyboard.press("Tab")
    expect(phone.locator(":focus")).to_have_text("Check whether a medicine is safe in pregnancy")
    phone.keyboard.press("Tab")
    expect(phone.get_by_label("How many weeks pregnant are you?")).to_be_focused()
    # where it hurts: body areas that do not overlap (no "one side" box beside "right");
    # the side is a follow-up, shown once an area it is about is ticked (with JavaScript)
    # or always, saying when it applies (without)
    areas = location_labels(engine)
    assert len(areas) <= 9
    assert not any("side only" in a.lower() or "right" in a.lower() for a in areas.values())
    side = phone.locator("#side")
    if js:
        expect(side).to_be_hidden()
        phone.get_by_label(areas["pain_flank"], exact=True).check()
        expect(side).to_be_visible()
        phone.get_by_label(areas["pain_flank"], exact=True).uncheck()
        expect(side).to_be_hidden()
    else:
        expect(side).to_be_visible()
        expect(side).to_contain_text("Only if the pain is in your back, your side or your belly.")


@pytest.mark.parametrize("js", [True, False])
def test_start_errors_are_shown_and_accessible(browser_page: Page, js: bool) -> None:
    phone = browser_page
    phone.goto("/")
    phone.get_by_label("How many weeks pregnant are you?").fill("90")
    # the browser's own check stops it first; submit without it, as an old browser would
    phone.locator("#content form").evaluate("f => f.setAttribute('novalidate', '')")
    click_and_wait(phone, phone.get_by_role("button", name="Start"), js=js)
    expect(phone.locator(".error-summary")).to_contain_text("weeks of pregnancy")
    expect(phone.locator(".error-summary")).to_be_focused()  # autofocus without JavaScript
    expect(phone.get_by_label("How many weeks pregnant are you?")).to_have_value("90")
    # each error links to its field
    href = phone.locator(".error-summary a").first.get_attribute("href") or ""
    assert href.startswith("#") and phone.locator(href).count() == 1
    check_axe(phone, "start page with an error", js)


# --- emergency, back, without JavaScript -----------------------------------------------


def saddle(page: Page, q: dict[str, Any], js: bool = True) -> bool:
    """Steer a calm interview: tick numbness in the saddle area when it is offered."""
    options = {o["finding"]: o["text"] for o in q.get("options", [])}
    if "saddle_numbness" in options:
        text = options["saddle_numbness"]
        page.get_by_label(text[:1].upper() + text[1:], exact=True).check()
        click_and_wait(page, page.get_by_role("button", name="Continue"), js=js)
        return True
    if q["id"] == "saddle_numbness":
        click_and_wait(page, page.get_by_role("button", name="Yes", exact=True), js=js)
        return True
    return False


@needs_vignettes
@pytest.mark.parametrize("js", [True, False])
def test_an_emergency_answer_shows_what_to_do_at_once(
    browser_page: Page, server: Server, engine: Engine, js: bool
) -> None:
    """A calm interview; she ticks numbness in the saddle area: one screen says go now."""
    page = browser_page
    play(page, server.url, engine, vignettes()["dev-001"]["case"], js=js,
         on_question=lambda p, q: saddle(p, q, js))
    assert on_result(page)  # the answer first; any remaining questions are optional
    urgent = page.locator("#urgent")
    assert urgent.get_attribute("role") == "alert"
    banner = urgent.locator("[data-level]")
    expect(banner).to_be_visible()
    level = banner.get_attribute("data-level") or ""
    assert level in URGENT
    expect(urgent.locator("#banner-title")).to_have_text(action(level))
    call = urgent.locator("a[data-call]")
    expect(call).to_be_visible()
    assert (call.get_attribute("href") or "").startswith("tel:")
    # the first reason names the danger sign, in the pack's words
    expect(page.locator(".why-list li").first).to_contain_text("Numbness around the bottom")
    if js:
        screenshot(page, "emergency-interruption", first_screen=True)
    check_axe(page, "emergency page", js)
    more = page.get_by_role("link", name="Answer the remaining questions")
    if more.count():  # she may go on answering: the banner stays at the top
        more.click()
        expect(page.locator("form.question")).to_be_visible()
        expect(page.locator("#urgent [data-level]")).to_be_visible()
        page.get_by_role("link", name="Show me what to do now").click()
        assert on_result(page)


@needs_vignettes
@pytest.mark.parametrize("js", [True, False])
def test_phone_back_and_forward_move_between_questions(
    browser_page: Page, server: Server, engine: Engine, js: bool
) -> None:
    page = browser_page
    start(page, engine, 28, ["pain_lower_back_central"], js=js)
    first = current_question(page, server.url)
    assert page.url.endswith("/q/1")
    reply_on_page(page, first, None, js=js)  # don't know
    second = current_question(page, server.url)
    assert page.url.endswith("/q/2")
    reply_on_page(page, second, None, js=js)
    assert page.url.endswith("/q/3")
    # the phone's back button: the question before, with nothing undone yet
    page.go_back()
    expect(page.locator("form.question")).to_have_attribute("data-question", second["id"])
    expect(page.get_by_text("You are changing an earlier answer")).to_be_visible()
    page.go_back()
    expect(page.locator("form.question")).to_have_attribute("data-question", first["id"])
    page.go_forward()
    expect(page.locator("form.question")).to_have_attribute("data-question", second["id"])
    page.go_forward()
    expect(page.locator("form.question")).to_have_attribute("data-question",
                                                             current_question(page, server.url)[
                                                                 "id"])
    assert page.url.endswith("/q/3")
    # the page's own back link does the same, and answering there changes that answer
    page.get_by_role("link", name="Back to the previous question").click()
    expect(page.locator("form.question")).to_have_attribute("data-question", second["id"])
    if second["kind"] == "yes_no":
        click_and_wait(page, page.get_by_role("button", name="No", exact=True), js=js)
        view = httpx.get(f"{server.url}/v1/interviews/{interview_id(page)}").json()
        assert view["questions_asked"] == 2 and view["answers"][1]["answer"] is False
    check_axe(page, "question page, changing an answer", js)


@needs_vignettes
def test_the_whole_flow_works_without_javascript(
    nojs: Page, server: Server, engine: Engine
) -> None:
    v = vignettes()[CASES["emergency"]]
    play(nojs, server.url, engine, v["case"], js=False)
    assert on_result(nojs)
    assert level_shown(nojs) == "emergency"
    expect(nojs.locator("a[data-call]")).to_be_visible()
    # folded parts open without JavaScript (<details>)
    nojs.get_by_text("What may be causing it").click()
    expect(nojs.locator(".causes li").first).to_be_visible()
    # back from the result, without JavaScript
    click_and_wait(nojs, nojs.get_by_role("button", name="Change my last answer"), js=False)
    expect(nojs.locator("form.question")).to_be_visible()
    # the print button needs JavaScript, so it stays hidden; the summary is still there
    nojs.goto(nojs.url.split("/i/")[0] + "/i/" + interview_id(nojs) + "/summary")
    expect(nojs.get_by_role("button", name="Print this summary")).to_be_hidden()


@pytest.mark.parametrize("js", [True, False])
def test_what_we_understood_untick_a_finding_and_it_is_asked(
    browser_page: Page, server: Server, engine: Engine, js: bool
) -> None:
    page = browser_page
    start(page, engine, None, [], js=js, confirm=False,
          text="I'm 26 weeks. My lower back aches and it burns when I pee.")
    expect(page.get_by_role("heading", name="What we understood")).to_be_visible()
    expect(page.get_by_label("How many weeks pregnant are you?")).to_have_value("26")
    burning = page.get_by_label("Pain or burning when passing urine", exact=False)
    expect(burning).to_be_checked()
    check_axe(page, "what we understood", js)
    if js:
        screenshot(page, "understood")
    burning.uncheck()
    click_and_wait(page, page.get_by_role("button", name="That is right, continue"), js=js)
    view = httpx.get(f"{server.url}/v1/interviews/{interview_id(page)}").json()
    assert "painful_urination" not in view["case"]["present"]
    assert view["case"]["gestational_weeks"] == 26
    # unticked is not assumed absent either: the interview asks about it
    asked: list[str] = []
    for _ in range(30):
        if on_result(page):
            break
        q = current_question(page, server.url)
        asked += q["findings"]
        if "painful_urination" in q["findings"]:
            break
        reply_on_page(page, q, False if q["kind"] != "number" else None, js=js)
    assert "painful_urination" in asked


@needs_vignettes
@pytest.mark.parametrize("js", [True, False])
def test_heavy_bleeding_is_not_asked_of_a_woman_without_bleeding(
    browser_page: Page, server: Server, engine: Engine, js: bool
) -> None:
    asked: list[str] = []

    def watch(page: Page, q: dict[str, Any]) -> bool:
        asked.extend(q["findings"])
        return False

    play(browser_page, server.url, engine, vignettes()[CASES["self_care"]]["case"], js=js,
         on_question=watch)
    assert "vaginal_bleeding" in asked and "heavy_vaginal_bleeding" not in asked


@pytest.mark.parametrize("js", [True, False])
def test_the_medicine_page_has_its_own_weeks(browser_page: Page, js: bool) -> None:
    phone = browser_page
    phone.goto("/")
    phone.get_by_role("link", name="Check whether a medicine is safe in pregnancy").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Is this medicine safe in pregnancy?")
    phone.get_by_label("Name of the medicine").fill("ibuprofen")
    phone.get_by_label("Weeks of pregnancy").fill("30")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Check").click()
    verdict = phone.locator("#medicine-answer .verdict")
    assert verdict.get_attribute("data-verdict") == "contraindicated"
    check_axe(phone, "medicine page", js)
    phone.get_by_label("Weeks of pregnancy").fill("10")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Check").click()
    assert phone.locator("#medicine-answer .verdict").get_attribute(
        "data-verdict") != "contraindicated"


@pytest.mark.parametrize("js", [True, False])
def test_delete_my_answers(browser_page: Page, server: Server, engine: Engine,
                           js: bool) -> None:
    phone = browser_page
    start(phone, engine, 28, ["pain_lower_back_central"], js=js)
    iid = interview_id(phone)
    click_and_wait(phone, phone.get_by_role("button", name="Delete my answers"), js)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Your answers have been deleted")
    assert httpx.get(f"{server.url}/v1/interviews/{iid}").status_code == 404
    check_axe(phone, "deleted page", js)


# --- 200% text size ------------------------------------------------------------------


@needs_vignettes
@pytest.mark.parametrize("js", [True, False])
@pytest.mark.parametrize("level", ["emergency", "self_care"])
def test_at_200_percent_nothing_is_cut_off(zoomed: Page, server: Server, engine: Engine,
                                           level: str, js: bool) -> None:
    """Nothing cut off or scrolling sideways, with and without JavaScript; axe with it."""
    play(zoomed, server.url, engine, vignettes()[CASES[level]]["case"], js=js)
    assert level_shown(zoomed) == level
    width = zoomed.evaluate("document.documentElement.clientWidth")
    assert zoomed.evaluate("document.documentElement.scrollWidth") <= width
    for part in ("#banner-title", ".why-list"):
        box = zoomed.locator(part).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, part
    check_axe(zoomed, f"{level} result at 200%", js)
    zoomed.goto("/")
    assert zoomed.evaluate("document.documentElement.scrollWidth") <= width
    check_axe(zoomed, "start page at 200%", js)
    start(zoomed, engine, 28, ["pain_lower_back_central"], js=js)
    expect(zoomed.locator("form.question")).to_be_visible()
    assert zoomed.evaluate("document.documentElement.scrollWidth") <= width
    check_axe(zoomed, "question page at 200%", js)


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
    start(phone, engine, 30, [], text=XSS, keep=True)
    expect(phone.locator("form.question")).to_be_visible()
    phone.get_by_text("What you have told us so far").click()
    quote = phone.locator("blockquote.her-words")
    expect(quote).to_have_text(XSS)  # shown back exactly, as text
    assert quote.locator("script, img, b").count() == 0
    assert phone.evaluate("window.__xss") is None
    # and in the clinician summary
    phone.goto(f"/i/{interview_id(phone)}/summary")
    expect(phone.locator("blockquote.her-words")).to_have_text(XSS)
    assert phone.locator("blockquote.her-words script, blockquote.her-words img").count() == 0
    assert phone.evaluate("window.__xss") is None
    assert dialogs == []
    # the medicine box too
    phone.goto("/medicine")
    phone.get_by_label("Name of the medicine").fill(XSS[:120])
    with phone.expect_navigation():
        phone.get_by_role("button", name="Check").click()
    expect(phone.locator("#medicine-answer")).to_contain_text("<script>")
    assert phone.locator("#medicine-answer script, #medicine-answer img").count() == 0
    assert phone.evaluate("window.__xss") is None
    assert dialogs == []


@pytest.mark.parametrize("js", [True, False])
def test_not_found_page(browser_page: Page, js: bool) -> None:
    phone = browser_page
    response = phone.goto("/i/no-such-interview")
    assert response is not None and response.status == 404
    expect(phone.get_by_role("heading", level=1)).to_have_text("We cannot find this assessment")
    check_axe(phone, "not-found page", js)
    # a way back to the start
    with phone.expect_navigation():
        phone.get_by_role("link", name="Start a new assessment").click()
    expect(phone.get_by_role("button", name="Start")).to_be_visible()



def test_axe_without_javascript_judges_the_page_as_it_stands(nojs: Page) -> None:
    """axe on a page without JavaScript runs (no hang) and sees that page, faults included."""
    nojs.goto("/")
    check_axe(nojs, "start page", js=False)
    # a fault made in the page as it stands (the weeks field loses its label) is found
    nojs.evaluate("document.querySelector('label[for=weeks]').remove()")
    with pytest.raises(AssertionError, match="label"):
        check_axe(nojs, "start page without the weeks label", js=False)


@pytest.mark.parametrize("js", [True, False])
def test_delete_what_i_wrote_before_the_questions(
    browser_page: Page, server: Server, engine: Engine, js: bool
) -> None:
    page = browser_page
    text = f"I'm 26 weeks. My lower back aches and it burns when I pee ({js})."
    start(page, engine, None, [], js=js, confirm=False, text=text)
    expect(page.get_by_role("heading", name="What we understood")).to_be_visible()
    click_and_wait(page, page.get_by_role("button", name="Delete what I wrote and start again"),
                   js)
    expect(page.get_by_role("status")).to_have_text("What you wrote has been deleted.")
    expect(page.get_by_label("Describe it in your own words")).to_have_value("")
    assert server.app.state.service.readings.take("en", text) is None  # its reading is gone
    check_axe(page, "start page after deleting her words", js)
