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
