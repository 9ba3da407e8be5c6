"""The medicine check, the vocabulary and the health check."""

from __future__ import annotations

from typing import Literal

from gravida.api.schemas.base import Closed, Open

# --- medicines ----------------------------------------------------------------------


class MedicineVerdictOut(Open, title="MedicineVerdict"):
    query: str
    medicine: str | None
    medicine_id: str | None
    verdict: str
    verdict_text: str
    reason: str
    sources: list[str]


# --- vocabulary, health -------------------------------------------------------------


class VocabularyFinding(Closed):
    id: str
    kind: Literal["boolean", "number"]
    meaning: str
    label: str
    unit: str | None = None
    range: list[float] | None = None


class VocabularyCondition(Closed):
    id: str
    meaning: str
    name: str
    lay_name: str


class TriageLevel(Closed):
    id: str
    meaning: str


class VocabularyQuestion(Closed):
    id: str
    kind: str
    text: str
    findings: list[str]


class VocabularyOut(Closed, title="Vocabulary"):
    version: int
    lang: str
    pack_version: str
    triage_levels: list[TriageLevel]
    findings: list[VocabularyFinding]
    conditions: list[VocabularyCondition]
    questions: list[VocabularyQuestion]


class Health(Closed):
    status: Literal["ok"]
    database: Literal["ok"]
    pack_version: str
