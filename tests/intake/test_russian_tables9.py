"""The Russian reader on the session-9 tables (``ru_tables9.py``).

A tearing pain, a sudden onset, a pain in the chest and a leg that gives way
in the words Russian speakers use for them («рвущая», «будто что-то лопнуло»,
«ни с того ни с сего», «за грудиной», «нога подкашивается»), with near misses
(«меня рвёт» is vomiting, «а вдруг это почки?» a worry, «грудь набухла» the
breasts); a pain score, a temperature and weeks as people type them in
context; near misses of the urgent findings read falsely (a child's fever with
her own complaint after it, «иногда затихает», «то усиливается, то стихает»).
The tables were measured before the reader was changed (``bench/ru_classes.py
--set 9``); the sentences still misread are ``xfail(strict)`` with the reason.
"""

from __future__ import annotations

from typing import Any

import pytest

from gravida.intake import parse_text
from gravida.knowledge.load import Pack

from .ru_tables import mismatch, table_params
from .ru_tables9 import AFTER9, AFTER9B, CLASSES9

KNOWN = {
    # a temperature last week and "сейчас нормальная": a number is dropped only in
    # someone else's, a past or a hypothetical scope, not in what she got over, and
    # a series keeps its highest (a fever brought down is still a fever)
    "На прошлой неделе была температура 38,2, сейчас нормальная",
    # relief asked as a question with no question word ("Полежу — пройдёт?"): the
    # question rule needs one
    "Полежу — пройдёт? или к врачу?",
    # written after the changes: a leg's weakness said after a comma with no
    # pronoun («ногу будто ватой набили, слабая»); the leg is 5 words back
    "правую ногу будто ватой набили, слабая",
    # round 2: not moving as rest ("если не двигаться, не болит"): a negated verb is
    # no rest word of the frames
    "если не двигаться, не болит",
    # "схватками не назовёшь": the tightenings named to be denied are still named
    "схватками не назовёшь, просто иногда тянет",
    # "периодичности нет" of the pain: the words of no rhythm need no tightening word
    "периодичности нет, болит постоянно",
    # round 3: standing at the stove is where she stood, not a long stretch, unless
    # its length is said ("стояла у плиты и вдруг заболел живот" must stay unread)
    "стоять у плиты невозможно, сразу спина болит",
    # round 5: an early week of this pregnancy with a past verb ("было кровотечение в
    # 10 недель") was tried as the past and left out: an event at an early week may be
    # recent (dev-ru: a cerclage under spinal anaesthesia at 17 weeks, now 20, is a
    # recent spinal procedure), and a past trigger drops it. (Session 15: a bleed or a
    # fall is dated by its week against her weeks now, duration.dated, as in English:
    # "в 8 недель мазала, сейчас срок 30" is read; with no weeks now it stays.)
    "Было кровотечение в 10 недель, лежала на сохранении",
}

ROWS = table_params(
    [*CLASSES9.items(), ("after", (AFTER9, [])), ("after-rounds-2-3", (AFTER9B, []))], KNOWN
)


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_class_table(ipack: Pack, text: str, expected: dict[str, Any]) -> None:
    result = parse_text(text, ipack)
    assert mismatch(result.case, expected) == {}, [e.to_dict() for e in result.evidence]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Поясница болит с лета", "present"),
        ("Спина болит с сентября", "present"),
        ("Болит с Нового года", "present"),
        # every day of November gives 6 to 36 days on 6 December: left to the question
        ("Болит спина с ноября", None),
    ],
)
def test_a_start_on_the_calendar(
    ipack: Pack, monkeypatch: pytest.MonkeyPatch, text: str, expected: str | None
) -> None:
    from datetime import date

    from gravida.intake import settle

    monkeypatch.setattr(settle, "today", lambda: date(2026, 12, 6))
    wrong = mismatch(parse_text(text, ipack).case, {"pain_duration_over_2_weeks": expected})
    assert wrong == {}
