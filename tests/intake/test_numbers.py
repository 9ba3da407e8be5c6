"""Numbers in free text: weeks, temperature (°C and °F), blood pressure, pain, pulse, age."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "weeks", "estimate"),
    [
        ("I'm 28 weeks pregnant.", 28, False),
        ("I am 28+3 weeks.", 28, False),
        ("I'm twenty-eight weeks pregnant.", 28, False),
        ("32/40, back pain.", 32, False),
        ("I'm 7 months pregnant.", 30, True),
        ("I'm 7 months gone and my back aches.", 30, True),
        ("I'm in my second trimester.", 20, True),
        ("Third trimester, lower back ache.", 33, True),
    ],
)
def test_weeks_months_trimester(parse, text, weeks, estimate):
    result = parse(text)
    assert result.case["gestational_weeks"] == weeks
    assert ("gestational_weeks" in result.estimates()) is estimate


def test_duration_is_not_pregnancy_weeks(parse):
    result = parse("I'm 30 weeks pregnant and my back has hurt for 3 weeks.")
    assert result.case["gestational_weeks"] == 30
    assert "pain_duration_over_2_weeks" in result.case["present"]


def test_short_duration_is_stated_absent(parse):
    result = parse("I'm 30 weeks. My lower back has ached for about a week.")
    assert "pain_duration_over_2_weeks" in result.case["absent"]


@pytest.mark.parametrize(
    ("text", "celsius"),
    [
        ("My temperature is 38.7.", 38.7),
        ("Temp 38,5 °C", 38.5),
        ("I have a fever of 101.3F", 38.5),
        ("temperature 100.4 degrees F", 38.0),
        ("my temperature was 102 this morning", 38.9),
        ("I'm burning up at 39.2", 39.2),
    ],
)
def test_temperature_celsius_and_fahrenheit(parse, text, celsius):
    assert parse(text).case["temperature_c"] == pytest.approx(celsius, abs=0.05)


def test_fahrenheit_is_flagged_as_converted(parse):
    result = parse("temp 101.3F")
    ev = [e for e in result.evidence if e.finding == "temperature_c" and e.used]
    assert ev and "converted_from_fahrenheit" in ev[0].flags


def test_measured_temperature_decides_fever(parse):
    assert "fever" in parse("I've got a temperature of 38.6").case["present"]
    assert "fever" in parse("I've got a temperature of 37.1").case["absent"]


@pytest.mark.parametrize(
    "text",
    ["BP 150/100", "my blood pressure is 150 over 100", "150/100 mmHg", "it was 150 / 100"],
)
def test_blood_pressure(parse, text):
    case = parse(text).case
    assert (case["systolic_bp"], case["diastolic_bp"]) == (150, 100)


def test_pain_score_is_not_blood_pressure(parse):
    case = parse("The pain is 8/10.").case
    assert case["pain_severity"] == 8
    assert "systolic_bp" not in case


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("pain 8/10", 8),
        ("about 8 out of 10", 8),
        ("it's 4-5 out of 10", 5),
        ("seven out of ten", 7),
        ("the pain is about a 6", 6),
        ("3 out of 10 at rest but 7/10 when I walk", 7),
    ],
)
def test_pain_score_takes_the_worst(parse, text, score):
    assert parse(text).case["pain_severity"] == score


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("my pulse is 112", 112),
        ("heart rate of 96", 96),
        ("HR 130 bpm", 130),
        ("118 beats per minute", 118),
    ],
)
def test_heart_rate(parse, text, rate):
    assert parse(text).case["heart_rate"] == rate


def test_babys_heart_rate_is_not_hers(parse):
    assert "heart_rate" not in parse("the baby's heart rate was 140").case


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("I'm 31 and 28 weeks pregnant.", 31),
        ("I am 24 years old.", 24),
        ("I'm 7 weeks pregnant and 29.", 29),
        ("Aged 40, 30 weeks.", 40),
    ],
)
def test_age(parse, text, age):
    case = parse(text).case
    assert case["maternal_age"] == age


def test_weeks_are_not_an_age(parse):
    assert "maternal_age" not in parse("I'm 28 weeks pregnant.").case


def test_out_of_range_numbers_are_ignored(parse):
    case = parse("temperature 55, BP 400/300, pulse 900, pain 15/10").case
    for key in ("temperature_c", "systolic_bp", "heart_rate", "pain_severity"):
        assert key not in case
