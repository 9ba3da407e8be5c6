"""The Russian reader on the session-8 tables (``ru_tables8.py``): numbers, false urgent readings.

A pain score said without "/10" («Боль на 4.», «Где-то 3-4.»), a comma-decimal
temperature after an abbreviation or a sentence break, weeks after «срок»
without «недель»; numbers that are none of these (a time, a date, a price, an
age, a count of days) must not be read as them. Someone else's fever and the
past said after a comma set no urgent finding; a pain that moved from the navel
to the right is the right side of the belly, also beside a low back pain.
The tables were measured before the reader was changed (``bench/ru_classes.py
--set 8``); the sentences still misread are ``xfail(strict)`` with the reason.
"""

from __future__ import annotations

from typing import Any

import pytest

from gravida.intake import parse_text
from gravida.knowledge.load import Pack

from .ru_tables import mismatch, table_params
from .ru_tables8 import AFTER8, AFTER8B, CLASSES8, REST8, REST8_NEAR, SHORT8_NEAR

KNOWN = {
    # «мало шевелился» is fewer movements since session 13 (as «меньше шевелился»
    # was), and «это было неделю назад» with no number is not the past (as a bleed a
    # week ago is not): the red flag is kept
    "ребёнок мало шевелился, это было неделю назад, сейчас активный",
    # "на 31-й" with no "неделе": left to the question (it may be a date or a flat)
    "Я на 31-й",
    # the move to the right said with doubt ("как будто"): left to the question
    "началось с боли у пупка, к утру, как будто, перешло вправо",
    # written after the changes: a daughter's fever is read as the woman's, since a
    # daughter may be the pregnant woman her mother writes for (session 6 keeps
    # "у дочки температура 38 и 2" hers); the question asks
    "у дочки жар 38,9, болит спина у меня",
    # relief said as "I hardly feel it" lying at night: no relief word of the frames
    "Ночью, лёжа, почти не чувствую.",
    # "ему легче": the husband's relief (the pronoun is not read as someone else)
    "Муж говорит, что ему легче, когда полежит",
    # ("Когда отдыхаю, боли почти нет." is read since session 9: frames read across
    # the comma of a "когда …" clause)
}

# the short durations themselves (SHORT8) are a convention split: printed by the
# bench, not tested; their near misses (a long duration beside them) are
ROWS = table_params([*CLASSES8.items(), ("after", (AFTER8, [])),
                     ("short-near", ([], SHORT8_NEAR)), ("rest", (REST8, REST8_NEAR)),
                     ("rest-probe", (AFTER8B, []))],
                    KNOWN)


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_class_table(ipack: Pack, text: str, expected: dict[str, Any]) -> None:
    result = parse_text(text, ipack)
    assert mismatch(result.case, expected) == {}, [e.to_dict() for e in result.evidence]


def test_russian_phrases_hold_no_trap() -> None:
    """No "a|b c" trap in phrases/ru.yaml (the lint of tests/intake/pattern_lint.py):
    «роды начались|начались роды|рожаю» was one pattern that matched none of the three."""
    from .pattern_lint import lint

    found = lint("ru")
    assert not found, "\n".join(f"{w}: {p!r} ({'; '.join(r)})" for w, p, r in found)
