"""Scoring against vignettes, the dev-set targets, the pack checks and the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from gravida.cli.parse import parse as parse_cmd
from gravida.intake import narrative_metrics, parse_text
from gravida.intake.lexicon import load_lexicon
from gravida.intake.score import precision_recall, score_file
from gravida.knowledge.load import Pack, PackError, default_pack_dir, load_pack

DEV = Path(__file__).resolve().parents[3] / "shared" / "vignettes" / "dev.yaml"


def test_narrative_metrics_counts():
    parsed = {
        "gestational_weeks": 28.4,
        "temperature_c": 37.0,
        "present": ["fever", "pain_sharp"],
        "absent": ["vaginal_bleeding", "chills_rigors"],
    }
    expected = {
        "gestational_weeks": 28,
        "temperature_c": 38.7,
        "present": ["fever", "nausea_vomiting"],
        "absent": ["vaginal_bleeding"],
    }
    # tp: weeks (within 0.5), fever, vaginal_bleeding; fp: temperature, pain_sharp,
    # chills_rigors; fn: temperature, nausea_vomiting
    assert narrative_metrics(parsed, expected) == (3, 3, 2)


def test_opposite_polarity_is_wrong_both_ways():
    assert narrative_metrics({"present": ["fever"]}, {"absent": ["fever"]}) == (0, 1, 1)


def test_precision_recall_of_nothing():
    assert precision_recall(0, 0, 0) == (1.0, 1.0)


@pytest.mark.skipif(not DEV.exists(), reason="shared dev vignettes not present")
def test_dev_narratives_meet_the_targets():
    tp, fp, fn, no_weeks = score_file(str(DEV))
    precision, recall = precision_recall(tp, fp, fn)
    assert precision >= 0.90
    assert recall >= 0.80
    assert no_weeks == []


def test_works_with_the_full_pack(pack):
    result = parse_text("28 weeks, no fever", pack)
    assert result.case == {"gestational_weeks": 28, "present": [], "absent": ["fever"]}


def _pack_copy(tmp_path: Path, edit) -> Pack:
    d = tmp_path / "pack"
    shutil.copytree(default_pack_dir(), d)
    text = (d / "phrases" / "en.yaml").read_text(encoding="utf-8")
    (d / "phrases" / "en.yaml").write_text(edit(text), encoding="utf-8")
    return load_pack(d)


def test_unknown_finding_in_phrases_names_file_and_entry(tmp_path):
    pack = _pack_copy(
        tmp_path, lambda t: t.replace("  multiple_pregnancy:\n", "  multiple_pregnancyy:\n", 1)
    )
    with pytest.raises(PackError) as info:
        load_lexicon(pack)
    assert info.value.file == "phrases/en.yaml"
    assert "multiple_pregnancyy" in info.value.entry


def test_bad_pattern_is_a_pack_error(tmp_path):
    pack = _pack_copy(tmp_path, lambda t: t.replace('"twins"', '"twins ~99"', 1))
    with pytest.raises(PackError, match="gap"):
        load_lexicon(pack)


def test_unknown_source_is_a_pack_error(tmp_path):
    pack = _pack_copy(tmp_path, lambda t: t.replace("src: harkema-2009", "src: nobody-1999", 1))
    with pytest.raises(PackError, match="source"):
        load_lexicon(pack)


def test_cli_json_prints_one_object():
    res = CliRunner().invoke(parse_cmd, ["--json", "I'm 7 months pregnant, no fever"])
    assert res.exit_code == 0
    obj = json.loads(res.output)
    assert obj["case"]["gestational_weeks"] == 30
    assert obj["case"]["absent"] == ["fever"]
    weeks = [e for e in obj["evidence"] if e["finding"] == "gestational_weeks"]
    assert "estimate" in weeks[0]["flags"]


def test_cli_reads_stdin_and_shows_the_words():
    res = CliRunner().invoke(parse_cmd, ["-"], input="28 weeks, it burns when I wee\n")
    assert res.exit_code == 0
    assert "burns when I wee" in res.output
    assert "painful_urination" not in res.output  # people see labels, not ids
