"""Floors on the Russian development set (tests/data/dev-ru.yaml, issue 16).

The set was written by an independent author in natural Russian (forum style,
Latin-keyboard messages included). The reader is held to finding precision
0.92 and recall 0.88 in narrative mode, and to adding no emergency
under-triage of its own: every emergency it under-triages must be one the
engine under-triages even when given the expected case (full mode), so a
missed red flag is never the reader's. (Full mode itself still under-triages
a few of these cases until the policy-v2 rows and findings are in the pack;
then this becomes emergency_under_triage == 0 outright.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gravida.evaluation.run import evaluate

DEV_RU = Path(__file__).resolve().parents[1] / "data" / "dev-ru.yaml"
EMERGENCY = ("emergency", "emergency_ambulance")
ORDER = ("self_care", "consultation", "consultation_24", "same_day", "urgent", *EMERGENCY)


def _missed_emergencies(report: dict[str, Any]) -> set[str]:
    out = set()
    for c in report["cases"]:
        expected, got = c.get("expected_triage"), c.get("triage")
        if expected in EMERGENCY and (
            got is None or got not in ORDER or ORDER.index(got) < ORDER.index(expected)
        ):
            out.add(c["id"])
    return out


@pytest.fixture(scope="module")
def narrative(engine):
    return evaluate([DEV_RU], "narrative", engine)


@pytest.mark.skipif(not DEV_RU.exists(), reason="no Russian development set")
def test_russian_narrative_floors(narrative):
    assert narrative["n"] >= 40
    assert narrative["finding_precision"] >= 0.92
    assert narrative["finding_recall"] >= 0.88


@pytest.mark.skipif(not DEV_RU.exists(), reason="no Russian development set")
def test_the_reader_adds_no_emergency_under_triage(narrative, engine):
    full = evaluate([DEV_RU], "full", engine)
    missed_by_reader = _missed_emergencies(narrative) - _missed_emergencies(full)
    assert not missed_by_reader
    # every narrative is read (weeks found, nothing fails closed)
    assert narrative["errors"] == 0
