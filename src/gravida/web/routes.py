"""The web pages' routes: read a form, call the service, render a page.

Every page works as a plain HTML form post followed by a redirect (so the
browser's back and reload buttons behave, and no JavaScript is needed);
``static/app.js`` only submits the same forms in the background and swaps
the page in, which lets an emergency be announced through a live region.
The pages use the application service, so a web interview is an API
interview and the two cannot give different answers. The pages live in
start.py, interview.py and result.py; what they share is in render.py.
"""

from __future__ import annotations

import contextlib
import re

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from gravida.knowledge import i18n
from gravida.service.errors import ServiceError
from gravida.web import interview, medicine, result, start
from gravida.web.render import (
    LANG_COOKIE,
    SECURITY_HEADERS,
    STATIC_FILES,
    error_page,
    first,
    guarded,
    read_form,
    redirect,
    service_of,
    valid_id,
)

router = APIRouter(include_in_schema=False)
router.include_router(start.router)
router.include_router(interview.router)
router.include_router(result.router)
router.include_router(medicine.router)


# --- the language switch (on every page) ---------------------------------------------

_INTERVIEW_PATH = re.compile(r"^/i/([^/]+)(/.*)?$")
ONE_YEAR = 365 * 24 * 3600


@router.post("/lang")
@guarded
async def switch_language(request: Request) -> Response:
    """Speak the chosen language from now on (a cookie), and go back to the same page.

    On an interview's page the interview itself changes language, so its next
    question and its result are in the language she chose.
    """
    service = service_of(request)
    form = await read_form(request)
    lang = first(form, "lang")
    back = first(form, "next")
    if not back.startswith("/") or back.startswith("//") or "\\" in back:
        back = "/"
    if lang not in service.pack.languages:
        return redirect(back)
    m = _INTERVIEW_PATH.match(back)
    if m and valid_id(m.group(1)):
        # (a missing or stale interview: the page itself will say so)
        with contextlib.suppress(ServiceError):
            await run_in_threadpool(service.relanguage, m.group(1), lang)
    response = redirect(back)
    response.set_cookie(LANG_COOKIE, lang, max_age=ONE_YEAR, samesite="lax",
                        secure=request.url.scheme == "https", httponly=True)
    return response


# --- static files --------------------------------------------------------------------


@router.get("/static/{name}")
async def static(request: Request, name: str) -> Response:
    f = STATIC_FILES.get(name)
    if f is None:
        return error_page(404, i18n._("Not found"), i18n._("There is nothing at this address."))
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
