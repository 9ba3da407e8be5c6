"""The work-up beam's compiled loops (_beam.c) against numpy's: the same floats, bit for bit.

The compiled module is optional (an install without a C compiler uses numpy), so
these tests skip where it was not built; where it was, every kept history, mass,
generation and information must be exactly what numpy computes, ties at a cut
included. A build that fused a*b+c into one instruction would fail here.
"""

from __future__ import annotations

import os
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gravida.advice.workup import information, leading, suggest

from .test_workup import _PanelOnly, _random_beam_case, _random_panel, _random_prior

native = information._native
built = pytest.mark.skipif(native is None, reason="the compiled beam was not built")


@pytest.mark.skipif(os.environ.get("CI") != "true", reason="CI only: a machine with gcc")
def test_ci_builds_the_compiled_beam():
    # optional at install, so a failed build would pass unnoticed: CI (gcc and Python's
    # headers at hand, as on a Debian machine) must have built it
    assert native is not None


def _grow(prior: np.ndarray, panel: list[np.ndarray], lik: np.ndarray,
          use_native: bool) -> tuple[information._Histories, float, information._Histories]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(information, "_native", native if use_native else None)
        h = information._Histories.start(prior)
        for m in panel:
            h = h.then(m)
        # the panel again, several tests at a time while they fit (as the work-up grows it)
        grouped = suggest._histories({(): information._Histories.start(prior)},
                                     tuple(range(len(panel))), _PanelOnly(panel))
        return h, h.information(lik), grouped


def _same(a: information._Histories, b: information._Histories) -> None:
    assert a.joint.shape == b.joint.shape
    assert np.array_equal(a.joint, b.joint)  # same columns in the same order
    assert np.array_equal(a.mass, b.mass)
    assert len(a.generations) == len(b.generations)
    for x, y in zip(a.generations, b.generations, strict=True):
        assert (x.parents, x.cut) == (y.parents, y.cut)
        assert (x.kept is None) == (y.kept is None)
        if x.kept is not None:
            assert np.array_equal(x.kept, y.kept)
        assert np.array_equal(x.mass, y.mass)


@built
@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), bound=st.sampled_from([2, 3, 16, 64, 512, 4096]),
       coarse=st.booleans(), distributions=st.booleans())
def test_compiled_beam_keeps_numpys_histories_and_floats(seed, bound, coarse, distributions):
    prior, panel, test = _random_beam_case(seed, coarse, distributions)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(information, "MAX_HISTORIES", bound)
        fast, fast_info, fast_grouped = _grow(prior, panel, test, True)
        slow, slow_info, slow_grouped = _grow(prior, panel, test, False)
    _same(fast, slow)
    _same(fast_grouped, slow_grouped)
    assert repr(fast_info) == repr(slow_info)


@built
def test_compiled_beam_on_a_full_size_cut():
    # 4,096 histories times five results, masses spread over many orders of magnitude
    rng = np.random.default_rng(7)
    k = 6
    prior = rng.dirichlet(np.ones(k))
    panel = [rng.dirichlet(np.full(r, 0.4), size=k) for r in (4, 4, 3, 2, 4, 2, 3, 5, 4, 2)]
    fast, fast_info, fast_grouped = _grow(prior, panel, panel[-1], True)
    slow, slow_info, slow_grouped = _grow(prior, panel, panel[-1], False)
    assert sum(g.cut for g in fast.generations) >= 3
    _same(fast, slow)
    _same(fast_grouped, slow_grouped)
    assert repr(fast_info) == repr(slow_info)


@built
def test_compiled_loops_refuse_wrong_buffers():
    assert native is not None
    joint, lik = np.ones((2, 3)), np.ones((2, 2))
    with pytest.raises(ValueError, match="too short"):
        native.joint_results(2, 3, 2, joint, lik, np.empty(5))
    with pytest.raises(ValueError, match="positive"):
        native.joint_results(0, 3, 2, joint, lik, np.empty(6))
    with pytest.raises(ValueError, match="item size"):
        native.joint_results(2, 3, 2, joint.astype(np.float32), lik, np.empty(6))
    with pytest.raises(ValueError, match="ascending"):
        native.gather(2, 3, 2, joint, lik, np.ones(6), np.array([3, 1]), 2, np.empty(2),
                      np.empty(4))
    with pytest.raises(BufferError):  # an output that cannot be written
        native.joint_results(2, 3, 2, joint, lik, np.empty(6).tobytes())


