"""Hostile input: any text parses to a bounded, valid result, quickly, without raising."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gravida.intake import parse_text
from gravida.knowledge.load import default_pack_dir

VOCAB = yaml.safe_load((default_pack_dir() / "vocabulary.yaml").read_text(encoding="utf-8"))
BOOLEANS = {f["id"] for f in VOCAB["findings"] if f["kind"] == "boolean"}
RANGES = {f["id"]: f["range"] for f in VOCAB["findings"] if f["kind"] == "number"}


def assert_valid(result):
    case = result.case
    assert set(case["present"]) <= BOOLEANS
    assert set(case["absent"]) <= BOOLEANS
    assert not set(case["present"]) & set(case["absent"])
    for key, value in case.items():
        if key in ("present", "absent"):
            continue
        lo, hi = RANGES[key]
        assert lo <= value <= hi
    result.to_json()


WORDS = st.sampled_from(
    [
        "no",
        "not",
        "fever",
        "bleeding",
        "but",
        "my",
        "mum",
        "back",
        "pain",
        "38.5",
        "150/100",
        "weeks",
        "28",
        "months",
        "maybe",
        ",",
        ".",
        "wee",
        "burns",
        "n't",
        "°F",
        "😀",
        "<b>",
        "\x00",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_never_raises_on_arbitrary_text(ipack, text):
    assert_valid(parse_text(text, ipack))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=60).map(" ".join))
def test_never_raises_on_word_salad(ipack, text):
    assert_valid(parse_text(text, ipack))


def test_huge_input_is_cut_quickly_and_says_so(ipack):
    text = "I'm 28 weeks pregnant and my back hurts, no fever. " * 200_000  # ~10 MB
    result = parse_text(text, ipack)
    assert result.truncated
    assert any("characters" in w for w in result.warnings)
    assert result.case["gestational_weeks"] == 28


def test_binary_markup_and_emoji_are_bounded(ipack):
    junk = bytes(range(256)).decode("latin-1") * 15 + "<script>alert(1)</script>" + "🤰🏽" * 500
    result = parse_text(junk + " 30 weeks, no bleeding", ipack)
    assert_valid(result)
    assert "vaginal_bleeding" in result.case["absent"]


def test_long_punctuation_run_does_not_hang(ipack):
    assert_valid(parse_text("(" * 20_000, ipack))


def test_not_text_is_a_clear_result(ipack):
    result = parse_text(b"bytes", ipack)  # type: ignore[arg-type]
    assert result.case == {"present": [], "absent": []}
    assert result.warnings
