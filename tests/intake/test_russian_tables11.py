"""The Russian reader on the session-11 tables (``ru_tables11.py``).

Denials in lists («ни крови, ни температуры», «кровянки, подтеканий, схваток
нет», «не тянет, не отдаёт никуда»), what eases it («полежу — отпускает», «дома
отпускает», «встану, пройдусь — отпускает»), how long, long hours on her feet or
seat, a pulling ache, the whole low back, tightenings, onset, movement,
tenderness, after fatty food, at night, and denials once read the wrong way round
(«в обморок не падала», «толкается не меньше обычного»), each with near misses.
The tables were measured before the reader was changed (``bench/ru_classes.py
--set 11``); the sentences still misread are ``xfail(strict)`` with the reason.
"""

from __future__ import annotations

from typing import Any

import pytest

from gravida.intake import parse_text
from gravida.knowledge.load import Pack

from .ru_tables import mismatch, table_params
from .ru_tables11 import AFTER11, CLASSES11

KNOWN = {
    # "ни в одну ни в другую" of the legs: the pronouns name no leg for both legs
    "в ноги не отдает ни в одну ни в другую",
    # light urine as no blood: tried and left out (dev-ru's authors leave "моча
    # светлая / нормальная" unstated for blood)
    "кожа не желтая, моча светлая",
    # the emphatic infinitive ("кровить не кровит"): the infinitive is read alone
    "температуры нету, кровить не кровит, воды целы",
    # a hedge ("вроде как") leaves the relief to the question (as in session 5)
    "ляжешь — и вроде как отпустило",
    # a clause of "как" between commas: frames do not read across it
    "к вечеру, как находишься на ногах, сильнее болит",
    # "муж ноет" is her husband complaining: a relative without "у" opens no scope
    "муж ноет, что я не сплю",
    # a spring clean as unusual exertion: tried and left out (dev-ru's authors
    # leave it unstated)
    "после генеральной уборки заболела поясница",
    # "так же, как при движении": an equal comparison is not read
    "в покое болит так же, как при движении",
    # waves and attacks are the colicky pain (`pain_colicky_waves`), as the pack reads
    # them; the period-like cramp is read from «как при месячных», «спазмы»
    "боль волнами, то сильнее, то отпускает",
    "накатывает приступами, потом проходит",
    "боль приходит волнами каждые минут 15",
    # a dish and the onset across a comma and a time
    "съела шашлык, через час заболело",
    # written after round 1 (first run 6/50 missed; two fixed since, these left):
    # a night's rest told as "отлеживаюсь" then the morning ("утром норм")
    "за ночь отлеживаюсь, утром норм",
    # a start in the third trimester or the week before last: how long depends on
    # her weeks or the day, so the question asks
    "спина болит с начала третьего триместра",
    "поясница беспокоит с позапрошлой недели",
    # a simile of a shot with "сразу" after a comma: no onset word of its own
    "как будто выстрелило в спину, сразу",
}

ROWS = table_params([*CLASSES11.items(), ("after", (AFTER11, []))], KNOWN)


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_class_table(ipack: Pack, text: str, expected: dict[str, Any]) -> None:
    result = parse_text(text, ipack)
    assert mismatch(result.case, expected) == {}, [e.to_dict() for e in result.evidence]
