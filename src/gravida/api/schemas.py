"""Response shapes, for the OpenAPI document only.

Responses are built by the core's ``to_json`` methods and sent as they are
(validating a large result on every request would cost more than computing
it); these models describe them so clients can generate code, and the
schemathesis test checks that what is sent conforms to what is described.
Request bodies are described from the knowledge pack (see ``openapi.py``),
because which finding ids and ranges are valid is the pack's business.

A model that mirrors a core value is named ``<Core>Out`` in Python (one name per
concept in the code) and keeps the core's name for clients through its title
(``class FactorOut(Open, title="Factor")``): ``openapi.py`` names the components
by title, so the document is the same as when the classes shared the core's names.
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


class RankedConditionOut(Open, title="RankedCondition"):
    id: str
    name: str
    lay_name: str
    probability: float = Field(ge=0, le=1)


class TriageReasonOut(Open, title="TriageReason"):
    kind: Literal["rule", "condition"]
    id: str
    level: str
    says: str
    source: str
    condition: str | None = None
    probability: float | None = None
    without_red_flags: list[str] | None = None


class TriageOut(Open, title="Triage"):
    level: str = Field(description="One of the vocabulary's triage levels, most urgent first.")
    meaning: str
    set_by: TriageReasonOut
    reasons: list[TriageReasonOut]


class FactorOut(Open, title="Factor"):
    finding: str
    label: str
    state: Literal["present", "absent"]
    likelihood_ratio: float


class ExplanationOut(Open, title="Explanation"):
    condition: str
    raised_by: list[FactorOut]
    lowered_by: list[FactorOut]


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


class PlanItemOut(Open, title="PlanItem"):
    id: str
    topic: str
    kind: Literal["do", "avoid"]
    text: str
    sources: list[str]


class MedicineMentionOut(Open, title="MedicineMention"):
    id: str
    name: str
    medicine: str
    verdict: str = Field(description="The medicine's verdict at her weeks of pregnancy.")
    verdict_text: str


class MedicineAdviceOut(Open, title="MedicineAdvice"):
    id: str
    text: str
    medicines: list[MedicineMentionOut]
    sources: list[str]


class SignOut(Open, title="Sign"):
    id: str
    text: str
    sources: list[str]


class SafetyNet(Open):
    intro: str
    signs: list[SignOut]


class LeadingConditionOut(Open, title="LeadingCondition"):
    id: str
    name: str
    probability: float = Field(ge=0, le=1)


class PlanOut(Open, title="Plan"):
    """What to do now, what helps, what to avoid, medicines, and when to get help at once."""

    weeks: float
    level: str
    urgent: bool = Field(description="True at the emergency levels: then no self-care.")
    now: str = Field(description="What to do now, at this triage level.")
    now_sources: list[str]
    leading: list[LeadingConditionOut]
    self_care: list[PlanItemOut]
    avoid: list[PlanItemOut]
    medicine_advice: list[MedicineAdviceOut]
    safety_net: SafetyNet
    sources: list[str]


class CitedTextOut(Open, title="CitedText"):
    text: str
    sources: list[str]


class ConditionExpectationOut(Open, title="ConditionExpectation"):
    id: str
    lay_name: str
    probability: float = Field(ge=0, le=1)
    text: str
    tests: list[str] = Field(description="Ids of the tests below she may have for it.")
    sources: list[str]


class TestExplanationOut(Open, title="TestExplanation"):
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
    conditions: list[ConditionExpectationOut]
    tests: list[TestExplanationOut]
    imaging_note: CitedTextOut
    sources: list[str]


class ExpectedResultOut(Open, title="ExpectedResult"):
    condition: str
    name: str
    probability: float = Field(ge=0, le=1, description="The condition's posterior.")
    result: str = Field(description="The test's most likely result if it is this condition.")
    result_label: str
    result_probability: float = Field(ge=0, le=1)
    shows: str


class WorkupItemOut(Open, title="WorkupItem"):
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
    expected: list[ExpectedResultOut]
    shows: str
    safety: str
    restricted: str | None = Field(description="Why an ionising test is restricted.")
    sources: list[str]


_REPORT = "Part of the full result (the default); absent with `detail=core`."


class AssessmentOut(Open, title="Assessment"):
    """The result of an assessment.

    Always the engine's part: ranked causes, triage with reasons, explanations.
    The full result (POST /v1/assess without `detail=core`) adds the report
    sections `why`, `plan`, `what_to_expect` and `suggested_workup`.
    """

    conditions: list[RankedConditionOut]
    triage: TriageOut
    explanations: list[ExplanationOut]
    evidence: EvidenceOut
    notes: list[str]
    pack_version: str
    why: list[Why] | None = Field(
        default=None, description="The reasons for the leading causes in plain words. " + _REPORT)
    plan: PlanOut | None = Field(default=None, description="The plan she can act on. " + _REPORT)
    what_to_expect: WhatToExpect | None = Field(
        default=None, description="What happens next, for her: only the causes and tests she will "
        "meet at her level (the same as the web page and `gravida assess --for patient`). "
        + _REPORT)
    suggested_workup: list[WorkupItemOut] | None = Field(
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


class ParseResultOut(Open, title="ParseResult"):
    case: dict[str, Any] = Field(description="The case in the /v1/assess format.")
    evidence: list[ParseEvidence]
    warnings: list[str]
    truncated: bool


class UnderstoodItemOut(Open, title="UnderstoodItem"):
    finding: str
    label: str
    state: str = Field(description="present, absent or value")
    value: float | None = None
    words: list[str] = Field(description="Her words behind it, as she wrote them.")
    spans: list[list[int]]
    estimate: bool
    derived: bool = Field(description="Set by a measurement or another finding.")


class UnderstoodOut(Open, title="Understood"):
    items: list[UnderstoodItemOut]
    warnings: list[str]


# --- interviews ---------------------------------------------------------------------


class OptionOut(Open, title="Option"):
    finding: str
    text: str


class NumberPartOut(Open, title="NumberPart"):
    finding: str
    label: str
    unit: str
    range: list[float]


class QuestionOut(Open, title="Question"):
    id: str
    kind: Literal["yes_no", "number", "group", "choose"]
    text: str
    findings: list[str]
    number: int
    max_questions: int
    purpose: str
    help: str | None = None
    options: list[OptionOut] | None = None
    parts: list[NumberPartOut] | None = None


class AnswerOut(Open):
    question: str
    answer: Any = None


class InterviewResult(Open):
    finished: bool
    stop_reason: str | None
    stop_explanation: str
    questions_asked: int
    answers: list[AnswerOut]
    assessment: AssessmentOut


class Interview(Closed):
    """A stored interview: where it stands and what to ask next."""

    id: str = Field(description="Unguessable (192 random bits): treat it as a secret.")
    version: int = Field(ge=1, description="Send it back with the next answer.")
    lang: str = Field(description="The interview's language, chosen when it started.")
    finished: bool
    question: QuestionOut | None = Field(description="Ask this next; null once finished.")
    questions_asked: int
    case: dict[str, Any] = Field(description="What is known now, in the /v1/assess format.")
    answers: list[AnswerOut]
    volunteered: list[str]
    result: InterviewResult | None = Field(description="The result, once finished.")
    pack_version: str
    text_kept: bool
    created_at: str
    updated_at: str
    parsed: ParseResultOut | None = Field(
        default=None, description="On creation with text: what was read from it."
    )
    understood: UnderstoodOut | None = Field(
        default=None, description="On creation with text: \"What we understood\", every "
        "finding the text set with her words, to show her before the questions.",
    )


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
