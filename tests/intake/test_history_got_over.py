"""A past illness she got over is still her history: "all clear" after a cancer
says it was treated, not that there was none (history_cancer then asks for a
scan within 24 hours when the back pain is constant or worse at night). A real
denial of the history still denies it, and "all clear" about a pad or a test
still reads through its own phrases."""

from __future__ import annotations

import pytest

from ..helpers import states


@pytest.mark.parametrize(
    "text",
    [
        "I had breast cancer 4 years ago, all clear since. My back hurts at night.",
        "melanoma removed in 2020 (all clear), lower back aches all the time",
        "Got the all clear after my lymphoma in 2019, now 30 weeks with back pain",
        "bowel cancer at 29, been all clear for five years",
    ],
)
def test_all_clear_after_a_cancer_keeps_the_history(parse, text):
    assert states(parse(text), "history_cancer") == "present", text


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("No history of cancer, back aches after work", "history_cancer"),
        ("never had cancer or anything like that", "history_cancer"),
        ("pad all clear, no bleeding at all", "vaginal_bleeding"),
    ],
)
def test_a_real_denial_still_denies(parse, text, finding):
    assert states(parse(text), finding) == "absent", text
