"""A pulmonary embolism felt as back pain, and its near misses (session 14).

A PE can present as a one-sided upper back pain with a fast pulse and no breathlessness,
chest pain or swollen calf said. What makes a clinician suspect it there (rcog-gtg37b;
the Wells and Geneva scores; the pregnancy-adapted YEARS algorithm, van-der-pol-2019) is
what the shared vocabulary cannot say: the pain catching on a deep breath (pleuritic
pain, in under half of PE: stein-2007) and a transient risk factor, a journey of 4
hours or more, immobility or a hospital stay (rcog-gtg37a). The pack adds both
(``pain_worse_breathing_in``, ``recent_immobility_or_travel``). With both, the clot
passes its 5% (GTG 37b treats on suspicion) and the level is an emergency; a catch on
breathing beside a strain after a lift, a long journey beside an ordinary ache, and a
gallstone colic that catches on breathing are not made a clot.

The pictures are written from those descriptions, not taken from any vignette.
"""

from __future__ import annotations

from gravida.engine import Engine

from .pictures import assess

VTE = "venous_thromboembolism"
PE_BACK = ["pain_upper_back", "pain_one_side", "pain_right_side", "pain_sharp"]
DENIED = ["shortness_of_breath", "chest_pain", "coughing_blood", "calf_swelling_one_leg",
          "fever"]


def _vte(engine: Engine, present: list[str], absent: list[str] = DENIED,
         **numbers: float) -> tuple[float, str, str]:
    a, first = assess(engine, 30, present, absent, **numbers)
    p = next(c.probability for c in a.conditions if c.id == VTE)
    return p, str(a.triage.level), first


def test_a_pleuritic_back_pain_after_a_journey_with_a_fast_pulse_is_a_suspected_pe(
        engine: Engine) -> None:
    p, level, _ = _vte(engine, [*PE_BACK, "pain_worse_breathing_in",
                                "recent_immobility_or_travel"], heart_rate=118)
    assert p >= 0.05
    assert level == "emergency"


def test_each_sign_raises_the_clot(engine: Engine) -> None:
    none, _, _ = _vte(engine, PE_BACK, heart_rate=118)
    breath, _, _ = _vte(engine, [*PE_BACK, "pain_worse_breathing_in"], heart_rate=118)
    travel, _, _ = _vte(engine, [*PE_BACK, "recent_immobility_or_travel"], heart_rate=118)
    both, _, _ = _vte(engine, [*PE_BACK, "pain_worse_breathing_in",
                               "recent_immobility_or_travel"], heart_rate=118)
    assert none < breath < both
    assert none < travel < both


def test_a_strain_after_a_lift_that_catches_on_breathing_stays_a_strain(
        engine: Engine) -> None:
    p, level, first = _vte(engine, ["pain_upper_back", "heavy_lifting_or_strain",
                                    "lumbar_tenderness", "pain_worse_with_movement",
                                    "pain_worse_breathing_in"], absent=[])
    assert first == "muscle_strain"
    assert p < 0.05
    assert level == "self_care"


def test_a_long_journey_beside_an_ordinary_ache_is_the_ache(engine: Engine) -> None:
    p, level, first = _vte(engine, ["pain_lower_back_central", "pain_dull_aching",
                                    "pain_worse_standing_sitting_long",
                                    "recent_immobility_or_travel"], absent=[])
    assert first == "pregnancy_lumbar_pain"
    assert p < 0.05
    assert level == "self_care"


def test_gallstone_colic_that_catches_on_breathing_stays_gallstones(engine: Engine) -> None:
    p, _, first = _vte(engine, ["pain_upper_abdomen", "pain_right_side",
                                "pain_after_fatty_meals", "nausea_vomiting",
                                "pain_worse_breathing_in"], absent=[])
    assert first == "biliary_disease"
    assert p < 0.01
