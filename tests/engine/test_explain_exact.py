"""The explanations' cheaper path against the whole-array one it replaced: bit for bit.

``Model.likelihood_ratios`` keeps the prior and its total per week, skips the guards
for a zero rest where no rest is zero and takes each side's ratio only over its own
columns; ``assess._strongest_first`` orders the findings in Python where numpy's
``lexsort`` did. Elementwise float operations give the same float whatever an
array's shape, so every ratio must be the very float the old form gave, and every
order the same: checked here against a copy of the old form on drawn cases (any
findings, present or absent, nested pairs with and without their parents, any
week), and the order on drawn strengths with ties, zeros, infinities and NaN.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gravida.engine import Case, Engine
from gravida.engine.assess import _strongest_first
from gravida.engine.model import Evidence, FloatArray, Model, ranking, trimester

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
ENGINE = Engine()
MODEL = ENGINE.model
BOOLEANS = sorted(f for f, d in ENGINE.pack.findings.items() if d.kind == "boolean")
NESTED = sorted({f for pair in MODEL.nesting.pairs for f in pair} & set(BOOLEANS))


def _old_likelihood_ratios(
    self: Model, ev: Evidence, conditions: list[int]
) -> tuple[list[str], list[bool], FloatArray]:
    """``Model.likelihood_ratios`` as it was (main before this change), verbatim but for
    the nested findings' part, which it shares (``Model._given_parents``)."""
    t = trimester(ev.weeks)
    prior = np.exp(self.log_prior(ev.weeks))
    findings = sorted(ev.present) + sorted(ev.absent)
    is_present = [True] * len(ev.present) + [False] * len(ev.absent)
    cols = np.array([self.index[f] for f in findings], dtype=np.intp)
    p = self.p[t][:, cols]
    mix = prior @ p
    rows = np.array(conditions, dtype=np.intp)
    rest = prior.sum() - prior[rows]
    with np.errstate(invalid="ignore", divide="ignore"):
        others = (mix[None, :] - prior[rows, None] * p[rows]) / rest[:, None]
    others = np.where(rest[:, None] > 0, others, self.background[t][cols][None, :])
    mine = p[rows]
    self._given_parents(ev, t, cols.tolist(), rows, prior, mix, rest, mine, others)
    sign = np.array(is_present, dtype=bool)[None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        lr: FloatArray = np.where(sign, mine / others, (1.0 - mine) / (1.0 - others))
    return findings, is_present, lr


@st.composite
def _cases(draw: st.DrawFn) -> Case:
    """Any findings (nested ones often), split into present and absent, at any week."""
    chosen = draw(st.lists(st.one_of(st.sampled_from(BOOLEANS), st.sampled_from(NESTED)),
                           max_size=25, unique=True))
    k = draw(st.integers(0, len(chosen)))
    weeks = draw(st.one_of(st.integers(4, 42).map(float), st.floats(4.0, 42.0)))
    return Case({"gestational_weeks": weeks}, frozenset(chosen[:k]), frozenset(chosen[k:]))


@SETTINGS
@given(_cases(), st.lists(st.integers(0, len(MODEL.conditions) - 1), min_size=1, max_size=4))
def test_likelihood_ratios_are_the_old_floats(case: Case, extra: list[int]) -> None:
    ev = MODEL.evidence(case)
    for top in (ranking(MODEL.posterior(ev))[:3], extra):
        f_new, p_new, lr_new = MODEL.likelihood_ratios(ev, top)
        f_old, p_old, lr_old = _old_likelihood_ratios(MODEL, ev, top)
        assert (f_new, p_new) == (f_old, p_old)
        assert lr_new.shape == lr_old.shape
        assert lr_new.tobytes() == lr_old.tobytes()


def test_a_zero_rest_takes_the_background() -> None:
    """Where one condition is the only one possible (every other prior zero), it is
    compared with the finding's background rate, as before."""
    weeks = 30.125  # a week no other test reads: its priors are replaced here
    ev = MODEL.evidence(Case({"gestational_weeks": weeks}, frozenset({"fever"}),
                             frozenset({"vaginal_bleeding"})))
    only = np.full(len(MODEL.conditions), -np.inf)
    only[0] = 0.0
    MODEL._log_prior[weeks] = only
    MODEL._prior_totals.pop(weeks, None)
    try:
        new = MODEL.likelihood_ratios(ev, [0, 1])[2]
        old = _old_likelihood_ratios(MODEL, ev, [0, 1])[2]
    finally:
        del MODEL._log_prior[weeks]
        MODEL._prior_totals.pop(weeks, None)
    assert new.tobytes() == old.tobytes()
    assert np.isfinite(new).any()


_strength = st.one_of(st.floats(0.0, 5.0), st.sampled_from([0.0, -0.0, 0.25, np.inf]),
                      st.just(np.nan))


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(BOOLEANS), _strength), max_size=40,
                unique_by=lambda x: x[0]))
def test_the_order_is_lexsorts(pairs: list[tuple[str, float]]) -> None:
    findings = [f for f, _ in pairs]
    strength = [s for _, s in pairs]
    want = np.lexsort((findings, -np.array(strength, dtype=float))).tolist()
    assert _strongest_first(strength, findings) == want
