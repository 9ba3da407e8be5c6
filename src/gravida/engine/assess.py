"""One assessment: a case in, a ranked differential, a triage level and reasons out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from gravida.engine.case import Case
from gravida.engine.model import Evidence, FloatArray, Model, ranking
from gravida.engine.triage import Triage, Triager
from gravida.engine.working import WorkingDiagnoser, WorkingDiagnosis
from gravida.knowledge.frozen import quick_init
from gravida.knowledge.load import Pack, default_pack
from gravida.knowledge.places import round4, round6
from gravida.knowledge.wire import head, joined

EXPLAINED = 3  # conditions explained in a result
PER_SIDE = 5  # findings listed as raising / lowering each
SIGNIFICANT_LR = 1.05  # a finding that moves the odds by less is not worth listing


@quick_init  # an assessment makes one per condition
@dataclass(frozen=True)
class RankedCondition:
    id: str
    name: str
    lay_name: str
    probability: float

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "lay_name": self.lay_name,
            "probability": round6(self.probability),
        }


@quick_init  # a dozen per assessment
@dataclass(frozen=True)
class Factor:
    finding: str
    label: str
    state: str  # "present" | "absent"
    likelihood_ratio: float

    def to_json(self) -> dict[str, Any]:
        return {
            "finding": self.finding,
            "label": self.label,
            "state": self.state,
            "likelihood_ratio": round4(self.likelihood_ratio),
        }


@quick_init
@dataclass(frozen=True)
class Explanation:
    condition: str
    raised: tuple[Factor, ...]
    lowered: tuple[Factor, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "condition": self.condition,
            "raised_by": [f.to_json() for f in self.raised],
            "lowered_by": [f.to_json() for f in self.lowered],
        }

    def to_wire(self, heads: Mapping[tuple[str, str], bytes]) -> dict[str, Any]:
        """``to_json`` for orjson, each factor written from its head (``Heads.factors``)
        and its rounded likelihood ratio (``wire.joined``)."""
        return {
            "condition": self.condition,
            "raised_by": _factors_wire(self.raised, heads),
            "lowered_by": _factors_wire(self.lowered, heads),
        }


def _factors_wire(factors: tuple[Factor, ...], heads: Mapping[tuple[str, str], bytes]) -> Any:
    return joined([heads[f.finding, f.state] for f in factors],
                  [f.likelihood_ratio for f in factors], 4)


class Heads(NamedTuple):
    """The JSON of an assessment's records as orjson writes it, up to their one rounded
    number, per pack (``wire.head``): what ``Assessment.to_wire`` completes."""

    conditions: Mapping[str, bytes]  # RankedCondition, by condition id
    factors: Mapping[tuple[str, str], bytes]  # Factor, by (finding, state)


@quick_init
@dataclass(frozen=True)
class Assessment:
    case: Case
    evidence: Evidence
    conditions: tuple[RankedCondition, ...]
    triage: Triage
    explanations: tuple[Explanation, ...]
    pack_version: str
    # the condition listed first because a red flag says to rule it out first
    # (engine/working.py); None when the ranking is by probability alone
    working: WorkingDiagnosis | None = None
    # its records' JSON before their number, serialised (``Heads``): the engine's
    # pack's, for ``to_wire``; None where the assessment was built otherwise
    heads: Heads | None = field(default=None, repr=False, compare=False)

    @property
    def ranked(self) -> list[str]:
        return [c.id for c in self.conditions]

    def to_json(self) -> dict[str, Any]:
        return self._json()

    def to_wire(self) -> dict[str, Any]:
        """``to_json`` for orjson (the API): the same document, with the ranked
        conditions and the explanations' factors written at once from what the pack
        fixes of them (``heads``: a condition's id and names, a factor's finding, label
        and state) and their rounded numbers, and the triage's floor rules serialised
        once per pack (``Triage.to_wire``)."""
        return self._json(self.heads)

    def _json(self, heads: Heads | None = None) -> dict[str, Any]:
        """``to_json``, or with ``heads`` ``to_wire``."""
        return {
            "conditions": ([c.to_json() for c in self.conditions] if heads is None else
                           joined([heads.conditions[c.id] for c in self.conditions],
                                  [c.probability for c in self.conditions], 6)),
            "working_diagnosis": None if self.working is None else self.working.to_json(),
            "triage": self.triage.to_json() if heads is None else self.triage.to_wire(),
            "explanations": [e.to_json() if heads is None else e.to_wire(heads.factors)
                             for e in self.explanations],
            "evidence": {
                "gestational_weeks": self.evidence.weeks,
                "present": sorted(self.evidence.present),
                "absent": sorted(self.evidence.absent),
                "numbers": dict(sorted(self.evidence.numbers.items())),
            },
            "notes": list(self.evidence.notes),
            "pack_version": self.pack_version,
        }


def _triager(pack: Pack) -> Triager:
    return Triager(pack.memo(Model))


def _diagnoser(pack: Pack) -> WorkingDiagnoser:
    return WorkingDiagnoser(pack.memo(_triager))


def _labels(pack: Pack) -> dict[str, str]:
    """Each model finding's label (``Pack.label``): what an explanation's factor quotes."""
    return {f: pack.label(f) for f in pack.memo(Model).findings}


def _heads(pack: Pack) -> Heads:
    """Each ranked condition's and each factor's JSON as orjson writes it, up to its
    number: what every assessment repeats of the pack (``Assessment.to_wire``)."""
    labels = pack.memo(_labels)
    return Heads(
        {c: head(RankedCondition(c, name, lay_name, 0.0).to_json(), "probability")
         for c, name, lay_name in pack.memo(_named)},
        {(f, state): head(Factor(f, label, state, 0.0).to_json(), "likelihood_ratio")
         for f, label in labels.items() for state in ("present", "absent")})


def _named(pack: Pack) -> tuple[tuple[str, str, str], ...]:
    """Each condition's (id, name, lay name), in the model's order: what a ranked
    condition repeats of the pack (an assessment names all of them)."""
    return tuple((c, pack.conditions[c].name, pack.conditions[c].lay_name)
                 for c in pack.memo(Model).conditions)


class Engine:
    """The assessment engine over one loaded pack: pure, deterministic, thread-safe."""

    def __init__(self, pack: Pack | None = None) -> None:
        self.pack = pack or default_pack()
        # compiled once per pack (Pack.memo): every Engine of a pack shares them
        self.model = self.pack.memo(Model)
        self.triager = self.pack.memo(_triager)
        self.diagnoser = self.pack.memo(_diagnoser)
        self.named = self.pack.memo(_named)
        self.labels = self.pack.memo(_labels)
        self.heads = self.pack.memo(_heads)

    def case(self, data: Mapping[str, Any] | Case) -> Case:
        return data if isinstance(data, Case) else Case.from_dict(data, self.pack)

    def posterior(self, case: Case) -> tuple[Evidence, FloatArray]:
        ev = self.model.evidence(case)
        return ev, self.model.posterior(ev)

    def triage(self, case: Case) -> Triage:
        """Only the triage (the interview asks this of many hypothetical answers)."""
        ev, post = self.posterior(case)
        return self.triager.decide(ev, post)

    def assess(self, data: Mapping[str, Any] | Case, explain: bool = True) -> Assessment:
        case = self.case(data)
        ev, post = self.posterior(case)
        conds = self.model.conditions
        triage = self.triager.decide(ev, post)
        # the leader as triage names it, then by probability; a working diagnosis first
        order = ranking(post)
        working = self.diagnoser.choose(ev, post, triage)
        if working is not None:
            first = conds.index(working.condition)
            order.remove(first)
            order.insert(0, first)
        named, probability = self.named, post.tolist()  # Python floats, as float(post[i])
        ranked = tuple(RankedCondition(*named[i], probability[i]) for i in order)
        explanations = self._explain(ev, order[:EXPLAINED]) if explain else ()
        return Assessment(case, ev, ranked, triage, explanations, self.pack.version, working,
                          self.heads)

    def _explain(self, ev: Evidence, top: list[int]) -> tuple[Explanation, ...]:
        """For each top condition, the known findings that moved its odds most, each way."""
        conditions = self.model.conditions
        if not ev.present and not ev.absent:
            return tuple(Explanation(conditions[i], (), ()) for i in top)
        findings, is_present, lrs = self.model.likelihood_ratios(ev, top)
        strengths = np.abs(np.log(lrs)).tolist()
        labels = self.labels
        states = ["present" if known else "absent" for known in is_present]
        out = []
        # Python floats: cheaper to read one at a time
        for i, values, strength in zip(top, lrs.tolist(), strengths, strict=True):
            raised: list[Factor] = []
            lowered: list[Factor] = []
            for j in _strongest_first(strength, findings):
                lr = values[j]
                side = (
                    raised if lr > SIGNIFICANT_LR else lowered if lr < 1 / SIGNIFICANT_LR else None
                )
                if side is None or len(side) == PER_SIDE:
                    continue
                f = findings[j]
                side.append(Factor(f, labels[f], states[j], lr))
                if len(raised) == len(lowered) == PER_SIDE:  # both sides full
                    break
            out.append(Explanation(conditions[i], tuple(raised), tuple(lowered)))
        return tuple(out)


def _strongest_first(strength: list[float], findings: list[str]) -> list[int]:
    """The findings' places from the strongest to the weakest, equal ones by id:
    ``np.lexsort((findings, -strength))``, sorted in Python where no strength is NaN
    (a key of floats and ids orders as numpy does then; numpy puts NaN last)."""
    if all(s == s for s in strength):
        return sorted(range(len(strength)), key=lambda j: (-strength[j], findings[j]))
    order: list[int] = np.lexsort((np.array(findings), -np.array(strength))).tolist()
    return order
