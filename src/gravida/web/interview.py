"""The interview pages: one question per page, answer, back."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from gravida.knowledge.i18n import _
from gravida.service import Service
from gravida.service.errors import InvalidRequest, ServiceError
from gravida.web import views
from gravida.web.render import (
    call,
    engine_of,
    first,
    guarded,
    kept_text,
    load,
    outcome_of,
    pack_of,
    page,
    problem_page,
    read_form,
    redirect,
    report_for,
    service_of,
)

log = logging.getLogger("gravida.web")

router = APIRouter(include_in_schema=False)


# --- the interview -------------------------------------------------------------------


def question_page(service: Service, view: Mapping[str, Any], text: str | None,
                  error: views.FormProblem | None = None, notice: str | None = None,
                  values: Mapping[str, Sequence[str]] | None = None) -> HTMLResponse:
    q = view["question"]
    urgent: dict[str, Any] | None = None
    if q.get("purpose") == "emergency":  # an answer revealed an emergency: say so at once
        urgent = outcome_of(service, report_for(service, view))
    known = views.known_findings(pack_of(service), view["case"])
    values = values or {}
    chosen = set(values.get("choice") or [])
    numbers = {k[2:]: v[0] for k, v in values.items() if k.startswith("n_") and v}
    return page(
        "question.html", status=422 if error else 200, q=q, id=view["id"],
        version=view["version"], asked=view["questions_asked"], urgent=urgent, known=known,
        text=text, error=error, notice=notice, chosen=chosen, numbers=numbers,
        volunteered=q["id"] in view.get("volunteered", []) or _is_volunteered(service, q["id"]),
    )


def _is_volunteered(service: Service, question_id: str) -> bool:
    from gravida.interview.session import catalogue

    spec = catalogue(engine_of(service)).get(question_id)
    return bool(spec and spec.volunteered)


@router.get("/i/{interview_id}", response_class=HTMLResponse)
@guarded
async def interview(request: Request, interview_id: str) -> Response:
    service = service_of(request)
    view = await load(service, interview_id)
    if isinstance(view, HTMLResponse):
        return view
    if view["finished"] or view["question"] is None:
        return redirect(f"/i/{interview_id}/result")
    notice = None
    if request.query_params.get("moved") == "1":
        notice = _("Your answers had already moved on (perhaps the page was sent twice, or "
                  "opened in two places). This is the question to answer now.")
    return question_page(service, view, await call(kept_text, service, interview_id),
                         notice=notice)


@router.post("/i/{interview_id}/answer", response_class=HTMLResponse)
@guarded
async def answer(request: Request, interview_id: str) -> Response:
    service = service_of(request)
    form = await read_form(request)
    view = await load(service, interview_id)
    if isinstance(view, HTMLResponse):
        return view
    q = view["question"]
    sent_version = first(form, "version")
    if (view["finished"] or q is None or first(form, "question") != q["id"]
            or sent_version != str(view["version"])):
        return redirect(f"/i/{interview_id}?moved=1")
    try:
        value = views.answer_from_form(q, form)
    except views.FormProblem as exc:
        return question_page(service, view, await call(kept_text, service, interview_id),
                             error=exc, values=form)
    try:
        await call(service.answer, interview_id,
                   {"question": q["id"], "answer": value, "version": view["version"]})
    except ServiceError as exc:
        if exc.kind == "version-conflict" or exc.kind == "interview-finished":
            return redirect(f"/i/{interview_id}?moved=1")
        if isinstance(exc, InvalidRequest):
            log.info("web: answer refused: %s", exc.detail)
            problem = views.FormProblem(_(
                "That answer does not fit with an earlier one. Please check it, or go back "
                "and change the earlier answer."))
            return question_page(service, view, await call(kept_text, service, interview_id),
                                 error=problem, values=form)
        return problem_page(exc)
    return redirect(f"/i/{interview_id}")


@router.post("/i/{interview_id}/back", response_class=HTMLResponse)
@guarded
async def back(request: Request, interview_id: str) -> Response:
    service = service_of(request)
    form = await read_form(request)
    view = await load(service, interview_id)
    if isinstance(view, HTMLResponse):
        return view
    if first(form, "version") != str(view["version"]):
        return redirect(f"/i/{interview_id}?moved=1")
    try:
        await call(service.back, interview_id, {"version": view["version"]})
    except ServiceError as exc:
        if exc.kind in ("version-conflict", "nothing-to-undo"):
            return redirect(f"/i/{interview_id}")
        return problem_page(exc)
    return redirect(f"/i/{interview_id}")
