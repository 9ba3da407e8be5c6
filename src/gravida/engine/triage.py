"""Triage: the policy's rules combined with the differential.

Three sources can set the level and the most urgent wins: a finding floor
(red flags hold whatever the diagnosis), the leading condition's own level,
and any other condition probable enough to matter for its level (a 15%
chance of preterm labour sends a woman in even when postural pain leads).
This asymmetry is deliberate: under-triage of an emergency is the failure
that matters, so dangerous alternatives get low thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np

from gravida.engine.model import Evidence, FloatArray, Model
from gravida.knowledge import expr
from gravida.knowledge.load import Pack

# Red flags combined exactly when removing them (2**n posteriors); past this
# the first ones alphabetically are used. Not clinical: a bound on work.
RED_FLAG_SUBSETS_MAX = 6


@dataclass(frozen=True)
class TriageReason:
    """One thing that asks for a level: a floor rule or a condition."""

    kind: Literal["rule", "condition"]
    id: str
    level: str
    says: str
    src: str
    condition: str | None = None
    probability: float | None = None
    without: tuple[str, ...] = ()  # red flags set aside to reach this probability

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "id": self.id,
            "level": self.level,
            "says": self.says,
            "source": self.src,
        }
        if self.condition is not None:
            out["condition"] = self.condition
            out["probability"] = self.probability
        if self.without:
            out["without_red_flags"] = list(self.without)
        return out


@dataclass(frozen=True)
class Triage:
    level: str
    meaning: str
    set_by: TriageReason
    reasons: tuple[TriageReason, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "meaning": self.meaning,
            "set_by": self.set_by.to_json(),
            "reasons": [r.to_json() for r in self.reasons],
        }


def floor_reasons(pack: Pack, ev: Evidence) -> list[TriageReason]:
    out = []
    for cr in pack.floors:
        if expr.evaluate(cr.node, ev.present, ev.absent, ev.numbers):
            r = cr.rule
            out.append(TriageReason("rule", r.id, r.level, r.says, r.src))
    return out


def condition_reason(pack: Pack, ev: Evidence, condition: str, probability: float) -> TriageReason:
    """The level one condition warrants in this case, after its adjustments."""
    cl = pack.condition_levels[condition]
    info = pack.conditions[condition]
    best: TriageReason | None = None
    for cr in cl.adjust:
        if expr.evaluate(cr.node, ev.present, ev.absent, ev.numbers) and (
            best is None or pack.level_rank(cr.rule.level) > pack.level_rank(best.level)
        ):
            r = cr.rule
            best = TriageReason("condition", r.id, r.level, r.says, r.src, condition, probability)
    if best is not None:
        return best
    says = f"{info.lay_name}: usually needs this level of care."
    return TriageReason("condition", condition, cl.level, says, cl.src, condition, probability)


def decide(model: Model, ev: Evidence, posterior: FloatArray) -> Triage:
    """The most urgent level asked for by a floor, the leader, or a probable danger.

    The differential's part is also taken with each combination of the red
    flags present removed, so adding a red flag can never lower the level
    (a red flag may shift probability from one danger to another, but it
    must never make the case look safer).
    """
    pack = model.pack
    reasons = floor_reasons(pack, ev)
    reasons.extend(differential_reasons(pack, ev, model.conditions, posterior))
    flags = sorted(ev.present & set(pack.red_flags))
    if flags:
        reasons.extend(_without_red_flags(model, ev, flags[:RED_FLAG_SUBSETS_MAX]))
    # The most urgent wins; among equals a rule (a certain finding) explains
    # better than a probability, and a likelier condition better than a rarer one.
    best = max(
        reasons,
        key=lambda r: (
            pack.level_rank(r.level),
            r.kind == "rule",
            not r.without,
            r.probability or 0.0,
        ),
    )
    meaning = next(t.meaning for t in pack.vocabulary.triage_levels if t.id == best.level)
    unique: dict[tuple[str, str, str | None], TriageReason] = {}
    for r in sorted(reasons, key=lambda r: (not r.without, r.probability or 0.0)):
        unique[(r.kind, r.id, r.condition)] = r  # the factual, likelier one is kept
    ordered = sorted(
        unique.values(),
        key=lambda r: (-pack.level_rank(r.level), r.kind != "rule", -(r.probability or 0)),
    )
    return Triage(best.level, meaning, best, tuple(ordered))


def differential_reasons(
    pack: Pack, ev: Evidence, conditions: list[str], posterior: FloatArray
) -> list[TriageReason]:
    """The leader's level, and every other condition probable enough for its level."""
    out = []
    order = sorted(range(len(conditions)), key=lambda i: (-posterior[i], conditions[i]))
    for rank, i in enumerate(order):
        p = float(posterior[i])
        if p <= 0.0:
            continue
        reason = condition_reason(pack, ev, conditions[i], p)
        if rank == 0 or p >= pack.thresholds[reason.level]:
            out.append(reason)
    return out


def _without_red_flags(model: Model, ev: Evidence, flags: list[str]) -> list[TriageReason]:
    """Differential reasons for the evidence less every non-empty subset of the red flags."""
    pos, neg = model.vector(ev)
    rows, removed = [], []
    for mask in range(1, 2 ** len(flags)):
        row = pos.copy()
        subset = tuple(f for k, f in enumerate(flags) if mask >> k & 1)
        for f in subset:
            row[model.index[f]] = 0.0
        rows.append(row)
        removed.append(subset)
    batch = np.array(rows)
    weeks = np.full(len(rows), ev.weeks)
    posts = model.posterior_batch(weeks, batch, np.repeat(neg[None, :], len(rows), axis=0))
    out: list[TriageReason] = []
    for post, subset in zip(posts, removed, strict=True):
        for r in differential_reasons(model.pack, ev, model.conditions, post):
            out.append(replace(r, without=subset))
    return out
