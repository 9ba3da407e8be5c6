"""The Russian reader on its session-6 class tables (``ru_tables6.py``).

Every sentence of every class, near miss and the batch written after the
changes, read as a message is read (the language detected, Latin typing
included). The tables were measured before the reader was changed
(``bench/ru_classes.py --set 6`` prints the miss rate per class); the sentences
still misread are marked ``xfail(strict)`` with the reason, so a fix or a new
miss both show here.
"""

from __future__ import annotations

from typing import Any

import pytest

from gravida.intake import parse_text
from gravida.knowledge.load import Pack

from .ru_tables import mismatch, table_params
from .ru_tables6 import AFTER6, CLASSES6

KNOWN = {
    # a pain that began within the last day or so: its duration is left to the
    # question (``duration.min_days_to_state``, the same rule as in English)
    "болит со вчерашнего вечера",
    "с утра ноет спина",
    "пару часов назад заболело",
    "заболело сегодня ночью",
    "сутки болит",
    "болит со вчера",
    "часа 4 уже тянет",
    "вчера после обеда заболело",
    # no pain word in the sentence, so its time is not the pain's
    "началось позавчера",
    "недели полторы назад началось",
    "беспокоит с прошлых выходных",
    # a mark with no pain word near it ("сдала на четвёрочку" is an exam)
    "ну на четвёрочку",
    # Latin letters only, too short to be taken for Russian, or "j" for "ж"
    "poleju nemnogo i prohodit",
    # a jolt with a movement is a strain's story; the question asks the onset
    "стрельнуло в пояснице когда поднимала ребёнка",
    # a question answered after its question mark
    "отдаёт ли куда-то? нет",
    # "got ill, a temperature": no fever word
    "заболела температура",
    # sides that move ("сначала справа болело теперь по всей спине" is read since
    # session 9: the soft implication side -> one side gives way to one side
    # stated absent, as in the engine)
    "спина болит справа налево переходит",
    # her moving less is not a movement that hurts; the pain beside it is read so
    "двигаться стала меньше болит спина",
    # no punctuation: "болит поясница живот" reads as one pain of two places
    "болит поясница живот в порядке",
    # getting out of bed, told as the moment something was seen
    "встала с кровати и увидела кровь",
    # written after the changes, still misread (not tuned on)
    "муж спрашивает нормально ли что ей полегче когда она прилегла",
    "если полежать на кровати с подушками то не так болит",
    "лежачее положение облегчает боль",
    "стоит только присесть и спина перестаёт ныть",
    "на ногах по 12 часов в аптеке к вечеру спину ломит",
    # ("после дороги на машине три часа поясница разболелась" is read since session
    # 9: a trip is a long stretch)
    "в ноге никаких прострелов",
    "матка не сокращается",
    "болит по всей ширине поясницы",
    "болит вся нижняя часть спины",
    "малыш пинается слева болит поясница",
    "поворачиваю корпус и больно",
    "моча без боли выходит",
    "малыш толкается внизу",
}

ROWS = table_params([*CLASSES6.items(), ("after", (AFTER6, []))], KNOWN)


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_class_table(ipack: Pack, text: str, expected: dict[str, Any]) -> None:
    result = parse_text(text, ipack)
    assert mismatch(result.case, expected) == {}, [e.to_dict() for e in result.evidence]


def test_the_tables_are_the_size_the_brief_asks() -> None:
    missed = [rows for rows, _ in CLASSES6.values() if rows]
    over_read = [near for rows, near in CLASSES6.values() if not rows]
    assert len(missed) >= 10 and all(len(rows) >= 25 for rows in missed)
    assert len(over_read) >= 5 and sum(len(near) >= 25 for near in over_read) >= 4
    assert len(AFTER6) >= 10 * len(missed)


@pytest.mark.parametrize(("text", "expected"), [
    ("не падала, не ударялась", {"recent_trauma": "absent"}),
    ("вчера падала на улице", {"recent_trauma": "present"}),
    # pressure downwards is the pelvis's, not the blood pressure
    ("давления вниз нет", {"pelvic_pressure": "absent", "hypertension_in_pregnancy": None}),
    ("давление 120 на 80", {"pelvic_pressure": None, "systolic_bp": 120}),
])
def test_a_blow_denied_by_its_verb_and_pressure_downwards(
    ipack: Pack, text: str, expected: dict[str, Any]
) -> None:
    assert mismatch(parse_text(text, ipack).case, expected) == {}
