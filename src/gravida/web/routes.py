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

from fastapi import APIRouter, Request
from fastapi.responses import Response

from gravida.web import interview, medicine, result, start
from gravida.web.render import SECURITY_HEADERS, STATIC_FILES, error_page

router = APIRouter(include_in_schema=False)
router.include_router(start.router)
router.include_router(interview.router)
router.include_router(result.router)
router.include_router(medicine.router)


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
