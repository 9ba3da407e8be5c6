"""Posteriors of many evidences that each differ from one evidence in a few findings.

The interview weighs every possible answer of every question (select.py): about a
hundred evidences a plan, each the current one with one answer added (and, for the
red-flag subsets of the triage, some red flags set aside). ``Model.scores`` would
score each from scratch: four products of (rows x findings) by (findings x
conditions) matrices, most of the work spent multiplying zeros. Here each row is
the current evidence's linear log score plus the factors of the few findings its
answer changes (gathered from the model's own tables), plus the nesting correction
and the mixture of the co-existing ache exactly as ``Model.log_likelihood`` forms
them: the same formula, summed in another order (equal to the last bits).

Every row is computed on its own, by element-wise operations in the order its
cells are given: a row's posterior does not depend on which other rows are scored
with it, so any subset of the answers can be scored alone and gets the same
numbers (the interview's decision scores only what it needs).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from gravida.engine.model import Model, softmax, trimester
from gravida.engine.native import current

try:  # the rows' scores in C (_near.c), where `pip install` could build it
    from gravida.engine import _near as _native
except ImportError:  # no compiler at install: numpy does the same work, to the same floats
    _native = None  # type: ignore[assignment]
# a build older than this code falls back to numpy, logged (engine/native.py; _near.c)
_CALLS = ("centre", "figures", "levels", "mixture_parts", "normalise", "pairs", "scores")
_native = current(_native, _CALLS, __name__)  # type: ignore[assignment]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_NO_INTS: IntArray = np.zeros(0, dtype=np.int64)
_NO_FLOATS: FloatArray = np.zeros(0)


def compiled_levels(sizes: tuple[int, int, int, int, int], arrays: tuple[object, ...]) -> bool:
    """The levels loop of ``LevelPolicy.hypothesis_levels`` in compiled code (_near.c's
    ``levels``, which documents the arrays), where it was built; False where it was not
    (the caller then does the same work with numpy)."""
    if _native is None:
        return False
    _native.levels(sizes, arrays)
    return True


def compiled_figures(sizes: tuple[int, int, int, int, int, int],
                     params: tuple[float, float, float],
                     arrays: tuple[object, ...]) -> int | None:
    """The per-answer and per-question figures of ``interview.lookahead.figures`` in
    compiled code (_near.c's ``figures``, which documents the arrays), filling the
    output arrays and returning the leading condition now; None where it was not
    built (the caller then does the same work with numpy)."""
    if _native is None:
        return None
    return _native.figures(sizes, params, arrays)

def compiled_pairs(sizes: tuple[int, int, int, int, int, int], flags: tuple[bool, bool],
                   params: tuple[float, float], arrays: tuple[object, ...]) -> bool:
    """The pairs of answers of ``interview.lookahead.pair_crossing`` in compiled code
    (_near.c's ``pairs``, which documents the arrays), marking the output in place;
    False where it was not built (the caller then does the same work with numpy)."""
    if _native is None:
        return False
    _native.pairs(sizes, flags, params, arrays)
    return True


# Not clinical: a bound on memory (each variant table at most 728 x 36 floats).
VARIANTS_KEPT = 256


class Variants(NamedTuple):
    """Changes to an evidence, each a row: engine.triage's variants of some red flags."""

    cols: IntArray  # the findings' columns
    d_pos: FloatArray  # per variant and column: -1 where the finding is no longer present
    d_neg: FloatArray  # ... +1 where it is now absent


class NearScores:
    """Posteriors of evidences near one; immutable, built once per model."""

    def __init__(self, model: Model) -> None:
        self.model = model
        co = model.coexisting
        self.n_c = len(model.conditions)
        self.co = co
        # per trimester, (findings x (conditions + co-existing)): the factor a present
        # (``yes``) or absent (``no``) finding adds to the alone and "with the ache" scores
        self.yes = np.ascontiguousarray(np.concatenate(
            [np.transpose(model.log_p, (0, 2, 1)), np.transpose(model.log_p_with, (0, 2, 1))],
            axis=2))
        self.no = np.ascontiguousarray(np.concatenate(
            [np.transpose(model.log_q, (0, 2, 1)), np.transpose(model.log_q_with, (0, 2, 1))],
            axis=2))
        # the nesting correction: per (child, parent) pair four states, each a row of
        # the alone and "with the ache" corrections; the pairs' columns among all findings
        nest, nest_with = model.nesting, model.nesting_with
        self.pair_child, self.pair_parent = nest.child, nest.parent
        self.nest_cols: IntArray = np.unique(np.concatenate([nest.child, nest.parent]))
        self._nested = np.zeros(len(model.findings), dtype=bool)
        self._nested[self.nest_cols] = True
        where = {int(j): u for u, j in enumerate(self.nest_cols)}
        self._child_u = np.array([where[int(j)] for j in nest.child], dtype=np.int64)
        self._parent_u = np.array([where[int(j)] for j in nest.parent], dtype=np.int64)
        self.corrections = np.concatenate([
            np.concatenate([nest.both_present, nest_with.both_present], axis=2),
            np.concatenate([nest.parent_only, nest_with.parent_only], axis=2),
            np.concatenate([nest.both_absent, nest_with.both_absent], axis=2),
            # a child present with its parent absent (a soft implication only)
            np.concatenate([nest.child_only, nest_with.child_only], axis=2),
        ], axis=1)  # (trimester, 4 x pairs, conditions + co-existing)
        self.corrections = np.ascontiguousarray(self.corrections)
        self._variant_cache: dict[tuple[int, bytes, bytes, bytes], FloatArray] = {}
        # for the compiled scores: each finding's place among the nested ones (-1: none)
        self._local: IntArray = np.full(len(model.findings), -1, dtype=np.int64)
        self._local[self.nest_cols] = np.arange(len(self.nest_cols))
        self._co: IntArray = np.ascontiguousarray(co, dtype=np.int64)
        self._log_unmix = np.ascontiguousarray(model.log_unmix)
        self._log_mix = model.log_mix_first
        # (``linear``) the last read-only evidence's scores: (trimester, pos, neg, scores)
        self._last_linear: tuple[int, FloatArray, FloatArray, FloatArray] | None = None

    def linear(self, t: int, pos: FloatArray, neg: FloatArray) -> FloatArray:
        """One evidence's linear scores (alone, then with the ache), no correction.

        The last read-only evidence's are kept (read-only too): one interview decision
        scores several batches over the same evidence now (``LevelPolicy.base``'s
        vectors, which never change)."""
        last = self._last_linear
        if last is not None and last[1] is pos and last[2] is neg and last[0] == t:
            return last[3]
        out: FloatArray = pos @ self.yes[t] + neg @ self.no[t]
        if not (pos.flags.writeable or neg.flags.writeable):
            out.flags.writeable = False
            self._last_linear = (t, pos, neg, out)
        return out

    def posteriors(
        self, weeks: float, log_prior: FloatArray, base_pos: FloatArray, base_neg: FloatArray,
        n_rows: int, row: Sequence[int], col: Sequence[int],
        d_pos: Sequence[float], d_neg: Sequence[float],
        variants: Sequence[tuple[IntArray, Variants]] = (),
    ) -> tuple[FloatArray, IntArray]:
        """Posteriors of ``n_rows`` evidences, then of their variants, and each row's
        evidence (its owner). Each evidence is the base (indicator vectors
        ``base_pos``/``base_neg``) with the cells ``(row, col)`` changed by ``d_pos``
        and ``d_neg`` (+1 a finding becomes present/absent, -1 it no longer is), a
        row's cells added in the order given. ``variants``: (rows, their variants)
        for some rows, each variant a row of its own after them: that evidence with
        the variant's changes (engine.triage's red-flag variants).
        ``log_prior``: ``Model.log_prior(weeks)``."""
        t = trimester(weeks)
        rows = np.asarray(row, dtype=np.int64)
        cols = np.asarray(col, dtype=np.int64)
        dp = np.asarray(d_pos, dtype=float)
        dn = np.asarray(d_neg, dtype=float)
        if _native is not None:
            scores, owners = self._native_scores(t, base_pos, base_neg, n_rows, rows, cols,
                                                 dp, dn, variants)
            return self._native_softmax(t, log_prior, scores), owners
        scores, owners = self._scores(t, base_pos, base_neg, n_rows, rows, cols, dp, dn,
                                      variants)
        n_c, co = self.n_c, self.co
        alone = scores[:, :n_c]
        if co.size:
            alone[:, co] = self.model.mixed(t, alone[:, co], scores[:, n_c:])
        return softmax(log_prior + alone), owners

    def _native_softmax(self, t: int, log_prior: FloatArray, scores: FloatArray) -> FloatArray:
        """The posteriors from the rows' scores as ``posteriors`` forms them with numpy
        (the co-existing ache's mixture, the softmax): the additions, maxima, sums and
        divisions in compiled code (_near.c), numpy's own logaddexp and exp between."""
        assert _native is not None
        n_c, co = self.n_c, self.co
        full = scores
        if self.model.later_ranks:
            # the compiled calls read a condition's first two components (the main
            # rows and rank 2: n_c + len(co) columns); the later ranks are added below
            scores = np.ascontiguousarray(full[:, :n_c + len(co)])
        rows, w = scores.shape
        sizes = (rows, w, n_c, len(co))
        mixed = _NO_FLOATS
        if co.size:
            a, b = np.empty((rows, len(co))), np.empty((rows, len(co)))
            _native.mixture_parts(sizes, (scores, self._co, self._log_unmix[t],
                                          self._log_mix[t], a, b))
            mixed = np.logaddexp(a, b)
            for idx, place in self.model.later_ranks:  # a condition's third component on
                mixed[:, place] = np.logaddexp(
                    mixed[:, place], self.model.log_mix[t, idx] + full[:, n_c + idx])
        centred = np.empty((rows, n_c))
        _native.centre(sizes, (scores, self._co, mixed, np.ascontiguousarray(log_prior),
                               centred))
        out: FloatArray = np.exp(centred)
        _native.normalise((rows, n_c), (out,))
        return out

    def _native_scores(
        self, t: int, base_pos: FloatArray, base_neg: FloatArray, n_rows: int,
        rows: IntArray, cols: IntArray, dp: FloatArray, dn: FloatArray,
        variants: Sequence[tuple[IntArray, Variants]],
    ) -> tuple[FloatArray, IntArray]:
        """``_scores`` in compiled code (_near.c): the same floats, summed in numpy's
        order (tests/engine/test_near_native.py)."""
        assert _native is not None
        w = self.yes.shape[2]
        u = self.nest_cols
        if variants:
            ks = [np.asarray(k, dtype=np.int64) for k, _ in variants]
            vs = [v for _, v in variants]
            nk = np.array([len(k) for k in ks], dtype=np.int64)
            nv = np.array([len(v.d_pos) for v in vs], dtype=np.int64)
            nf = np.array([len(v.cols) for v in vs], dtype=np.int64)
            changes = [self._variant_scores(t, v) for v in vs]
            if len(vs) == 1:
                g_ks, g_change, g_cols = ks[0], changes[0], vs[0].cols
                g_dpos, g_dneg = vs[0].d_pos, vs[0].d_neg
            else:
                g_ks, g_change = np.concatenate(ks), np.concatenate(changes)
                g_cols = np.concatenate([v.cols for v in vs])
                g_dpos = np.concatenate([v.d_pos.ravel() for v in vs])
                g_dneg = np.concatenate([v.d_neg.ravel() for v in vs])
            total = n_rows + int(nk @ nv)
        else:
            nk = nv = nf = g_ks = g_cols = _NO_INTS
            g_change = g_dpos = g_dneg = _NO_FLOATS
            total = n_rows
        out = np.empty((total, w))
        owners = np.empty(total, dtype=np.int64)
        _native.scores(
            (n_rows, w, len(u), len(self._child_u), len(rows), len(nk), len(self._local),
             total),
            (self.linear(t, base_pos, base_neg), rows, cols, dp, dn, self.yes[t], self.no[t],
             self._local, base_pos[u], base_neg[u], self._child_u, self._parent_u,
             self.corrections[t], nk, nv, nf, g_ks, np.ascontiguousarray(g_change), g_cols,
             np.ascontiguousarray(g_dpos, dtype=float),
             np.ascontiguousarray(g_dneg, dtype=float), out, owners))
        return out, owners

    def _scores(
        self, t: int, base_pos: FloatArray, base_neg: FloatArray, n_rows: int,
        rows: IntArray, cols: IntArray, dp: FloatArray, dn: FloatArray,
        variants: Sequence[tuple[IntArray, Variants]],
    ) -> tuple[FloatArray, IntArray]:
        """The rows' log scores (alone, then with the ache) before the mixture, and
        each row's owner: numpy's way (``_native_scores`` where it was built)."""
        yes, no = self.yes[t], self.no[t]
        scores = np.repeat(self.linear(t, base_pos, base_neg)[None, :], n_rows, axis=0)
        if rows.size:
            _add_rows(scores, rows, dp[:, None] * yes[cols] + dn[:, None] * no[cols])
        # each row's state of the nested findings (0/1: exact whatever the order)
        u = self.nest_cols
        pos = np.repeat(base_pos[u][None, :], n_rows, axis=0)
        neg = np.repeat(base_neg[u][None, :], n_rows, axis=0)
        at = np.flatnonzero(self._nested[cols])
        if at.size:
            local = np.searchsorted(u, cols[at])
            np.add.at(pos, (rows[at], local), dp[at])
            np.add.at(neg, (rows[at], local), dn[at])
        owners = [np.arange(n_rows)]
        all_scores, all_pos, all_neg = [scores], [pos], [neg]
        for ks, v in variants:
            # a variant row: its evidence's scores plus the variant's (one sum per
            # variant, the same in every batch)
            change = self._variant_scores(t, v)
            all_scores.append((scores[ks][:, None, :] + change[None, :, :]
                               ).reshape(-1, scores.shape[1]))
            d_p = np.zeros((len(v.d_pos), len(u)))
            d_n = np.zeros((len(v.d_pos), len(u)))
            mine = np.flatnonzero(self._nested[v.cols])
            if mine.size:
                local = np.searchsorted(u, v.cols[mine])
                d_p[:, local] = v.d_pos[:, mine]
                d_n[:, local] = v.d_neg[:, mine]
            all_pos.append((pos[ks][:, None, :] + d_p[None, :, :]).reshape(-1, len(u)))
            all_neg.append((neg[ks][:, None, :] + d_n[None, :, :]).reshape(-1, len(u)))
            owners.append(np.repeat(ks, len(v.d_pos)))
        if len(all_scores) > 1:
            scores = np.concatenate(all_scores)
            pos, neg = np.concatenate(all_pos), np.concatenate(all_neg)
        self._add_nesting(t, scores, pos, neg)
        return scores, np.concatenate(owners)

    def _variant_scores(self, t: int, v: Variants) -> FloatArray:
        """Each variant's change to the linear scores (kept per flags and trimester)."""
        key = (t, v.cols.tobytes(), v.d_pos.tobytes(), v.d_neg.tobytes())
        hit = self._variant_cache.get(key)
        if hit is None:
            hit = np.zeros((len(v.d_pos), self.yes.shape[2]))
            for i, c in enumerate(v.cols.tolist()):  # flag by flag, in their order
                hit += v.d_pos[:, i:i + 1] * self.yes[t][c] + v.d_neg[:, i:i + 1] * self.no[t][c]
            if len(self._variant_cache) < VARIANTS_KEPT:
                self._variant_cache[key] = hit
        return hit

    def _add_nesting(self, t: int, scores: FloatArray, pos: FloatArray,
                     neg: FloatArray) -> None:
        """Each row's nesting correction (engine/nested.py) added to ``scores``, from
        its state of the nested findings (``pos``/``neg`` over ``nest_cols``); rows
        that know no nested child get none."""
        cp, cn = pos[:, self._child_u], neg[:, self._child_u]
        if not (cp.any() or cn.any()):
            return
        pp, pn = pos[:, self._parent_u], neg[:, self._parent_u]
        states = np.concatenate([cp * pp, cn * pp, cn * pn, cp * pn], axis=1)
        r, m = np.nonzero(states)
        _add_rows(scores, r, self.corrections[t][m])


def _add_rows(out: FloatArray, rows: IntArray, values: FloatArray) -> None:
    """``out[rows[i]] += values[i]`` for every i, ``rows`` in ascending order: the values
    of one row summed first (np.add.reduceat: the first, plus the pairwise sum of the
    others, column by column; _near.c sums them the same way), then added to it."""
    if not rows.size:
        return
    starts = np.flatnonzero(np.concatenate(([True], rows[1:] != rows[:-1])))
    out[rows[starts]] += np.add.reduceat(values, starts, axis=0)
