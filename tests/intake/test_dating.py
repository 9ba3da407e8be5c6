"""Weeks of pregnancy dated every other way: a due date as a calendar date, a due
date a month off, a period N weeks late (N + 4 weeks), months and a half.

``today`` is passed explicitly, so the due-date sums are fixed: on 7 December
2026, 3 March 2027 is 86 days off (40 - 12.3 = 27 completed weeks), 14 February
69 days (30), 20 February 75 days (29).
"""

from __future__ import annotations

from datetime import date

import pytest

from gravida.intake import parse_text
from gravida.intake.rules import load_number_rules
from gravida.knowledge.load import Pack, PackError

TODAY = date(2026, 12, 7)


def weeks(pack: Pack, text: str, lang: str, today: date = TODAY) -> float | None:
    value = parse_text(text, pack, lang, today=today).case.numbers.get("gestational_weeks")
    return None if value is None else float(value)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # a due date as a calendar date, in every order people write it
        ("en", "I'm due on 3 March and my lower back aches.", 27),
        ("en", "due 14th Feb, back pain for a week", 30),
        ("en", "EDD 20/02. Lower back pain.", 29),
        ("en", "I'm due March 3rd, back ache", 27),
        ("en", "EDD: 03/03/2027. Back pain", 27),
        ("en", "Due date is 14 Feb 2027, back pain", 30),
        ("ru", "ПДР 3 марта, болит поясница.", 27),
        ("ru", "Рожать 10 февраля, болит спина.", 30),
        ("ru", "ПДР 20.02, болит спина", 29),
        ("ru", "ПДР на 3 марта 2027, болит поясница", 27),
        # the due date a month off: 40 less a month (4.35 weeks), completed
        ("en", "My due date is next month and my back hurts.", 35),
        ("ru", "Через месяц рожать, болит поясница.", 35),
        ("ru", "Пдр через месяц, болит спина", 35),
        ("ru", "Рожать через 2 недели, болит спина.", 38),
        # a period N weeks late: N + 4 weeks since the last period began
        ("en", "My period is 3 weeks late and my back hurts.", 7),
        ("en", "I'm 2 weeks late for my period, back ache", 6),
        ("en", "missed my period 2 weeks ago and my back aches", 6),
        ("ru", "Задержка 6 недель, болит поясница.", 10),
        ("ru", "Задержка месячных 3 недели, болит поясница", 7),
        # months and a half, on the same table as whole months (6 -> 26, 7 -> 30)
        ("en", "I'm about 5 and a half months and my back aches.", 24),
        ("en", "5 and a half months pregnant, back ache", 24),
    ],
)
def test_dating_is_read(ipack: Pack, lang: str, text: str, expected: int) -> None:
    assert weeks(ipack, text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # a date that is an appointment, a scan or homework, not a due date
        ("en", "My appointment is on 3 March, back pain since Monday.", None),
        ("en", "my scan is due on 3 March, back pain", None),
        ("en", "My essay is due on 3 March, back ache", None),
        ("ru", "Приём у врача 3 марта, болит поясница.", None),
        # a due date gone by, or a birth with its past year
        ("en", "I was due on 1 December, back pain", None),
        ("en", "EDD 01/12/2026, back pain", None),
        ("ru", "Роды были 10 февраля 2020, сейчас 30 недель, болит спина", 30),
        # "3 weeks late" of something else; overdue is not a period late
        ("en", "My rent is 3 weeks late and my back hurts. I'm 30 weeks pregnant.", 30),
        ("en", "I'm 41 weeks, 1 week overdue, back pain", 41),
        ("ru", "Задержка мочи 2 недели, болит поясница", None),
        # a baby's age in months; a scan of a past pregnancy
        ("en", "My baby is 5 months old and my back hurts.", None),
        ("en", "At my 20 week scan in my last pregnancy all was fine. I'm 12 weeks now.", 12),
    ],
)
def test_near_misses_are_not_dating(
    ipack: Pack, lang: str, text: str, expected: int | None
) -> None:
    assert weeks(ipack, text, lang) == expected


def test_a_due_date_too_far_off_is_not_this_pregnancy(ipack: Pack) -> None:
    # 3 March seen from 10 March is next year's: 51 weeks off, no weeks at all
    assert weeks(ipack, "I'm due on 3 March, back ache", "en", date(2027, 3, 10)) is None
    # ...and seen from 1 February it is 4 weeks off: 35 completed weeks
    assert weeks(ipack, "I'm due on 3 March, back ache", "en", date(2027, 2, 1)) == 35


def test_an_impossible_date_is_no_due_date(ipack: Pack) -> None:
    assert weeks(ipack, "EDD 31/02, back ache", "en") is None
    assert weeks(ipack, "EDD 20/14, back ache", "en") is None


def test_the_due_date_is_flagged(ipack: Pack) -> None:
    r = parse_text("I'm due on 3 March, back ache", ipack, "en", today=TODAY)
    used = [e for e in r.evidence if e.finding == "gestational_weeks" and e.used]
    assert used and "from_due_date" in used[0].flags


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I had my 20 week scan last week and now my back hurts", 21),
        ("My 20 week scan was 2 weeks ago, back pain since", 22),
        ("had my 12 week scan yesterday, lower back ache", 12),
        # a scan still to come is its week less the weeks until it (session 11;
        # before, it dated nothing); one of a past pregnancy dates nothing
        ("My 20 week scan is next week and my back hurts", 19),
        ("my 20 week scan is in 2 weeks, back ache", 18),
        ("my sister's 20 week scan is next week, my back hurts", None),
        ("I had my 20 week scan in my last pregnancy, back ache", None),
    ],
)
def test_a_scan_and_the_time_since(ipack: Pack, text: str, expected: int | None) -> None:
    assert weeks(ipack, text, "en") == expected


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"kind": "due_date", "regex": "(?P<value>\\d+) (?P<month>\\w+)"}, "term"),
        ({"kind": "due_date", "term": 40, "regex": "(?P<value>\\d+)"}, "month"),
        ({"kind": "weeks_late", "regex": "(?P<value>\\d+)"}, "offset"),
        ({"kind": "weeks_since", "regex": "(?P<value>\\d+)"}, "values"),
    ],
)
def test_a_dating_rule_missing_its_part_is_refused(rule: dict[str, object], message: str) -> None:
    with pytest.raises(PackError, match=message):
        load_number_rules(
            [{"finding": "gestational_weeks", **rule}], {"gestational_weeks"}, {}, "\\d+"
        )


def test_one_day_dates_the_whole_text(ipack: Pack, monkeypatch: pytest.MonkeyPatch) -> None:
    # without an explicit today, the due date uses the same clock as "since
    # Christmas" (settle.today, which the tests fix)
    from gravida.intake import settle

    monkeypatch.setattr(settle, "today", lambda: date(2027, 2, 1))
    assert parse_text("I'm due on 3 March, back ache", ipack, "en").case.numbers.get(
        "gestational_weeks"
    ) == 35
