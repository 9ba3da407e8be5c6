"""A condition in two forms: the clot as a DVT alone or a pulmonary embolism (session 15).

engine/forms.py makes a condition with forms (``likelihoods/``: ``forms``) a mixture
of its forms, each with its own table and share, and each beside the co-existing
ordinary ache as well. Checked here: the arithmetic against a hand computation of the
four components, the marginal table, the pack's checks, and the clinical pictures it
is for, both ways: a PE's signs go together (a fast pulse and breathing, a low
saturation, pleuritic pain, no calf), and a DVT's (one swollen calf, a low one-sided
ache) are not diluted by the other form; the new numbers (breathing rate, saturation)
and their near misses. The pictures are written from the sources' descriptions
(stein-2007, rcog-gtg37b, green-2020, nice-ng51), not taken from any vignette.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from gravida.engine import Engine
from gravida.engine.model import trimester
from gravida.knowledge.load import PackError, load_pack
from gravida.knowledge.schema import Cited

from .pictures import assess

VTE = "venous_thromboembolism"
PE_BACK = ["pain_upper_back", "pain_one_side", "pain_right_side", "pain_sharp"]
DENIED = ["shortness_of_breath", "chest_pain", "coughing_blood", "calf_swelling_one_leg",
          "fever"]


def _vte(engine: Engine, weeks: float, present: list[str], absent: list[str],
         **numbers: float) -> tuple[float, str, str]:
    a, first = assess(engine, weeks, present, absent, **numbers)
    p = next(c.probability for c in a.conditions if c.id == VTE)
    return p, str(a.triage.level), first


def test_the_clot_is_a_mixture_of_four_components(engine: Engine, pack) -> None:
    m = engine.model
    data = {"gestational_weeks": 30, "present": [*PE_BACK, "pain_dull_aching"],
            "absent": ["calf_swelling_one_leg", "shortness_of_breath"], "heart_rate": 118}
    ev = m.evidence(engine.case(data))
    pos, neg = m.vector(ev)
    t = trimester(ev.weeks)
    i = m.conditions.index(VTE)
    prev = pack.coexisting.prevalence.by_trimester()[t]
    common = m.conditions.index(pack.coexisting.condition)
    ache = np.exp(m.log_p[t, common])
    listed = [m.index[f] for f in pack.likelihoods[pack.coexisting.condition]]

    def product(p: np.ndarray) -> float:
        # nested pairs by hand: the side given one-sided pain, the marked pulse given a
        # fast one (both present / the child absent)
        out = 1.0
        for f in ev.present:
            out *= p[m.index[f]]
        for f in ev.absent:
            out *= 1 - p[m.index[f]]
        out /= p[m.index["pain_one_side"]]  # P(right | one side) = P(right) / P(one side)
        j, q = m.index["marked_tachycardia"], m.index["tachycardia"]
        out *= (p[q] - p[j]) / p[q] / (1 - p[j])  # parent present, child absent
        return out

    total = 0.0
    for share, table in m.forms_alone[i]:
        t_alone = table[t]
        beside = t_alone.copy()
        beside[listed] = 1 - (1 - t_alone[listed]) * (1 - prev * ache[listed])
        total += share[t] * ((1 - prev) * product(t_alone) + prev * product(beside))
    assert np.exp(m.log_likelihood(t, pos, neg)[i]) == pytest.approx(total, rel=1e-10)


def test_the_marginal_table_is_the_mixture_of_the_forms(engine: Engine, pack) -> None:
    m = engine.model
    i = m.conditions.index(VTE)
    prev = pack.coexisting.prevalence.by_trimester()[2]
    common = m.conditions.index(pack.coexisting.condition)
    for f in ["calf_swelling_one_leg", "tachypnoea", "pain_dull_aching"]:
        j = m.index[f]
        expected = 0.0
        for share, table in m.forms_alone[i]:
            alone = table[2, j]
            with_ache = (1 - (1 - alone) * (1 - prev * np.exp(m.log_p[2, common, j]))
                         if f in pack.likelihoods[pack.coexisting.condition] else alone)
            expected += share[2] * ((1 - prev) * alone + prev * with_ache)
        assert m.p[2, i, j] == pytest.approx(expected, rel=1e-12)


def test_the_forms_shares_must_add_up_to_one(pack, tmp_path) -> None:
    import shutil

    import yaml
    shutil.copytree(pack.directory, tmp_path / "pack")
    path = tmp_path / "pack" / "likelihoods" / "vascular.yaml"
    data = yaml.safe_load(path.read_text())
    data["forms"][VTE][0]["share"] = [0.6, "clinical-judgement"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(PackError, match="add up to"):
        load_pack(tmp_path / "pack")


def test_a_rate_is_the_conditions_or_each_forms_not_both(pack, tmp_path) -> None:
    import shutil

    import yaml
    shutil.copytree(pack.directory, tmp_path / "pack")
    path = tmp_path / "pack" / "likelihoods" / "vascular.yaml"
    data = yaml.safe_load(path.read_text())
    data["forms"][VTE][1]["likelihoods"]["history_vte"] = [0.1, "clinical-judgement"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(PackError, match="one place"):
        load_pack(tmp_path / "pack")


def test_without_forms_the_clot_is_one_table(pack) -> None:
    # the same engine with the forms folded into one (their mean) is plain: one
    # component beside the ache, as every other co-existing condition
    forms = pack.forms[VTE]
    merged = dict(pack.likelihoods[VTE])
    for fid in set(forms[0].likelihoods) | set(forms[1].likelihoods):
        if fid not in merged:
            rates = [f.likelihoods.get(fid) for f in forms]
            if all(r is not None for r in rates):
                merged[fid] = Cited(p=sum(r.by_trimester()[0] for r in rates if r) / 2,
                                    src="clinical-judgement")
    one = Engine(replace(pack, forms={}, likelihoods={**pack.likelihoods, VTE: merged}))
    assert one.model.later_ranks == ()
    assert VTE not in {one.model.conditions[i] for i in one.model.forms_alone}


# --- the pictures, both ways ---------------------------------------------------------


def test_a_pes_signs_are_not_diluted_by_the_dvt(engine: Engine) -> None:
    # a one-sided sharp upper back pain with a fast pulse, breath, chest and calf
    # denied: the pain catching on a breath with a fast breathing rate is a suspected PE
    p, level, _ = _vte(engine, 30, [*PE_BACK, "pain_worse_breathing_in"], DENIED,
                       heart_rate=118, respiratory_rate=24)
    assert p >= 0.05
    assert level in ("emergency", "emergency_ambulance")


def test_a_pleuritic_back_pain_with_a_low_saturation_is_a_suspected_pe(
        engine: Engine) -> None:
    p, level, _ = _vte(engine, 26, [*PE_BACK, "pain_worse_breathing_in"], DENIED,
                       oxygen_saturation=94)
    assert p >= 0.05
    assert level in ("emergency", "emergency_ambulance")


def test_each_vital_sign_raises_the_clot(engine: Engine) -> None:
    base, _, _ = _vte(engine, 30, PE_BACK, DENIED, heart_rate=118)
    fast, _, _ = _vte(engine, 30, PE_BACK, DENIED, heart_rate=118, respiratory_rate=22)
    faster, _, _ = _vte(engine, 30, PE_BACK, DENIED, heart_rate=118, respiratory_rate=26)
    low, _, _ = _vte(engine, 30, PE_BACK, DENIED, heart_rate=118, oxygen_saturation=94)
    lower, _, _ = _vte(engine, 30, PE_BACK, DENIED, heart_rate=118, oxygen_saturation=91)
    assert base < fast < faster
    assert base < low < lower
    # and normal readings count against it
    normal, _, _ = _vte(engine, 30, PE_BACK, DENIED, heart_rate=118, respiratory_rate=16,
                        oxygen_saturation=98)
    assert normal < base


def test_a_swollen_calf_is_a_dvt_whatever_the_breath_and_chest(engine: Engine) -> None:
    # the DVT form: one swollen calf with a low one-sided ache, breath and chest denied
    _, level, first = _vte(engine, 14, ["calf_swelling_one_leg", "pain_sacrum_buttock",
                                        "pain_one_side", "pain_left_side",
                                        "pain_dull_aching"],
                           ["shortness_of_breath", "chest_pain"])
    assert first == VTE
    assert level == "emergency"


def test_fast_breathing_with_fever_and_loin_pain_is_the_kidney(engine: Engine) -> None:
    # both sides carry a fast breathing rate: with a fever and a tender loin it is
    # pyelonephritis (and the clot stays low)
    p, level, first = _vte(engine, 26, ["fever", "chills_rigors", "pain_flank",
                                        "pain_one_side", "pain_right_side",
                                        "kidney_tender_on_tapping"], [],
                           heart_rate=112, respiratory_rate=23)
    assert first == "pyelonephritis"
    assert p < 0.01
    assert level == "emergency"


@pytest.mark.parametrize(
    "numbers", [{"oxygen_saturation": 94}, {"respiratory_rate": 22},
                {"oxygen_saturation": 97, "respiratory_rate": 18}])
def test_a_borderline_reading_beside_an_ordinary_ache_is_the_ache(
        engine: Engine, numbers: dict[str, float]) -> None:
    # 1 healthy pregnant woman in 20 reads 94% or breathes 21-22 a minute (green-2020)
    p, level, first = _vte(engine, 32, ["pain_lower_back_central", "pain_dull_aching",
                                        "pain_worse_standing_sitting_long",
                                        "pain_relieved_by_rest"], [], **numbers)
    assert first == "pregnancy_lumbar_pain"
    assert p < 0.05
    assert level == "self_care"


@pytest.mark.parametrize(("numbers", "rule"), [
    ({"oxygen_saturation": 92}, "very_low_oxygen_saturation"),
    ({"respiratory_rate": 25}, "resting_tachypnoea"),
])
def test_the_high_risk_readings_are_an_emergency(engine: Engine, numbers, rule) -> None:
    a, _ = assess(engine, 30, ["pain_lower_back_central", "pain_dull_aching"], [], **numbers)
    assert a.triage.level == "emergency"
    assert rule in {r.id for r in a.triage.reasons}


@pytest.mark.parametrize("numbers", [{"oxygen_saturation": 93}, {"respiratory_rate": 24}])
def test_just_inside_the_high_risk_readings_no_row(engine: Engine, numbers) -> None:
    a, _ = assess(engine, 30, ["pain_lower_back_central", "pain_dull_aching"], [], **numbers)
    assert not {"very_low_oxygen_saturation", "resting_tachypnoea"} & {
        r.id for r in a.triage.reasons}


def test_a_very_low_saturation_names_the_clot_first(engine: Engine) -> None:
    # the saturation row names the clot (working diagnosis) when the leader's own level
    # is lower: an upper back pain at 92%
    a, _ = assess(engine, 28, ["pain_upper_back", "pain_sharp"], [], oxygen_saturation=91)
    assert a.conditions[0].id == VTE
    assert a.triage.level == "emergency"


ROW = "pleuritic_pain_with_abnormal_vital_signs"


@pytest.mark.parametrize("numbers", [{"heart_rate": 112}, {"respiratory_rate": 22},
                                     {"oxygen_saturation": 94}])
def test_pleuritic_pain_with_a_pe_vital_sign_names_the_clot(engine: Engine, numbers) -> None:
    a, _ = assess(engine, 30, ["pain_upper_back", "pain_one_side", "pain_sharp",
                               "pain_worse_breathing_in"], [], **numbers)
    assert ROW in {r.id for r in a.triage.reasons}
    assert a.triage.level == "emergency"
    assert a.conditions[0].id == VTE


@pytest.mark.parametrize(("present", "numbers"), [
    # a pulse under 110, normal breathing and saturation: not the row
    (["pain_worse_breathing_in"], {"heart_rate": 104, "respiratory_rate": 18,
                                   "oxygen_saturation": 97}),
    # a fast pulse without the catch on breathing
    (["pain_sharp"], {"heart_rate": 112}),
    # febrile: an infection's picture first (its own rows set the level)
    (["pain_worse_breathing_in", "fever"], {"heart_rate": 112}),
])
def test_near_misses_of_the_pleuritic_row(engine: Engine, present, numbers) -> None:
    a, _ = assess(engine, 30, ["pain_upper_back", *present], [], **numbers)
    assert ROW not in {r.id for r in a.triage.reasons}


def test_a_strain_that_catches_on_breathing_with_normal_vital_signs_stays_a_strain(
        engine: Engine) -> None:
    p, level, first = _vte(engine, 30, ["pain_upper_back", "heavy_lifting_or_strain",
                                        "lumbar_tenderness", "pain_worse_with_movement",
                                        "pain_worse_breathing_in"], [],
                           heart_rate=88, respiratory_rate=16, oxygen_saturation=98)
    assert first == "muscle_strain"
    assert p < 0.05
    assert level == "self_care"
