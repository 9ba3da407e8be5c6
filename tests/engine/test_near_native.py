"""The interview batch's compiled loops (_near.c) against numpy's: the same floats, bit for bit.

The compiled module is optional (an install without a C compiler uses numpy), so
these tests skip where it was not built; where it was, every row's log score and
owner (``NearScores``), every hypothesis's level (``LevelPolicy.hypothesis_levels``),
every question's figures (``lookahead.figures``) and the questions marked by pairs
of answers (``lookahead.pair_crossing``) must be exactly what numpy computes: sums
in numpy's pairwise order, ties between leaders within the tolerance, rows with
nothing known and NaN rows included. A build that fused a*b+c into one instruction
would fail here.
"""

from __future__ import annotations

import os
from typing import NamedTuple

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gravida.engine import Engine, near
from gravida.engine.model import trimester
from gravida.engine.near import Variants
from gravida.interview.decision import State
from gravida.interview.lookahead import answer_probabilities, figures, pair_crossing
from gravida.interview.policy import Batch, Hypothesis
from gravida.interview.session import selector

from ..strategies import cases as any_case

native = near._native
built = pytest.mark.skipif(native is None, reason="the compiled batch was not built")
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])
ENGINE = Engine()
SELECTOR = selector(ENGINE)
POLICY = SELECTOR.policy
NEAR = POLICY.near


@pytest.mark.skipif(os.environ.get("CI") != "true", reason="CI only: a machine with gcc")
def test_ci_builds_the_compiled_batch():
    # optional at install, so a failed build would pass unnoticed: CI (gcc and Python's
    # headers at hand) must have built it
    assert native is not None


def _same(a: np.ndarray, b: np.ndarray) -> None:
    assert a.dtype == b.dtype and a.shape == b.shape
    assert a.tobytes() == b.tobytes()  # every bit, -0.0 and NaN included


@st.composite
def _batches(draw: st.DrawFn) -> tuple:
    """A base evidence, rows that each change some findings (nested ones included; up
    to 20 cells a row, past numpy's eight-way pairwise sums) and groups of red-flag
    variants of some rows, as LevelPolicy.evaluate hands them to NearScores."""
    n_f = len(NEAR.yes[0])
    nested = NEAR.nest_cols.tolist()
    col = st.one_of(st.sampled_from(nested), st.integers(0, n_f - 1))
    t = draw(st.integers(0, 2))
    base_pos = np.zeros(n_f)
    base_neg = np.zeros(n_f)
    for j in draw(st.lists(col, max_size=12, unique=True)):
        (base_pos if draw(st.booleans()) else base_neg)[j] = 1.0
    n_rows = draw(st.integers(1, 12))
    rows, cols, dp, dn = [], [], [], []
    for r in range(n_rows):
        for j in draw(st.lists(col, max_size=20, unique=True)):
            rows.append(r)
            cols.append(j)
            dp.append(float(draw(st.sampled_from([-1, 0, 1]))))
            dn.append(float(draw(st.sampled_from([-1, 0, 1]))))
    variants = []
    free = list(range(n_rows))
    for _ in range(draw(st.integers(0, 3))):
        if not free:
            break
        ks = sorted(draw(st.lists(st.sampled_from(free), min_size=1, max_size=4, unique=True)))
        free = [k for k in free if k not in ks]
        flags = draw(st.lists(col, min_size=1, max_size=3, unique=True))
        n_v = draw(st.integers(1, 9))
        denied = np.array(draw(st.lists(st.lists(st.sampled_from([0.0, 1.0]), min_size=len(flags),
                                                 max_size=len(flags)),
                                        min_size=n_v, max_size=n_v)))
        unknown = np.array(draw(st.lists(st.lists(st.sampled_from([0.0, 1.0]),
                                                  min_size=len(flags), max_size=len(flags)),
                                         min_size=n_v, max_size=n_v))) * (1.0 - denied)
        variants.append((np.array(ks, dtype=np.int64),
                         Variants(np.array(flags, dtype=np.int64), -(unknown + denied),
                                  denied.copy())))
    return (t, base_pos, base_neg, n_rows, np.array(rows, dtype=np.int64),
            np.array(cols, dtype=np.int64), np.array(dp), np.array(dn), variants)


@built
@SETTINGS
@given(_batches())
def test_compiled_scores_are_numpys(batch):
    got, got_owner = NEAR._native_scores(*batch)
    want, want_owner = NEAR._scores(*batch)
    _same(got, want)
    _same(got_owner, want_owner)


@built
@SETTINGS
@given(_batches())
def test_compiled_posteriors_are_numpys(batch):
    # the scores, then the co-existing ache's mixture and the softmax around numpy's own
    # logaddexp and exp
    t, base_pos, base_neg, n_rows, rows, cols, dp, dn, variants = batch
    weeks = (10.0, 20.0, 30.0)[t]
    (got, got_owner), (want, want_owner) = _both(
        NEAR.posteriors, weeks, ENGINE.model.log_prior(weeks), base_pos, base_neg, n_rows,
        rows.tolist(), cols.tolist(), dp.tolist(), dn.tolist(), variants)
    _same(got_owner, want_owner)
    if np.isnan(want).any():  # which NaN (its sign bit) is not part of the contract
        assert np.array_equal(got, want, equal_nan=True)
    else:
        _same(got, want)


