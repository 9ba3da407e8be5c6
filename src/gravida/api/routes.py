"""HTTP routes: translate requests to service calls and results to responses, nothing more.

Bodies are read as raw JSON by ``json_body`` (not by FastAPI's model
binding) so that every input error is reported by the service in the same
problem format, with the core's own field names and suggestions.
Only what is cheap and bounded runs on the event loop (an assessment, core or
full, a medicine check, and an interview's answer where the database is a local
SQLite file: ``api/fast.py``); free text runs in a thread, one at a time per
worker (``off_loop``), and everything else that touches the database in the
thread pool (plain ``def`` routes), so that one slow request never holds up the
worker's others. The full result's cost is bounded by the pack, not by the request
(docs/deploy.md, "Performance"): a few milliseconds at worst, about as long as
a compute thread keeps the interpreter's lock from the loop (its 5 ms switch
interval) each time the loop asks for it.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import Annotated, Any, Literal

import anyio
import orjson
from fastapi import APIRouter, Depends, Header, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from gravida.api import examples, schemas
from gravida.api.body import json_body
from gravida.knowledge import i18n
from gravida.knowledge.wire import WIRE_OPTIONS
from gravida.service import Service
from gravida.service.requests import invalid, not_found
from gravida.service.results import InterviewView
from gravida.store.models import ID_LENGTH


class JsonResponse(Response):
    """JSON rendered once, by orjson: compact UTF-8, numpy numbers as numbers.

    A full result is tens of kilobytes; the standard library's encoder spent
    about a third of a millisecond on it, orjson a tenth of that.
    """

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=JSON_OPTIONS)


# the options the pre-serialised parts of a result were written with (knowledge/wire.py):
# one definition, so a response and the fragments inside it are encoded alike
JSON_OPTIONS = WIRE_OPTIONS


async def get_service(request: Request) -> Service:
    # async, so FastAPI does not hand this trivial lookup to its thread pool
    service: Service = request.app.state.service
    return service


async def request_lang(
    request: Request,
    accept_language: Annotated[
        str | None,
        Header(description="The language of the texts in the reply (en, ru); a `lang` "
               "field in the body wins. Unknown languages fall back to the server's default."),
    ] = None,
) -> str | None:
    """The language the client asked for in Accept-Language, if the pack speaks it.

    Kept on the request so that an error raised later speaks it too; a `lang` field
    in the body still wins for the reply itself.
    """
    service: Service = request.app.state.service
    lang = i18n.negotiate(accept_language, service.pack.languages)
    if lang is not None:
        request.state.lang = lang
    return lang


ServiceDep = Annotated[Service, Depends(get_service)]
LangDep = Annotated[str | None, Depends(request_lang)]
JsonBody = Annotated[Any, Depends(json_body)]
InterviewId = Annotated[
    str, Path(description="The interview's id, as returned when it was started.")
]

Responses = dict[int | str, dict[str, Any]]

BAD_BODY: Responses = {
    400: {"description": "Malformed JSON, or an empty body"},
    413: {"description": "The body is larger than the limit"},
    415: {"description": "The body was not sent as JSON (Content-Type: application/json)"},
    422: {"description": "The body is valid JSON but not a valid request: each field and "
                         "problem is named, with the nearest valid ids for unknown ids"},
}
UNKNOWN: Responses = {404: {"description": "No interview with this id"}}
CONFLICT: Responses = {
    409: {"description": "The interview changed since that version was read (another answer "
                         "arrived first), or it is finished"},
}
LIMITED: Responses = {
    429: {"description": "This client sent too many of these requests: wait for the "
                         "Retry-After header's seconds"},
}
DB_DOWN: Responses = {
    503: {"description": "The database is unreachable: retry after the Retry-After header's "
                         "seconds"},
}
STALE: Responses = {
    409: {"description": "The interview was stored under a knowledge pack that no longer "
                         "accepts its answers; start a new one"},
}
NO_STORE = {"Cache-Control": "no-store"}


def _responses(
    model: type[BaseModel], description: str, *problems: Responses, status: int = 200
) -> Responses:
    """A route's documented responses: its success body, then the problems it can answer with."""
    out: Responses = {status: {"model": model, "description": description}}
    for p in problems:
        out.update(p)
    return out


router = APIRouter()

# CPU-bound work whose cost grows with the request (reading free text) runs off the
# event loop so that a slow request never holds up the worker's other requests, but one
# at a time per worker: several compute threads only fight over the GIL (with the event loop too),
# which multiplied latency under load. Requests beyond one queue here, not on the loop.
_CPU: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.CapacityLimiter] = (
    weakref.WeakKeyDictionary())


