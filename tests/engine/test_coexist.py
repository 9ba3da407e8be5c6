"""The ordinary back ache of pregnancy beside a rarer cause (engine/coexist.py).

A co-existing condition is a mixture of itself alone and itself with the
ordinary ache, whose findings are a noisy-OR of the two causes. Checked here:
the tables, the mixture's arithmetic against a hand computation, that the other
conditions are untouched, the pack's checks, and the clinical class it is for
(a single warning sign beside an ordinary ache), without tying to any vignette.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from gravida.engine.assess import Engine
from gravida.engine.model import Model, trimester
from gravida.knowledge.load import PackError, load_pack

ORDINARY = ["pain_lower_back_central", "pain_dull_aching", "pain_worse_standing_sitting_long",
            "pain_relieved_by_rest"]


def case(weeks, present=(), absent=(), **numbers):
    return {"gestational_weeks": weeks, "present": list(present), "absent": list(absent),
            **numbers}


@pytest.fixture(scope="module")
def plain(pack):
    """The same pack without the co-existing ache: plain naive Bayes."""
    return Engine(replace(pack, coexisting=None))


def test_the_pack_declares_the_ordinary_ache(pack):
    co = pack.coexisting
    assert co is not None
    assert co.condition == "pregnancy_lumbar_pain"
    assert co.condition not in co.conditions
    # the mechanical alternatives to the ordinary ache are not co-existing with it
    assert not {"pelvic_girdle_pain", "muscle_strain", "disc_herniation_sciatica"} & set(
        co.conditions)


def test_with_the_ache_each_listed_finding_is_a_noisy_or(engine, pack):
    m = engine.model
    co = pack.coexisting
    b = m.conditions.index(co.condition)
    for cid in co.conditions:
        i = m.conditions.index(cid)
        k = list(m.coexisting).index(i)  # its row in the "with the ache" tables
        for t in range(3):
            prev = co.prevalence.by_trimester()[t]
            for f in pack.likelihoods[co.condition]:
                j = m.index[f]
                alone, ache = np.exp(m.log_p[t, i, j]), np.exp(m.log_p[t, b, j])
                assert np.exp(m.log_p_with[t, k, j]) == pytest.approx(
                    1 - (1 - alone) * (1 - prev * ache), rel=1e-12)


def test_findings_the_ache_does_not_list_are_untouched(engine, pack):
    m = engine.model
    listed = {m.index[f] for f in pack.likelihoods[pack.coexisting.condition]}
    other = [j for j in range(len(m.findings)) if j not in listed]
    first = m.log_p_with[:, :len(m.coexisting)]  # each condition's first form with the ache
    assert np.array_equal(m.log_p[:, m.coexisting][:, :, other], first[:, :, other])
    # and only the co-existing conditions have a "with the ache" component
    assert [m.conditions[i] for i in m.coexisting] == [
        c for c in m.conditions if c in pack.coexisting.conditions]


def test_other_conditions_are_plain_naive_bayes(engine, plain, pack):
    data = case(30, [*ORDINARY, "severe_headache"], ["visual_disturbance"])
    ours = engine.posterior(engine.case(data))[1]
    theirs = plain.posterior(plain.case(data))[1]
    m = engine.model
    ev = m.evidence(engine.case(data))
    pos, neg = m.vector(ev)
    t = trimester(ev.weeks)
    both = m.log_likelihood(t, pos, neg)
    alone = plain.model.log_likelihood(t, pos, neg)
    for i, cid in enumerate(m.conditions):
        if cid not in pack.coexisting.conditions:
            assert both[i] == alone[i]
    assert not np.allclose(ours, theirs)  # the mechanism does something


def test_the_mixture_matches_a_hand_computation(engine, pack):
    m: Model = engine.model
    ev = m.evidence(engine.case(case(30, ["pain_lower_back_central", "severe_headache"],
                                     ["pain_upper_abdomen"])))
    pos, neg = m.vector(ev)
    t = trimester(ev.weeks)
    i = m.conditions.index("preeclampsia_hellp")
    prev = pack.coexisting.prevalence.by_trimester()[t]

    def product(log_p, row):
        p = np.exp(log_p[t, row])
        out = 1.0
        for f in ev.present:
            out *= p[m.index[f]]
        for f in ev.absent:
            out *= 1 - p[m.index[f]]
        return out

    k = list(m.coexisting).index(i)
    expected = (1 - prev) * product(m.log_p, i) + prev * product(m.log_p_with, k)
    assert np.exp(m.log_likelihood(t, pos, neg)[i]) == pytest.approx(expected, rel=1e-12)


def test_marginal_table_is_the_mixture_of_the_two(engine, pack):
    # a condition in one form (the clot's two forms: tests/engine/test_forms.py)
    m = engine.model
    i = m.conditions.index("preeclampsia_hellp")
    j = m.index["pain_dull_aching"]
    prev = pack.coexisting.prevalence.by_trimester()[2]
    k = list(m.coexisting).index(i)
    assert m.p[2, i, j] == pytest.approx(
        (1 - prev) * np.exp(m.log_p[2, i, j]) + prev * np.exp(m.log_p_with[2, k, j]))


@pytest.mark.parametrize(
    ("weeks", "sign", "condition"),
    [
        (30, "severe_headache", "preeclampsia_hellp"),
        (34, "visual_disturbance", "preeclampsia_hellp"),
        (26, "calf_swelling_one_leg", "venous_thromboembolism"),
        (8, "shoulder_tip_pain", "ectopic_pregnancy"),
        (18, "pelvic_pressure", "threatened_miscarriage"),
        (30, "contractions_irregular", "braxton_hicks"),
    ],
)
def test_a_sign_beside_an_ordinary_ache_ranks_its_cause_higher(engine, plain, weeks, sign,
                                                               condition):
    # her ordinary ache no longer votes against the cause of the sign beside it
    data = case(weeks, [*ORDINARY, sign])
    with_ache = engine.assess(data, explain=False)
    without = plain.assess(data, explain=False)
    p_with = next(c.probability for c in with_ache.conditions if c.id == condition)
    p_without = next(c.probability for c in without.conditions if c.id == condition)
    assert p_with > p_without
    assert with_ache.ranked.index(condition) <= without.ranked.index(condition)


@pytest.mark.parametrize("weeks", [10, 24, 34])
def test_an_ordinary_ache_alone_is_still_the_ordinary_ache(engine, weeks):
    r = engine.assess(case(weeks, ORDINARY, ["contractions_irregular", "contractions_regular",
                                             "vaginal_bleeding", "fever"], pain_severity=4),
                      explain=False)
    assert r.ranked[0] == "pregnancy_lumbar_pain"
    assert r.triage.level == "self_care"


def _pack_with(tmp_path, pack, edit):
    import shutil

    import yaml

    d = tmp_path / "pack"
    shutil.copytree(pack.directory, d)
    path = d / "conditions.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data["coexisting"])
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return d


def test_a_condition_cannot_coexist_with_itself(tmp_path, pack):
    d = _pack_with(tmp_path, pack, lambda co: co["conditions"].append(co["condition"]))
    with pytest.raises(PackError, match="itself"):
        load_pack(d)


def test_an_unknown_coexisting_condition_is_refused(tmp_path, pack):
    d = _pack_with(tmp_path, pack, lambda co: co["conditions"].append("no_such_condition"))
    with pytest.raises(PackError, match="no_such_condition"):
        load_pack(d)


@pytest.mark.parametrize("weeks", [24, 30, 36])
def test_tightenings_beside_an_ordinary_ache_are_braxton_hicks(engine, weeks):
    # occasional irregular tightenings are Braxton Hicks by definition; the ache beside
    # them is the co-existing ordinary one, so both together lead with Braxton Hicks,
    # and the same ache with the tightenings denied is the ordinary ache
    both = engine.assess(case(weeks, [*ORDINARY, "contractions_irregular"],
                              ["contractions_regular", "vaginal_bleeding", "fluid_leak"]),
                         explain=False)
    assert both.ranked[0] == "braxton_hicks"
    assert both.ranked[1] == "pregnancy_lumbar_pain"
    assert both.triage.level == "self_care"
    denied = engine.assess(case(weeks, ORDINARY, ["contractions_irregular"]), explain=False)
    assert denied.ranked[0] == "pregnancy_lumbar_pain"
