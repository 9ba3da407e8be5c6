"""The result, the medicine check, and the hand-off pages for a clinician."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from gravida.interview import Session
from gravida.report import Report
from gravida.report.fhir import bundle_json
from gravida.report.summary import render_summary
from gravida.service import Service
from gravida.service.errors import ServiceError
from gravida.service.results import InterviewView
from gravida.web import render, views

router = APIRouter(include_in_schema=False)

# --- the result ----------------------------------------------------------------------


# --- the hand-off to a clinician: the FHIR bundle and the one-page summary ---------------
# gravida.report.fhir (FHIR R4B bundle) and gravida.report.summary (one-page printable
# summary); the web's own printable page (/i/{id}/summary) is there too.


def handoff_links(interview_id: str) -> dict[str, str | None]:
    return {
        "fhir": f"/i/{interview_id}/fhir",
        "one_page": f"/i/{interview_id}/clinician-summary",
    }


def stored_session(service: Service, interview_id: str) -> Session:
    """The interview as a core Session, resumed by the service."""
    return service.session(interview_id)


def csp_with_styles(html: str) -> str:
    """The page CSP, also allowing exactly the <style> blocks of this document by hash.

    The one-page summary is a self-contained document (so that it prints or
    saves as one file) with its stylesheet inline; hashing each block allows
    those bytes and nothing else, and scripts stay 'self' only.
    """
    hashes = []
    for block in re.findall(r"<style[^>]*>(.*?)</style>", html, flags=re.S | re.I):
        digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return render.CSP.replace("style-src 'self'", " ".join(["style-src 'self'", *hashes]))


async def result_page(request: Request, interview_id: str) -> Response:
    service = render.service_of(request)
    view = await render.load(service, interview_id)
    if isinstance(view, HTMLResponse):
        return view
    q = view.question
    unfinished = not view.finished and q is not None
    if unfinished and (q or {}).get("purpose") not in ("emergency", "confirm"):
        return render.redirect(f"/i/{interview_id}")
    report = await render.call(render.report_for, service, view)
    r = render.outcome_of(service, report)
    return render.page(
        "result.html", id=interview_id, version=view.version, r=r,
        unfinished=unfinished, asked=view.questions_asked,
        stop=(view.result or {}).get("stop_explanation"),
        handoff=handoff_links(interview_id),
    )


@router.get("/i/{interview_id}/result", response_class=HTMLResponse)
@render.guarded
async def result(request: Request, interview_id: str) -> Response:
    return await result_page(request, interview_id)


@router.get("/i/{interview_id}/summary", response_class=HTMLResponse)
@render.guarded
async def summary(request: Request, interview_id: str) -> Response:
    service = render.service_of(request)
    view = await render.load(service, interview_id)
    if isinstance(view, HTMLResponse):
        return view
    from gravida.interview.session import catalogue

    report = await render.call(render.report_for, service, view)
    s = views.summary_view(report, render.pack_of(service),
                           catalogue(render.engine_of(service)), view.answers)
    return render.page(
        "summary.html", id=interview_id, s=s, finished=view.finished,
        text=await render.call(render.kept_text, service, interview_id),
        date=view.updated_at.isoformat()[:16].replace("T", " "),
        stop=(view.result or {}).get("stop_explanation"),
        handoff=handoff_links(interview_id),
    )


async def handoff_document(
    request: Request, interview_id: str, renderer: Callable[[Report, Session], str]
) -> tuple[str, InterviewView] | Response:
    """A stored interview's hand-off document, ``renderer(report, session)``.

    Both hand-offs (the FHIR Bundle and the one-page summary) load the same
    interview and build from the same report and session.
    """
    service = render.service_of(request)
    view = await render.load(service, interview_id)
    if isinstance(view, HTMLResponse):
        return view

    def build() -> str:
        session = stored_session(service, interview_id)
        return str(renderer(render.report_for(service, view), session))

    return await render.call(build), view


@router.get("/i/{interview_id}/fhir")
@render.guarded
async def fhir(request: Request, interview_id: str) -> Response:
    """The interview as a FHIR R4B Bundle (gravida.report.fhir), downloaded as a file."""
    doc = await handoff_document(request, interview_id, bundle_json)
    if isinstance(doc, Response):
        return doc
    body, view = doc
    day = view.updated_at.isoformat()[:10]
    headers = {**render.PAGE_HEADERS,
               "Content-Disposition": f'attachment; filename="gravida-{day}.fhir.json"'}
    return Response(body, media_type="application/fhir+json", headers=headers)


@router.get("/i/{interview_id}/clinician-summary", response_class=HTMLResponse)
@render.guarded
async def clinician_summary(request: Request, interview_id: str) -> Response:
    """The one-page hand-off (gravida.report.summary): a self-contained page to print or save."""
    doc = await handoff_document(request, interview_id, render_summary)
    if isinstance(doc, Response):
        return doc
    html, _ = doc
    headers = {**render.PAGE_HEADERS, "Content-Security-Policy": csp_with_styles(html)}
    return HTMLResponse(html, headers=headers)


@router.post("/i/{interview_id}/delete", response_class=HTMLResponse)
@render.guarded
async def delete(request: Request, interview_id: str) -> Response:
    """"Delete my answers": gone now, not at the end of the retention period."""
    service = render.service_of(request)
    await render.read_form(request)  # refuses a post from another site
    if not render.valid_id(interview_id):
        return render.not_found()
    try:
        await render.call(service.delete_interview, interview_id)
    except ServiceError as exc:
        return render.problem_page(exc)
    return render.redirect("/deleted")


@router.get("/deleted", response_class=HTMLResponse)
@render.guarded
async def deleted(request: Request) -> Response:
    return render.page("deleted.html")