async def off_loop(fn: Any, *args: Any) -> Any:
    loop = asyncio.get_running_loop()
    limiter = _CPU.get(loop)
    if limiter is None:  # one per event loop: a limiter belongs to the loop it waits on
        limiter = _CPU[loop] = anyio.CapacityLimiter(1)
    return await anyio.to_thread.run_sync(fn, *args, limiter=limiter)


def _interview_response(view: InterviewView, status: int = 200) -> JsonResponse:
    headers = {"ETag": f'"{view.version}"', **NO_STORE}
    if status == 201:
        headers["Location"] = f"/v1/interviews/{view.id}"
    return JsonResponse(view.to_json(), status_code=status, headers=headers)


def _check_id(interview_id: str) -> str:
    if len(interview_id) > ID_LENGTH:  # cannot exist; do not bother the database
        raise not_found(interview_id)
    return interview_id


@router.post(
    "/v1/assess",
    operation_id="assess",
    summary="Assess a case",
    description="A case in, the result out. By default the full result, the same as the "
    "web app and the CLI show: ranked causes with probabilities, the triage level and what "
    "set it, the findings that raised or lowered each leading cause, and the report "
    "sections `why` (those reasons in plain words), `plan` (what to do now, self-care, "
    "medicines, the safety net), `what_to_expect` (for her) and `suggested_workup` (for a "
    "clinician). With `detail=core`, only the engine's part, without the report sections "
    "(faster, for callers that write their own advice).",
    tags=["assessment"],
    responses=_responses(schemas.AssessmentOut, "The result", BAD_BODY),
)
async def assess(
    request: Request,
    service: ServiceDep,
    body: JsonBody,
    lang: LangDep,
    detail: Annotated[
        Literal["full", "core"],
        Query(description="`full` (the default): the result with the report sections "
              "why, plan, what_to_expect and suggested_workup; `core`: the engine's "
              "result only.", openapi_examples=examples.DETAIL),
    ] = "full",
) -> Response:
    # The parameter this one replaced. Parsing the query (pure Python) cost about a sixth
    # of the app's own work on a `detail=core` request, so it is parsed only when its
    # bytes could name `advice`: spelt out, or percent-encoded.
    query = request.scope.get("query_string", b"")
    if (b"advice" in query or b"%" in query) and "advice" in request.query_params:
        raise invalid(
            "advice", "is no longer a parameter: the full result, plan included, is the "
            "default; detail=core gives the engine's result only", ["detail"],
        )
    if lang is not None and isinstance(body, dict) and "lang" not in body:
        body = {**body, "lang": lang}  # Accept-Language, as if the body had said it
    # Both details on the event loop: their cost is bounded by the pack (the engine is
    # linear in it, the work-up's search capped at MAX_HISTORIES histories a test), a
    # few milliseconds at worst, so handing them to a thread (0.1-0.2 ms a request)
    # buys little: a compute thread keeps the interpreter's lock from the loop for up
    # to its 5 ms switch interval at a time.
    return JsonResponse(service.assess(body, detail=detail).to_wire())


@router.post(
    "/v1/parse",
    operation_id="parse_text",
    summary="Read findings from free text",
    description="Her own words in, the case they state out, with the words behind each "
    "finding. Nothing is stored.",
    tags=["assessment"],
    responses=_responses(schemas.ParseResultOut, "The case read from the text", BAD_BODY,
                         LIMITED),
)
async def parse(service: ServiceDep, body: JsonBody, lang: LangDep) -> Response:
    if lang is not None and isinstance(body, dict) and "lang" not in body:
        body = {**body, "lang": lang}  # Accept-Language, as if the body had said it
    return JsonResponse(await off_loop(lambda: service.parse(body).to_dict()))


@router.post(
    "/v1/interviews",
    operation_id="start_interview",
    summary="Start an interview",
    description="Initial evidence in (the /v1/assess case format, optionally with `text`); "
    "the stored interview out, with its id, version and first question. When neither "
    "`gestational_weeks` nor her `text` gives her weeks of pregnancy, the answer is 422 "
    "naming `gestational_weeks` alone (in the request's language): ask her how many weeks "
    "pregnant she is and send the same text again with them; weeks are never guessed.",
    tags=["interviews"],
    status_code=201,
    responses=_responses(schemas.Interview, "The new interview", BAD_BODY, LIMITED, DB_DOWN,
                         status=201),
)
def start_interview(service: ServiceDep, body: JsonBody, lang: LangDep) -> Response:
    return _interview_response(service.start_interview(body, lang=lang), 201)


