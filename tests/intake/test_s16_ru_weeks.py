"""Session 16: her weeks of pregnancy in Russian, in the forms women, forums and notes use.

The table (``weeks_s16_ru.yaml``, the helper's own sentences) holds whole short
messages with the completed weeks each must give, and near misses that must give
none: her age, how long it has hurt («второй месяц болит»), a date, a dose, minutes,
a floor. The classes read since this session: a hedge opening a clause («около 30
недель», «где-то 30 недель»), the count after the word («недель 30 уже»), an ordinal
with the week left unsaid («пошла 36-я»), «27-я неделька», a part of a trimester
(«начало третьего триместра» 28, «конец второго» 26), «2-го триместра», a due date
with a verb between («ПДР ставят на 15 февраля»), weeks from conception (two fewer
than her weeks), «30/2» opening a message, «30 с чем-то недель», and «нелеля»,
«нелель» (л for its neighbour д).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from gravida.intake import parse_text

TODAY = date(2026, 12, 8)
TABLE: dict[str, list[list[Any]]] = yaml.safe_load(
    (Path(__file__).parent / "weeks_s16_ru.yaml").read_text(encoding="utf-8")
)
ROWS = [(text, want) for text, want in TABLE["ru"]]


@pytest.mark.parametrize(("text", "want"), ROWS)
def test_weeks_table(ipack, text: str, want: int | None) -> None:
    result = parse_text(text, ipack, "ru", today=TODAY)
    got = result.case.numbers.get("gestational_weeks")
    assert got == want, (text, got, [e.to_dict() for e in result.evidence])


def test_the_table_is_broad_with_near_misses() -> None:
    assert len(ROWS) >= 150
    assert sum(1 for _, want in ROWS if want is None) >= 25


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a part of a trimester is an estimate; "since the start of" is when it began
        ("начало третьего триместра, болит поясница", 28),
        ("с начала третьего триместра болит поясница, беременна", None),
        ("в конце второго триместра лежала в больнице, сейчас болит поясница", None),
        # a month said with a pain verb beside it is how long it has hurt
        ("седьмой месяц, болит поясница", 28),
        ("болит поясница седьмой месяц, беременна", None),
        ("спина болит уже второй месяц, беременна", None),
        # an ordinal alone is her week only beside a word of it going on
        ("у нас 32-я квартира, беременна, болит поясница", None),
        ("у меня 2-я беременность, болит поясница", None),
        # a slash after a label is weeks and days; a bare date is not
        ("срок 30/2, болит поясница", 30),
        ("УЗИ 20/3, беременна, болит поясница", None),
        # conception is two weeks after the period her weeks count from
        ("28 недель от зачатия, поясница", 30),
    ],
)
def test_near_misses_of_the_new_classes(ipack, text: str, want: int | None) -> None:
    got = parse_text(text, ipack, "ru", today=TODAY).case.numbers.get("gestational_weeks")
    assert got == want, (text, got)


def test_a_trimester_part_is_an_estimate(ipack) -> None:
    result = parse_text("в начале 3 триместра, болит поясница", ipack, "ru", today=TODAY)
    assert "gestational_weeks" in result.estimates()
