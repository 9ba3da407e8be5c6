"""A red flag she states is never read as denied because a looser denial spans it.

The rule that a plain present mention inside a longer plain denial is part of
the denial ("sitting for ages doesn't bother it") read "the baby is moving less
than usual" as movements as usual: "baby ... usual" is a denial phrase and it
spans "moving less". A red flag read as denied is never asked, so the rule does
not apply to red flags (both mentions stand and the safer reading is kept).
"""

from __future__ import annotations

import pytest

from gravida.intake.parse import parse_text
from gravida.knowledge import load_pack

EN = load_pack(lang="en")
RU = load_pack(lang="ru")


@pytest.mark.parametrize(
    ("pack", "text"),
    [
        (EN, "baby is moving less than usual"),
        (EN, "the baby's moving less than normal today"),
        (EN, "baby kicks are weaker than normal"),
        (EN, "the baby has been very still today"),
        (EN, "baby has gone still"),
        (RU, "шевелится меньше чем обычно"),
    ],
)
def test_reduced_movements_stated_are_present(pack, text):
    case = parse_text(text, pack).case
    assert "reduced_fetal_movements" in case.present, text


@pytest.mark.parametrize(
    ("pack", "text"),
    [
        (EN, "baby still kicking loads"),
        (EN, "baby's still kicking"),
        (EN, "baby moving normally"),
        (RU, "малыш шевелится как обычно"),
    ],
)
def test_movements_as_usual_are_denied(pack, text):
    case = parse_text(text, pack).case
    assert "reduced_fetal_movements" in case.absent, text


def test_a_longer_denial_still_absorbs_a_finding_that_is_not_a_red_flag():
    case = parse_text("sitting for ages doesn't bother it", EN).case
    assert "pain_worse_standing_sitting_long" not in case.present
