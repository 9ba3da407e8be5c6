"""What every web page shares: templates, headers, forms, error pages, static files.

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

import functools
import hashlib
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar
from urllib.parse import parse_qs

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import FileSystemLoader
from starlette.concurrency import run_in_threadpool

from gravida.engine import Engine
from gravida.knowledge import i18n
from gravida.knowledge.i18n import _
from gravida.knowledge.load import Pack, default_pack
from gravida.knowledge.wording import Wording, wording_for
from gravida.report import Report
from gravida.report.summary import template_environment
from gravida.service import Service
from gravida.service.errors import ServiceError, UnknownInterview
from gravida.service.results import InterviewView
from gravida.store.models import ID_LENGTH
from gravida.web import outcome, views

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


# Templates say {{ _("...") }} / {% trans %}: the words of the page's language (the
# current context's, set for each request by ``guarded``).
ENV = template_environment(FileSystemLoader(TEMPLATES))
ENV.globals["static"] = static_url
# What page() passes for the language switch; defaults for a template rendered alone.
ENV.globals.update(lang=i18n.DEFAULT_LANGUAGE, here="/", languages=[])
ENV.filters["capfirst"] = views.capfirst
ENV.filters["num"] = views.number_text

T = TypeVar("T")
P = ParamSpec("P")


# --- language ------------------------------------------------------------------------
# The page's language: the switch's cookie, else the browser's Accept-Language, else the
# server's default. An interview's pages speak the interview's language (the switch
# converts the interview, see routes.switch_language).

LANG_COOKIE = "gravida_lang"
_HERE: ContextVar[str] = ContextVar("gravida_web_path", default="/")
# the service's pack's languages, for the language menu (set with the page's language)
_LANGUAGES: ContextVar[Mapping[str, str] | None] = ContextVar("gravida_web_languages",
                                                              default=None)


def speak(request: Request) -> None:
    """This request's pages speak its language (and offer the service's languages)."""
    i18n.set_language(request_lang(request))
    _LANGUAGES.set(service_of(request).pack.languages)


def request_lang(request: Request) -> str:
    service = service_of(request)
    known = service.pack.languages
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in known:
        return str(chosen)
    found = i18n.negotiate(request.headers.get("accept-language"), known)
    return found or service.settings.lang


def engine_of(service: Service) -> Engine:
    """The engine whose texts are in the page's language."""
    return service.engine_for(i18n.current())


def pack_of(service: Service) -> Pack:
    return engine_of(service).pack


def page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = i18n.current()
    here = _HERE.get()
    html = ENV.get_template(template).render(
        lang=lang, here=here,
        languages=[{"code": code, "name": name, "current": code == lang}
                   for code, name in (_LANGUAGES.get() or default_pack().languages).items()],
        **context,
    )
    return HTMLResponse(html, status_code=status,
                        headers={**PAGE_HEADERS, "Content-Language": lang})


def redirect(url: str) -> Response:
    return RedirectResponse(url, status_code=303, headers=PAGE_HEADERS)


def service_of(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


async def call(fn: Callable[..., T], *args: Any) -> T:
    """The service touches the database: run it off the event loop."""
    return await run_in_threadpool(fn, *args)


class CrossSite(Exception):
    """A form post sent from another site's page (CSRF): refused, never acted on."""


def same_origin(request: Request) -> bool:
    """Whether a form post comes from this site's own pages.

    Browsers say where a request comes from: ``Sec-Fetch-Site`` (every
    current browser) and ``Origin`` on a POST. Either naming another site
    refuses the post; neither present (an old browser, a script) is allowed,
    since such a request cannot carry a woman's browser session anyway (there
    is none: the interview id in the path is the only key).
    """
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:
        return True
    if origin == "null":
        return False
    own = f"{request.url.scheme}://{request.headers.get('host', request.url.netloc)}"
    return origin == own


async def read_form(request: Request) -> dict[str, list[str]]:
    """A urlencoded form body from this site; anything else (or garbage) reads as empty.

    Raises CrossSite for a post from another site's page.
    """
    if not same_origin(request):
        raise CrossSite
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
        404, _("We cannot find this assessment"),
        _("This link does not lead to an assessment. It may be mistyped, or the assessment "
          "was deleted after the time we keep them. You can start a new one."),
    )


