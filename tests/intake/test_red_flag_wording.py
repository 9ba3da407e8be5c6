"""Red-flag wording: numbness in the saddle area must never be missed."""

from __future__ import annotations

import pytest

from gravida.intake.parse import parse_text


@pytest.mark.parametrize(
    "text",
    [
        "I'm 23 weeks. Today I've got a numb patch on the inside of my thighs and round my bottom.",
        "I'm 30 weeks. My inner thighs feel numb.",
        "I'm 30 weeks, and there's a tingly, dead feeling around my bum.",
        "I'm 30 weeks and I can't feel it properly when I wipe.",
    ],
)
def test_saddle_numbness_found(pack, text):
    assert "saddle_numbness" in parse_text(text, pack).case["present"]


def test_saddle_numbness_denied(pack):
    case = parse_text("I'm 30 weeks. No numbness around my bottom.", pack).case
    assert "saddle_numbness" in case["absent"]
