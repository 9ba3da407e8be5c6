"""The decision for one interview state, scoring only the questions it reads.

``Selector.plan`` scores every open question (every answer's posterior, level
and probability) and then ``decide`` reads a few of those figures. Several
steps of ``decide`` read only some questions, so ``decision`` reaches the same
question, stop and phase scoring only those (tests/interview/test_shortcut.py
compares the two on many states):

- where the pain is (start): the first open question she must choose from,
  nothing scored;
- an ambulance a rule sets after an emergency was shown, or the question
  limit: a stop, only the evidence now scored (once the leader among emergency
  causes, leader.py, can no longer be asked);
- red-flag screening: which questions screen depends on no figure but one:
  a rule's open parts are asked those about findings "wanted" (asked anyway by
  another step) first, so a question's ``held`` figures are read only where
  they decide which part of a rule is asked. Among the screening questions the
  key's first parts (a red flag; the rank of what it screens for) need no
  figure; only questions tied on them are scored for the rest, and only for
  what the tie-break reads (value and the chance of an emergency).

Every answer of every open question is listed, but its hypothetical evidence
is built only when its question is first scored (``Selector.answers(later=True)``),
so a state that scores a few questions builds a few.

Past screening, outside an emergency, a list member left unknown whose "no"
alone would lower the level (``Reopening.recheck``) is asked before anything the
danger, level and differential steps would ask, and before a stop as settled:
it reads the evidence now only, so it is looked for first, and when there is
one nothing is scored. Every other state (an emergency to weigh for an
ambulance, the danger, level and differential steps, a stop as settled) scores
every question, reusing the answers and danger patterns worked out here. A
question's figures are its own: a posterior row, a level, an answer's
probability do not depend on which other questions are scored with it
(engine/near.py, lookahead.figures).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from gravida.engine.model import trimester
from gravida.interview.decision import State
from gravida.interview.lookahead import answer_probabilities, figures, named_top1
from gravida.interview.policy import Base, Batch
from gravida.interview.select import Answers, Dangers, Selector
from gravida.knowledge import expr

Decision = tuple[str | None, str | None, str]  # (question, stop, phase), as QuestionPlan's


def decision(sel: Selector, state: State) -> Decision:
    """``sel.plan(state)``'s question, stop and phase."""
    a = sel.answers(state, later=True)  # built as the questions are scored
    o, params = sel.openings, sel.params
    if not a.entries:
        return _scored(sel, state, a, None, None)
    for q in a.questions:
        if q.must_choose:
            return q.id, None, "start"
    now = sel.policy.base(a.hyps[0])
    base = sel.policy.evaluate(a.ev.weeks, a.hyps[:1], now)
    level0 = int(base.level[0])
    emergency = state.emergency and level0 >= o.emergency_rank
    if emergency and level0 >= o.ambulance_rank:
        # an ambulance a rule sets stops, and one the differential sets once its
        # checks are over; until then the checks score every question, and so does
        # the leader among emergency causes (leader.py) within its answers
        if (level0 <= int(base.floor_rank[0])
                or state.after_emergency >= params.emergency_checks) and (
                state.after_emergency >= params.leader_questions):
            return None, "emergency_ambulance", "emergency"
        return _scored(sel, state, a, None, now)
    if state.n_asked >= params.max_questions and not emergency:
        return None, "max_questions", ""
    some = _Some(sel, state, a, base, now, emergency)
    dangers = sel._dangers(a.ev, state, level0, base.posterior[0], a.askable, some.wanted)
    found = dangers[1]
    screening = {i: {pid for f in q.findings for pid in found.get(f, ())}
                 for i, q in enumerate(a.questions)}
    screening = {i: pids for i, pids in screening.items() if pids}
    if emergency:
        # what could make it an ambulance call is asked first: a question screening
        # for a rule at that level (none screens for a red flag now) ranks above any
        # other (decide's screening_key), so the others need no figures
        if not screening:
            return _scored(sel, state, a, dangers, now)
        if state.n_asked >= params.max_questions:
            return None, "max_questions", "emergency"
    elif not screening:
        # decide then asks in the danger, level or differential step or stops as
        # settled, and a list member left unknown (Reopening.recheck) comes first in
        # all four: it reads the evidence now only, so no question need be scored
        again = o.reopening.recheck(a.ev, state, level0, int(base.floor_rank[0]),
                                    base.posterior[0], now)
        if again is not None:
            return again, None, "danger"
        return _scored(sel, state, a, dangers, now, rechecked=True)

    def first(i: int) -> tuple[bool, int]:  # decision.decide's screening key, its first parts
        pids = screening[i]
        return (any(p.startswith("red_flag:") for p in pids),
                max(o.pattern_rank.get(p, o.emergency_rank) for p in pids))

    top = max(first(i) for i in screening)
    tied = [i for i in screening if first(i) == top]
    best = tied[0]
    if len(tied) > 1:
        some.score(tied, held=False)
        best = max(tied, key=lambda i: (some.p_emergency[i], len(screening[i]),
                                        some.value[i], a.questions[i].id))
    return a.questions[best].id, None, "emergency" if emergency else "screening"


def _scored(sel: Selector, state: State, a: Answers, dangers: Dangers | None,
            now: Base | None, rechecked: bool = False) -> Decision:
    p = sel.scored_plan(state, a, dangers, now, rechecked)
    return p.question, p.stop, p.phase


