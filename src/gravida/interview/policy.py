"""The triage policy, vectorised: the level of many hypothetical evidences at once.

The interview weighs every possible answer of every question at once, so it
needs the engine's triage (policy floors, condition levels and adjustments,
thresholds on the differential) as array operations over a batch of
hypothetical evidences: ``LevelPolicy``, checked against ``engine.triage`` by
the tests, with the engine's own tie-break for the leader
(``engine.model.leaders``). Which rules answers could still complete, read one
rule at a time, is patterns.py.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from gravida.engine import Model, near
from gravida.engine.model import leaders, softmax, trimester
from gravida.engine.near import NearScores, Variants
from gravida.engine.triage import flag_states, free_red_flags, not_pointed_to, signs_of
from gravida.knowledge import expr
from gravida.knowledge.frozen import quick_init
from gravida.knowledge.load import CompiledRule

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

# Not clinical: red-flag variants kept per selector (each at most 728 rows over 6 flags),
# and log priors (one per gestational week seen).
MASKS_KEPT = 256
# Not clinical: a bound on memory (what an answer changing several findings touches,
# kept per set of findings: a pack has a few hundred such sets).
TOUCHED_KEPT = 4096

# --- the triage policy, vectorised ----------------------------------------------


@dataclass(frozen=True)
class _Rule:
    rank: int
    node: expr.Node
    mentions: frozenset[str]
    test: expr.Test  # the pack's compiled node: the same answers as expr.evaluate, faster
    # findings of which one must be present (or measured) for the rule to hold
    # (expr.triggers, the engine's own pre-filter); None: no such set
    trigger: frozenset[str] | None = None

    @classmethod
    def of(cls, rank: int, cr: CompiledRule) -> _Rule:
        return cls(rank, cr.node, frozenset(expr.findings_in(cr.node)), cr.test,
                   expr.triggers(cr.node, frozenset({"gestational_weeks"})))

    def holds(self, h: Hypothesis) -> bool:
        """``test``, skipped (False) when none of its triggers is known in ``h``."""
        trig = self.trigger
        if trig is not None and h.present.isdisjoint(trig) and trig.isdisjoint(h.numbers):
            return False
        return self.test(h.present, h.absent, h.numbers)


class Hypothesis(NamedTuple):
    """Evidence after one possible answer; ``changed`` limits which rules are re-read.

    A NamedTuple, not a frozen dataclass: a plan makes about seventy, and a tuple
    is made several times faster (the same fields, as immutable)."""

    present: frozenset[str]
    absent: frozenset[str]
    numbers: Mapping[str, float]
    changed: frozenset[str] | None  # None: every rule is evaluated afresh


class Base(NamedTuple):
    """What every row of one state's batch shares (``LevelPolicy.base``)."""

    h: Hypothesis  # the evidence now
    pos: FloatArray  # its indicator vectors
    neg: FloatArray
    true_floors: list[tuple[int, int]]  # (floor, rank) of the floors that hold
    floor_rank: int  # the most urgent of them (-1: none)
    adjust: IntArray  # each condition's level after its adjustments
    # the red flags present that are set aside (engine.triage's), and the others present
    flags: tuple[tuple[str, ...], tuple[str, ...]]
    # per condition: it has required signs and none holds (``unsuspected``; None: no
    # condition has any)
    unsuspected: npt.NDArray[np.bool_] | None


@quick_init
@dataclass(frozen=True)
class Batch:
    """Per hypothesis: its triage level (as a rank) and its posterior."""

    level: IntArray
    posterior: FloatArray
    condition_ranks: IntArray  # each condition's level now, after its adjustments
    floor_rank: IntArray  # the most urgent floor rule that holds (-1: none)
    # per hypothesis and condition: it has required signs and none holds (engine.triage's
    # `unsuspected`; None: no condition has any), so pairs (lookahead) read the same rule
    unsuspected: npt.NDArray[np.bool_] | None = None


