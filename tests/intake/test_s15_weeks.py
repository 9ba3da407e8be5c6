"""Session 15: her weeks of pregnancy in every way women and notes give them.

The table (``weeks_s15.yaml``, the helper's own sentences, half English, half
Russian) holds the forms with the weeks each must give and near misses that must
give none. The classes read since this session: a due month ("due in March",
«рожать в конце февраля»: kind ``due_month``, an estimate), at term and past it
("I'm full term", "5 days overdue", «на сносях», «перехаживаю неделю»), a range
read as its first week ("28-29 weeks", «22/23 нед»), "37+ weeks", "7 mo",
hedged counts opening a clause («почти 30 недель», «скоро 32 недели» is 31),
Roman trimesters («II триместр»), «экватор», «половина срока», «срок тридцать»;
and «на второй неделе месяца» is a week of the month, not of her pregnancy.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from gravida.intake import parse_text
from gravida.intake.understood import finding_labels, understand

TODAY = date(2026, 12, 8)
TABLE: dict[str, list[list[Any]]] = yaml.safe_load(
    (Path(__file__).parent / "weeks_s15.yaml").read_text(encoding="utf-8")
)
ROWS = [(lang, text, want) for lang, rows in TABLE.items() for text, want in rows]


@pytest.mark.parametrize(("lang", "text", "want"), ROWS)
def test_weeks_table(ipack, lang: str, text: str, want: int | None) -> None:
    result = parse_text(text, ipack, lang, today=TODAY)
    got = result.case.numbers.get("gestational_weeks")
    assert got == want, (text, got, [e.to_dict() for e in result.evidence])


def test_the_table_is_half_english_half_russian_with_near_misses() -> None:
    for rows in TABLE.values():
        assert len(rows) >= 40
        assert sum(1 for _, want in rows if want is None) >= 15


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "due in March, back pain"),
        ("en", "I'm full term and my back hurts"),
        ("ru", "рожать в марте, поясница ноет"),
        ("ru", "на сносях, спина болит"),
        ("ru", "экватор пройден, болит поясница"),
    ],
)
def test_a_vague_wording_is_an_estimate_shown_as_one(ipack, lang: str, text: str) -> None:
    """A month, a term word or "halfway" gives weeks only roughly: the result says
    so, and the list shown back to her marks it as an estimate to check."""
    result = parse_text(text, ipack, lang, today=TODAY)
    assert "gestational_weeks" in result.estimates()
    items = understand(result, finding_labels(ipack)).items
    assert any(i.finding == "gestational_weeks" and i.estimate for i in items)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the month as a whole is its middle; its start and end move the estimate
        ("due in March, back pain", 26),
        ("due early March, back pain", 27),
        ("due end of March, back pain", 24),
        # a part of this month already gone by is today, the term; a month gone by
        # is next year's, too far off to be this pregnancy's
        ("due in December, back pain", 39),
        ("due early December, back pain", 40),
        ("I'm due in November, back pain", None),
    ],
)
def test_due_month_counts_to_the_day_its_part_stands_for(
    ipack, text: str, want: int | None
) -> None:
    got = parse_text(text, ipack, "en", today=TODAY).case.numbers.get("gestational_weeks")
    assert got == want, (text, got)


def test_a_range_starts_the_evidence_at_its_first_week(ipack) -> None:
    result = parse_text("28-29 weeks pregnant, back ache", ipack, "en", today=TODAY)
    [used] = [e for e in result.evidence if e.finding == "gestational_weeks" and e.used]
    assert used.value == 28
    assert used.text.startswith("28")
