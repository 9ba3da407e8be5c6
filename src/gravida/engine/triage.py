"""Triage: the policy's rules combined with the differential.

Three sources can set the level and the most urgent wins: a finding floor
(red flags hold whatever the diagnosis), the leading condition's own level,
and any other condition probable enough to matter for its level (a 15%
chance of preterm labour sends a woman in even when postural pain leads).
For the ambulance level the chance that counts is also the summed one: a
7% chance of a uterine tear and a 5% chance of an abruption are together a
12% chance that she needs an ambulance.
This asymmetry is deliberate: under-triage of an emergency is the failure
that matters, so dangerous alternatives get low thresholds.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, Protocol

import numpy as np
import numpy.typing as npt

from gravida.engine.model import (
    Evidence,
    FloatArray,
    Model,
    leader_of_row,
    leaders,
    softmax,
    trimester,
)
from gravida.knowledge import expr, i18n
from gravida.knowledge.frozen import quick_init
from gravida.knowledge.load import CompiledRule
from gravida.knowledge.wire import wired

# Red flags whose variants (each kept, unknown or "no") are combined exactly: at most
# 3**n - 1 posteriors; past this the first ones alphabetically are varied. Not
# clinical: a bound on work.
RED_FLAG_SUBSETS_MAX = 6
# How many sets of red flags' variant masks a Triager keeps (``_not_pointed_to``); not
# clinical: a bound on memory (at most 21 KB each).
OUTSIDE_KEPT = 256
# Red-flag variants up to this many rows (one flag: 2) are weighed as Python values
# row by row, more in numpy's batch (``Triager._pick_rows``, ``_pick``); the same
# answer either way. Not clinical: where the one costs less than the other.
ROWS_IN_PYTHON = 2

# What the variants add (``Triager._pick``): the row, the condition's column (-1 for a
# summed level), the rank, the summed posterior and the row's counted ranks (for a
# summed level; else 0.0 and None).
Pick = tuple[int, int, int, float, list[int] | None]


class Facts(Protocol):
    """What a rule is tested on: an ``Evidence``, or an interview's hypothetical one."""

    @property
    def present(self) -> frozenset[str]: ...
    @property
    def absent(self) -> frozenset[str]: ...
    @property
    def numbers(self) -> Mapping[str, float]: ...


@quick_init
@dataclass(frozen=True)
class TriageReason:
    """One thing that asks for a level: a floor rule or a condition."""

    kind: Literal["rule", "condition"]
    id: str
    level: str
    says: str
    src: str
    condition: str | None = None
    probability: float | None = None
    without: tuple[str, ...] = ()  # red flags set aside (unknown) to reach this probability
    denied: tuple[str, ...] = ()  # red flags taken as "no" to reach it

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "id": self.id,
            "level": self.level,
            "says": self.says,
            "source": self.src,
        }
        if self.condition is not None:
            out["condition"] = self.condition
            out["probability"] = self.probability
        if self.without:
            out["without_red_flags"] = list(self.without)
        if self.denied:
            out["denied_red_flags"] = list(self.denied)
        return out


@quick_init
@dataclass(frozen=True)
class Triage:
    level: str
    meaning: str
    set_by: TriageReason
    reasons: tuple[TriageReason, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "meaning": self.meaning,
            "set_by": self.set_by.to_json(),
            "reasons": [r.to_json() for r in self.reasons],
        }

    def to_wire(self) -> dict[str, Any]:
        """``to_json`` for orjson (the API): the same document, each reason without a
        probability (a floor rule's, which the Triager makes once per pack) serialised
        once (``wired``)."""
        return {
            "level": self.level,
            "meaning": self.meaning,
            "set_by": _reason_wire(self.set_by),
            "reasons": [_reason_wire(r) for r in self.reasons],
        }


def _reason_wire(r: TriageReason) -> Any:
    return r.to_json() if r.probability is not None else wired(r)


