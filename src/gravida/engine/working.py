"""The working diagnosis: the condition a red flag says to rule out first.

The differential is an honest posterior, and a single red flag beside an
ordinary back ache leaves the ache most probable: ordinary back pain is so
common that "the ache, and the sign by chance" outweighs "pre-eclampsia" even
when the sign is a severe headache at 30 weeks. A clinician does not work up the
commonest cause first there; she works up the one the sign points to
("pre-eclampsia until proven otherwise"), and the policy's floor rows say which
one that is ("possible ectopic", "suspected PE or DVT"). Each floor rule may
name those conditions (``suspects`` in triage.yaml).

The rule here: when a floor rule that names conditions asks for a level above
the one the leading condition would get on its own (its level after its
adjustments), the likeliest of the named conditions that is possible at her
weeks and still suspected is listed first, as the working diagnosis, with the
rule's words as the reason. Still suspected: its posterior is above its prior at
her weeks. A picture that makes the named condition less probable than it was
before anything was known (gallstone colic after a fatty meal with a normal
pressure, for the pre-eclampsia that upper belly pain names) has argued against
it, and listing it first there would misstate what the evidence says. Among
several such rules, those asking for the most urgent level decide. The
probabilities are not changed, and the triage does not depend on the order (it
is computed from the posterior before this runs). A rule that names no condition
(reduced movements, fever, a fall, heavy bleeding, shock) never reorders, nor
does a named rule whose level the leading condition already warrants (a kidney
infection leading a case with bleeding before 16 weeks), nor where the leading
condition accounts for the sign: it explains the sign at least as well, and the
rest of her findings are strong evidence for it against the named condition
(triage.yaml's ``working_strong_evidence``; gallstone colic after fatty meals keeps
gallstones first though its upper belly pain names pre-eclampsia).

One exception to "above the leader's level": a rule marked ``before_same_level``
names its condition first beside a leader of the same level too, where the named
condition explains the sign better and the rest of her findings are not strong
evidence for the leader, and no rule at that level names the leader. It is for a
condition whose own work-up the leader's does not include and whose delay is the
recognised failure: a fever with back pain after an epidural is an emergency as a
kidney infection and as a spinal abscess, but only the spine needs the MRI, and
delay is the rule there (davis-2004).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from gravida.engine.model import Evidence, FloatArray, leaders, softmax, trimester
from gravida.engine.triage import Triage, Triager, TriageReason
from gravida.knowledge import expr
from gravida.knowledge.frozen import quick_init
from gravida.knowledge.places import round6

# Not clinical: a bound on memory (the normalised prior kept per gestational week).
PRIORS_KEPT = 512


@quick_init
@dataclass(frozen=True)
class WorkingDiagnosis:
    """The condition listed first because a red flag says to rule it out first."""

    condition: str
    probability: float  # its honest posterior, usually below the leader's
    rule: str  # the floor rule that names it
    level: str  # the level that rule asks for
    says: str  # why it is listed first, in her language

    def to_json(self) -> dict[str, Any]:
        return {
            "condition": self.condition,
            "probability": round6(self.probability),
            "rule": self.rule,
            "level": self.level,
            "says": self.says,
        }


class WorkingDiagnoser:
    """The floor rules that name conditions, prepared once per pack."""

    def __init__(self, triager: Triager) -> None:
        self.triager = triager
        model = triager.model
        self.suspects: dict[str, tuple[int, ...]] = {
            cr.rule.id: tuple(model.conditions.index(c) for c in cr.rule.suspects)
            for cr in triager.pack.floors
            if cr.rule.suspects
        }
        # each such rule's sign: the model's findings its condition mentions, in column
        # order (a measurement it compares, such as a blood pressure, is not among them)
        self.signs: dict[str, tuple[int, ...]] = {
            cr.rule.id: tuple(sorted(model.index[f] for f in expr.findings_in(cr.node)
                                     if f in model.index))
            for cr in triager.pack.floors
            if cr.rule.suspects
        }
        # the rules that name their condition first even beside a leader that warrants
        # the same level (triage.yaml ``before_same_level``)
        self.before_same_level = frozenset(
            cr.rule.id for cr in triager.pack.floors if cr.rule.before_same_level)
        self._priors: dict[float, FloatArray] = {}

    def _prior(self, weeks: float) -> FloatArray:
        """The prior at ``weeks`` (normalised), kept per week: one interview, one
        gestation, and the interview asks it of many hypothetical answers."""
        out = self._priors.get(weeks)
        if out is None:
            out = softmax(self.triager.model.log_prior(weeks))
            out.flags.writeable = False
            if len(self._priors) < PRIORS_KEPT:
                self._priors[weeks] = out
        return out

    def _accounted_for(self, ev: Evidence, rule: str, suspect: int, lead: int) -> bool:
        """Whether the leading condition accounts for the rule's sign, so that the named
        condition is not listed above it: the leader explains the sign (the product of
        P(f | c) over the sign's findings present) at least as well as the named
        condition, and the rest of her findings favour the leader over it by at least
        the pack's ``working_strong_evidence`` (a likelihood ratio: "strong" evidence).
        Gallstone colic after fatty meals accounts for its upper belly pain, which names
        pre-eclampsia; upper belly and back pain with nothing else known does not (the
        rest is site alone), nor does an ordinary ache beside a headache (the ache
        explains a headache far less well). A rule whose sign is only a measurement
        (a blood pressure) is never accounted for."""
        weighed = self._weigh(ev, rule, suspect, lead)
        return weighed is not None and weighed[0] and weighed[1]

    def _points_away(self, ev: Evidence, rule: str, suspect: int, lead: int) -> bool:
        """For a rule that names its condition first beside a leader of the same level
        (``before_same_level``): the named condition explains the rule's sign better
        than the leader does, and the rest of her findings are not strong evidence for
        the leader against it. A kidney infection with loin pain and burning keeps its
        place beside a recent epidural; with neither said, the spine is listed first."""
        weighed = self._weigh(ev, rule, suspect, lead)
        return weighed is not None and not weighed[0] and not weighed[1]

    def _weigh(self, ev: Evidence, rule: str, suspect: int, lead: int
               ) -> tuple[bool, bool] | None:
        """Whether the leader explains the rule's sign at least as well as the named
        condition, and whether the rest of her findings favour the leader by at least
        ``working_strong_evidence``; None where there is nothing to weigh (no such
        threshold in the pack, or a sign that is only a measurement)."""
        strong = self.triager.pack.working_strong_evidence
        model = self.triager.model
        cols = [j for j in self.signs[rule] if model.findings[j] in ev.present]
        if strong is None or not cols:
            return None
        t = trimester(ev.weeks)
        p = model.p[t][:, cols]
        explains = bool(np.prod(p[lead]) >= np.prod(p[suspect]))
        pos, neg = model.vector(ev)
        pos[cols] = 0.0
        rest = model.log_likelihood(t, pos, neg)
        return explains, bool(rest[lead] - rest[suspect] >= np.log(strong))

    def choose(self, ev: Evidence, post: FloatArray, triage: Triage) -> WorkingDiagnosis | None:
        """The working diagnosis of this case, or None when the ranking stands."""
        return self.named(ev, post, triage.reasons)

    def named(self, ev: Evidence, post: FloatArray,
              reasons: Sequence[TriageReason]) -> WorkingDiagnosis | None:
        """``choose`` from a triage's reasons: only its floor rules are read, so the
        interview, which weighs many hypothetical answers, passes those alone
        (``Triager.rule_reasons``) instead of deciding a whole triage for each."""
        fired = [r for r in reasons if r.kind == "rule" and r.id in self.suspects]
        if not fired:
            return None
        pack = self.triager.pack
        lead = int(leaders(post))
        own = pack.level_rank(self.triager.condition_level(ev, lead))
        above = [r for r in fired if pack.level_rank(r.level) > own]
        same = not above
        if same:
            # at the leader's own level, only a rule that names its condition first
            # there, and not where a rule at that level names the leader itself
            level = [r for r in fired if pack.level_rank(r.level) == own]
            if any(lead in self.suspects[r.id] for r in level):
                return None
            above = [r for r in level if r.id in self.before_same_level]
        if not above:
            return None
        top = max(pack.level_rank(r.level) for r in above)
        # a named condition that the evidence as a whole makes LESS probable than it
        # was before anything was known (gallstone colic after a fatty meal, for the
        # pre-eclampsia that upper belly pain names) is no longer suspected
        prior = self._prior(ev.weeks)
        candidates = [
            (float(post[i]), i, r)
            for r in above
            if pack.level_rank(r.level) == top
            for i in self.suspects[r.id]
            if post[i] > prior[i] and (self._points_away(ev, r.id, i, lead) if same
                                       else not self._accounted_for(ev, r.id, i, lead))
        ]
        if not candidates:
            return None
        # the likeliest named condition; among equal ones the first rule and name
        p, i, rule = max(candidates, key=lambda c: c[0])
        if i == lead:
            return None
        says = pack.working_says.format(reason=rule.says)
        return WorkingDiagnosis(self.triager.model.conditions[i], p, rule.id, rule.level, says)
