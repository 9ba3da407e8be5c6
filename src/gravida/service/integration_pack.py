"""integration.yaml: the words and codes of the CDS Hooks and FHIR SDC services, checked.

A wrong code here would file a record's Observation under the wrong finding
or read an order as the wrong medicine, so the file is checked whole on first
use, like codes.yaml: SNOMED CT ids by check digit and partition, LOINC codes
by theirs, every id against the vocabulary and medicines.yaml, every source
against the pack, every template's placeholders.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from gravida.advice.medicines import load_medicines
from gravida.knowledge.codes import loinc_ok, sctid_ok
from gravida.knowledge.load import Pack, PackError, derived, validate
from gravida.knowledge.schema import Strict

FILE = "integration.yaml"
SystemName = Literal["snomed", "loinc", "atc", "rxnorm"]
_LA = re.compile(r"^LA[0-9]{1,8}-[0-9]$")  # LOINC answer codes
_ATC = re.compile(r"^[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?$")


class CodeRef(Strict):
    system: SystemName
    code: str = Field(min_length=1)
    display: str | None = None


class GestationCodes(Strict):
    age_codes: list[str] = Field(min_length=1)
    due_date_code: str
    term_weeks: float  # within the vocabulary's weeks range (checked on load)
    status_code: str
    pregnant: list[CodeRef]
    not_pregnant: list[CodeRef]
    src: str
    term_src: str


class MedicineCodes(Strict):
    atc: dict[str, list[str]]
    rxnorm: dict[str, list[str]]
    atc_classes: dict[str, list[str]]
    src: str
    rxnorm_src: str


class SuggestedOrder(Strict):
    medicine: str
    label: str
    coding: CodeRef
    order_text: str
    src: str


class MedicationWords(Strict):
    summary: str
    summary_no_weeks: str
    detail: str
    stage: str
    stage_unknown: str
    how_age: str
    how_due: str
    ingredients: str
    references: str
    remove: str
    add: str


class TriageWords(Strict):
    summary: str
    detail_level: str
    detail_rule: str
    detail_leading: str
    detail_workup: str
    detail_found: str
    detail_disclaimer: str
    link_missing: str
    no_weeks_summary: str
    no_weeks_detail: str


class IntegrationWords(Strict):
    software: str
    source_label: str
    medication: MedicationWords
    triage: TriageWords
    prefetch_missing: str


class AnswerCode(Strict):
    code: str
    display: str


class QuestionnaireWords(Strict):
    title: str
    start_text: str
    answers: dict[Literal["yes", "no", "dont_know"], AnswerCode]
    none_of_these: str
    dont_know: str
    result_text: str
    answers_src: str


class IntegrationFile(Strict):
    systems: dict[SystemName, str]
    gestation: GestationCodes
    findings: dict[str, list[CodeRef]]
    findings_src: str
    recent_hours: float = Field(gt=0, le=24 * 365)
    lasting: list[str]
    recent_src: str
    triage_indicators: dict[str, Literal["info", "warning", "critical"]]
    positive: list[CodeRef]
    negative: list[CodeRef]
    medicine_codes: MedicineCodes
    suggestions: dict[str, SuggestedOrder]
    indicators: dict[Literal["contraindicated", "avoid", "caution"],
                     Literal["info", "warning", "critical"]]
    words: IntegrationWords
    questionnaire: QuestionnaireWords


@dataclass(frozen=True)
class Integration:
    """integration.yaml, checked, with the reverse indexes the services look codes up in."""

    data: IntegrationFile
    finding_by_code: dict[tuple[str, str], str]  # (system uri, code) -> finding
    medicine_by_code: dict[tuple[str, str], str]  # (system uri, code) -> medicine id

    def uri(self, system: SystemName) -> str:
        return self.data.systems[system]

    def key(self, ref: CodeRef) -> tuple[str, str]:
        return self.uri(ref.system), ref.code


def _check_code(ref: CodeRef, where: str) -> None:
    ok = {
        "snomed": sctid_ok,
        "loinc": lambda c: loinc_ok(c) or bool(_LA.match(c)),
        "atc": lambda c: bool(_ATC.match(c)),
        "rxnorm": str.isdigit,
    }[ref.system](ref.code)
    if not ok:
        raise PackError(FILE, where, f"{ref.code!r} is not a valid {ref.system} code")


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# Every template and the placeholders it may use (the code fills exactly these).
_TEMPLATES: dict[str, set[str]] = {
    "source_label": {"pack"},
    "medication.summary": {"name", "verdict", "weeks"},
    "medication.summary_no_weeks": {"name", "verdict"},
    "medication.detail": {"reason"},
    "medication.stage": {"weeks", "how"},
    "medication.ingredients": {"ingredients"},
    "medication.references": {"sources"},
    "medication.remove": {"name"},
    "medication.add": {"medicine"},
    "triage.summary": {"level", "leading"},
    "triage.detail_level": {"level", "meaning"},
    "triage.detail_rule": {"kind", "id", "says"},
    "triage.detail_leading": {"leading"},
    "triage.detail_workup": {"workup"},
    "triage.detail_found": {"findings"},
    "prefetch_missing": {"keys"},
}


def _check(pack: Pack, data: IntegrationFile) -> None:
    def src(s: str, where: str) -> None:
        if s not in pack.sources:
            raise PackError(FILE, where, f"unknown source {s!r}")

    g = data.gestation
    for c in [*g.age_codes, g.due_date_code, g.status_code]:
        _check_code(CodeRef(system="loinc", code=c), "gestation")
    for ref in [*g.pregnant, *g.not_pregnant, *data.positive, *data.negative]:
        _check_code(ref, "gestation/values")
    src(g.src, "gestation.src")
    src(g.term_src, "gestation.term_src")
    lo, hi = pack.weeks_range
    if not lo < g.term_weeks <= hi:
        raise PackError(FILE, "gestation.term_weeks",
                        f"must be above {lo:g} and at most {hi:g} weeks (the vocabulary's range)")
    booleans = set(pack.booleans)
    for fid, refs in data.findings.items():
        if fid not in booleans:
            raise PackError(FILE, f"findings.{fid}", "not a boolean finding of the vocabulary")
        for ref in refs:
            _check_code(ref, f"findings.{fid}")
    src(data.findings_src, "findings_src")
    src(data.recent_src, "recent_src")
    for fid in data.lasting:
        if fid not in data.findings:
            raise PackError(FILE, "lasting", f"{fid!r} is not one of the findings above")
    if set(data.triage_indicators) != set(pack.levels):
        raise PackError(FILE, "triage_indicators", "needs exactly one indicator per triage level")
    book = load_medicines(pack)
    mc = data.medicine_codes
    for system, table in (("atc", mc.atc), ("rxnorm", mc.rxnorm)):
        for mid, codes in table.items():
            if mid not in book.medicines:
                raise PackError(FILE, f"medicine_codes.{system}.{mid}", "not a medicine id")
            for c in codes:
                _check_code(CodeRef(system=system, code=c), f"medicine_codes.{system}.{mid}")
    for cid, prefixes in mc.atc_classes.items():
        if cid not in book.classes:
            raise PackError(FILE, f"medicine_codes.atc_classes.{cid}", "not a medicines class")
        for p in prefixes:
            _check_code(CodeRef(system="atc", code=p), f"medicine_codes.atc_classes.{cid}")
    src(mc.src, "medicine_codes.src")
    src(mc.rxnorm_src, "medicine_codes.rxnorm_src")
    for cid, s in data.suggestions.items():
        if cid not in book.classes:
            raise PackError(FILE, f"suggestions.{cid}", "not a medicines class")
        if s.medicine not in book.medicines:
            raise PackError(FILE, f"suggestions.{cid}.medicine", "not a medicine id")
        _check_code(s.coding, f"suggestions.{cid}.coding")
        src(s.src, f"suggestions.{cid}.src")
    for a in data.questionnaire.answers.values():
        _check_code(CodeRef(system="loinc", code=a.code), "questionnaire.answers")
    src(data.questionnaire.answers_src, "questionnaire.answers_src")
    words = data.words.model_dump()
    for path, allowed in _TEMPLATES.items():
        text: object = words
        for part in path.split("."):
            text = text[part] if isinstance(text, dict) else None
        used = _placeholders(str(text))
        if not used <= allowed:
            raise PackError(FILE, f"words.{path}",
                            f"unknown placeholder(s) {sorted(used - allowed)}")
    if _placeholders(data.questionnaire.result_text) - {"level", "leading"}:
        raise PackError(FILE, "questionnaire.result_text", "placeholders are {level}, {leading}")


def _load(pack: Pack) -> Integration:
    # in the pack's language: the words a clinician reads (fields.yaml, i18n/<lang>/)
    data = validate(IntegrationFile, pack.read(FILE), FILE)
    _check(pack, data)
    finding_by_code: dict[tuple[str, str], str] = {}
    for fid, refs in data.findings.items():
        for ref in refs:
            key = (data.systems[ref.system], ref.code)
            if finding_by_code.setdefault(key, fid) != fid:
                raise PackError(FILE, f"findings.{fid}", f"{ref.code} also maps to another finding")
    medicine_by_code: dict[tuple[str, str], str] = {}
    for system, table in (("atc", data.medicine_codes.atc), ("rxnorm", data.medicine_codes.rxnorm)):
        for mid, codes in table.items():
            for c in codes:
                key = (data.systems[system], c)  # type: ignore[index]
                if medicine_by_code.setdefault(key, mid) != mid:
                    raise PackError(FILE, f"medicine_codes.{system}.{mid}",
                                    f"{c} also names another medicine")
    return Integration(data, finding_by_code, medicine_by_code)


@derived
def load_integration(pack: Pack) -> Integration:
    """The integration file of a loaded pack, checked once and kept with the pack."""
    return _load(pack)
