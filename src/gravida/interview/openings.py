"""What may still be asked, and which dangers answers could still complete.

Built once per pack (with the selector): which findings are askable at her
weeks and not yet asked, which follow-ups wait for a parent ("heavy" waits
for "bleeding"), the questions still worth asking, and the danger patterns
(floors and condition adjustments at an emergency level or above, floors of
two facts below it) that an answer could still complete. What her words or a
list answered is not asked again, except where reopen.py says it matters now.
select.py scores these questions; decision.py orders them.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from gravida.engine import Engine, Evidence
from gravida.engine.model import leaders
from gravida.interview.catalogue import Catalogue, QuestionSpec, probes
from gravida.interview.decision import AMBULANCE, EMERGENCY, State
from gravida.interview.patterns import Pattern, Wanted, compiled, open_findings
from gravida.interview.policy import FloatArray, LevelPolicy
from gravida.interview.reopen import Reopening
from gravida.knowledge import expr

# Not clinical: a bound on memory (the askable findings' week windows kept per week).
OUTSIDE_KEPT = 512


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
        # what her words or a list left unknown and is asked again (reopen.py)
        self.reopening = Reopening(engine, catalogue, policy, self._outside_weeks)

    def askable(self, ev: Evidence, state: State) -> Callable[[str], bool]:
        """Whether a finding is unknown, not yet asked, and meaningful at this gestation.

        A follow-up stays open while a parent is present or may still be asked.
        Worked out for every finding of the pack at once (set operations), so
        that each of the few hundred questions a plan asks of it is one lookup.
        """
        covered = self.reopening.reopened(ev, state)
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
                if f in self.meaningful_booleans and compiled(cr.node)(
                        ev.present | {f}, ev.absent, ev.numbers, askable) is True:
                    out.append((f"floor:{cr.rule.id}", f))
        return out
