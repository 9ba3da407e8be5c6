"""The web pages without a browser: content, escaping, headers, errors and form handling."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from gravida.engine import Case, Engine
from gravida.evaluation.interview_mode import SimulatedPatient
from gravida.interview import answer, next_question, start
from gravida.interview.session import catalogue
from gravida.report import build_report
from gravida.web import views
from gravida.web.render import CSP, STATIC_FILES

DEV = Path(__file__).resolve().parents[3] / "shared" / "vignettes" / "dev.yaml"


class _Text(HTMLParser):
    """Visible text and every tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style", "title"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "title") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def parse(html: str) -> _Text:
    p = _Text()
    p.feed(html)
    return p


def visible(html: str) -> str:
    return " ".join(" ".join(parse(html).text).split())


def assert_safe_page(r: Any, engine: Engine) -> None:
    """Security headers, no inline script or style, no ids in the visible text."""
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == CSP
    assert "unsafe-inline" not in CSP and "unsafe-eval" not in CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert r.headers["cache-control"] == "no-store"
    doc = parse(r.text)
    for tag, attrs in doc.tags:
        assert tag != "style", "inline <style>"
        assert "style" not in attrs, f"style attribute on <{tag}>"
        assert not any(a.startswith("on") for a in attrs), f"event handler on <{tag}>"
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), "inline or foreign script"
        for a in ("href", "src", "action"):
            value = attrs.get(a) or ""
            assert not value.startswith(("http:", "https:", "//")), f"external {a}: {value}"
    text = " ".join(doc.text)
    ids = [f.id for f in engine.pack.vocabulary.findings if "_" in f.id]
    ids += [c.id for c in engine.pack.vocabulary.conditions if "_" in c.id]
    ids += [t.id for t in engine.pack.vocabulary.triage_levels if "_" in t.id]
    shown = [i for i in ids if re.search(rf"\b{re.escape(i)}\b", text)]
    assert not shown, f"ids shown to people: {shown}"


def start_interview(client: TestClient, **form: Any) -> str:
    """Start from the start form; her text is taken as read (past "What we understood")."""
    if form.get("text"):
        form.setdefault("step", "confirmed")
    r = client.post("/start", data=form, follow_redirects=False)
    assert r.status_code == 303, r.text
    location: str = r.headers["location"]
    assert location.startswith("/i/")
    return location


def question_of(client: TestClient, location: str) -> dict[str, Any]:
    view = client.get("/v1/interviews/" + location.split("/")[2]).json()
    q: dict[str, Any] = view["question"]
    q["version"] = view["version"]
    return q


# --- start ---------------------------------------------------------------------------


def test_start_page_has_the_form_in_plain_words(client: TestClient, engine: Engine) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert_safe_page(r, engine)
    text = visible(r.text)
    assert "How many weeks pregnant are you?" in text
    assert "Lower back, around the spine" in text
    assert "Is the pain more on one side?" in text
    assert "Describe it in your own words" in text
    doc = parse(r.text)
    labelled = {a.get("for") for t, a in doc.tags if t == "label"}
    for tag, attrs in doc.tags:  # every field has a label
        if tag in ("input", "textarea") and attrs.get("type") != "hidden":
            assert attrs.get("id") in labelled, attrs
    assert ("html", {"lang": "en"}) in doc.tags


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"weeks": ""}, "Please say how many weeks pregnant you are."),
        ({"weeks": "90"}, "from 0 to 44"),
        ({"weeks": "abc"}, "from 0 to 44"),
        ({"weeks": "nan"}, "from 0 to 44"),
        ({"weeks": "-3"}, "from 0 to 44"),
    ],
)
def test_start_refuses_bad_weeks_with_a_message(
    client: TestClient, engine: Engine, form: dict[str, str], message: str
) -> None:
    r = client.post("/start", data={**form, "text": "<b>x</b>"})
    assert r.status_code == 422
    assert_safe_page(r, engine)
    assert message in visible(r.text)
    assert "&lt;b&gt;x&lt;/b&gt;" in r.text  # her text comes back, escaped, to fix and resend
    assert 'aria-invalid="true"' in r.text


