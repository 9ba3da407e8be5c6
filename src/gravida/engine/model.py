"""The pack compiled into arrays, and a case turned into evidence for them.

Model (docs/model.md): naive Bayes over mutually exclusive conditions with a
leak. Each condition has a prior per trimester; each boolean finding has
P(present | condition), or the finding's background rate when the condition
does not list it. A present finding multiplies by p, an absent one by 1 - p,
an unknown one by nothing; a finding nested in another (heavy bleeding in
bleeding) counts only beyond its parent (engine/nested.py). Gestational-age
limits zero a condition outright.
Compiling once into log arrays makes one assessment a couple of small
matrix-vector products.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from gravida.engine.case import Case, finding_state
from gravida.engine.forms import components
from gravida.engine.nested import Nesting
from gravida.knowledge import expr
from gravida.knowledge.frozen import quick_init
from gravida.knowledge.load import Pack
from gravida.knowledge.schema import TRIMESTERS

FloatArray = npt.NDArray[np.float64]

# The trimester boundaries are the definition, not clinical numbers:
# first < 14 weeks, second 14-27, third >= 28.
TRIMESTER_STARTS: tuple[float, float] = (14.0, 28.0)


def trimester(weeks: float) -> int:
    """0, 1 or 2: the index of the trimester for a gestational age."""
    return 0 if weeks < TRIMESTER_STARTS[0] else 1 if weeks < TRIMESTER_STARTS[1] else 2


@quick_init
@dataclass(frozen=True)
class Evidence:
    """Everything the model conditions on, after implications and measurements."""

    weeks: float
    present: frozenset[str]
    absent: frozenset[str]
    numbers: Mapping[str, float]
    notes: tuple[str, ...]

    def state(self, finding: str) -> bool | float | None:
        return finding_state(finding, self.numbers, self.present, self.absent)

    def knows_any(self, findings: frozenset[str]) -> bool:
        """Whether any of ``findings`` is known (``state`` is not None for it): set
        tests, for a question asked of every candidate of every result."""
        return not (findings.isdisjoint(self.numbers) and findings.isdisjoint(self.present)
                    and findings.isdisjoint(self.absent))


# Not clinical: a bound on memory (log priors kept per gestational week).
LOG_PRIORS_KEPT = 512


class Model:
    """Arrays compiled from a pack; immutable and shared across threads and calls."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.conditions: list[str] = list(pack.conditions)
        self.findings: list[str] = pack.booleans
        self.index: dict[str, int] = {f: i for i, f in enumerate(self.findings)}
        n_t, n_f = len(TRIMESTERS), len(self.findings)

        background = np.empty((n_t, n_f))
        for j, fid in enumerate(self.findings):
            cited = pack.info[fid].background if fid in pack.info else None
            if cited is None:
                cited = next(d.background for d in pack.derived if d.id == fid)
            background[:, j] = cited.by_trimester()
        # each condition's components (engine/forms.py): its forms, each alone or with
        # the co-existing ordinary ache (engine/coexist.py); the first component of
        # each condition in the main tables (log_p), the others in the extra tables
        # (log_p_with, by rank); self.p is the marginal P(f | condition) of one finding
        parts = components(pack, self.index, background)
        p = parts.p
        self.background: FloatArray = background
        self.p: FloatArray = parts.marginal
        self.log_p: FloatArray = np.log(p)
        self.log_q: FloatArray = np.log1p(-p)
        self.nesting = Nesting(pack, self.index, p)
        # the mixed conditions (rank 2's owners, condition order) and the extra
        # components, kept for them only (the others would repeat their main row)
        co = parts.owners
        self.coexisting: npt.NDArray[np.intp] = co
        self.log_p_with: FloatArray = np.log(parts.p_extra)
        self.log_q_with: FloatArray = np.log1p(-parts.p_extra)
        self.nesting_with = Nesting(pack, self.index, parts.p_extra, parts.extra_names)
        self.log_unmix: FloatArray = parts.log_w0[:, co]  # (trimester, mixed): the main row's
        self.log_mix: FloatArray = parts.log_w  # (trimester, extra): each extra component's
        # rank 2's weights alone, contiguous (engine/near.py's compiled mixture reads them)
        self.log_mix_first: FloatArray = np.ascontiguousarray(parts.log_w[:, :len(co)])
        self.later_ranks = parts.later  # ranks 3 and on: (extra components, owners' places)
        # ``mixed`` in one reduction: [first rows, extra rows] with their log weights,
        # gathered owner by owner (each owner's components in rank order) and added by
        # logaddexp.reduceat, which adds a group left to right as the ranks do
        groups = [[u] for u in range(len(co))]
        for u, x in ((list(co).index(o), x) for x, o in enumerate(parts.extra_owner)):
            groups[u].append(len(co) + x)
        self._mix_order = np.array([k for g in groups for k in g], dtype=np.intp)
        self._mix_starts = np.cumsum([0] + [len(g) for g in groups[:-1]]).astype(np.intp)
        self._mix_weights: FloatArray = np.concatenate([self.log_unmix, self.log_mix], axis=1)
        # each trimester's tables as arrays of their own, made once: indexing by the
        # trimester in every call made a new view object each time (the same data, so
        # the same products); the main and the extra components' (log p, log q)
        self._tables_t = tuple((self.log_p[t], self.log_q[t]) for t in range(n_t))
        self._tables_with_t = tuple((self.log_p_with[t], self.log_q_with[t]) for t in range(n_t))
        self._mix_weights_t = tuple(self._mix_weights[t] for t in range(n_t))
        self.p_forms_max: FloatArray = parts.p_forms_max
        self.forms_alone = parts.forms_alone
        prior = np.array([pack.conditions[c].prior.values() for c in self.conditions]).T
        self.prior: FloatArray = prior  # (trimester, condition), not yet normalised
        # where a condition's prior is given by weeks (conditions.yaml: prior_by_weeks),
        # it replaces the trimester's inside its bands: (condition, from, before, prior)
        self.prior_bands: tuple[tuple[int, float, float, float], ...] = tuple(
            (i, band.weeks[0], band.weeks[1], band.prior)
            for i, c in enumerate(self.conditions)
            for by_weeks in [pack.conditions[c].prior_by_weeks] if by_weeks is not None
            for band in by_weeks.bands)
        lo = [(pack.conditions[c].weeks or (-np.inf, np.inf))[0] for c in self.conditions]
        hi = [(pack.conditions[c].weeks or (-np.inf, np.inf))[1] for c in self.conditions]
        self.weeks_from: FloatArray = np.array(lo, dtype=float)
        self.weeks_before: FloatArray = np.array(hi, dtype=float)
        self._derived = [
            (d.id, frozenset(expr.findings_in(node)), expr.compile_node(node))
            for d in pack.derived
            for node in [pack.derived_nodes[d.id]]
        ]
        self.meaningful: dict[str, tuple[float, float]] = {
            f: i.meaningful_weeks for f, i in pack.info.items() if i.meaningful_weeks is not None
        }
        self._log_prior: dict[float, FloatArray] = {}
        self._prior_totals: dict[float, tuple[FloatArray, float]] = {}
        # the pack's number maps as compiled tests (expr.compile_node: the same answers)
        self._number_maps = [
            (nm.finding, nm.present_if, expr.compile_node(p_node),
             None if a_node is None else expr.compile_node(a_node))
            for nm, p_node, a_node in pack.number_maps]

    # --- evidence ---------------------------------------------------------------

    def evidence(self, case: Case) -> Evidence:
        """Apply measurements, derived findings, implications and week windows to a case."""
        present, absent = set(case.present), set(case.absent)
        numbers = dict(case.numbers)
        notes: list[str] = []
        for finding, present_if, p_test, a_test in self._number_maps:
            if p_test(present, absent, numbers):
                if finding in absent:
                    absent.discard(finding)
                    notes.append(
                        f"{finding} taken as present from the measurement ({present_if})"
                    )
                present.add(finding)
            elif (
                a_test is not None
                and finding not in present
                and a_test(present, absent, numbers)
            ):
                absent.add(finding)
        for fid, inputs, test in self._derived:
            if not inputs.isdisjoint(numbers):
                (present if test(present, absent, numbers) else absent).add(fid)
        changed = True
        while changed:
            changed = False
            for imp in self.pack.implies:
                if imp.if_ in present and imp.then not in present and not (
                        imp.soft and imp.then in absent):
                    present.add(imp.then)
                    changed = True
        # A contradiction that slipped past validation (a Case built directly, an
        # interview answer against an implication) resolves towards safety: present.
        # It is resolved before absences spread, so a parent said to be absent but
        # present through its child does not make the child's siblings absent
        # (left-sided pain with "not one-sided" must not rule out right-sided pain).
        absent -= present
        changed = True
        while changed:
            changed = False
            for imp in self.pack.implies:
                if not imp.soft and imp.then in absent and imp.if_ not in absent:
                    absent.add(imp.if_)
                    changed = True
        # An impossible pair of readings (lower number not below the upper one: swapped, or
        # mistyped) is used as given, each value against its own thresholds, so that a
        # raised reading still raises the triage; the result says to check it.
        sbp, dbp = numbers.get("systolic_bp"), numbers.get("diastolic_bp")
        if sbp is not None and dbp is not None and dbp >= sbp:
            notes.append(f"diastolic_bp {dbp:g} is not below systolic_bp {sbp:g}: an "
                         "impossible reading, used as given; check the blood pressure")
        weeks = numbers["gestational_weeks"]
        for fid, (lo, hi) in self.meaningful.items():
            if not lo <= weeks < hi and (fid in present or fid in absent):
                present.discard(fid)
                absent.discard(fid)
                notes.append(f"{fid} not used before {lo:g} weeks")
        return Evidence(weeks, frozenset(present), frozenset(absent), numbers, tuple(notes))

    def vector(self, ev: Evidence) -> tuple[FloatArray, FloatArray]:
        """Indicator vectors (present, absent) over the model's findings."""
        pos = np.zeros(len(self.findings))
        neg = np.zeros(len(self.findings))
        for f in ev.present:
            pos[self.index[f]] = 1.0
        for f in ev.absent:
            neg[self.index[f]] = 1.0
        return pos, neg

    # --- inference --------------------------------------------------------------

    def priors(self, weeks: FloatArray) -> FloatArray:
        """The priors at each gestational age (rows x conditions), before week limits
        and normalising: the trimester's, or a band's of ``prior_by_weeks`` where one
        covers the weeks."""
        tri = np.searchsorted(np.array(TRIMESTER_STARTS), weeks, side="right")
        prior: FloatArray = self.prior[tri]
        for i, lo, hi, p in self.prior_bands:
            prior[(lo <= weeks) & (weeks < hi), i] = p
        return prior

    def log_prior(self, weeks: float) -> FloatArray:
        """Log prior for this gestational age; -inf where a week limit excludes a condition.
        The one reader of the priors (the engine, the interview's batch, the working
        diagnosis and the pgmpy reference all call it).

        Kept per week, read-only (one interview, one gestation; every assessment of a
        week the same vector)."""
        out = self._log_prior.get(weeks)
        if out is None:
            allowed = (self.weeks_from <= weeks) & (weeks < self.weeks_before)
            with np.errstate(divide="ignore"):
                out = np.where(allowed, np.log(self.priors(np.array([weeks]))[0]), -np.inf)
            out.flags.writeable = False
            if len(self._log_prior) < LOG_PRIORS_KEPT:
                self._log_prior[weeks] = out
        return out

    def log_scores(self, ev: Evidence) -> FloatArray:
        pos, neg = self.vector(ev)
        return self.scores(ev.weeks, pos, neg)

    def scores(self, weeks: float, pos: FloatArray, neg: FloatArray) -> FloatArray:
        """Log scores (before normalising) of indicator rows that share one gestational
        age: one vector, or cases x findings. The one formula of the engine and the
        interview's batch: prior plus the log likelihood of the known findings."""
        return self.log_prior(weeks) + self.log_likelihood(trimester(weeks), pos, neg)

    def log_likelihood(self, t: int, pos: FloatArray, neg: FloatArray) -> FloatArray:
        """log P(known findings | condition) in trimester ``t`` for one indicator vector
        or rows of them: each known finding's factor and the nesting correction, and for
        a condition with the co-existing ordinary ache, the mixture of its two
        components (engine/coexist.py)."""
        alone = self._product(t, pos, neg, *self._tables_t[t], self.nesting)
        co = self.coexisting
        if not co.size:
            return alone
        beside = self._product(t, pos, neg, *self._tables_with_t[t], self.nesting_with)
        out = alone.copy()
        out[..., co] = self.mixed(t, alone[..., co], beside)
        return out

    def mixed(self, t: int, first: FloatArray, extra: FloatArray) -> FloatArray:
        """The mixed conditions' log likelihoods from their components' log scores:
        ``first`` (..., mixed) the main rows', ``extra`` (..., extra components) the
        others', added rank by rank (engine/forms.py). The one mixture of the engine
        and the interview's batch (engine/near.py)."""
        if not self.later_ranks:  # one extra component each (the co-existing ache alone)
            n = len(self.coexisting)
            one: FloatArray = np.logaddexp(self.log_unmix[t] + first,
                                           self.log_mix[t, :n] + extra[..., :n])
            return one
        z = np.concatenate([first, extra], axis=-1) + self._mix_weights_t[t]
        out: FloatArray = np.logaddexp.reduceat(z[..., self._mix_order], self._mix_starts,
                                                axis=-1)
        return out

    @staticmethod
    def _product(
        t: int, pos: FloatArray, neg: FloatArray, log_p: FloatArray, log_q: FloatArray,
        nesting: Nesting,
    ) -> FloatArray:
        """The linear log scores and nesting correction of one component table in
        trimester ``t`` (``log_p``, ``log_q``: that trimester's, conditions x findings)."""
        if pos.ndim == 1:  # one case (every assessment): contiguous matrix-vector products
            one: FloatArray = log_p @ pos + log_q @ neg
            return nesting.add_correction(one, t, pos, neg)
        rows: FloatArray = pos @ log_p.T + neg @ log_q.T + nesting.correction(t, pos, neg)
        return rows

    def posterior(self, ev: Evidence) -> FloatArray:
        return softmax(self.log_scores(ev))

    def posterior_batch(self, weeks: FloatArray, pos: FloatArray, neg: FloatArray) -> FloatArray:
        """Posteriors for many cases at once: rows of pos/neg are indicator vectors."""
        out = np.empty((len(weeks), len(self.conditions)))
        tri = np.searchsorted(np.array(TRIMESTER_STARTS), weeks, side="right")
        w = weeks[:, None]
        allowed = (self.weeks_from <= w) & (w < self.weeks_before)
        with np.errstate(divide="ignore"):
            log_prior = np.where(allowed, np.log(self.priors(weeks)), -np.inf)
        for t in range(len(TRIMESTERS)):
            rows = np.nonzero(tri == t)[0]
            if rows.size:
                out[rows] = softmax(log_prior[rows]
                                    + self.log_likelihood(t, pos[rows], neg[rows]))
        return out

    def likelihood_ratios(
        self, ev: Evidence, conditions: list[int]
    ) -> tuple[list[str], list[bool], FloatArray]:
        """LR of each known finding for some conditions, each against all the others.

        The comparison is the prior-weighted mixture of the other conditions at
        this gestational age, i.e. the LR a diagnostic-test table would quote:
        P(finding state | condition) / P(finding state | not condition).
        Returns the findings (present ones first, each part sorted), whether each is
        present, and LRs (conditions x findings).

        Every float is as the whole-array form computed it (elementwise operations
        give the same float whatever the array's shape; the one product and the sums
        are the same numpy calls on the same arrays); what is saved is numpy calls:
        the prior and its total kept per week, the guards for a zero rest and the
        nested findings taken only where they apply, each side's ratio taken only for
        its own columns.
        """
        t = trimester(ev.weeks)
        prior, total = self._prior_total(ev.weeks)
        n_present = len(ev.present)
        findings = sorted(ev.present) + sorted(ev.absent)
        is_present = [True] * n_present + [False] * len(ev.absent)
        index = self.index
        cols = [index[f] for f in findings]
        p = self.p[t][:, cols]  # conditions x known findings
        mix = prior @ p
        rows = np.array(conditions, dtype=np.intp)
        prior_rows = prior[rows]
        rest = total - prior_rows
        mine = p[rows]
        if (rest > 0).all():
            others = (mix[None, :] - prior_rows[:, None] * mine) / rest[:, None]
        else:
            with np.errstate(invalid="ignore", divide="ignore"):
                others = (mix[None, :] - prior_rows[:, None] * mine) / rest[:, None]
            others = np.where(rest[:, None] > 0, others, self.background[t][cols][None, :])
        self._given_parents(ev, t, cols, rows, prior, mix, rest, mine, others)
        lr: FloatArray = np.empty_like(mine)
        lr[:, :n_present] = mine[:, :n_present] / others[:, :n_present]
        lr[:, n_present:] = (1.0 - mine[:, n_present:]) / (1.0 - others[:, n_present:])
        return findings, is_present, lr

    def _given_parents(self, ev: Evidence, t: int, cols: list[int], rows: npt.NDArray[np.intp],
                       prior: FloatArray, mix: FloatArray, rest: FloatArray,
                       mine: FloatArray, others: FloatArray) -> None:
        """``likelihood_ratios``' nested findings, in place in ``mine`` and ``others``
        (rows x known findings ``cols``): a nested finding is compared given its parent
        (engine/nested.py); with the parent present, P(child | parent) under c against
        the others; with the parent absent it says nothing more (LR 1)."""
        p = self.p[t]
        prior_rows = prior[rows]
        for j, c in enumerate(cols):
            up = self.nesting.parent_of(c)
            if up is None:
                continue
            if self.findings[up] not in ev.present:
                mine[:, j] = others[:, j] = 0.5
                continue
            pp = p[:, up]
            mine[:, j] = p[rows, c] / pp[rows]
            with np.errstate(invalid="ignore", divide="ignore"):
                others[:, j] = (mix[j] - prior_rows * p[rows, c]) / (
                    prior @ pp - prior_rows * pp[rows]
                )
            others[:, j] = np.where(rest > 0, others[:, j], mine[:, j])

    def _prior_total(self, weeks: float) -> tuple[FloatArray, float]:
        """The prior at ``weeks`` (``exp`` of ``log_prior``) and its sum, kept per week
        (read-only) as ``log_prior`` is."""
        hit = self._prior_totals.get(weeks)
        if hit is None:
            prior = np.exp(self.log_prior(weeks))
            prior.flags.writeable = False
            hit = (prior, prior.sum())
            if len(self._prior_totals) < LOG_PRIORS_KEPT:
                self._prior_totals[weeks] = hit
        return hit


