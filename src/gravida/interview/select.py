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
rule in full; openings.py says what may still be asked, decision.py orders
the scored questions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from gravida.engine import Engine, Evidence, Model
from gravida.engine.model import trimester
from gravida.interview.ambulance import ambulance_path, ambulance_question
from gravida.interview.answers import Value, evidence_of
from gravida.interview.catalogue import Catalogue, QuestionSpec
from gravida.interview.decision import Outcomes, QuestionPlan, Scored, State, decide
from gravida.interview.leader import Naming, leader_question, naming_question
from gravida.interview.lookahead import answer_probabilities, figures, named_top1, pair_crossing
from gravida.interview.openings import Openings
from gravida.interview.patterns import Wanted, close_implications, compiled, status
from gravida.interview.policy import Base, FloatArray, Hypothesis, LevelPolicy
from gravida.knowledge import expr

# The pairs of answers at the emergency line are tried only where the decision reads
# them (see Selector.plan): the same question is chosen. True tries them everywhere,
# for every question (the tests check both give the same plans).
PAIRS_ALWAYS = False

# the open danger patterns (pattern -> findings to ask) and, per finding to ask, the
# patterns and red flags it screens for (Selector._dangers)
Dangers = tuple[dict[str, set[str]], dict[str, set[str]]]


class Answers(NamedTuple):
    """Every possible answer of every open question in one state."""

    ev: Evidence
    askable: Callable[[str], bool]
    questions: list[QuestionSpec]  # those with at least one possible answer
    entries: list[tuple[int, Value, int, int]]  # (question, answer, hypothesis, part)
    hyps: list[Hypothesis]  # hyps[0]: the evidence now
    # (``Selector.answers(later=True)``) the hypotheses not built yet, by their place in
    # ``hyps`` (which holds a placeholder there): a finding and its answer, built by
    # ``Selector.build`` when a caller first reads them
    later: dict[int, tuple[str, bool | float]] | None = None


# what ``hyps`` holds where a hypothesis is built later (never read as one: ``build``)
_LATER = Hypothesis(frozenset(), frozenset(), {}, frozenset({"(built later)"}))