def test_start_without_a_form_body_is_a_page_not_a_crash(client: TestClient) -> None:
    r = client.post("/start", content=b"\xff\xfe{not a form", headers={
        "content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 422 and "There is a problem" in r.text
    r = client.post("/start", json={"weeks": 30})
    assert r.status_code == 422 and "There is a problem" in r.text
    many = "&".join(f"f{i}=1" for i in range(500))
    r = client.post("/start", content=many.encode(), headers={
        "content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 422


def test_her_words_are_kept_only_if_she_ticks_it(client: TestClient) -> None:
    text = "Aching low back since last week"
    kept = start_interview(client, weeks="28", text=text, keep_text="yes")
    assert text in client.get(kept + "/summary").text
    dropped = start_interview(client, weeks="28", text=text)
    iid = dropped.split("/")[2]
    assert text not in client.get(dropped + "/summary").text
    assert client.app.state.service.store.get(iid).text is None  # not stored at all
    # her words were still read: the interview starts from them
    assert "pain_lower_back_central" in client.get("/v1/interviews/" + iid).json()[
        "case"]["present"]


def test_weeks_may_come_from_her_words(client: TestClient) -> None:
    loc = start_interview(client, text="I am 26 weeks pregnant and my lower back aches")
    view = client.get("/v1/interviews/" + loc.split("/")[2]).json()
    assert view["case"]["gestational_weeks"] == 26
    assert 'required' not in client.get("/").text.split('id="weeks"')[1].split(">")[0]


def test_unknown_locations_are_ignored(client: TestClient) -> None:
    loc = start_interview(client, weeks="30", where=["pain_lower_back_central", "<script>", "x"])
    view = client.get("/v1/interviews/" + loc.split("/")[2]).json()
    assert view["case"]["present"] == ["pain_lower_back_central"]
    assert view["volunteered"] == ["pain_location"]


@pytest.mark.parametrize(("side", "present", "absent"), [
    ("right", ["pain_flank", "pain_right_side"], []),
    ("left", ["pain_flank", "pain_left_side"], []),
    ("both", ["pain_flank"], ["pain_one_side"]),
    ("", ["pain_flank"], []),
])
def test_the_side_follows_an_area_where_it_matters(
    client: TestClient, side: str, present: list[str], absent: list[str]
) -> None:
    loc = start_interview(client, weeks="30", where=["pain_flank"], side=side)
    view = client.get("/v1/interviews/" + loc.split("/")[2]).json()
    assert set(present) <= set(view["case"]["present"])
    assert set(absent) <= set(view["case"]["absent"])
    assert ("pain_side" in view["volunteered"]) == bool(side)


def test_a_side_is_ignored_where_it_does_not_matter(client: TestClient) -> None:
    loc = start_interview(client, weeks="30", where=["chest_pain"], side="right")
    view = client.get("/v1/interviews/" + loc.split("/")[2]).json()
    assert "pain_right_side" not in view["case"]["present"]
    assert view["volunteered"] == ["pain_location"]


def test_free_text_prefills_findings_and_is_shown_escaped(
    client: TestClient, engine: Engine
) -> None:
    text = "<script>alert(1)</script> I have a fever and burning when I pass urine"
    loc = start_interview(client, weeks="30", text=text, keep_text="yes")
    view = client.get("/v1/interviews/" + loc.split("/")[2]).json()
    assert "fever" in view["case"]["present"]  # read from her words
    r = client.get(loc)
    assert r.status_code == 200
    assert "<script>alert(1)" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert "Fever" in visible(r.text) or "fever" in visible(r.text)
    summary = client.get(loc + "/summary")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in summary.text
    assert "<script>alert(1)" not in summary.text


def test_weeks_may_come_from_the_text_alone(client: TestClient) -> None:
    loc = start_interview(client, weeks="", text="I am 31 weeks pregnant and my back aches")
    view = client.get("/v1/interviews/" + loc.split("/")[2]).json()
    assert view["case"]["gestational_weeks"] == 31


# --- the interview ----------------------------------------------------------------------


def test_a_question_page(client: TestClient, engine: Engine) -> None:
    loc = start_interview(client, weeks="28", where=["pain_lower_back_central"])
    r = client.get(loc)
    assert_safe_page(r, engine)
    q = question_of(client, loc)
    text = visible(r.text)
    assert q["text"] in text
    assert f"Question {q['number']}" in text
    assert "Start again" in text  # nothing to go back to yet
    assert f'name="version" value="{q["version"]}"' in r.text


def answer_form(q: dict[str, Any], reply: Any) -> dict[str, Any]:
    """The form a browser sends for the simulated patient's reply."""
    form: dict[str, Any] = {"question": q["id"], "version": str(q["version"])}
    if reply is None:
        form["answer"] = "dont_know"
    elif q["kind"] == "yes_no":
        form["answer"] = "yes" if reply else "no"
    elif q["kind"] == "number":
        form["answer"] = "continue"
        for f, v in reply.items():
            form[f"n_{f}"] = f"{v:g}"
    elif reply is False:
        form["answer"] = "none"
    else:
        form["answer"] = "continue"
        form["choice"] = list(reply)
    return form


def play_vignette(client: TestClient, engine: Engine, v: dict[str, Any]) -> str:
    """A dev vignette's simulated patient answers through the forms to the result."""
    from types import SimpleNamespace

    case = Case.from_dict(v["case"], engine.pack)
    patient = SimulatedPatient(engine, case)
    initial, _ = patient.initial(engine)
    loc = start_interview(client, weeks=f"{initial['gestational_weeks']:g}",
                          where=initial["present"])
    for _ in range(60):
        q = question_of(client, loc)
        shape = SimpleNamespace(
            kind=q["kind"], findings=q["findings"],
            parts=[SimpleNamespace(finding=p["finding"]) for p in q.get("parts", [])],
            options=[SimpleNamespace(finding=o["finding"]) for o in q.get("options", [])])
        r = client.post(loc + "/answer", data=answer_form(q, patient.reply(shape)),
                        follow_redirects=False)
        assert r.status_code == 303, (v["id"], visible(r.text))
        after = client.get(loc, follow_redirects=False)
        if after.headers.get("location", "").endswith("/result"):
            return loc
    raise AssertionError(f"{v['id']}: no result")


@pytest.mark.skipif(not DEV.exists(), reason="../shared/vignettes not available")
def test_every_dev_vignette_plays_through_the_forms(client: TestClient, engine: Engine) -> None:
    """The forms carry every kind of answer: each dev vignette reaches the interview's result."""
    for v in yaml.safe_load(DEV.read_text(encoding="utf-8")):
        loc = play_vignette(client, engine, v)
        r = client.get(loc + "/result")
        assert r.status_code == 200
        result = client.get("/v1/interviews/" + loc.split("/")[2] + "/result").json()
        level = result["assessment"]["triage"]["level"]
        assert f'data-level="{level}"' in r.text, v["id"]
        assert_safe_page(r, engine)


def test_stale_or_double_answers_go_to_the_current_question(client: TestClient) -> None:
    loc = start_interview(client, weeks="28", where=["pain_lower_back_central"])
    q = question_of(client, loc)
    form = answer_form(q, None)
    assert client.post(loc + "/answer", data=form, follow_redirects=False).status_code == 303
    again = client.post(loc + "/answer", data=form, follow_redirects=False)  # sent twice
    assert again.status_code == 303 and again.headers["location"] == loc + "?moved=1"
    page = client.get(again.headers["location"])
    assert "Your answers had already moved on" in page.text
    assert question_of(client, loc)["number"] == 2  # the double did not count twice


@pytest.mark.parametrize(
    ("kind", "form", "message"),
    [
        ("yes_no", {"answer": "maybe"}, "Please choose Yes, No or Don't know."),
        ("number", {"answer": "continue", "n_pain_severity": ""}, "Please type a number"),
        ("number", {"answer": "continue", "n_pain_severity": "11"}, "from 0 to 10"),
        ("number", {"answer": "continue", "n_pain_severity": "lots"}, "from 0 to 10"),
        ("number", {"answer": "continue", "n_pain_severity": "inf"}, "from 0 to 10"),
        ("group", {"answer": "continue"}, "Please tick at least one"),
        ("group", {"answer": "none", "choice": ["fever"]}, "You ticked some of these"),
        ("group", {"answer": "continue", "choice": ["not_an_option"]}, "Please tick"),
    ],
)
def test_unusable_answers_say_what_to_fix(kind: str, form: dict[str, Any], message: str) -> None:
    q: dict[str, Any] = {
        "yes_no": {"kind": "yes_no", "findings": ["fever"]},
        "number": {"kind": "number", "parts": [
            {"finding": "pain_severity", "label": "how bad the pain is", "unit": "0-10",
             "range": [0, 10]}]},
        "group": {"kind": "group", "options": [{"finding": "fever", "text": "a fever"},
                                               {"finding": "chills_rigors", "text": "chills"}]},
    }[kind]
    with pytest.raises(views.FormProblem) as err:
        views.answer_from_form(q, {k: v if isinstance(v, list) else [v] for k, v in form.items()})
    assert message in err.value.message
    assert "_" not in err.value.message.replace("n_pain", "")  # no ids in what she reads


def test_answers_read_from_forms() -> None:
    number = {"kind": "number", "parts": [
        {"finding": "temperature_c", "label": "temperature", "unit": "°C", "range": [34, 43]},
        {"finding": "heart_rate", "label": "pulse", "unit": "beats/min", "range": [30, 220]}]}
    assert views.answer_from_form(number, {"answer": ["continue"], "n_temperature_c": ["38,5"]}
                                  ) == {"temperature_c": 38.5}
    assert views.answer_from_form(number, {"answer": ["continue"]}) is None  # all blank
    yes_no = {"kind": "yes_no"}
    assert views.answer_from_form(yes_no, {"answer": ["yes"]}) is True
    assert views.answer_from_form(yes_no, {"answer": ["no"]}) is False
    assert views.answer_from_form(yes_no, {"answer": ["dont_know"]}) is None
    group = {"kind": "group", "options": [{"finding": "a"}, {"finding": "b"}]}
    assert views.answer_from_form(group, {"answer": ["continue"], "choice": ["b", "b", "zz"]}
                                  ) == ["b"]
    assert views.answer_from_form(group, {"answer": ["none"]}) is False


def test_a_refused_answer_shows_the_form_again_with_the_message(
    client: TestClient, engine: Engine
) -> None:
    loc = start_interview(client, weeks="28", where=["pain_lower_back_central"])
    q = question_of(client, loc)
    form = {"question": q["id"], "version": str(q["version"]), "answer": "continue"}
    if q["kind"] == "yes_no":
        form["answer"] = "perhaps"
    r = client.post(loc + "/answer", data=form, follow_redirects=False)
    assert r.status_code == 422
    assert_safe_page(r, engine)
    assert "There is a problem" in visible(r.text)
    assert question_of(client, loc)["number"] == 1  # nothing was recorded


def test_back(client: TestClient) -> None:
    loc = start_interview(client, weeks="28", where=["pain_lower_back_central"])
    q1 = question_of(client, loc)
    nothing = client.post(loc + "/back", data={"version": str(q1["version"])},
                          follow_redirects=False)
    assert nothing.status_code == 303  # nothing to undo: stays on the first question
    client.post(loc + "/answer", data=answer_form(q1, None))
    q2 = question_of(client, loc)
    assert "Back to the previous question" in client.get(loc).text
    r = client.post(loc + "/back", data={"version": str(q2["version"])}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == loc
    assert question_of(client, loc)["id"] == q1["id"]
    stale = client.post(loc + "/back", data={"version": str(q2["version"])},
                        follow_redirects=False)
    assert stale.headers["location"].endswith("?moved=1")


def test_each_question_has_its_own_address(client: TestClient) -> None:
    loc = start_interview(client, weeks="28", where=["pain_lower_back_central"])
    r = client.get(loc, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == loc + "/q/1"
    q1 = question_of(client, loc)
    client.post(loc + "/answer", data=answer_form(q1, None))  # don't know
    assert client.get(loc, follow_redirects=False).headers["location"] == loc + "/q/2"
    q2 = question_of(client, loc)
    # the phone's back button: the earlier question, with her answer, nothing undone
    back = client.get(loc + "/q/1")
    assert back.status_code == 200
    assert f'data-question="{q1["id"]}"' in back.text
    assert "You are changing an earlier answer" in visible(back.text)
    assert 'name="at" value="1"' in back.text
    assert question_of(client, loc)["id"] == q2["id"]
    # forward again: the current question
    fwd = client.get(loc + "/q/2")
    assert f'data-question="{q2["id"]}"' in fwd.text
    assert "changing an earlier answer" not in visible(fwd.text)
    # ahead of the interview, or nonsense: to where it stands
    for bad in ("/q/9", "/q/0", "/q/x"):
        r = client.get(loc + bad, follow_redirects=False)
        assert r.headers["location"] == loc + "/q/2", bad
    # answering the earlier question again takes the interview back to it
    form = {**answer_form(q1, False if q1["kind"] != "number" else None),
            "version": str(q2["version"]), "at": "1"}
    r = client.post(loc + "/answer", data=form, follow_redirects=False)
    assert r.status_code == 303
    view = client.get("/v1/interviews/" + loc.split("/")[2]).json()
    assert view["questions_asked"] == 1
    assert view["answers"][0]["question"] == q1["id"]
    assert view["answers"][0]["answer"] is not None  # the new answer replaced "don't know"


@pytest.mark.parametrize("path", ["/i/nope", "/i/" + "x" * 200, "/i/%C3%A9t%C3%A9",
                                  "/i/nope/result", "/i/nope/summary"])
def test_unknown_interviews_are_a_page(client: TestClient, engine: Engine, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert_safe_page(r, engine)
    assert "We cannot find this assessment" in r.text
    for post in ("/answer", "/back", "/medicine"):
        assert client.post("/i/nope" + post, data={"version": "1"}).status_code == 404


def test_unfinished_result_goes_back_to_the_question(client: TestClient) -> None:
    loc = start_interview(client, weeks="28", where=["pain_lower_back_central"])
    r = client.get(loc + "/result", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == loc


def test_a_reading_of_her_words_asked_back_shows_what_to_do_first(
    client: TestClient, engine: Engine
) -> None:
    """A severe headache read from her words holds an emergency alone: the question
    asking it back is shown with what to do now above it, and her "no" drops it."""
    loc = start_interview(client, text="I am 30 weeks pregnant. My lower back aches and I "
                          "have a severe headache that will not go away.")
    r = client.get(loc)
    assert r.status_code == 200 and "/q/1" in str(r.url)  # the question, not the result
    assert_safe_page(r, engine)
    q = question_of(client, loc)
    assert q["purpose"] == "confirm" and q["id"] == "severe_headache"
    assert q["text"] in visible(r.text)
    urgent = r.text.split('id="urgent"', 1)[1].split('id="content"', 1)[0]
    assert 'data-level="emergency' in urgent
    # what to do now can be read without answering
    shown = client.get(loc + "/result", follow_redirects=False)
    assert shown.status_code == 200 and 'data-level="emergency' in shown.text
    client.post(loc + "/answer", data=answer_form(q, False))
    q2 = question_of(client, loc)
    assert q2["purpose"] != "confirm"
    r = client.get(loc)
    assert 'id="urgent"' not in r.text or 'data-level="emergency' not in r.text.split(
        'id="urgent"', 1)[1].split('id="content"', 1)[0]


def emergency_phase(engine: Engine) -> tuple[dict[str, Any], list[tuple[str, Any]]]:
    """A start and answers after which the interview asks only ambulance questions."""
    start_case = {"gestational_weeks": 30, "present": ["pain_lower_back_central"]}
    s = start(engine, start_case, ["pain_location"])
    answers: list[tuple[str, Any]] = []
    for _ in range(40):
        q = next_question(s)
        assert q is not None
        if q.purpose == "emergency":
            return start_case, answers
        if "saddle_numbness" in q.findings and q.kind == "group":
            reply: Any = ["saddle_numbness"]
        elif q.id == "saddle_numbness":
            reply = True
        else:
            reply = None
        answers.append((q.id, reply))
        s = answer(s, q.id, reply)
    raise AssertionError("no emergency phase")


def test_an_emergency_shows_at_once_while_questions_continue(
    client: TestClient, engine: Engine
) -> None:
    try:
        _, answers = emergency_phase(engine)
    except AssertionError:
        pytest.skip("this pack stops at once on saddle numbness (no ambulance questions)")
    loc = start_interview(client, weeks="30", where=["pain_lower_back_central"])
    for qid, reply in answers:
        q = question_of(client, loc)
        assert q["id"] == qid
        client.post(loc + "/answer", data=answer_form(q, reply))
    # one screen at once: what to do now; the remaining questions are optional
    r = client.get(loc)
    assert r.status_code == 200 and str(r.url).endswith("/result")
    assert_safe_page(r, engine)
    urgent = r.text.split('id="urgent"', 1)[1].split('id="content"', 1)[0]
    assert 'data-level="emergency' in urgent
    assert 'href="tel:' in urgent
    assert "This is the answer so far" in r.text
    more = re.search(r'href="(/i/[^"]+\?more=1)"', r.text)
    assert more is not None
    q = client.get(more.group(1))  # she chooses to answer the rest
    assert q.status_code == 200 and 'class="question"' in q.text
    urgent = q.text.split('id="urgent"', 1)[1].split('id="content"', 1)[0]
    assert 'data-level="emergency' in urgent and "Show me what to do now" in urgent


# --- result, medicine, summary --------------------------------------------------------


def finished(client: TestClient) -> str:
    """A finished interview (don't know to everything)."""
    loc = start_interview(client, weeks="28", where=["pain_lower_back_central"])
    for _ in range(60):
        r = client.get(loc, follow_redirects=False)
        if r.headers["location"].endswith("/result"):
            return loc
        client.post(loc + "/answer", data=answer_form(question_of(client, loc), None))
    raise AssertionError("did not finish")


def test_result_page(client: TestClient, engine: Engine) -> None:
    loc = finished(client)
    r = client.get(loc + "/result")
    assert r.status_code == 200
    assert_safe_page(r, engine)
    text = visible(r.text)
    for heading in ("Why", "What to do now", "When to get help at once",
                    "What may be causing it", "What happens next",
                    "Check whether a medicine is safe", "For your midwife or doctor"):
        assert heading in text
    # for her, likelihood in words (the pack's bands), never a percentage; which band the
    # leader reaches after "don't know" to everything is the model's, not this test's
    bands = ("most likely", "possible", "less likely")
    assert "%" not in text and any(f": {b}" in text for b in bands)
    # one action first, then why, then what to do; the rest folded
    assert text.index("You can look after this at home") < text.index("Why") < text.index(
        "What to do now") < text.index("More about your result")
    for folded in ("safety", "causes", "next"):
        assert '<details class="topic' in r.text and f'id="{folded}"' in r.text


def test_medicine_checker(client: TestClient, engine: Engine) -> None:
    loc = finished(client)
    assert 'href="/medicine?weeks=28"' in client.get(loc + "/result").text
    assert 'href="/medicine"' in client.get("/").text  # reachable before any interview
    r = client.get("/medicine", params={"name": "ibuprofen", "weeks": "28"})
    assert r.status_code == 200
    assert_safe_page(r, engine)
    assert 'data-verdict="contraindicated"' in r.text  # at 28 weeks
    assert "Ibuprofen" in visible(r.text)
    early = client.get("/medicine", params={"name": "ibuprofen", "weeks": "10"})
    assert 'data-verdict="contraindicated"' not in early.text  # its own weeks field
    blank = client.get("/medicine")
    assert blank.status_code == 200 and "There is a problem" not in blank.text
    empty = client.get("/medicine", params={"name": "  "})
    assert empty.status_code == 422
    assert "Type the name on the packet" in visible(empty.text)
    bad_weeks = client.get("/medicine", params={"name": "paracetamol", "weeks": "90"})
    assert bad_weeks.status_code == 422 and "from 0 to 44" in visible(bad_weeks.text)
    odd = client.get("/medicine", params={"name": '<img src=x onerror="x()">'})
    assert 'data-verdict="unknown"' in odd.text
    assert "<img src=x" not in odd.text and "&lt;img src=x" in odd.text


def test_clinician_summary(client: TestClient, engine: Engine) -> None:
    loc = start_interview(client, weeks="28", where=["pain_lower_back_central"],
                          text="It aches by the evening", keep_text="yes")
    client.post(loc + "/answer", data=answer_form(question_of(client, loc), None))
    r = client.get(loc + "/summary")
    assert r.status_code == 200
    assert_safe_page(r, engine)
    text = visible(r.text)
    for part in ("Triage", "Differential", "Findings", "In her own words",
                 "Questions and answers", "Don't know", "It aches by the evening",
                 "28 weeks of pregnancy", "The questions were not finished"):
        assert part in text, part
    assert "data-print" in r.text and "hidden" in r.text  # shown by the script only


# --- what happens next (for her) and the work-up (for her clinician) --------------------

# One dev vignette per level (checked against the file): the interview ends at this level.
NEXT_CASES = {"self_care": "dev-001", "consultation": "dev-003", "emergency": "dev-002"}
PYELO = {"gestational_weeks": 26, "temperature_c": 38.7,
         "present": ["pain_flank", "pain_one_side", "fever", "chills_rigors",
                     "painful_urination"],
         "absent": ["vaginal_bleeding", "leg_weakness"]}
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def words(text: str) -> str:
    return " ".join(text.split())


def section_html(html: str, labelled_by: str) -> str:
    """The markup of the <section aria-labelledby=...> (sections here do not nest)."""
    start = html.index(f'<section aria-labelledby="{labelled_by}"')
    return html[start:html.index("</section>", start)]


@pytest.mark.skipif(not DEV.exists(), reason="../shared/vignettes not available")
@pytest.mark.parametrize("level", list(NEXT_CASES))
def test_the_result_says_what_happens_next(client: TestClient, engine: Engine,
                                           level: str) -> None:
    v = next(x for x in yaml.safe_load(DEV.read_text(encoding="utf-8"))
             if x["id"] == NEXT_CASES[level])
    assert v["expect"]["triage"] == level
    loc = play_vignette(client, engine, v)
    r = client.get(loc + "/result")
    assert r.status_code == 200
    assert f'data-level="{level}"' in r.text
    assert_safe_page(r, engine)  # no ids, no inline script or style, the CSP
    view = client.get("/v1/interviews/" + loc.split("/")[2]).json()
    report = build_report(engine, view["case"])
    expected = report.her_next().to_json()  # what her page shows at her level
    assert expected["level"] == level

    # folded below the action, why and what to do now
    text = visible(r.text)
    at = text.index("What happens next")
    assert text.index("More about your result") < at

    start = r.text.index('<details class="topic next" id="next">')
    markup = r.text[start:r.text.index("</details>", start)]
    part = visible(markup)
    assert "<summary>What happens next</summary>" in markup
    assert words(expected["next_steps"]) in part
    assert bool(expected["conditions"]) == (level != "self_care")
    for c in expected["conditions"]:
        heading = f"If it is {views.midsentence(c['lay_name'])}"
        assert f"<h3>{heading}</h3>" in markup
        assert words(c["text"]) in part
    for t in expected["tests"]:
        assert f"<h4>{views.capfirst(t['lay_name'])}</h4>" in markup
        assert words(t["what_happens"]) in part and words(t["safety"]) in part
    if expected["imaging_note"]["text"]:
        assert words(expected["imaging_note"]["text"]) in part
    else:
        assert "About scans in pregnancy" not in part
    if level in ("self_care", "consultation"):  # no tests listed for ordinary back pain
        assert "Tests and checks you may have" not in part and not expected["tests"]
    # plain words: no probabilities, no source ids
    assert "%" not in part and " in 100" not in part and "probab" not in part.lower()
    assert not any(src in part for src in expected["sources"])


def outcome(report: Any) -> dict[str, Any]:
    from gravida.knowledge.wording import default_wording
    from gravida.web.outcome import result_view

    return result_view(report, default_wording(), {"emergency": "999", "maternity": ""})


def render_result(r: dict[str, Any]) -> str:
    from gravida.web.render import ENV

    return ENV.get_template("result.html").render(
        id="x", version=1, r=r, unfinished=False, asked=3, stop=None, medicine=None,
        medicine_error=None, medicine_query="", handoff={"fhir": None, "one_page": None})


def test_what_happens_next_is_escaped_and_optional(engine: Engine) -> None:
    from dataclasses import replace

    report = build_report(engine, PYELO)
    ex = report.expectations
    ex = replace(
        ex, next_steps=HOSTILE,
        conditions=(replace(ex.conditions[0], text=HOSTILE, lay_name=HOSTILE),
                    *ex.conditions[1:]),
        tests=(replace(ex.tests[0], what_happens=HOSTILE, lay_name=HOSTILE), *ex.tests[1:]),
    )
    html = render_result(outcome(replace(report, expectations=ex)))
    doc = parse(html)
    assert "img" not in {t for t, _ in doc.tags}
    assert [a["src"] for t, a in doc.tags if t == "script"] == [
        a["src"] for t, a in parse(render_result(outcome(report))).tags
        if t == "script"]  # only the page's own script file
    assert html.count("&lt;script&gt;") >= 5


def test_clinician_summary_has_the_workup_and_treatment(client: TestClient,
                                                        engine: Engine) -> None:
    from gravida.advice.workup import load_workup

    r = client.post("/v1/interviews", json=PYELO)
    assert r.status_code == 201
    iid = r.json()["id"]
    page = client.get(f"/i/{iid}/summary")
    assert page.status_code == 200
    assert_safe_page(page, engine)
    view = client.get(f"/v1/interviews/{iid}").json()
    report = build_report(engine, view["case"])
    text = visible(page.text)
    workup = text[text.index("Suggested work-up"):text.index("Usual treatment in pregnancy")]
    items = report.to_json()["suggested_workup"]
    assert len(items) >= 3
    at = [workup.index(words(w["name"])) for w in items]
    assert at == sorted(at), "in the work-up's order"
    for w in items:
        assert words(w["safety"]) in workup
        for e in w["expected"]:
            assert words(f"If {e['name']}: {e['shows']}") in workup
    assert "urgent" in workup
    book = load_workup(engine.pack)
    treatment = text[text.index("Usual treatment in pregnancy"):text.index("Findings")]
    leading = [c.id for c in report.expectations.conditions]
    assert leading[0] == report.assessment.conditions[0].id
    for cid in leading:
        cw = book.data.conditions[cid]
        assert all(words(t.text) in treatment for t in cw.treatment), cid
        assert all(words(a.why) in treatment for a in cw.avoid), cid


def test_midsentence() -> None:
    assert views.midsentence("A kidney infection") == "a kidney infection"
    assert views.midsentence("Labour") == "labour"
    assert views.midsentence("HELLP syndrome") == "HELLP syndrome"
    assert views.midsentence("") == "" and views.midsentence("X") == "X"


def test_fhir_download(client: TestClient) -> None:
    loc = finished(client)
    # for a clinician only: linked from the clinician summary, not from her result
    assert "/fhir" not in client.get(loc + "/result").text
    assert "/fhir" in client.get(loc + "/summary").text
    r = client.get(loc + "/fhir")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/fhir+json")
    assert r.headers["content-disposition"].startswith("attachment;")
    bundle = r.json()
    assert bundle["resourceType"] == "Bundle"
    assert client.get("/i/nope/fhir").status_code == 404


def test_one_page_clinician_summary_keeps_a_strict_csp(client: TestClient) -> None:
    import base64
    import hashlib

    loc = finished(client)
    assert "/clinician-summary" in client.get(loc + "/result").text
    r = client.get(loc + "/clinician-summary")
    assert r.status_code == 200, r.text
    csp = r.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "script-src 'self'" in csp
    for block in re.findall(r"<style[^>]*>(.*?)</style>", r.text, flags=re.S):
        digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp  # exactly these styles, nothing else
    assert "<script>" not in r.text
    assert client.get("/i/nope/clinician-summary").status_code == 404


# --- static files and the app -----------------------------------------------------------


def test_static_files(client: TestClient) -> None:
    for name, f in STATIC_FILES.items():
        r = client.get(f"/static/{name}?v={f.digest}")
        assert r.status_code == 200
        assert r.content == f.body
        assert "immutable" in r.headers["cache-control"]
        again = client.get(f"/static/{name}", headers={"if-none-match": f'"{f.digest}"'})
        assert again.status_code == 304
    assert {"app.css", "app.js", "icon.svg"} <= set(STATIC_FILES)
    assert client.get("/static/../routes.py").status_code == 404
    assert client.get("/static/nope.css").status_code == 404


def test_css_has_every_bar_width() -> None:
    css = STATIC_FILES["app.css"].body.decode()
    for i in range(101):
        assert f".w-{i} {{ width: {i}%; }}" in css


def test_web_routes_stay_out_of_the_api_schema(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert not any(p == "/" or p.startswith(("/i/", "/start", "/static")) for p in paths)


# --- the views' helpers ---------------------------------------------------------------------


@given(st.floats(min_value=0, max_value=1))
def test_percent_and_bar_are_always_sensible(p: float) -> None:
    text = views.percent(p)
    assert text.endswith("%")
    assert text != "0%" and (text != "100%" or p == 1)
    width = int(views.bar_class(p).removeprefix("w-"))
    assert 1 <= width <= 100


def test_words_for_findings_and_answers(engine: Engine) -> None:
    pack = engine.pack
    assert views.number_words(pack, "temperature_c", 38.7) == "temperature: 38.7 °C"
    assert views.number_words(pack, "pain_severity", 7) == "how bad the pain is: 7 of 10"
    known = views.known_findings(pack, {"gestational_weeks": 28, "present": ["fever"],
                                        "absent": ["vaginal_bleeding"]})
    assert known["present"] and known["absent_words"][0].startswith("No ")
    assert known["absent"] == ["Bleeding or spotting from the vagina"]  # under "Absent"
    known = views.known_findings(pack, {"gestational_weeks": 28,
                                        "absent": ["reduced_fetal_movements"]})
    assert known["absent_words"] == ["The baby is moving as usual"]  # never "no the baby"
    cat = catalogue(engine)
    assert views.answer_words(cat, pack, {"question": "fever", "answer": True})["answer"] == "Yes"
    group = next(q for q in cat.questions.values() if q.kind == "group")
    assert views.answer_words(cat, pack, {"question": group.id, "answer": False}
                              )["answer"] == "None of these"
    chosen = views.answer_words(cat, pack, {"question": group.id, "answer": [group.findings[0]]})
    assert chosen["answer"] == views.capfirst(group.items[0])
    assert views.answer_words(cat, pack, {"question": "nope", "answer": 1})["answer"] == "-"
    m = views.answer_words(cat, pack, {"question": "measurements",
                                       "answer": {"temperature_c": 38.5}})
    assert m["answer"] == "temperature: 38.5 °C"


def test_result_view_for_each_level(engine: Engine) -> None:
    for case in ({"gestational_weeks": 28, "present": ["pain_lower_back_central"]},
                 {"gestational_weeks": 30, "present": ["saddle_numbness", "pain_flank"]}):
        report = build_report(engine, case)
        r = outcome(report)
        assert r["headline"] == report.assessment.triage.meaning
        assert r["urgent"] == report.plan.urgent
        assert r["causes"] and all(
            c.likelihood in ("most likely", "possible", "less likely") for c in r["causes"])
        assert 1 <= len(r["why"]) <= 3 and all(w.endswith(".") for w in r["why"])
        if report.assessment.triage.level == "emergency":
            assert r["action"] == "Go to your maternity unit now."
            # set by the nerve red flag: the first reason says so, in the rule's words
            assert r["why"][0].startswith("Numbness around the bottom")
            assert r["emergency_call"]["href"] == "tel:999"
        if r["urgent"]:
            assert not r["self_care"]


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": "https://evil.example"},
    {"Origin": "null"},
])
def test_a_form_post_from_another_site_is_refused(client: TestClient,
                                                 headers: dict[str, str]) -> None:
    before = client.app.state.service.store.count()
    r = client.post("/start", data={"weeks": "30", "text": "attacker's words"},
                    headers=headers, follow_redirects=False)
    assert r.status_code == 403
    assert "another website" in visible(r.text)
    assert client.app.state.service.store.count() == before  # nothing was created
    loc = start_interview(client, weeks="30")
    q = question_of(client, loc)
    r = client.post(loc + "/answer", data=answer_form(q, None), headers=headers,
                    follow_redirects=False)
    assert r.status_code == 403
    assert question_of(client, loc)["id"] == q["id"]  # the answer was not taken


@pytest.mark.parametrize("headers", [
    {"Sec-Fetch-Site": "same-origin"}, {"Sec-Fetch-Site": "none"},
    {"Origin": "http://testserver"}, {},
])
def test_a_form_post_from_this_site_is_accepted(client: TestClient,
                                               headers: dict[str, str]) -> None:
    r = client.post("/start", data={"weeks": "30"}, headers=headers, follow_redirects=False)
    assert r.status_code == 303


def test_delete_my_answers(client: TestClient) -> None:
    loc = start_interview(client, weeks="28", where=["pain_lower_back_central"],
                          text="My back aches", keep_text="yes")
    iid = loc.split("/")[2]
    page_ = client.get(loc)
    assert f'action="/i/{iid}/delete"' in page_.text and "Delete my answers" in page_.text
    # not from another site
    r = client.post(loc + "/delete", headers={"Sec-Fetch-Site": "cross-site"},
                    follow_redirects=False)
    assert r.status_code == 403
    assert client.get("/v1/interviews/" + iid).status_code == 200
    r = client.post(loc + "/delete", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/deleted"
    assert "Your answers have been deleted" in visible(client.get("/deleted").text)
    assert client.get("/v1/interviews/" + iid).status_code == 404
    assert client.get(loc + "/summary").status_code == 404
    assert client.post(loc + "/delete").status_code == 404  # already gone



def test_what_we_understood_is_shown_and_an_unticked_finding_is_asked(
    client: TestClient, engine: Engine
) -> None:
    text = "I am 26 weeks, my lower back aches and it burns when I pee, no fever"
    r = client.post("/start", data={"text": text}, follow_redirects=False)
    assert r.status_code == 200
    assert_safe_page(r, engine)
    shown = visible(r.text)
    assert "What we understood" in shown
    assert "Pain or burning when passing urine" in shown and "“burns when I pee”" in shown
    assert "No fever" in shown  # the pack's negative wording, not an id
    assert 'id="weeks"' in r.text and 'value="26"' in r.text  # weeks pre-filled from her words
    # she unticks the burning: it is asked, not assumed
    form = {"step": "confirmed", "text": text, "weeks": "26",
            "read": ["pain_lower_back_central", "painful_urination", "fever"],
            "keep": ["pain_lower_back_central", "fever"]}
    r = client.post("/start", data=form, follow_redirects=False)
    assert r.status_code == 303
    view = client.get("/v1/interviews/" + r.headers["location"].split("/")[2]).json()
    assert "painful_urination" not in view["case"]["present"]
    assert "fever" in view["case"]["absent"]
    assert view["case"]["gestational_weeks"] == 26


def test_text_with_nothing_to_confirm_starts_at_once(client: TestClient) -> None:
    r = client.post("/start", data={"weeks": "28", "text": "hello"}, follow_redirects=False)
    assert r.status_code == 303


def test_the_summary_does_not_say_a_mild_cause_needs_an_emergency(engine: Engine) -> None:
    from gravida.interview.session import catalogue as cat_of

    report = build_report(engine, {"gestational_weeks": 30, "present": [
        "saddle_numbness", "pain_lower_back_central"]})
    assert report.assessment.triage.level in ("emergency", "emergency_ambulance")
    s = views.summary_view(report, engine.pack, cat_of(engine), [])
    lower = [r.says for r in report.assessment.triage.reasons
             if r.kind == "condition" and r.level != report.assessment.triage.level]
    assert lower  # the engine does list them
    assert not set(lower) & set(s["reasons"])


@pytest.mark.parametrize("weeks, place, not_place", [
    (10, "emergency department", "maternity unit"),
    (26, "maternity unit", "early pregnancy unit"),
])
def test_go_now_names_the_place_that_sees_her_at_her_weeks(
    engine: Engine, weeks: int, place: str, not_place: str
) -> None:
    """Maternity triage takes women from ~16 weeks; before, A&E or the early pregnancy unit."""
    report = build_report(engine, {**PYELO, "gestational_weeks": weeks})
    r = outcome(report)
    assert r["level"] == "emergency"
    on_the_way = r["action"] + " " + r["now"] + " " + (r["call"] or {}).get("text", "")
    assert place in on_the_way and not_place not in on_the_way, on_the_way


@pytest.mark.parametrize("confirm", [True, False])
def test_her_words_are_read_once_from_the_start_page_to_the_interview(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, confirm: bool
) -> None:
    """"What we understood" and the interview's start share one reading of her text."""
    import gravida.intake.parse as parse_module

    calls: list[str] = []
    real = parse_module.parse_text

    def counting(text: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(parse_module, "parse_text", counting)
    if confirm:  # shown "What we understood", then confirmed
        text = "I am 26 weeks, my lower back aches and it burns when I pee"
        r = client.post("/start", data={"text": text}, follow_redirects=False)
        assert r.status_code == 200 and "What we understood" in visible(r.text)
        form = {"step": "confirmed", "text": text, "weeks": "26",
                "read": ["pain_lower_back_central", "painful_urination"],
                "keep": ["pain_lower_back_central", "painful_urination"]}
    else:  # nothing to confirm: started in the same request
        text = "hello"
        form = {"weeks": "28", "text": text}
    r = client.post("/start", data=form, follow_redirects=False)
    assert r.status_code == 303
    assert calls == [text]
    view = client.get("/v1/interviews/" + r.headers["location"].split("/")[2]).json()
    assert view["case"]["gestational_weeks"] in (26, 28)
    # a second interview from the same words reads them again (the reading was used once)
    client.post("/start", data={**form, "step": "confirmed"}, follow_redirects=False)
    assert calls == [text, text]


@pytest.mark.parametrize("lang, title", [("en", "Too many assessments started"),
                                         ("ru", "Слишком много")])
def test_the_rate_limit_refuses_her_form_with_a_page_in_her_language(
    tmp_path: Path, lang: str, title: str
) -> None:
    """A browser over the limit reads a page (429, Retry-After); an API client gets JSON."""
    from .conftest import make_app

    app = make_app(tmp_path, rate_limits=True, rate_limit_create="1/minute")
    page_headers = {"accept": "text/html,application/xhtml+xml", "accept-language": lang}
    with TestClient(app) as c:
        form = {"weeks": "28"}
        assert c.post("/start", data=form, headers=page_headers,
                      follow_redirects=False).status_code == 303
        r = c.post("/start", data=form, headers=page_headers, follow_redirects=False)
        assert r.status_code == 429
        assert r.headers["content-type"].startswith("text/html")
        assert int(r.headers["retry-after"]) >= 1
        assert r.headers.get("content-language") == lang
        assert title in visible(r.text)
        api = c.post("/v1/interviews", json={"gestational_weeks": 28})
        assert api.status_code == 429
        assert api.headers["content-type"].startswith("application/problem+json")


def test_a_cause_listed_first_to_rule_it_out_says_so(engine: Engine) -> None:
    # a severe headache beside an ordinary ache at 30 weeks: pre-eclampsia is listed
    # first, less likely than the ache, and the page says why
    report = build_report(engine, {"gestational_weeks": 30, "present": [
        "pain_lower_back_central", "pain_dull_aching", "severe_headache"]})
    working = report.assessment.working
    assert working is not None
    r = outcome(report)
    assert r["causes"][0].first_because == working.says
    assert not any(c.first_because for c in r["causes"][1:])
    html = render_result(r)
    assert html.count('class="small cause-first"') == 1
