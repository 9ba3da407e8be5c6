"""questions.yaml: complete, consistent with the vocabulary, and checked on load."""

from __future__ import annotations

from pathlib import Path

import pytest

from gravida.interview.catalogue import cut_points, load_catalogue, probes
from gravida.knowledge import PackError, load_pack

from ..helpers import edited_pack


def test_every_boolean_finding_has_plain_words(pack):
    cat = load_catalogue(pack)
    booleans = {f for f, d in pack.findings.items() if d.kind == "boolean"}
    assert booleans <= set(cat.by_finding)
    for fid in booleans:
        q = cat.questions[cat.by_finding[fid]]
        assert q.text.strip().endswith("?")
        assert "_" not in q.text  # ids are never shown to people


def test_number_questions_state_unit_and_a_range_inside_the_vocabulary(pack):
    cat = load_catalogue(pack)
    for fid in ("temperature_c", "heart_rate", "systolic_bp", "diastolic_bp", "pain_severity",
                "maternal_age", "gestational_weeks"):
        q = cat.questions[cat.by_finding[fid]]
        part = next(p for p in q.parts if p.finding == fid)
        lo, hi = pack.findings[fid].range
        assert part.unit and lo <= part.lo < part.hi <= hi


def test_groups_name_findings_and_location_is_volunteered(pack):
    cat = load_catalogue(pack)
    assert cat.volunteered == ("pain_location", "pain_side")
    # the numbers she states first come from the pack too (the simulated patient's)
    assert set(cat.volunteered_numbers) == {"gestational_weeks", "maternal_age"}
    assert not any(cat.questions[g].must_choose for g in ("gestational_weeks", "maternal_age"))
    location = cat.questions["pain_location"]
    assert {"pain_lower_back_central", "pain_flank", "chest_pain", "shoulder_tip_pain",
            "pain_lower_abdomen"} <= set(location.findings)
    # the body areas do not overlap: the side is a follow-up, not another area
    assert not {"pain_one_side", "pain_right_side", "pain_left_side"} & set(location.findings)
    side = cat.questions["pain_side"]
    assert {"pain_right_side", "pain_left_side"} <= set(side.findings)
    assert side.when and set(side.when) <= set(location.findings)
    for q in cat.questions.values():
        if q.kind == "group":
            assert len(q.items) == len(q.findings) >= 2


def test_parameters_are_in_the_pack(pack):
    p = load_catalogue(pack).params
    assert 1 <= p.max_questions <= 25
    assert 0 < p.plausible_answer < 0.5
    assert 0 < p.lead_probability <= 1


def test_probes_fall_in_every_band_of_the_rules(pack):
    cat = load_catalogue(pack)
    part = next(p for p in cat.questions["measurements"].parts if p.finding == "systolic_bp")
    cuts = cut_points(pack, "systolic_bp")
    assert {90.0, 140.0, 160.0} <= set(cuts)
    values = probes(pack, part)
    assert len(values) == len(cuts) + 1
    assert any(v <= 90 for v in values) and any(v >= 160 for v in values)


def _broken_pack(tmp_path: Path, edit) -> Path:
    return edited_pack(tmp_path, "questions.yaml", edit)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["questions"].pop("fever"), "has no question"),
        (lambda d: d["groups"]["feeling_ill"]["members"].update({"fevr": "x"}), "yes/no"),
        (lambda d: d["questions"]["pain_severity"].update(range=[0, 12]), "within"),
        (lambda d: d["interview"].update(src="no-such-source"), "unknown source"),
        (lambda d: d["questions"]["fever"].update(unit="°C"), "no unit"),
        # she states a single number first (her weeks), not a form or a yes/no
        (lambda d: d["questions"]["measurements"].update(volunteered=True), "volunteered"),
        (lambda d: d["questions"]["fever"].update(volunteered=True), "volunteered"),
    ],
)
def test_a_broken_questions_file_fails_on_load_naming_the_entry(tmp_path, edit, message):
    pack = load_pack(_broken_pack(tmp_path, edit))
    with pytest.raises(PackError, match=message) as exc:
        load_catalogue(pack)
    assert exc.value.file == "questions.yaml"


def test_a_follow_up_applies_only_when_its_parent_finding_is_present(pack):
    cat = load_catalogue(pack)
    heavy = cat.questions[cat.by_finding["heavy_vaginal_bleeding"]]
    assert heavy.when == ("vaginal_bleeding",)
    assert not heavy.applies(frozenset())
    assert not heavy.applies(frozenset({"fever"}))
    assert heavy.applies(frozenset({"vaginal_bleeding"}))
    assert cat.questions["fever"].applies(frozenset())  # no condition: always askable


def test_a_condition_naming_an_unknown_finding_fails_at_load(tmp_path: Path):
    def edit(data):
        data["questions"]["heavy_vaginal_bleeding"]["when"] = ["vaginal_bleed"]

    d = edited_pack(tmp_path, "questions.yaml", edit)
    with pytest.raises(PackError, match="vaginal_bleed"):
        load_catalogue(load_pack(d))

