"""The working diagnosis: the condition a red flag says to rule out first leads the list.

A floor rule that names conditions (``suspects`` in triage.yaml) and asks for a
level above the leading condition's own puts the likeliest named condition first;
its probability stays the honest posterior, and the triage is the same as without
the reordering. Cases are built from findings (an ordinary back ache plus one sign),
not taken from any vignette.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from gravida.engine.model import ranking
from gravida.knowledge.load import PackError, load_pack

from ..strategies import cases as any_case

ACHE = ["pain_lower_back_central", "pain_dull_aching", "pain_worse_standing_sitting_long"]


def case(weeks, present=(), absent=(), **numbers):
    return {"gestational_weeks": weeks, "present": [*ACHE, *present], "absent": list(absent),
            **numbers}


def honest(engine, data):
    """The ranking by probability alone, and the triage, as the engine computes them."""
    ev, post = engine.posterior(engine.case(data))
    return [engine.model.conditions[i] for i in ranking(post)], engine.triager.decide(ev, post)


@pytest.mark.parametrize(
    ("weeks", "sign", "condition", "rule"),
    [
        (30, {"present": ["severe_headache"]}, "preeclampsia_hellp",
         "preeclampsia_symptom_from_20_weeks"),
        (26, {"present": ["visual_disturbance"]}, "preeclampsia_hellp",
         "preeclampsia_symptom_from_20_weeks"),
        (29, {"present": ["shortness_of_breath"]}, "venous_thromboembolism",
         "chest_pain_or_breathlessness"),
        (29, {"present": ["calf_swelling_one_leg"], "absent": ["chest_pain"]},
         "venous_thromboembolism", "calf_swelling_one_leg"),
        (7, {"present": ["shoulder_tip_pain"], "absent": ["faint_or_dizzy"]},
         "ectopic_pregnancy", "early_shoulder_tip_pain"),
        (30, {"present": ["pelvic_pressure"], "absent": ["vaginal_bleeding"]},
         "preterm_labour", "labour_signs_preterm"),
        (22, {"present": ["history_cancer", "pain_at_night"]}, "spinal_malignancy",
         "cancer_red_flags"),
    ],
)
def test_a_single_red_flag_puts_its_condition_first(engine, pack, weeks, sign, condition, rule):
    data = case(weeks, sign.get("present", ()), sign.get("absent", ()))
    a = engine.assess(data)
    by_probability, triage = honest(engine, data)
    # the honest leader is the ordinary ache: the sign alone does not outweigh it
    assert by_probability[0] != condition
    assert a.ranked[0] == condition
    assert a.working is not None
    assert (a.working.condition, a.working.rule) == (condition, rule)
    assert condition in next(f.rule.suspects for f in pack.floors if f.rule.id == rule)
    # honest probabilities: the one listed first is less probable than the one behind it
    assert a.conditions[0].probability < max(c.probability for c in a.conditions[1:])
    assert a.working.probability == pytest.approx(a.conditions[0].probability)
    # the rest keep their order; the triage is untouched
    assert a.ranked[1:] == [c for c in by_probability if c != condition]
    assert a.triage == triage
    # the reason is the rule's own words, and it is explained first
    assert next(f.rule.says for f in pack.floors if f.rule.id == rule) in a.working.says
    assert a.explanations[0].condition == condition
    assert a.to_json()["working_diagnosis"]["condition"] == condition


@pytest.mark.parametrize(
    ("weeks", "present"),
    [
        (30, []),  # an ordinary back ache
        (18, ["severe_headache"]),  # near miss: the headache row starts at 20 weeks
        (12, ["pelvic_pressure"]),  # near miss: the pressure row starts at 16 weeks
        (22, ["history_cancer"]),  # near miss: cancer without night or constant pain
        (30, ["reduced_fetal_movements"]),  # a floor that names no condition
        (30, ["fever"]),  # a floor that names no condition
        (30, ["recent_trauma"]),  # a floor that names no condition
    ],
)
def test_no_named_red_flag_keeps_the_order_of_probability(engine, weeks, present):
    data = case(weeks, present)
    a = engine.assess(data)
    by_probability, triage = honest(engine, data)
    assert a.working is None
    assert a.ranked == by_probability
    assert a.triage == triage
    assert a.to_json()["working_diagnosis"] is None


def test_a_leader_that_already_warrants_the_level_keeps_its_place(engine):
    # a kidney infection (an emergency of its own) with bleeding at 10 weeks: the
    # bleeding row asks for 24 hours, less than the leader's own level
    data = {"gestational_weeks": 10,
            "present": ["fever", "pain_flank", "chills_rigors", "kidney_tender_on_tapping",
                        "vaginal_bleeding"]}
    a = engine.assess(data)
    assert a.ranked[0] == "pyelonephritis"
    assert a.working is None


def test_the_most_urgent_named_rule_decides(engine):
    # bleeding with one-sided pain at 10 weeks: the 24-hour bleeding row names a
    # threatened miscarriage or an ectopic, the emergency row an ectopic; the
    # emergency row decides even where a miscarriage is as probable
    data = {"gestational_weeks": 10,
            "present": ["vaginal_bleeding", "pain_one_side", "pain_lower_abdomen"]}
    a = engine.assess(data)
    assert a.working is not None
    assert a.working.rule == "early_bleeding_one_sided_pain"
    assert a.ranked[0] == "ectopic_pregnancy"


def test_a_suspect_impossible_at_her_weeks_is_never_listed_first(engine):
    # pressure low down at 18 weeks names preterm labour (from 22 weeks) and a
    # threatened miscarriage: only the possible one can lead
    a = engine.assess(case(18, ["pelvic_pressure"]))
    assert a.working is not None
    assert a.ranked[0] == "threatened_miscarriage"
    assert dict((c.id, c.probability) for c in a.conditions)["preterm_labour"] == 0.0


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_reason_is_in_her_language(lang):
    from gravida.engine import Engine

    a = Engine(load_pack(lang=lang)).assess(case(30, ["severe_headache"]), explain=False)
    assert a.working is not None
    assert a.working.says != ""
    assert ("{reason}" not in a.working.says) and ("ruled out" in a.working.says) == (lang == "en")


def _edit_triage(pack_copy, fn):
    import yaml

    path = pack_copy / "triage.yaml"
    data = yaml.safe_load(path.read_text())
    fn(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


@pytest.fixture()
def pack_copy(tmp_path):
    import shutil

    from gravida.knowledge.load import default_pack_dir

    dest = tmp_path / "pack"
    shutil.copytree(default_pack_dir(), dest)
    return dest


def test_an_unknown_suspect_is_a_pack_error(pack_copy):
    def bad(d):
        d["floors"][0]["suspects"] = ["preeclampsia"]

    _edit_triage(pack_copy, bad)
    with pytest.raises(PackError, match="preeclampsia"):
        load_pack(pack_copy)


def _floor(d, rule_id):
    return next(f for f in d["floors"] if f["id"] == rule_id)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        # named first at the same level without a source, or a source without the flag
        (lambda r: r.pop("before_same_level_src"), "go together"),
        (lambda r: r.pop("before_same_level"), "go together"),
        # a source the pack does not hold
        (lambda r: r.update(before_same_level_src="no-such-source"), "no-such-source"),
        # nothing named to put first
        (lambda r: r.pop("suspects"), "needs the conditions"),
    ],
)
def test_before_same_level_is_checked(pack_copy, edit, message):
    _edit_triage(pack_copy, lambda d: edit(_floor(d, "fever_with_spinal_infection_signs")))
    with pytest.raises(PackError, match=message):
        load_pack(pack_copy)


def test_only_a_floor_names_suspects(pack_copy):
    def bad(d):
        d["conditions"]["pyelonephritis"]["adjust"][0]["suspects"] = ["pyelonephritis"]

    _edit_triage(pack_copy, bad)
    with pytest.raises(PackError, match="only a floor rule"):
        load_pack(pack_copy)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_case())
def test_the_floor_rules_alone_name_the_same_working_diagnosis(engine, data):
    """The interview names the working diagnosis of many hypothetical answers from
    the floor rules that hold (Triager.rule_reasons), not a whole triage each: the
    same diagnosis, rule and words as from the triage's reasons."""
    ev, post = engine.posterior(data)
    whole = engine.diagnoser.choose(ev, post, engine.triager.decide(ev, post))
    assert engine.diagnoser.named(ev, post, engine.triager.rule_reasons(ev)) == whole
    assert [r for r in engine.triager.decide(ev, post).reasons if r.kind == "rule"] == (
        engine.triager.rule_reasons(ev))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_case())
def test_one_conditions_level_is_its_level_among_all(engine, data):
    """The working diagnosis reads the leader's level alone (Triager.condition_level):
    the level condition_levels gives it among all."""
    ev, _ = engine.posterior(data)
    levels = engine.triager.condition_levels(ev)[0]
    assert [engine.triager.condition_level(ev, i) for i in range(len(levels))] == [
        r.level for r in levels]
