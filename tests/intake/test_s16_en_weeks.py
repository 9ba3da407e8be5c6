"""Session 16: her weeks of pregnancy in English, as women, partners, midwives and
doctors give them.

The table (``weeks_s16_en.yaml``, the helper's own sentences) holds whole short
messages with the completed weeks each must give, and near misses that must give
none: her age, how long it has hurt, a time ago, a friend's or a past pregnancy's
weeks, a dose, a score, a baby's age. The classes read since this session: "28
weeks' gestation" (the apostrophe), a slip in the word ("28 weels pregnant", "28
weeeks", "28 wekks,"), a hedge after the weeks ("I'm 30 weeks or so", "30ish weeks",
"thirty-ish weeks"), an ordinal month ("in my 7th month", "in 7 month of pregnancy"),
a part of a trimester ("early second trimester" 14, "start of my third trimester"
28, "end of the third" 38), "just hit viability" (24), "term +5", "N weeks left
till I meet my baby", "I'm in 28 week", "30/40 by scan" outranking "28/40 by dates",
and her weeks at a moment a few days ago ("my waters broke on Saturday (I was 35
weeks)"). Near misses kept out since: "back pain 8 weeks" (a single digit right
after a pain word is how long it hurt), "scored 28/40", "20/40 units".
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from gravida.intake import parse_text

TODAY = date(2026, 12, 8)


def _rows() -> list[tuple[str, int | None]]:
    """The table's English rows, [text, weeks or None]."""
    path = Path(__file__).parent / "weeks_s16_en.yaml"
    table: dict[str, list[list[Any]]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(str(text), want) for text, want in table["en"]]


def test_the_table_is_broad_with_near_misses() -> None:
    rows = _rows()
    near_misses = [text for text, want in rows if want is None]
    assert len(rows) >= 200 and len(near_misses) >= 50


@pytest.mark.parametrize(("text", "want"), _rows())
def test_each_row_gives_its_weeks(ipack, text: str, want: int | None) -> None:
    reading = parse_text(text, ipack, "en", today=TODAY)
    assert reading.case.numbers.get("gestational_weeks") == want, (
        text, [e.to_dict() for e in reading.evidence if e.finding == "gestational_weeks"])


@pytest.mark.parametrize(
    "text",
    [
        "30ish weeks, back pain",
        "I'm 30 weeks or so, back pain",
        "in my 7th month, back pain",
        "early second trimester, back ache",
        "just hit viability, back ache",
    ],
)
def test_a_hedged_or_vague_wording_is_an_estimate(ipack, text: str) -> None:
    """A hedge, a month or a landmark gives weeks only roughly: the result says so,
    so the list shown back to her marks them as an estimate to check."""
    result = parse_text(text, ipack, "en", today=TODAY)
    assert "gestational_weeks" in result.estimates()


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # a moment a few days ago gives her weeks now; one further back does not
        ("My waters broke on Saturday (I was 35 weeks), now my back aches", 35),
        ("I was 35 weeks on Monday when it started, back pain", 35),
        ("When I was 20 weeks I had a bleed, back pain, pregnant", None),
        ("I was 20 weeks when it started months ago, pregnant", None),
        # any plain statement of her weeks now outranks it
        ("I was 33 weeks on Saturday. Now 34 weeks, back pain", 34),
        # a single digit right after a pain word is how long it hurt; 10 and more is
        # still her weeks, and a word of pregnancy after keeps a few weeks hers
        ("back pain 8 weeks, pregnant", None),
        ("lower back pain 28 weeks pregnant", 28),
        ("back pain 6 weeks pregnant", 6),
        # a slip of "weeks" needs a word of pregnancy or a clause's end after it
        ("28 weels pregnant, back hurts", 28),
        ("28 weels of pain, pregnant", None),
        # the scan's dating outranks the dates' in notation too
        ("28/40 by dates, 30/40 by scan, LBP", 30),
        ("30/40 by scan, 28/40 by dates, LBP", 30),
    ],
)
def test_near_misses_of_the_new_classes(ipack, text: str, want: int | None) -> None:
    got = parse_text(text, ipack, "en", today=TODAY).case.numbers.get("gestational_weeks")
    assert got == want, (text, got)
