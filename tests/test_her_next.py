"""Her "what happens next" is the same in every interface: web, API and CLI.

The rule (the pack's ``for_her`` per level, ``PatientExpectations.as_shown``)
cuts the causes and tests she reads about to what she will meet at her level;
the API's ``what_to_expect`` and the CLI's ``--for patient`` follow it as
her web page does, while the clinician's work-up stays whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from gravida.cli import main
from gravida.engine import Engine
from gravida.report import build_report
from gravida.server import create_app
from gravida.settings import Settings

# One made-up case per level of care, from ordinary back ache to a kidney infection.
CASES: dict[str, dict[str, Any]] = {
    "ache": {"gestational_weeks": 28, "present": ["pain_lower_back_central",
                                                  "pain_worse_standing_sitting_long"],
             "absent": ["fever", "vaginal_bleeding", "painful_urination"]},
    "sciatica": {"gestational_weeks": 24, "present": ["pain_lower_back_central",
                                                      "radiates_leg_below_knee"],
                 "absent": ["fever", "saddle_numbness", "vaginal_bleeding"]},
    "urine": {"gestational_weeks": 20, "present": ["painful_urination", "urinary_frequency_urgency",
                                                   "pain_lower_back_central"],
              "absent": ["fever", "pain_flank"]},
    "kidney": {"gestational_weeks": 26, "present": ["fever", "pain_flank", "painful_urination"],
               "temperature_c": 38.6},
}


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path_factory.mktemp("her-next"), rate_limits=False,
                        purge_interval_seconds=0)
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.mark.parametrize("name", list(CASES))
def test_the_api_gives_her_what_her_page_shows(api: TestClient, engine: Engine,
                                              name: str) -> None:
    report = build_report(engine, CASES[name])
    r = api.post("/v1/assess", json=CASES[name])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["triage"]["level"] == report.assessment.triage.level
    assert body["what_to_expect"] == json.loads(json.dumps(report.her_next().to_json()))
    # the clinician's work-up is not cut
    assert len(body["suggested_workup"]) == len(report.workup)


@pytest.mark.parametrize("name", list(CASES))
def test_the_cli_gives_her_what_her_page_shows(tmp_path: Path, engine: Engine,
                                              name: str) -> None:
    report = build_report(engine, CASES[name])
    case = tmp_path / "case.json"
    case.write_text(json.dumps(CASES[name]), encoding="utf-8")
    result = CliRunner().invoke(main, ["assess", str(case), "--for", "patient"])
    assert result.exit_code == 0, result.output
    shown = {c.id for c in report.her_next().conditions}
    for c in report.expectations.conditions:
        heading = f"IF IT IS {c.lay_name.upper()} ("
        assert (heading in result.output) == (c.id in shown), c.id
    for t in report.expectations.tests:
        listed = f"{t.lay_name}: " in result.output
        assert listed == any(x.id == t.id for x in report.her_next().tests), t.id
    assert "%" not in result.output.split("WHAT HAPPENS NEXT", 1)[1]  # words, not numbers


def test_the_rule_cuts_something_at_the_calmer_levels(engine: Engine) -> None:
    """Not vacuous: at the calm levels she reads less than the whole expectations."""
    cut = 0
    for case in CASES.values():
        report = build_report(engine, case)
        whole, hers = report.expectations, report.her_next()
        assert len(hers.conditions) <= len(whole.conditions)
        assert {t.id for t in hers.tests} <= {t.id for t in whole.tests}
        if report.assessment.triage.level == "self_care":
            assert hers.conditions == () and hers.tests == () and not hers.imaging_note
        cut += len(whole.conditions) - len(hers.conditions)
    assert cut > 0