# Posteriors closer than this are one tie: the same evidence reached by two
# float paths (the engine's log scores, the interview's batch products) can
# differ in the last bits, and must not lead to two different leaders. Not a
# clinical number: far below any difference the pack can express.
TIE_TOLERANCE = 1e-9


def leaders(posts: FloatArray) -> npt.NDArray[np.intp]:
    """The leading condition of each row (last axis): the most probable, and among
    conditions tied with it (within TIE_TOLERANCE) the one listed first in the
    pack. The one tie-break of the engine and the interview, so both name the
    same leader and so the same triage level."""
    if posts.shape[:-1] in ((), (1,)) and posts.shape[-1]:
        # one row (every triage call): plain floats, a few numpy calls fewer;
        # the same answer as below, which a row holding NaN (sum NaN) still takes
        vals = posts.reshape(-1).tolist()
        total = sum(vals)
        if total == total:
            first = leader_of_row(vals)
            if posts.ndim == 1:
                return np.intp(first)  # type: ignore[return-value]
            return np.array([first], dtype=np.intp)
    top = posts.max(axis=-1, keepdims=True)
    lead: npt.NDArray[np.intp] = (posts >= top - TIE_TOLERANCE).argmax(axis=-1)
    return lead


def leader_of_row(vals: list[float]) -> int:
    """``leaders`` of one row given as Python floats, none of them NaN (the caller
    checks: numpy's path takes a row with NaN)."""
    floor = max(vals) - TIE_TOLERANCE
    return next(i for i, v in enumerate(vals) if v >= floor)


def ranking(post: FloatArray) -> list[int]:
    """Conditions from most to least probable: the leader first (see ``leaders``),
    then the rest by probability, equal ones in pack order."""
    order: list[int] = np.argsort(-post, kind="stable").tolist()  # Python ints
    # the conditions tied with the top one come first in this order; usually
    # there is none, and the leader is already in front
    if len(order) > 1 and post[order[1]] >= post[order[0]] - TIE_TOLERANCE:
        lead = int(leaders(post))
        order.remove(lead)
        order.insert(0, lead)
    return order


def softmax(scores: FloatArray) -> FloatArray:
    """Normalise log scores to probabilities along the last axis; -inf becomes exactly 0.
    (The array's own reductions and one array reused: the same ufuncs as ``np.max``
    and a new quotient, without their Python wrappers and allocations.)"""
    top = scores.max(axis=-1, keepdims=True)
    out: FloatArray = scores - top
    np.exp(out, out=out)
    out /= out.sum(axis=-1, keepdims=True)
    return out
