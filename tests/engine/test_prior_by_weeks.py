"""A prior by weeks (conditions.yaml: ``prior_by_weeks``), and acute fatty liver's late peak.

The engine's priors are by trimester; a condition whose source gives its gestational
distribution more finely may give bands of weeks, whose prior replaces the trimester's
inside them (docs/model.md, "Differential"). Acute fatty liver of pregnancy (AFLP) is
the one that does: its onset lies between 31 and 38 weeks in both series that give it
(reyes-1994: 31-38; ch-ng-2002: 33-38), mean gestation at delivery 36 weeks
(vigil-de-gracia-2011), while gallstones and pancreatitis have no such peak
(date-2008, ducarme-2014). Every reader of the priors goes through
``Model.log_prior`` (the engine, the interview's batch, the working diagnosis, the
pgmpy reference); ``Model.posterior_batch`` forms the same priors row by row.

The clinical cases are written from those descriptions, only the findings the
picture names; none is taken from a vignette.
"""

from __future__ import annotations

import numpy as np
import pytest

from gravida.engine import Case
from gravida.engine.model import ranking
from gravida.interview.policy import Hypothesis
from gravida.interview.session import selector
from gravida.knowledge.load import PackError, load_pack

from ..helpers import edited_pack

AFLP = "acute_fatty_liver_of_pregnancy"
GALL = "biliary_disease"
PANCREAS = "pancreatitis"

SICK = ["nausea_vomiting", "feeling_very_unwell"]


def _prior(engine, condition, weeks):
    i = engine.model.conditions.index(condition)
    return float(np.exp(engine.model.log_prior(weeks)[i]))


# --- the mechanism ---------------------------------------------------------------------


def test_a_band_replaces_the_trimester_prior_inside_it_and_only_there(engine, pack):
    bands = pack.conditions[AFLP].prior_by_weeks
    assert bands is not None
    trimester = pack.conditions[AFLP].prior
    for band in bands.bands:
        lo, hi = band.weeks
        assert _prior(engine, AFLP, lo) == pytest.approx(band.prior)
        assert _prior(engine, AFLP, hi - 0.01) == pytest.approx(band.prior)
    # outside every band: the trimester's prior (39 weeks, 24 weeks)
    covered = [b.weeks for b in bands.bands]
    assert not any(lo <= 39 < hi for lo, hi in covered)
    assert _prior(engine, AFLP, 39) == pytest.approx(trimester.third)
    assert _prior(engine, AFLP, 24) == pytest.approx(trimester.second)
    # a condition without bands keeps its trimester prior at every week
    for weeks in (29, 33, 39):
        assert _prior(engine, GALL, weeks) == pytest.approx(pack.conditions[GALL].prior.third)


def test_the_batch_and_the_single_posterior_agree_at_every_band(engine):
    # posterior_batch forms the priors row by row; Model.log_prior one week at a time
    model = engine.model
    weeks = np.array([20.0, 27.9, 28.0, 30.5, 31.0, 35.0, 38.9, 39.0, 41.0])
    evs = [model.evidence(engine.case({"gestational_weeks": float(w),
                                       "present": [*SICK, "pain_upper_abdomen"]}))
           for w in weeks]
    pos = np.array([model.vector(e)[0] for e in evs])
    neg = np.array([model.vector(e)[1] for e in evs])
    batch = model.posterior_batch(weeks, pos, neg)
    for row, ev in zip(batch, evs, strict=True):
        np.testing.assert_allclose(row, model.posterior(ev), atol=1e-12)


@pytest.mark.parametrize("weeks", [29.0, 33.0, 39.0])
def test_the_interviews_batch_uses_the_same_priors(engine, weeks):
    sel = selector(engine)
    ev = engine.model.evidence(Case({"gestational_weeks": weeks},
                                    frozenset({"jaundice", "nausea_vomiting"})))
    h = Hypothesis(ev.present, ev.absent, ev.numbers, frozenset())
    pos, neg = sel.policy.vectors(h)
    mine = sel.policy.posteriors(weeks, pos[None, :], neg[None, :])
    np.testing.assert_allclose(mine[0], engine.model.posterior(ev), atol=1e-12)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda b: b["bands"].append({"weeks": [30, 32], "prior": 0.001}), "overlap"),
        (lambda b: b["bands"].append({"weeks": [40, 39], "prior": 0.001}), "from < before"),
        (lambda b: b["bands"].append({"weeks": [40, 42], "prior": 1.5}), "less than 1"),
        (lambda b: b.update(src="no-such-source"), "no-such-source"),
        (lambda b: b.update(bands=[]), "at least 1"),
    ],
)
def test_a_bad_band_is_a_pack_error(tmp_path, edit, message):
    def broken(data):
        edit(data["conditions"][AFLP]["prior_by_weeks"])

    with pytest.raises(PackError, match=message):
        load_pack(edited_pack(tmp_path, "conditions.yaml", broken))


# --- acute fatty liver: late in the third trimester ------------------------------------


@pytest.mark.parametrize(
    ("weeks", "present"),
    [
        (35, [*SICK, "jaundice", "pain_upper_back"]),  # yellow, sick, the back between the blades
        (33, [*SICK, "jaundice", "pain_upper_abdomen"]),
        (36, [*SICK, "jaundice", "pain_upper_abdomen", "pain_dull_aching"]),
        (37, ["nausea_vomiting", "jaundice", "multiple_pregnancy"]),
    ],
)
def test_late_vomiting_with_jaundice_is_fatty_liver(engine, weeks, present):
    a = engine.assess({"gestational_weeks": weeks, "present": present,
                       "absent": ["pain_after_fatty_meals", "severe_headache"]})
    assert a.ranked[0] == AFLP
    assert a.triage.level == "emergency"


@pytest.mark.parametrize(
    ("weeks", "present"),
    [
        # the same pictures before the onset both series give (31 weeks): gallstones with a
        # stone in the duct, or the pancreas, are likelier there than fatty liver
        (29, [*SICK, "jaundice", "pain_upper_back"]),
        (29, [*SICK, "jaundice", "pain_upper_abdomen"]),
        (24, [*SICK, "jaundice", "pain_upper_abdomen"]),
        # late, but a fatty-meal colic under the right ribs: gallstones
        (35, [*SICK, "jaundice", "pain_upper_abdomen", "pain_right_side",
              "pain_after_fatty_meals"]),
    ],
)
def test_the_near_neighbours_are_not_fatty_liver(engine, weeks, present):
    data = {"gestational_weeks": weeks, "present": present, "absent": ["severe_headache"]}
    a = engine.assess(data)
    _, post = engine.posterior(engine.case(data))
    first = engine.model.conditions[ranking(post)[0]]
    assert first in (GALL, PANCREAS)
    assert a.ranked[0] != AFLP
    assert a.triage.level == "emergency"  # jaundice from 20 weeks, whatever the ranking


def test_the_peak_moves_fatty_liver_by_weeks_alone(engine):
    # the one picture at 29, 33 and 39 weeks: fatty liver's posterior follows its bands
    picture = {"present": [*SICK, "jaundice", "pain_upper_abdomen"]}
    p = {}
    for weeks in (29, 33, 39):
        _, post = engine.posterior(engine.case({"gestational_weeks": weeks, **picture}))
        p[weeks] = post[engine.model.conditions.index(AFLP)]
    assert p[29] < p[39] < p[33]
