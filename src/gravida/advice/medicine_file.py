"""medicines.yaml's shape: what each entry, class and wording must hold (pydantic).

The checks across entries (sources, classes never milder than their members)
and the resolution into the book the checker reads are in ``medicine_book.py``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field, field_validator

from gravida.knowledge.schema import Strict

FILE = "medicines.yaml"

Verdict = Literal["generally_safe", "caution", "avoid", "contraindicated"]
Answer = Literal["generally_safe", "caution", "avoid", "contraindicated", "unknown"]

# The order of the verdict scale itself (not clinical data): higher needs more care.
SEVERITY: dict[str, int] = {"generally_safe": 0, "caution": 1, "avoid": 2, "contraindicated": 3}


class Stage(Strict):
    weeks: tuple[float, float]
    verdict: Verdict
    reason: str = Field(min_length=1)
    sources: list[str]


class Dose(Strict):
    text: str = Field(min_length=1)
    max_per_dose: str | None = None
    max_per_24h: str | None = None
    min_hours_between_doses: float | None = None
    sources: list[str]


class Note(Strict):
    text: str = Field(min_length=1)
    sources: list[str]


class Medicine(Strict):
    model_config = ConfigDict(populate_by_name=True)

    inn: str = Field(min_length=1)
    name: str = Field(min_length=1)
    kind: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    prescription_only: bool = False
    # "class" in the file: the group whose verdict this medicine shares.
    group: str | None = Field(default=None, alias="class")
    # pack ids of the ingredients of a combination product
    ingredients: list[str] = Field(default_factory=list)
    # empty only when the class or the ingredients supply them
    stages: list[Stage] = Field(default_factory=list)
    dose: Dose | None = None
    note: Note | None = None

    @field_validator("aliases", mode="before")
    @classmethod
    def _aliases_are_text(cls, v: Any) -> Any:
        # YAML reads a bare number or yes/no as non-text; an alias is always text.
        if isinstance(v, list):
            return [str(a) for a in v]
        return v


class MedicineClass(Medicine):
    """A group (NSAIDs, opioids...): an entry of its own plus the INN stems of its members."""

    suffixes: list[str] = Field(default_factory=list)
    suffix_sources: list[str] = Field(default_factory=list)


class Match(Strict):
    score_cutoff: float = Field(ge=50, le=100)
    exact_only_below: int = Field(ge=1, le=20)
    max_query_chars: int = Field(ge=10, le=10_000)
    max_query_words: int = Field(ge=1, le=50)
    exact_word_below: int = Field(ge=1, le=10)
    # a word must have at least this many letters before an INN stem for the stem to count
    suffix_min_stem: int = Field(ge=1, le=10)


class Words(Strict):
    verdicts: dict[Answer, str]
    unknown: str
    empty: str
    too_long: str
    unreadable: str
    stage_unknown: str
    stage_same: str
    at_weeks: str
    several: str
    fuzzy: str
    by_class: str
    combination: str
    list_and: str
    ingredients: str
    prescription_only: str
    range_any: str
    range_before: str
    range_from: str
    range_between: str


class MedicinesFile(Strict):
    match: Match
    words: Words
    templates: dict[str, Any] = Field(default_factory=dict)  # YAML anchors only
    classes: dict[str, MedicineClass] = Field(default_factory=dict)
    medicines: dict[str, Medicine] = Field(min_length=1)
