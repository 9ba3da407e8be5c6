"""Which question next, and whether to stop: the value of every possible answer.

For each question not yet asked, every answer it could get (yes and no; "none
of these" and each member for a group; one value per band of the pack's
rules for a number) is turned into a hypothetical case. All of them are
scored at once: one batch posterior and a vectorised copy of the triage
policy (``LevelPolicy``, checked against ``engine.triage`` by the tests).
That gives, for every answer, its probability under the model, the
differential it would lead to and the triage level it would set. From these:

* a question is **screening** when some answer, however unlikely, would raise
  the level to emergency or emergency_ambulance: those are asked first, the
  likeliest danger first, and the interview never stops while one is left;
* a question **holds the level open** when a plausible answer (probability
  >= ``plausible_answer``) would change the level in either direction;
* a question **holds the differential open** when the leader is below
  ``lead_probability`` and a plausible answer would change the top three.

The next question is the best screening question, else the most valuable
of those holding the interview open, where value = information gain over the
differential (bits) + ``level_weight`` x expected change of triage level.
When no question holds anything open the interview stops as settled.
docs/interview.md states the rule in full.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from gravida.engine import Case, Engine, Evidence, Model
from gravida.engine.model import trimester
from gravida.engine.triage import RED_FLAG_SUBSETS_MAX
from gravida.interview.catalogue import Catalogue, QuestionSpec, probes
from gravida.knowledge import expr

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

EMERGENCY = "emergency"
AMBULANCE = "emergency_ambulance"

Value = bool | float | None | tuple[str, ...] | Mapping[str, float]


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
        order = sorted(range(len(conds)), key=lambda i: conds[i])
        alpha = np.empty(len(conds), dtype=np.int64)
        alpha[order] = np.arange(len(conds))
        self.alpha: IntArray = alpha
        self.by_alpha: IntArray = np.array(order, dtype=np.int64)
        self.red_flags = frozenset(pack.red_flags)

    # evidence-only parts ----------------------------------------------------

    def floor_truths(self, h: Hypothesis) -> list[bool]:
        return [expr.evaluate(r.node, h.present, h.absent, h.numbers) for r in self.floors]

    def adjust_ranks(self, h: Hypothesis) -> IntArray:
        ranks = self.base_rank.copy()
        for i, rules in self.adjust:
            best = -1
            for r in rules:
                if r.rank > best and expr.evaluate(r.node, h.present, h.absent, h.numbers):
                    best = r.rank
            if best >= 0:
                ranks[i] = best
        return ranks

    # batch ------------------------------------------------------------------

    def evaluate(
        self, weeks: float, hyps: Sequence[Hypothesis], base: Hypothesis
    ) -> tuple[IntArray, FloatArray]:
        """Level rank and posterior for every hypothesis (``base`` gives the reused parts)."""
        model = self.model
        n_f = len(model.findings)
        base_floor = self.floor_truths(base)
        base_adjust = self.adjust_ranks(base)
        floor_rank = np.full(len(hyps), -1, dtype=np.int64)
        cond_ranks = np.empty((len(hyps), len(model.conditions)), dtype=np.int64)
        rows_pos: list[FloatArray] = []
        rows_neg: list[FloatArray] = []
        owner: list[int] = []
        main_row = np.empty(len(hyps), dtype=np.int64)
        for k, h in enumerate(hyps):
            best = -1
            for rule, truth in zip(self.floors, base_floor, strict=True):
                if rule.rank <= best:
                    continue
                if h.changed is None or rule.mentions & h.changed:
                    truth = expr.evaluate(rule.node, h.present, h.absent, h.numbers)
                if truth:
                    best = rule.rank
            floor_rank[k] = best
            if h.changed is None:
                cond_ranks[k] = self.adjust_ranks(h)
            else:
                cond_ranks[k] = base_adjust
                for i, rules in self.adjust:
                    if any(r.mentions & h.changed for r in rules):
                        top = -1
                        for r in rules:
                            if r.rank > top and expr.evaluate(
                                r.node, h.present, h.absent, h.numbers
                            ):
                                top = r.rank
                        cond_ranks[k, i] = top if top >= 0 else self.base_rank[i]
            pos = np.zeros(n_f)
            neg = np.zeros(n_f)
            for f in h.present:
                pos[model.index[f]] = 1.0
            for f in h.absent:
                neg[model.index[f]] = 1.0
            main_row[k] = len(owner)
            rows_pos.append(pos)
            rows_neg.append(neg)
            owner.append(k)
            flags = sorted(h.present & self.red_flags)[:RED_FLAG_SUBSETS_MAX]
            for size in range(1, len(flags) + 1):
                for subset in itertools.combinations(flags, size):
                    row = pos.copy()
                    for f in subset:
                        row[model.index[f]] = 0.0
                    rows_pos.append(row)
                    rows_neg.append(neg)
                    owner.append(k)
        n_rows = len(owner)
        post = model.posterior_batch(
            np.full(n_rows, weeks), np.array(rows_pos), np.array(rows_neg)
        )
        own = np.array(owner, dtype=np.int64)
        ranks = cond_ranks[own]
        thr = self.threshold_by_rank[ranks]
        qualifies = (post >= thr) & (post > 0.0)
        by_threshold = np.where(qualifies, ranks, -1).max(axis=1)
        top = post.max(axis=1, keepdims=True)
        big = len(model.conditions)
        # the leader: highest posterior, ties to the alphabetically first id
        first = np.where(post == top, self.alpha[None, :], big).min(axis=1)
        leader = self.by_alpha[first]
        leader_rank = ranks[np.arange(n_rows), leader]
        row_level = np.maximum(by_threshold, leader_rank)
        level = floor_rank.copy()
        np.maximum.at(level, own, row_level)
        return level, post[main_row]


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


# --- the plan -------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """One possible answer to a question and what it would lead to."""

    answer: Value
    probability: float
    level: str
    hypothesis: int  # index into the batch


@dataclass(frozen=True)
class Scored:
    question: str
    outcomes: tuple[Outcome, ...]
    value: float
    info_gain: float
    level_change: float  # expected |change of level rank|
    p_emergency: float  # probability of an answer that raises the level to an emergency
    screening: bool  # some answer raises the level to an emergency level
    holds_level: bool
    holds_top3: bool


@dataclass(frozen=True)
class Plan:
    """The decision for one interview state: a question to ask, or why to stop."""

    question: str | None
    stop: str | None
    level: str
    leader_probability: float
    scored: tuple[Scored, ...] = field(default=(), repr=False)
    phase: str = ""  # screening | level | differential | emergency


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
        self.meaningful = dict(self.model.meaningful)
        self.emergency_rank = pack.level_rank(EMERGENCY)
        self.ambulance_rank = pack.level_rank(AMBULANCE)
        self.probe_values: dict[str, list[float]] = {}
        for q in catalogue.questions.values():
            for part in q.parts:
                self.probe_values[part.finding] = probes(pack, part)

    # candidates ----------------------------------------------------------------

    def _askable(self, f: str, ev: Evidence, covered: frozenset[str]) -> bool:
        if f in covered or f in ev.present or f in ev.absent or f in ev.numbers:
            return False
        lo, hi = self.meaningful.get(f, (-math.inf, math.inf))
        return lo <= ev.weeks < hi

    def candidates(self, ev: Evidence, state: State) -> list[tuple[QuestionSpec, tuple[str, ...]]]:
        """Questions still worth asking, each with the findings it would settle."""
        out = []
        for q in self.catalogue.questions.values():
            if q.id in state.asked:
                continue
            open_ = tuple(f for f in q.findings if self._askable(f, ev, state.covered))
            if q.kind == "group":
                if len(open_) >= 2 or (q.volunteered and open_):
                    out.append((q, open_))
            elif q.kind == "number":
                if open_ and all(self.probe_values.get(f) for f in open_):
                    out.append((q, open_))
            elif open_:
                out.append((q, open_))
        return out

    # the decision ----------------------------------------------------------------

    def plan(self, state: State) -> Plan:
        model, params = self.model, self.params
        ev = model.evidence(state.case)
        base = Hypothesis(ev.present, ev.absent, ev.numbers, frozenset())
        cands = self.candidates(ev, state)

        hyps: list[Hypothesis] = [base]
        memo: dict[tuple[str, bool], int | None] = {}

        def boolean(f: str, val: bool) -> int | None:
            key = (f, val)
            if key not in memo:
                present, absent = set(ev.present), set(ev.absent)
                (present if val else absent).add(f)
                if _close(self.implies, present, absent):
                    changed = frozenset((present - ev.present) | (absent - ev.absent))
                    hyps.append(Hypothesis(frozenset(present), frozenset(absent),
                                           ev.numbers, changed))
                    memo[key] = len(hyps) - 1
                else:
                    memo[key] = None
            return memo[key]

        plans: list[tuple[QuestionSpec, list[tuple[Value, int]]]] = []
        for q, open_ in cands:
            answers: list[tuple[Value, int]] = []
            if q.kind == "yes_no":
                for val in (True, False):
                    k = boolean(open_[0], val)
                    if k is not None:
                        answers.append((val, k))
            elif q.kind == "group":
                present, absent = set(ev.present), set(ev.absent | set(open_))
                if not q.volunteered and _close(self.implies, present, absent):
                    changed = frozenset((present - ev.present) | (absent - ev.absent))
                    hyps.append(Hypothesis(frozenset(present), frozenset(absent),
                                           ev.numbers, changed))
                    answers.append((False, len(hyps) - 1))
                for f in open_:
                    k = boolean(f, True)
                    if k is not None:
                        answers.append(((f,), k))
            else:
                per_part = [[(f, v) for v in self.probe_values[f]] for f in open_]
                for combo in itertools.product(*per_part):
                    case = state.case
                    for f, v in combo:
                        case = case.with_answer(f, v)
                    hev = model.evidence(case)
                    hyps.append(Hypothesis(hev.present, hev.absent, hev.numbers, None))
                    answers.append((dict(combo), len(hyps) - 1))
            if answers:
                plans.append((q, answers))

        levels, posts = self.policy.evaluate(ev.weeks, hyps, base)
        t = trimester(ev.weeks)
        p_t = model.p[t]
        post0 = posts[0]
        level0 = int(levels[0])
        lead0 = float(post0.max())
        top3_0 = _top3(post0)
        h0 = _entropy(post0)
        entropies = np.array([_entropy(p) for p in posts])
        level_name = self.policy.by_rank[level0]

        scored: list[Scored] = []
        for q, answers in plans:
            probs = self._probabilities(q, answers, hyps, post0, p_t, ev, posts)
            outs = tuple(
                Outcome(a, pr, self.policy.by_rank[int(levels[k])], k)
                for (a, k), pr in zip(answers, probs, strict=True)
            )
            info = h0 - sum(pr * entropies[k] for (_, k), pr in zip(answers, probs, strict=True))
            dlevel = sum(pr * abs(int(levels[k]) - level0)
                         for (_, k), pr in zip(answers, probs, strict=True))
            raise_to = self.ambulance_rank if level0 >= self.emergency_rank else self.emergency_rank
            raising = [
                pr for (_, k), pr in zip(answers, probs, strict=True)
                if levels[k] >= raise_to and levels[k] > level0
            ]
            plausible = [pr >= params.plausible_answer for pr in probs]
            holds_level = any(
                ok and levels[k] != level0
                for (_, k), ok in zip(answers, plausible, strict=True)
            )
            holds_top3 = lead0 < params.lead_probability and any(
                ok and _top3(posts[k]) != top3_0
                for (_, k), ok in zip(answers, plausible, strict=True)
            )
            value = max(info, 0.0) + params.level_weight * dlevel
            scored.append(Scored(q.id, outs, value, info, dlevel, sum(raising),
                                 bool(raising), holds_level, holds_top3))

        def result(question: str | None, stop: str | None, phase: str) -> Plan:
            return Plan(question, stop, level_name, lead0, tuple(scored), phase)

        # 1. where the pain is, when nobody has said yet
        for s in scored:
            if self.catalogue.questions[s.question].volunteered:
                return result(s.question, None, "start")
        # 2. an emergency already revealed: only what could make it an ambulance
        if state.emergency and level0 >= self.emergency_rank:
            if level0 >= self.ambulance_rank:
                return result(None, "emergency_ambulance", "emergency")
            if state.n_asked >= params.max_questions:
                return result(None, "max_questions", "emergency")
            ambulance = [s for s in scored if s.screening]
            if not ambulance:
                return result(None, "emergency", "emergency")
            best = max(ambulance, key=lambda s: (s.p_emergency, s.value, s.question))
            return result(best.question, None, "emergency")
        if state.n_asked >= params.max_questions:
            return result(None, "max_questions", "")
        # 3. red-flag screening: any answer that would make it an emergency
        screening = [s for s in scored if s.screening]
        if screening:
            best = max(screening, key=lambda s: (s.p_emergency, s.value, s.question))
            return result(best.question, None, "screening")
        # 4. what could still change the level, then the differential
        holding = [s for s in scored if s.holds_level]
        phase = "level"
        if not holding:
            holding = [s for s in scored if s.holds_top3]
            phase = "differential"
        if not holding:
            return result(None, "settled" if scored else "nothing_left", "")
        best = max(holding, key=lambda s: (s.value, s.question))
        return result(best.question, None, phase)

    def _probabilities(
        self,
        q: QuestionSpec,
        answers: list[tuple[Value, int]],
        hyps: list[Hypothesis],
        post0: FloatArray,
        p_t: FloatArray,
        ev: Evidence,
        posts: FloatArray,
    ) -> list[float]:
        """Each answer's probability under the model (naive Bayes predictive)."""
        index = self.model.index
        if q.kind == "yes_no":
            out = []
            for a, _ in answers:
                p_yes = float(post0 @ p_t[:, index[q.findings[0]]])
                out.append(p_yes if a is True else 1.0 - p_yes)
            return _normalise(out)
        if q.kind == "group":
            members = [a[0] for a, _ in answers if isinstance(a, tuple)]
            cols = [index[f] for f in members]
            p_none = float(post0 @ np.prod(1.0 - p_t[:, cols], axis=1)) if cols else 1.0
            singles = np.array([float(post0 @ p_t[:, c]) for c in cols])
            share = singles / singles.sum() if singles.sum() > 0 else singles
            out, j = [], 0
            for a, _ in answers:
                if isinstance(a, tuple):
                    out.append((1.0 - p_none) * float(share[j]))
                    j += 1
                else:
                    out.append(p_none)
            return _normalise(out)
        # numbers: the joint probability of the booleans each value would set
        weights = []
        for _, k in answers:
            h = hyps[k]
            new_pos = [index[f] for f in h.present - ev.present if f in index]
            new_neg = [index[f] for f in h.absent - ev.absent if f in index]
            if not new_pos and not new_neg:
                weights.append(0.0)
                continue
            like = np.prod(p_t[:, new_pos], axis=1) * np.prod(1.0 - p_t[:, new_neg], axis=1)
            weights.append(float(post0 @ like))
        return _normalise(weights)


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
