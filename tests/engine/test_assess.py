"""The engine: posteriors, week limits, measurements, triage rules and explanations."""

from __future__ import annotations

import numpy as np
import pytest

from gravida.engine import CaseError


def prob(result, cid):
    return next(c.probability for c in result.conditions if c.id == cid)


def test_probabilities_sum_to_one_and_are_ranked(engine):
    r = engine.assess({"gestational_weeks": 28, "present": ["pain_lower_back_central"]})
    ps = [c.probability for c in r.conditions]
    assert sum(ps) == pytest.approx(1.0)
    assert ps == sorted(ps, reverse=True)
    assert len(r.conditions) == len(engine.pack.conditions)


@pytest.mark.parametrize(
    ("weeks", "impossible"),
    [
        (20, "preterm_labour"),
        (36, "labour"),
        (23, "threatened_miscarriage"),
        (37, "preterm_labour"),
        (30, "ectopic_pregnancy"),
    ],
)
def test_gestational_limits_are_hard(engine, weeks, impossible):
    r = engine.assess(
        {"gestational_weeks": weeks, "present": ["contractions_regular", "vaginal_bleeding"]}
    )
    assert prob(r, impossible) == 0.0


def test_reduced_movements_ignored_before_24_weeks(engine):
    r = engine.assess({"gestational_weeks": 20, "present": ["reduced_fetal_movements"]})
    assert "reduced_fetal_movements" not in r.evidence.present
    assert any("reduced_fetal_movements" in n for n in r.evidence.notes)
    assert r.triage.level != "emergency"


def test_temperature_sets_fever(engine):
    r = engine.assess({"gestational_weeks": 20, "temperature_c": 38.4})
    assert "fever" in r.evidence.present
    r = engine.assess({"gestational_weeks": 20, "temperature_c": 36.8})
    assert "fever" in r.evidence.absent


def test_measurement_overrides_contradicting_answer_and_says_so(engine):
    r = engine.assess({"gestational_weeks": 20, "temperature_c": 38.6, "absent": ["fever"]})
    assert "fever" in r.evidence.present
    assert r.evidence.notes


def test_derived_findings_from_numbers(engine):
    r = engine.assess(
        {"gestational_weeks": 30, "heart_rate": 135, "systolic_bp": 85, "pain_severity": 8}
    )
    assert {"tachycardia", "marked_tachycardia", "hypotension", "pain_severe"} <= r.evidence.present
    assert "pain_mild" in r.evidence.absent


def test_implication_fills_parent(engine):
    r = engine.assess({"gestational_weeks": 10, "present": ["heavy_vaginal_bleeding"]})
    assert "vaginal_bleeding" in r.evidence.present


@pytest.mark.parametrize(
    ("case", "level", "rule"),
    [
        (
            {"gestational_weeks": 30, "present": ["saddle_numbness"]},
            "emergency",
            "cauda_equina_red_flags",
        ),
        (
            {"gestational_weeks": 10, "present": ["heavy_vaginal_bleeding", "faint_or_dizzy"]},
            "emergency_ambulance",
            "heavy_bleeding_with_faintness",
        ),
        (
            {
                "gestational_weeks": 25,
                "pain_severity": 3,
                "present": ["vaginal_bleeding", "pain_lower_back_central", "pain_dull_aching"],
                "absent": [
                    "uterus_hard_persistent",
                    "pain_onset_sudden",
                    "pain_constant_unrelieved",
                    "contractions_regular",
                    "heavy_vaginal_bleeding",
                ],
            },
            "emergency",
            "bleeding_from_22_weeks",
        ),
        (
            {"gestational_weeks": 30, "systolic_bp": 165, "diastolic_bp": 100},
            "emergency",
            "severe_hypertension",
        ),
        (
            {"gestational_weeks": 30, "present": ["faint_or_dizzy"], "heart_rate": 140},
            "emergency_ambulance",
            "shock",
        ),
        (
            {"gestational_weeks": 30, "present": ["pain_tearing", "chest_pain"]},
            "emergency_ambulance",
            "tearing_pain",
        ),
    ],
)
def test_floor_rules(engine, case, level, rule):
    r = engine.assess(case)
    assert r.triage.level == level
    assert any(x.id == rule for x in r.triage.reasons)


