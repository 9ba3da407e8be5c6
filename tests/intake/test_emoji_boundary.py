"""An emoji ends a thought in a typed message as a full stop does.

Without a boundary there, a scope opened before the emoji runs on over what she says
next: "with my first" (a past pregnancy) took her weeks now with it, and a denial before
an emoji could deny what follows it.
"""

from __future__ import annotations

import pytest

from gravida.intake import parse_text
from gravida.intake.text import normalise
from gravida.knowledge.load import Pack


@pytest.mark.parametrize(
    ("text", "weeks"),
    [
        ("Back ache again, like with my first 🙄 22 wks. Worse standing.", 22),
        ("same pelvic pain as with my 1st ❤️ 24 weeks now", 24),
        ("overdid the stretching 🤦‍♀️ 26 weeks. sore low back", 26),
        ("как с первым 😩 23 недели, ноет поясница", 23),
    ],
)
def test_weeks_after_an_emoji_are_hers_now(pack: Pack, text: str, weeks: int) -> None:
    assert parse_text(text, pack).case.numbers.get("gestational_weeks") == weeks


def test_a_denial_does_not_run_on_past_an_emoji(pack: Pack) -> None:
    case = parse_text("no fever 🙏 bleeding since this morning, 30 weeks", pack).case
    assert "fever" in case.absent
    assert "vaginal_bleeding" in case.present


def test_what_an_emoji_sits_inside_is_still_read(pack: Pack) -> None:
    # the boundary splits the sentence; both halves are still hers
    case = parse_text("I'm 30 wks 🤰 and bleeding", pack).case
    assert case.numbers.get("gestational_weeks") == 30
    assert "vaginal_bleeding" in case.present


def test_an_emoji_reads_as_a_full_stop() -> None:
    text = "my 1st ❤️ 24 wks 🤦‍♀️ ok ✔"
    assert normalise(text) == "my 1st .  24 wks . .  ok ."
    assert len(normalise(text)) == len(text)  # spans still point into her words
