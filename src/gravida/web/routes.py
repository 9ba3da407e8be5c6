"""The web pages' routes: read a form, call the service, render a page.

Every page works as a plain HTML form post followed by a redirect (so the
browser's back and reload buttons behave, and no JavaScript is needed);
``static/app.js`` only submits the same forms in the background and swaps
the page in, which lets an emergency be announced through a live region.
The pages call the one application ``Service`` (gravida.service), as the
API does, so a web interview is an API interview and the two cannot give
different answers; the web never imports the API.

Security: Jinja2 escapes everything (what she typed is only ever shown as
text), pages carry a Content-Security-Policy that allows only this app's own
script and style files (no inline script or style anywhere), and interview
pages are never cached. Interview ids in the paths are bearer secrets, as
in the API.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib
import logging
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any, ParamSpec, TypeVar
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.concurrency import run_in_threadpool

from gravida.interview import Session
from gravida.report import Report
from gravida.service import Service
from gravida.service.errors import InvalidRequest, ServiceError, UnknownInterview
from gravida.store.models import ID_LENGTH
from gravida.web import views

log = logging.getLogger("gravida.web")

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

# Only this app's own files; nothing inline, nothing from elsewhere.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
PAGE_HEADERS = {**SECURITY_HEADERS, "Cache-Control": "no-store"}
MAX_FIELDS = 200  # a form has far fewer; more is not a person's form

STATIC_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}


@dataclass(frozen=True)
class StaticFile:
    body: bytes
    media_type: str
    digest: str


def _load_static() -> dict[str, StaticFile]:
    """The static files, read once: a fixed set, so no path from a request touches the disk."""
    out: dict[str, StaticFile] = {}
    for path in sorted(STATIC.iterdir()):
        media = STATIC_TYPES.get(path.suffix)
        if path.is_file() and media is not None:
            body = path.read_bytes()
            out[path.name] = StaticFile(body, media, hashlib.sha256(body).hexdigest()[:12])
    return out


STATIC_FILES = _load_static()


def static_url(name: str) -> str:
    """A static file's URL with its content hash, so it can be cached for ever."""
    return f"/static/{name}?v={STATIC_FILES[name].digest}"


ENV = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.globals["static"] = static_url
ENV.filters["capfirst"] = views.capfirst
ENV.filters["num"] = views.number_text

router = APIRouter(include_in_schema=False)

T = TypeVar("T")
P = ParamSpec("P")


def page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = ENV.get_template(template).render(**context)
    return HTMLResponse(html, status_code=status, headers=PAGE_HEADERS)


def redirect(url: str) -> Response:
    return RedirectResponse(url, status_code=303, headers=PAGE_HEADERS)


