"""wording.yaml: an action per level, likelihood words, a negative wording per finding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gravida.engine import Factor
from gravida.knowledge import PackError, load_pack
from gravida.knowledge.wording import default_wording, fill, load_wording
from gravida.report import factor_words

from ..helpers import edited_pack

# Words after "no" that are a noun, not a verb form, although they end in -ing.
ING_NOUNS = {"bleeding", "swelling", "tingling", "spotting", "shivering", "itching"}
VERBS = {"is", "are", "was", "were", "does", "did", "has", "have", "can", "will"}


def glued(sentence: str) -> str | None:
    """Why a sentence reads as words glued onto "no", or None if it reads well."""
    m = re.match(r"(?i)no (\w+)", sentence)
    if m is None:
        return None
    word = m.group(1).lower()
    if word in ("the", "a", "an"):
        return f"'no {word}'"
    if word in VERBS or (word.endswith("ing") and word not in ING_NOUNS):
        return f"'no' before the verb form {word!r}"
    return None


def test_every_finding_reads_well_both_ways(pack):
    wording = load_wording(pack)
    booleans = [f for f, d in pack.findings.items() if d.kind == "boolean"]
    missing = [f for f in booleans if f not in wording.absent]
    assert not missing, f"findings without a negative wording in wording.yaml: {missing}"
    for fid in booleans:
        for state in ("present", "absent"):
            words = factor_words(Factor(fid, pack.label(fid), state, 1.0), wording)
            sentence = words[:1].upper() + words[1:] + "."  # as a "why" bullet shows it
            assert "_" not in sentence, (fid, sentence)
            assert glued(sentence) is None, (fid, state, sentence, glued(sentence))
        assert factor_words(Factor(fid, pack.label(fid), "absent", 1.0), wording) != pack.label(fid)


@pytest.mark.parametrize("bad", ["No needing to pass urine.", "no the baby moving.",
                                 "No is it.", "No a fever."])
def test_the_check_catches_glued_sentences(bad):
    assert glued(bad) is not None


def test_every_level_has_one_action_and_calls_need_a_button(pack):
    wording = load_wording(pack)
    assert set(wording.levels) == set(pack.levels)
    for level, words in wording.levels.items():
        assert words.action.endswith("."), level
        assert "/" not in words.action, level  # a slash reads as a choice
        if words.call != "none":
            assert words.button
    assert wording.levels["emergency_ambulance"].call == "emergency"
    assert wording.levels["self_care"].call == "none"
    assert "999" in fill(wording.levels["emergency_ambulance"].action, {"emergency": "999"})


def test_likelihood_words_follow_the_bands(pack):
    wording = load_wording(pack)
    assert wording.likelihood(0.9) == "most likely"
    assert wording.likelihood(0.2) == "possible"
    assert wording.likelihood(0.01) == "less likely"
    assert wording.likelihood(0.0) == "less likely"


def test_a_negation_for_an_unknown_finding_fails_at_load(tmp_path: Path):
    def edit(data):
        data["absent"]["no_such_finding"] = "no such thing"

    with pytest.raises(PackError, match="no_such_finding"):
        load_wording(load_pack(edited_pack(tmp_path, "wording.yaml", edit)))


def test_a_level_without_an_action_fails_at_load(tmp_path: Path):
    def edit(data):
        del data["levels"]["consultation"]

    with pytest.raises(PackError, match="consultation"):
        load_wording(load_pack(edited_pack(tmp_path, "wording.yaml", edit)))


@pytest.mark.parametrize("lang, unit", [("en", "maternity unit"), ("ru", "роддом")])
def test_before_maternity_triage_the_action_names_another_place(lang, unit):
    """Early pregnancy units / A&E see women before ~16 weeks (NG126), not maternity triage."""
    wording = default_wording(lang)
    for level in wording.levels:
        early = wording.at(level, 10)
        assert unit not in early.action.lower(), (lang, level, early.action)
        assert unit not in early.button.lower(), (lang, level, early.button)
    assert unit in wording.at("emergency", 20).action.lower()
    assert wording.at("emergency", 10) is not wording.at("emergency", 16)
