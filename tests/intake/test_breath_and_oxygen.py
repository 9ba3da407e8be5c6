"""The breathing rate and the oxygen saturation read from her words (session 15), in
English and Russian, and their near misses: a percentage or a count that is not one,
a "sat" that is a verb, a pulse oximeter's reading that is not her pulse."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "sats", "rate"),
    [
        ("29 weeks, sats 93% on air, pulse 118.", 93, None),
        ("SpO2 94, RR 24, temp 37.3, 30 weeks", 94, 24),
        ("O2 sat 91% on air. Resp rate 22. 28 weeks", 91, 22),
        ("30 weeks, my oxygen levels were 92% on the pulse ox", 92, None),
        ("Obs: T 37.3 HR 118 RR 22 SpO2 95% BP 112/70. 29/40", 95, 22),
        ("30 weeks, 97% on room air", 97, None),
        ("breathing 24 breaths a minute, 28 weeks", None, 24),
        ("respirations 26, 32 weeks", None, 26),
        ("Беременность 30 недель, сатурация 93%, пульс 118", 93, None),
        ("SpO2 94%, ЧДД 24, 29 недель", 94, 24),
        ("ЧДД 22 в мин, сат 95, 28 нед", 95, 22),
        ("частота дыхания 26, 32 недели", None, 26),
        ("24 дыхания в минуту, 30 недель", None, 24),
        ("насыщение кислородом 92, 31 неделя", 92, None),
    ],
)
def test_the_readings_are_read(parse, text, sats, rate):
    case = parse(text).case
    assert case.get("oxygen_saturation") == sats
    assert case.get("respiratory_rate") == rate


@pytest.mark.parametrize(
    "text",
    [
        "I sat down for 20 minutes and the pain eased, 30 weeks",
        "she is 94% sure it's a pulled muscle, 30 weeks",
        "RR interval normal, pulse 88, 30 weeks",
        "the baby's heart rate was 140, 30 weeks",
        "battery at 15%, 30 weeks pregnant, back ache",
        "30 недель, заряд телефона 15%, болит поясница",
        "ЧСС 118, 30 недель",
    ],
)
def test_near_misses_are_not_read(parse, text):
    case = parse(text).case
    assert "oxygen_saturation" not in case
    assert "respiratory_rate" not in case


@pytest.mark.parametrize(
    "text", ["pulse ox said 94, 30 weeks", "pulse oximeter 93%, 30 weeks",
             "пульсоксиметр показал 94, 30 недель"])
def test_a_pulse_oximeters_reading_is_the_saturation_not_the_pulse(parse, text):
    case = parse(text).case
    assert case.get("oxygen_saturation") in (93, 94)
    assert "heart_rate" not in case


def test_the_pulse_beside_the_saturation_stays_the_pulse(parse):
    case = parse("pulse 104, sats 96, 30 weeks").case
    assert (case.get("heart_rate"), case.get("oxygen_saturation")) == (104, 96)
