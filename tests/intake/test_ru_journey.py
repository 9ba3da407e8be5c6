"""A relative as the place she went to or came from is her journey, not their story.

"ездила к маме, 31 нед." used to open the relative's scope at "маме" and take her
weeks with it; "у мамы был пиелонефрит" is still the mother's.
"""

from __future__ import annotations

import pytest

from gravida.intake import parse_text
from gravida.knowledge.load import Pack


@pytest.mark.parametrize(
    "text",
    [
        "ездила к маме, 31 нед. болит спина",
        "вернулась вчера от свекрови, 31 нед., ноет поясница",
        "съездили к родителям на выходные, 31 неделя, тянет поясницу",
    ],
)
def test_her_weeks_after_a_journey_to_a_relative_are_hers(pack: Pack, text: str) -> None:
    assert parse_text(text, pack, "ru").case.numbers.get("gestational_weeks") == 31


def test_a_journey_does_not_make_her_fever_the_relatives(pack: Pack) -> None:
    case = parse_text("ездила к маме, там поднялась температура 38,5, 31 неделя, болит "
                      "поясница справа", pack, "ru").case
    assert "fever" in case.present


def test_what_the_relative_had_is_still_theirs(pack: Pack) -> None:
    case = parse_text("у мамы был пиелонефрит, 31 нед. болит спина", pack, "ru").case
    assert case.numbers.get("gestational_weeks") == 31
    assert "history_kidney_infection" not in case.present
    assert "pyelonephritis" not in case.present


def test_the_writer_naming_herself_is_not_a_relatives_story(pack: Pack) -> None:
    # "я свекровь": who is writing; the weeks and the pain are the daughter-in-law's,
    # the woman she writes for
    case = parse_text("Здравствуйте, я свекровь, невестке 36 недель. Жалуется, что спина "
                      "ноет.", pack, "ru").case
    assert case.numbers.get("gestational_weeks") == 36
    assert "pain_lower_back_central" in case.present