def _both(fn, *args):
    """``fn(*args)`` with the compiled loops, then with numpy's."""
    with pytest.MonkeyPatch.context() as mp:
        first = fn(*args)
        mp.setattr(near, "_native", None)
        return first, fn(*args)


@st.composite
def _posteriors(draw: st.DrawFn) -> tuple:
    """Rows of posteriors with exact ties, ties within the leader's tolerance, zeros
    and NaN rows; each row's hypothesis, ranks, floors and unsuspected conditions, and
    what the variant rows set aside."""
    c = len(ENGINE.model.conditions)
    n_levels = len(POLICY.threshold_by_rank)
    n = draw(st.integers(1, 6))
    values = st.sampled_from([0.0, 0.0, 0.01, 0.02, 0.05, 0.1, 0.12, 0.12 + 5e-10, 0.3,
                              0.3 - 5e-10, 0.5, 0.9])
    rows = draw(st.integers(n, 3 * n))
    post = np.array(draw(st.lists(st.lists(values, min_size=c, max_size=c), min_size=rows,
                                  max_size=rows)))
    if draw(st.booleans()):
        post[draw(st.integers(0, rows - 1))] = np.nan
    own = np.array(list(range(n)) + draw(st.lists(st.integers(0, n - 1), min_size=rows - n,
                                                    max_size=rows - n)), dtype=np.int64)
    ranks = np.array(draw(st.lists(st.lists(st.integers(0, n_levels - 1), min_size=c,
                                            max_size=c), min_size=n, max_size=n)),
                     dtype=np.int64)
    floors = np.array(draw(st.lists(st.integers(-1, n_levels - 1), min_size=n, max_size=n)),
                      dtype=np.int64)
    unsuspected = (np.array(draw(st.lists(st.lists(st.booleans(), min_size=c, max_size=c),
                                          min_size=n, max_size=n)))
                   if draw(st.booleans()) else None)
    # the rows after the hypotheses' own are red-flag variants: what each does not count
    aside = (np.array(draw(st.lists(st.lists(st.booleans(), min_size=c, max_size=c),
                                    min_size=rows - n, max_size=rows - n)),
                      dtype=bool).reshape(rows - n, c)
             if draw(st.booleans()) else None)
    return post, own, ranks, floors, unsuspected, aside


@built
@SETTINGS
@given(_posteriors())
def test_compiled_levels_are_numpys(drawn):
    got, want = _both(POLICY.hypothesis_levels, *drawn)
    _same(got, want)


@built
@SETTINGS
@given(any_case(max_findings=12), st.booleans())
def test_a_states_batch_is_numpys(case, whole):
    # every answer of every open question of a random state (its red flags' variants
    # included), each given as its changed findings or (``whole``) as a whole evidence
    a = SELECTOR.answers(State(case, frozenset(), frozenset(), 0, False))
    hyps = a.hyps if not whole else [a.hyps[0], *(Hypothesis(h.present, h.absent, h.numbers,
                                                             None) for h in a.hyps[1:])]
    got, want = _both(POLICY.evaluate, a.ev.weeks, hyps)
    for x, y in zip((got.level, got.posterior, got.condition_ranks, got.floor_rank),
                    (want.level, want.posterior, want.condition_ranks, want.floor_rank),
                    strict=True):
        _same(x, y)


@st.composite
def _answers(draw: st.DrawFn) -> tuple:
    """A batch's rows (posteriors with ties, zeros, a NaN row; levels) and answers to
    some questions (each question's answers together, as the selector lists them)."""
    c = len(ENGINE.model.conditions)
    k = draw(st.integers(1, 8))
    values = st.sampled_from([0.0, 0.0, 0.01, 0.05, 0.1, 0.3, 0.3 - 5e-10, 0.5, 1.0])
    posts = np.array(draw(st.lists(st.lists(values, min_size=c, max_size=c), min_size=k,
                                   max_size=k)))
    if k > 1 and draw(st.booleans()):
        posts[draw(st.integers(1, k - 1))] = np.nan
    n_levels = len(POLICY.threshold_by_rank)
    levels = np.array(draw(st.lists(st.integers(0, n_levels - 1), min_size=k, max_size=k)),
                      dtype=np.int64)
    entries, qi, rows, prob = [], [], [], []
    n_q = draw(st.integers(1, 6))
    for q in range(n_q):
        for part in range(draw(st.integers(1, 2))):
            for _ in range(draw(st.integers(1, 4))):
                entries.append((q, True, 0, part))
                qi.append(q)
                rows.append(draw(st.integers(0, k - 1)))
                prob.append(draw(st.sampled_from([0.0, 0.02, 0.05, 0.1, 0.25, 1 / 3, 0.5, 1.0])))
    answerable = draw(st.lists(st.sampled_from([0.5, 0.9, 1.0]), min_size=n_q, max_size=n_q))
    level0 = int(levels[0])
    raise_to = draw(st.integers(0, n_levels - 1))
    return answerable, entries, np.array(qi, dtype=np.int64), np.array(rows, dtype=np.int64), \
        np.array(prob), posts, levels, level0, raise_to