class Triager:
    """The triage rules of a pack, prepared once for fast repeated decisions.

    Static condition levels, thresholds and each rule's mentioned findings are
    tabulated up front, so a decision evaluates only the rules whose findings
    are known in this case (a rule whose findings are all unknown cannot
    apply), and the differential part is a few array comparisons.
    """

    def __init__(self, model: Model) -> None:
        self.model = model
        pack = self.pack = model.pack
        self.floors = [(cr, _trigger(cr)) for cr in pack.floors]
        # each floor's reason (it depends on the rule alone), and which floors mention
        # each finding: a decision tests only the floors whose findings are known
        self._floor_reason = [_rule_reason(cr) for cr in pack.floors]
        self._floors_always, self._floors_of = _mentioned_by(
            [(k, mentions) for k, (_, mentions) in enumerate(self.floors)])
        self.static: list[TriageReason] = []
        self.adjusted: list[tuple[int, list[tuple[CompiledRule, frozenset[str] | None]]]] = []
        self.overrides = [pack.condition_levels[cid].threshold for cid in model.conditions]
        for i, cid in enumerate(model.conditions):
            cl = pack.condition_levels[cid]
            says = i18n.say(pack.lang, "{condition}: usually needs this level of care.").format(
                condition=pack.conditions[cid].lay_name)
            self.static.append(TriageReason("condition", cid, cl.level, says, cl.src, cid))
            if cl.adjust:
                rules = [(cr, _trigger(cr)) for cr in cl.adjust]
                self.adjusted.append((i, rules))
        self.static_ranks = np.array([pack.level_rank(r.level) for r in self.static])
        self.static_thresholds = np.array(
            [self._threshold(i, r.level) for i, r in enumerate(self.static)]
        )
        # (rank, threshold, says) of each level whose threshold applies to a summed posterior
        self.cumulative = sorted(
            ((pack.level_rank(lv), pack.thresholds[lv]) for lv in pack.cumulative_levels),
            reverse=True,
        )
        self.max_rank = max(pack.level_rank(level) for level in pack.levels)
        # each level's rank and meaning, read a few dozen times a decision
        self.rank: dict[str, int] = dict(pack.level_ranks)
        self.meaning = {t.id: t.meaning for t in pack.vocabulary.triage_levels}
        self._adjusted_by = dict(self.adjusted)
        # which adjusted conditions have a rule mentioning each finding, as places in
        # ``adjusted``; and each adjustment's reason for its condition
        self._adjusted_always, self._adjusted_of = _mentioned_by(
            [(k, mentions) for k, (_, rules) in enumerate(self.adjusted)
             for _, mentions in rules])
        self._adjusted_reason = {
            (i, id(cr)): TriageReason("condition", cr.rule.id, cr.rule.level, cr.rule.says,
                                      cr.rule.src, model.conditions[i])
            for i, rules in self.adjusted for cr, _ in rules}
        # conditions suspected only with one of their signs (`requires`), and the rule
        self.requires = [(i, cl.requires, _trigger(cl.requires))
                         for i, cl in enumerate(pack.condition_levels[c] for c in model.conditions)
                         if cl.requires is not None]
        self.red_flags = frozenset(pack.red_flags)
        self.flag_pairs = tuple((imp.if_, imp.then) for imp in pack.implies)
        self.measured = tuple((nm.finding, node) for nm, node, _ in pack.number_maps)
        self.signs = signs_of(model)
        self._outside: dict[tuple[int, tuple[str, ...], tuple[str, ...]],
                            npt.NDArray[np.bool_]] = {}

    def free_flags(self, ev: Evidence) -> tuple[str, ...]:
        """The red flags present that her answers set, and so that the variants change.

        A flag a measurement makes present (a fever from a temperature of 38 or more)
        stays present in every variant: a case with the temperature and no fever is
        not one she could give. So does a flag implied by a finding present that is
        not itself varied (bleeding, while heavy bleeding is kept).
        """
        return free_red_flags(ev.present, ev.absent, ev.numbers, self.red_flags, self.measured,
                              self.flag_pairs)

    def _threshold(self, i: int, level: str) -> float:
        """The posterior at which condition i's level counts: its level's, or its own lower one."""
        own = self.overrides[i]
        base = self.pack.thresholds[level]
        return base if own is None else min(base, own)

    def unsuspected(self, ev: Evidence) -> npt.NDArray[np.bool_] | None:
        """Per condition, whether it has required signs (`requires`) and none holds;
        None when no condition is so (the common case: nothing to set aside)."""
        out = None
        known = ev.present.union(ev.numbers)
        for i, cr, mentions in self.requires:
            if (mentions is not None and known.isdisjoint(mentions)) or not cr.test(
                ev.present, ev.absent, ev.numbers
            ):
                if out is None:
                    out = np.zeros(len(self.model.conditions), dtype=bool)
                out[i] = True
        return out

    def floor_reasons(
        self, ev: Facts,
        floors: Sequence[tuple[CompiledRule, frozenset[str] | None]] | None = None,
    ) -> list[TriageReason]:
        """The floor rules that hold, in the order of ``floors`` (None: the pack's
        floors, in its order); ``ev`` may be an interview's hypothesis."""
        known = ev.present.union(ev.numbers)
        if floors is None:  # the pack's: only those that mention something known
            reasons = self._floor_reason
            return [reasons[k] for k in _mentioning(known, self._floors_always,
                                                     self._floors_of)
                    if self.floors[k][0].test(ev.present, ev.absent, ev.numbers)]
        out = []
        for cr, mentions in self.floors if floors is None else floors:
            if (mentions is None or not known.isdisjoint(mentions)) and cr.test(
                ev.present, ev.absent, ev.numbers
            ):
                r = cr.rule
                out.append(TriageReason("rule", r.id, r.level, r.says, r.src))
        return out

    def rule_reasons(self, ev: Evidence) -> list[TriageReason]:
        """``decide``'s reasons that are floor rules, in its order (the most urgent
        first, equal ones in the pack's order): what ``WorkingDiagnoser`` reads."""
        rank = self.rank
        return sorted(self.floor_reasons(ev), key=lambda r: -rank[r.level])

    def condition_level(self, ev: Evidence, i: int) -> str:
        """``condition_levels(ev)[0][i].level``, reading only condition i's adjustments
        (the working diagnosis asks it of the leader alone)."""
        rules = self._adjusted_by.get(i)
        best = None if rules is None else self._adjustment(ev, ev.present.union(ev.numbers),
                                                            rules)
        return self.static[i].level if best is None else best.rule.level

    def _adjustment(self, ev: Evidence, known: frozenset[str],
                    rules: list[tuple[CompiledRule, frozenset[str] | None]]
                    ) -> CompiledRule | None:
        """The first most urgent of one condition's adjustments that holds (None: none);
        ``known``: what ``ev`` states (present findings and numbers)."""
        best: CompiledRule | None = None
        for cr, mentions in rules:
            if (mentions is not None and known.isdisjoint(mentions)) or not cr.test(
                ev.present, ev.absent, ev.numbers
            ):
                continue
            if best is None or self.rank[cr.rule.level] > self.rank[best.rule.level]:
                best = cr
        return best

    def condition_levels(self, ev: Evidence) -> tuple[list[TriageReason], FloatArray, FloatArray]:
        """Each condition's reason, level rank and threshold in this case (after adjustments)."""
        levels = self.static
        ranks, thresholds = self.static_ranks, self.static_thresholds
        known = ev.present.union(ev.numbers)
        adjusted = self.adjusted
        for k in _mentioning(known, self._adjusted_always, self._adjusted_of):
            i, rules = adjusted[k]
            cr = self._adjustment(ev, known, rules)
            if cr is not None:
                best = self._adjusted_reason[i, id(cr)]
                if levels is self.static:
                    levels, ranks, thresholds = list(levels), ranks.copy(), thresholds.copy()
                levels[i] = best
                ranks[i] = self.rank[best.level]
                thresholds[i] = self._threshold(i, best.level)
        return levels, ranks, thresholds

    def decide(self, ev: Evidence, posterior: FloatArray) -> Triage:
        """The most urgent level asked for by a floor, the leader, or a probable danger.

        The differential's part is also taken with each combination of the red
        flags present set aside or taken as "no", counting in each such variant only
        the conditions every flag it changes points to (``not_pointed_to``): a red
        flag may shift probability from one danger it points to to another, but it
        must never make either look safer; a danger it says nothing about may lose
        probability to the flag's own explanation, as evidence should make it.
        """
        rank = self.rank
        reasons = self.reasons(ev, posterior)
        # The most urgent wins; among equals a rule (a certain finding) explains
        # better than a probability, and a likelier condition better than a rarer one.
        best = max(
            reasons,
            key=lambda r: (rank[r.level], r.kind == "rule", r.probability or 0.0),
        )
        ordered = sorted(
            reasons,
            key=lambda r: (-rank[r.level], r.kind != "rule", -(r.probability or 0)),
        )
        return Triage(best.level, self.meaning[best.level], best, tuple(ordered))

    def reasons(self, ev: Evidence, posterior: FloatArray,
                within: npt.NDArray[np.bool_] | None = None) -> list[TriageReason]:
        """Every reason ``decide`` weighs, unordered. ``within`` (a mask over the
        conditions; None: all) keeps the differential's part to those conditions, in
        her evidence and in every variant: the level of the case as the dangers some
        red flag points to see it, which is what adding that flag must never lower
        (docs/model.md; the property tests). It may leave no reason at all."""
        levels, ranks, thresholds = self.condition_levels(ev)
        reasons = self.floor_reasons(ev)
        unsuspected = self.unsuspected(ev)
        outside0 = None if within is None else ~within[None, :]
        # her own row: a few dozen floats, read as Python values (``_passing_row`` and
        # ``_counted_row`` are ``_passing`` and ``_counted`` of one row, bit for bit)
        post, ranks1 = posterior.tolist(), ranks.tolist()
        lead = int(leaders(posterior))
        unsuspected1 = None if unsuspected is None else unsuspected.tolist()
        outside1 = None if within is None else (~within).tolist()
        for i in _passing_row(post, thresholds.tolist(), lead, unsuspected1, outside1):
            r = levels[i]
            reasons.append(
                TriageReason(r.kind, r.id, r.level, r.says, r.src, r.condition, post[i])
            )
        rank = self.rank
        current = max((rank[r.level] for r in reasons), default=-1)
        counted1 = (None if unsuspected1 is None and outside1 is None
                    else _counted_row(ranks1, lead, unsuspected1, outside1))
        s_rank0, s_mass0 = self._summed_row(post, ranks1, counted1)
        if s_rank0 > current:
            reasons.append(self._summed_reason(s_rank0, s_mass0, post,
                                               ranks1 if counted1 is None else counted1))
            current = s_rank0
        flags = self.free_flags(ev)
        if flags and current < self.max_rank:
            posts, unknown, denied = _red_flag_variants(self.model, ev, flags, self.flag_pairs)
            outside = self._not_pointed_to(
                trimester(ev.weeks), flags,
                tuple(sorted((ev.present & self.red_flags).difference(flags))))
            if outside0 is not None:
                outside = outside | outside0
            if len(posts) <= ROWS_IN_PYTHON:
                pick = self._pick_rows(posts, ranks1, thresholds.tolist(), unsuspected1,
                                       outside, current)
            else:
                pick = self._pick(posts, ranks, thresholds, unsuspected, outside, current)
            if pick is not None:
                row, col, s_rank, s_mass, counted = pick
                named = _named(flags, unknown[row], denied[row])
                if counted is not None:  # a summed level
                    r = self._summed_reason(s_rank, s_mass, posts[row].tolist(), counted)
                    probability = r.probability
                else:
                    r, probability = levels[col], float(posts[row, col])
                reasons.append(TriageReason(r.kind, r.id, r.level, r.says, r.src, r.condition,
                                            probability, *named))
        return reasons

    def _pick(self, posts: FloatArray, ranks: FloatArray, thresholds: FloatArray,
              unsuspected: npt.NDArray[np.bool_] | None, outside: npt.NDArray[np.bool_],
              current: int) -> Pick | None:
        """What the red-flag variants ``posts`` ask for above the rank ``current``, or
        None: a summed level reached in some row above every row's own levels (its
        first such row), or else the likeliest condition at the most urgent level any
        row reaches (the first of equals, row by row)."""
        row_rank = np.where(_passing(posts, thresholds, unsuspected, outside),
                            ranks[None, :], -1)
        top = int(row_rank.max())
        s_rank, s_mass = self._summed(posts, ranks, unsuspected, outside)
        if int(s_rank.max()) > max(top, current):
            srow = int(np.argmax(s_rank))
            counted = _counted(posts[srow:srow + 1], ranks, unsuspected,
                               outside[srow:srow + 1])[0].tolist()
            return srow, -1, int(s_rank[srow]), float(s_mass[srow]), counted
        if top > current:
            # The likeliest condition at that level, over every variant that reaches it.
            at_top = np.where(row_rank == top, posts, -1.0)
            row, col = np.unravel_index(int(np.argmax(at_top)), at_top.shape)
            return int(row), int(col), top, 0.0, None
        return None

    def _pick_rows(self, posts: FloatArray, ranks: list[int], thresholds: list[float],
                   unsuspected: list[bool] | None, outside: npt.NDArray[np.bool_],
                   current: int) -> Pick | None:
        """``_pick`` of a few rows (one red flag: 2) read as Python values
        row by row, with the one-row functions that her own row uses (``_passing_row``,
        ``_counted_row``, ``_summed_row``: the batch's answers, bit for bit); numpy's
        where a posterior is NaN (whose order Python's comparisons do not keep)."""
        rows = posts.tolist()
        if any(v != v for post in rows for v in post):
            return self._pick(posts, np.array(ranks), np.array(thresholds),
                              None if unsuspected is None else np.array(unsuspected),
                              outside, current)
        top, tops, best_s = -1, [], None
        for k, (post, out) in enumerate(zip(rows, outside.tolist(), strict=True)):
            lead = leader_of_row(post)
            passing = _passing_row(post, thresholds, lead, unsuspected, out)
            row_top = max((ranks[j] for j in passing), default=-1)
            counted = _counted_row(ranks, lead, unsuspected, out)
            s_rank, s_mass = self._summed_row(post, ranks, counted)
            if best_s is None or s_rank > best_s[2]:
                best_s = (k, -1, s_rank, s_mass, counted)
            top = max(top, row_top)
            tops.append(passing)
        if best_s is not None and best_s[2] > max(top, current):
            return best_s
        if top > current:
            row, col, value = 0, 0, -1.0
            for k, (post, passing) in enumerate(zip(rows, tops, strict=True)):
                for j in passing:
                    if ranks[j] == top and post[j] > value:
                        row, col, value = k, j, post[j]
            return row, col, top, 0.0, None
        return None

    def _not_pointed_to(self, t: int, flags: tuple[str, ...],
                        kept: tuple[str, ...]) -> npt.NDArray[np.bool_]:
        """``not_pointed_to`` of the variants of ``flags`` (``flag_states``) with the other
        red flags present ``kept``, in trimester ``t``: it depends on nothing else, so
        it is kept per pack (read-only; the cache starts again when full)."""
        key = (t, flags, kept)
        hit = self._outside.get(key)
        if hit is None:
            unknown, denied = flag_states(flags, self.flag_pairs)
            index = self.model.index
            hit = not_pointed_to(self.signs[t], [index[f] for f in flags], unknown + denied,
                                 [index[f] for f in kept])
            hit.flags.writeable = False
            if len(self._outside) >= OUTSIDE_KEPT:
                self._outside.clear()
            self._outside[key] = hit
        return hit

    def _summed(
        self, posts: FloatArray, ranks: FloatArray,
        unsuspected: npt.NDArray[np.bool_] | None = None,
        outside: npt.NDArray[np.bool_] | None = None,
    ) -> tuple[npt.NDArray[np.int_], FloatArray]:
        """Per row, the most urgent cumulative level whose summed posterior reaches its threshold.

        Returns (rank, or -1 when none; the summed posterior at that rank).
        """
        out_rank = np.full(len(posts), -1)
        out_mass = np.zeros(len(posts))
        counted = (None if unsuspected is None and outside is None
                   else _counted(posts, ranks, unsuspected, outside))
        for rank, threshold in self.cumulative:
            if counted is None:
                mass = posts[:, ranks >= rank].sum(axis=1)
            else:
                mass = np.where(counted >= rank, posts, 0.0).sum(axis=1)
            hit = (mass >= threshold) & (out_rank < 0)
            out_rank[hit] = rank
            out_mass[hit] = mass[hit]
        return out_rank, out_mass

    def _summed_row(self, post: list[float], ranks: list[int],
                    counted: list[int] | None) -> tuple[int, float]:
        """``_summed`` of one row as Python floats, bit for bit (the same sums in
        numpy's pairwise order, over the same elements: with nothing set aside
        (``counted`` None) the conditions at the rank, else every one, those not
        counted as zeros): (rank, or -1 when none; the summed posterior at that rank)."""
        for rank, threshold in self.cumulative:
            if counted is None:
                mass = _pairwise_sum([p for p, r in zip(post, ranks, strict=True) if r >= rank])
            else:
                mass = _pairwise_sum([p if c >= rank else 0.0
                                      for p, c in zip(post, counted, strict=True)])
            if mass >= threshold:
                return rank, mass
        return -1, 0.0

    def _summed_reason(self, rank: int, mass: float, posterior: list[float],
                       ranks: list[int]) -> TriageReason:
        """The reason for a summed level, named after its likeliest contributor (up to
        three, the likeliest first; equal ones in the order numpy's argsort gives)."""
        pack = self.pack
        level = next(lv for lv in pack.levels if pack.level_rank(lv) == rank)
        at = [p if c >= rank else -1.0 for p, c in zip(posterior, ranks, strict=True)]
        positive = [i for i, p in enumerate(at) if p > 0]
        if len({at[i] for i in positive}) == len(positive):
            order = sorted(positive, key=lambda i: -at[i])[:3]
        else:  # a tie: numpy's sort need not keep the pack's order, so ask it
            a = np.array(at)
            order = [int(i) for i in np.argsort(-a) if a[i] > 0][:3]
        names = ", ".join(pack.conditions[self.model.conditions[i]].lay_name for i in order)
        says = pack.cumulative_says.format(conditions=names)
        return TriageReason("condition", "summed_" + level, level, says, pack.cumulative_src,
                            self.model.conditions[order[0]], mass)


