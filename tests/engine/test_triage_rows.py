"""Triage's single-row Python against its numpy batch functions: the same answer, bit for bit.

``Triager.reasons`` reads her own row of posteriors (a few dozen floats) as Python
values (``_passing_row``, ``_counted_row``, ``Triager._summed_row``,
``_pairwise_sum``), while the red-flag variants keep the numpy batch functions
(``_passing``, ``_counted``, ``Triager._summed``). Both must decide alike: the
same conditions passing, the same counted ranks, the same summed rank and the
same summed posterior to the last bit (numpy's pairwise order of addition), on
rows with zeros, exact ties, values at a threshold, conditions set aside and
NaN; and the summed reason must name its contributors in numpy's order.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gravida.engine import Engine
from gravida.engine.model import leaders
from gravida.engine.triage import (
    _counted,
    _counted_row,
    _pairwise_sum,
    _passing,
    _passing_row,
)

SETTINGS = settings(max_examples=400, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
ENGINE = Engine()
TRIAGER = ENGINE.triager
N = len(ENGINE.model.conditions)
THRESHOLDS = TRIAGER.static_thresholds.tolist()
RANKS = TRIAGER.static_ranks.tolist()


@st.composite
def _rows(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
    """A row of posteriors over the pack's conditions (softmax-like, or with values
    copied from the thresholds, repeated values and zeros), and masks of conditions
    not suspected and set aside (each None or drawn)."""
    picks = st.one_of(
        st.floats(0.0, 1.0),
        st.sampled_from([0.0, 1e-300, *THRESHOLDS]),
    )
    row = np.array(draw(st.lists(picks, min_size=N, max_size=N)))
    if draw(st.booleans()):
        row = row / row.sum() if row.sum() > 0 else row
    if draw(st.integers(0, 30)) == 0:
        row[draw(st.integers(0, N - 1))] = np.nan
    masks = st.one_of(st.none(), st.lists(st.booleans(), min_size=N, max_size=N).map(np.array))
    return row, draw(masks), draw(masks)


@given(st.lists(st.floats(0.0, 1.0), max_size=300), st.integers(0, 40))
@settings(max_examples=400, deadline=None)
def test_the_pairwise_sum_is_numpys(values: list[float], zeros: int) -> None:
    values = values + [0.0] * zeros
    want = float(np.array(values)[None, :].sum(axis=1)[0])
    assert _pairwise_sum(values) == want or want != want


@SETTINGS
@given(_rows())
def test_one_row_decides_as_the_batch(drawn: tuple) -> None:
    row, unsuspected, within = drawn
    outside = None if within is None else ~within[None, :]
    post, lead = row.tolist(), int(leaders(row))
    u1 = None if unsuspected is None else unsuspected.tolist()
    o1 = None if within is None else (~within).tolist()
    thresholds, ranks = np.array(THRESHOLDS), np.array(RANKS)

    want = np.nonzero(_passing(row[None, :], thresholds, unsuspected, outside)[0])[0].tolist()
    assert _passing_row(post, THRESHOLDS, lead, u1, o1) == want

    counted = None if u1 is None and o1 is None else _counted_row(RANKS, lead, u1, o1)
    want_counted = _counted(row[None, :], ranks, unsuspected, outside)[0].tolist()
    assert (RANKS if counted is None else counted) == want_counted

    s_rank, s_mass = TRIAGER._summed(row[None, :], ranks, unsuspected, outside)
    got_rank, got_mass = TRIAGER._summed_row(post, RANKS, counted)
    assert got_rank == int(s_rank[0])
    assert np.float64(got_mass).tobytes() == s_mass[0].tobytes()  # every bit


@SETTINGS
@given(_rows())
def test_the_summed_reason_names_in_numpys_order(drawn: tuple) -> None:
    row = drawn[0]
    row[np.isnan(row)] = 0.0
    rank = max(r for r, _ in TRIAGER.cumulative)
    at = np.where(np.array(RANKS) >= rank, row, -1.0)
    order = [int(i) for i in np.argsort(-at) if at[i] > 0][:3]
    if not order:
        return
    reason = TRIAGER._summed_reason(rank, 0.5, row.tolist(), RANKS)
    names = [ENGINE.pack.conditions[ENGINE.model.conditions[i]].lay_name for i in order]
    assert reason.condition == ENGINE.model.conditions[order[0]]
    assert reason.says == ENGINE.pack.cumulative_says.format(conditions=", ".join(names))


@st.composite
def _batches(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray | None, np.ndarray]:
    """Red-flag variant rows (1-8 of ``_rows``' kind: ties, zeros, thresholds, NaN),
    a mask of conditions not suspected (or None) and each row's conditions set aside."""
    rows = draw(st.lists(_rows(), min_size=1, max_size=8))
    posts = np.array([r[0] for r in rows])
    for k in range(len(rows)):
        if draw(st.booleans()):  # each danger below its own threshold, their sum maybe not
            for rank, _ in TRIAGER.cumulative:
                for j in np.nonzero(np.array(RANKS) == rank)[0]:
                    posts[k, j] = THRESHOLDS[j] * draw(st.sampled_from([0.3, 0.6, 0.99]))
    if len(rows) > 1 and draw(st.booleans()):
        posts[1] = posts[0]  # two variants alike: the first of equals must be taken
    outside = np.array(draw(st.lists(st.lists(st.booleans(), min_size=N, max_size=N),
                                     min_size=len(rows), max_size=len(rows))))
    return posts, rows[0][1], outside


@SETTINGS
@given(_batches(), st.integers(-1, max(RANKS) + 1))
def test_variant_rows_in_python_pick_as_the_batch(drawn: tuple, current: int) -> None:
    """``Triager._pick_rows`` (the variants of one red flag, row by row in Python)
    picks the same row, condition, rank and summed posterior (every bit) as ``_pick``
    (numpy's batch), for any number of rows."""
    posts, unsuspected, outside = drawn
    want = TRIAGER._pick(posts, np.array(RANKS), np.array(THRESHOLDS), unsuspected,
                         outside, current)
    got = TRIAGER._pick_rows(posts, RANKS, THRESHOLDS,
                             None if unsuspected is None else unsuspected.tolist(),
                             outside, current)
    if want is None:
        assert got is None
        return
    assert got is not None
    assert got[:3] == want[:3] and got[4] == want[4]
    assert np.float64(got[3]).tobytes() == np.float64(want[3]).tobytes()
