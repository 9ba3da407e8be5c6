"""Nested findings count once: a child finding adds only what its parent does not say."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import numpy as np
import pytest
import yaml

from gravida.engine import Engine
from gravida.engine.model import trimester
from gravida.engine.nested import pairs
from gravida.knowledge import PackError, load_pack
from gravida.knowledge.load import default_pack_dir


def case(weeks, present=(), absent=(), **numbers):
    return {"gestational_weeks": weeks, "present": list(present), "absent": list(absent),
            **numbers}


def odds_change(engine, before, after):
    """Per condition: log posterior(after) - log posterior(before), up to one constant."""
    _, p0 = engine.posterior(engine.case(before))
    _, p1 = engine.posterior(engine.case(after))
    live = p0 > 0
    return np.log(p1[live]) - np.log(p0[live]), live


@pytest.mark.parametrize("weeks", [22, 30, 36])
def test_a_normal_blood_pressure_counts_once(engine, weeks):
    # a reading below 140/90 is below 160/110 too: the only evidence is "not raised",
    # so each condition's odds move by exactly 1 - P(bp_raised | c), not also by
    # 1 - P(bp_severe | c) as if the two were independent (the same reading also
    # says the pressure is not low)
    base = case(weeks, ["pain_upper_abdomen", "nausea_vomiting"])
    measured = {**base, "systolic_bp": 118, "diastolic_bp": 72}
    change, live = odds_change(engine, base, measured)
    m, t = engine.model, trimester(weeks)
    expected = (np.log1p(-m.p[t, :, m.index["bp_raised"]])
                + np.log1p(-m.p[t, :, m.index["hypotension"]]))[live]
    assert np.allclose(change - change[0], expected - expected[0], atol=1e-9)


@pytest.mark.parametrize("weeks", [22, 30, 36])
def test_a_raised_but_not_severe_pressure_is_the_difference(engine, weeks):
    # 150/95: raised and not severe, P(raised) - P(severe) under each condition
    base = case(weeks, ["pain_upper_abdomen", "nausea_vomiting"])
    measured = {**base, "systolic_bp": 150, "diastolic_bp": 95}
    change, live = odds_change(engine, base, measured)
    m, t = engine.model, trimester(weeks)
    joint = m.p[t, :, m.index["bp_raised"]] - m.p[t, :, m.index["bp_severe"]]
    expected = (np.log(joint) + np.log1p(-m.p[t, :, m.index["hypotension"]]))[live]
    assert np.allclose(change - change[0], expected - expected[0], atol=1e-9)


@pytest.mark.parametrize("weeks", [22, 30, 36])
def test_hellp_with_a_normal_pressure_keeps_its_place(engine, weeks):
    # HELLP without hypertension is 10-20% of HELLP (sibai-2004): right upper belly
    # pain with vomiting keeps it among the leading causes once the reading counts
    # once; it is rarer before 24 weeks, so there the bar is the top five
    data = case(weeks, ["pain_upper_abdomen", "nausea_vomiting"], systolic_bp=118,
                diastolic_bp=72)
    r = engine.assess(data, explain=False)
    assert r.ranked.index("preeclampsia_hellp") < (5 if weeks < 24 else 3)
    assert r.triage.level in ("emergency", "emergency_ambulance")


def test_a_child_with_its_parent_present_is_its_own_probability(engine):
    # heavy bleeding stated with bleeding: P(heavy | c), not P(bleeding | c) x P(heavy | c)
    only_parent = case(30, ["vaginal_bleeding"])
    both = case(30, ["vaginal_bleeding", "heavy_vaginal_bleeding"])
    change, live = odds_change(engine, only_parent, both)
    m = engine.model
    given = (m.p[2, :, m.index["heavy_vaginal_bleeding"]]
             / m.p[2, :, m.index["vaginal_bleeding"]])[live]
    assert np.allclose(change - change[0], np.log(given) - np.log(given[0]), atol=1e-9)


def test_a_nested_finding_absent_with_its_parent_explains_nothing(engine):
    r = engine.assess(case(30, ["pain_upper_abdomen"], systolic_bp=118, diastolic_bp=72))
    for e in r.explanations:
        named = {f.finding for f in e.raised + e.lowered}
        assert "bp_severe" not in named


def test_every_derived_nesting_holds_for_every_reading(pack):
    # ``within`` is a claim about thresholds: every reading that meets the child meets
    # the parent. Check it on a grid of readings, so a changed threshold cannot break it.
    engine = Engine(pack)
    nested = [(c, q) for c, q in pairs(pack) if c not in pack.info]
    assert nested, "the pack declares derived nestings (bp_severe, marked_tachycardia)"
    readings = itertools.product([60, 89, 90, 120, 139, 140, 159, 160, 200],
                                 [40, 89, 90, 109, 110, 130], [50, 99, 100, 129, 130, 180])
    for sbp, dbp, hr in readings:
        ev = engine.model.evidence(engine.case(case(30, systolic_bp=sbp, diastolic_bp=dbp,
                                                    heart_rate=hr)))
        for child, parent in nested:
            if child in ev.present:
                assert parent in ev.present, (child, parent, sbp, dbp, hr)


def test_interview_batch_scores_nested_findings_like_the_engine(engine):
    from gravida.interview.policy import LevelPolicy

    ev = engine.model.evidence(engine.case(case(30, ["pain_upper_abdomen"], systolic_bp=150,
                                                diastolic_bp=95)))
    pos, neg = engine.model.vector(ev)
    mine = LevelPolicy(engine.model).posteriors(30.0, pos[None, :], neg[None, :])[0]
    assert np.allclose(mine, engine.model.posterior(ev), atol=1e-12)


def test_a_child_likelier_than_its_parent_is_refused(tmp_path: Path):
    dest = tmp_path / "pack"
    shutil.copytree(default_pack_dir(), dest)
    f = dest / "likelihoods" / "obstetric.yaml"
    data = yaml.safe_load(f.read_text())
    data["likelihoods"]["placental_abruption"]["heavy_vaginal_bleeding"] = [0.9, "rcog-gtg63"]
    f.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(PackError, match="heavy_vaginal_bleeding"):
        Engine(load_pack(dest))
