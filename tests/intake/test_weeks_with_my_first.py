"""Weeks of pregnancy said with "with my first / in my second pregnancy" are now.

"With my first" alone points to a past pregnancy ("my waters broke early with my
first"), but after her weeks it names this one: "30 weeks pregnant with my first
baby" is 30 weeks now. Read as the past, the weeks were dropped and had to be
asked again (and a narrative without them cannot be assessed).
"""

from __future__ import annotations

import pytest

from gravida.intake.parse import parse_text
from gravida.knowledge import load_pack

EN = load_pack(lang="en")


@pytest.mark.parametrize(
    "text",
    [
        "30 weeks pregnant with my first baby",
        "30 wks with my 1st",
        "29 weeks in my second pregnancy, back pain",
        "29 weeks gone with my first",
        "28 weeks with my second, with my first I had SPD",
    ],
)
def test_her_weeks_with_this_pregnancy_are_read(text):
    assert parse_text(text, EN).case.numbers.get("gestational_weeks") is not None, text


def test_an_event_with_a_past_pregnancy_stays_in_the_past():
    case = parse_text("with my first I bled at 30 weeks", EN).case
    assert "vaginal_bleeding" not in case.present
    assert case.numbers.get("gestational_weeks") is None