class _Q(NamedTuple):
    answerable: float


@built
@SETTINGS
@given(_answers())
def test_compiled_figures_are_numpys(drawn):
    answerable, entries, qi, rows, prob, posts, levels, level0, raise_to = drawn
    batch = Batch(levels, posts, levels, levels)
    args = (SELECTOR.params, [_Q(a) for a in answerable], entries, qi, rows, prob, batch,
            level0, raise_to)
    got, want = _both(figures, *args)
    for name, x, y in zip(got._fields, got, want, strict=True):
        if isinstance(x, np.ndarray):
            _same(x, y)
        else:
            assert (name, x) == (name, y)


@built
@SETTINGS
@given(any_case(max_findings=12), st.data())
def test_a_states_pairs_are_numpys(case, data):
    # the pairs of answers at either line, up and down, with and without each pair's
    # own plausibility and questions already marked, as the selector asks for them
    a = SELECTOR.answers(State(case, frozenset(), frozenset(), 0, False))
    if not a.entries:
        return
    batch = POLICY.evaluate(a.ev.weeks, a.hyps)
    prob = answer_probabilities(ENGINE.model, SELECTOR.implies, a.questions, a.entries,
                                a.hyps, batch.posterior[0], ENGINE.model.p[trimester(a.ev.weeks)],
                                a.ev)
    qi = np.array([e[0] for e in a.entries], dtype=np.int64)
    k = np.array([e[2] for e in a.entries], dtype=np.int64)
    o = SELECTOR.openings
    line = data.draw(st.sampled_from([o.emergency_rank, o.ambulance_rank]))
    fig = figures(SELECTOR.params, a.questions, a.entries, qi, k, prob, batch,
                  int(batch.level[0]), line)
    n_q = len(a.questions)
    known = data.draw(st.one_of(st.none(), st.lists(st.booleans(), min_size=n_q,
                                                     max_size=n_q).map(np.array)))
    weight = fig.likely if data.draw(st.booleans()) else None
    # a plausibility line low enough that most answers pair, so that the pairs are tried
    plausible = fig.likely >= data.draw(st.sampled_from([0.0, 1e-4, 0.05]))
    got, want = _both(pair_crossing, POLICY, data.draw(st.sampled_from([0.0, 1e-6, 0.05])),
                      qi, k, plausible, batch, line, data.draw(st.booleans()), n_q, known,
                      weight)
    _same(got, want)


@st.composite
def _pair_batches(draw: st.DrawFn) -> tuple:
    """A batch of made-up rows (posteriors with ties, zeros and rows of zeros; condition
    ranks on both sides of the line; signs required and not) and answers over it."""
    c = len(ENGINE.model.conditions)
    n = draw(st.integers(2, 12))
    values = st.sampled_from([0.0, 0.0, 0.01, 0.05, 0.1, 0.3, 0.3 - 5e-10, 0.5, 1.0])
    posts = np.array(draw(st.lists(st.lists(values, min_size=c, max_size=c), min_size=n,
                                   max_size=n)))
    posts[0] = np.where(posts[0] > 0, posts[0], 0.02)  # the evidence now: every condition
    n_levels = len(POLICY.threshold_by_rank)
    ranks = np.array(draw(st.lists(st.integers(0, n_levels - 1), min_size=c, max_size=c)),
                     dtype=np.int64)
    floor = np.array(draw(st.lists(st.integers(-1, n_levels - 1), min_size=n, max_size=n)),
                     dtype=np.int64)
    floor[0] = -1
    unsuspected = None
    if draw(st.booleans()):
        unsuspected = np.array(draw(st.lists(st.lists(st.booleans(), min_size=c, max_size=c),
                                             min_size=n, max_size=n)))
    batch = Batch(floor, posts, ranks, floor, unsuspected)
    n_q = draw(st.integers(1, 6))
    e = draw(st.integers(2, 24))
    qi = np.array(draw(st.lists(st.integers(0, n_q - 1), min_size=e, max_size=e)),
                  dtype=np.int64)
    k = np.array(draw(st.lists(st.integers(1, n - 1), min_size=e, max_size=e)), dtype=np.int64)
    weight = np.array(draw(st.lists(st.sampled_from([0.0, 0.02, 0.1, 0.5, 1.0]), min_size=e,
                                    max_size=e)))
    line = draw(st.integers(1, n_levels - 1))
    return batch, qi, k, weight, line, n_q


@built
@SETTINGS
@given(_pair_batches(), st.booleans(), st.booleans())
def test_compiled_pairs_are_numpys(drawn, down, weighted):
    batch, qi, k, weight, line, n_q = drawn
    got, want = _both(pair_crossing, POLICY, 0.01, qi, k, weight > 0, batch, line, down, n_q,
                      None, weight if weighted else None)
    _same(got, want)
