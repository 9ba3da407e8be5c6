"""The hand-off routes: an interview as a FHIR R4B Bundle, and as the printable summary.

A router of its own so that it plugs into the app with one line
(``app.include_router(fhir_router)``) without touching the other routes.
The interview is resumed by the service exactly as for the other interview
routes (``Service.session``), so a missing or stale interview gives the
same 404 / 409 problems.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from gravida.api.routes import NO_STORE, UNKNOWN, InterviewId, ServiceDep, _check_id
from gravida.interview import Session
from gravida.service import Service

FHIR_JSON = "application/fhir+json"

STALE: dict[int | str, dict[str, Any]] = {
    409: {"description": "The knowledge pack changed and the interview cannot be resumed"},
}

# The page has one inline stylesheet and nothing else: no scripts, images or frames.
SUMMARY_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'none'"
)

router = APIRouter()


class FhirResponse(Response):
    media_type = FHIR_JSON

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()


def _session(service: Service, interview_id: str) -> Session:
    return service.session(_check_id(interview_id))


@router.get(
    "/v1/interviews/{interview_id}/fhir",
    operation_id="get_interview_fhir",
    summary="An interview as a FHIR R4B Bundle",
    description="The clinician hand-off as FHIR R4B (which R4 systems read): a "
    "QuestionnaireResponse of the questions and answers, Observations of the numbers "
    "(LOINC, UCUM), and a RiskAssessment of every condition with its probability "
    "(percent), coded in ICD-10 (and SNOMED CT where certain), with the triage level and "
    "the rule that set it; performer a Device naming the software and knowledge-pack "
    "versions. While the interview goes on the assessment is `preliminary`.",
    tags=["interviews"],
    response_class=FhirResponse,
    responses={200: {"description": "A Bundle of type collection",
                     "content": {FHIR_JSON: {
                         "schema": {"type": "object",
                                    "description": "A FHIR R4B Bundle (resourceType Bundle)"},
                         "example": {
                         "resourceType": "Bundle", "type": "collection",
                         "entry": [{"fullUrl": "urn:uuid:…",
                                    "resource": {"resourceType": "RiskAssessment"}}]}}}},
               **UNKNOWN, **STALE},
)
def get_interview_fhir(service: ServiceDep, interview_id: InterviewId) -> Response:
    from gravida.report.fhir import fhir_for_session

    bundle = fhir_for_session(_session(service, interview_id))
    return FhirResponse(bundle, headers=NO_STORE)


@router.get(
    "/v1/interviews/{interview_id}/summary",
    operation_id="get_interview_summary",
    summary="An interview as a printable one-page clinician summary",
    description="HTML with a print stylesheet: triage and the rule behind it, pertinent "
    "positives and negatives, numbers, the differential with probabilities and codes.",
    tags=["interviews"],
    response_class=HTMLResponse,
    responses={200: {"description": "The summary page",
                     "content": {"text/html": {"schema": {"type": "string"},
                                               "example": "<!DOCTYPE html>…"}}},
               **UNKNOWN, **STALE},
)
def get_interview_summary(service: ServiceDep, interview_id: InterviewId) -> Response:
    from gravida.report.summary import render_summary

    session = _session(service, interview_id)
    html = render_summary(service.report(session.case), session)
    return HTMLResponse(html, headers={**NO_STORE, "Content-Security-Policy": SUMMARY_CSP})
