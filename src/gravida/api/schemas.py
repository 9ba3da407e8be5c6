"""Response shapes, for the OpenAPI document only.

Responses are built by the core's ``to_json`` methods and sent as they are
(validating a large result on every request would cost more than computing
it); these models describe them so clients can generate code, and the
schemathesis test checks that what is sent conforms to what is described.
Request bodies are described from the knowledge pack (see ``openapi.py``),
because which finding ids and ranges are valid is the pack's business.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    """Core objects may gain fields; clients must ignore the ones they do not know."""

    model_config = ConfigDict(extra="allow")


class Closed(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- assessment ---------------------------------------------------------------------


class RankedCondition(Open):
    id: str
    name: str
    lay_name: str
    probability: float = Field(ge=0, le=1)


class TriageReason(Open):
    kind: Literal["rule", "condition"]
    id: str
    level: str
    says: str
    source: str
    condition: str | None = None
    probability: float | None = None
    without_red_flags: list[str] | None = None


class Triage(Open):
    level: str = Field(description="One of the vocabulary's triage levels, most urgent first.")
    meaning: str
    set_by: TriageReason
    reasons: list[TriageReason]


class Factor(Open):
    finding: str
    label: str
    state: Literal["present", "absent"]
    likelihood_ratio: float


class Explanation(Open):
    condition: str
    raised_by: list[Factor]
    lowered_by: list[Factor]


class EvidenceOut(Open):
    gestational_weeks: float
    present: list[str]
    absent: list[str]
    numbers: dict[str, float]


class Assessment(Open):
    """The engine's result: ranked causes, triage with reasons, explanations."""

    conditions: list[RankedCondition]
    triage: Triage
    explanations: list[Explanation]
    evidence: EvidenceOut
    notes: list[str]
    pack_version: str
    advice: dict[str, Any] | None = Field(
        default=None, description="The self-care plan; only with ?advice=true."
    )


# --- parse --------------------------------------------------------------------------


class ParseEvidence(Open):
    finding: str
    text: str
    span: list[int]
    phrase: str
    flags: list[str]
    used: bool


class ParseResult(Open):
    case: dict[str, Any] = Field(description="The case in the /v1/assess format.")
    evidence: list[ParseEvidence]
    warnings: list[str]
    truncated: bool


# --- interviews ---------------------------------------------------------------------


class Option(Open):
    finding: str
    text: str


class NumberPart(Open):
    finding: str
    label: str
    unit: str
    range: list[float]


class Question(Open):
    id: str
    kind: Literal["yes_no", "number", "group", "choose"]
    text: str
    findings: list[str]
    number: int
    max_questions: int
    purpose: str
    help: str | None = None
    options: list[Option] | None = None
    parts: list[NumberPart] | None = None


class AnswerOut(Open):
    question: str
    answer: Any = None


class InterviewResult(Open):
    finished: bool
    stop_reason: str | None
    stop_explanation: str
    questions_asked: int
    answers: list[AnswerOut]
    assessment: Assessment


class Interview(Closed):
    """A stored interview: where it stands and what to ask next."""

    id: str = Field(description="Unguessable (192 random bits): treat it as a secret.")
    version: int = Field(ge=1, description="Send it back with the next answer.")
    finished: bool
    question: Question | None = Field(description="Ask this next; null once finished.")
    questions_asked: int
    case: dict[str, Any] = Field(description="What is known now, in the /v1/assess format.")
    answers: list[AnswerOut]
    volunteered: list[str]
    result: InterviewResult | None = Field(description="The result, once finished.")
    pack_version: str
    text_kept: bool
    created_at: str
    updated_at: str
    parsed: ParseResult | None = Field(
        default=None, description="On creation with text: what was read from it."
    )


# --- medicines ----------------------------------------------------------------------


class MedicineVerdict(Open):
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


class Vocabulary(Closed):
    version: int
    pack_version: str
    triage_levels: list[TriageLevel]
    findings: list[VocabularyFinding]
    conditions: list[VocabularyCondition]
    questions: list[VocabularyQuestion]


class Health(Closed):
    status: Literal["ok"]
    database: Literal["ok"]
    pack_version: str
