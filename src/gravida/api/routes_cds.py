"""CDS Hooks 2.0 and FHIR SDC routes: HTTP in and out, the logic in gravida.service.

``GET /cds-services`` (discovery), ``POST /cds-services/{id}`` for each of
Gravida's services (one route per service, so each is documented with its
own example and any other id is a 404), and
``POST /fhir/Questionnaire/$next-question`` (the adaptive interview).
A router of its own, registered by one line in the app. Errors are
problem+json like the rest of the API; a hook call without the prefetch it
needs is 412, as CDS Hooks 2.0 specifies.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from gravida.api import examples_cds as ex
from gravida.api.body import json_body
from gravida.api.problems import ApiProblem
from gravida.api.routes import JsonResponse, LangDep, ServiceDep
from gravida.service.cds import (
    MEDICATION,
    MEDICATION_SIGN,
    TRIAGE,
    MissingPrefetch,
    call,
    discovery,
)
from gravida.service.cds_models import Discovery, HookRequest, HookResponse
from gravida.service.sdc import next_question_of
from gravida.service.validation import field_errors

FHIR_JSON = "application/fhir+json"
router = APIRouter()

BAD: dict[int | str, dict[str, Any]] = {
    400: {"description": "Malformed JSON, or not a CDS Hooks request (the field is named)"},
    413: {"description": "The body is larger than the limit"},
    415: {"description": "The body was not sent as JSON (application/json or a +json type)"},
    422: {"description": "A hook this service does not answer, or a context it cannot use"},
}


class FhirJson(Response):
    media_type = FHIR_JSON

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()


@router.get("/cds-services", operation_id="cds_discovery", tags=["cds-hooks"],
            summary="CDS Hooks discovery: Gravida's services and their prefetch templates",
            responses={200: {"model": Discovery, "description": "The services",
                             "content": {"application/json": {"example": ex.DISCOVERY}}}})
async def cds_discovery(service: ServiceDep) -> Response:
    return JsonResponse(discovery(service.engine).model_dump(exclude_none=True))


def _hook_route(service_id: str, op: str, summary: str, request_example: dict[str, Any],
                response_example: dict[str, Any]) -> None:
    async def endpoint(request: Request, service: ServiceDep, lang: LangDep) -> Response:
        raw = await json_body(request)
        try:
            body = HookRequest.model_validate(raw)
        except ValidationError as exc:
            errors = field_errors(exc.errors())  # in the caller's language
            raise ApiProblem(400, "invalid-request", "The request is not valid",
                             "; ".join(f"{e.field}: {e.message}" for e in errors),
                             errors) from None
        try:
            # the cards in the clinician's language (Accept-Language)
            cards = await run_in_threadpool(call, service.engine_for(lang), service.settings,
                                            service_id, body, str(request.base_url))
        except MissingPrefetch as exc:
            raise ApiProblem(412, exc.kind, exc.title, exc.detail, exc.errors) from None
        return JsonResponse(cards.model_dump(exclude_none=True))

    handler: Callable[..., Awaitable[Response]] = endpoint
    router.post(
        f"/cds-services/{service_id}", operation_id=op, tags=["cds-hooks"], summary=summary,
        description="A CDS Hooks 2.0 request in, cards out (docs/integration.md). Gravida "
        "reads only the request's context and prefetch; without the prefetch the service "
        "needs it answers 412, unless the deployment allows fetching from the request's "
        "fhirServer (GRAVIDA_CDS_FETCH_FROM_FHIR_SERVER). Nothing is stored.",
        openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
            "schema": {"type": "object", "description": "A CDS Hooks 2.0 request",
                       "required": ["hook", "hookInstance", "context"]},
            "examples": {"example": {"summary": "As in the CDS Hooks examples",
                                     "value": request_example}}}}}},
        responses={200: {"model": HookResponse, "description": "The cards (none: nothing to say)",
                         "content": {"application/json": {"example": response_example}}},
                   **BAD,
                   412: {"description": "Prefetch missing and fetching is not allowed"}},
    )(handler)


_hook_route(MEDICATION, "cds_medication_pregnancy",
            "Medicines in pregnancy on order-select (one card per medicine not generally safe)",
            ex.MEDICATION_REQUEST, ex.MEDICATION_RESPONSE)
_hook_route(MEDICATION_SIGN, "cds_medication_pregnancy_sign",
            "Medicines in pregnancy on order-sign (every draft order)",
            {**ex.MEDICATION_REQUEST, "hook": "order-sign"}, ex.MEDICATION_RESPONSE)
_hook_route(TRIAGE, "cds_back_pain_triage",
            "Back pain in pregnancy on patient-view (triage, causes, next investigations)",
            ex.TRIAGE_REQUEST, ex.TRIAGE_RESPONSE)

_EMPTY_QR = {"resourceType": "QuestionnaireResponse", "status": "in-progress"}
_STARTED_QR = {"resourceType": "QuestionnaireResponse", "status": "in-progress", "item": [
    {"linkId": "start", "item": [
        {"linkId": "gestational_weeks", "answer": [{"valueDecimal": 26}]},
        {"linkId": "pain_location", "answer": [{"valueCoding": {
            "system": "https://gravida.example/fhir/CodeSystem/finding", "code": "pain_flank"}}]},
    ]}]}


@router.post(
    "/fhir/Questionnaire/$next-question", operation_id="sdc_next_question", tags=["fhir"],
    summary="FHIR SDC adaptive questionnaire: the next question, or the result",
    description="Post a QuestionnaireResponse (R4B; or Parameters with questionnaire-response) "
    "whose contained Questionnaire holds the questions asked so far. Returns it with the next "
    "question appended, or completed with a contained RiskAssessment (causes, probabilities, "
    "triage) when the interview stops: the same interview engine and stop rule as the web. "
    "Stateless: nothing is stored. Accepts application/fhir+json and application/json.",
    response_class=FhirJson,
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
        "schema": {"type": "object", "description": "A FHIR R4B QuestionnaireResponse"},
        "examples": {"first": {"summary": "Start: an empty response", "value": _EMPTY_QR},
                     "started": {"summary": "Weeks and where it hurts given",
                                 "value": _STARTED_QR}}}}}},
    responses={200: {"description": "The QuestionnaireResponse with the next step applied",
                     "content": {FHIR_JSON: {"schema": {"type": "object"},
                                             "example": {**_STARTED_QR, "item": [
                                                 *_STARTED_QR["item"],
                                                 {"linkId": "feeling_ill", "text": "Do you have "
                                                  "any of these? Choose all that apply."}]}}}},
               400: BAD[400], 413: BAD[413], 415: BAD[415],
               422: {"description": "Not a valid QuestionnaireResponse for this interview"}},
)
async def sdc_next_question(request: Request, service: ServiceDep, lang: LangDep) -> Response:
    raw = await json_body(request)
    # the questions in her language (Accept-Language); answers travel as codes
    out = await run_in_threadpool(next_question_of, service.engine_for(lang), raw)
    return FhirJson(out, headers={"Cache-Control": "no-store"})
