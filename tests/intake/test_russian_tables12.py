"""The Russian reader on the session-12 tables (``ru_tables12.py``).

Reassurances read as the finding («малыш пинается нормально», «живот не каменеет»,
«кровянки нет», «с одного боку не болит», «ноги обе нормально двигаются»,
«онкологии никогда не было»), with the true statements that must still be read
(«не шевелится с утра», «живот каменный и не отпускает»); irregular tightenings
(«то через 10 минут, то через 40», «без всякой системы») with regular ones that
must stay regular; someone else's event; relief; and the under-read classes (over
two weeks through a past event, a sudden onset told by the moment, past injecting,
a temperature closing the message, chest pain on a breath). The tables were
measured before the reader was changed (``bench/ru_classes.py --set 12``); the
sentences still misread are ``xfail(strict)`` with the reason.
"""

from __future__ import annotations

from typing import Any

import pytest

from gravida.intake import parse_text
from gravida.knowledge.load import Pack

from .ru_tables import mismatch, table_params
from .ru_tables12 import AFTER12, CLASSES12

KNOWN = {
    # a friend's story across "из-за" (a terminator): a family trigger reaching over
    # it would also take "подруга везёт меня в роддом из-за схваток" from her
    "подруга родила раньше срока из-за схваток",
    # "у неё тоже" after a relative who speaks: a husband writes "у неё" of his wife,
    # so "у неё" opens no one else's scope
    "мама говорит, у неё тоже кровило при беременности",
    "свекровь сказала, что у неё тоже ноги немели",
    # a daughter may be the woman her mother writes for (session 9)
    "у дочки был грипп с высокой температурой",
    # warmth is not rest (the pack's convention), so the constant pain stays
    "постоянно тянет, в душе тёплом легче",
    # "ни ванна, ни лежать" after "ничего не помогает": the infinitive is not read as rest denied
    "ничего не помогает, ни ванна, ни лежать",
    # "неделю назад" alone is left unstated (session 9: it would say no more than absent)
    "неделю назад заболела спина",
    # written after the changes (first run 8/74 wrong; four fixed since, these left):
    # ("напрягается матка без определенного ритма" and "каменеет раз в два-три часа"
    # are read since the first run: "без … ритма" beside a tightening, "раз в N-M часа")
    # a sequence with "потом": the range rules read no direction, and a shortening
    # one ("сначала через 20, потом через 5") is labour
    "схватки были через 10 минут, потом через 30, потом через 15",
    # "как рукой" with its verb left out (the idiom "как рукой сняло")
    "отдохну и как рукой",
}

ROWS = table_params([*CLASSES12.items(), ("after", (AFTER12, []))], KNOWN)


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_class_table(ipack: Pack, text: str, expected: dict[str, Any]) -> None:
    result = parse_text(text, ipack)
    assert mismatch(result.case, expected) == {}, [e.to_dict() for e in result.evidence]