def _pairwise_sum(a: list[float]) -> float:
    """``np.sum`` of a row of floats, bit for bit: numpy's pairwise order
    (numpy/_core/src/umath/loops_utils.h; engine/_near.c's ``pairwise``): fewer than
    8 added one after another; up to 128 in eight interleaved partial sums combined as
    a tree, the rest added after; more split in two halves (the first a multiple of 8)."""
    n = len(a)
    if n < 8:
        res = 0.0
        for x in a:
            res += x
        return res
    if n <= 128:
        r0, r1, r2, r3, r4, r5, r6, r7 = a[:8]
        end = n - n % 8
        for i in range(8, end, 8):
            r0 += a[i]
            r1 += a[i + 1]
            r2 += a[i + 2]
            r3 += a[i + 3]
            r4 += a[i + 4]
            r5 += a[i + 5]
            r6 += a[i + 6]
            r7 += a[i + 7]
        res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
        for x in a[end:]:
            res += x
        return res
    half = n // 2
    half -= half % 8
    return _pairwise_sum(a[:half]) + _pairwise_sum(a[half:])


def _passing_row(post: list[float], thresholds: list[float], lead: int,
                 unsuspected: list[bool] | None, outside: list[bool] | None) -> list[int]:
    """``_passing`` of one row as Python values: the indices of the conditions that count."""
    out = []
    for i, (p, t) in enumerate(zip(post, thresholds, strict=True)):
        ok = (p >= t and p > 0.0 and (unsuspected is None or not unsuspected[i])) or i == lead
        if ok and (outside is None or not outside[i]):
            out.append(i)
    return out


