"""Standard codes for the hand-off, read from the pack's codes.yaml and checked whole.

A wrong code in a hand-off is worse than none: the receiving system files the
woman under a diagnosis nobody made. So the file is checked at first use, the
way the rest of the pack is: every vocabulary condition must have a WHO
ICD-10 code, every number finding an observation code, every code the shape
of its system, SNOMED CT ids their Verhoeff check digit and LOINC codes their
mod-10 check digit (a transposed digit fails at start-up, not in an EHR), and
every mapping a source that exists. Errors are PackError(file, entry, problem).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from gravida.knowledge.load import Pack, PackError, derived, validate
from gravida.knowledge.schema import Strict

FILE = "codes.yaml"

Match = Literal["equivalent", "wider", "narrower", "inexact"]
Category = Literal["vital-signs", "survey", "exam", "laboratory", "social-history"]

# Display words of the FHIR observation-category codes (terminology.hl7.org);
# part of that standard code system, not clinical content.
CATEGORY_DISPLAY: dict[str, str] = {
    "vital-signs": "Vital Signs",
    "survey": "Survey",
    "exam": "Exam",
    "laboratory": "Laboratory",
    "social-history": "Social History",
}

# Shapes of the codes (not clinical data: the syntax of each system).
WHO_ICD10 = re.compile(r"^[A-Z][0-9]{2}(\.[0-9]{1,2})?$")
ICD10CM = re.compile(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")
SCTID = re.compile(r"^[1-9][0-9]{5,17}$")
LOINC = re.compile(r"^[0-9]{1,7}-[0-9]$")
UCUM = re.compile(r"^\S+$")

Text = Annotated[str, Field(min_length=1)]


# --- check digits ---------------------------------------------------------------

# Verhoeff's dihedral group D5 multiplication table and the position permutation.
_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)


def _permutations() -> tuple[tuple[int, ...], ...]:
    """The eight position permutations, each the previous one composed with the first.

    Generated rather than typed out: a typo in a hand-written table would
    silently accept wrong ids.
    """
    first = (1, 5, 7, 6, 2, 8, 3, 0, 9, 4)
    rows = [tuple(range(10))]
    for _ in range(7):
        rows.append(tuple(rows[-1][first[j]] for j in range(10)))
    return tuple(rows)


_P = _permutations()


def verhoeff_ok(digits: str) -> bool:
    """Whether a digit string (check digit last) passes Verhoeff's check, as SNOMED CT ids do."""
    if not digits.isdigit():
        return False
    c = 0
    for i, ch in enumerate(reversed(digits)):
        c = _D[c][_P[i % 8][int(ch)]]
    return c == 0


def loinc_ok(code: str) -> bool:
    """Whether a LOINC code's last digit is its mod-10 (Luhn) check digit."""
    if not LOINC.match(code):
        return False
    total = 0
    for i, ch in enumerate(reversed(code.replace("-", ""))):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def sctid_ok(code: str) -> bool:
    """A SNOMED CT concept id: digits, Verhoeff check digit, concept partition (00 or 10)."""
    return bool(SCTID.match(code)) and verhoeff_ok(code) and code[-3:-1] in ("00", "10")


# --- the file's shape -------------------------------------------------------------


class Code(Strict):
    code: Text
    display: Text
    match: Match
    src: Text
    note: str | None = None

    @model_validator(mode="after")
    def _approximate_says_why(self) -> Code:
        if self.match != "equivalent" and self.match != "wider" and not self.note:
            raise ValueError(
                f"a {self.match} code needs a note saying what to code once it is confirmed"
            )
        return self


class ConditionCodes(Strict):
    icd10: Code
    icd10cm: Code | None = None
    snomed: Code | None = None

    @field_validator("icd10")
    @classmethod
    def _who_shape(cls, c: Code) -> Code:
        if not WHO_ICD10.match(c.code):
            raise ValueError(f"{c.code!r} is not a WHO ICD-10 code (letter, 2 digits, .digit)")
        return c

    @field_validator("icd10cm")
    @classmethod
    def _cm_shape(cls, c: Code | None) -> Code | None:
        if c is not None and not ICD10CM.match(c.code):
            raise ValueError(f"{c.code!r} is not an ICD-10-CM code")
        return c

    @field_validator("snomed")
    @classmethod
    def _sct(cls, c: Code | None) -> Code | None:
        if c is None:
            return c
        if not sctid_ok(c.code):
            raise ValueError(
                f"{c.code!r} is not a SNOMED CT concept id (digits with a Verhoeff check "
                "digit and a concept partition): a digit is probably mistyped"
            )
        if c.match not in ("equivalent", "wider"):
            raise ValueError("a SNOMED CT code is given only when equivalent or wider")
        return c


