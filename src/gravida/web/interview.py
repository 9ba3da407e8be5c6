"""The interview pages: one question per page, answer, back."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from gravida.knowledge.i18n import _
from gravida.service import Service
from gravida.service.errors import InvalidRequest, ServiceError
from gravida.service.results import InterviewView
from gravida.web import render, views

log = logging.getLogger("gravida.web")

router = APIRouter(include_in_schema=False)


# --- the interview -------------------------------------------------------------------


def step_of(view: InterviewView) -> int:
    """The number in the current question's address: one more than the answers so far."""
    return view.questions_asked + 1


def question_url(interview_id: str, step: int) -> str:
    return f"/i/{interview_id}/q/{step}"


def current_url(view: InterviewView) -> str:
    """Where the interview stands: its current question, or the result."""
    if view.finished or view.question is None:
        return f"/i/{view.id}/result"
    return question_url(view.id, step_of(view))


def form_values(value: Any) -> dict[str, list[str]]:
    """An earlier answer as the form fields that would give it (to show it ticked)."""
    if isinstance(value, list | tuple):
        return {"choice": [str(v) for v in value]}
    if isinstance(value, Mapping):
        return {f"n_{k}": [views.number_text(float(v))] for k, v in value.items()
                if isinstance(v, int | float) and not isinstance(v, bool)}
    return {}


def answer_words(value: Any) -> str | None:
    """A yes/no/don't-know answer in words, for "Your answer was"."""
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if value is None:
        return _("Don't know")
    return None


@dataclass(frozen=True)
class Earlier:
    """The interview as it stood at an earlier question, and her answer to it then."""

    view: InterviewView
    given: Any

    @property
    def question(self) -> dict[str, Any] | None:
        return self.view.question


def earlier(service: Service, view: InterviewView, step: int) -> Earlier:
    """The interview as it stood at an earlier question: that question and her answer then.

    Worked out in memory (nothing is undone until she answers it again), so
    the browser's back and forward buttons only look at earlier pages.
    """
    from gravida.interview import back, next_question

    session = service.session(view.id)
    answers = session.answers
    undo = len(answers) - (step - 1)
    for _step in range(undo):
        session = back(session)
    q = next_question(session)
    given = answers[step - 1].value if step - 1 < len(answers) else None
    return Earlier(replace(view, question=None if q is None else q.to_json(),
                           case=session.case.to_json(), questions_asked=step - 1), given)


def question_page(service: Service, shown: InterviewView | Earlier, text: str | None,
                  error: views.FormProblem | None = None, notice: str | None = None,
                  values: Mapping[str, Sequence[str]] | None = None) -> HTMLResponse:
    changing = isinstance(shown, Earlier)
    view = shown.view if isinstance(shown, Earlier) else shown
    given = shown.given if isinstance(shown, Earlier) else None
    q = view.question
    assert q is not None  # a question page is only shown for a question
    urgent: dict[str, Any] | None = None
    # an answer revealed an emergency, or a reading of her words that alone holds one is
    # asked back (interview/confirm.py): what to do now is shown above the question
    if q.get("purpose") in ("emergency", "confirm"):
        urgent = render.outcome_of(service, render.report_for(service, view))
    known = views.known_findings(render.pack_of(service), view.case)
    if values is None and changing:
        values = form_values(given)
    values = values or {}
    chosen = set(values.get("choice") or [])
    numbers = {k[2:]: v[0] for k, v in values.items() if k.startswith("n_") and v}
    step = step_of(view)
    return render.page(
        "question.html", status=422 if error else 200, q=q, id=view.id,
        version=view.version, asked=view.questions_asked, urgent=urgent, known=known,
        step=step, changing=changing,
        given=answer_words(given) if q["kind"] == "yes_no" else None,
        back_url=question_url(view.id, step - 1) if step > 1 else None,
        text=text, error=error, notice=notice, chosen=chosen, numbers=numbers,
        volunteered=_must_choose(service, q["id"]),
    )


def _must_choose(service: Service, question_id: str) -> bool:
    """Where the pain is has no "None of these": she has pain somewhere."""
    from gravida.interview.session import catalogue

    spec = catalogue(render.engine_of(service)).get(question_id)
    return bool(spec and spec.must_choose)


@router.get("/i/{interview_id}", response_class=HTMLResponse)
@render.guarded
async def interview(request: Request, interview_id: str) -> Response:
    """Where the interview stands now: its current question's own address, or the result."""
    service = render.service_of(request)
    view = await render.load(service, interview_id)
    if isinstance(view, HTMLResponse):
        return view
    url = current_url(view)
    if request.query_params.get("moved") == "1" and not url.endswith("/result"):
        url += "?moved=1"
    return render.redirect(url)