def _counted_row(ranks: list[int], lead: int, unsuspected: list[bool] | None,
                 outside: list[bool] | None) -> list[int]:
    """``_counted`` of one row as Python values (its leader ``lead``)."""
    out = list(ranks)
    for i in range(len(out)):
        if (unsuspected is not None and unsuspected[i] and i != lead) or (
                outside is not None and outside[i]):
            out[i] = -1
    return out


def _passing(posts: FloatArray, thresholds: FloatArray,
             unsuspected: npt.NDArray[np.bool_] | None = None,
             outside: npt.NDArray[np.bool_] | None = None) -> npt.NDArray[np.bool_]:
    """Which conditions count in each row: the leader, and any at its level's threshold
    that is suspected (``Triager.unsuspected``: one of its required signs holds); in a
    red-flag variant, none that a flag it changes does not point to (``outside``,
    ``not_pointed_to``), not even its leader."""
    passing = (posts >= thresholds[None, :]) & (posts > 0.0)
    if unsuspected is not None:
        passing &= ~unsuspected[None, :]
    passing[np.arange(len(posts)), leaders(posts)] = True
    if outside is not None:
        passing &= ~outside
    return passing


def _counted(posts: FloatArray, ranks: FloatArray,
             unsuspected: npt.NDArray[np.bool_] | None,
             outside: npt.NDArray[np.bool_] | None = None) -> FloatArray:
    """Each row's condition ranks as the summed levels count them: a condition not
    suspected (``Triager.unsuspected``) adds nothing unless it leads that row, and in a
    red-flag variant one that a changed flag does not point to adds nothing."""
    counted: FloatArray = np.repeat(ranks[None, :], len(posts), axis=0)
    if unsuspected is not None:
        out = unsuspected[None, :].repeat(len(posts), axis=0)
        out[np.arange(len(posts)), leaders(posts)] = False
        counted[out] = -1
    if outside is not None:
        counted[outside] = -1
    return counted