class Selector:
    """Question choice for one engine and catalogue; immutable, built once per pack."""

    def __init__(self, engine: Engine, catalogue: Catalogue) -> None:
        self.engine = engine
        self.model = engine.model
        self.catalogue = catalogue
        self.params = catalogue.params
        self.policy = LevelPolicy(engine.model)
        self.openings = Openings(engine, catalogue, self.policy)
        self.naming = Naming(engine)
        pack = engine.pack
        self.implies = [(imp.if_, imp.then) for imp in pack.implies]
        self.soft = frozenset((imp.if_, imp.then) for imp in pack.implies if imp.soft)
        self.implied = frozenset(f for pair in self.implies for f in pair)
        # per condition, its adjustments that need every one of their parts (rank, rule)
        self._two_part: list[list[tuple[int, expr.All]]] = [
            [(pack.level_rank(cr.rule.level), node)
             for cr in pack.condition_levels[c].adjust
             for node in [cr.node] if isinstance(node, expr.All)]
            for c in self.model.conditions]

    def plan(self, state: State) -> QuestionPlan:
        """The decision with every open question scored (``Scored``: tests and
        explanations read them). ``shortcut.decision`` reaches the same decision
        scoring only the questions it needs."""
        return self.scored_plan(state, self.answers(state))

    def answers(self, state: State, later: bool = False) -> Answers:
        """Every answer of every open question, each a hypothetical evidence.

        ``later``: the hypotheses that are always possible (a yes or no to a finding
        nothing else follows from, a number's band) are listed but built only when
        ``build`` is asked for them: the decision (shortcut.py) often scores a few
        questions only. Each is built exactly as it would have been here."""
        model, o = self.model, self.openings
        ev = evidence_of(model, state.case)
        askable = o.askable(ev, state)
        cands = o.candidates(ev, state, askable)
        hyps: list[Hypothesis] = [Hypothesis(ev.present, ev.absent, ev.numbers, frozenset())]
        memo: dict[tuple[str, bool], int | None] = {}
        waiting: dict[int, tuple[str, bool | float]] | None = {} if later else None

        implied = self.implied

        def boolean(f: str, val: bool) -> int | None:
            key = (f, val)
            k = memo.get(key, -1)
            if k != -1:
                return k
            if f in implied:
                k = self._add(hyps, ev, {f} if val else set(), set() if val else {f})
            elif waiting is not None:
                k = len(hyps)
                hyps.append(_LATER)
                waiting[k] = key
            else:  # _add's common case, without its sets: nothing else follows
                hyps.append(_boolean(ev, f, val))
                k = len(hyps) - 1
            memo[key] = k
            return k

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
                    for v in o.probe_values[f]:
                        if waiting is not None:
                            waiting[len(hyps)] = (f, v)
                            hyps.append(_LATER)
                        else:
                            hyps.append(_probe(model, state, ev, f, v))
                        entries.append((qi, {f: v}, len(hyps) - 1, part))
            if len(entries) > before:
                questions.append(q)
        return Answers(ev, askable, questions, entries, hyps, waiting)

    def build(self, a: Answers, state: State, ks: Iterable[int] | None = None) -> None:
        """Build, in place, the hypotheses ``answers(later=True)`` left for later among
        ``ks`` (their places in ``a.hyps``; None: all of them)."""
        waiting = a.later
        if not waiting:
            return
        for k in list(waiting) if ks is None else ks:
            got = waiting.pop(k, None)
            if got is not None:
                f, v = got
                a.hyps[k] = (_boolean(a.ev, f, v) if isinstance(v, bool)
                             else _probe(self.model, state, a.ev, f, v))

    def scored_plan(self, state: State, a: Answers, dangers: Dangers | None = None,
                    base: Base | None = None, rechecked: bool = False) -> QuestionPlan:
        """``plan`` from the answers; ``dangers``: this state's ``_dangers`` and
        ``base``: ``policy.base`` of the evidence now, when the caller has worked
        them out (``shortcut``: the same as worked out here); ``rechecked``: the
        caller found no list member to ask again (``Reopening.recheck``: None)."""
        model, params, o = self.model, self.params, self.openings
        self.build(a, state)
        ev, askable, questions, entries, hyps, _ = a
        if base is None or base.h is not hyps[0]:
            base = self.policy.base(hyps[0])
        batch = self.policy.evaluate(ev.weeks, hyps, base)
        levels, posts = batch.level, batch.posterior
        p_t = model.p[trimester(ev.weeks)]
        post0 = posts[0]
        level0 = int(levels[0])
        lead0 = float(post0.max())
        raise_to = self.raise_to(level0)
        if not entries:
            danger, _ = self._dangers(ev, state, level0, post0, askable, frozenset())
            return decide(o, state, [], level0, lead0, tuple(sorted(danger)),
                          int(batch.floor_rank[0]))

        qi_arr = np.array([e[0] for e in entries], dtype=np.int64)
        k_arr = np.array([e[2] for e in entries], dtype=np.int64)
        prob = answer_probabilities(model, self.implies, questions, entries, hyps, post0, p_t, ev)
        n_q = len(questions)
        fig = figures(params, questions, entries, qi_arr, k_arr, prob, batch, level0, raise_to)
        emergency_step = state.emergency and level0 >= o.emergency_rank
        if not emergency_step:  # (the emergency step reads no leader: leader.py does)
            fig = named_top1(params, fig, qi_arr, k_arr,
                             self.naming.firsts(ev.weeks, hyps, posts), n_q)
        likely, plausible = fig.likely, fig.plausible
        value, info, dlevel, p_emergency = fig.value, fig.info, fig.dlevel, fig.p_emergency
        holds_level, holds_top1, holds_top3 = fig.holds_level, fig.holds_top1, fig.holds_top3
        holds_level |= self._leader_pairs(ev, askable, entries, hyps,
                                          lambda n: float(likely[n]), fig.lead, level0, n_q)
        # the emergency line: plausible answers, alone or two together, that cross it
        danger_up = fig.danger_up
        if dangers is None:
            dangers = self._dangers(
                ev, state, level0, post0, askable,
                self._wanted(ev, askable, questions, level0, emergency_step, danger_up | (
                    p_emergency > 0 if emergency_step else holds_level | holds_top1 | holds_top3)))
        danger, danger_findings = dangers
        screening = [tuple(sorted({pid for f in q.findings for pid in danger_findings.get(f, ())}))
                     for q in questions]
        danger_down = np.zeros(n_q, dtype=bool)
        pairs = PAIRS_ALWAYS or emergency_step or not (
            any(q.must_choose for q in questions) or any(screening)
            or state.n_asked >= params.max_questions)
        if pairs and level0 < o.ambulance_rank:
            danger_up |= pair_crossing(self.policy, params.plausible_answer, qi_arr, k_arr,
                                       plausible, batch, raise_to, False, n_q,
                                       danger_up | self._outranked(value, questions, danger_up,
                                                                   emergency_step),
                                       likely)
        if pairs and o.emergency_rank <= level0 < o.ambulance_rank and not state.emergency:
            danger_down = pair_crossing(self.policy, params.plausible_answer, qi_arr, k_arr,
                                        plausible, batch, o.emergency_rank, True, n_q,
                                        self._outranked(value, questions, danger_up, False),
                                        weight=likely)
        # Python numbers: one conversion per array, not one per answer or question
        answers = Outcomes(n_q, entries, prob.tolist(), levels.tolist(), self.policy.by_rank)
        scored = list(map(Scored._make, zip(
            [q.id for q in questions], [answers] * n_q, range(n_q), value.tolist(),
            info.tolist(), dlevel.tolist(), p_emergency.tolist(), screening,
            holds_level.tolist(), holds_top1.tolist(), holds_top3.tolist(), danger_up.tolist(),
            danger_down.tolist(), strict=True)))
        p = decide(o, state, scored, level0, lead0, tuple(sorted(danger)),
                   int(batch.floor_rank[0]))
        if state.n_asked >= params.max_questions:
            # the cap holds whatever would still be asked (a recheck, the leader)
            return p
        if p.stop in ("settled", "emergency") or p.phase in ("danger", "level", "differential"):
            # a list member left unknown whose "no" alone would lower the emergency
            again = None if rechecked else o.reopening.recheck(
                ev, state, level0, int(batch.floor_rank[0]), post0, base)
            if again is not None:
                return replace(p, question=again, stop=None, phase="danger")
        if p.stop == "emergency":
            # before stopping at "go now": an answer plausible under an ambulance cause
            # her findings point to that would make it an ambulance call (ambulance.py;
            # however late, as a rule's part: the cause, not the odds, says it matters)
            amb_q = ambulance_question(params, self.policy, model, self.naming,
                                       o.emergency_rank, o.ambulance_rank, questions,
                                       entries, batch, ev.weeks, hyps)
            if amb_q is not None:
                return replace(p, question=amb_q, stop=None, phase="emergency")
        if p.stop in ("emergency", "emergency_ambulance") or (
                emergency_step and p.question is not None and self._checks_level(p)):
            # after "go now" or "call an ambulance": which of two close emergency
            # causes leads (leader.py), before the checks of a level the
            # differential set (they may lower it, never raise it; they follow)
            lead_q = leader_question(params, o.emergency_rank, state.after_emergency,
                                     questions, entries, prob, k_arr, batch,
                                     self.naming, ev.weeks, hyps)
            if lead_q is not None:
                return replace(p, question=lead_q, stop=None, phase="emergency")
        if state.after_emergency < params.emergency_checks and (p.stop == "emergency" or (
                emergency_step and level0 < o.ambulance_rank and p.question is not None
                and not next(x for x in p.scored if x.question == p.question).screening)):
            # before stopping at "go now", and before the emergency step's other checks
            # through the differential (a rule's part still comes first): several
            # answers, together plausible under an ambulance cause her findings point to
            # strongly, that would make it an ambulance call (ambulance.py); after the
            # leader's question, within the emergency's checks, as the others it asks.
            # Behind the weaker checks, "don't know"s spent the checks first.
            path_q = ambulance_path(params, self.policy, model, self.naming,
                                    o.emergency_rank, o.ambulance_rank, questions,
                                    entries, batch, ev.weeks, hyps, base)
            if path_q is not None:
                return replace(p, question=path_q, stop=None, phase="emergency")
        if p.stop == "emergency":
            # before stopping at "go now": an answer that would complete a rule naming
            # another emergency cause first, that her findings point to (leader.py)
            named_q = naming_question(params, o.emergency_rank, questions, entries, prob, k_arr,
                                      batch, self.naming, ev.weeks, hyps)
            if named_q is not None:
                return replace(p, question=named_q, stop=None, phase="emergency")
        return p

    def _checks_level(self, p: QuestionPlan) -> bool:
        """Whether the emergency step's question only checks a level the differential
        set: it screens for no rule and no plausible answer to it raises the level
        (an ambulance is looked for before anything else)."""
        s = next(x for x in p.scored if x.question == p.question)
        return not (s.screening or s.raises_danger
                    or s.p_emergency >= self.params.plausible_answer)

    def raise_to(self, level0: int) -> int:
        """The line an answer crosses upwards: emergency, or at one an ambulance."""
        o = self.openings
        return o.ambulance_rank if level0 >= o.emergency_rank else o.emergency_rank

    def _dangers(
        self, ev: Evidence, state: State, level0: int, post0: FloatArray,
        askable: Callable[[str], bool], wanted: Wanted,
    ) -> Dangers:
        """The open danger patterns, and for each finding to ask the patterns and
        red flags it screens for (``wanted``: see ``patterns.open_findings``)."""
        o = self.openings
        danger = o.open_patterns(ev, state, level0, post0, wanted, askable)
        danger_findings: dict[str, set[str]] = {}
        for pid, found in danger.items():
            for f in found:
                for g in o.to_ask(f, ev, askable):
                    danger_findings.setdefault(g, set()).add(pid)
        for pid, f in o.one_answer_from_floor(ev, askable, level0):
            danger_findings.setdefault(f, set()).add(pid)
        for f in o.reopening.places_at_risk(ev, state):
            if askable(f):
                danger_findings.setdefault(f, set()).add(f"place:{f}")
        if level0 < o.emergency_rank:
            # every red flag of the pack is asked about, whatever it would change now
            for f in o.red_flags:
                if askable(f):
                    for g in o.to_ask(f, ev, askable):
                        danger_findings.setdefault(g, set()).add(f"red_flag:{f}")
        return danger, danger_findings

    def _wanted(self, ev: Evidence, askable: Callable[[str], bool],
                questions: list[QuestionSpec], level0: int, emergency_step: bool,
                held: npt.NDArray[np.bool_]) -> frozenset[str]:
        """The findings of the questions this step will ask anyway: those ``held``
        by another reason and, below an emergency, those on a red-flag screen."""
        o = self.openings
        flags = {g for f in o.red_flags if askable(f) for g in o.to_ask(f, ev, askable)} if (
            level0 < o.emergency_rank and not emergency_step) else set()
        return frozenset(f for i, q in enumerate(questions)
                         if held[i] or not flags.isdisjoint(q.findings) for f in q.findings)

    def _leader_pairs(
        self, ev: Evidence, askable: Callable[[str], bool],
        entries: list[tuple[int, Value, int, int]], hyps: list[Hypothesis],
        likely: Callable[[int], float], lead: int, level0: int, n_q: int,
    ) -> npt.NDArray[np.bool_]:
        """Questions that, with one other, could complete an adjustment of the
        leader's level of two open parts (pelvic girdle pain that is mild AND
        eased by rest is self-care): one answer alone moves nothing, so the
        level step would not see them. Both parts must be plausible together
        (the product of their answers' probabilities x answerable), and the
        two answers must change the level. ``likely``: an answer's probability x
        answerable, by its place among ``entries``."""
        out = np.zeros(n_q, dtype=bool)
        for rank, node in self._two_part[lead]:
            if rank == level0:
                continue
            states = [status(p, ev, askable) for p in node.parts]
            if any(s is False for s in states) or sum(s is None for s in states) != 2:
                continue
            best: list[tuple[float, int, int]] = []  # per open part: (P, question, entry)
            for part, s in zip(node.parts, states, strict=True):
                if s is not None:
                    continue
                by_q: dict[int, float] = {}
                top: dict[int, tuple[float, int]] = {}
                inside = frozenset(expr.findings_in(part))
                reading = compiled(part)
                for n, e in enumerate(entries):
                    h = hyps[e[2]]
                    # an answer about none of the part's findings leaves it open
                    if h.changed is not None and h.changed.isdisjoint(inside):
                        continue
                    if reading(h.present, h.absent, h.numbers, askable) is True:
                        p = likely(n)
                        by_q[e[0]] = by_q.get(e[0], 0.0) + p
                        if p > top.get(e[0], (-1.0, 0))[0]:
                            top[e[0]] = (p, n)
                if not by_q:
                    break
                qi = max(by_q, key=lambda q: (by_q[q], -q))
                best.append((by_q[qi], qi, top[qi][1]))
            if len(best) != 2 or best[0][1] == best[1][1] or (
                    best[0][0] * best[1][0] < self.params.plausible_answer):
                continue
            a, b = hyps[entries[best[0][2]][2]], hyps[entries[best[1][2]][2]]
            both = Hypothesis(a.present | b.present, a.absent | b.absent,
                              {**a.numbers, **b.numbers}, None)
            if int(self.policy.evaluate(ev.weeks, [both]).level[0]) != level0:
                out[best[0][1]] = out[best[1][1]] = True
        return out

    @staticmethod
    def _outranked(value: FloatArray, questions: list[QuestionSpec],
                   marked: npt.NDArray[np.bool_], emergency_step: bool) -> npt.NDArray[np.bool_]:
        """Questions the danger step could not choose whatever their pairs: it asks the
        most valuable question (value, then id) marked as crossing the line, so one
        ranked below a question already marked is never asked there, and its pairs are
        not tried (the costliest part of a plan). None in the emergency step, which
        orders by its screening key first."""
        out = np.zeros(len(questions), dtype=bool)
        if emergency_step or PAIRS_ALWAYS or not marked.any():
            return out
        values = value.tolist()
        best = max((values[i], questions[i].id) for i in np.flatnonzero(marked).tolist())
        out[:] = [(v, q.id) < best for v, q in zip(values, questions, strict=True)]
        return out

    def _add(
        self, hyps: list[Hypothesis], ev: Evidence, yes: set[str], no: set[str]
    ) -> int | None:
        """Append the evidence after some findings turn present/absent; None if impossible."""
        if not (yes | no) & self.implied:  # the common case: nothing else follows
            hyps.append(Hypothesis(ev.present | yes, ev.absent | no, ev.numbers,
                                   frozenset(yes | no)))
            return len(hyps) - 1
        present, absent = set(ev.present) | yes, set(ev.absent) | no
        if not close_implications(self.implies, present, absent, self.soft):
            return None
        changed = frozenset((present - ev.present) | (absent - ev.absent))
        hyps.append(Hypothesis(frozenset(present), frozenset(absent), ev.numbers, changed))
        return len(hyps) - 1


def _boolean(ev: Evidence, f: str, val: bool) -> Hypothesis:
    """The evidence after a yes (``val``) or a no to ``f``, from which nothing else
    follows (``Selector._add``'s common case, without its sets)."""
    one = frozenset((f,))
    return (Hypothesis(ev.present | one, ev.absent, ev.numbers, one) if val
            else Hypothesis(ev.present, ev.absent | one, ev.numbers, one))


def _probe(model: Model, state: State, ev: Evidence, f: str, v: float) -> Hypothesis:
    """The evidence after the number ``f`` is answered ``v`` (one of its bands)."""
    hev = model.evidence(state.case.with_answer(f, v))
    changed = (hev.present ^ ev.present) | (hev.absent ^ ev.absent) | {f}
    return Hypothesis(hev.present, hev.absent, hev.numbers, frozenset(changed))