def _edge_masses(rng: np.random.Generator, n: int) -> np.ndarray:
    """Masses on and next to the edges of the cut's histogram buckets (a bucket holds the
    doubles that share their top 16 bits) and of the negligible mass, with ties."""
    neg = information.NEGLIGIBLE
    base = int(np.array(neg).view(np.int64)) >> 48
    buckets = rng.integers(0, 2100, n)  # past the last bucket (2047) too
    edges = ((base + buckets) << 48).astype(np.int64).view(np.float64)
    step = rng.integers(-1, 2, n)  # just below, on, or just above the edge
    out = np.where(step < 0, np.nextafter(edges, 0.0),
                   np.where(step > 0, np.nextafter(edges, np.inf), edges))
    special = rng.integers(0, 8, n)
    out = np.where(special == 0, neg, out)
    out = np.where(special == 1, np.nextafter(neg, np.inf), out)
    out = np.where(special == 2, np.nextafter(neg, 0.0), out)
    out = np.where(special == 3, out[rng.integers(0, n, n)], out)  # ties
    return np.asarray(np.minimum(out, 1.0), dtype=float)


@built
@settings(max_examples=120, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(20, 3000),
       bound=st.sampled_from([3, 17, 256, 1024]))
def test_compiled_cut_at_the_histogram_bucket_edges(seed, n, bound):
    # one condition and a test that leaves every history's mass as it is (x * 1.0): the
    # children's masses are exactly the drawn ones, so the cut's threshold falls on a
    # bucket's edge, on the negligible mass or between ties as often as it can
    masses = _edge_masses(np.random.default_rng(seed), n)
    histories = information._Histories(masses[None, :], masses, ())
    keep_all = np.ones((1, 1))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(information, "MAX_HISTORIES", bound)
        fast = histories.then(keep_all)
        mp.setattr(information, "_native", None)
        slow = histories.then(keep_all)
    _same(fast, slow)


# --- the whole search of the later lines in one call (suggest._later_native) ---------------

search_built = pytest.mark.skipif(information._search is None,
                                  reason="the compiled search was not built")


def _random_search(seed: int, coarse: bool) -> suggest.Later:
    """A random search of both later lines: candidates' tables over 1-6 conditions, a
    second-line panel, an ionising one sharing a prefix of it, tests for each, and the
    first-line scores and urgent tests that decide the bounds."""
    rng = np.random.default_rng(seed)
    prior = _random_prior(rng, coarse)
    k = len(prior)
    tables = _random_panel(rng, k, coarse) + _random_panel(rng, k, coarse)
    tables = tables or [np.full((k, 2), 0.5)]
    n = len(tables)
    order = [int(x) for x in rng.permutation(n)]
    cut = int(rng.integers(0, n + 1))
    second = tuple(order[:cut])
    shared = int(rng.integers(0, len(second) + 1))
    ionising = second[:shared] + tuple(int(x) for x in rng.permutation(second[shared:])) \
        + tuple(order[cut:cut + int(rng.integers(0, 3))])
    rest = order[cut:]
    tests = {"second": [g for g in rest if rng.random() < 0.5],
             "ionising": [g for g in rest if rng.random() < 0.4]}
    rows = tuple(information.row_terms(m) for m in tables)
    lead = SimpleNamespace(panel_lik=tuple(tables), panel_rows=rows, not_distributions=False,
                           candidates=tuple(f"t{g}" for g in range(n)),
                           flat=leading.flat_tables(tuple(tables), rows))
    return suggest.Later(prior, lead, {"first": 1.0, "second": float(rng.uniform(0.3, 1.0)),  # type: ignore[arg-type]
                                       "ionising": float(rng.uniform(0.1, 1.0))},
                         {"second": second, "ionising": ionising}, tests,
                         rng.uniform(0, 2, int(rng.integers(0, 8))).tolist(),
                         int(rng.integers(0, 3)), bool(rng.random() < 0.5),
                         int(rng.integers(1, 8)))