def service_of(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


async def call(fn: Callable[..., T], *args: Any) -> T:
    """The service touches the database: run it off the event loop."""
    return await run_in_threadpool(fn, *args)


async def read_form(request: Request) -> dict[str, list[str]]:
    """A urlencoded form body; anything else (or garbage) reads as an empty form."""
    if not request.headers.get("content-type", "").startswith(
        "application/x-www-form-urlencoded"
    ):
        return {}
    raw = await request.body()
    try:
        return parse_qs(raw.decode("utf-8"), keep_blank_values=True,
                        max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError):
        return {}


def first(form: Mapping[str, Sequence[str]], name: str) -> str:
    values = form.get(name) or [""]
    return values[0]


def error_page(status: int, title: str, message: str) -> HTMLResponse:
    return page("error.html", status=status, title=title, message=message)


def not_found() -> HTMLResponse:
    return error_page(
        404, "We cannot find this assessment",
        "This link does not lead to an assessment. It may be mistyped, or the assessment "
        "was deleted after the time we keep them. You can start a new one.",
    )


def problem_page(exc: ServiceError) -> HTMLResponse:
    """A service problem as a page; never the technical detail (it names ids)."""
    if isinstance(exc, UnknownInterview):
        return not_found()
    if exc.kind == "interview-stale":
        return error_page(
            409, "Please start again",
            "Gravida has been updated since this assessment was started, and its answers "
            "no longer fit. Please start a new one.",
        )
    log.warning("web: unexpected service problem %s: %s", exc.kind, exc.detail)
    return error_page(500, "Something went wrong",
                      "Something went wrong on our side. Please try again.")


def valid_id(interview_id: str) -> bool:
    return 0 < len(interview_id) <= ID_LENGTH and interview_id.isascii()


def guarded(handler: Callable[P, Awaitable[Response]]) -> Callable[P, Awaitable[Response]]:
    """A page, never a traceback or a JSON error: a bug shows a plain apology page."""

    @functools.wraps(handler)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> Response:
        try:
            return await handler(*args, **kwargs)
        except Exception:
            log.exception("web: error in %s", handler.__name__)
            return error_page(500, "Something went wrong",
                              "Something went wrong on our side. Please try again.")

    return wrapper


# --- start ---------------------------------------------------------------------------


def location_options(service: Service, chosen: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Where the pain is: the body areas (the group she must pick from) as checkboxes."""
    from gravida.interview.session import catalogue

    cat = catalogue(service.engine)
    out: list[dict[str, Any]] = []
    for gid in cat.volunteered:
        q = cat.questions[gid]
        if not q.must_choose:
            continue
        for finding, text in zip(q.findings, q.items, strict=True):
            out.append({"value": finding, "text": views.capfirst(text),
                        "checked": finding in chosen})
    return out


def location_groups(service: Service) -> list[Any]:
    from gravida.interview.session import catalogue

    cat = catalogue(service.engine)
    return [cat.questions[g] for g in cat.volunteered if cat.questions[g].must_choose]


# The side follow-up on the start page: each choice and what it states.
SIDES: dict[str, tuple[list[str], list[str]]] = {
    "right": (["pain_right_side"], []),
    "left": (["pain_left_side"], []),
    "both": ([], ["pain_one_side"]),
}


def side_question(service: Service) -> Any:
    """The volunteered follow-up about the side (pain_side), or None if the pack has none."""
    from gravida.interview.session import catalogue

    cat = catalogue(service.engine)
    return next((cat.questions[g] for g in cat.volunteered if cat.questions[g].when), None)


def weeks_range(service: Service) -> tuple[float, float]:
    """The weeks a case may give, from the vocabulary (not a number of this module's)."""
    fdef = service.pack.findings.get("gestational_weeks")
    if fdef is not None and fdef.range is not None:
        return fdef.range
    return (0.0, 44.0)  # unreachable with a valid pack: the vocabulary requires a range


def weeks_problem(service: Service) -> str:
    lo, hi = weeks_range(service)
    return (f"Please give the number of weeks of pregnancy, from {views.number_text(lo)} "
            f"to {views.number_text(hi)}.")


def start_page(service: Service, status: int = 200, errors: Sequence[dict[str, str]] = (),
               form: Mapping[str, Any] | None = None) -> HTMLResponse:
    from gravida.interview.session import catalogue

    form = form or {"weeks": "", "text": "", "where": [], "side": ""}
    weeks_q = catalogue(service.engine).get("gestational_weeks")
    lo, hi = weeks_range(service)
    side = side_question(service)
    return page(
        "start.html", status=status, errors=list(errors), form=form,
        locations=location_options(service, form.get("where", [])),
        side=side, side_areas=[] if side is None else list(side.when),
        weeks_min=views.number_text(lo), weeks_max=views.number_text(hi),
        weeks_text=weeks_q.text if weeks_q is not None else "How many weeks pregnant are you?",
        max_text=views.MAX_TEXT, retention_days=service.settings.retention_days,
    )


@router.get("/", response_class=HTMLResponse)
@guarded
async def start(request: Request) -> Response:
    return start_page(service_of(request))


@router.post("/start", response_class=HTMLResponse)
@guarded
async def start_post(request: Request) -> Response:
    service = service_of(request)
    form = await read_form(request)
    weeks_raw = first(form, "weeks").strip()
    text = first(form, "text")[: views.MAX_TEXT]
    options = {o["value"] for o in location_options(service)}
    where = [w for w in dict.fromkeys(form.get("where") or []) if w in options]
    side_q = side_question(service)
    side = first(form, "side")
    side = side if side in SIDES and side_q is not None else ""
    shown = {"weeks": weeks_raw, "text": text, "where": where, "side": side}
    body: dict[str, Any] = {"present": list(where)}
    volunteered: list[str] = []
    if where:
        volunteered = [g.id for g in location_groups(service)]
    if side and side_q is not None and side_q.applies(set(where)):
        present, absent = SIDES[side]
        body["present"] += present
        if absent:
            body["absent"] = absent
        volunteered.append(side_q.id)
    errors: list[dict[str, str]] = []
    if weeks_raw:
        weeks = views.parse_number(weeks_raw)
        lo, hi = weeks_range(service)
        if weeks is None or not lo <= weeks <= hi:
            errors.append({"field": "weeks", "message": weeks_problem(service)})
        else:
            body["gestational_weeks"] = weeks
    if text.strip():
        body["text"] = text
        body["keep_text"] = True
    if volunteered:
        body["volunteered"] = volunteered
    if not weeks_raw and not text.strip():
        errors.append({"field": "weeks", "message":
                       "Please say how many weeks pregnant you are."})
    if errors:
        return start_page(service, 422, errors, shown)
    try:
        view = await call(service.start_interview, body)
    except ServiceError as exc:
        fields = {e.field for e in exc.errors}
        if isinstance(exc, InvalidRequest) and "gestational_weeks" in fields:
            message = ("Please say how many weeks pregnant you are."
                       if not weeks_raw else weeks_problem(service))
            return start_page(service, 422, [{"field": "weeks", "message": message}], shown)
        if isinstance(exc, InvalidRequest):
            log.info("web: start refused: %s", exc.detail)
            return start_page(service, 422, [{"field": "text", "message":
                              "We could not use this. Please check your answers and try "
                              "again, or leave the description empty."}], shown)
        return problem_page(exc)
    return redirect(f"/i/{view['id']}")


# --- the interview -------------------------------------------------------------------


async def load(service: Service, interview_id: str) -> dict[str, Any] | HTMLResponse:
    if not valid_id(interview_id):
        return not_found()
    try:
        return await call(service.get_interview, interview_id)
    except ServiceError as exc:
        return problem_page(exc)


def kept_text(service: Service, interview_id: str) -> str | None:
    try:
        return service.store.get(interview_id).text
    except Exception:  # only a courtesy: the page works without it
        log.exception("web: cannot read the kept text")
        return None


def report_for(service: Service, view: Mapping[str, Any]) -> Report:
    return service.report(view["case"])


def question_page(service: Service, view: Mapping[str, Any], text: str | None,
                  error: views.FormProblem | None = None, notice: str | None = None,
                  values: Mapping[str, Sequence[str]] | None = None) -> HTMLResponse:
    q = view["question"]
    urgent: dict[str, Any] | None = None
    if q.get("purpose") == "emergency":  # an answer revealed an emergency: say so at once
        urgent = views.result_view(report_for(service, view))
    known = views.known_findings(service.pack, view["case"])
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

    spec = catalogue(service.engine).get(question_id)
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
        notice = ("Your answers had already moved on (perhaps the page was sent twice, or "
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
            problem = views.FormProblem(
                "That answer does not fit with an earlier one. Please check it, or go back "
                "and change the earlier answer.")
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


# --- the result ----------------------------------------------------------------------


# --- the hand-off to a clinician: the FHIR/summary modules, when present ----------------
# HOOK(handoff): gravida.report.fhir (FHIR R4B bundle) and gravida.report.summary (one-page
# printable summary) come from the FHIR/summary work. Each link appears only when its module is
# installed; the web's own printable page (/i/{id}/summary) is always there.


def handoff_links(interview_id: str) -> dict[str, str | None]:
    return {
        "fhir": f"/i/{interview_id}/fhir" if find_spec("gravida.report.fhir") else None,
        "one_page": (f"/i/{interview_id}/clinician-summary"
                     if find_spec("gravida.report.summary") else None),
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
    return CSP.replace("style-src 'self'", " ".join(["style-src 'self'", *hashes]))


async def result_page(request: Request, interview_id: str,
                      medicine: Mapping[str, Any] | None = None,
                      medicine_error: str | None = None,
                      medicine_query: str = "") -> Response:
    service = service_of(request)
    view = await load(service, interview_id)
    if isinstance(view, HTMLResponse):
        return view
    q = view["question"]
    unfinished = not view["finished"] and q is not None
    if unfinished and q.get("purpose") != "emergency":
        return redirect(f"/i/{interview_id}")
    report = await call(report_for, service, view)
    r = views.result_view(report)
    return page(
        "result.html", id=interview_id, version=view["version"], r=r,
        unfinished=unfinished, asked=view["questions_asked"],
        stop=(view.get("result") or {}).get("stop_explanation"),
        medicine=medicine, medicine_error=medicine_error, medicine_query=medicine_query,
        handoff=handoff_links(interview_id),
    )


@router.get("/i/{interview_id}/result", response_class=HTMLResponse)
@guarded
async def result(request: Request, interview_id: str) -> Response:
    return await result_page(request, interview_id)


@router.post("/i/{interview_id}/medicine", response_class=HTMLResponse)
@guarded
async def medicine(request: Request, interview_id: str) -> Response:
    service = service_of(request)
    form = await read_form(request)
    query = first(form, "medicine")
    view = await load(service, interview_id)
    if isinstance(view, HTMLResponse):
        return view
    if not query.strip():
        return await result_page(request, interview_id,
                                 medicine_error="Type the name on the packet, for example "
                                                "paracetamol.")
    weeks = view["case"].get("gestational_weeks")
    try:
        verdict = await call(service.check_medicine, {"query": query, "weeks": weeks})
    except ServiceError as exc:
        log.info("web: medicine check refused: %s", exc.detail)
        return await result_page(request, interview_id, medicine_query=query,
                                 medicine_error="We could not check that. Type just the "
                                                "name on the packet.")
    from gravida.advice.medicines import load_medicines

    words = load_medicines(service.pack).words.prescription_only
    return await result_page(request, interview_id, medicine=views.medicine_view(verdict, words),
                             medicine_query=query)


@router.get("/i/{interview_id}/summary", response_class=HTMLResponse)
@guarded
async def summary(request: Request, interview_id: str) -> Response:
    service = service_of(request)
    view = await load(service, interview_id)
    if isinstance(view, HTMLResponse):
        return view
    from gravida.interview.session import catalogue

    report = await call(report_for, service, view)
    s = views.summary_view(report, service.pack, catalogue(service.engine), view["answers"])
    return page(
        "summary.html", id=interview_id, s=s, finished=view["finished"],
        text=await call(kept_text, service, interview_id),
        date=view["updated_at"][:16].replace("T", " "),
        stop=(view.get("result") or {}).get("stop_explanation"),
        handoff=handoff_links(interview_id),
    )


async def handoff_document(
    request: Request, interview_id: str, module: str, render: str
) -> tuple[str, dict[str, Any]] | Response:
    """A stored interview's hand-off document, rendered by ``module.render(report, session)``.

    Both hand-offs (the FHIR Bundle and the one-page summary) load the same
    interview and build from the same report and session; the modules are
    optional stages, so a missing one is a plain "not available" page.
    """
    service = service_of(request)
    view = await load(service, interview_id)
    if isinstance(view, HTMLResponse):
        return view
    if find_spec(module) is None:
        return error_page(404, "Not available", "This is not part of this version.")
    renderer = getattr(importlib.import_module(module), render)

    def build() -> str:
        session = stored_session(service, interview_id)
        return str(renderer(report_for(service, view), session))

    return await call(build), view


@router.get("/i/{interview_id}/fhir")
@guarded
async def fhir(request: Request, interview_id: str) -> Response:
    """The interview as a FHIR R4B Bundle (gravida.report.fhir), downloaded as a file."""
    doc = await handoff_document(request, interview_id, "gravida.report.fhir", "bundle_json")
    if isinstance(doc, Response):
        return doc
    body, view = doc
    day = view["updated_at"][:10]
    headers = {**PAGE_HEADERS,
               "Content-Disposition": f'attachment; filename="gravida-{day}.fhir.json"'}
    return Response(body, media_type="application/fhir+json", headers=headers)


@router.get("/i/{interview_id}/clinician-summary", response_class=HTMLResponse)
@guarded
async def clinician_summary(request: Request, interview_id: str) -> Response:
    """The one-page hand-off (gravida.report.summary): a self-contained page to print or save."""
    doc = await handoff_document(request, interview_id, "gravida.report.summary", "render_summary")
    if isinstance(doc, Response):
        return doc
    html, _ = doc
    headers = {**PAGE_HEADERS, "Content-Security-Policy": csp_with_styles(html)}
    return HTMLResponse(html, headers=headers)


# --- static files --------------------------------------------------------------------


@router.get("/static/{name}")
async def static(request: Request, name: str) -> Response:
    f = STATIC_FILES.get(name)
    if f is None:
        return error_page(404, "Not found", "There is nothing at this address.")
    immutable = request.query_params.get("v") == f.digest
    cache = "public, max-age=31536000, immutable" if immutable else "public, max-age=300"
    headers = {**SECURITY_HEADERS, "Cache-Control": cache, "ETag": f'"{f.digest}"'}
    if request.headers.get("if-none-match") == f'"{f.digest}"':
        return Response(status_code=304, headers=headers)
    return Response(f.body, media_type=f.media_type, headers=headers)


@router.get("/favicon.ico")
async def favicon(request: Request) -> Response:
    """Browsers ask for it on pages that name no icon (the one-page summary)."""
    f = STATIC_FILES["icon.svg"]
    headers = {**SECURITY_HEADERS, "Cache-Control": "public, max-age=86400"}
    return Response(f.body, media_type=f.media_type, headers=headers)