def signs_of(model: Model) -> npt.NDArray[np.bool_]:
    """Per trimester, (conditions x findings): whether the pack gives the finding a
    likelihood above its background rate for the condition, i.e. the finding is one
    of the condition's signs (it points to it). A condition that does not list the
    finding, or lists it at its background, says nothing about it; a condition with
    forms (engine/forms.py) points to a finding any of its forms lists above it."""
    out: npt.NDArray[np.bool_] = (np.log(model.p_forms_max)
                                  > np.log(model.background)[:, None, :])
    return out


def not_pointed_to(signs: npt.NDArray[np.bool_], cols: Sequence[int] | npt.NDArray[np.int64],
                   changed: FloatArray,
                   kept: Sequence[int] | npt.NDArray[np.int64] = ()) -> npt.NDArray[np.bool_]:
    """Per variant row, the conditions it does not count (docs/model.md, "Red flags
    never lower the level"). ``changed``: 0/1 over the flags' columns ``cols``, those
    the row sets aside or takes as "no"; ``kept``: the columns of the other red flags
    present, which no row changes; ``signs``: one trimester of ``signs_of``.

    A flag h changed in the row may have explained away condition c (the row does
    not count c) when h is not a sign of c, and every red flag the row keeps that
    points to c is accounted for by h's own explanation (a condition h points to is
    a sign of it too). So a red flag never makes a danger it points to look safer;
    a danger it says nothing about loses probability to the flag's own explanation
    as evidence should make it, unless another red flag she reported points to that
    danger and nothing the flag points to explains it: two problems at once, which a
    single-cause model would otherwise explain as one.
    """
    k = len(cols)
    every = np.concatenate([np.asarray(cols, dtype=np.int64), np.asarray(kept, dtype=np.int64)])
    sign_h = signs[:, every[:k]]  # conditions x changed-able flags
    sign_g = signs[:, every]  # conditions x every red flag present
    accounted = (sign_h.T.astype(float) @ sign_g.astype(float)) > 0.0  # h x g
    unexplained = (sign_g[None, :, :] & ~accounted[:, None, :]).astype(float)  # h x c x g
    keeps = np.concatenate([1.0 - changed, np.ones((len(changed), len(every) - k))], axis=1)
    held = np.einsum("vg,hcg->vhc", keeps, unexplained) > 0.0  # a kept flag holds c
    ok = sign_h.T[None, :, :] | held  # v x h x c
    out: npt.NDArray[np.bool_] = ((changed[:, :, None] > 0) & ~ok).any(axis=1)
    return out


