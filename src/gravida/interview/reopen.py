"""Findings taken as answered that are asked again, on their own question.

Her own words answer a whole list ("it hurts in my lower back" answers where the
pain is: the places she did not name stay unknown and are not asked), and so
does ticking some members of a list. The interview asks such a finding again
only where the policy or the differential says it matters now:

- a place whose "yes" would complete a danger floor with what she has
  (short of breath, the chest not named: chest pain with it is an ambulance call);
- the place of an emergency her findings point to (``places_at_risk``);
- a list member left unknown whose "no" alone would lower an emergency that only
  the differential sets (``recheck``).

Kept apart from openings.py (what may be asked at all, and the danger patterns
still open): these are the exceptions to "answered once, never asked again".
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from gravida.engine import Engine, Evidence
from gravida.engine.model import leaders, trimester
from gravida.interview.catalogue import Catalogue
from gravida.interview.decision import EMERGENCY, State
from gravida.interview.patterns import close_implications, compiled
from gravida.interview.policy import Base, FloatArray, Hypothesis, IntArray, LevelPolicy
from gravida.knowledge import expr

# Not clinical: a bound on memory (the places at risk kept per state).
AT_RISK_KEPT = 512


def _never(f: str) -> bool:
    """Nothing more may be asked: a rule's status from what is known now."""
    return False


class Reopening:
    """The covered findings asked again; immutable after construction, built once per pack."""

    def __init__(self, engine: Engine, catalogue: Catalogue, policy: LevelPolicy,
                 outside: Callable[[float], frozenset[str]]) -> None:
        self.model = engine.model
        self.catalogue = catalogue
        self.params = catalogue.params
        self.policy = policy
        self.outside = outside  # the findings not meaningful at a given week (Openings')
        pack = engine.pack
        self.emergency_rank = pack.level_rank(EMERGENCY)
        self.implies = [(imp.if_, imp.then) for imp in pack.implies]
        self.soft = frozenset((imp.if_, imp.then) for imp in pack.implies if imp.soft)
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
            facts = frozenset(expr.findings_in(cr.node))
            if pack.level_rank(cr.rule.level) >= self.emergency_rank and len(facts) > 1:
                for f in facts & volunteered & own:
                    dangers.setdefault(f, []).append((cr.node, facts - {f}))
        self.dangers = {f: tuple(rules) for f, rules in dangers.items()}
        self.own_question = {f: catalogue.by_finding[f] for f in self.dangers}
        # The places (where the pain is, which side) that the differential may
        # reopen (``places_at_risk``): each with its own question.
        self.places = tuple(sorted(f for f in volunteered & own if f in self.model.index))
        self.place_question = {f: catalogue.by_finding[f] for f in self.places}
        self._at_risk: dict[tuple[object, ...], frozenset[str]] = {}

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
        if len(self._at_risk) >= AT_RISK_KEPT:
            self._at_risk.clear()
        self._at_risk[key] = out
        return out

    def _places_at_risk(self, ev: Evidence, state: State) -> frozenset[str]:
        outside = self.outside(ev.weeks)
        open_ = [f for f in self.places
                 if f not in ev.present and f not in ev.absent and f not in outside
                 and self.place_question[f] not in state.asked]
        if not open_:
            return frozenset()
        h0 = Hypothesis(ev.present, ev.absent, ev.numbers, frozenset())
        base = self.policy.base(h0)
        # at an emergency already nothing is reopened (below): the level now is the
        # evidence's own row (the same alone as in a batch), which the decision reads
        # next anyway (the policy keeps it), so the rest is not worked out
        if int(self.policy.evaluate(ev.weeks, [h0], base).level[0]) >= self.emergency_rank:
            return frozenset()
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
            if close_implications(self.implies, present, absent, self.soft):
                found.append(f)
                hyps.append(Hypothesis(frozenset(present), frozenset(absent), ev.numbers,
                                       frozenset(present - ev.present)))
        if not found:
            return frozenset()
        # a "yes" takes the level to an emergency through that condition ...
        batch = self.policy.evaluate(ev.weeks, hyps, base)
        levels = batch.level.tolist()
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
        reading = compiled(node)
        return (reading(ev.present | {f}, ev.absent, ev.numbers, _never) is True
                and reading(frozenset({f}), frozenset(), ev.numbers, _never) is not True)

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
        outside = self.outside(ev.weeks)
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
            if not close_implications(self.implies, present, absent, self.soft):
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
