"""What a plan is made of: its items, medicine mentions, signs and leading conditions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gravida.knowledge.frozen import quick_init
from gravida.knowledge.wire import wired


@quick_init
@dataclass(frozen=True)
class PlanItem:
    id: str
    topic: str
    kind: str
    text: str
    sources: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "topic": self.topic, "kind": self.kind, "text": self.text,
                "sources": list(self.sources)}


@quick_init
@dataclass(frozen=True)
class MedicineMention:
    id: str
    name: str
    medicine: str
    verdict: str
    verdict_text: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "medicine": self.medicine,
                "verdict": self.verdict, "verdict_text": self.verdict_text}


@quick_init
@dataclass(frozen=True)
class MedicineAdvice:
    id: str
    text: str
    medicines: tuple[MedicineMention, ...]
    sources: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text,
                "medicines": [m.to_json() for m in self.medicines],
                "sources": list(self.sources)}


@quick_init
@dataclass(frozen=True)
class Sign:
    id: str
    text: str
    level: str  # the triage level the sign's words tell her to act on
    sources: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "level": self.level,
                "sources": list(self.sources)}


@quick_init
@dataclass(frozen=True)
class LeadingCondition:
    id: str
    name: str
    probability: float

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "probability": self.probability}


@quick_init
@dataclass(frozen=True)
class Plan:
    """A plan a woman can act on: now, self-care, avoid, medicines, and the safety net."""

    weeks: float
    level: str
    urgent: bool
    now: str
    now_sources: tuple[str, ...]
    leading: tuple[LeadingCondition, ...]
    self_care: tuple[PlanItem, ...]
    avoid: tuple[PlanItem, ...]
    medicine_advice: tuple[MedicineAdvice, ...]
    safety_net_intro: str
    safety_net: tuple[Sign, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        ids: list[str] = list(self.now_sources)
        for group in (self.self_care, self.avoid, self.medicine_advice, self.safety_net):
            for x in group:
                ids.extend(x.sources)
        return tuple(dict.fromkeys(ids))

    def to_json(self) -> dict[str, Any]:
        return self._json(_to_json)

    def to_wire(self) -> dict[str, Any]:
        """``to_json`` for orjson (the API): the same document, its items, medicine
        advice and signs (the book's records, the same in every plan) serialised once
        per record (``wired``)."""
        return self._json(wired)

    def _json(self, record: Callable[[Any], Any]) -> dict[str, Any]:
        """The plan's JSON, each of the book's records as ``record`` gives it."""
        return {
            "weeks": self.weeks,
            "level": self.level,
            "urgent": self.urgent,
            "now": self.now,
            "now_sources": list(self.now_sources),
            "leading": [c.to_json() for c in self.leading],
            "self_care": [record(i) for i in self.self_care],
            "avoid": [record(i) for i in self.avoid],
            "medicine_advice": [record(m) for m in self.medicine_advice],
            "safety_net": {"intro": self.safety_net_intro,
                           "signs": [record(s) for s in self.safety_net]},
            "sources": list(self.sources),
        }


def _to_json(record: Any) -> Any:
    return record.to_json()