def test_fever_alone_is_consultation_24_at_least(engine):
    r = engine.assess({"gestational_weeks": 20, "present": ["fever"], "absent": ["pain_flank"]})
    assert engine.pack.level_rank(r.triage.level) >= engine.pack.level_rank("consultation_24")


def test_dangerous_non_leading_condition_raises_level(engine):
    # Fever with loin pain: pyelonephritis must drive an emergency level.
    r = engine.assess(
        {"gestational_weeks": 26, "present": ["fever", "pain_flank", "chills_rigors"]}
    )
    assert r.conditions[0].id == "pyelonephritis"
    assert r.triage.level in ("emergency", "emergency_ambulance")


def test_benign_case_is_self_care(engine):
    r = engine.assess(
        {
            "gestational_weeks": 28,
            "pain_severity": 3,
            "present": [
                "pain_lower_back_central",
                "pain_dull_aching",
                "pain_relieved_by_rest",
                "pain_worse_standing_sitting_long",
            ],
            "absent": [
                "fever",
                "vaginal_bleeding",
                "contractions_regular",
                "painful_urination",
                "pain_flank",
                "radiates_leg_below_knee",
                "reduced_fetal_movements",
            ],
        }
    )
    assert r.conditions[0].id == "pregnancy_lumbar_pain"
    assert r.triage.level == "self_care"


def test_explanations_for_top_three_with_likelihood_ratios(engine):
    r = engine.assess(
        {
            "gestational_weeks": 26,
            "present": ["fever", "pain_flank"],
            "absent": ["pain_relieved_by_rest"],
        }
    )
    assert [e.condition for e in r.explanations] == r.ranked[:3]
    top = r.explanations[0]
    assert any(f.finding == "fever" and f.likelihood_ratio > 1 for f in top.raised)
    for f in top.raised:
        assert f.likelihood_ratio > 1
    for f in top.lowered:
        assert f.likelihood_ratio < 1


def test_json_shape(engine):
    j = engine.assess({"gestational_weeks": 30, "present": ["pain_flank"]}).to_json()
    assert {"conditions", "triage", "explanations"} <= set(j)
    assert {"id", "name", "probability"} <= set(j["conditions"][0])
    assert j["triage"]["level"] in [t.id for t in engine.pack.vocabulary.triage_levels]
    assert j["triage"]["set_by"]["id"]


def test_deterministic(engine):
    case = {"gestational_weeks": 33, "present": ["vaginal_bleeding", "uterus_hard_persistent"]}
    assert engine.assess(case).to_json() == engine.assess(case).to_json()


def test_invalid_case_raises_case_error(engine):
    with pytest.raises(CaseError):
        engine.assess({"gestational_weeks": -1})


def test_ties_for_the_lead_go_to_the_condition_listed_first_in_the_pack():
    from gravida.engine.model import TIE_TOLERANCE, leaders, ranking

    # two float paths to the same posterior differ in the last bits: still one tie
    post = np.array([0.1, 0.45 - TIE_TOLERANCE / 10, 0.45, 0.0])
    assert int(leaders(post)) == 1
    assert ranking(post)[:2] == [1, 2]
    rows = np.array([[0.5, 0.5, 0.0], [0.2, 0.3, 0.5], [0.3, 0.3 + 1e-6, 0.4 - 1e-6]])
    assert leaders(rows).tolist() == [0, 2, 2]
    # a real difference is not a tie
    assert int(leaders(np.array([0.45, 0.45 + 10 * TIE_TOLERANCE]))) == 1


def test_one_row_leaders_agree_with_the_batch_path():
    """A single row (1-D or 1 x k) takes a plain-float path; it names the same
    leader as the same row inside a batch, ties and NaN included."""
    from gravida.engine.model import TIE_TOLERANCE, leaders

    rows = np.array([
        [0.1, 0.45 - TIE_TOLERANCE / 10, 0.45, 0.0],
        [0.2, 0.2, 0.3, 0.3],
        [0.0, 0.0, 0.0, 0.0],
        [0.1, np.nan, 0.8, 0.1],
        [-np.inf, 0.2, 0.2 + 2 * TIE_TOLERANCE, 0.6],
        [0.6, 0.2, 0.1, 0.1],
    ])
    batch = leaders(np.vstack([rows, rows])).tolist()  # more than one row: numpy path
    for i, row in enumerate(rows):
        assert int(leaders(row)) == batch[i]
        assert leaders(row[None, :]).tolist() == [batch[i]]
