"""What a text was read as (parse, "What we understood") and a stored interview."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from gravida.api.schemas.assessment import AssessmentOut
from gravida.api.schemas.base import Closed, Open

# --- parse --------------------------------------------------------------------------


class ParseEvidence(Open):
    finding: str
    text: str
    span: list[int]
    phrase: str
    flags: list[str]
    used: bool
    reason: str | None = Field(
        None, description="Why a mention not used was not taken as hers now (said of "
        "someone else, in the past, with doubt...), in the language her words were read in.")


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


class NotTakenOut(Open, title="NotTaken"):
    finding: str
    label: str
    words: str = Field(description="Her words, as she wrote them.")
    span: list[int]
    reason: str = Field(description="Why it was not taken as hers now, in her language.")


class UnderstoodOut(Open, title="Understood"):
    items: list[UnderstoodItemOut]
    not_taken: list[NotTakenOut] = Field(
        default_factory=list, description="What her words mentioned but did not state of "
        "her now (said of someone else, in the past, with doubt), and why.")
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
