"""Information theory for the work-up: how much a test's result would tell."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from gravida.engine.native import current
from gravida.knowledge.frozen import quick_init

if TYPE_CHECKING:
    from gravida.advice.workup.leading import Leading

try:  # the beam's inner loops in C (_beam.c), where `pip install` could build them
    from gravida.advice.workup import _beam as _native
except ImportError:  # no compiler at install: numpy does the same work, to the same floats
    _native = None  # type: ignore[assignment]
# a build older than this code falls back to numpy, logged (engine/native.py; _beam.c)
_CALLS = ("gather", "grow", "joint_results", "log2", "search", "step", "use_log2")
_native = current(_native, _CALLS, __name__)  # type: ignore[assignment]


def _numpys_log2(native: Any) -> bool:
    """Whether the compiled search can take logarithms as numpy does: it calls numpy's own
    float64 log2 loop (on a CPU with wide vectors numpy's last bits differ from the C
    library's), found in the ufunc's fields and checked here against ``np.log2`` on values
    across the doubles' range."""
    if native is None or not native.use_log2(np.log2):
        return False
    rng = np.random.default_rng(2)
    x = np.concatenate((rng.random(500), 10.0 ** rng.uniform(-307, 307, 500),
                        [5e-324, 1e-300, 1e-15, 0.5, 1.0, 3.0, 1e300]))
    out = np.empty_like(x)
    native.log2(x, out)
    return out.tobytes() == np.log2(x).tobytes()


# the whole search of a work-up's later lines in one compiled call (suggest._later)
_search = _native.search if _native is not None and _numpys_log2(_native) else None


# --- information ---------------------------------------------------------------------------


def _bits(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """x * log2(x) with 0 log 0 = 0."""
    out = np.zeros_like(x)
    mask = x > 0
    out[mask] = x[mask] * np.log2(x[mask])
    return out


def expected_information(prior: npt.NDArray[np.float64],
                         likelihood: npt.NDArray[np.float64]) -> float:
    """Mutual information (bits) between the condition and the test's result.

    ``prior`` is P(condition) over k conditions (sums to 1); ``likelihood`` is
    the k x r matrix P(result | condition). Equals the expected reduction in the
    entropy of the differential once the result is known.
    """
    joint = prior[:, None] * likelihood
    p_result = joint.sum(axis=0)
    h_prior = -float(_bits(prior).sum())
    h_post = -float(_bits(joint).sum()) + float(_bits(p_result).sum())
    return max(0.0, h_prior - h_post)


MAX_HISTORIES = 4096  # a bound on work when combining test results (not clinical)
NEGLIGIBLE = 1e-15  # a result history less probable than this is dropped (not clinical)


# No BLAS calls (np.dot, @) on long vectors here: OpenBLAS's threads make them
# hundreds of times slower when the machine's cores are busy serving requests.


def _xlogx(x: npt.NDArray[np.float64]) -> float:
    """The sum of x * log2(x) over all entries, with 0 log 0 = 0."""
    p = x[x > 0]
    return float((p * np.log2(p)).sum())


def _xlogx_rows(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Per row (last axis summed), x * log2(x) with 0 log 0 = 0."""
    logs = np.zeros(x.shape, x.dtype)  # np.zeros_like, without its Python call
    np.log2(x, out=logs, where=x > 0)
    return np.asarray((x * logs).sum(axis=-1), dtype=float)


@quick_init
@dataclass(frozen=True)
class _Generation:
    """One panel test applied to the result histories before it.

    Its children are numbered result-major (``result * parents + history``);
    ``kept`` lists those that survived (None: all), ``mass`` is P(history) of
    each, and ``cut`` says whether the beam was cut to MAX_HISTORIES here.
    Enough to rebuild any history's place in the order that defines which
    histories a cut keeps (see ``_Histories._defined_order``), without
    sorting every generation.
    """

    parents: int
    kept: npt.NDArray[np.intp] | None
    mass: npt.NDArray[np.float64]
    cut: bool


@quick_init
@dataclass(frozen=True)
class _Histories:
    """P(condition, history) over the most probable result histories of a panel.

    Tests are taken as conditionally independent given the condition (the
    same assumption as the engine). The joint is built one test at a time and
    only the MAX_HISTORIES most probable histories are kept, which bounds the
    work and loses a negligible mass. Equally probable histories at the edge
    of a cut are kept in a defined order (``_defined_order``), so the result
    does not depend on how the work is arranged.
    """

    joint: npt.NDArray[np.float64]  # k x histories
    mass: npt.NDArray[np.float64]  # P(history)
    generations: tuple[_Generation, ...]

    @classmethod
    def start(cls, prior: npt.NDArray[np.float64]) -> _Histories:
        joint = np.array(prior, dtype=float)[:, None]
        return cls(joint, joint.sum(axis=0), ())

    def then(self, *likelihoods: npt.NDArray[np.float64]) -> _Histories:
        """The histories once tests with these k x r likelihoods are done too.

        Several tests are done in one step only while their histories fit
        without a cut; the result is the same as one test at a time (a
        history dropped as negligible has only negligible descendants, and
        the combined result index orders histories as the results in turn).
        """
        k, h = self.joint.shape
        if len(likelihoods) == 1 and h * likelihoods[0].shape[1] > MAX_HISTORIES:
            return self._then_cut(likelihoods[0])
        if _native is not None:
            return self._then_native(likelihoods)
        grown = self.joint[:, None, :]
        for m in likelihoods:
            grown = (grown[:, :, None, :] * m[:, None, :, None]).reshape(k, -1, h)
        if len(likelihoods) > 1 and grown.shape[1] * h > MAX_HISTORIES:
            raise ValueError("tests done together must not need a cut")
        flat = grown.reshape(k, -1)
        mass = flat.sum(axis=0)
        kept, mass, cut = self._prune(mass, h)
        joint = flat if kept is None else np.take(flat, kept, axis=1)
        return _Histories(joint, mass, (*self.generations, _Generation(h, kept, mass, cut)))

    def _then_native(self, likelihoods: Sequence[npt.NDArray[np.float64]]) -> _Histories:
        """``then`` by the compiled loops (no cut): the same children and floats."""
        assert _native is not None
        joint = np.ascontiguousarray(self.joint, dtype=np.float64)
        k, h = joint.shape
        widths = [m.shape[1] for m in likelihoods]
        n = h * math.prod(widths)
        if len(likelihoods) > 1 and n > MAX_HISTORIES:
            raise ValueError("tests done together must not need a cut")
        tables = np.concatenate(likelihoods, axis=None, dtype=np.float64)  # each row-major
        out, mass, kept = np.empty(k * n), np.empty(n), np.empty(n, dtype=np.intp)
        count, all_kept = _native.grow(k, h, len(widths), np.array(widths, dtype=np.intp),
                                       joint, tables, NEGLIGIBLE, out, mass, kept,
                                       np.empty(n))
        mass = mass[:count]
        gen = _Generation(h, None if all_kept else kept[:count], mass, False)
        return _Histories(out[: k * count].reshape(k, count), mass, (*self.generations, gen))

    def _prune(
        self, mass: npt.NDArray[np.float64], h: int
    ) -> tuple[npt.NDArray[np.intp] | None, npt.NDArray[np.float64], bool]:
        """Which children survive: drop the negligible, then cut to MAX_HISTORIES.

        Returns the kept children's indices (None: all of them), their masses
        and whether the beam cut anything beyond the negligible ones.
        """
        kept: npt.NDArray[np.intp] | None = None
        keep = mass > NEGLIGIBLE
        if not keep.all():
            kept = np.flatnonzero(keep)
            mass = mass[kept]
        cut = bool(mass.shape[0] > MAX_HISTORIES)
        if cut:
            chosen = self._most_probable(mass, kept, h)
            kept = chosen if kept is None else kept[chosen]
            mass = mass[chosen]
        return kept, mass, cut

    def _then_cut(self, m: npt.NDArray[np.float64]) -> _Histories:
        """``then`` for one test whose children may need a cut.

        Every child is multiplied out (one broadcast product) and the kept ones
        are then taken from it: cheaper than computing the children's masses
        on their own and gathering the kept parents and results apart (two
        gathers across all conditions, the costliest part of a cut). The
        masses are summed over conditions in the same order as before (one
        condition after another), so they are the same floats.
        """
        if _native is not None:
            return self._then_cut_native(m)
        k, h = self.joint.shape
        grown = (self.joint[:, None, :] * m[:, :, None]).reshape(k, -1)
        kept, mass, cut = self._prune(grown.sum(axis=0), h)
        joint = grown if kept is None else np.take(grown, kept, axis=1)
        gen = _Generation(h, kept, mass, cut)
        return _Histories(joint, mass, (*self.generations, gen))

    def _then_cut_native(self, m: npt.NDArray[np.float64]) -> _Histories:
        """``_then_cut`` by the compiled loops: the same kept children and floats.

        One pass makes every child's mass (summed over conditions in numpy's
        order), counts them into a histogram of their leading bits to find the
        cut's bucket, selects the threshold within it, and gathers the kept
        children's columns, without the conditions x children array. Equally
        probable children straddling the cut come back to ``_defined_order``.
        """
        assert _native is not None
        joint = np.ascontiguousarray(self.joint, dtype=np.float64)
        lik = np.ascontiguousarray(m, dtype=np.float64)
        k, h = joint.shape
        r = lik.shape[1]
        n = h * r
        mass = np.empty(n)
        kept = np.empty(n, dtype=np.intp)
        kept_mass = np.empty(MAX_HISTORIES)
        out = np.empty(k * MAX_HISTORIES)
        count, cut, n_above, n_tied = _native.step(
            k, h, r, joint, lik, NEGLIGIBLE, MAX_HISTORIES, mass, np.empty(n), kept,
            kept_mass, out)
        if count < 0:  # a tie across the cut: the defined order decides, as in _most_probable
            tied = kept[n_above:n_above + n_tied]
            tied = tied[self._defined_order(tied, h)[:MAX_HISTORIES - n_above]]
            kept = np.sort(np.concatenate((kept[:n_above], tied)))
            count = kept.shape[0]
            _native.gather(k, h, r, joint, lik, mass, kept, count, kept_mass, out)
        kept = kept[:count]
        gen = _Generation(h, kept, kept_mass[:count], bool(cut))
        return _Histories(out[: k * count].reshape(k, count), kept_mass[:count],
                          (*self.generations, gen))

    def _most_probable(self, mass: npt.NDArray[np.float64], kept: npt.NDArray[np.intp] | None,
                       parents: int) -> npt.NDArray[np.intp]:
        """The MAX_HISTORIES most probable children (ascending indices into ``mass``)."""
        rank = mass.shape[0] - MAX_HISTORIES  # the MAX_HISTORIES-th largest, counted from below
        threshold = float(np.partition(mass, rank)[rank])
        at_least = np.flatnonzero(mass >= threshold)
        if at_least.shape[0] == MAX_HISTORIES:  # the usual case: no tie across the cut
            return at_least
        chosen = mass > threshold
        need = MAX_HISTORIES - int(np.count_nonzero(chosen))
        tied = np.flatnonzero(mass == threshold)
        if tied.shape[0] > need:  # keep the tied ones the defined order puts first
            children = tied if kept is None else kept[tied]
            tied = tied[self._defined_order(children, parents)[:need]]
        chosen[tied] = True
        return np.flatnonzero(chosen)

    def _defined_order(self, children: npt.NDArray[np.intp],
                       parents: int) -> npt.NDArray[np.intp]:
        """The order of these (equally probable) children that decides which a cut keeps.

        The definition: histories are held in the order they are grown (parent,
        then result), re-sorted stably by descending mass at every cut, and a
        cut keeps the first MAX_HISTORIES. Unrolled, a child sorts by its
        ancestors' masses at the earlier cuts (latest first), then by the
        results that make up its history (first test first), which needs only
        the ties themselves, not a sort of every generation.
        """
        keys: list[npt.NDArray[Any]] = []
        results = [children // parents]
        idx = children % parents
        for g in reversed(self.generations):
            if g.cut:
                keys.append(-g.mass[idx])
            grown = idx if g.kept is None else g.kept[idx]
            results.append(grown // g.parents)
            idx = grown % g.parents
        keys.extend(reversed(results))
        return np.lexsort(keys[::-1])

    @cached_property
    def _mass_bits(self) -> float:
        """The sum over histories of P(h) log2 P(h)."""
        return _xlogx(self.mass)

    @cached_property
    def _condition_mass(self) -> npt.NDArray[np.float64]:
        """P(condition, kept history) summed over the kept histories."""
        return np.asarray(self.joint.sum(axis=1), dtype=float)

    def information(self, likelihood: npt.NDArray[np.float64],
                    rows: RowTerms | None = None) -> float:
        """I(condition; test | history), in bits, for a test with this k x r likelihood.

        H(condition | history) - H(condition | history, result), written so
        that only P(history) and P(history, result) need logarithms: with l
        the likelihood rows, sum p l log(p l) = sum p log p * sum_r l +
        sum p * sum_r l log l per condition, and the first part cancels
        against H(condition | history) when the rows are distributions (as
        the pack's are); otherwise its remainder is added. ``rows``: the
        likelihood's own terms (``row_terms``), when the caller keeps them.
        """
        bits, excess, distributions = rows if rows is not None else row_terms(likelihood)
        per_condition = float((self._condition_mass * bits).sum())
        info = self._mass_bits + per_condition - self._joint_result_bits(likelihood)
        if not distributions:
            info += float((_xlogx_rows(self.joint) * excess).sum())
        return max(0.0, info)


    def _joint_result_bits(self, likelihood: npt.NDArray[np.float64]) -> float:
        """The sum of x log2 x over P(history, result) for a test with this likelihood."""
        if _native is None:
            return _xlogx(np.einsum("ch,cr->rh", self.joint, likelihood))
        joint = np.ascontiguousarray(self.joint, dtype=np.float64)
        lik = np.ascontiguousarray(likelihood, dtype=np.float64)
        k, h = joint.shape
        out = np.empty(h * lik.shape[1])
        p = out[: _native.joint_results(k, h, lik.shape[1], joint, lik, out)]
        return float((p * np.log2(p)).sum())


RowTerms = tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], bool]


def row_terms(likelihood: npt.NDArray[np.float64]) -> RowTerms:
    """What ``information`` needs of a k x r likelihood alone: each row's sum of
    l log2 l, each row's sum minus 1, and whether every row is a distribution."""
    excess = likelihood.sum(axis=1) - 1.0
    return _xlogx_rows(likelihood), excess, not bool(np.any(np.abs(excess) > 1e-12))


def conditional_information(prior: npt.NDArray[np.float64],
                            panel: Sequence[npt.NDArray[np.float64]],
                            likelihood: npt.NDArray[np.float64]) -> float:
    """I(condition; test | results of the panel), in bits.

    Tests are taken as conditionally independent given the condition (the same
    assumption as the engine). The joint P(condition, panel results) is built
    one test at a time; only the MAX_HISTORIES most probable result histories
    are kept, which bounds the work and loses a negligible mass.
    """
    h = _Histories.start(np.asarray(prior, dtype=float))
    for m in panel:
        h = h.then(np.asarray(m, dtype=float))
    return h.information(np.asarray(likelihood, dtype=float))


DIRECT_KEPT = 8  # sets of direct tests whose rows a Leading keeps (not clinical)

try:  # np.einsum is this call when not optimising, after its dispatch (about 1 us)
    from numpy._core.multiarray import c_einsum as _einsum
except ImportError:  # another numpy's layout: the public function, the same sums
    _einsum = np.einsum


def _expected_information_batch(prior: npt.NDArray[np.float64],
                                lead: Leading, tests: Sequence[int]) -> npt.NDArray[np.float64]:
    """expected_information of several candidate tests of ``lead`` at once.

    As H(result) - H(result | condition): the second term needs only each
    row's sum of l log l, which depends on the pack alone (``lead.row_bits``),
    so logarithms are taken only of P(result). Equal to H(condition) -
    H(condition | result) when the rows are distributions; otherwise the
    remainder is added. The tests' rows are kept on the Leading per set of tests
    (``direct_rows``, a few sets: they depend on the case's eligible tests).
    """
    key = tuple(tests)
    kept = getattr(lead, "direct_rows", None)
    rows = kept.get(key) if kept is not None else None
    if rows is None:
        at = np.asarray(key, dtype=np.intp)
        rows = (lead.lik[at], lead.row_bits[at], lead.row_excess[at])
        if kept is not None:
            if len(kept) >= DIRECT_KEPT:
                kept.clear()
            kept[key] = rows
    lik, bits, excess = rows
    p_result = _einsum("k,nkr->nr", prior, lik)
    info = -_xlogx_rows(p_result) + _einsum("k,nk->n", prior, bits)
    if lead.not_distributions:
        logs = np.zeros_like(prior)
        np.log2(prior, out=logs, where=prior > 0)
        info = info + _einsum("k,nk->n", prior * logs, excess)
    return np.asarray(np.maximum(0.0, info), dtype=float)


def tempered(probabilities: Sequence[float], temper: float) -> npt.NDArray[np.float64]:
    """p ** temper, renormalised: softens over-confident posteriors, keeps their order.

    With the pack's temper of 0.5 it is worked out in Python, to the same floats:
    numpy takes ``** 0.5`` as a square root (correctly rounded, as ``math.sqrt``)
    and sums a few numbers one after another (``_sum``); a dozen numpy calls on
    six numbers cost more than the arithmetic.
    """
    if temper == 0.5 and len(probabilities) < 8:
        roots = [math.sqrt(x) if x > 0 else 0.0 for x in map(float, probabilities)]
        total = _sum(roots)
        if total <= 0 or not math.isfinite(total):
            return np.full(len(roots), 1.0 / max(1, len(roots)))
        return np.array([x / total for x in roots])
    p = np.asarray(probabilities, dtype=float)
    p = np.where(p > 0, p, 0.0) ** temper
    total = float(p.sum())
    if total <= 0 or not math.isfinite(total):
        return np.full(len(p), 1.0 / max(1, len(p)))
    return np.asarray(p / total, dtype=float)


def _sum(values: Sequence[float]) -> float:
    """``np.sum`` of fewer than eight floats, bit for bit: numpy adds so few one after
    another, from zero (its pairwise summation starts only at eight)."""
    total = 0.0
    for x in values:
        total += x
    return total
