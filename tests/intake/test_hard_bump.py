"""A bump that goes hard for a while is a tightening; one that is, stays or feels hard is
the abruption sign (uterus_hard_persistent, RCOG GTG 63). Reading a passing tightening
as the persistent sign sends a woman with Braxton Hicks to an ambulance."""

from __future__ import annotations

from typing import Any

import pytest

from ..helpers import states

SIGN = "uterus_hard_persistent"


@pytest.mark.parametrize("text", [
    "30 weeks, my belly goes tight and hard for a minute a few times a day, then it's fine",
    "28wks. tummy keeps going hard for like 20 seconds, no pattern, low back niggle",
    "at 33 weeks my bump gets really tense now and then and my back aches with it",
    "34 weeks and my stomach turned hard for a bit after the shopping, then relaxed",
])
def test_a_passing_hardness_is_not_the_persistent_sign(parse: Any, text: str) -> None:
    assert states(parse(text), SIGN) != "present"


@pytest.mark.parametrize("text", [
    "32 weeks, sudden pain in my back and my bump is rock hard and won't relax",
    "35 weeks, my belly feels hard all the time and it hurts to touch",
    "31 weeks my tummy is hard as a board and really painful",
    "36 weeks, bump rock hard and agony, some bleeding",
    "30 weeks, my bump has been really tense for two hours",
])
def test_a_hard_bump_said_as_a_state_is_the_sign(parse: Any, text: str) -> None:
    assert states(parse(text), SIGN) == "present"
