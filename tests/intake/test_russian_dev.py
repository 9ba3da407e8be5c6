"""Floors on the Russian development set (tests/data/dev-ru.yaml, issue 16).

The set was written by an independent author in natural Russian (forum style,
Latin-keyboard messages included). The reader is held to finding precision
0.94 and recall 0.95 in narrative mode (session 3 measured 0.947 / 0.970),
with no case under-triaged, and
the conversation (her words, then the questions) to the same safety as the
English one: no emergency under-triaged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gravida.evaluation.run import evaluate

DEV_RU = Path(__file__).resolve().parents[1] / "data" / "dev-ru.yaml"

pytestmark = pytest.mark.skipif(not DEV_RU.exists(), reason="no Russian development set")


def test_russian_narrative_floors(engine):
    r = evaluate([DEV_RU], "narrative", engine)
    assert r["n"] >= 40
    assert r["errors"] == 0  # every narrative read: weeks found, nothing fails closed
    assert r["finding_precision"] >= 0.94
    assert r["finding_recall"] >= 0.95
    assert r["emergency_under_triage"] == 0
    assert r["under_triage"] == 0


def test_russian_conversation_is_as_safe_as_english(engine):
    r = evaluate([DEV_RU], "conversation", engine)
    assert r["emergency_under_triage"] == 0
    assert r["under_triage"] <= 1
