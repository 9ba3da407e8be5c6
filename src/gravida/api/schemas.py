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


class Why(Open):
    condition: str
    name: str = Field(description="The condition in plain words.")
    probability: float = Field(ge=0, le=1)
    for_: list[str] = Field(alias="for", description="Findings that made it more likely.")
    against: list[str] = Field(description="Findings that made it less likely.")


class PlanItem(Open):
    id: str
    topic: str
    kind: Literal["do", "avoid"]
    text: str
    sources: list[str]


class MedicineMention(Open):
    id: str
    name: str
    medicine: str
    verdict: str = Field(description="The medicine's verdict at her weeks of pregnancy.")
    verdict_text: str


class MedicineAdvice(Open):
    id: str
    text: str
    medicines: list[MedicineMention]
    sources: list[str]


class Sign(Open):
    id: str
    text: str
    sources: list[str]


class SafetyNet(Open):
    intro: str
    signs: list[Sign]


class LeadingCondition(Open):
    id: str
    name: str
    probability: float = Field(ge=0, le=1)


class Plan(Open):
    """What to do now, what helps, what to avoid, medicines, and when to get help at once."""

    weeks: float
    level: str
    urgent: bool = Field(description="True at the emergency levels: then no self-care.")
    now: str = Field(description="What to do now, at this triage level.")
    now_sources: list[str]
    leading: list[LeadingCondition]
    self_care: list[PlanItem]
    avoid: list[PlanItem]
    medicine_advice: list[MedicineAdvice]
    safety_net: SafetyNet
    sources: list[str]


class CitedText(Open):
    text: str
    sources: list[str]


class ConditionExpectation(Open):
    id: str
    lay_name: str
    probability: float = Field(ge=0, le=1)
    text: str
    tests: list[str] = Field(description="Ids of the tests below she may have for it.")
    sources: list[str]


class TestExplanation(Open):
    id: str
    lay_name: str
    what_happens: str
    safety: str
    sources: list[str]


class WhatToExpect(Open):
    """What happens next, worded for her: her level, her leading causes, her tests."""

    level: str
    next_steps: str
    next_sources: list[str]
    conditions: list[ConditionExpectation]
    tests: list[TestExplanation]
    imaging_note: CitedText
    sources: list[str]


class ExpectedResult(Open):
    condition: str
    name: str
    probability: float = Field(ge=0, le=1, description="The condition's posterior.")
    result: str = Field(description="The test's most likely result if it is this condition.")
    result_label: str
    result_probability: float = Field(ge=0, le=1)
    shows: str


class WorkupItem(Open):
    """One investigation a clinician might order, with why it is ranked where it is."""

    rank: int = Field(ge=1)
    id: str
    name: str
    line: Literal["first", "second", "ionising"]
    urgent: bool
    urgent_for: list[str]
    information_bits: float = Field(
        ge=0, description="Expected information about the leading conditions (bits).")
    information_given: list[str] = Field(
        description="For a later-line test: the earlier-line tests its information is "
        "counted after.")
    score: float = Field(ge=0)
    separates: list[str] | None = Field(
        description="The two leading conditions it tells apart best, if any.")
    reason: str
    expected: list[ExpectedResult]
    shows: str
    safety: str
    restricted: str | None = Field(description="Why an ionising test is restricted.")
    sources: list[str]


_REPORT = "Part of the full result (the default); absent with `detail=core`."


class Assessment(Open):
    """The result of an assessment.

    Always the engine's part: ranked causes, triage with reasons, explanations.
    The full result (POST /v1/assess without `detail=core`) adds the report
    sections `why`, `plan`, `what_to_expect` and `suggested_workup`.
    """

    conditions: list[RankedCondition]
    triage: Triage
    explanations: list[Explanation]
    evidence: EvidenceOut
    notes: list[str]
    pack_version: str
    why: list[Why] | None = Field(
        default=None, description="The reasons for the leading causes in plain words. " + _REPORT)
    plan: Plan | None = Field(default=None, description="The plan she can act on. " + _REPORT)
    what_to_expect: WhatToExpect | None = Field(
        default=None, description="What happens next, for her: only the causes and tests she will "
        "meet at her level (the same as the web page and `gravida assess --for patient`). "
        + _REPORT)
    suggested_workup: list[WorkupItem] | None = Field(
        default=None, description="Investigations for a clinician, most useful first. "
        + _REPORT)


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


class UnderstoodItem(Open):
    finding: str
    label: str
    state: str = Field(description="present, absent or value")
    value: float | None = None
    words: list[str] = Field(description="Her words behind it, as she wrote them.")
    spans: list[list[int]]
    estimate: bool
    derived: bool = Field(description="Set by a measurement or another finding.")


class Understood(Open):
    items: list[UnderstoodItem]
    warnings: list[str]


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
    lang: str = Field(description="The interview's language, chosen when it started.")
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
    understood: Understood | None = Field(
        default=None, description="On creation with text: \"What we understood\", every "
        "finding the text set with her words, to show her before the questions.",
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