def _rule_reason(cr: CompiledRule) -> TriageReason:
    """A floor rule's reason: the same for every case in which it holds."""
    r = cr.rule
    return TriageReason("rule", r.id, r.level, r.says, r.src)


def _mentioned_by(
    rules: Sequence[tuple[int, frozenset[str] | None]],
) -> tuple[tuple[int, ...], dict[str, tuple[int, ...]]]:
    """For rules given as (their place, the findings that trigger them or None): the
    places of those that any case may trigger (None), and per finding the places of
    those it triggers (several rules may share a place: one condition's)."""
    always: set[int] = set()
    of: dict[str, set[int]] = {}
    for place, mentions in rules:
        if mentions is None:
            always.add(place)
        else:
            for f in mentions:
                of.setdefault(f, set()).add(place)
    return tuple(sorted(always)), {f: tuple(sorted(ks)) for f, ks in of.items()}


def _mentioning(known: frozenset[str], always: tuple[int, ...],
                of: Mapping[str, tuple[int, ...]]) -> list[int]:
    """The places (in order) of the rules that ``known`` may trigger: those with no
    trigger set and those whose trigger set holds a known finding; exactly the rules
    that ``known.isdisjoint(mentions)`` does not skip."""
    hit = set(always)
    for f in known:
        places = of.get(f)
        if places is not None:
            hit.update(places)
    return sorted(hit)