@router.get("/i/{interview_id}/q/{step}", response_class=HTMLResponse)
@render.guarded
async def question(request: Request, interview_id: str, step: str) -> Response:
    """One question at its own address, so the phone's back and forward buttons work.

    The current question is shown as it is. An earlier one (she pressed the
    browser's back button) is shown with her answer then; answering it again
    takes the interview back to that point. A revealed emergency shows what
    to do first: the remaining questions are optional.
    """
    service = render.service_of(request)
    view = await render.load(service, interview_id)
    if isinstance(view, HTMLResponse):
        return view
    n = int(step) if step.isdigit() else 0
    now = step_of(view)
    finished = view.finished or view.question is None
    if n < 1 or n > now or (n == now and finished):
        return render.redirect(current_url(view))
    text = await render.call(render.kept_text, service, interview_id)
    if n < now:
        return question_page(service, await render.call(earlier, service, view, n), text)
    q = view.question or {}
    if q.get("purpose") == "emergency" and request.query_params.get("more") != "1":
        return render.redirect(f"/i/{interview_id}/result")  # what to do first, at once
    notice = None
    if request.query_params.get("moved") == "1":
        notice = _("Your answers had already moved on (perhaps the page was sent twice, or "
                  "opened in two places). This is the question to answer now.")
    return question_page(service, view, text, notice=notice)


async def _posted(request: Request, interview_id: str
                  ) -> tuple[Service, dict[str, list[str]], InterviewView] | Response:
    """A form post on an interview: its service, form and current view, or the page to
    answer with (not found, or a stale version: back to the question now open)."""
    service = render.service_of(request)
    form = await render.read_form(request)
    view = await render.load(service, interview_id)
    if isinstance(view, HTMLResponse):
        return view
    if render.first(form, "version") != str(view.version):
        return render.redirect(f"/i/{interview_id}?moved=1")
    return service, form, view


@router.post("/i/{interview_id}/answer", response_class=HTMLResponse)
@render.guarded
async def answer(request: Request, interview_id: str) -> Response:
    posted = await _posted(request, interview_id)
    if isinstance(posted, Response):
        return posted
    service, form, view = posted
    at = render.first(form, "at")
    step = int(at) if at.isdigit() else step_of(view)
    if not 1 <= step <= step_of(view):
        return render.redirect(f"/i/{interview_id}?moved=1")
    shown = view if step == step_of(view) else await render.call(earlier, service, view, step)
    q = shown.question
    if q is None or render.first(form, "question") != q["id"]:
        return render.redirect(f"/i/{interview_id}?moved=1")
    try:
        value = views.answer_from_form(q, form)
    except views.FormProblem as exc:
        kept = await render.call(render.kept_text, service, interview_id)
        return question_page(service, shown, kept, error=exc, values=form)
    while step < step_of(view):  # answering an earlier question again: go back to it first
        went = await step_back(service, interview_id, view.version)
        if went is None:
            return render.redirect(f"/i/{interview_id}?moved=1")
        if isinstance(went, Response):
            return went
        view = went
    try:
        await render.call(service.answer, interview_id,
                   {"question": q["id"], "answer": value, "version": view.version})
    except ServiceError as exc:
        if exc.kind == "version-conflict" or exc.kind == "interview-finished":
            return render.redirect(f"/i/{interview_id}?moved=1")
        if isinstance(exc, InvalidRequest):
            log.info("web: answer refused: %s", exc.detail)
            problem = views.FormProblem(_(
                "That answer does not fit with an earlier one. Please check it, or go back "
                "and change the earlier answer."))
            kept = await render.call(render.kept_text, service, interview_id)
            return question_page(service, shown, kept, error=problem, values=form)
        return render.problem_page(exc)
    return render.redirect(f"/i/{interview_id}")


async def step_back(service: Service, interview_id: str,
                    version: int) -> InterviewView | Response | None:
    """Undo the last answer: the new view, None if it moved on or there is nothing to
    undo, or an error page."""
    try:
        return await render.call(service.back, interview_id, {"version": version})
    except ServiceError as exc:
        if exc.kind in ("version-conflict", "nothing-to-undo"):
            return None
        return render.problem_page(exc)


@router.post("/i/{interview_id}/back", response_class=HTMLResponse)
@render.guarded
async def back(request: Request, interview_id: str) -> Response:
    """The page's "Change my last answer" button (a form, so it works without JavaScript)."""
    posted = await _posted(request, interview_id)
    if isinstance(posted, Response):
        return posted
    service, _form, view = posted
    went = await step_back(service, interview_id, view.version)
    return went if isinstance(went, Response) else render.redirect(f"/i/{interview_id}")
