"""The pack loads, covers the vocabulary, and a broken pack fails naming file, entry, problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from gravida.knowledge import PackError, load_pack
from gravida.knowledge.load import default_pack_dir
from gravida.knowledge.yamlio import load_strict

from ..conftest import SHARED


def test_pack_covers_every_condition_and_finding(pack):
    vocab = pack.vocabulary
    assert set(pack.conditions) == {c.id for c in vocab.conditions}
    assert set(pack.likelihoods) == set(pack.conditions)
    booleans = {f.id for f in vocab.findings if f.kind == "boolean"}
    assert booleans <= set(pack.booleans)
    for fid in booleans:
        assert pack.info[fid].background is not None


@pytest.mark.skipif(not (SHARED / "vocabulary.yaml").exists(), reason="no ../shared")
def test_packaged_vocabulary_contains_every_shared_id(pack):
    shared = yaml.safe_load((SHARED / "vocabulary.yaml").read_text())
    for section in ("findings", "conditions", "triage_levels"):
        ours = {x.id for x in getattr(pack.vocabulary, section)}
        theirs = {x["id"] for x in shared[section]}
        assert theirs <= ours, f"{section} missing {theirs - ours}"


def test_every_cited_number_has_a_known_source(pack):
    for cid, table in pack.likelihoods.items():
        for fid, cited in table.items():
            assert cited.src in pack.sources, (cid, fid)
    for cid, info in pack.conditions.items():
        assert info.prior.src in pack.sources, cid


def test_hard_week_limits_from_the_issue(pack):
    assert pack.conditions["threatened_miscarriage"].weeks == (0, 22)
    assert pack.conditions["preterm_labour"].weeks == (22, 37)
    assert pack.conditions["labour"].weeks[0] == 37
    assert pack.info["reduced_fetal_movements"].meaningful_weeks[0] == 24


@pytest.fixture()
def pack_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "pack"
    shutil.copytree(default_pack_dir(), dest)
    return dest


def _edit(path: Path, fn) -> None:
    data = yaml.safe_load(path.read_text())
    fn(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def test_unknown_finding_in_likelihoods_names_file_and_entry(pack_copy):
    f = pack_copy / "likelihoods" / "urinary_abdominal.yaml"
    _edit(
        f,
        lambda d: d["likelihoods"]["pyelonephritis"].update({"fevr": [0.5, "clinical-judgement"]}),
    )
    with pytest.raises(PackError) as exc:
        load_pack(pack_copy)
    assert exc.value.file == "likelihoods/urinary_abdominal.yaml"
    assert "pyelonephritis.fevr" in exc.value.entry
    assert "unknown" in exc.value.problem


@pytest.mark.parametrize("bad", [0.0, 1.0, 1.5, -0.2])
def test_probability_outside_open_interval_fails(pack_copy, bad):
    f = pack_copy / "likelihoods" / "urinary_abdominal.yaml"
    _edit(f, lambda d: d["likelihoods"]["pyelonephritis"].update({"fever": [bad, "wing-2014"]}))
    with pytest.raises(PackError) as exc:
        load_pack(pack_copy)
    assert "pyelonephritis" in exc.value.entry and "fever" in exc.value.entry


def test_missing_condition_fails(pack_copy):
    _edit(pack_copy / "conditions.yaml", lambda d: d["conditions"].pop("appendicitis"))
    with pytest.raises(PackError, match="appendicitis"):
        load_pack(pack_copy)


def test_unknown_source_fails(pack_copy):
    f = pack_copy / "conditions.yaml"
    _edit(f, lambda d: d["conditions"]["pancreatitis"]["prior"].update({"src": "made-up-2099"}))
    with pytest.raises(PackError, match="made-up-2099"):
        load_pack(pack_copy)


def test_bad_triage_rule_fails(pack_copy):
    def broken(d):
        d["floors"][0]["when"] = ["heavy_vaginal_bleedin"]

    _edit(pack_copy / "triage.yaml", broken)
    with pytest.raises(PackError) as exc:
        load_pack(pack_copy)
    assert exc.value.file == "triage.yaml"
    assert "heavy_vaginal_bleedin" in exc.value.problem


def test_invalid_yaml_fails(pack_copy):
    (pack_copy / "findings.yaml").write_text("findings: {unclosed: [")
    with pytest.raises(PackError, match=r"findings\.yaml"):
        load_pack(pack_copy)


def test_duplicate_key_fails_naming_file_key_and_line(pack_copy):
    # safe_load would silently keep the later value; the pack loader must refuse.
    f = pack_copy / "likelihoods" / "urinary_abdominal.yaml"
    lines = f.read_text().splitlines()
    at = next(i for i, s in enumerate(lines) if s.strip() == "pancreatitis:")
    lines.insert(at + 1, "    fever: [0.5, clinical-judgement]")
    lines.insert(at + 1, "    fever: [0.15, clinical-judgement]")
    f.write_text("\n".join(lines) + "\n")
    with pytest.raises(PackError) as exc:
        load_pack(pack_copy)
    assert exc.value.file == "likelihoods/urinary_abdominal.yaml"
    assert "duplicate key 'fever'" in exc.value.problem
    assert f"line {at + 3}" in exc.value.problem  # the second, 1-based


def test_duplicate_key_in_a_language_overlay_fails(pack_copy):
    overlay = next((pack_copy / "i18n").glob("*/questions.yaml"))
    text = overlay.read_text()
    overlay.write_text(text + "\nx_dup: 1\nx_dup: 2\n")
    with pytest.raises(PackError, match="duplicate key 'x_dup'"):
        load_pack(pack_copy, lang=overlay.parent.name)


def test_no_pack_file_has_a_duplicate_key():
    for path in sorted(default_pack_dir().rglob("*.yaml")):
        load_strict(path.read_text(encoding="utf-8"))  # raises naming the key and line


@pytest.mark.parametrize("requires", [{"any": ["!fluid_leak", "contractions_regular"]},
                                      {"none": ["fluid_leak"]}])
def test_required_signs_that_a_yes_could_undo_are_refused(pack_copy, requires):
    # a condition's required signs (triage.yaml `requires`) may only be findings
    # present: otherwise a "yes" could set a probable danger aside
    _edit(pack_copy / "triage.yaml",
          lambda d: d["conditions"]["labour"].update({"requires": requires}))
    with pytest.raises(PackError, match="only findings present"):
        load_pack(pack_copy)


def test_required_signs_need_a_source(pack_copy):
    _edit(pack_copy / "triage.yaml", lambda d: d["conditions"]["labour"].pop("requires_src"))
    with pytest.raises(PackError, match="requires_src"):
        load_pack(pack_copy)