class LevelPolicy:
    """engine.triage.decide's level (not its reasons) for many evidences at once.

    The level is the most urgent of: every floor rule that holds; the
    leader's level; every condition whose posterior reaches the threshold of
    its level; and the same differential taken with the red flags present in
    every other state (unknown or "no": engine.triage's variants). Condition
    levels after adjustment and floor rules depend on the evidence only, so a
    hypothesis that changes one finding re-reads only the rules that mention it.
    """

    def __init__(self, model: Model) -> None:
        pack = model.pack
        self.model = model
        self.levels = pack.levels
        self.rank = {lv: pack.level_rank(lv) for lv in pack.levels}
        self.by_rank = {r: lv for lv, r in self.rank.items()}
        self.floors = [
            _Rule.of(self.rank[cr.rule.level], cr) for cr in pack.floors
        ]
        conds = model.conditions
        self.base_rank: IntArray = np.array(
            [self.rank[pack.condition_levels[c].level] for c in conds], dtype=np.int64
        )
        self.adjust: list[tuple[int, list[_Rule]]] = []
        for i, c in enumerate(conds):
            rules = [
                _Rule.of(self.rank[cr.rule.level], cr)
                for cr in pack.condition_levels[c].adjust
            ]
            if rules:
                self.adjust.append((i, rules))
        # conditions suspected only with one of their signs (engine.triage's `unsuspected`)
        self.requires = [(i, _Rule.of(0, cr)) for i, cr in
                         ((i, pack.condition_levels[c].requires) for i, c in enumerate(conds))
                         if cr is not None]
        self.requires_mentions = frozenset(f for _, r in self.requires for f in r.mentions)
        thr = np.zeros(len(self.levels))
        for lv, r in self.rank.items():
            thr[r] = pack.thresholds[lv]
        self.threshold_by_rank: FloatArray = thr
        # a condition's own (lower) threshold, inf where it has none
        self.own_threshold: FloatArray = np.array(
            [
                np.inf if pack.condition_levels[c].threshold is None
                else float(pack.condition_levels[c].threshold)  # type: ignore[arg-type]
                for c in conds
            ]
        )
        # the levels whose threshold also applies to a summed posterior
        self.cumulative = [(self.rank[lv], pack.thresholds[lv]) for lv in pack.cumulative_levels]
        self.summed_by_rank = dict(self.cumulative)
        self._cumulative_ranks = np.array([r for r, _ in self.cumulative], dtype=np.int64)
        self._cumulative_thresholds = np.array([t for _, t in self.cumulative], dtype=float)
        self.red_flags = frozenset(pack.red_flags)
        self.flag_pairs = tuple((imp.if_, imp.then) for imp in pack.implies)
        self.measured = tuple((nm.finding, node) for nm, node, _ in pack.number_maps)
        # an answer about none of these leaves the red flags the variants change as they
        # were: the flags, the measurements that make one present, the findings implying one
        self.flag_inputs = self.red_flags.union(
            *(expr.findings_in(node) for _, node in self.measured),
            (c for c, p in self.flag_pairs if p in self.red_flags))
        self.floors_by_finding: dict[str, list[int]] = {}
        for i, floor in enumerate(self.floors):
            for f in floor.mentions:
                self.floors_by_finding.setdefault(f, []).append(i)
        self.adjust_by_finding: dict[str, list[int]] = {}
        for a, (_, rules) in enumerate(self.adjust):
            for f in {f for r in rules for f in r.mentions}:
                self.adjust_by_finding.setdefault(f, []).append(a)
        self._variant_cache: dict[tuple[str, ...], Variants] = {}
        # per (flags, trimester): each variant's conditions that a flag it changes does
        # not point to (engine.triage's ``not_pointed_to``)
        self.signs = signs_of(model)
        self._outside_cache: dict[tuple[tuple[tuple[str, ...], tuple[str, ...]], int],
                                  npt.NDArray[np.bool_]] = {}
        self.near = NearScores(model)
        # per finding: its column (None: not in the model), the floors that mention it
        # (most urgent first) and the adjusted conditions; read once per hypothesis
        self.touches: dict[str, tuple[int | None, tuple[int, ...], tuple[int, ...]]] = {
            f: (model.index.get(f),
                tuple(sorted(self.floors_by_finding.get(f, ()),
                             key=lambda i: -self.floors[i].rank)),
                tuple(self.adjust_by_finding.get(f, ())))
            for f in {*model.index, *self.floors_by_finding, *self.adjust_by_finding}
        }
        # each floor's (rank, trigger, test) and, per adjusted condition, (its column, its
        # level's rank, its rules' (rank, trigger, test)): ``_Rule.holds`` read inline
        # where every hypothesis of a batch reads them
        self._floor_parts = [(r.rank, r.trigger, r.test) for r in self.floors]
        self._adjust_parts = [(i, int(self.base_rank[i]),
                               tuple((r.rank, r.trigger, r.test) for r in rules))
                              for i, rules in self.adjust]
        self._touched_kept: dict[frozenset[str], tuple[
            tuple[tuple[str, int | None], ...], tuple[int, ...], tuple[int, ...], bool]] = {}
        self._log_prior: dict[float, FloatArray] = {}
        self._last_base: Base | None = None  # (``base``) not clinical: one decision's
        # (``evaluate``) the last evidence now's own row: (its base's pos, weeks, batch)
        self._last_now: tuple[FloatArray, float, Batch] | None = None

    # evidence-only parts ----------------------------------------------------

    def floor_truths(self, h: Hypothesis) -> list[bool]:
        """Whether each floor holds (``_Rule.holds`` of each, inline)."""
        present, absent, numbers = h.present, h.absent, h.numbers
        return [(trig is None or not present.isdisjoint(trig) or not trig.isdisjoint(numbers))
                and test(present, absent, numbers) for _, trig, test in self._floor_parts]

    def adjust_ranks(self, h: Hypothesis) -> IntArray:
        """Each condition's level after its adjustments: the most urgent that holds
        (``_Rule.holds`` of each, inline), else its own level."""
        ranks = self.base_rank.copy()
        present, absent, numbers = h.present, h.absent, h.numbers
        for i, level_rank, parts in self._adjust_parts:
            got = -1
            for rank, trig, test in parts:
                if rank > got and (trig is None or not present.isdisjoint(trig)
                                   or not trig.isdisjoint(numbers)) and test(present, absent,
                                                                             numbers):
                    got = rank
            ranks[i] = got if got >= 0 else level_rank
        return ranks

    def unsuspected(self, h: Hypothesis) -> npt.NDArray[np.bool_]:
        """Per condition: it has required signs and none holds (engine.triage's)."""
        out = np.zeros(len(self.base_rank), dtype=bool)
        for i, r in self.requires:
            out[i] = not r.holds(h)
        return out

    def vectors(self, h: Hypothesis) -> tuple[FloatArray, FloatArray]:
        index = self.model.index
        pos = np.zeros(len(self.model.findings))
        neg = np.zeros(len(self.model.findings))
        for f in h.present:
            pos[index[f]] = 1.0
        for f in h.absent:
            neg[index[f]] = 1.0
        return pos, neg

    def _prior(self, weeks: float) -> FloatArray:
        """The log prior at ``weeks``, kept per week (one interview, one gestation)."""
        prior = self._log_prior.get(weeks)
        if prior is None:
            prior = self.model.log_prior(weeks)
            if len(self._log_prior) < MASKS_KEPT:
                self._log_prior[weeks] = prior
        return prior

    def posteriors(self, weeks: float, pos: FloatArray, neg: FloatArray) -> FloatArray:
        """model.posterior_batch for rows that share one gestational age, without its
        per-row loop: the same formula as ``Model.scores``."""
        return softmax(self._prior(weeks) + self.model.log_likelihood(trimester(weeks), pos, neg))

    def _variants(self, flags: tuple[str, ...]) -> Variants:
        """engine.triage's variants of ``flags`` as changes to the evidence: the flags'
        columns, and per variant -1 present on each flag changed, +1 absent on each
        flag taken as "no"."""
        hit = self._variant_cache.get(flags)
        if hit is None:
            cols = np.array([self.model.index[f] for f in flags], dtype=np.int64)
            unknown, denied = flag_states(flags, self.flag_pairs)
            hit = Variants(cols, -(unknown + denied), denied.copy())
            if len(self._variant_cache) < MASKS_KEPT:
                self._variant_cache[flags] = hit
        return hit

    def _outside(self, key: tuple[tuple[str, ...], tuple[str, ...]],
                 t: int) -> npt.NDArray[np.bool_]:
        """Per variant of the flags of ``key`` (``_variants``' rows), the conditions it
        does not count (engine.triage's ``not_pointed_to``; ``key``'s second part: the
        other red flags present, kept in every variant), kept per key and trimester."""
        hit = self._outside_cache.get((key, t))
        if hit is None:
            v = self._variants(key[0])
            index = self.model.index
            hit = not_pointed_to(self.signs[t], v.cols, -v.d_pos, [index[f] for f in key[1]])
            if len(self._outside_cache) < MASKS_KEPT:
                self._outside_cache[(key, t)] = hit
        return hit

    def _flags(self, h: Hypothesis) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The red flags present that the variants change (engine.triage's), and the
        other red flags present (sorted)."""
        flags = free_red_flags(h.present, h.absent, h.numbers, self.red_flags, self.measured,
                               self.flag_pairs)
        if not flags:
            return flags, ()
        present = h.present & self.red_flags
        # (all present are free, the common case: no sort)
        return flags, () if len(present) == len(flags) else tuple(sorted(present.difference(flags)))

    # batch ------------------------------------------------------------------

    def base(self, h: Hypothesis) -> Base:
        """What every row of a batch over the evidence ``h`` shares.

        The last one is kept: one decision asks it of the same evidence up to three
        times (the places at risk, the decision, the recheck), each time as its own
        Hypothesis of the same sets. Its arrays are read-only (shared)."""
        last = self._last_base
        if last is not None and last.h.present is h.present and (
                last.h.absent is h.absent and last.h.numbers is h.numbers):
            return last if last.h is h else last._replace(h=h)
        pos, neg = self.vectors(h)
        truths = self.floor_truths(h)
        true = [(i, r.rank) for i, r in enumerate(self.floors) if truths[i]]
        adjust = self.adjust_ranks(h)
        unsuspected = self.unsuspected(h) if self.requires else None
        for a in (pos, neg, adjust, unsuspected):
            if a is not None:
                a.flags.writeable = False
        out = self._last_base = Base(h, pos, neg, true, max((r for _, r in true), default=-1),
                                     adjust, self._flags(h), unsuspected)
        return out

    def evaluate(self, weeks: float, hyps: Sequence[Hypothesis],
                 base: Base | None = None) -> Batch:
        """Level and posterior for every hypothesis; ``hyps[0]`` is the evidence now
        (``base``: ``self.base(hyps[0])``, when the caller has it).

        Each hypothesis is scored as the evidence now plus the findings it changes
        (``NearScores``): a row's numbers do not depend on the others in the batch."""
        n = len(hyps)
        if base is None or base.h is not hyps[0]:
            base = self.base(hyps[0])
        last = self._last_now
        if n == 1 and last is not None and last[0] is base.pos and last[1] == weeks:
            return last[2]  # the evidence now alone, as its row in the last batch
        base_pos, base_neg, base_true = base.pos, base.neg, base.true_floors
        floor_rank = np.full(n, base.floor_rank, dtype=np.int64)
        base_adjust = base.adjust
        cond_ranks = np.repeat(base_adjust[None, :], n, axis=0)
        touches, no_touch = self.touches, (None, (), ())
        flag_inputs, present0, absent0 = self.flag_inputs, base.h.present, base.h.absent
        # the changed cells of every row, in row order: (row, column, +-1 present, +-1 absent)
        row: list[int] = []
        col: list[int] = []
        d_pos: list[float] = []
        d_neg: list[float] = []
        # the differential with the red flags present in every other state
        groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[int]] = {}
        base_flags = base.flags
        if base_flags[0]:
            groups[base_flags] = [0]
        # the rows' floors and adjusted conditions that differ from the base, set at once
        floor_k: list[int] = []
        floor_v: list[int] = []
        adj_k: list[int] = []
        adj_c: list[int] = []
        adj_v: list[int] = []
        outside: dict[tuple[int, ...], int] = {}  # per set of floors: the best of the others
        floor_parts, adjust_parts, numbers0 = self._floor_parts, self._adjust_parts, base.h.numbers
        for k in range(1, n):
            h = hyps[k]
            changed = h.changed
            if changed is not None and len(changed) == 1:  # the common case: one finding
                for f in changed:
                    j, floors, adjust = touches.get(f, no_touch)
                    if j is not None:
                        row.append(k)
                        col.append(j)
                        d_pos.append((f in h.present) - (f in present0))
                        d_neg.append((f in h.absent) - (f in absent0))
                    same = f not in flag_inputs
            else:
                if changed is None and (h.numbers is numbers0 or h.numbers == numbers0):
                    # its changed findings found by set operations, its cells in column
                    # order as the indicator vectors' differences list them below
                    changed = (h.present ^ present0) | (h.absent ^ absent0)
                    cells, floors, adjust, same = self._touched(changed)
                    if cells and cells[-1][1] is None:
                        changed = None  # a finding outside the model: as below
                elif changed is not None:
                    cells, floors, adjust, same = self._touched(changed)
                if changed is None:
                    pos, neg = self.vectors(h)
                    for c in np.flatnonzero((pos != base_pos) | (neg != base_neg)).tolist():
                        row.append(k)
                        col.append(c)
                        d_pos.append(float(pos[c] - base_pos[c]))
                        d_neg.append(float(neg[c] - base_neg[c]))
                    floor_k.append(k)
                    floor_v.append(max((r.rank for r, t in zip(
                        self.floors, self.floor_truths(h), strict=True) if t), default=-1))
                    cond_ranks[k] = self.adjust_ranks(h)
                    flags = self._flags(h)
                    if flags[0]:
                        groups.setdefault(flags, []).append(k)
                    continue
                for f, j in cells:
                    if j is not None:
                        row.append(k)
                        col.append(j)
                        d_pos.append((f in h.present) - (f in present0))
                        d_neg.append((f in h.absent) - (f in absent0))
            hp, hn = h.present, h.numbers
            if floors:
                best = outside.get(floors)
                if best is None:
                    best = outside[floors] = max(
                        (r for i, r in base_true if i not in floors), default=-1)
                for i in floors:  # most urgent first: past the level found, none can raise it
                    rank, trig, test = floor_parts[i]
                    if rank <= best:
                        break
                    # _Rule.holds: skipped (False) when none of its triggers is known
                    if (trig is None or not hp.isdisjoint(trig) or not trig.isdisjoint(hn)) \
                            and test(hp, h.absent, hn):
                        best = rank
                floor_k.append(k)
                floor_v.append(best)
            for a in adjust:  # adjust_ranks for the conditions it touches, inline
                ci, level_rank, parts = adjust_parts[a]
                got = -1
                for rank, trig, test in parts:
                    if rank > got and (trig is None or not hp.isdisjoint(trig)
                                       or not trig.isdisjoint(hn)) and test(hp, h.absent, hn):
                        got = rank
                adj_k.append(k)
                adj_c.append(ci)
                adj_v.append(got if got >= 0 else level_rank)
            # an answer about no red flag (nor what makes one present) leaves them as they were
            flags = base_flags if same else self._flags(h)
            if flags[0]:
                groups.setdefault(flags, []).append(k)
        if floor_k:
            floor_rank[floor_k] = floor_v
        if adj_k:
            cond_ranks[adj_k, adj_c] = adj_v
        variants = [(np.array(ks, dtype=np.int64), self._variants(flags[0]))
                    for flags, ks in groups.items()]
        post, own = self.near.posteriors(weeks, self._prior(weeks), base_pos, base_neg, n,
                                         row, col, d_pos, d_neg, variants)
        unsuspected = self._unsuspected(hyps, base.unsuspected)
        aside = None
        if variants:  # a variant (the rows after n) counts only what its changed flags point to
            t = trimester(weeks)
            aside = np.concatenate([np.tile(self._outside(flags, t), (len(ks), 1))
                                    for flags, ks in groups.items()])
        level = self.hypothesis_levels(post, own, cond_ranks, floor_rank, unsuspected, aside)
        # the evidence now: its row is its own (the same numbers whatever else is in the
        # batch), kept for the decision that asks it alone next (read-only: shared)
        now = Batch(level[:1].copy(), post[:1].copy(), base_adjust, floor_rank[:1].copy(),
                    None if unsuspected is None else unsuspected[:1].copy())
        for shared in (now.level, now.posterior, now.floor_rank, now.unsuspected):
            if shared is not None:
                shared.flags.writeable = False
        self._last_now = (base_pos, weeks, now)
        return Batch(level, post[:n], base_adjust, floor_rank, unsuspected)

    def _touched(self, changed: frozenset[str]) -> tuple[
            tuple[tuple[str, int | None], ...], tuple[int, ...], tuple[int, ...], bool]:
        """What an answer changing the findings ``changed`` touches (``evaluate``): its
        cells (finding, column) in column order (not the set's: its order follows the
        hash seed, and the order of a row's cells is the order its floats are summed;
        None, outside the model, last), the floors it touches (most urgent first), the
        adjusted conditions, and whether it leaves the red flags the variants change as
        they were. It depends on the pack only, so it is kept per set of findings (a
        group's "none of these" and a number's bands change the same ones answer after
        answer)."""
        hit = self._touched_kept.get(changed)
        if hit is not None:
            return hit
        touches, no_touch = self.touches, (None, (), ())
        found = sorted(((f, touches.get(f, no_touch)) for f in changed), key=_column)
        if len(found) == 1:
            _, (_, floors, adjust) = found[0]
        else:
            fl = {i for _, (_, f_floors, _) in found for i in f_floors}
            floors = tuple(sorted(fl, key=lambda i: (-self.floors[i].rank, i)))
            adjust = tuple(sorted({i for _, (_, _, f_adjust) in found for i in f_adjust}))
        hit = (tuple((f, t[0]) for f, t in found), floors, adjust,
               changed.isdisjoint(self.flag_inputs))
        if len(self._touched_kept) < TOUCHED_KEPT:
            self._touched_kept[changed] = hit
        return hit

    def hypothesis_levels(self, post: FloatArray, own: IntArray, cond_ranks: IntArray,
                          floor_rank: IntArray, unsuspected: npt.NDArray[np.bool_] | None,
                          aside: npt.NDArray[np.bool_] | None = None) -> IntArray:
        """Each hypothesis's level from its rows' posteriors (``own``: each row's
        hypothesis; ``cond_ranks``, ``floor_rank`` and ``unsuspected`` per hypothesis;
        ``aside``: per row after the hypotheses' own, its red-flag variant's, the
        conditions it does not count): the most urgent of its floor, its leader's
        level, the conditions at their thresholds and the summed levels, over its rows.
        In compiled code where it was built (_near.c, the same numbers), else
        ``_levels``."""
        level = floor_rank.copy()
        if near.compiled_levels(
                (len(own), post.shape[1], len(level), len(self.threshold_by_rank),
                 len(self._cumulative_ranks)),
                (post, own, cond_ranks, self.threshold_by_rank, self.own_threshold, unsuspected,
                 self._cumulative_ranks, self._cumulative_thresholds, aside, level)):
            return level
        return self._levels(post, own, cond_ranks, level, unsuspected, aside)

    def _levels(self, post: FloatArray, own: IntArray, cond_ranks: IntArray,
                level: IntArray, unsuspected: npt.NDArray[np.bool_] | None,
                aside: npt.NDArray[np.bool_] | None) -> IntArray:
        """``hypothesis_levels`` with numpy, raising ``level`` (each hypothesis's
        floor) in place."""
        n = len(level)
        ranks = cond_ranks[own]
        thr = np.minimum(self.threshold_by_rank[ranks], self.own_threshold[None, :])
        qualifies = (post >= thr) & (post > 0.0)
        # the leader, with the engine's own tie-break
        lead = leaders(post)
        counted = ranks
        if unsuspected is not None:  # a condition not suspected counts only where it leads
            unsuspected = unsuspected[own]
            unsuspected[np.arange(len(own)), lead] = False
            qualifies &= ~unsuspected
            counted = np.where(unsuspected, -1, ranks)
        leader_rank = ranks[np.arange(len(own)), lead]
        if aside is not None:  # a variant counts only what its changed flags point to
            qualifies[n:] &= ~aside
            counted = counted.copy() if counted is ranks else counted
            counted[n:][aside] = -1
            leader_rank[n:][aside[np.arange(len(aside)), lead[n:]]] = -1
        by_threshold = np.where(qualifies, ranks, -1).max(axis=1)
        for rank, threshold in self.cumulative:
            summed = np.where(counted >= rank, post, 0.0).sum(axis=1)
            by_threshold = np.where(summed >= threshold, np.maximum(by_threshold, rank),
                                    by_threshold)
        np.maximum.at(level, own, np.maximum(by_threshold, leader_rank))
        return level

    def _unsuspected(self, hyps: Sequence[Hypothesis],
                     first: npt.NDArray[np.bool_] | None) -> npt.NDArray[np.bool_] | None:
        """``unsuspected`` for every hypothesis (``first``: the evidence now's, the
        base's); re-read only where an answer touches a required sign."""
        if first is None:
            return None
        out = np.repeat(first[None, :], len(hyps), axis=0)
        mentions, requires = self.requires_mentions, self.requires
        for k in range(1, len(hyps)):
            h = hyps[k]
            changed = h.changed
            if changed is None:
                out[k] = self.unsuspected(h)
            elif not changed.isdisjoint(mentions):
                # a rule reads only the findings it mentions: the others stay the base's
                for i, r in requires:
                    if not changed.isdisjoint(r.mentions):
                        out[k, i] = not r.holds(h)
        return out


def _column(cell: tuple[str, tuple[int | None, tuple[int, ...], tuple[int, ...]]]) -> float:
    """A changed finding's column among the model's (last: none)."""
    j = cell[1][0]
    return math.inf if j is None else j
