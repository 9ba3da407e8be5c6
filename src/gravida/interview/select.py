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
   change the level; whose answers that would change the leading
   condition are together at least ``lead_change`` likely (the advice she is
   given follows the leader); or (while the leader is below
   ``lead_probability``) with a plausible answer that would change the top
   three.

Within a step the most valuable question is asked, value = answerable x
information gain over the differential (bits) x (1 + ``level_weight`` x
expected change of the triage level, in levels). When no question is left
in any step the interview stops as settled. docs/interview.md states the
rule in full.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import NamedTuple

import numpy as np

from gravida.engine import Case, Engine, Evidence
from gravida.engine.model import leaders, trimester
from gravida.interview.catalogue import Catalogue, QuestionSpec, probes
from gravida.interview.lookahead import answer_probabilities, pair_crossing
from gravida.interview.policy import (
    FloatArray,
    Hypothesis,
    LevelPolicy,
    Pattern,
    close_implications,
    open_findings,
    status,
)
from gravida.knowledge import expr

EMERGENCY = "emergency"
AMBULANCE = "emergency_ambulance"

Value = bool | float | None | tuple[str, ...] | Mapping[str, float] | Mapping[str, bool | None]


# --- the plan -------------------------------------------------------------------------


class AnswerOutcome(NamedTuple):
    """One possible answer to a question and what it would lead to.

    A NamedTuple, not a frozen dataclass: every plan makes hundreds of them,
    and a tuple is made several times faster (the same fields, as immutable).
    """

    answer: Value
    probability: float
    level: str


@dataclass(frozen=True)
class Scored:
    question: str
    outcomes: tuple[AnswerOutcome, ...]
    value: float
    info_gain: float  # bits about the differential
    level_change: float  # expected |change of level|, in levels
    p_emergency: float  # probability of an answer that raises the level to an emergency now
    screening: tuple[str, ...]  # open danger patterns this question could help complete
    holds_level: bool  # a plausible answer changes the level
    holds_top1: bool  # the answers that would change the leading condition are plausible
    holds_top3: bool  # (leader unclear and) a plausible answer changes the top three
    raises_danger: bool = False  # plausible answers, alone or two together, could raise
    # the level across the emergency (or ambulance) line
    lowers_danger: bool = False  # at an emergency the differential set: two plausible
    # answers could take it below the line


