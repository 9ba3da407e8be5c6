"""What the service returns: typed values, turned into JSON once, by the interface.

The API sends ``to_json()`` of these; the web pages read their fields. The
parts that the store keeps as JSON (an interview's question, case, answers and
result, written by the core's own ``to_json``) stay JSON values here: they are
read back exactly as stored and sent on unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from gravida.engine.case import Findings
from gravida.intake.evidence import ParseResult
from gravida.intake.understood import Understood
from gravida.interview import Result
from gravida.interview.catalogue import QuestionSpec
from gravida.knowledge.schema import ConditionInfo, FindingDef, Vocabulary

Json = dict[str, Any]  # a JSON object as the store keeps it


@dataclass(frozen=True)
class Reading:
    """Her words as read at an interview's start: the parse (its case less what she
    unticked) and "What we understood"."""

    parsed: ParseResult
    case: Findings
    understood: Understood

    def parsed_json(self) -> Json:
        out = self.parsed.to_dict()
        out["case"] = self.case.to_json()
        return out


@dataclass(frozen=True)
class InterviewView:
    """A stored interview as its clients see it: where it stands and what it holds."""

    id: str
    version: int
    lang: str
    finished: bool
    question: Json | None
    questions_asked: int
    case: Json
    answers: list[Json]
    volunteered: list[str]
    result: Json | None
    pack_version: str
    text_kept: bool
    created_at: datetime
    updated_at: datetime
    reading: Reading | None = field(default=None, compare=False)

    def to_json(self) -> Json:
        out: Json = {
            "id": self.id,
            "version": self.version,
            "lang": self.lang,
            "finished": self.finished,
            "question": self.question,
            "questions_asked": self.questions_asked,
            "case": self.case,
            "answers": self.answers,
            "volunteered": self.volunteered,
            "result": self.result,
            "pack_version": self.pack_version,
            "text_kept": self.text_kept,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }
        if self.reading is not None:
            out["parsed"] = self.reading.parsed_json()
            out["understood"] = self.reading.understood.to_dict()
        return out


@dataclass(frozen=True)
class Understanding:
    """"What we understood" of her text before an interview starts."""

    case: Findings
    understood: Understood

    def to_json(self) -> Json:
        return {"case": self.case.to_json(), "understood": self.understood.to_dict()}


@dataclass(frozen=True)
class StoredResult:
    """A finished interview's result as stored when it finished (kept even if the pack
    changed since, so that what she was told can be read back)."""

    data: Json

    def to_json(self) -> Json:
        return self.data


InterviewResult = Result | StoredResult


@dataclass(frozen=True)
class HealthCheck:
    """The answer of a health check: the service and its database are up."""

    status: str
    database: str
    pack_version: str

    def to_json(self) -> Json:
        return {"status": self.status, "database": self.database,
                "pack_version": self.pack_version}


@dataclass(frozen=True)
class VocabularyView:
    """The id contract and the pack's words for it, in one language, with the questions
    the interview asks."""

    vocabulary: Vocabulary
    lang: str
    pack_version: str
    labels: Mapping[str, str]
    conditions: Mapping[str, ConditionInfo]
    questions: tuple[QuestionSpec, ...]

    def to_json(self) -> Json:
        v = self.vocabulary
        return {
            "version": v.version,
            "lang": self.lang,
            "pack_version": self.pack_version,
            "triage_levels": [{"id": t.id, "meaning": t.meaning} for t in v.triage_levels],
            "findings": [_finding_json(f, self.labels[f.id]) for f in v.findings],
            "conditions": [{"id": c.id, "meaning": c.meaning,
                            "name": self.conditions[c.id].name,
                            "lay_name": self.conditions[c.id].lay_name} for c in v.conditions],
            "questions": [{"id": q.id, "kind": q.kind, "text": q.text,
                           "findings": list(q.findings)} for q in self.questions],
        }


def _finding_json(f: FindingDef, label: str) -> Json:
    out: Json = {"id": f.id, "kind": f.kind, "meaning": f.meaning, "label": label}
    if f.unit is not None:
        out["unit"] = f.unit
    if f.range is not None:
        out["range"] = list(f.range)
    return out
