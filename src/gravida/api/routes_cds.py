"""CDS Hooks 2.0 and FHIR SDC routes: HTTP in and out, the logic in gravida.service.

``GET /cds-services`` (discovery), ``POST /cds-services/{id}`` (a hook call)
and ``POST /fhir/Questionnaire/$next-question`` (the adaptive interview).
A router of its own, registered by one line in the app. Errors are
problem+json like the rest of the API; a hook call without the prefetch it
needs is 412, as CDS Hooks 2.0 specifies.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from gravida.api.problems import ApiProblem, FieldError
from gravida.api.routes import JsonResponse, ServiceDep, json_body
from gravida.service.cds import HOOKS, MissingPrefetch, call, discovery
from gravida.service.cds_models import Discovery, HookRequest, HookResponse
from gravida.service.sdc import next_question_of

FHIR_JSON = "application/fhir+json"
router = APIRouter()

ServiceId = Annotated[str, Path(max_length=100, description="A service id from discovery",
                                examples=list(HOOKS))]


class FhirJson(Response):
    media_type = FHIR_JSON

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()


@router.get("/cds-services", operation_id="cds_discovery", tags=["cds-hooks"],
            summary="CDS Hooks discovery: Gravida's services and their prefetch templates",
            response_model=Discovery, response_model_exclude_none=True)
async def cds_discovery(service: ServiceDep) -> Discovery:
    return discovery(service.engine)


@router.post(
    "/cds-services/{service_id}", operation_id="cds_call", tags=["cds-hooks"],
    summary="Call a CDS Hooks service (order-select, order-sign, patient-view)",
    description="A CDS Hooks 2.0 request in, cards out. Gravida reads only the request's "
    "context and prefetch; without the prefetch a service needs it answers 412, unless "
    "the deployment allows fetching from the request's fhirServer "
    "(GRAVIDA_CDS_FETCH_FROM_FHIR_SERVER). Nothing is stored.",
    response_model=HookResponse, response_model_exclude_none=True,
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
        "schema": HookRequest.model_json_schema(ref_template="#/components/schemas/{model}")}}}},
    responses={400: {"description": "The request is not a valid CDS Hooks request"},
               404: {"description": "No such service"},
               412: {"description": "Prefetch missing and fetching is not allowed"}},
)
async def cds_call(request: Request, service: ServiceDep, service_id: ServiceId) -> Response:
    if service_id not in HOOKS:
        raise ApiProblem(404, "unknown-service", "No such CDS service",
                         "GET /cds-services lists the services.",
                         [FieldError("id", "unknown service", tuple(HOOKS))])
    raw = await json_body(request)
    try:
        body = HookRequest.model_validate(raw)
    except ValidationError as exc:
        errors = [FieldError(".".join(str(x) for x in e["loc"]) or "body", str(e["msg"]))
                  for e in exc.errors()[:20]]
        raise ApiProblem(400, "invalid-request", "The request is not valid",
                         "; ".join(f"{e.field}: {e.message}" for e in errors), errors) from None
    web = str(request.base_url)
    try:
        cards = await run_in_threadpool(call, service.engine, service.settings, service_id,
                                        body, web)
    except MissingPrefetch as exc:
        raise ApiProblem(412, exc.kind, exc.title, exc.detail, exc.errors) from None
    return JsonResponse(cards.model_dump(exclude_none=True))


@router.post(
    "/fhir/Questionnaire/$next-question", operation_id="sdc_next_question", tags=["fhir"],
    summary="FHIR SDC adaptive questionnaire: the next question, or the result",
    description="Post a QuestionnaireResponse (R4B; or Parameters with questionnaire-response) "
    "whose contained Questionnaire holds the questions asked so far. Returns it with the next "
    "question appended, or completed with a contained RiskAssessment (causes, probabilities, "
    "triage) when the interview stops: the same interview engine and stop rule as the web. "
    "Stateless: nothing is stored.",
    response_class=FhirJson,
    openapi_extra={"requestBody": {"required": True, "content": {
        FHIR_JSON: {"schema": {"type": "object", "description": "QuestionnaireResponse"}},
        "application/json": {"schema": {"type": "object"}}}}},
    responses={200: {"description": "The QuestionnaireResponse, next step applied",
                     "content": {FHIR_JSON: {"schema": {"type": "object"}}}},
               422: {"description": "Not a valid QuestionnaireResponse for this interview"}},
)
async def sdc_next_question(request: Request, service: ServiceDep) -> Response:
    raw = await json_body(request)
    out = await run_in_threadpool(next_question_of, service.engine, raw)
    return FhirJson(out, headers={"Cache-Control": "no-store"})
