"""A simulated patient who uses the web pages the way a person would.

She answers as the vignettes' simulated patient does (yes for present, no
for absent, the value for numbers, don't know otherwise, the members that
apply for a grouped question), but through the page: she reads the
question on screen, ticks boxes by their labels, types numbers into the
labelled fields and presses the buttons by their names. The question's
findings are read from the JSON API of the same interview, which also
checks that the page shows the question the interview is really asking.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import yaml
from playwright.sync_api import Page, expect

from gravida.engine import Case, Engine
from gravida.evaluation.interview_mode import SimulatedPatient
from gravida.interview.session import catalogue

MAX_PAGES = 60  # a guard against a loop, far above the interview's own limit
DEV = Path(__file__).resolve().parents[3] / "shared" / "vignettes" / "dev.yaml"
# One dev vignette per level (the browser tests check each reaches it).
CASES = {"self_care": "dev-001", "consultation": "dev-003", "consultation_24": "dev-010",
         "emergency": "dev-002", "emergency_ambulance": "dev-018"}


def vignettes() -> dict[str, dict[str, Any]]:
    return {v["id"]: v for v in yaml.safe_load(DEV.read_text(encoding="utf-8"))}


def level_shown(page: Page) -> str:
    """The triage level the page's banner says it shows."""
    banner = page.locator("[data-level]").first
    expect(banner).to_be_visible()
    level = banner.get_attribute("data-level")
    assert level is not None
    return level


def interview_id(page: Page) -> str:
    return page.url.split("/i/", 1)[1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]


def location_labels(engine: Engine) -> dict[str, str]:
    """Finding -> the label of its checkbox on the start page (the body areas)."""
    cat = catalogue(engine)
    out: dict[str, str] = {}
    for gid in cat.volunteered:
        q = cat.questions[gid]
        if not q.must_choose:
            continue
        for f, text in zip(q.findings, q.items, strict=True):
            out[f] = text[:1].upper() + text[1:]
    return out


# The side follow-up on the start page: finding -> its radio button's label.
SIDE_LABELS = {"pain_right_side": "Mostly on the right", "pain_left_side": "Mostly on the left"}


def start(page: Page, engine: Engine, weeks: float | None, where: list[str], text: str = "",
          js: bool = True, confirm: bool = True, keep: bool = False) -> None:
    """Fill in the start page and press Start (and confirm "What we understood")."""
    page.goto("/")
    if weeks is not None:
        page.get_by_label("How many weeks pregnant are you?").fill(f"{weeks:g}")
    labels = location_labels(engine)
    for f in where:
        if f in labels:
            page.get_by_label(labels[f], exact=True).check()
    for f in where:
        if f in SIDE_LABELS and page.get_by_label(SIDE_LABELS[f]).is_visible():
            page.get_by_label(SIDE_LABELS[f]).check()
            break
    if text:
        page.get_by_label("Describe it in your own words").fill(text)
    if keep:
        page.get_by_label("Keep my words for the summary for my midwife or doctor").check()
    click_and_wait(page, page.get_by_role("button", name="Start"), js)
    if confirm and page.get_by_role("heading", name="What we understood").count():
        click_and_wait(page, page.get_by_role("button", name="That is right, continue"), js)


def click_and_wait(page: Page, button: Any, js: bool) -> None:
    """Press a button and wait for the next page (a load without JS, a swap with it)."""
    if not js:
        with page.expect_navigation():
            button.click()
        return
    marker = page.locator("#content > *").first.evaluate(
        "el => { const m = 'm' + Math.random(); el.dataset.before = m; return m; }"
    )
    button.click()
    page.wait_for_function(
        "m => !document.querySelector('[data-before=\"' + m + '\"]')"
        " && !!document.querySelector('#content > *') && document.readyState === 'complete'",
        arg=marker,
    )


def on_result(page: Page) -> bool:
    return page.url.split("?", 1)[0].split("#", 1)[0].endswith("/result")


def current_question(page: Page, base_url: str) -> dict[str, Any]:
    """The interview's current question (JSON API), checked against what the page shows."""
    view = httpx.get(f"{base_url}/v1/interviews/{interview_id(page)}").json()
    q: dict[str, Any] = view["question"]
    form = page.locator("form.question")
    assert form.get_attribute("data-question") == q["id"]
    expect(page.locator("#q-title")).to_have_text(q["text"])
    return q


def as_question(q: dict[str, Any]) -> Any:
    return SimpleNamespace(
        kind=q["kind"],
        findings=q["findings"],
        parts=[SimpleNamespace(finding=p["finding"]) for p in q.get("parts", [])],
        options=[SimpleNamespace(finding=o["finding"]) for o in q.get("options", [])],
    )


def reply_on_page(page: Page, q: dict[str, Any], reply: Any, js: bool) -> None:
    """Give ``reply`` (the simulated patient's value) through the page's controls."""
    button = page.get_by_role("button", name="Don't know")
    if q["kind"] == "yes_no":
        if reply is True:
            button = page.get_by_role("button", name="Yes", exact=True)
        elif reply is False:
            button = page.get_by_role("button", name="No", exact=True)
    elif q["kind"] == "number":
        if reply:
            labels = {p["finding"]: p["label"] for p in q["parts"]}
            for finding, value in reply.items():
                label = labels[finding]
                page.get_by_label(label[:1].upper() + label[1:]).fill(f"{value:g}")
            button = page.get_by_role("button", name="Continue")
    else:
        texts = {o["finding"]: o["text"] for o in q["options"]}
        if isinstance(reply, list):
            for finding in reply:
                text = texts[finding]
                page.get_by_label(text[:1].upper() + text[1:], exact=True).check()
            button = page.get_by_role("button", name="Continue")
        elif reply is False:
            button = page.get_by_role("button", name="None of these")
    click_and_wait(page, button, js)


def play(page: Page, base_url: str, engine: Engine, case_data: dict[str, Any],
         js: bool = True, on_question: Any = None) -> int:
    """Start and answer every question as the simulated patient; returns questions answered.

    ``on_question(page, q)`` may answer a question itself (returning True) to
    steer the interview (the emergency test does).
    """
    case = Case.from_dict(case_data, engine.pack)
    patient = SimulatedPatient(engine, case)
    initial, _ = patient.initial(engine)
    start(page, engine, initial["gestational_weeks"], initial["present"], js=js)
    for answered in range(MAX_PAGES):
        if on_result(page):
            return answered
        q = current_question(page, base_url)
        if on_question is not None and on_question(page, q):
            return answered + 1
        reply_on_page(page, q, patient.reply(as_question(q)), js)
    raise AssertionError("the interview did not reach a result")
