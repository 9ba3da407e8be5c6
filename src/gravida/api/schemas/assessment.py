"""The assessment's shape: ranked causes, triage, explanations and the report sections."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from gravida.api.schemas.base import Open


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
    denied_red_flags: list[str] | None = None


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


class WhyOut(Open, title="Why"):
    condition: str
    name: str = Field(description="The condition in plain words.")
    probability: float = Field(ge=0, le=1)
    for_: list[str] = Field(alias="for", description="Findings that made it more likely.")
    against: list[str] = Field(description="Findings that made it less likely.")
    first_because: str | None = Field(
        default=None, description="Why this cause is listed first though others are more "
        "likely: a red flag says to rule it out first (the working diagnosis).")


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


class WorkingDiagnosisOut(Open, title="WorkingDiagnosis"):
    """The condition listed first because a red flag says to rule it out first."""

    condition: str
    probability: float = Field(ge=0, le=1, description="Its posterior (not raised).")
    rule: str = Field(description="The floor rule that names it.")
    level: str = Field(description="The level that rule asks for.")
    says: str = Field(description="Why it is listed first, in her language.")


class AssessmentOut(Open, title="Assessment"):
    """The result of an assessment.

    Always the engine's part: ranked causes, triage with reasons, explanations.
    The full result (POST /v1/assess without `detail=core`) adds the report
    sections `why`, `plan`, `what_to_expect` and `suggested_workup`.
    """

    conditions: list[RankedConditionOut]
    working_diagnosis: WorkingDiagnosisOut | None = Field(
        default=None, description="Set when a red flag puts a less probable condition first "
        "(it is then conditions[0]); null when the list is by probability alone.")
    triage: TriageOut
    explanations: list[ExplanationOut]
    evidence: EvidenceOut
    notes: list[str]
    pack_version: str
    why: list[WhyOut] | None = Field(
        default=None, description="The reasons for the leading causes in plain words. " + _REPORT)
    plan: PlanOut | None = Field(default=None, description="The plan she can act on. " + _REPORT)
    what_to_expect: WhatToExpect | None = Field(
        default=None, description="What happens next, for her: only the causes and tests she will "
        "meet at her level (the same as the web page and `gravida assess --for patient`). "
        + _REPORT)
    suggested_workup: list[WorkupItemOut] | None = Field(
        default=None, description="Investigations for a clinician, most useful first. "
        + _REPORT)
