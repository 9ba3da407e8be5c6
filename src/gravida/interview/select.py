"""Which question next, and whether to stop: the value of every possible answer.

For each question not yet asked, every answer it could get (yes and no; "none
of these" and each member for a group; one value per band of the pack's
rules for each number) becomes a hypothetical evidence. All of them are
scored at once: one batch posterior and a vectorised copy of the triage
policy (``LevelPolicy``, checked against ``engine.triage`` by the tests).
That gives, for every answer, its probability under the model, the
differential it leads to and the triage level it sets. Then, in order:

1. **screening**: every red flag of the pack, and every finding that could
   still complete a rule setting an emergency level above the current one
   (a floor, or the adjustment of a condition that leads or is probable
   enough), is asked about; the likeliest danger first;
2. **danger**: a question with a plausible answer (probability x
   answerable >= ``plausible_answer``) that, alone or with one plausible
   answer to another question, would make an emergency-level condition
   probable enough for its level;
3. **level / differential**: a question with a plausible answer that would
   change the level, or (while the leader is below ``lead_probability``)
   the top three.

Within a step the most valuable question is asked, value = answerable x
information gain over the differential (bits) x (1 + ``level_weight`` x
expected change of the triage level, in levels). When no question is left
in any step the interview stops as settled. docs/interview.md states the
rule in full.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from gravida.engine import Case, Engine, Evidence, Model
from gravida.engine.model import leaders, softmax, trimester
from gravida.engine.triage import RED_FLAG_SUBSETS_MAX
from gravida.interview.catalogue import Catalogue, QuestionSpec, probes
from gravida.knowledge import expr

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

# Not clinical: a bound on work. Pairs of answers are tried among this many
# answers, those that push hardest towards crossing the emergency line.
PAIR_ANSWERS = 64
# Not clinical: red-flag subset masks kept per selector (each at most 63 x 90 floats).
MASKS_KEPT = 256

EMERGENCY = "emergency"
AMBULANCE = "emergency_ambulance"

Value = bool | float | None | tuple[str, ...] | Mapping[str, float] | Mapping[str, bool | None]


# --- the triage policy, vectorised ----------------------------------------------


@dataclass(frozen=True)
class _Rule:
    rank: int
    node: expr.Node
    mentions: frozenset[str]


@dataclass(frozen=True)
class Hypothesis:
    """Evidence after one possible answer; ``changed`` limits which rules are re-read."""

    present: frozenset[str]
    absent: frozenset[str]
    numbers: Mapping[str, float]
    changed: frozenset[str] | None  # None: every rule is evaluated afresh


@dataclass(frozen=True)
class Batch:
    """Per hypothesis: its triage level (as a rank) and its posterior."""

    level: IntArray
    posterior: FloatArray
    condition_ranks: IntArray  # each condition's level now, after its adjustments
    floor_rank: IntArray  # the most urgent floor rule that holds (-1: none)


class LevelPolicy:
    """engine.triage.decide's level (not its reasons) for many evidences at once.

    The level is the most urgent of: every floor rule that holds; the
    leader's level; every condition whose posterior reaches the threshold of
    its level; and the same differential taken without each combination of
    the red flags present. Condition levels after adjustment and floor rules
    depend on the evidence only, so a hypothesis that changes one finding
    re-reads only the rules that mention it.
    """

    def __init__(self, model: Model) -> None:
        pack = model.pack
        self.model = model
        self.levels = pack.levels
        self.rank = {lv: pack.level_rank(lv) for lv in pack.levels}
        self.by_rank = {r: lv for lv, r in self.rank.items()}
        self.floors = [
            _Rule(self.rank[cr.rule.level], cr.node, frozenset(expr.findings_in(cr.node)))
            for cr in pack.floors
        ]
        conds = model.conditions
        self.base_rank: IntArray = np.array(
            [self.rank[pack.condition_levels[c].level] for c in conds], dtype=np.int64
        )
        self.adjust: list[tuple[int, list[_Rule]]] = []
        for i, c in enumerate(conds):
            rules = [
                _Rule(self.rank[cr.rule.level], cr.node, frozenset(expr.findings_in(cr.node)))
                for cr in pack.condition_levels[c].adjust
            ]
            if rules:
                self.adjust.append((i, rules))
        thr = np.zeros(len(self.levels))
        for lv, r in self.rank.items():
            thr[r] = pack.thresholds[lv]
        self.threshold_by_rank: FloatArray = thr
        self.red_flags = frozenset(pack.red_flags)
        self.floors_by_finding: dict[str, list[int]] = {}
        for i, floor in enumerate(self.floors):
            for f in floor.mentions:
                self.floors_by_finding.setdefault(f, []).append(i)
        self.adjust_by_finding: dict[str, list[int]] = {}
        for a, (_, rules) in enumerate(self.adjust):
            for f in {f for r in rules for f in r.mentions}:
                self.adjust_by_finding.setdefault(f, []).append(a)
        self._mask_cache: dict[tuple[str, ...], FloatArray] = {}

    # evidence-only parts ----------------------------------------------------

    def floor_truths(self, h: Hypothesis) -> list[bool]:
        return [expr.evaluate(r.node, h.present, h.absent, h.numbers) for r in self.floors]

    def adjust_ranks(self, h: Hypothesis) -> IntArray:
        ranks = self.base_rank.copy()
        for i, rules in self.adjust:
            ranks[i] = self._adjusted(i, rules, h)
        return ranks

    def _adjusted(self, i: int, rules: list[_Rule], h: Hypothesis) -> int:
        best = -1
        for r in rules:
            if r.rank > best and expr.evaluate(r.node, h.present, h.absent, h.numbers):
                best = r.rank
        return best if best >= 0 else int(self.base_rank[i])

    def vectors(self, h: Hypothesis) -> tuple[FloatArray, FloatArray]:
        index = self.model.index
        pos = np.zeros(len(self.model.findings))
        neg = np.zeros(len(self.model.findings))
        for f in h.present:
            pos[index[f]] = 1.0
        for f in h.absent:
            neg[index[f]] = 1.0
        return pos, neg

    def posteriors(self, weeks: float, pos: FloatArray, neg: FloatArray) -> FloatArray:
        """model.posterior_batch for rows that share one gestational age, without its
        per-row loop (the interview scores thousands of rows per question)."""
        model = self.model
        t = trimester(weeks)
        scores = model.log_prior(weeks)[None, :] + pos @ model.log_p[t].T + neg @ model.log_q[t].T
        return softmax(scores)

    def _masks(self, flags: tuple[str, ...]) -> FloatArray:
        """One row per non-empty subset of ``flags``: 1 everywhere but 0 on the subset."""
        hit = self._mask_cache.get(flags)
        if hit is None:
            cols = [self.model.index[f] for f in flags]
            rows = []
            for size in range(1, len(flags) + 1):
                for subset in itertools.combinations(cols, size):
                    row = np.ones(len(self.model.findings))
                    row[list(subset)] = 0.0
                    rows.append(row)
            hit = np.array(rows)
            if len(self._mask_cache) < MASKS_KEPT:
                self._mask_cache[flags] = hit
        return hit

    # batch ------------------------------------------------------------------

    def evaluate(self, weeks: float, hyps: Sequence[Hypothesis]) -> Batch:
        """Level and posterior for every hypothesis; ``hyps[0]`` is the evidence now."""
        model = self.model
        n, n_f = len(hyps), len(model.findings)
        base = hyps[0]
        base_pos, base_neg = self.vectors(base)
        pos = np.repeat(base_pos[None, :], n, axis=0)
        neg = np.repeat(base_neg[None, :], n, axis=0)
        truths = self.floor_truths(base)
        base_true = [(i, r.rank) for i, r in enumerate(self.floors) if truths[i]]
        floor_rank = np.full(n, max((r for _, r in base_true), default=-1), dtype=np.int64)
        base_adjust = self.adjust_ranks(base)
        cond_ranks = np.repeat(base_adjust[None, :], n, axis=0)
        for k in range(1, n):
            h = hyps[k]
            if h.changed is None:
                pos[k], neg[k] = self.vectors(h)
                floor_rank[k] = max(
                    (r.rank for r, t in zip(self.floors, self.floor_truths(h), strict=True) if t),
                    default=-1,
                )
                cond_ranks[k] = self.adjust_ranks(h)
                continue
            floors: set[int] = set()
            adjust: set[int] = set()
            for f in h.changed:
                j = model.index.get(f)
                if j is not None:
                    pos[k, j] = 1.0 if f in h.present else 0.0
                    neg[k, j] = 1.0 if f in h.absent else 0.0
                floors.update(self.floors_by_finding.get(f, ()))
                adjust.update(self.adjust_by_finding.get(f, ()))
            if floors:
                best = max((r for i, r in base_true if i not in floors), default=-1)
                for i in floors:
                    rule = self.floors[i]
                    if rule.rank > best and expr.evaluate(rule.node, h.present, h.absent,
                                                          h.numbers):
                        best = rule.rank
                floor_rank[k] = best
            for a in adjust:
                ci, rules = self.adjust[a]
                cond_ranks[k, ci] = self._adjusted(ci, rules, h)
        # the differential without each combination of the red flags present
        groups: dict[tuple[str, ...], list[int]] = {}
        for k, h in enumerate(hyps):
            flags = tuple(sorted(h.present & self.red_flags)[:RED_FLAG_SUBSETS_MAX])
            if flags:
                groups.setdefault(flags, []).append(k)
        all_pos, all_neg, owners = [pos], [neg], [np.arange(n)]
        for flags, ks in groups.items():
            masks = self._masks(flags)
            idx = np.array(ks, dtype=np.int64)
            all_pos.append((pos[idx][:, None, :] * masks[None, :, :]).reshape(-1, n_f))
            all_neg.append(np.repeat(neg[idx], len(masks), axis=0))
            owners.append(np.repeat(idx, len(masks)))
        own = np.concatenate(owners)
        post = self.posteriors(weeks, np.concatenate(all_pos), np.concatenate(all_neg))
        ranks = cond_ranks[own]
        thr = self.threshold_by_rank[ranks]
        qualifies = (post >= thr) & (post > 0.0)
        by_threshold = np.where(qualifies, ranks, -1).max(axis=1)
        # the leader, with the engine's own tie-break
        leader_rank = ranks[np.arange(len(own)), leaders(post)]
        level = floor_rank.copy()
        np.maximum.at(level, own, np.maximum(by_threshold, leader_rank))
        return Batch(level, post[:n], base_adjust, floor_rank)


# --- evidence for one answer -------------------------------------------------------


def _close(pack_implies: Iterable[tuple[str, str]], present: set[str], absent: set[str]) -> bool:
    """Apply implications both ways; False when the result contradicts itself."""
    implies = list(pack_implies)
    changed = True
    while changed:
        changed = False
        for if_, then in implies:
            if if_ in present and then not in present:
                present.add(then)
                changed = True
            if then in absent and if_ not in absent:
                absent.add(if_)
                changed = True
    return not (present & absent)



# --- danger patterns: rules that further answers could still complete ----------------


@dataclass(frozen=True)
class Pattern:
    """A rule that sets an emergency level: a floor, or a condition's adjustment."""

    id: str
    rank: int
    node: expr.Node
    condition: int | None  # for an adjustment: the condition it belongs to


