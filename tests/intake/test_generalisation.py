"""Issue 15, session 5: the English reader on sentences written for each class of wording.

The table (tests/data/intake-classes-en.yaml) was written before the reader was
changed, in varied voices and grammar, never copied from a measuring set: the
share of it the reader gets wrong is the honest generalisation figure
(``bench/intake_classes.py`` prints it per class). The near misses (rows that
want a finding "not present" or "unset") must all hold, since a wrongly
stated finding is never asked again; the stated rows may not fall below the
figures measured when this table was last worked on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from gravida.intake.score import read_right, reading

TABLE = Path(__file__).resolve().parents[1] / "data" / "intake-classes-en.yaml"
ROWS: dict[str, list[list[Any]]] = yaml.safe_load(TABLE.read_text(encoding="utf-8"))

# rows each class may still get wrong (measured; lower these as the reader improves)
MISSES = {
    "relief_by_rest": 2,
    "worse_posture_long": 1,
    "prolonged_posture": 3,
    "worse_movement": 0,
    "deny_bleeding": 3,
    "deny_other_signs": 3,
    "deny_nerve": 5,
    "side": 1,
    "age": 0,
    "severity": 8,
    "duration_short": 13,
    "duration_long": 6,
    "place": 4,
    "lifting": 9,
    "weeks": 0,
    "known_overreads": 0,
}
NEAR_MISSES = [
    (name, text, finding, want)
    for name, rows in ROWS.items()
    for text, finding, want in rows
    if want in ("not present", "unset")
]


def test_every_class_has_a_table_of_its_own():
    assert set(ROWS) == set(MISSES)
    for name, rows in ROWS.items():
        stated = [r for r in rows if r[2] not in ("not present", "unset")]
        assert len(stated) >= (5 if name == "known_overreads" else 15), name


@pytest.mark.parametrize("name", sorted(MISSES))
def test_a_class_is_read_at_least_as_well_as_measured(parse, name):
    wrong = [
        (text, finding, want, got)
        for text, finding, want in ROWS[name]
        if not read_right(got := reading(parse(text).case, finding), want)
    ]
    assert len(wrong) <= MISSES[name], wrong


@pytest.mark.parametrize(("name", "text", "finding", "want"), NEAR_MISSES)
def test_a_near_miss_is_not_read(parse, name, text, finding, want):
    got = reading(parse(text).case, finding)
    assert read_right(got, want), (name, got)


@pytest.mark.parametrize(
    ("frames", "problem"),
    [
        ([{"parts": ["relief"], "reach": 6}], "two frame_parts"),
        ([{"parts": ["relief", "nowhere"], "reach": 6}], "two frame_parts"),
        ([{"parts": ["relief", "rest"], "reach": 40}], "reach"),
        ([{"parts": ["relief", "rest"], "reach": 6, "unless_nearer": "x"}], "unless_nearer"),
    ],
)
def test_a_bad_frame_is_a_pack_error_naming_it(tmp_path, frames, problem):
    from gravida.intake.lexicon import load_lexicon
    from gravida.knowledge.load import PackError, load_pack

    from ..helpers import edited_pack

    def edit(data: Any) -> None:
        data["findings"]["pain_relieved_by_rest"]["frames"] = frames

    pack = load_pack(edited_pack(tmp_path, "phrases/en.yaml", edit))
    with pytest.raises(PackError, match=problem) as err:
        load_lexicon(pack, "en")
    assert "pain_relieved_by_rest.frames" in str(err.value)


@pytest.mark.parametrize(
    ("text", "finding", "want"),
    [
        # a frame in either order, any distance within its clause
        ("lying down is the only thing that eases it", "pain_relieved_by_rest", "present"),
        ("the only thing that eases it is lying down", "pain_relieved_by_rest", "present"),
        # not across a sentence or a "but"
        ("it eases. then I lie down to read", "pain_relieved_by_rest", "unset"),
        ("it eases but lying down is hard", "pain_relieved_by_rest", "unset"),
        # a negation between the two words is the frame's: the relief denied
        ("lying down doesn't help", "pain_relieved_by_rest", "absent"),
        # a frame holds no other finding's words: the long drive is prolonged sitting too
        ("long drives make it so much worse", "prolonged_sitting_or_standing", "present"),
        # a loose "no blood" denies bleeding, unless it is about another place
        ("haven't seen any blood", "vaginal_bleeding", "absent"),
        ("no blood in my poo", "vaginal_bleeding", "unset"),
        ("bleeding this morning, no blood since", "vaginal_bleeding", "present"),
    ],
)
def test_frames_and_loose_denials(parse, text, finding, want):
    assert reading(parse(text).case, finding) == want


@pytest.mark.parametrize(
    ("text", "finding", "want"),
    [
        # upper back pain is not the lower back's "back pain"
        ("upper back pain between my shoulder blades", "pain_lower_back_central", "unset"),
        ("upper back pain between my shoulder blades", "pain_upper_back", "present"),
        # "my back feels fine" states no back pain
        ("my back feels fine, it is my pelvis at the front", "pain_lower_back_central", "unset"),
        ("my back is really bad", "pain_lower_back_central", "present"),
        # dry where a leak would show; movements felt as usual; no rhythm of pains
        ("dry down there", "fluid_leak", "absent"),
        ("no wetness", "fluid_leak", "absent"),
        ("movements normal", "reduced_fetal_movements", "absent"),
        ("feeling kicks", "reduced_fetal_movements", "absent"),
        ("no pains that come and go", "contractions_regular", "absent"),
        # a score three sentences after the pain it scores
        ("My back hurts. I am 30 weeks. Had it a week. It is a 7.", "pain_severity", 7.0),
        # a time of day or a count is no score
        ("My back hurts. I am 30 weeks. Had it a week. It is a 7 year old sofa.",
         "pain_severity", "unset"),
    ],
)
def test_more_lay_wording(parse, text, finding, want):
    assert reading(parse(text).case, finding) == want
