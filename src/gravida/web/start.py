"""The start page: weeks, where it hurts, her own words; then the interview begins."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from gravida.knowledge.i18n import _, current
from gravida.service import Service
from gravida.service.errors import InvalidRequest, ServiceError
from gravida.web import render, views

log = logging.getLogger("gravida.web")

router = APIRouter(include_in_schema=False)


# --- start ---------------------------------------------------------------------------


def location_options(service: Service, chosen: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Where the pain is: the body areas (the group she must pick from) as checkboxes."""
    from gravida.interview.session import catalogue

    cat = catalogue(render.engine_of(service))
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

    cat = catalogue(render.engine_of(service))
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

    cat = catalogue(render.engine_of(service))
    return next((cat.questions[g] for g in cat.volunteered if cat.questions[g].when), None)


def weeks_range(service: Service) -> tuple[float, float]:
    """The weeks a case may give, from the vocabulary (not a number of this module's)."""
    return service.pack.weeks_range


def weeks_problem(service: Service) -> str:
    lo, hi = weeks_range(service)
    return _("Please give the number of weeks of pregnancy, from {lo} to {hi}.").format(
        lo=views.number_text(lo), hi=views.number_text(hi))


def start_page(service: Service, status: int = 200, errors: Sequence[dict[str, str]] = (),
               form: Mapping[str, Any] | None = None, discarded: bool = False) -> HTMLResponse:
    from gravida.interview.session import catalogue

    form = form or {"weeks": "", "text": "", "where": [], "side": "", "keep_text": False}
    weeks_q = catalogue(render.engine_of(service)).get("gestational_weeks")
    lo, hi = weeks_range(service)
    side = side_question(service)
    return render.page(
        "start.html", status=status, errors=list(errors), form=form,
        locations=location_options(service, form.get("where", [])),
        side=side, side_areas=[] if side is None else list(side.when),
        weeks_min=views.number_text(lo), weeks_max=views.number_text(hi),
        weeks_text=weeks_q.text if weeks_q is not None else _("How many weeks pregnant are you?"),
        max_text=views.MAX_TEXT, retention_days=service.settings.retention_days,
        discarded=discarded,
    )


@router.get("/", response_class=HTMLResponse)
@render.guarded
async def start(request: Request) -> Response:
    discarded = request.query_params.get("deleted") == "1"
    return start_page(render.service_of(request), discarded=discarded)


@router.post("/start", response_class=HTMLResponse)
@render.guarded
async def start_post(request: Request) -> Response:
    service = render.service_of(request)
    form = await render.read_form(request)
    weeks_raw = render.first(form, "weeks").strip()
    text = render.first(form, "text")[: views.MAX_TEXT]
    options = {o["value"] for o in location_options(service)}
    where = [w for w in dict.fromkeys(form.get("where") or []) if w in options]
    side_q = side_question(service)
    side = render.first(form, "side")
    side = side if side in SIDES and side_q is not None else ""
    keep_text = render.first(form, "keep_text") == "yes"
    if render.first(form, "discard") == "yes":  # "Delete what I wrote": its reading goes too
        await render.call(service.forget_words, text)
        return render.redirect("/?deleted=1")
    shown = {"weeks": weeks_raw, "text": text, "where": where, "side": side,
             "keep_text": keep_text}
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
        body["keep_text"] = keep_text  # her words are kept only if she asks
    if volunteered:
        body["volunteered"] = volunteered
    if not weeks_raw and not text.strip():
        errors.append({"field": "weeks", "message":
                       _("Please say how many weeks pregnant you are.")})
    if errors:
        return start_page(service, 422, errors, shown)
    if text.strip() and render.first(form, "step") != "confirmed":
        seen = await understood(service, text, where)
        if seen is not None and (seen["items"] or (not weeks_raw and seen["weeks"])):
            return render.page("understood.html", items=seen["items"], form=shown,
                        weeks=weeks_raw or seen["weeks"], weeks_estimate=seen["estimate"],
                        weeks_min=views.number_text(weeks_range(service)[0]),
                        weeks_max=views.number_text(weeks_range(service)[1]))
    if text.strip() and render.first(form, "step") == "confirmed":
        shown_ids = set(form.get("read") or [])
        body["unset"] = sorted(shown_ids - set(form.get("keep") or []))
    try:
        view = await render.call(service.start_interview, {**body, "lang": current()})
    except ServiceError as exc:
        fields = {e.field for e in exc.errors}
        if isinstance(exc, InvalidRequest) and "gestational_weeks" in fields:
            message = (_("Please say how many weeks pregnant you are.")
                       if not weeks_raw else weeks_problem(service))
            return start_page(service, 422, [{"field": "weeks", "message": message}], shown)
        if isinstance(exc, InvalidRequest):
            log.info("web: start refused: %s", exc.detail)
            return start_page(service, 422, [{"field": "text", "message": _(
                              "We could not use this. Please check your answers and try "
                              "again, or leave the description empty.")}], shown)
        return render.problem_page(exc)
    return render.redirect(f"/i/{view.id}")


async def understood(service: Service, text: str,
                     where: Sequence[str]) -> dict[str, Any] | None:
    """"What we understood" from her words, as she will read it (labels, never ids).

    The weeks are not a tick box: they pre-fill the weeks field. What she
    also ticked as a place that hurts is not repeated. None when her text
    cannot be read at all (the interview then simply starts from the form).
    """
    try:
        seen = await render.call(service.understand, {"text": text}, current())
    except ServiceError as exc:
        log.info("web: her text could not be read: %s", exc.detail)
        return None
    wording = render.wording_of(service)
    items: list[dict[str, Any]] = []
    weeks, estimate = "", False
    for item in seen.understood.items:
        fid, state = item.finding, item.state
        if fid == "gestational_weeks":
            weeks = views.number_text(float(item.value or 0))
            estimate = item.estimate
            continue
        if fid in where:
            continue
        if state == "value":
            words = views.number_words(render.pack_of(service), fid, float(item.value or 0))
        elif state == "absent":
            words = wording.negated(fid, render.pack_of(service).label(fid))
        else:
            words = render.pack_of(service).label(fid)
        items.append({"finding": fid, "text": views.capfirst(words),
                      "words": list(item.words), "estimate": item.estimate})
    return {"items": items, "weeks": weeks, "estimate": estimate}
