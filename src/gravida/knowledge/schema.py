"""The shape of the knowledge pack, checked on load.

The pack is data written by clinicians; these models are the contract that
makes a typo fail loudly at start-up (naming file, entry and problem) rather
than silently skew a probability at run time.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

TRIMESTERS: tuple[str, str, str] = ("first", "second", "third")

Probability = Annotated[float, Field(gt=0.0, lt=1.0)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- vocabulary (the shared contract, copied into the pack) -------------------


class TriageLevelDef(Strict):
    id: str
    meaning: str


class FindingDef(Strict):
    id: str
    kind: Literal["boolean", "number"]
    meaning: str
    unit: str | None = None
    range: tuple[float, float] | None = None

    @model_validator(mode="after")
    def _number_has_range(self) -> FindingDef:
        if self.kind == "number" and self.range is None:
            raise ValueError(f"number finding {self.id} needs a range")
        return self


class ConditionDef(Strict):
    id: str
    meaning: str


class Vocabulary(Strict):
    version: int
    triage_levels: list[TriageLevelDef]
    findings: list[FindingDef]
    conditions: list[ConditionDef]


# --- sources ------------------------------------------------------------------


class Source(Strict):
    title: str
    kind: Literal["guideline", "review", "textbook", "study", "judgement", "regulator"]
    publisher: str | None = None
    year: int | None = None
    url: str | None = None
    note: str | None = None


# --- a cited number -----------------------------------------------------------


class ByTrimester(Strict):
    first: Probability
    second: Probability
    third: Probability

    def values(self) -> tuple[float, float, float]:
        return (self.first, self.second, self.third)


class Cited(Strict):
    """A probability (flat or by trimester) and the source it comes from.

    Written in YAML as ``[p, source]`` or ``[{first: .., second: .., third: ..}, source]``.
    """

    p: Probability | ByTrimester
    src: str

    @model_validator(mode="before")
    @classmethod
    def _from_pair(cls, data: Any) -> Any:
        if isinstance(data, list | tuple):
            if len(data) != 2:
                raise ValueError("write a cited number as [probability, source_id]")
            return {"p": data[0], "src": data[1]}
        return data

    def by_trimester(self) -> tuple[float, float, float]:
        if isinstance(self.p, ByTrimester):
            return self.p.values()
        return (self.p, self.p, self.p)


# --- findings -----------------------------------------------------------------


class FindingInfo(Strict):
    """What the pack adds to a vocabulary finding."""

    label: str
    background: Cited | None = None
    meaningful_weeks: tuple[float, float] | None = None


class DerivedFinding(Strict):
    """A pack-added boolean finding computed from number findings.

    It exists so that a measured value (a pulse, a pain score) can carry
    likelihoods like any other finding, with its threshold in data.
    """

    id: str
    label: str
    present_if: list[str] = Field(min_length=1)
    background: Cited
    # another derived finding this one is a stricter threshold of (160/110 within
    # 140/90): the engine then counts it only beyond its parent (engine/nested.py)
    within: str | None = None


class NumberMap(Strict):
    """Fills a vocabulary boolean from a measurement when the boolean is unknown."""

    finding: str
    present_if: str
    absent_if: str | None = None
    src: str


class Implication(Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    if_: str = Field(alias="if")
    then: str
    # Soft: the first is (mainly) a case of the second, not always one. A case stating
    # the first present has the second present unless it states the second absent;
    # the second absent does not make the first absent (findings.yaml, docs/model.md).
    soft: bool = False


class FindingsFile(Strict):
    findings: dict[str, FindingInfo]
    derived: list[DerivedFinding] = []
    number_maps: list[NumberMap] = []
    implies: list[Implication] = []


# --- conditions ---------------------------------------------------------------


class Prior(Strict):
    first: Probability
    second: Probability
    third: Probability
    src: str

    def values(self) -> tuple[float, float, float]:
        return (self.first, self.second, self.third)


class PriorBand(Strict):
    """The prior over some weeks of pregnancy: ``weeks`` is [from, before)."""

    weeks: tuple[float, float]
    prior: Probability

    @model_validator(mode="after")
    def _ordered(self) -> PriorBand:
        if self.weeks[0] >= self.weeks[1]:
            raise ValueError("a band's weeks must be [from, before] with from < before")
        return self


class PriorByWeeks(Strict):
    """A condition's prior by weeks, where a source gives its gestational distribution
    more finely than by trimester (AFLP's late-third-trimester peak): at weeks inside
    a band the band's prior replaces the trimester's (docs/model.md, "Differential")."""

    bands: list[PriorBand] = Field(min_length=1)
    src: str

    @model_validator(mode="after")
    def _disjoint(self) -> PriorByWeeks:
        spans = sorted(b.weeks for b in self.bands)
        for (_, end), (start, _) in pairwise(spans):
            if start < end:
                raise ValueError("prior_by_weeks bands must not overlap")
        return self


class ConditionInfo(Strict):
    name: str
    lay_name: str
    prior: Prior
    prior_by_weeks: PriorByWeeks | None = None
    weeks: tuple[float, float] | None = None
    weeks_src: str | None = None

    @model_validator(mode="after")
    def _weeks_cited(self) -> ConditionInfo:
        if self.weeks is not None:
            if self.weeks_src is None:
                raise ValueError("a gestational-age limit needs weeks_src")
            if self.weeks[0] >= self.weeks[1]:
                raise ValueError("weeks must be [from, before] with from < before")
        return self


class Coexistence(Strict):
    """A common condition that a rarer one often comes with (docs/model.md,
    "Co-existing ordinary back pain"): ``condition`` is present beside any of
    ``conditions`` with probability ``prevalence``, and its findings are then
    reported too, so each of its findings is a noisy-OR of the two causes."""

    condition: str
    prevalence: Cited
    conditions: list[str]


class ConditionsFile(Strict):
    conditions: dict[str, ConditionInfo]
    coexisting: Coexistence | None = None


class ConditionForm(Strict):
    """One form of a condition that presents in distinct ways (docs/model.md, "A
    condition in two forms"): a clot is a DVT alone or a pulmonary embolism, and the
    signs of one are not diluted by the other. ``share``: how often the condition
    presents in this form (the shares of a condition's forms add up to 1);
    ``likelihoods``: the form's own rates, beside the condition's table (a finding is
    either the condition's, the same in every form, or each form's)."""

    id: str
    share: Cited
    likelihoods: dict[str, Cited]


class LikelihoodsFile(Strict):
    likelihoods: dict[str, dict[str, Cited]]
    forms: dict[str, list[ConditionForm]] = {}


# --- triage -------------------------------------------------------------------

Expr = str | dict[str, Any] | list[Any]


class Rule(Strict):
    id: str
    level: str
    when: Expr
    says: str
    src: str
    # A floor rule may name the conditions its sign makes the clinician suspect
    # (the policy's own words: "possible ectopic", "suspected PE or DVT"): the
    # working diagnosis, listed first when the rule raises her level above what
    # the leading condition would get (engine/working.py).
    suspects: list[str] = []
    # ... and may name them first even beside a leader that warrants the rule's level
    # (engine/working.py): for a condition whose work-up the leader's does not include
    # and whose delay is the recognised failure; cited.
    before_same_level: bool = False
    before_same_level_src: str | None = None

    @model_validator(mode="after")
    def _before_same_level_cited(self) -> Rule:
        if self.before_same_level != (self.before_same_level_src is not None):
            raise ValueError("before_same_level and before_same_level_src go together")
        if self.before_same_level and not self.suspects:
            raise ValueError("before_same_level needs the conditions the rule suspects")
        return self


class ConditionTriage(Strict):
    level: str
    src: str
    adjust: list[Rule] = []
    # A condition that guidelines treat on suspicion may count from a lower
    # posterior than its level's threshold (never a higher one).
    threshold: Annotated[float, Field(gt=0.0, le=1.0)] | None = None
    threshold_src: str | None = None
    # The signs that make the condition suspected: while none of them holds, a
    # condition that is not the leader asks for no level of its own (a posterior
    # reached with all of them unknown is not a suspicion); the leader keeps its
    # level. Findings present only ({any}/{all} of them), so a "yes" never lowers.
    requires: Expr | None = None
    requires_src: str | None = None

    @model_validator(mode="after")
    def _threshold_cited(self) -> ConditionTriage:
        if (self.threshold is None) != (self.threshold_src is None):
            raise ValueError("threshold and threshold_src go together")
        if (self.requires is None) != (self.requires_src is None):
            raise ValueError("requires and requires_src go together")
        return self


class TriageFile(Strict):
    thresholds: dict[str, Annotated[float, Field(ge=0.0, le=1.0)]]
    thresholds_src: str
    # Levels whose threshold also applies to the summed posterior of the
    # conditions that warrant at least that level (see triage.yaml).
    cumulative_levels: list[str] = []
    cumulative_src: str | None = None
    cumulative_says: str = "Together, these possible causes need this level of care: {conditions}."
    # Why a suspected condition leads the ranking (engine/working.py); {reason} is
    # the floor rule's own words.
    working_says: str = "Listed first because it has to be ruled out first: {reason}"
    # The likelihood ratio for the leading condition against a named one, over the
    # rest of her findings, from which the rest counts as strong evidence that the
    # leader accounts for the sign (engine/working.py); None: never.
    working_strong_evidence: Annotated[float, Field(gt=1.0)] | None = None
    working_strong_evidence_src: str | None = None
    red_flags: list[str] = []
    red_flags_src: str | None = None
    definitions: dict[str, Expr] = {}
    floors: list[Rule]
    conditions: dict[str, ConditionTriage]

    @field_validator("floors")
    @classmethod
    def _unique_ids(cls, floors: list[Rule]) -> list[Rule]:
        seen: set[str] = set()
        for r in floors:
            if r.id in seen:
                raise ValueError(f"duplicate floor rule id {r.id}")
            seen.add(r.id)
        return floors