class _Some:
    """The figures of some questions of one state, each scored when first needed."""

    def __init__(self, sel: Selector, state: State, a: Answers, base: Batch, now: Base,
                 emergency: bool = False) -> None:
        self.sel, self.state, self.a, self.base, self.now = sel, state, a, base, now
        # the emergency step (Selector.scored_plan): a question is held when a
        # plausible answer alone crosses the line or any answer raises the level
        self.emergency = emergency
        o = sel.openings
        self.level0 = int(base.level[0])
        self.p_t = sel.model.p[trimester(a.ev.weeks)]
        self.rows_of: list[list[int]] = [[] for _ in a.questions]
        for n, e in enumerate(a.entries):
            self.rows_of[e[0]].append(n)
        # Selector._wanted: below an emergency, the questions on a red-flag screen
        flags = {g for f in o.red_flags if a.askable(f) for g in o.to_ask(f, a.ev, a.askable)} \
            if self.level0 < o.emergency_rank else set()
        self.flagged = [not flags.isdisjoint(q.findings) for q in a.questions]
        self.prob: dict[int, list[float]] = {}  # per question: its answers' probabilities
        self.held: dict[int, bool] = {}
        self.p_emergency: dict[int, float] = {}
        self.value: dict[int, float] = {}
        self._pairs: npt.NDArray[np.bool_] | None = None
        self._parts: dict[int, bool] = {}

    def wanted(self, part: expr.Node) -> bool:
        """Whether ``part`` of a rule is about a finding another step asks anyway
        (``Selector._wanted``: a question held by another reason, or on a red-flag
        screen). Only the questions about its findings are scored: about one a
        state, where scoring every question about the open danger patterns' findings
        at once, for the parts that might be read later, scored about eight."""
        got = self._parts.get(id(part))
        if got is None:
            inside = frozenset(expr.findings_in(part))
            touching = [i for i, q in enumerate(self.a.questions)
                        if not inside.isdisjoint(q.findings)]
            got = any(self.flagged[i] for i in touching)
            if not got:
                self.score(touching)
                got = any(self.held[i] for i in touching)
            self._parts[id(part)] = got
        return got

    def probabilities(self, idx: list[int]) -> None:
        """Each answer's probability for the questions ``idx`` (lookahead's, which
        prices a question the same whichever others are priced with it)."""
        todo = sorted({i for i in idx if i not in self.prob})
        if not todo:
            return
        a = self.a
        entries = [(j, e[1], e[2], e[3]) for j, i in enumerate(todo)
                   for e in (a.entries[n] for n in self.rows_of[i])]
        self.sel.build(a, self.state, [e[2] for e in entries])
        prob = answer_probabilities(self.sel.model, self.sel.implies,
                                    [a.questions[i] for i in todo], entries, a.hyps,
                                    self.base.posterior[0], self.p_t, a.ev).tolist()
        at = 0
        for i in todo:
            self.prob[i] = prob[at:at + len(self.rows_of[i])]
            at += len(self.rows_of[i])

    def likely(self, n: int) -> float:
        """Answer ``n``'s probability x answerable (``Selector._leader_pairs``)."""
        qi = self.a.entries[n][0]
        self.probabilities([qi])
        p = self.prob[qi][self.rows_of[qi].index(n)]
        return float(np.float64(p) * self.a.questions[qi].answerable)

    def score(self, idx: list[int], held: bool = True) -> None:
        """The figures of the questions ``idx``, their answers scored in one batch.

        ``held`` False: their value and p_emergency only (the screening key's tie-break),
        without what would hold them (the condition each answer names first, the
        leader's two-part adjustments), which neither reads."""
        todo = sorted({i for i in idx if i not in (self.held if held else self.value)})
        if not todo:
            return
        sel, a = self.sel, self.a
        self.probabilities(todo)
        entries = [(j, e[1], e[2], e[3]) for j, i in enumerate(todo)
                   for e in (a.entries[n] for n in self.rows_of[i])]
        ks = sorted({e[2] for e in entries})
        sel.build(a, self.state, ks)
        row = {k: r + 1 for r, k in enumerate(ks)}
        hyps = [a.hyps[0], *(a.hyps[k] for k in ks)]
        batch = sel.policy.evaluate(a.ev.weeks, hyps, self.now)
        qi_arr = np.array([e[0] for e in entries], dtype=np.int64)
        rows = np.array([row[e[2]] for e in entries], dtype=np.int64)
        prob = np.array([p for i in todo for p in self.prob[i]])
        fig = figures(sel.params, [a.questions[i] for i in todo], entries, qi_arr, rows, prob,
                      batch, self.level0, sel.raise_to(self.level0))
        if held and not self.emergency:
            fig = named_top1(sel.params, fig, qi_arr, rows,
                             sel.naming.firsts(a.ev.weeks, hyps, batch.posterior), len(todo))
        if held and self._pairs is None and not self.emergency:
            if sel._two_part[fig.lead]:  # (it reads every answer's hypothesis)
                sel.build(a, self.state)
            self._pairs = sel._leader_pairs(a.ev, a.askable, a.entries, a.hyps, self.likely,
                                            fig.lead, self.level0, len(a.questions))
        # Python numbers: one conversion per array, not one per question
        p_emergency, value = fig.p_emergency.tolist(), fig.value.tolist()
        if held and self.emergency:
            up = fig.danger_up.tolist()
            for j, i in enumerate(todo):
                self.held[i] = up[j] or p_emergency[j] > 0
        elif held:
            assert self._pairs is not None
            holding = (fig.danger_up | fig.holds_level | fig.holds_top1 | fig.holds_top3
                       ).tolist()
            pairs = self._pairs
            for j, i in enumerate(todo):
                self.held[i] = holding[j] or bool(pairs[i])
        for j, i in enumerate(todo):
            self.p_emergency[i] = p_emergency[j]
            self.value[i] = value[j]
