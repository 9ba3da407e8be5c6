"""Session 12 (lead): two dating forms the reader still got wrong.

- A due date counted from a named day, British style: "due a week on Friday" is
  the Friday after next (8-13 days away: 38 completed weeks of 40), "a fortnight
  on Saturday" 15-20 days (37), "a week today" 7 days (39).
- "At 30 weeks with my first I had the same pain" is a time point, perhaps of
  another pregnancy: it no longer outranks "now 24 weeks" in the same message.

The sentences are the lead's own, none taken from a measuring set.
"""

from __future__ import annotations

import pytest

from gravida.intake import parse_text


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Due a week on Friday, back is killing me.", 38),
        ("I'm due one week on Tuesday and my back aches", 38),
        ("my due date is a fortnight on Saturday. back pain", 37),
        ("EDD a week tomorrow, lower back ache", 38),
        ("I'm due a week today and my back hurts", 39),
        # "in a fortnight" keeps its own rule
        ("I'm due in a fortnight, back pain", 38),
        # not a due date: her leave, her rent
        ("I'm off work a week on Friday, back ache, pregnant", None),
        ("rent is due a week on Friday, pregnant and my back aches", None),
    ],
)
def test_due_counted_from_a_named_day(ipack, text: str, want: int | None) -> None:
    got = parse_text(text, ipack, "en").case.numbers.get("gestational_weeks")
    assert got == want, (text, got)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("At 30 weeks with my first I had the same pain. Now 24 weeks, back ache.", 24),
        ("I had this at 30 weeks with my first. Back pain again, 24 weeks now.", 24),
        # "at" with her own weeks now is still read
        ("I'm at 30 weeks pregnant with my first and my back aches.", 30),
        ("Now at 32 weeks pregnant, low back pain.", 32),
        ("at 30 weeks pregnant my back aches", 30),
    ],
)
def test_at_n_weeks_with_my_first_does_not_outrank_now(ipack, text: str, want: int) -> None:
    got = parse_text(text, ipack, "en").case.numbers.get("gestational_weeks")
    assert got == want, (text, got)