@dataclass(frozen=True)
class QuestionPlan:
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
        self.pattern_rank = {p.id: p.rank for p in self.patterns}
        self.red_flags = tuple(pack.red_flags)
        self.floor_findings = {cr.rule.id: frozenset(expr.findings_in(cr.node))
                               for cr in pack.floors}
        self.meaningful_booleans = frozenset(self.model.index) - {
            f for q in catalogue.questions.values() if q.kind == "number" for f in q.findings}
        # A follow-up's findings (heavy bleeding) are asked only once a parent
        # finding (bleeding) is present; until then the parents are what to ask.
        # A member of a group that is no follow-up is worded to stand alone
        # ("heavy bleeding from the vagina" in the red-flag screen), so it may
        # be asked without its parent.
        standalone = {f for q in catalogue.questions.values()
                      if q.kind == "group" and not q.when for f in q.findings}
        self.parents: dict[str, tuple[str, ...]] = {
            f: q.when for q in catalogue.questions.values() if q.when
            for f in q.findings if f not in standalone
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
            # one member left is asked as its own question, when it has one that applies
            if len(open_) >= 2 or (open_ and (q.volunteered or not self._own(open_[0], ev))):
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

    def _own(self, f: str, ev: Evidence) -> bool:
        """Whether finding ``f`` has its own question that may be asked now."""
        own = self.catalogue.questions.get(self.catalogue.by_finding.get(f, ""))
        return own is not None and own.applies(ev.present)

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
                posterior[p.condition] < min(self.policy.threshold_by_rank[p.rank],
                                             self.policy.own_threshold[p.condition])
            ):
                continue
            found = open_findings(p.node, ev, askable)
            if found:
                out[p.id] = found
        return out

    def one_answer_from_floor(
        self, ev: Evidence, askable: Callable[[str], bool], level: int
    ) -> list[tuple[str, str]]:
        """(rule, finding) for each floor below the emergency line, above ``level``,
        that a "yes" to one finding would complete, where what she already has is
        part of the rule (constant pain at night, after cancer, needs a scan
        within 24 hours, however rare the cancer history is). The policy, not the
        model's odds, decides that this pair of facts matters; only the last one
        is asked. A floor of one symptom alone is left to the ordinary rules (and
        to the safety net), or every urgent sign would be screened for."""
        out = []
        for cr in self.engine.pack.floors:
            rank = self.engine.pack.level_rank(cr.rule.level)
            if not level < rank < self.emergency_rank or not (
                    self.floor_findings[cr.rule.id] & ev.present):
                continue
            for f in open_findings(cr.node, ev, askable):
                if f in self.meaningful_booleans and status(
                        cr.node, replace(ev, present=ev.present | {f}), askable) is True:
                    out.append((f"floor:{cr.rule.id}", f))
        return out

    # the decision ----------------------------------------------------------------

    def plan(self, state: State) -> QuestionPlan:
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
        for pid, f in self.one_answer_from_floor(ev, askable, level0):
            danger_findings.setdefault(f, set()).add(pid)
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
        prob = answer_probabilities(model, self.implies, questions, entries, hyps, post0, p_t, ev)
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
        likely = prob * answerable
        plausible = likely >= params.plausible_answer
        holds_level = np.bincount(qi_arr, plausible & (lv != level0), minlength=n_q) > 0
        # the answers that would change the leader are alternatives of one
        # question (a lift, a twist, a fall): they count together
        lead_of = leaders(posts)
        holds_top1 = np.bincount(qi_arr, likely * (lead_of[k_arr] != lead_of[0]),
                                 minlength=n_q) >= params.lead_change
        holds_top3 = np.bincount(qi_arr, plausible & top3_moves[k_arr], minlength=n_q) > 0
        holds_top3 &= lead0 < params.lead_probability
        # the emergency line: plausible answers, alone or two together, that cross it
        danger_up = np.bincount(qi_arr, plausible & raising, minlength=n_q) > 0
        if level0 < self.ambulance_rank:
            danger_up |= pair_crossing(self.policy, params.plausible_answer, qi_arr, k_arr,
                                       plausible, batch, raise_to, False, n_q, danger_up,
                                       prob * answerable)
        danger_down = np.zeros(n_q, dtype=bool)
        if self.emergency_rank <= level0 < self.ambulance_rank and not state.emergency:
            danger_down = pair_crossing(self.policy, params.plausible_answer, qi_arr, k_arr,
                                        plausible, batch, self.emergency_rank, True, n_q,
                                        weight=prob * answerable)
        value = q_answerable * np.maximum(info, 0.0) * (1.0 + params.level_weight * dlevel)
        by_rank = self.policy.by_rank
        outcomes: list[list[AnswerOutcome]] = [[] for _ in range(n_q)]
        level_of = levels.tolist()  # Python numbers: one conversion, not one per answer
        for (qi, a, k, _), pr in zip(entries, prob.tolist(), strict=True):
            outcomes[qi].append(AnswerOutcome(a, pr, by_rank[level_of[k]]))
        scored = [
            Scored(
                q.id, tuple(outcomes[i]), float(value[i]), float(info[i]), float(dlevel[i]),
                float(p_emergency[i]),
                tuple(sorted({pid for f in q.findings for pid in danger_findings.get(f, ())})),
                bool(holds_level[i]), bool(holds_top1[i]), bool(holds_top3[i]),
                bool(danger_up[i]),
                bool(danger_down[i]),
            )
            for i, q in enumerate(questions)
        ]
        return self._decide(state, scored, level0, lead0, tuple(sorted(danger)))

    def _decide(
        self,
        state: State,
        scored: list[Scored],
        level0: int,
        lead0: float,
        danger: tuple[str, ...],
    ) -> QuestionPlan:
        params = self.params
        level = self.policy.by_rank[level0]

        def plan(question: str | None, stop: str | None, phase: str) -> QuestionPlan:
            return QuestionPlan(question, stop, level, lead0, phase, danger, tuple(scored))

        def screening_key(s: Scored) -> tuple[bool, int, float, int, float, str]:
            # Red flags first: they must all be asked, and their answers settle
            # most patterns (a "no" to the flag ends every pattern that needs it).
            # Among them what could complete an ambulance-level rule first, so an
            # ambulance finding ends the questions at once; then the likeliest
            # danger, so an emergency ends early.
            flags = any(p.startswith("red_flag:") for p in s.screening)
            rank = max((self.pattern_rank.get(p, self.emergency_rank) for p in s.screening),
                       default=-1)
            return (flags, rank, s.p_emergency, len(s.screening), s.value, s.question)

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
            ("level", [s for s in scored if s.holds_level or s.holds_top1 or s.holds_top3]),
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
        if not close_implications(self.implies, present, absent):
            return None
        changed = frozenset((present - ev.present) | (absent - ev.absent))
        hyps.append(Hypothesis(frozenset(present), frozenset(absent), ev.numbers, changed))
        return len(hyps) - 1


