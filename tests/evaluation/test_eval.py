"""The evaluator: metrics computed right, and the dev-set floors of the core issue."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from gravida.evaluation.metrics import score
from gravida.evaluation.modes import FullMode, Outcome, get_mode
from gravida.evaluation.run import evaluate
from gravida.evaluation.vignettes import Vignette, VignetteFileError, load_vignettes

from ..conftest import DEV_VIGNETTES


def vignette(vid, triage, condition, also=()):
    return Vignette(
        id=vid,
        case={"gestational_weeks": 20},
        expected_triage=triage,
        expected_condition=condition,
        also_acceptable=tuple(also),
    )


def outcome(ranked, triage):
    return Outcome(
        ranked=ranked, probabilities={c: 1.0 / len(ranked) for c in ranked}, triage=triage
    )


def test_metrics_count_hits_and_triage_direction(pack):
    vs = [
        vignette("a", "emergency", "pyelonephritis"),
        vignette("b", "self_care", "pregnancy_lumbar_pain"),
        vignette("c", "consultation", "pelvic_girdle_pain", also=["muscle_strain"]),
    ]
    os = [
        outcome(["kidney_stone", "pyelonephritis"], "consultation_24"),  # top3 hit, under-triage
        outcome(["pregnancy_lumbar_pain"], "consultation"),  # top1, over-triage
        outcome(["muscle_strain"], "consultation"),  # acceptable alternative, exact
    ]
    r = score(pack, vs, os)
    assert r["n"] == 3
    assert r["top1"] == pytest.approx(2 / 3)
    assert r["top3"] == pytest.approx(1.0)
    assert r["triage_exact"] == pytest.approx(1 / 3)
    assert (r["under_triage"], r["over_triage"], r["emergency_under_triage"]) == (1, 1, 1)
    assert [c["id"] for c in r["cases"]] == ["a", "b", "c"]
    assert 0.0 <= r["brier"] <= 2.0


def test_failed_case_counts_as_unsafe(pack):
    r = score(
        pack, [vignette("x", "emergency_ambulance", "aortic_dissection")], [Outcome.failed("bad")]
    )
    assert r["emergency_under_triage"] == 1 and r["errors"] == 1


def test_invalid_case_in_file_is_reported_not_crashed(tmp_path: Path, engine):
    f = tmp_path / "v.yaml"
    f.write_text(
        yaml.safe_dump(
            [
                {
                    "id": "bad-1",
                    "case": {"gestational_weeks": 99},
                    "expect": {"triage": "emergency", "condition": "labour"},
                }
            ]
        )
    )
    r = evaluate([f], "full", engine)
    assert r["errors"] == 1 and "gestational_weeks" in r["cases"][0]["error"]


@pytest.mark.parametrize("text", ["[unclosed", "just a string", "- 3"])
def test_malformed_vignette_file(tmp_path: Path, text):
    f = tmp_path / "v.yaml"
    f.write_text(text)
    with pytest.raises(VignetteFileError):
        load_vignettes(f)


def test_unknown_mode():
    with pytest.raises(KeyError, match="unknown mode"):
        get_mode("telepathy")
    assert isinstance(get_mode("full"), FullMode)


HOLDOUT = Path(__file__).resolve().parents[1] / "data" / "holdout.yaml"


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(
            DEV_VIGNETTES,
            marks=pytest.mark.skipif(not DEV_VIGNETTES.exists(), reason="no ../shared"),
            id="dev",
        ),
        # Written independently of the pack and of dev.yaml (tests/data/README.md):
        # the same floors must hold on cases the pack was never looked at against.
        pytest.param(HOLDOUT, id="holdout"),
    ],
)
def test_vignette_floors_in_full_mode(engine, path):
    r = evaluate([path], "full", engine)
    assert r["top1"] >= 0.80
    assert r["top3"] >= 0.95
    assert r["triage_exact"] >= 0.90
    assert r["emergency_under_triage"] == 0
    assert r["under_triage"] <= 2


@pytest.mark.skipif(not DEV_VIGNETTES.exists(), reason="no ../shared dev vignettes")
def test_dev_set_floors_in_narrative_mode(engine):
    r = evaluate([DEV_VIGNETTES], "narrative", engine)
    assert r["finding_precision"] >= 0.90
    assert r["finding_recall"] >= 0.80
    assert r["emergency_under_triage"] == 0
    assert r["triage_exact"] >= 0.80


def test_narrative_without_weeks_fails_closed(tmp_path: Path, engine):
    f = tmp_path / "v.yaml"
    f.write_text(
        yaml.safe_dump(
            [
                {
                    "id": "n-1",
                    "narrative": "My back hurts and I have a fever.",
                    "case": {"gestational_weeks": 30, "present": ["fever"]},
                    "expect": {"triage": "emergency", "condition": "pyelonephritis"},
                }
            ]
        )
    )
    r = evaluate([f], "narrative", engine)
    assert r["errors"] == 1 and r["emergency_under_triage"] == 1
    assert "weeks" in r["cases"][0]["error"]


def test_conversation_reads_the_text_then_asks_weeks_first(tmp_path: Path, engine):
    f = tmp_path / "v.yaml"
    f.write_text(
        yaml.safe_dump(
            [
                {
                    "id": "c-1",
                    "narrative": "My lower back aches after a long day on my feet. No fever.",
                    "case": {
                        "gestational_weeks": 26,
                        "present": [
                            "pain_lower_back_central",
                            "pain_dull_aching",
                            "pain_worse_standing_sitting_long",
                        ],
                        "absent": ["fever", "vaginal_bleeding", "painful_urination"],
                    },
                    "expect": {"triage": "self_care", "condition": "pregnancy_lumbar_pain"},
                }
            ]
        )
    )
    r = evaluate([f], "conversation", engine)
    case = r["cases"][0]
    assert r["errors"] == 0
    assert case["asked"][0] == "gestational_weeks"  # the text gives no weeks
    assert case["questions"] == len(case["asked"])
    assert case["finding_tp"] >= 2 and case["finding_fp"] == 0  # the text set fever absent
    assert "fever" not in case["asked"]  # and it is not asked again
    assert {"questions_median", "finding_precision", "finding_recall"} <= set(r)


def test_conversation_asks_fewer_questions_than_the_bare_interview(engine):
    if not DEV_VIGNETTES.exists():
        pytest.skip("no ../shared dev vignettes")
    conv = evaluate([DEV_VIGNETTES], "conversation", engine)
    bare = evaluate([DEV_VIGNETTES], "interview", engine)
    assert conv["questions_median"] < bare["questions_median"]
    assert conv["finding_precision"] >= 0.90


REALVOICE = Path(__file__).resolve().parents[1] / "data" / "realvoice-en.yaml"


def test_realvoice_floors(engine):
    """Real-voice messages (tests/data/README.md: an independent author, never tuned on
    case by case). Floors just under what holds today (0.932 / 0.918, docs/intake.md)
    and the issue's safety target: no emergency under-triaged from her words alone."""
    r = evaluate([REALVOICE], "narrative", engine)
    assert r["finding_precision"] >= 0.93
    assert r["finding_recall"] >= 0.90
    assert r["emergency_under_triage"] == 0
    assert r["errors"] == 0  # weeks found, or asked, in every message