def status(node: expr.Node, ev: Evidence, askable: Callable[[str], bool]) -> bool | None:
    """True (holds), False (cannot hold any more) or None (still open) for a rule.

    Three-valued: an atom about a finding that is unknown but still askable is
    open; one that is unknown and was already asked (or cannot be asked) can
    no longer hold, as in the engine, where an unknown never satisfies a rule.
    """
    if isinstance(node, expr.Atom):
        f = node.finding
        if f in ev.present:
            return node.present
        if f in ev.absent:
            return not node.present
        return None if askable(f) else False
    if isinstance(node, expr.Compare):
        value = ev.numbers.get(node.finding)
        if value is not None:
            return expr.OPS[node.op](value, node.value)
        return None if askable(node.finding) else False
    parts = [status(p, ev, askable) for p in node.parts]
    if isinstance(node, expr.All):
        if any(p is False for p in parts):
            return False
        return True if all(p is True for p in parts) else None
    if any(p is True for p in parts):
        return True
    return False if all(p is False for p in parts) else None


def open_findings(node: expr.Node, ev: Evidence, askable: Callable[[str], bool]) -> set[str]:
    """The askable findings an answer to which could still help an open rule hold."""
    if status(node, ev, askable) is not None:
        return set()
    if isinstance(node, expr.Atom | expr.Compare):
        return {node.finding}
    out: set[str] = set()
    for p in node.parts:
        out |= open_findings(p, ev, askable)
    return out


