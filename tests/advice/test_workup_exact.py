"""The work-up's arithmetic worked out in Python against numpy's: the same floats, bit for bit.

Where a few numpy calls on a handful of numbers were replaced by Python (they cost
more than the arithmetic), the replacement must give exactly the floats numpy gave,
since a work-up's scores, order and reasons are compared byte for byte between
checkouts. Each test keeps a verbatim copy of the numpy form it replaced.
"""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gravida.advice.workup.book import load_workup
from gravida.advice.workup.information import tempered
from gravida.advice.workup.leading import Leading
from gravida.advice.workup.suggest import _best_pairs, _ranked


def _tempered_numpy(probabilities: list[float], temper: float) -> np.ndarray:
    """``tempered`` as it was: numpy throughout."""
    p = np.asarray(probabilities, dtype=float)
    p = np.where(p > 0, p, 0.0) ** temper
    total = float(p.sum())
    if total <= 0 or not math.isfinite(total):
        return np.full(len(p), 1.0 / max(1, len(p)))
    return np.asarray(p / total, dtype=float)


_probability = st.one_of(
    st.floats(0.0, 1.0),
    st.floats(min_value=5e-324, max_value=1e-300),  # subnormal and tiny posteriors
    st.sampled_from([0.0, -0.0, 1.0, 0.5, 1e-12, float("nan"), float("inf"), -1.0]),
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_probability, min_size=0, max_size=12),
       st.sampled_from([0.5, 0.25, 1.0, 0.7]))
def test_tempered_is_numpys_bit_for_bit(probabilities: list[float], temper: float) -> None:
    new, old = tempered(probabilities, temper), _tempered_numpy(probabilities, temper)
    assert new.dtype == old.dtype and new.shape == old.shape
    assert new.tobytes() == old.tobytes()


def test_tempered_of_the_engines_posteriors_is_numpys() -> None:
    # posteriors as the engine gives them: a softmax over 29 conditions, the first six
    rng = np.random.default_rng(18)
    for _ in range(3000):
        scores = rng.normal(0.0, rng.uniform(0.5, 12.0), 29)
        post = np.exp(scores - scores.max())
        post /= post.sum()
        top = sorted(post.tolist(), reverse=True)[: int(rng.integers(1, 7))]
        assert tempered(top, 0.5).tobytes() == _tempered_numpy(top, 0.5).tobytes()


def _best_pairs_numpy(prior: np.ndarray, lead: Leading, listed: list[int]
                      ) -> list[tuple[int, int] | None]:
    """``suggest._best_pairs`` as it was: numpy over every cell of the listed tests."""
    at = np.asarray(listed)
    separable = lead.separable[at].reshape(len(listed), -1)
    weighted = np.outer(prior, prior)[None, :, :] * lead.separation[at]
    best = np.where(separable, weighted.reshape(len(listed), -1), -np.inf).argmax(axis=1)
    k = len(lead.ids)
    return [divmod(b, k) if ok else None
            for b, ok in zip(best.tolist(), separable.any(axis=1).tolist(), strict=True)]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_best_pairs_are_numpys(data: st.DataObject) -> None:
    book = load_workup(None)
    ids = tuple(data.draw(st.lists(st.sampled_from(sorted(book.entries)), min_size=1,
                                   max_size=6, unique=True)))
    lead = book.leading(ids)
    # posteriors with exact ties and zeros as well as spread ones, tempered as the work-up does
    p = data.draw(st.lists(st.one_of(st.floats(0.0, 1.0), st.sampled_from([0.0, 0.25, 1e-9])),
                           min_size=len(ids), max_size=len(ids)))
    prior = tempered(p, 0.5)
    listed = data.draw(st.lists(st.integers(0, len(lead.candidates) - 1), min_size=1,
                                max_size=len(lead.candidates), unique=True))
    assert _best_pairs(prior.tolist(), lead, listed) == _best_pairs_numpy(prior, lead, listed)


def _ranked_by_rounding(ns: list[int], score: dict[int, float],
                        confirm: tuple[float, ...]) -> list[int]:
    """The ranking as it was: every score rounded to 12 places."""
    return sorted(ns, key=lambda n: (-round(score[n], 12), confirm[n], n))


_score = st.one_of(
    st.floats(0.0, 3.0),
    st.sampled_from([0.0, 1.0, 0.5, 0.123456789012, 0.1234567890125, 0.1234567890115]),
    st.integers(0, 10**6).map(lambda i: i * 1e-12),  # on and between the 12th place's steps
    st.integers(-3, 3).map(lambda i: float(np.nextafter(0.4999999999995, 1.0 if i > 0 else 0.0))
                           if i else 0.4999999999995),
)


@settings(max_examples=800, deadline=None)
@given(st.lists(_score, min_size=0, max_size=16),
       st.lists(st.sampled_from([-0.5, -0.25, 0.0]), min_size=16, max_size=16))
def test_ranked_is_the_ranking_of_rounded_scores(scores: list[float], confirm: list[float]) -> None:
    # near and equal scores are the point: runs closer than _NEAR are rounded, the rest not
    ns = list(range(len(scores)))
    score = dict(enumerate(scores))
    assert _ranked(ns, score, tuple(confirm)) == _ranked_by_rounding(ns, score, tuple(confirm))