def problem_page(exc: ServiceError) -> HTMLResponse:
    """A service problem as a page; never the technical detail (it names ids)."""
    if isinstance(exc, UnknownInterview):
        return not_found()
    if exc.kind == "interview-stale":
        return error_page(
            409, _("Please start again"),
            _("Gravida has been updated since this assessment was started, and its answers "
              "no longer fit. Please start a new one."),
        )
    log.warning("web: unexpected service problem %s: %s", exc.kind, exc.detail)
    return error_page(500, _("Something went wrong"),
                      _("Something went wrong on our side. Please try again."))


def too_many_page(scope: Any, retry: int) -> HTMLResponse:
    """The rate limit's refusal of a form post, as a page in her language (429).

    The limit is counted before the app runs (gravida.api.ratelimit); a
    browser gets this instead of problem+json, with the same Retry-After.
    """
    speak(Request(scope))
    minutes = max(1, -(-retry // 60))
    response = error_page(
        429, _("Too many assessments started"),
        _("Too many assessments were started from this connection in a short time. "
          "Please wait about {minutes} minute(s) and try again. If you are worried "
          "about your symptoms now, call your midwife, your maternity unit or the "
          "emergency number.").format(minutes=minutes),
    )
    response.headers["Retry-After"] = str(retry)
    return response


def valid_id(interview_id: str) -> bool:
    return 0 < len(interview_id) <= ID_LENGTH and interview_id.isascii()


def guarded(handler: Callable[P, Awaitable[Response]]) -> Callable[P, Awaitable[Response]]:
    """A page, never a traceback or a JSON error: a bug shows a plain apology page."""

    @functools.wraps(handler)
    async def wrapper(*args: P.args, **kwargs: P.kwargs) -> Response:
        request = next((a for a in [*args, *kwargs.values()] if isinstance(a, Request)), None)
        if request is not None:
            speak(request)
            _HERE.set(request.url.path)
        try:
            return await handler(*args, **kwargs)
        except CrossSite:
            log.info("web: refused a form post from another site")
            return error_page(403, _("This form came from another website"),
                              _("For your safety we only accept answers sent from Gravida's "
                                "own pages. Please start from the Gravida start page."))
        except Exception:
            log.exception("web: error in %s", handler.__name__)
            return error_page(500, _("Something went wrong"),
                              _("Something went wrong on our side. Please try again."))

    return wrapper


# --- what several pages load ---------------------------------------------------------


async def load(service: Service, interview_id: str) -> InterviewView | HTMLResponse:
    """The stored interview; its pages speak its language from here on."""
    if not valid_id(interview_id):
        return not_found()
    try:
        view = await call(service.get_interview, interview_id)
    except ServiceError as exc:
        return problem_page(exc)
    i18n.set_language(view.lang or i18n.current())
    return view


def kept_text(service: Service, interview_id: str) -> str | None:
    try:
        return service.store.get(interview_id).text
    except Exception:  # only a courtesy: the page works without it
        log.exception("web: cannot read the kept text")
        return None


def report_for(service: Service, view: InterviewView) -> Report:
    return service.report(view.case, view.lang or i18n.current())


def wording_of(service: Service) -> Wording:
    """The pack's words for her (wording.yaml) in the page's language, read once per pack."""
    return wording_for(pack_of(service))


def outcome_of(service: Service, report: Report) -> dict[str, Any]:
    """The result page's content for a report, in the pack's words and this site's numbers."""
    return outcome.result_view(report, wording_of(service), service.settings.phones())
