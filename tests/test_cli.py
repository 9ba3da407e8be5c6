"""The CLI: readable output, one JSON object with --json, clear errors with exit 2."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from gravida.cli import main

from .conftest import DEV_VIGNETTES


@pytest.fixture()
def run():
    runner = CliRunner()
    return lambda *args, input=None: runner.invoke(main, list(args), input=input)


def test_assess_json_from_stdin(run):
    r = run(
        "assess",
        "-",
        "--json",
        input='{"gestational_weeks": 26, "present": ["fever", "pain_flank"]}',
    )
    assert r.exit_code == 0, r.output
    j = json.loads(r.output)
    assert j["conditions"][0]["id"] == "pyelonephritis"
    assert j["triage"]["level"] in ("emergency", "emergency_ambulance")


def test_assess_readable(run, tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text("gestational_weeks: 28\npresent: [pain_lower_back_central]\n")
    r = run("assess", str(f))
    assert r.exit_code == 0, r.output
    assert "Likely causes" in r.output


@pytest.mark.parametrize(
    ("stdin", "needle"),
    [
        ('{"gestational_weeks": 26, "present": ["fevr"]}', "fever"),
        ('{"gestational_weeks": 60}', "outside"),
        ("{not json", "not valid"),
        ('{"present": ["fever"]}', "required"),
    ],
)
def test_assess_bad_input_is_a_clear_error(run, stdin, needle):
    r = run("assess", "-", input=stdin)
    assert r.exit_code == 2
    assert needle in r.output
    assert "Traceback" not in r.output


def test_assess_missing_file(run):
    r = run("assess", "/no/such/file.yaml")
    assert r.exit_code == 2 and "cannot read" in r.output


@pytest.mark.skipif(not DEV_VIGNETTES.exists(), reason="no dev vignettes")
def test_eval_json_is_one_object(run):
    r = run("eval", str(DEV_VIGNETTES), "--json")
    assert r.exit_code == 0, r.output
    j = json.loads(r.output)
    for key in (
        "n",
        "top1",
        "top3",
        "triage_exact",
        "under_triage",
        "over_triage",
        "emergency_under_triage",
        "brier",
        "cases",
    ):
        assert key in j
    assert {"id", "expected_condition", "ranked", "expected_triage", "triage"} <= set(j["cases"][0])


@pytest.mark.skipif(not DEV_VIGNETTES.exists(), reason="no dev vignettes")
def test_eval_human_table(run):
    r = run("eval", str(DEV_VIGNETTES))
    assert r.exit_code == 0 and "top1" in r.output


@pytest.mark.parametrize(
    ("audience", "needle"), [("clinician", "culture"), ("patient", "about scans in pregnancy")]
)
def test_assess_for_audience(run, audience, needle):
    case = json.dumps(
        {
            "gestational_weeks": 26,
            "temperature_c": 38.6,
            "present": ["pain_flank", "kidney_tender_on_tapping"],
        }
    )
    r = run("assess", "-", "--for", audience, input=case)
    assert r.exit_code == 0, r.output
    assert needle.lower() in r.output.lower()
    assert "Traceback" not in r.output


def test_parse_speaks_the_language_of_the_command(run):
    r = run("--lang", "ru", "parse", "болит поясница справа, температура 38,2")
    assert r.exit_code == 0, r.output
    # the table's words, the labels and what could not be settled, all in Russian
    assert "признак" in r.output and "по словам" in r.output
    assert "боль в основном справа" in r.output
    assert "срок беременности в неделях не найден" in r.output
    assert "finding" not in r.output and "no weeks" not in r.output
