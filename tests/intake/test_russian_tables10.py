"""The Russian reader on the session-10 tables (``ru_tables10.py``).

How long the pain has lasted when it is over two weeks («с 20 недель, сейчас 26»,
«3 нед», «две с половиной недели», «Уже недели 3.» after the pain), with times
that belong to something else (a fall three weeks ago with the pain since
yesterday, weeks left until the birth, a cough); a pain score after one or two
words with no "/10" («Боль 7 не могу спать», «типа 5», «bol' 7»), with numbers
that are no score; near misses of the urgent findings conversations were
over-triaged on (dizziness asked about or denied, blood from the nose or in the
urine, a baby that "не перестаёт пинаться", a belly hard at times that lets go,
where the baby lies). The tables were measured before the reader was changed
(``bench/ru_classes.py --set 10``); the sentences still misread are
``xfail(strict)`` with the reason.
"""

from __future__ import annotations

from typing import Any

import pytest

from gravida.intake import parse_text
from gravida.knowledge.load import Pack

from .ru_tables import mismatch, table_params
from .ru_tables10 import AFTER10, CLASSES10

KNOWN = {
    # worried it moves little, then counted: «мало шевелится» is fewer movements
    # since session 13, and the count that settles it («но считаю — всё в норме»)
    # would also settle a count of contractions; the red flag is kept
    "Переживаю, что мало шевелится, но считаю — всё в норме",
    # a number with no pain word anywhere in the text is no score
    "Ставлю 7",
    "Я бы сказала 6",
    # what she got over, said in a clause after another ("…, потом прошло, уже давно
    # ничего"): "потом прошло" alone is not taken ("…, потом прошло, сейчас опять
    # идёт": it is back), only with "сейчас/с тех пор" and a word of nothing after it
    "Мазала в начале, потом прошло, уже давно ничего",
    # a time in the past with no word that she got over it: an episode last week is
    # not taken as the past (a bleed or a fall last week still counts)
    "Голова кружилась на прошлой неделе один раз",
    # what a friend told of herself: "подруга говорила" is a pseudo-trigger (what
    # someone said of HER, «мама сказала, что глаза жёлтые»), so the friend's "у неё"
    # is not told apart from a mother writing of her pregnant daughter
    "Подруга говорила, что у неё мазало",
    # written after the changes: "сейчас всё хорошо" after "но не сегодня," is cut
    # off from the dizziness by the comma before it (a backward scope ends there)
    "Голова иногда кружится, но не сегодня, сейчас всё хорошо",
}

ROWS = table_params([*CLASSES10.items(), ("after", (AFTER10, []))], KNOWN)


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_class_table(ipack: Pack, text: str, expected: dict[str, Any]) -> None:
    result = parse_text(text, ipack)
    assert mismatch(result.case, expected) == {}, [e.to_dict() for e in result.evidence]


@pytest.mark.parametrize(
    ("text", "language", "numbers"),
    [
        # nothing but a one-letter abbreviation and a number: the reading that
        # understands something decides (Russian «т 38,3»; English reads nothing
        # with a decimal comma)
        ("t 38,3", "ru", {"temperature_c": 38.3}),
        # ...and since session 12 English reads a note's "T 38.3" too: the same value
        ("T 38.3", "en", {"temperature_c": 38.3}),
        # ...and English keeps what it reads
        ("BP 150/100", "en", {"systolic_bp": 150, "diastolic_bp": 100}),
        ("HR 120", "en", {"heart_rate": 120}),
    ],
)
def test_a_message_of_abbreviations_only(
    ipack: Pack, text: str, language: str, numbers: dict[str, float]
) -> None:
    result = parse_text(text, ipack)
    assert result.language == language
    assert dict(result.case.numbers) == numbers