def _trigger(cr: CompiledRule) -> frozenset[str] | None:
    return expr.triggers(cr.node, frozenset({"gestational_weeks"}))


def free_red_flags(
    present: frozenset[str], absent: frozenset[str], numbers: Mapping[str, float],
    red_flags: frozenset[str], measured: tuple[tuple[str, expr.Node], ...],
    pairs: tuple[tuple[str, str], ...],
) -> tuple[str, ...]:
    """The red flags present that the variants may change (``Triager.free_flags``; the
    interview's batch calls it too): the first RED_FLAG_SUBSETS_MAX alphabetically,
    less those a measurement makes present, less those implied by a present finding
    outside that set."""
    forced = {f for f, node in measured
              if f in present and expr.evaluate(node, present, absent, numbers)}
    flags = sorted((present & red_flags) - forced)[:RED_FLAG_SUBSETS_MAX]
    kept = set(flags)
    return tuple(f for f in flags
                 if not any(then == f and child in present and child not in kept
                            for child, then in pairs))


@cache
def flag_states(
    flags: tuple[str, ...], pairs: tuple[tuple[str, str], ...]
) -> tuple[FloatArray, FloatArray]:
    """Every variant of the red flags present, as (unknown, denied) 0/1 rows over ``flags``.

    Each flag is kept, set back to unknown, or taken as "no"; every combination but
    "all kept", less those that are not a case she could give (a child kept while its
    parent is changed, or a parent denied while its child is not).
    """
    index = {f: i for i, f in enumerate(flags)}
    nested = [(index[c], index[p]) for c, p in pairs if c in index and p in index]
    rows = []
    for states in itertools.product((0, 1, 2), repeat=len(flags)):
        if not any(states):
            continue
        if any((states[c] == 0 and states[p] != 0) or (states[p] == 2 and states[c] != 2)
               for c, p in nested):
            continue
        rows.append(states)
    grid = np.array(rows, dtype=np.int64).reshape(-1, len(flags))
    unknown: FloatArray = (grid == 1).astype(float)
    denied: FloatArray = (grid == 2).astype(float)
    return unknown, denied


