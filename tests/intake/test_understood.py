""""What we understood": the typed list shown to her, and unticking a finding."""

from __future__ import annotations

from gravida.engine import Case, Findings
from gravida.evaluation.interview_mode import SimulatedPatient, run_questions
from gravida.intake import parse_text
from gravida.intake.understood import finding_labels, understand
from gravida.interview import start
from gravida.interview.session import catalogue

TEXT = "I'm 7 months gone. My lower back aches, no bleeding, and I've got a fever."


def test_every_finding_the_text_sets_is_listed_with_its_words(ipack):
    result = parse_text(TEXT, ipack)
    u = understand(result, finding_labels(ipack))
    listed = {i.finding: i for i in u.items}
    case = result.case
    assert set(listed) == {k for k in case if k not in ("present", "absent")} | set(
        case["present"]
    ) | set(case["absent"])
    weeks = listed["gestational_weeks"]
    assert weeks.state == "value" and weeks.estimate  # months: an estimate to check
    assert listed["vaginal_bleeding"].state == "absent"
    for item in u.items:
        for (a, b), words in zip(item.spans, item.words, strict=True):
            assert TEXT[a:b] == words
        assert item.label != item.finding  # people read labels, not ids
    assert u.to_dict()["items"][0]["finding"] == u.items[0].finding


def test_unset_makes_a_finding_unknown_again():
    case = Findings({"gestational_weeks": 30}, ("fever", "pain_flank"), ("chills_rigors",))
    assert case.without(["fever", "chills_rigors", "gestational_weeks"]).to_json() == {
        "present": ["pain_flank"],
        "absent": [],
    }


def test_an_unticked_finding_is_asked_not_assumed(engine):
    """She unticks the fever we read; the interview then asks about it."""
    text = "I'm 30 weeks, pain in my side under the ribs, and a fever."
    result = parse_text(text, engine.pack)
    assert "fever" in result.case["present"]
    u = understand(result, finding_labels(engine.pack))
    truth = Case.from_dict(
        {"gestational_weeks": 30, "present": ["pain_flank", "fever"]}, engine.pack
    )
    session = start(engine, u.case(unset=["fever"]), [])
    assert "fever" not in session.case.present
    _, asked = run_questions(session, SimulatedPatient(engine, truth))
    asked_about = {f for q in asked for f in catalogue(engine).questions[q].findings}
    assert {"fever", "temperature_c"} & asked_about