@router.get(
    "/v1/interviews/{interview_id}",
    operation_id="get_interview",
    summary="An interview's state and next question",
    tags=["interviews"],
    responses=_responses(schemas.Interview, "The interview", UNKNOWN, DB_DOWN),
)
def get_interview(service: ServiceDep, interview_id: InterviewId) -> Response:
    return _interview_response(service.get_interview(_check_id(interview_id)))


@router.delete(
    "/v1/interviews/{interview_id}",
    operation_id="delete_interview",
    summary="Delete an interview",
    description="Deletes the interview, her answers and any text kept, at once (not at the "
    "end of the retention period). The id is then unknown (404).",
    tags=["interviews"],
    status_code=204,
    responses={204: {"description": "Deleted"}, **UNKNOWN, **DB_DOWN},
)
def delete_interview(service: ServiceDep, interview_id: InterviewId) -> Response:
    service.delete_interview(_check_id(interview_id))
    return Response(status_code=204, headers=NO_STORE)


@router.post(
    "/v1/interviews/{interview_id}/answers",
    operation_id="answer_interview",
    summary="Answer a question",
    description="Send the answer with the version last read. The reply is the interview "
    "with its next question, or finished with its result. If another answer arrived "
    "first, 409: read the interview again.",
    tags=["interviews"],
    responses=_responses(schemas.Interview, "The interview after the answer",
                         BAD_BODY, UNKNOWN, CONFLICT, DB_DOWN),
)
def answer_interview(service: ServiceDep, interview_id: InterviewId, body: JsonBody) -> Response:
    return _interview_response(service.answer(_check_id(interview_id), body))


async def answer_interview_on_loop(service: Service, interview_id: str, body: Any) -> Response:
    """``answer_interview`` on the event loop, for a store on this machine (SQLite).

    Handing a request to a worker thread and back cost more than its write to a local
    file (docs/deploy.md, "Performance"), and outside an emergency an answer's cost
    is bounded by the pack (at most about 3 ms measured). After an answer that shows
    an emergency, the checks of which cause leads and of what could change the level
    take up to tens of milliseconds: those go to a worker thread, so that they do not
    hold up the worker's other requests.
    """
    step = service.answering(_check_id(interview_id), body)
    view = await run_in_threadpool(step.finish) if step.emergency else step.finish()
    return _interview_response(view)


@router.post(
    "/v1/interviews/{interview_id}/back",
    operation_id="back_interview",
    summary="Undo the last answer",
    tags=["interviews"],
    responses=_responses(schemas.Interview, "The interview before its last answer",
                         BAD_BODY, UNKNOWN, CONFLICT, DB_DOWN),
)
def back_interview(service: ServiceDep, interview_id: InterviewId, body: JsonBody) -> Response:
    return _interview_response(service.back(_check_id(interview_id), body))


@router.get(
    "/v1/interviews/{interview_id}/result",
    operation_id="get_interview_result",
    summary="An interview's result",
    description="The assessment, and why the interview stopped; while it is still going, "
    "the assessment so far (`finished: false`).",
    tags=["interviews"],
    responses=_responses(schemas.InterviewResult, "The result", UNKNOWN, STALE, DB_DOWN),
)
def get_interview_result(service: ServiceDep, interview_id: InterviewId) -> Response:
    return JsonResponse(service.result(_check_id(interview_id)).to_json(), headers=NO_STORE)


@router.post(
    "/v1/medicines/check",
    operation_id="check_medicine",
    summary="May she take this medicine?",
    description="A medicine's name (brand or ingredient) and the weeks of pregnancy in; the "
    "verdict for that stage, why, and the sources out. Unknown names are `unknown`, never safe.",
    tags=["advice"],
    responses=_responses(schemas.MedicineVerdictOut, "The verdict", BAD_BODY),
)
async def check_medicine(service: ServiceDep, body: JsonBody, lang: LangDep) -> Response:
    return JsonResponse(service.check_medicine(body, lang=lang).to_json())


@router.get(
    "/v1/vocabulary",
    operation_id="get_vocabulary",
    summary="The ids a case may use",
    description="Findings (with kinds, units, ranges and plain-language labels), conditions, "
    "triage levels and interview questions of the knowledge pack in use.",
    tags=["reference"],
    responses=_responses(schemas.VocabularyOut, "The vocabulary"),
)
async def vocabulary(service: ServiceDep, lang: LangDep) -> Response:
    return JsonResponse(service.vocabulary(lang).to_json(), headers={
        "Cache-Control": "public, max-age=3600", "Vary": "Accept-Language"})


@router.get(
    "/healthz",
    operation_id="healthz",
    summary="Liveness and database reachability",
    tags=["operations"],
    responses=_responses(schemas.Health, "Healthy", DB_DOWN),
)
def healthz(service: ServiceDep) -> Response:
    return JsonResponse(service.health().to_json())
