"""The clinician hand-off as a FHIR R4B Bundle.

A midwife's or doctor's system does not read Gravida's JSON; it reads FHIR.
The bundle carries what she said (a QuestionnaireResponse), the numbers as
coded Observations (LOINC, UCUM), and the result as a RiskAssessment: every
condition with its probability, coded in ICD-10 (and SNOMED CT where certain),
the triage level and the rule that set it, performed by a Device that names
the software and knowledge-pack versions, so a reader can tell which
knowledge produced the answer.

R4B, not R5 (docs/fhir.md): R4B's resources are R4's for everything used
here, and most EHRs and national exchanges run R4.

Every resource is built as plain data and then validated by constructing the
fhir.resources R4B models, so a malformed bundle fails here, never in the
receiver. All codes come from the pack's codes.yaml (gravida.knowledge.codes).
"""

from __future__ import annotations

from gravida.report.fhir.bundle import (
    bundle_from_report,
    bundle_json,
    entries,
    fhir_for_interview,
    fhir_for_session,
)
from gravida.report.fhir.context import FhirError

__all__ = [
    "FhirError",
    "bundle_from_report",
    "bundle_json",
    "entries",
    "fhir_for_interview",
    "fhir_for_session",
]