def _red_flag_variants(
    model: Model, ev: Evidence, flags: tuple[str, ...], pairs: tuple[tuple[str, str], ...]
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Posteriors for the evidence with its red flags in every other state (flag_states),
    and the 0/1 rows over ``flags`` of those set back to unknown and those taken as "no"
    (``_named`` names the one row a reason quotes: up to 728 rows, one is read).

    One batch of indicator rows scored by the model's one formula (``Model.scores``),
    so that a nested flag (heavy bleeding in bleeding) is counted with its nesting
    correction, exactly as the interview's batch counts it. Subtracting log P(f | c)
    from the full score instead left the correction of a removed pair behind.
    """
    pos, neg = model.vector(ev)
    cols = [model.index[f] for f in flags]
    unknown, denied = flag_states(flags, pairs)
    rows = np.repeat(pos[None, :], len(unknown), axis=0)
    negs = np.repeat(neg[None, :], len(unknown), axis=0)
    if ev.absent.isdisjoint(flags):
        # each flag present (1 in ``pos``) and not absent (0 in ``neg``): its cells are
        # what the variant keeps and denies, the floats multiplying and adding give
        rows[:, cols] = _kept(flags, pairs)
        negs[:, cols] = denied
    else:  # an evidence built with a flag both present and absent
        rows[:, cols] *= _kept(flags, pairs)
        negs[:, cols] += denied
    subset_scores = model.scores(ev.weeks, rows, negs)
    return softmax(subset_scores), unknown, denied


@cache
def _kept(flags: tuple[str, ...], pairs: tuple[tuple[str, str], ...]) -> FloatArray:
    """1 where a variant (``flag_states``) keeps a flag present, else 0 (read-only)."""
    unknown, denied = flag_states(flags, pairs)
    out: FloatArray = 1.0 - unknown - denied
    out.flags.writeable = False
    return out


def _named(
    flags: tuple[str, ...], unknown: FloatArray, denied: FloatArray
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The flags of one variant row set back to unknown, and those taken as "no"."""
    return (tuple(f for f, m in zip(flags, unknown, strict=True) if m),
            tuple(f for f, m in zip(flags, denied, strict=True) if m))