class System(Strict):
    uri: Text
    version: str | None = None
    src: Text

    @field_validator("uri")
    @classmethod
    def _absolute(cls, uri: str) -> str:
        if not re.match(r"^(https?|urn):\S+$", uri):
            raise ValueError(f"{uri!r} is not an absolute URI")
        return uri


class Systems(Strict):
    icd10: System
    icd10cm: System
    snomed: System
    loinc: System
    ucum: System
    observation_category: System
    data_absent_reason: System


class Local(Strict):
    base: Text
    src: Text

    @field_validator("base")
    @classmethod
    def _base(cls, base: str) -> str:
        if not re.match(r"^https?://[^\s/]+(/[^\s]*)?$", base) or base.endswith("/"):
            raise ValueError(f"{base!r} must be an http(s) URL without a trailing slash")
        return base


class _Loinc(Strict):
    loinc: Text
    display: Text
    category: Category
    src: Text

    @field_validator("loinc")
    @classmethod
    def _check(cls, code: str) -> str:
        if not loinc_ok(code):
            raise ValueError(f"{code!r} is not a LOINC code (wrong shape or check digit)")
        return code


class ObservationCode(_Loinc):
    unit: Text
    unit_display: Text
    panel: str | None = None

    @field_validator("unit")
    @classmethod
    def _ucum(cls, unit: str) -> str:
        if not UCUM.match(unit):
            raise ValueError(f"{unit!r} is not a UCUM code (no spaces)")
        return unit


class PanelCode(_Loinc):
    label: Text  # plain words for people ("Blood pressure"), where display is LOINC's name


class CodesFile(Strict):
    systems: Systems
    local: Local
    triage_levels: dict[str, Text]
    conditions: dict[str, ConditionCodes]
    observations: dict[str, ObservationCode]
    panels: dict[str, PanelCode] = Field(default_factory=dict)


# --- the loaded form ----------------------------------------------------------------


@dataclass(frozen=True)
class Codes:
    """codes.yaml, checked against its pack; builds the FHIR Codings the hand-off uses."""

    systems: Systems
    base: str
    triage_levels: dict[str, str]  # level id -> short display
    conditions: dict[str, ConditionCodes]
    observations: dict[str, ObservationCode]
    panels: dict[str, PanelCode]

    # Gravida's own code systems and extensions, all under the local base.
    @property
    def triage_system(self) -> str:
        return f"{self.base}/CodeSystem/triage-level"

    @property
    def condition_system(self) -> str:
        return f"{self.base}/CodeSystem/condition"

    @property
    def version_type_system(self) -> str:
        return f"{self.base}/CodeSystem/device-version-type"

    @property
    def triage_extension(self) -> str:
        return f"{self.base}/StructureDefinition/triage"

    @property
    def questionnaire(self) -> str:
        return f"{self.base}/Questionnaire/interview"

    def condition_codings(self, cid: str, name: str) -> list[dict[str, Any]]:
        """ICD-10 first (the required code), then ICD-10-CM and SNOMED CT, then Gravida's id."""
        cc = self.conditions[cid]
        s = self.systems
        out = [_coding(s.icd10.uri, cc.icd10, s.icd10.version)]
        if cc.icd10cm is not None:
            out.append(_coding(s.icd10cm.uri, cc.icd10cm, s.icd10cm.version))
        if cc.snomed is not None:
            out.append(_coding(s.snomed.uri, cc.snomed, s.snomed.version))
        out.append({"system": self.condition_system, "code": cid, "display": name})
        return out

    def loinc(self, code: str, display: str) -> dict[str, Any]:
        return {"system": self.systems.loinc.uri, "code": code, "display": display}

    def category(self, code: str) -> dict[str, Any]:
        return {
            "coding": [
                {
                    "system": self.systems.observation_category.uri,
                    "code": code,
                    "display": CATEGORY_DISPLAY[code],
                }
            ]
        }

    def quantity(self, finding: str, value: float) -> dict[str, Any]:
        o = self.observations[finding]
        return {
            "value": plain_number(value),
            "unit": o.unit_display,
            "system": self.systems.ucum.uri,
            "code": o.unit,
        }


