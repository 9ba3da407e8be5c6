"""Weeks of pregnancy from the first day of her last period, given as a date.

Pregnancy is dated from the last period's first day (Naegele's rule counts the due
date 280 days on), so "LMP 20/10" on 7 December 2026 is 48 days: 6 completed weeks.
``today`` is passed explicitly so the sums are fixed.
"""

from __future__ import annotations

from datetime import date

import pytest

from gravida.intake import parse_text
from gravida.knowledge.load import Pack

TODAY = date(2026, 12, 7)


def weeks(pack: Pack, text: str, lang: str = "en") -> float | None:
    value = parse_text(text, pack, lang, today=TODAY).case.numbers.get("gestational_weeks")
    return None if value is None else float(value)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "LMP 20/10/2026. Spotting and a pain low in my back.", 6),
        ("en", "my last period started on the 20th of October, spotting today", 6),
        ("en", "Last menstrual period: 1 November. Lower back ache.", 5),
        ("en", "last period was Oct 3rd, back ache", 9),
        ("en", "LMP 15.09, back pain", 11),
        ("ru", "последние месячные 20 октября, мажет и тянет поясницу", 6),
        ("ru", "ПМП 20.10.2026, тянет поясницу", 6),
        ("ru", "последние месячные были 1 ноября, болит спина", 5),
    ],
)
def test_weeks_from_the_last_periods_date(pack: Pack, lang: str, text: str,
                                          expected: int) -> None:
    assert weeks(pack, text, lang) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a date still to come this year is last year's, and that is too long ago
        "last period 20 December, back pain",
        # not a date: what the period was like
        "my last period was heavy, back pain",
        # 31 February is no date
        "LMP 31/02, back pain",
    ],
)
def test_no_weeks_from_what_is_not_a_date_of_this_pregnancy(pack: Pack, text: str) -> None:
    assert weeks(pack, text) is None


def test_her_weeks_said_outright_are_not_overruled(pack: Pack) -> None:
    # both strongest wordings: the first one read wins, as for a due date
    assert weeks(pack, "I'm 30 weeks pregnant, my last period was 10 May") == 30


def test_a_period_date_rule_without_a_month_is_refused() -> None:
    from gravida.intake.rules import load_number_rules
    from gravida.knowledge.load import PackError

    with pytest.raises(PackError, match="month"):
        load_number_rules([{"finding": "gestational_weeks", "kind": "period_date",
                            "regex": "(?P<value>\\d+)"}], {"gestational_weeks"}, {}, "\\d+")
