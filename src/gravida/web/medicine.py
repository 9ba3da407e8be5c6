"""The medicine check: its own page, reachable from the start page, with its own weeks.

A woman may want to know whether a tablet is safe before (or without) an
assessment, and for the weeks she is now, so the page asks both. It is a
GET form: checking changes nothing, so the answer has its own address she
can reload or share, and no CSRF token is needed.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from gravida.knowledge.i18n import _, current
from gravida.service.errors import ServiceError
from gravida.web import views
from gravida.web.render import call, guarded, pack_of, page, service_of
from gravida.web.start import weeks_problem, weeks_range

log = logging.getLogger("gravida.web")

router = APIRouter(include_in_schema=False)

MAX_NAME = 200  # not clinical: a medicine's name is short


@router.get("/medicine", response_class=HTMLResponse)
@guarded
async def medicine(request: Request) -> Response:
    service = service_of(request)
    query = request.query_params.get("name", "")[:MAX_NAME]
    weeks_raw = request.query_params.get("weeks", "")[:10].strip()
    errors: list[dict[str, str]] = []
    verdict = None
    weeks = views.parse_number(weeks_raw) if weeks_raw else None
    lo, hi = weeks_range(service)
    if weeks_raw and (weeks is None or not lo <= weeks <= hi):
        errors.append({"field": "weeks", "message": weeks_problem(service)})
        weeks = None
    asked = "name" in request.query_params
    if asked and not query.strip():
        errors.append({"field": "name", "message":
                       _("Type the name on the packet, for example paracetamol.")})
    if asked and query.strip() and not errors:
        try:
            found = await call(service.check_medicine,
                               {"query": query, "weeks": weeks, "lang": current()})
        except ServiceError as exc:
            log.info("web: medicine check refused: %s", exc.detail)
            errors.append({"field": "name", "message":
                           _("We could not check that. Type just the name on the packet.")})
        else:
            from gravida.advice.medicines import load_medicines

            words = load_medicines(pack_of(service)).words.prescription_only
            verdict = views.medicine_view(found, words)
    return page(
        "medicine.html", status=422 if errors else 200, errors=errors, medicine=verdict,
        query=query, weeks=weeks_raw, weeks_min=views.number_text(lo),
        weeks_max=views.number_text(hi),
    )
