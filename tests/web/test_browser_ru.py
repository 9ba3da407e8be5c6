"""The whole flow in Russian on a phone: free text, questions, result, medicine check.

A browser that asks for Russian (Accept-Language: ru) gets every page in
Russian with <html lang="ru">; the language switch on every page changes it
(and an interview's language with it). axe-core checks each page as for English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from .axe import check_axe
from .conftest import CHROMIUM_ARGS, Server, screenshot  # noqa: F401 - the shared setup
from .patient import click_and_wait, on_result

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
URGENT = ("emergency", "emergency_ambulance")
LATIN_WORD = re.compile(r"\b[A-Za-z]{4,}\b")
# Words that stay Latin in Russian text: the product's name, code systems, units.
LATIN_OK = {"Gravida", "FHIR", "HELLP", "NICE", "PlGF", "sFlt", "Kleihauer"}


@pytest.fixture()
def ru_phone(request: pytest.FixtureRequest, browser: Any, server: Server) -> Iterator[Page]:
    """A phone-sized page (390 x 844, touch) whose browser asks for Russian; JavaScript
    on, or as the test's ``js`` parameter says."""
    js = bool(request.getfixturevalue("js")) if "js" in request.fixturenames else True
    # The server warms up English only: its first Russian reading loads the Russian pack
    # and phrase tables (6 s here, more on a loaded machine). Done before the page's
    # clock starts, so a slow machine does not fail the flow on the first swap.
    warm = httpx.post(f"{server.url}/v1/parse", json={"text": "болит спина"},
                      headers={"Accept-Language": "ru"}, timeout=180)
    assert warm.status_code == 200, warm.text
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
        has_touch=True, base_url=server.url, locale="ru-RU", java_script_enabled=js,
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.js_errors = errors  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        context.close()


def in_russian(page: Page, what: str) -> None:
    """The page says it is Russian and reads as Russian: no stray English sentence."""
    assert page.locator("html").get_attribute("lang") == "ru", what
    text = page.locator("#main").inner_text()
    assert CYRILLIC.search(text), what
    english = [w for w in LATIN_WORD.findall(text) if w not in LATIN_OK]
    assert len(english) <= 2, f"{what}: English words on a Russian page: {english[:10]}"


def answer_no(page: Page, js: bool = True) -> None:
    """The most cautious quick reply each question offers: no, none of these, or don't know."""
    for name in ("Нет", "Ничего из этого", "Не знаю"):
        button = page.get_by_role("button", name=name, exact=True)
        if button.count():
            click_and_wait(page, button, js=js)
            return
    raise AssertionError("no reply button on the question page")


@pytest.mark.parametrize("js", [True, False])
def test_the_whole_flow_in_russian(ru_phone: Page, js: bool) -> None:
    page = ru_phone
    page.goto("/")
    in_russian(page, "start page")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Боль в спине при беременности")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check_axe(page, "Russian start page", js)
    if js:
        screenshot(page, "ru-start")

    # her own words, in Russian: a fever, shivers and loin pain (a kidney infection)
    page.get_by_label("Какой у вас срок беременности в неделях?").fill("30")
    page.get_by_label("Опишите своими словами").fill(
        "Со вчерашнего дня болит поясница справа, температура 38,5, знобит, "
        "писать больно.")
    click_and_wait(page, page.get_by_role("button", name="Начать"), js=js)

    # "What we understood": her words read back in Russian, each reading to untick
    confirm = page.get_by_role("button", name="Всё верно, дальше")
    if confirm.count():
        in_russian(page, "what we understood")
        expect(page.locator("#main")).to_contain_text("температура")
        check_axe(page, "Russian 'what we understood' page", js)
        if js:
            screenshot(page, "ru-understood")
        click_and_wait(page, confirm, js=js)

    asked = 0
    while not on_result(page) and asked < 30:
        in_russian(page, f"question {asked + 1}")
        if asked == 0:
            check_axe(page, "Russian question page", js)
            if js:
                screenshot(page, "ru-question")
        if page.get_by_role("link", name="Показать, что делать сейчас").count():
            break  # an emergency was revealed: she may stop and go
        answer_no(page, js)
        asked += 1
    if not on_result(page):
        page.get_by_role("link", name="Показать, что делать сейчас").click()
        page.wait_for_url(re.compile(r"/result$"))

    in_russian(page, "result page")
    level = page.locator("[data-level]").first.get_attribute("data-level")
    assert level in URGENT, level  # fever with loin pain in pregnancy: hospital now
    expect(page.locator("#main")).to_contain_text("пиелонефрит")
    check_axe(page, "Russian result page", js)
    if js:
        screenshot(page, "ru-result")

    # the medicine check, in Russian, with her weeks
    page.get_by_role("link", name="Проверить, безопасно ли лекарство при беременности").click()
    in_russian(page, "medicine page")
    page.get_by_label("Название лекарства").fill("нурофен")
    page.get_by_label("Срок беременности (недель)").fill("30")
    page.get_by_role("button", name="Проверить").click()
    verdict = page.locator("#medicine-answer .verdict")
    expect(verdict).to_be_visible()
    assert verdict.get_attribute("data-verdict") == "contraindicated"
    expect(verdict).to_contain_text("Ибупрофен")
    expect(verdict).to_contain_text("Нельзя")
    in_russian(page, "medicine verdict")
    check_axe(page, "Russian medicine verdict", js)
    if js:
        screenshot(page, "ru-medicine")
    assert not page.js_errors, page.js_errors  # type: ignore[attr-defined]


@pytest.mark.parametrize("js", [True, False])
def test_the_switch_changes_the_language_and_the_interview(browser_page: Page,
                                                          js: bool) -> None:
    page = browser_page  # an English browser
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_label("How many weeks pregnant are you?").fill("24")
    click_and_wait(page, page.get_by_role("button", name="Start"), js=js)
    assert page.locator("html").get_attribute("lang") == "en"
    url = page.url
    with page.expect_navigation():
        page.get_by_role("button", name="Русский").click()
    assert page.url == url  # the same page...
    in_russian(page, "question after the switch")  # ...and the question itself in Russian
    check_axe(page, "question page after the switch", js)
    page.goto("/medicine")
    in_russian(page, "the next page keeps the choice")
    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
