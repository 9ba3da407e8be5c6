"""`gravida interview` in the terminal, driven through click's runner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from gravida.cli import main


def run(args, text):
    return CliRunner().invoke(main, ["interview", *args], input=text)


def test_a_calm_interview_runs_to_its_result():
    # weeks; then "1" (lower back) for where; then no / blank (don't know) to everything
    r = run([], "30\n1\n" + "no\n\n\n\n" * 12)
    assert r.exit_code == 0, r.output
    assert "Question 1 of at most" in r.output
    assert "Where is the pain?" in r.output
    assert "questions." in r.output  # how many, and why it stopped
    assert "Likely causes" in r.output


def test_back_changes_the_last_answer():
    r = run(["--weeks", "30", "--json"], "1\nno\nback\n" + "no\n\n\n\n" * 12)
    assert r.exit_code == 0, r.output
    assert "Gone back one question." in r.output
    result = json.loads(r.output.strip().splitlines()[-1])
    assert result["answers"][0]["question"] == "pain_location"


def test_a_bad_reply_is_explained_and_asked_again():
    r = run(["--weeks", "30"], "1\nmaybe\n99\nno\n" + "no\n\n\n\n" * 12)
    assert r.exit_code == 0, r.output
    assert "not one of the choices" in r.output or "answer no" in r.output


def test_an_emergency_is_announced_at_once(engine):
    # Walk the same interview through the library to know where the nerve question
    # comes, answer "no" (or blank for numbers) before it and tick saddle numbness there.
    from gravida.interview import answer, next_question, start

    s = start(engine, {"gestational_weeks": 30})
    s = answer(s, next_question(s).id, ["pain_lower_back_central"])
    replies = ["1"]
    while (q := next_question(s)).id != "back_warning_signs":
        if q.kind == "number":
            replies += [""] * len(q.parts)
            s = answer(s, q.id, None)
        else:
            replies.append("no")
            s = answer(s, q.id, False)
    replies.append("1")  # numbness around the bottom or genitals
    r = run(["--weeks", "30"], "\n".join(replies) + "\n" * 60)
    assert r.exit_code == 0, r.output
    before, after = r.output.split("numbness around your bottom", 1)
    assert "EMERGENCY" not in before
    assert "EMERGENCY" in after.split("Question", 1)[0]  # before any further question
    assert "nerves at the base of the spine" in after


def test_quit_shows_the_assessment_so_far():
    r = run(["--weeks", "30"], "1\nquit\n")
    assert r.exit_code == 0, r.output
    assert "Stopped before the end" in r.output


def test_save_and_resume(tmp_path):
    state = tmp_path / "state.json"
    r = run(["--weeks", "30", "--save", str(state)], "1\nno\nquit\n")
    assert r.exit_code == 0, r.output
    saved = json.loads(state.read_text())
    assert len(saved["answers"]) == 2
    r = run(["--resume", str(state), "--json"], "quit\n")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output.strip().splitlines()[-1])["questions_asked"] == 2


def test_resume_from_a_bad_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    r = run(["--resume", str(bad)], "")
    assert r.exit_code != 0
    assert "cannot resume" in r.output


def test_text_start_uses_the_intake_when_present():
    pytest.importorskip("gravida.intake.parse")
    r = run(["--text", "I'm 30 weeks pregnant with a dull ache across my lower back",
             "--json"], "quit\n")
    assert r.exit_code == 0, r.output
    result = json.loads(r.output.strip().splitlines()[-1])
    assert result["assessment"]["evidence"]["gestational_weeks"] == 30


@pytest.mark.parametrize("text", ["", "   ", "my back hurts"])
def test_text_without_weeks_asks_the_weeks_once(text):
    # an empty (or weeks-less) text: the weeks are asked before the questions, once
    r = run(["--text", text], "30\n1\n" + "no\n\n\n\n" * 12)
    assert r.exit_code == 0, r.output
    assert r.output.count("How many weeks pregnant are you?") == 1
    assert "Question 1 of at most" in r.output