def _coding(system: str, c: Code, version: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {"system": system, "code": c.code, "display": c.display}
    if version is not None:
        out["version"] = version
    return out


def plain_number(v: float) -> int | float:
    """12.0 -> 12: integers stay integers in JSON (a pain score of 4, not 4.0)."""
    return int(v) if float(v).is_integer() else float(v)


def _check_src(pack: Pack, src: str, entry: str) -> None:
    if src not in pack.sources:
        raise PackError(FILE, entry, f"unknown source {src!r}")


def _check_all(pack: Pack, data: CodesFile) -> None:
    for name in Systems.model_fields:
        system: System = getattr(data.systems, name)
        _check_src(pack, system.src, f"systems.{name}")
    _check_src(pack, data.local.src, "local")

    levels = [t.id for t in pack.vocabulary.triage_levels]
    for lid in data.triage_levels:
        if lid not in levels:
            raise PackError(FILE, f"triage_levels.{lid}", "not a vocabulary triage level")
    for lid in levels:
        if lid not in data.triage_levels:
            raise PackError(FILE, f"triage_levels.{lid}", "vocabulary triage level has no display")

    vcond = [c.id for c in pack.vocabulary.conditions]
    for cid, cc in data.conditions.items():
        if cid not in vcond:
            raise PackError(FILE, f"conditions.{cid}", "not a vocabulary condition")
        for key in ("icd10", "icd10cm", "snomed"):
            code: Code | None = getattr(cc, key)
            if code is not None:
                _check_src(pack, code.src, f"conditions.{cid}.{key}")
    for cid in vcond:
        if cid not in data.conditions:
            raise PackError(FILE, f"conditions.{cid}", "vocabulary condition has no ICD-10 code")

    numbers = [f.id for f in pack.vocabulary.findings if f.kind == "number"]
    for fid, oc in data.observations.items():
        where = f"observations.{fid}"
        if fid not in numbers:
            raise PackError(FILE, where, "not a vocabulary number finding")
        _check_src(pack, oc.src, where)
        if oc.panel is not None and oc.panel not in data.panels:
            raise PackError(FILE, where, f"unknown panel {oc.panel!r}")
    for fid in numbers:
        if fid not in data.observations:
            raise PackError(FILE, f"observations.{fid}", "number finding has no observation code")
    for pid, pc in data.panels.items():
        _check_src(pack, pc.src, f"panels.{pid}")
        if not any(oc.panel == pid for oc in data.observations.values()):
            raise PackError(FILE, f"panels.{pid}", "no observation belongs to this panel")
    loincs = [oc.loinc for oc in data.observations.values()] + [
        pc.loinc for pc in data.panels.values()
    ]
    dupes = sorted({c for c in loincs if loincs.count(c) > 1})
    if dupes:
        raise PackError(FILE, "observations", f"LOINC code used twice: {', '.join(dupes)}")


@derived
def load_codes(pack: Pack) -> Codes:
    """The checked codes of ``pack``, built once per loaded Pack."""
    data = validate(CodesFile, pack.read(FILE), FILE)
    _check_all(pack, data)
    codes = Codes(
        systems=data.systems,
        base=data.local.base,
        triage_levels=dict(data.triage_levels),
        conditions=dict(data.conditions),
        observations=dict(data.observations),
        panels=dict(data.panels),
    )
    return codes


def missing_icd10(pack: Pack, codes: Codes | None = None) -> Sequence[str]:
    """Vocabulary conditions without an ICD-10 code (empty for a pack that loads)."""
    c = codes or load_codes(pack)
    return [v.id for v in pack.vocabulary.conditions if v.id not in c.conditions]
