"""Issue 15, session 5: the English reader on sentences written for each class of wording.

The table (tests/data/intake-classes-en.yaml) was written before the reader was
changed, in varied voices and grammar, never copied from a measuring set: the
share of it the reader gets wrong is the honest generalisation figure
(``bench/intake_classes.py`` prints it per class). The near misses (rows that
want a finding "not present" or "unset") must all hold, since a wrongly
stated finding is never asked again; the stated rows may not fall below the
figures measured when this table was last worked on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from gravida.intake.score import read_right, reading

TABLE = Path(__file__).resolve().parents[1] / "data" / "intake-classes-en.yaml"
ROWS: dict[str, list[list[Any]]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))

# rows each class may still get wrong (measured; lower these as the reader improves)
MISSES = {
    "relief_by_rest": 2,
    "worse_posture_long": 1,
    "prolonged_posture": 3,
    "worse_movement": 4,
    "deny_bleeding": 3,
    "deny_other_signs": 3,
    "deny_nerve": 7,
    "side": 9,
    "age": 8,
    "severity": 8,
    "duration_short": 13,
    "duration_long": 6,
    "place": 9,
    "lifting": 14,
    "weeks": 0,
    "known_overreads": 1,
}
NEAR_MISSES = [
    (name, text, finding, want)
    for name, rows in ROWS.items()
    for text, finding, want in rows
    if want in ("not present", "unset")
]


def test_every_class_has_a_table_of_its_own():
    assert set(ROWS) == set(MISSES)
    for name, rows in ROWS.items():
        stated = [r for r in rows if r[2] not in ("not present", "unset")]
        assert len(stated) >= (5 if name == "known_overreads" else 15), name


@pytest.mark.parametrize("name", sorted(MISSES))
def test_a_class_is_read_at_least_as_well_as_measured(parse, name):
    wrong = [
        (text, finding, want, got)
        for text, finding, want in ROWS[name]
        if not read_right(got := reading(parse(text).case, finding), want)
    ]
    assert len(wrong) <= MISSES[name], wrong


@pytest.mark.parametrize(("name", "text", "finding", "want"), NEAR_MISSES)
def test_a_near_miss_is_not_read(parse, name, text, finding, want):
    got = reading(parse(text).case, finding)
    assert read_right(got, want), (name, got)
