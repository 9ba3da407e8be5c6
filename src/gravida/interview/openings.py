"""What may still be asked, and which dangers answers could still complete.

Built once per pack (with the selector): which findings are askable at her
weeks and not yet asked, which follow-ups wait for a parent ("heavy" waits
for "bleeding"), the questions still worth asking, and the danger patterns
(floors and condition adjustments at an emergency level or above, floors of
two facts below it) that an answer could still complete. select.py scores
these questions; decision.py orders them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from gravida.engine import Engine, Evidence
from gravida.engine.model import leaders, trimester
from gravida.interview.catalogue import Catalogue, QuestionSpec, probes
from gravida.interview.decision import AMBULANCE, EMERGENCY, State
from gravida.interview.policy import (
    Base,
    FloatArray,
    Hypothesis,
    IntArray,
    LevelPolicy,
    Pattern,
    Wanted,
    close_implications,
    open_findings,
    status,
)
from gravida.knowledge import expr

# Not clinical: a bound on memory (the askable findings' week windows kept per week).
OUTSIDE_KEPT = 512


def _never(f: str) -> bool:
    """Nothing more may be asked: a rule's status from what is known now."""
    return False


class Openings:
    """The askable findings and open dangers of one pack; immutable, built once per pack."""

    def __init__(self, engine: Engine, catalogue: Catalogue, policy: LevelPolicy) -> None:
        self.engine = engine
        self.model = engine.model
        self.catalogue = catalogue
        self.params = catalogue.params
        self.policy = policy
        pack = engine.pack
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
        # A member of a group she answered in her own words ("it hurts between my
        # shoulder blades") that she did not name is unknown, not denied, and is
        # not asked again, except when a "yes" to it alone would now complete a
        # danger floor (emergency or above): short of breath with the chest not
        # named must still ask about chest pain, which makes it an ambulance
        # call. Such a member is reopened and asked on its own question.
        own = {f for q in catalogue.questions.values() if q.kind != "group" for f in q.findings}
        volunteered = {f for gid in catalogue.volunteered
                       for f in catalogue.questions[gid].findings}
        # each with the rule's other findings: unless she has said one of them
        # (yes or no), a "yes" here completes the rule no more than it does alone
        dangers: dict[str, list[tuple[expr.Node, frozenset[str]]]] = {}
        for cr in pack.floors:
            facts = self.floor_findings[cr.rule.id]
            if pack.level_rank(cr.rule.level) >= self.emergency_rank and len(facts) > 1:
                for f in facts & volunteered & own:
                    dangers.setdefault(f, []).append((cr.node, facts - {f}))
        self.dangers = {f: tuple(rules) for f, rules in dangers.items()}
        self.own_question = {f: catalogue.by_finding[f] for f in self.dangers}
        # The places (where the pain is, which side) that the differential may
        # reopen (``places_at_risk``): each with its own question.
        self.places = tuple(sorted(f for f in volunteered & own if f in self.model.index))
        self.place_question = {f: catalogue.by_finding[f] for f in self.places}
        self.implies = [(imp.if_, imp.then) for imp in pack.implies]
        self._at_risk: dict[tuple[object, ...], frozenset[str]] = {}
        # Speed only (askable and candidates run on every plan): every finding a
        # question, rule or red flag names, whose askability is worked out at once
        # as a set; the findings outside their weeks, per week; the questions in the
        # order candidates() lists them.
        self.universe = frozenset(
            {*pack.booleans, *pack.numbers, *self.model.index, *self.red_flags,
             *self.parents, *(p for ps in self.parents.values() for p in ps),
             *(f for q in catalogue.questions.values() for f in (*q.findings, *q.when)),
             *(f for p in self.patterns for f in expr.findings_in(p.node)),
             *(f for cr in pack.floors for f in expr.findings_in(cr.node))})
        self._windowed = tuple((f, lo, hi) for f, (lo, hi) in self.meaningful.items()
                               if f in self.universe)
        self._outside: dict[float, frozenset[str]] = {}
        self._floor_ranks = tuple((cr, pack.level_rank(cr.rule.level)) for cr in pack.floors)
        self._groups = tuple(q for q in catalogue.questions.values() if q.kind == "group")
        # the other questions, each with its one finding when a yes/no question has one
        self._others = tuple(
            (q, q.findings[0] if q.kind != "number" and len(q.findings) == 1 else None)
            for q in catalogue.questions.values() if q.kind != "group")

    def reopened(self, ev: Evidence, state: State) -> frozenset[str]:
        """The covered findings, less the unnamed members whose "yes" would now
        complete a danger floor, or take the level to an emergency through the
        differential (``places_at_risk``), and whose own question was not asked yet."""
        covered = state.covered
        back = {f for f, rules in self.dangers.items()
                if f in covered and f not in ev.present and f not in ev.absent
                and self.own_question[f] not in state.asked
                and any(self._completes(node, ev, f) for node, others in rules
                        if not (others.isdisjoint(ev.present) and others.isdisjoint(ev.absent)))}
        back |= self.places_at_risk(ev, state) & covered
        return covered - back if back else covered

    def places_at_risk(self, ev: Evidence, state: State) -> frozenset[str]:
        """The places of pain she has not named that are the place of an emergency
        her other findings point to: asked on their own question, however unlikely
        the "yes" under the model, as a place that completes a danger floor is.

        Right-sided back pain, feeling sick and 37.6 °C: a "yes" to a pain in the
        right side of the belly would make appendicitis probable enough for an
        emergency, yet while a benign cause leads, naive Bayes prices that "yes"
        by the benign cause (a side and a place independent within it), below the
        plausibility line, and her words "answered" where the pain is. So a place
        is reopened, below the emergency line, when all hold:

        - a "yes" to it takes the level to an emergency, through an emergency
          condition it makes probable enough for its level (or the leader), and
          the same "yes" with only her numbers would not (a place that alone makes
          an emergency would ask every woman);
        - her findings point to that condition at least as much as to the leading
          one (its posterior over its prior is no lower than the leader's: the
          Bayes factor of what she has said, it against the leader, is 1 or more);
        - it is that condition's place: of the places still open, the one most
          women with it have, and likelier under it than under the leader.

        One question per such condition, not every place that could tip it.
        """
        key = (ev.weeks, ev.present, ev.absent, tuple(sorted(ev.numbers.items())),
               state.covered, state.asked)
        hit = self._at_risk.get(key)
        if hit is not None:
            return hit
        out = self._places_at_risk(ev, state)
        if len(self._at_risk) >= OUTSIDE_KEPT:
            self._at_risk.clear()
        self._at_risk[key] = out
        return out

    def _places_at_risk(self, ev: Evidence, state: State) -> frozenset[str]:
        outside = self._outside_weeks(ev.weeks)
        open_ = [f for f in self.places
                 if f not in ev.present and f not in ev.absent and f not in outside
                 and self.place_question[f] not in state.asked]
        if not open_:
            return frozenset()
        h0 = Hypothesis(ev.present, ev.absent, ev.numbers, frozenset())
        base = self.policy.base(h0)
        post0 = self.policy.posteriors(ev.weeks, base.pos[None, :], base.neg[None, :])[0]
        ranks = base.adjust
        lead = int(leaders(post0))
        prior = np.exp(self.model.log_prior(ev.weeks))
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(prior > 0, post0 / prior, 0.0)
        # the emergency conditions her findings point to at least as much as to the leader
        favoured = np.flatnonzero((ranks >= self.emergency_rank) & (post0 > 0)
                                  & (ratio >= ratio[lead])).tolist()
        p_t = self.model.p[trimester(ev.weeks)]
        cols = [self.model.index[f] for f in open_]
        mine: dict[str, list[int]] = {}  # each such condition's place, and the conditions
        for c in favoured:
            like = p_t[c, cols]
            i = int(np.argmax(like))
            if like[i] > p_t[lead, cols[i]]:
                mine.setdefault(open_[i], []).append(c)
        hyps = [h0]
        found: list[str] = []
        for f, _ in mine.items():
            present, absent = set(ev.present) | {f}, set(ev.absent)
            if close_implications(self.implies, present, absent):
                found.append(f)
                hyps.append(Hypothesis(frozenset(present), frozenset(absent), ev.numbers,
                                       frozenset(present - ev.present)))
        if not found:
            return frozenset()
        # a "yes" takes the level to an emergency through that condition ...
        batch = self.policy.evaluate(ev.weeks, hyps, base)
        levels = batch.level.tolist()
        if levels[0] >= self.emergency_rank:
            return frozenset()
        found = [f for i, f in enumerate(found) if levels[1 + i] >= self.emergency_rank
                 and not self._crossing(batch.posterior[1 + i], ranks).isdisjoint(mine[f])]
        if not found:
            return frozenset()
        # ... and not a place that alone, with her numbers, makes an emergency
        alone = [Hypothesis(frozenset({f}), frozenset(), ev.numbers, None) for f in found]
        levels = self.policy.evaluate(ev.weeks, [h0, *alone], base).level.tolist()[1:]
        return frozenset(f for f, lv in zip(found, levels, strict=True)
                         if lv < self.emergency_rank)

    def _crossing(self, post: FloatArray, ranks: IntArray) -> set[int]:
        """The conditions of an emergency level or above that ``post`` makes probable
        enough for their level (or leads)."""
        thr = np.minimum(self.policy.threshold_by_rank[ranks], self.policy.own_threshold)
        out = set(np.flatnonzero((ranks >= self.emergency_rank) & (post >= thr)
                                 & (post > 0)).tolist())
        lead = int(leaders(post))
        if ranks[lead] >= self.emergency_rank:
            out.add(lead)
        return out

    @staticmethod
    def _completes(node: expr.Node, ev: Evidence, f: str) -> bool:
        """Whether a "yes" to ``f`` completes the rule with what she has, and
        only with it: a rule that ``f`` and her numbers complete alone (chest
        pain at any weeks) is a screen for every woman, not this reopening."""
        alone = replace(ev, present=frozenset({f}), absent=frozenset())
        return (status(node, replace(ev, present=ev.present | {f}), _never) is True
                and status(node, alone, _never) is not True)

    def askable(self, ev: Evidence, state: State) -> Callable[[str], bool]:
        """Whether a finding is unknown, not yet asked, and meaningful at this gestation.

        A follow-up stays open while a parent is present or may still be asked.
        Worked out for every finding of the pack at once (set operations), so
        that each of the few hundred questions a plan asks of it is one lookup.
        """
        covered = self.reopened(ev, state)
        base = self.universe.difference(covered, ev.present, ev.absent, ev.numbers,
                                        self._outside_weeks(ev.weeks))
        closed = [f for f, parents in self.parents.items() if f in base and not any(
            p in ev.present or p in base for p in parents)]
        ok = base.difference(closed) if closed else base
        universe = self.universe

        def slow(f: str) -> bool:  # a finding no question, rule or flag names
            if f in covered or f in ev.present or f in ev.absent or f in ev.numbers:
                return False
            lo, hi = self.meaningful.get(f, (-math.inf, math.inf))
            return lo <= ev.weeks < hi

        return lambda f: f in ok or (f not in universe and slow(f))

    def _outside_weeks(self, weeks: float) -> frozenset[str]:
        """The findings not meaningful at ``weeks`` (kept per week: one interview, one
        gestation)."""
        hit = self._outside.get(weeks)
        if hit is None:
            hit = frozenset(f for f, lo, hi in self._windowed if not lo <= weeks < hi)
            if len(self._outside) < OUTSIDE_KEPT:
                self._outside[weeks] = hit
        return hit

    def to_ask(self, f: str, ev: Evidence, askable: Callable[[str], bool]) -> set[str]:
        """The findings to ask so that ``f`` can be settled: itself, or its parents first."""
        parents = self.parents.get(f)
        if parents is None or any(p in ev.present for p in parents):
            return {f}
        return {p for p in parents if askable(p)}

    def candidates(
        self, ev: Evidence, state: State, askable: Callable[[str], bool] | None = None
    ) -> list[tuple[QuestionSpec, tuple[str, ...]]]:
        """Questions still worth asking, each with the findings it would settle.

        ``askable``: this state's (``askable(ev, state)``), when the caller has it."""
        if askable is None:
            askable = self.askable(ev, state)
        asked, present = state.asked, ev.present
        out = []
        grouped: set[str] = set()  # findings a group still open will ask about
        for q in self._groups:
            if q.id in asked or not q.applies(present):
                continue
            open_ = tuple(f for f in q.findings if askable(f))
            # one member left is asked as its own question, when it has one that applies
            if len(open_) >= 2 or (open_ and (q.volunteered or not self._own(open_[0], ev))):
                out.append((q, open_))
                grouped.update(open_)
        for q, single in self._others:
            if single is not None:  # a yes/no question: its one finding (checked first)
                if askable(single) and single not in grouped and q.id not in asked and (
                        q.applies(present)):
                    out.append((q, (single,)))
                continue
            if q.id in asked or not q.applies(present):
                continue
            if q.kind == "number":
                open_ = tuple(f for f in q.findings if askable(f))
                if open_ and all(self.probe_values.get(f) for f in open_):
                    out.append((q, open_))
            else:
                open_ = tuple(f for f in q.findings if askable(f))
                if open_ and open_[0] not in grouped:
                    out.append((q, open_))
        return out

    def _own(self, f: str, ev: Evidence) -> bool:
        """Whether finding ``f`` has its own question that may be asked now."""
        own = self.catalogue.questions.get(self.catalogue.by_finding.get(f, ""))
        return own is not None and own.applies(ev.present)

    def open_patterns(
        self, ev: Evidence, state: State, level: int, posterior: FloatArray,
        wanted: Wanted = frozenset(),
        askable: Callable[[str], bool] | None = None,
    ) -> dict[str, set[str]]:
        """Danger patterns above the current level that answers could still complete.

        A floor always counts. A condition's adjustment counts while that
        condition leads or is probable enough for the adjustment's level, the
        only way it can set the level. ``wanted``: findings other steps ask
        anyway, asked first among a rule's parts (``open_findings``).
        ``askable``: this state's (``askable(ev, state)``), when the caller has it.
        """
        target = self.ambulance_rank if level >= self.emergency_rank else self.emergency_rank
        if askable is None:
            askable = self.askable(ev, state)
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
            found = open_findings(p.node, ev, askable, wanted)
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
        for cr, rank in self._floor_ranks:
            if not level < rank < self.emergency_rank or not (
                    self.floor_findings[cr.rule.id] & ev.present):
                continue
            for f in open_findings(cr.node, ev, askable):
                if f in self.meaningful_booleans and status(
                        cr.node, replace(ev, present=ev.present | {f}), askable) is True:
                    out.append((f"floor:{cr.rule.id}", f))
        return out

    def recheck(self, ev: Evidence, state: State, level: int, floor: int,
                posterior: FloatArray, base: Base | None = None) -> str | None:
        """A list member left unknown whose "no" would lower an emergency that only the
        differential sets, asked on its own question before stopping there.

        Ticking some members of a list leaves the others unknown (not ticking is not
        a clear "no"), and a "don't know" to a list leaves them all unknown: near
        term, regular tightenings left unknown keep labour probable, and the level
        an emergency, for a woman who ticked only "pressure low in the pelvis". Such
        a member is not asked again as a rule; it is when its "no" is plausible
        (probability x answerable >= ``plausible_answer``) and alone would take the
        level down, which no rule holds (``floor``: the rules' own level). The
        likeliest "no" first. None when there is none. Not at an ambulance level:
        answers left unknown that would hold the ambulance (no lift, no strain) can
        no longer be asked, so one "no" would lower it too far. ``base``: the
        policy's ``base`` of the evidence now, when the caller has it.
        """
        if not self.emergency_rank == level > floor:
            return None
        p_yes = posterior @ self.model.p[trimester(ev.weeks)]
        outside = self._outside_weeks(ev.weeks)
        implies = [(imp.if_, imp.then) for imp in self.engine.pack.implies]
        soft = frozenset((imp.if_, imp.then) for imp in self.engine.pack.implies if imp.soft)
        # the likeliest "no" that lowers the level, the first of equal ones; every
        # candidate scored in one batch (a row's level is its own: policy.evaluate)
        found: list[tuple[float, str]] = []
        hyps = [Hypothesis(ev.present, ev.absent, ev.numbers, frozenset()) if base is None
                else base.h]
        for f in sorted(state.covered - ev.present - ev.absent - outside):
            qid = self.catalogue.by_finding.get(f)
            q = self.catalogue.questions.get(qid or "")
            if q is None or q.kind != "yes_no" or q.id in state.asked or not q.applies(
                    ev.present) or f not in self.model.index:
                continue
            likely = (1.0 - float(p_yes[self.model.index[f]])) * q.answerable
            if likely < self.params.plausible_answer:
                continue
            present, absent = set(ev.present), set(ev.absent) | {f}
            if not close_implications(implies, present, absent, soft):
                continue
            found.append((likely, q.id))
            hyps.append(Hypothesis(frozenset(present), frozenset(absent), ev.numbers, None))
        if not found:
            return None
        levels = self.policy.evaluate(ev.weeks, hyps, base).level[1:].tolist()
        best: tuple[float, str] | None = None
        for (likely, qid), lv in zip(found, levels, strict=True):
            if lv < level and (best is None or likely > best[0]):
                best = (likely, qid)
        return best[1] if best else None
