"""The Russian reader on the session-7 tables (``ru_tables7.py``): urgent findings, largest misses.

Every near miss (a denied comparative, «X нет, Y тоже», a question, a
conditional, someone else's, the past, the same word about another organ) must
not set the urgent finding, and every plain statement must. The tables were
measured before the reader was changed (``bench/ru_classes.py --set 7`` prints
the miss rate per class); the sentences still misread are marked
``xfail(strict)`` with the reason, so a fix or a new miss both show here.
"""

from __future__ import annotations

from typing import Any

import pytest

from gravida.intake import parse_text
from gravida.knowledge.load import Pack

from .ru_tables import mismatch, table_params
from .ru_tables7 import GUARDS, MISSED, MISSED_AFTER, URGENT, URGENT_AFTER

KNOWN = {
    # a list of colours under "никаких" is not read as a denial of bleeding: the
    # question asks (not a false reading)
    "выделений никаких, ни коричневых ни розовых",
    "на прошлой неделе была температура 38, сейчас нет",
    # two negated verbs four words apart: the belly's denial is not reached (the question asks)
    "живот не болит и не каменеет",
    # a mild headache whose mildness is said after its cause: a mask reaching that far
    # also hid "голова сильно болит и немного тошнит" (GUARDS), so it is asked
    "голова болит от недосыпа немного",
    # "сокращения" with an even interval and no number
    "сокращения через равные промежутки",
    # a blow by someone else (the eldest son is "family", so his kick is his)
    "старший сын пнул в живот",
    # written after the changes, still misread (not tuned on); two more were
    # under-read urgent findings, fixed after the figure was taken: a belly hard and
    # "не отпускает" (a pattern split wrongly), a baby "тихий, почти не чувствую его"
    "шевеления чувствую, всё как всегда",
}

MISSED_KNOWN = {
    # "но" ends the clause before "не прошло": the question asks
    "полежала, но не прошло",
    # "могу" is a pseudo-trigger, so "не болит" after the comma is not reached
    "сидеть могу долго, не болит",
    # turning in bed is weight bearing in the vocabulary, not movement
    "перевернуться в постели больно",
    # the man lifting is not her (the verb's gender is not read for lifting)
    "муж поднимал шкаф",
    # "не больно" after a comma is not tied to the toilet
    "в туалет хожу нормально, не больно",
    # written after the changes, still misread (not tuned on; the fifth, "по шкале
    # 0-10 где-то 6" read as 0, was a scale's range read as the score, fixed after)
    # ("сейчас болит на 3, утром было 6" is read since session 9: a score after a
    # number and a comma with a word of its own)
    # ("утром 37,3, днём 37,9, вечером 38,4" is read since session 12: a decimal in
    # the fever range closing the message)
    # ("когда сижу в кресле, почти не болит" is read since session 9: frames read
    # across the comma of a "когда …" clause)
    "после 8 часов в офисе на стуле поясница ноет",
}

ROWS = table_params([*URGENT.items(), ("after", (URGENT_AFTER, [])),
                     *MISSED.items(), ("missed-after", (MISSED_AFTER, [])),
                     ("guards", (GUARDS, []))],
                    KNOWN | MISSED_KNOWN)


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_class_table(ipack: Pack, text: str, expected: dict[str, Any]) -> None:
    result = parse_text(text, ipack)
    assert mismatch(result.case, expected) == {}, [e.to_dict() for e in result.evidence]


def test_every_urgent_finding_has_its_near_misses_and_plain_statements() -> None:
    assert len(URGENT) >= 10
    assert all(len(near) >= 20 and len(plain) >= 10 for plain, near in URGENT.values())
