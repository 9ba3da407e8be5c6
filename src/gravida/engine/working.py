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
infection leading a case with bleeding before 16 weeks).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gravida.engine.model import Evidence, FloatArray, leaders, softmax
from gravida.engine.triage import Triage, Triager


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
            "probability": round(self.probability, 6),
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

    def choose(self, ev: Evidence, post: FloatArray, triage: Triage) -> WorkingDiagnosis | None:
        """The working diagnosis of this case, or None when the ranking stands."""
        fired = [r for r in triage.reasons if r.kind == "rule" and r.id in self.suspects]
        if not fired:
            return None
        pack = self.triager.pack
        lead = int(leaders(post))
        own = pack.level_rank(self.triager.condition_levels(ev)[0][lead].level)
        above = [r for r in fired if pack.level_rank(r.level) > own]
        if not above:
            return None
        top = max(pack.level_rank(r.level) for r in above)
        # a named condition that the evidence as a whole makes LESS probable than it
        # was before anything was known (gallstone colic after a fatty meal, for the
        # pre-eclampsia that upper belly pain names) is no longer suspected
        prior = softmax(self.triager.model.log_prior(ev.weeks))
        candidates = [
            (float(post[i]), i, r)
            for r in above
            if pack.level_rank(r.level) == top
            for i in self.suspects[r.id]
            if post[i] > prior[i]
        ]
        if not candidates:
            return None
        # the likeliest named condition; among equal ones the first rule and name
        p, i, rule = max(candidates, key=lambda c: c[0])
        if i == lead:
            return None
        says = pack.working_says.format(reason=rule.says)
        return WorkingDiagnosis(self.triager.model.conditions[i], p, rule.id, rule.level, says)