def _searched(later: suggest.Later, native: bool) -> tuple[dict[int, str], dict[int, object]]:
    info: dict[int, float] = {}
    given: dict[int, tuple[str, ...]] = {}
    if native:
        assert suggest._later_native(later, info, given)
    else:
        suggest._later_python(later, info, given)
    return {n: repr(x) for n, x in info.items()}, dict(given)


@search_built
@settings(max_examples=300, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), bound=st.sampled_from([2, 3, 16, 64, 512, 4096]),
       coarse=st.booleans())
def test_compiled_search_is_the_python_search(seed, bound, coarse):
    # the same histories grown in the same blocks from the same prefixes, cut alike (ties
    # in the defined order), bounds checked alike: every information the same float
    later = _random_search(seed, coarse)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(information, "MAX_HISTORIES", bound)
        assert _searched(later, True) == _searched(later, False)


@search_built
def test_compiled_search_on_full_size_cuts_with_ties():
    # panels of 10-14 tests over 4,096 histories, coarse tables: many cuts, ties at them
    hits = 0
    for seed in range(60):
        later = _random_search(seed, coarse=seed % 2 == 0)
        fast = _searched(later, True)
        assert fast == _searched(later, False)
        hits += len(fast[1])
    assert hits > 0  # some tests were valued given a whole panel


@search_built
def test_compiled_work_ups_are_the_python_ones(engine):
    # every dev vignette's work-up, the compiled search against the Python one
    import yaml

    from ..conftest import DEV_VIGNETTES

    searched = 0
    for v in yaml.safe_load(DEV_VIGNETTES.read_text()):
        a = engine.assess(engine.case(v["case"]))
        fast = [(w.to_json(), repr(w.information_bits), repr(w.score))
                for w in suggest.suggested_workup(engine.pack, a)]
        with pytest.MonkeyPatch.context() as mp:
            calls: list[int] = []
            mp.setattr(information, "_search", None)
            mp.setattr(suggest, "_later_python", _counted(suggest._later_python, calls))
            slow = [(w.to_json(), repr(w.information_bits), repr(w.score))
                    for w in suggest.suggested_workup(engine.pack, a)]
        searched += len(calls)
        assert fast == slow
    assert searched > 20


def _counted(f, calls):
    def g(*args):
        calls.append(1)
        return f(*args)
    return g


@search_built
def test_numpys_log2_is_the_one_called():
    assert native is not None
    x = np.concatenate((np.random.default_rng(5).random(20_000),
                        10.0 ** np.random.default_rng(6).uniform(-300, 300, 20_000)))
    out = np.empty_like(x)
    native.log2(x, out)
    assert out.tobytes() == np.log2(x).tobytes()
    assert native.use_log2(np.exp) is False  # not log2: refused, the one found kept
    assert native.use_log2(len) is False
    native.log2(x, out)
    assert out.tobytes() == np.log2(x).tobytes()


@search_built
def test_compiled_search_refuses_wrong_input():
    later = _random_search(3, False)
    tables, offsets, widths, bits = later.lead.flat
    args = [later.prior, tables, offsets, widths, bits, (0,), [1], 0.5, (), [], 0.5, [], 0,
            False, 5, 4096, 1e-15]
    assert native is not None
    too_far = list(args)
    too_far[5] = (len(widths),)
    with pytest.raises(ValueError, match="candidate"):
        native.search(*too_far)
    short = list(args)
    short[4] = bits[:-1]
    with pytest.raises(ValueError, match="disagree"):
        native.search(*short)
    outside = list(args)
    outside[1] = tables[:-1]
    with pytest.raises(ValueError, match="outside"):
        native.search(*outside)