# --- the plan -------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """One possible answer to a question and what it would lead to."""

    answer: Value
    probability: float
    level: str


@dataclass(frozen=True)
class Scored:
    question: str
    outcomes: tuple[Outcome, ...]
    value: float
    info_gain: float  # bits about the differential
    level_change: float  # expected |change of level|, in levels
    p_emergency: float  # probability of an answer that raises the level to an emergency now
    screening: tuple[str, ...]  # open danger patterns this question could help complete
    holds_level: bool  # a plausible answer changes the level
    holds_top3: bool  # (leader unclear and) a plausible answer changes the top three
    raises_danger: bool = False  # plausible answers, alone or two together, could raise
    # the level across the emergency (or ambulance) line
    lowers_danger: bool = False  # at an emergency the differential set: two plausible
    # answers could take it below the line


@dataclass(frozen=True)
class Plan:
    """The decision for one interview state: a question to ask, or why to stop."""

    question: str | None
    stop: str | None
    level: str
    leader_probability: float
    phase: str  # start | screening | level | differential | emergency | ""
    open_patterns: tuple[str, ...] = ()
    scored: tuple[Scored, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class State:
    """What select needs to know about an interview: the case and what was asked."""

    case: Case
    asked: frozenset[str]  # question ids already asked (or volunteered)
    covered: frozenset[str]  # findings already asked about, whatever the answer
    n_asked: int
    emergency: bool  # an answer revealed a red flag at an emergency level


class Selector:
    """Question choice for one engine and catalogue; immutable, built once per pack."""

    def __init__(self, engine: Engine, catalogue: Catalogue) -> None:
        self.engine = engine
        self.model = engine.model
        self.catalogue = catalogue
        self.params = catalogue.params
        self.policy = LevelPolicy(engine.model)
        pack = engine.pack
        self.implies = [(imp.if_, imp.then) for imp in pack.implies]
        self.implied = frozenset(f for pair in self.implies for f in pair)
        self.meaningful = dict(self.model.meaningful)
        self.emergency_rank = pack.level_rank(EMERGENCY)
        self.ambulance_rank = pack.level_rank(AMBULANCE)
        self.probe_values: dict[str, list[float]] = {}
        for q in catalogue.questions.values():
            for part in q.parts:
                self.probe_values[part.finding] = probes(pack, part)
        patterns = [
            Pattern(cr.rule.id, pack.level_rank(cr.rule.level), cr.node, None)
            for cr in pack.floors
        ]
        for i, c in enumerate(self.model.conditions):
            for cr in pack.condition_levels[c].adjust:
                patterns.append(Pattern(cr.rule.id, pack.level_rank(cr.rule.level), cr.node, i))
        self.patterns = tuple(p for p in patterns if p.rank >= self.emergency_rank)
        self.red_flags = tuple(pack.red_flags)
        # A follow-up's findings (heavy bleeding) are asked only once a parent
        # finding (bleeding) is present; until then the parents are what to ask.
        self.parents: dict[str, tuple[str, ...]] = {
            f: q.when for q in catalogue.questions.values() if q.when for f in q.findings
        }

    # candidates ----------------------------------------------------------------

    def askable(self, ev: Evidence, covered: frozenset[str]) -> Callable[[str], bool]:
        """Whether a finding is unknown, not yet asked, and meaningful at this gestation."""

        def base(f: str) -> bool:
            if f in covered or f in ev.present or f in ev.absent or f in ev.numbers:
                return False
            lo, hi = self.meaningful.get(f, (-math.inf, math.inf))
            return lo <= ev.weeks < hi

        def ok(f: str) -> bool:
            # a follow-up stays open while a parent is present or may still be asked
            parents = self.parents.get(f)
            return base(f) and (parents is None or any(
                p in ev.present or base(p) for p in parents))

        return ok

    def to_ask(self, f: str, ev: Evidence, askable: Callable[[str], bool]) -> set[str]:
        """The findings to ask so that ``f`` can be settled: itself, or its parents first."""
        parents = self.parents.get(f)
        if parents is None or any(p in ev.present for p in parents):
            return {f}
        return {p for p in parents if askable(p)}

    def candidates(
        self, ev: Evidence, state: State
    ) -> list[tuple[QuestionSpec, tuple[str, ...]]]:
        """Questions still worth asking, each with the findings it would settle."""
        askable = self.askable(ev, state.covered)
        out = []
        grouped: set[str] = set()  # findings a group still open will ask about
        for q in self.catalogue.questions.values():
            if q.kind != "group" or q.id in state.asked or not q.applies(ev.present):
                continue
            open_ = tuple(f for f in q.findings if askable(f))
            if len(open_) >= 2 or (q.volunteered and open_):
                out.append((q, open_))
                grouped.update(open_)
        for q in self.catalogue.questions.values():
            if q.kind == "group" or q.id in state.asked or not q.applies(ev.present):
                continue
            open_ = tuple(f for f in q.findings if askable(f))
            if q.kind == "number":
                if open_ and all(self.probe_values.get(f) for f in open_):
                    out.append((q, open_))
            elif open_ and open_[0] not in grouped:
                out.append((q, open_))
        return out

    def open_patterns(
        self, ev: Evidence, state: State, level: int, posterior: FloatArray
    ) -> dict[str, set[str]]:
        """Danger patterns above the current level that answers could still complete.

        A floor always counts. A condition's adjustment counts while that
        condition leads or is probable enough for the adjustment's level, the
        only way it can set the level.
        """
        target = self.ambulance_rank if level >= self.emergency_rank else self.emergency_rank
        askable = self.askable(ev, state.covered)
        lead = int(leaders(posterior))
        out: dict[str, set[str]] = {}
        for p in self.patterns:
            if p.rank < target or p.rank <= level:
                continue
            if p.condition is not None and p.condition != lead and (
                posterior[p.condition] < self.policy.threshold_by_rank[p.rank]
            ):
                continue
            found = open_findings(p.node, ev, askable)
            if found:
                out[p.id] = found
        return out

    # the decision ----------------------------------------------------------------

    def plan(self, state: State) -> Plan:
        model, params = self.model, self.params
        ev = model.evidence(state.case)
        cands = self.candidates(ev, state)
        hyps: list[Hypothesis] = [Hypothesis(ev.present, ev.absent, ev.numbers, frozenset())]
        memo: dict[tuple[str, bool], int | None] = {}

        def boolean(f: str, val: bool) -> int | None:
            key = (f, val)
            if key not in memo:
                memo[key] = self._add(hyps, ev, {f} if val else set(), set() if val else {f})
            return memo[key]

        # every answer of every question: (question, answer, hypothesis, part)
        questions: list[QuestionSpec] = []
        entries: list[tuple[int, Value, int, int]] = []
        for q, open_ in cands:
            qi = len(questions)
            before = len(entries)
            if q.kind == "yes_no":
                for val in (True, False):
                    k = boolean(open_[0], val)
                    if k is not None:
                        entries.append((qi, val, k, 0))
            elif q.kind == "group":
                if not q.must_choose:
                    k = self._add(hyps, ev, set(), set(open_))
                    if k is not None:
                        entries.append((qi, False, k, 0))
                for f in open_:
                    k = boolean(f, True)
                    if k is not None:
                        entries.append((qi, (f,), k, 0))
            else:
                # one part at a time: each part's bands are one set of answers
                for part, f in enumerate(open_):
                    for v in self.probe_values[f]:
                        hev = model.evidence(state.case.with_answer(f, v))
                        changed = (hev.present ^ ev.present) | (hev.absent ^ ev.absent) | {f}
                        hyps.append(Hypothesis(hev.present, hev.absent, hev.numbers,
                                               frozenset(changed)))
                        entries.append((qi, {f: v}, len(hyps) - 1, part))
            if len(entries) > before:
                questions.append(q)

        batch = self.policy.evaluate(ev.weeks, hyps)
        levels, posts = batch.level, batch.posterior
        p_t = model.p[trimester(ev.weeks)]
        post0 = posts[0]
        level0 = int(levels[0])
        lead0 = float(post0.max())
        raise_to = self.ambulance_rank if level0 >= self.emergency_rank else self.emergency_rank
        danger = self.open_patterns(ev, state, level0, post0)
        danger_findings: dict[str, set[str]] = {}
        askable = self.askable(ev, state.covered)
        for pid, found in danger.items():
            for f in found:
                for g in self.to_ask(f, ev, askable):
                    danger_findings.setdefault(g, set()).add(pid)
        if level0 < self.emergency_rank:
            # every red flag of the pack is asked about, whatever it would change now
            for f in self.red_flags:
                if askable(f):
                    for g in self.to_ask(f, ev, askable):
                        danger_findings.setdefault(g, set()).add(f"red_flag:{f}")
        if not entries:
            return self._decide(state, [], level0, lead0, tuple(sorted(danger)))

        # per hypothesis
        with np.errstate(divide="ignore", invalid="ignore"):
            logs = np.where(posts > 0, np.log2(posts), 0.0)
        entropy = -(posts * logs).sum(axis=1)
        top3 = np.sort(np.argsort(-posts, axis=1, kind="stable")[:, :3], axis=1)
        top3_moves = (top3 != top3[0]).any(axis=1)
        # per answer
        qi_arr = np.array([e[0] for e in entries], dtype=np.int64)
        k_arr = np.array([e[2] for e in entries], dtype=np.int64)
        prob = self._probabilities(questions, entries, hyps, post0, p_t, ev)
        answerable = np.array([q.answerable for q in questions])[qi_arr]
        lv = levels[k_arr]
        n_q = len(questions)
        parts = np.zeros(n_q)  # separately answered parts (the numbers of a form)
        np.maximum.at(parts, qi_arr, np.array([e[3] + 1.0 for e in entries]))
        info = entropy[0] * parts - np.bincount(qi_arr, prob * entropy[k_arr], minlength=n_q)
        dlevel = np.bincount(qi_arr, prob * np.abs(lv - level0), minlength=n_q)
        raising = (lv >= raise_to) & (lv > level0)
        q_answerable = np.array([q.answerable for q in questions])
        p_emergency = q_answerable * np.bincount(qi_arr, prob * raising, minlength=n_q)
        plausible = prob * answerable >= params.plausible_answer
        holds_level = np.bincount(qi_arr, plausible & (lv != level0), minlength=n_q) > 0
        holds_top3 = np.bincount(qi_arr, plausible & top3_moves[k_arr], minlength=n_q) > 0
        holds_top3 &= lead0 < params.lead_probability
        # the emergency line: plausible answers, alone or two together, that cross it
        danger_up = np.bincount(qi_arr, plausible & raising, minlength=n_q) > 0
        if level0 < self.ambulance_rank:
            danger_up |= self._pair_crossing(qi_arr, k_arr, plausible, batch, raise_to,
                                             False, n_q)
        danger_down = np.zeros(n_q, dtype=bool)
        if self.emergency_rank <= level0 < self.ambulance_rank and not state.emergency:
            danger_down = self._pair_crossing(qi_arr, k_arr, plausible, batch,
                                              self.emergency_rank, True, n_q)
        value = q_answerable * np.maximum(info, 0.0) * (1.0 + params.level_weight * dlevel)
        by_rank = self.policy.by_rank
        outcomes: list[list[Outcome]] = [[] for _ in range(n_q)]
        for (qi, a, k, _), pr in zip(entries, prob, strict=True):
            outcomes[qi].append(Outcome(a, float(pr), by_rank[int(levels[k])]))
        scored = [
            Scored(
                q.id, tuple(outcomes[i]), float(value[i]), float(info[i]), float(dlevel[i]),
                float(p_emergency[i]),
                tuple(sorted({pid for f in q.findings for pid in danger_findings.get(f, ())})),
                bool(holds_level[i]), bool(holds_top3[i]), bool(danger_up[i]),
                bool(danger_down[i]),
            )
            for i, q in enumerate(questions)
        ]
        return self._decide(state, scored, level0, lead0, tuple(sorted(danger)))

    def _pair_crossing(
        self,
        qi_arr: IntArray,
        k_arr: IntArray,
        plausible: npt.NDArray[np.bool_],
        batch: Batch,
        line: int,
        down: bool,
        n_q: int,
    ) -> npt.NDArray[np.bool_]:
        """Questions with a plausible answer that, with a plausible answer to another
        question, would take the level across ``line`` (up, or ``down`` below it).

        A single answer rarely undoes, or completes, what several findings make
        probable, so the emergency line is also tested for pairs. Naive Bayes
        makes pairs cheap: the posterior after two answers is proportional to
        post_a * post_b / post_now, so every pair comes from the one-answer
        posteriors already computed. Only the PAIR_ANSWERS answers that push
        hardest in that direction are paired, to bound the work.
        """
        out = np.zeros(n_q, dtype=bool)
        posts, ranks = batch.posterior, batch.condition_ranks
        if batch.floor_rank[0] >= line:
            return out  # a floor holds the level there whatever is added
        danger = ranks >= line
        if not danger.any():
            return out
        rows = np.nonzero(plausible & (batch.floor_rank[k_arr] < line))[0]
        thr = self.policy.threshold_by_rank[ranks]
        push = (posts[k_arr[rows]][:, danger] / thr[danger]).max(axis=1)
        order = np.argsort(push if down else -push, kind="stable")[:PAIR_ANSWERS]
        rows = rows[order]
        if rows.size < 2:
            return out
        post0 = posts[0]
        live = post0 > 0
        ratio = np.zeros((rows.size, post0.size))
        ratio[:, live] = posts[k_arr[rows]][:, live] / post0[live]
        weighted = ratio * post0
        joint = weighted[:, None, :] * ratio[None, :, :]  # (m, m, C), not normalised
        joint /= joint.sum(axis=2, keepdims=True)
        above = ((joint >= thr[None, None, :]) & danger[None, None, :]).any(axis=2)
        above |= danger[leaders(joint)]  # a leader's own level always counts
        hit = ~above if down else above
        hit &= qi_arr[rows][:, None] != qi_arr[rows][None, :]
        out[qi_arr[rows][hit.any(axis=1)]] = True
        return out

    def _decide(
        self,
        state: State,
        scored: list[Scored],
        level0: int,
        lead0: float,
        danger: tuple[str, ...],
    ) -> Plan:
        params = self.params
        level = self.policy.by_rank[level0]

        def plan(question: str | None, stop: str | None, phase: str) -> Plan:
            return Plan(question, stop, level, lead0, phase, danger, tuple(scored))

        def screening_key(s: Scored) -> tuple[bool, float, int, float, str]:
            # Red flags first: they must all be asked, and their answers settle
            # most patterns (a "no" to the flag ends every pattern that needs it).
            # Among them the likeliest danger first, so an emergency ends early.
            flags = any(p.startswith("red_flag:") for p in s.screening)
            return (flags, s.p_emergency, len(s.screening), s.value, s.question)

        # 1. where the pain is, when she has not said yet (the side, a volunteered
        #    follow-up, is asked like any other question: when it matters)
        for s in scored:
            if self.catalogue.questions[s.question].must_choose:
                return plan(s.question, None, "start")
        # 2. an emergency already revealed: only what could make it an ambulance call
        if state.emergency and level0 >= self.emergency_rank:
            if level0 >= self.ambulance_rank:
                return plan(None, "emergency_ambulance", "emergency")
            ambulance = [s for s in scored
                         if s.screening or s.p_emergency > 0 or s.raises_danger]
            if not ambulance:
                return plan(None, "emergency", "emergency")
            if state.n_asked >= params.max_questions:
                return plan(None, "max_questions", "emergency")
            return plan(max(ambulance, key=screening_key).question, None, "emergency")
        if state.n_asked >= params.max_questions:
            return plan(None, "max_questions", "")
        # 3. red-flag screening: every danger pattern still open is settled
        screening = [s for s in scored if s.screening]
        if screening:
            return plan(max(screening, key=screening_key).question, None, "screening")
        # 4. what could still change the level, then the differential
        # 4. plausible answers that could still make it an emergency through the
        #    differential (alone or two together), then anything that could
        #    change the level, then the differential
        for phase, holding in (
            ("danger", [s for s in scored if s.raises_danger or s.lowers_danger]),
            ("level", [s for s in scored if s.holds_level or s.holds_top3]),
        ):
            if holding:
                best = max(holding, key=lambda s: (s.value, s.question))
                if phase == "level" and not best.holds_level:
                    phase = "differential"
                return plan(best.question, None, phase)
        return plan(None, "settled" if scored else "nothing_left", "")

    def _add(
        self, hyps: list[Hypothesis], ev: Evidence, yes: set[str], no: set[str]
    ) -> int | None:
        """Append the evidence after some findings turn present/absent; None if impossible."""
        if not (yes | no) & self.implied:  # the common case: nothing else follows
            hyps.append(Hypothesis(ev.present | yes, ev.absent | no, ev.numbers,
                                   frozenset(yes | no)))
            return len(hyps) - 1
        present, absent = set(ev.present) | yes, set(ev.absent) | no
        if not _close(self.implies, present, absent):
            return None
        changed = frozenset((present - ev.present) | (absent - ev.absent))
        hyps.append(Hypothesis(frozenset(present), frozenset(absent), ev.numbers, changed))
        return len(hyps) - 1

    def _probabilities(
        self,
        questions: list[QuestionSpec],
        entries: list[tuple[int, Value, int, int]],
        hyps: list[Hypothesis],
        post0: FloatArray,
        p_t: FloatArray,
        ev: Evidence,
    ) -> FloatArray:
        """Each answer's probability under the model (its naive Bayes predictive).

        Yes/no: P(present) = sum over conditions of posterior x P(finding |
        condition). A group: "none" is the product of the members' absences
        per condition; the rest is shared among the members by their own
        probabilities. A number: the joint probability of the yes/no findings
        each value would set. Probabilities sum to one within each part.
        """
        index = self.model.index
        p_yes = post0 @ p_t  # every finding at once
        n_e = len(entries)
        out = np.zeros(n_e)
        by_question: dict[int, list[int]] = {}
        for n, e in enumerate(entries):
            by_question.setdefault(e[0], []).append(n)
        for qi, rows in by_question.items():
            q = questions[qi]
            if q.kind == "yes_no":
                py = float(p_yes[index[q.findings[0]]])
                raw = [py if entries[n][1] is True else 1.0 - py for n in rows]
            elif q.kind == "group":
                cols = [index[f] for n in rows for f in _members(entries[n][1])]
                p_none = float(post0 @ np.prod(1.0 - p_t[:, cols], axis=1))
                singles = p_yes[cols]
                share = singles / singles.sum() if singles.sum() > 0 else singles
                shares = iter(share)
                raw = [float(next(shares)) * (1.0 - p_none) if _members(entries[n][1])
                       else p_none for n in rows]
            else:
                raw = []
                for n in rows:
                    h = hyps[entries[n][2]]
                    new_pos = sorted(index[f] for f in h.present - ev.present if f in index)
                    new_neg = sorted(index[f] for f in h.absent - ev.absent if f in index)
                    like = (np.prod(p_t[:, new_pos], axis=1)
                            * np.prod(1.0 - p_t[:, new_neg], axis=1))
                    raw.append(float(post0 @ like) if new_pos or new_neg else 0.0)
            parts: dict[int, list[int]] = {}
            for n, x in zip(rows, raw, strict=True):
                parts.setdefault(entries[n][3], []).append(n)
                out[n] = x
            for members in parts.values():
                total = float(out[members].sum())
                out[members] = out[members] / total if total > 0 else 1.0 / len(members)
        return out


def _members(a: Value) -> tuple[str, ...]:
    return a if isinstance(a, tuple) else ()


def _normalise(xs: list[float]) -> list[float]:
    total = sum(xs)
    if total <= 0:
        return [1.0 / len(xs)] * len(xs) if xs else []
    return [x / total for x in xs]


def _entropy(p: FloatArray) -> float:
    nz = p[p > 0]
    return float(-(nz * np.log2(nz)).sum())


def _top3(p: FloatArray) -> frozenset[int]:
    return frozenset(int(i) for i in np.argsort(-p, kind="stable")[:3])
