"""CDS Hooks 2.0 services: medicine safety on orders, back-pain triage on opening a record.

Domain logic only (no HTTP): the API's routes_cds module passes the parsed
request here and turns the domain errors into HTTP. Everything the clinician
reads comes from the pack (integration.yaml, medicines.yaml, codes.yaml).

Privacy: the services read only the request (its context and prefetch).
They call out to the EHR's FHIR server only when the request names it
(``fhirServer`` with ``fhirAuthorization``) AND the deployment allows it
(setting ``cds_fetch_from_fhir_server``, off by default); otherwise a request
without the prefetch it needs gets ``MissingPrefetch`` (HTTP 412, as the
CDS Hooks 2.0 specification says). Nothing is stored.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from gravida.advice._pack import weeks_text
from gravida.advice.medicines import MedicineVerdict, check, load_medicines, verdict_for
from gravida.engine import Case, CaseError, Engine, Findings
from gravida.knowledge.codes import load_codes
from gravida.knowledge.i18n import N_
from gravida.report import build_report
from gravida.service import fhir_read as fr
from gravida.service.cds_models import (
    Action,
    Card,
    CdsService,
    CdsSource,
    Discovery,
    HookRequest,
    HookResponse,
    Link,
    Suggestion,
)
from gravida.service.errors import FieldError, InvalidRequest, ServiceError
from gravida.service.integration_pack import Integration, load_integration
from gravida.settings import Settings

MEDICATION = "gravida-medication-pregnancy"
MEDICATION_SIGN = "gravida-medication-pregnancy-sign"
TRIAGE = "gravida-back-pain-triage"
HOOKS: dict[str, tuple[str, ...]] = {
    MEDICATION: ("order-select", "order-sign"),
    MEDICATION_SIGN: ("order-sign", "order-select"),
    TRIAGE: ("patient-view",),
}
FETCH_TIMEOUT_SECONDS = 5  # a slow FHIR server must not hold the clinician's screen
Fetch = Callable[[str, str, str], Any]  # (fhirServer, access token, query) -> JSON


class MissingPrefetch(ServiceError):
    """The request lacks prefetched data and Gravida may not fetch it (HTTP 412)."""


def _templates(ig: Integration) -> dict[str, dict[str, str]]:
    g = ig.data.gestation
    loinc, sct = ig.uri("loinc"), ig.uri("snomed")
    codes = ",".join(f"{loinc}|{c}" for c in [*g.age_codes, g.due_date_code, g.status_code])
    preg = ",".join(f"{ig.uri(r.system)}|{r.code}" for r in g.pregnant if ig.uri(r.system) == sct)
    gestation = {
        "gestation": f"Observation?patient={{{{context.patientId}}}}&code={codes}&_sort=-date",
        "pregnancy": f"Condition?patient={{{{context.patientId}}}}&code={preg}",
    }
    return {
        MEDICATION: gestation,
        MEDICATION_SIGN: gestation,
        TRIAGE: {
            **gestation,
            "observations": "Observation?patient={{context.patientId}}&_sort=-date&_count=200",
            "conditions": "Condition?patient={{context.patientId}}",
        },
    }


def discovery(engine: Engine) -> Discovery:
    ig = load_integration(engine.pack)
    t = _templates(ig)
    return Discovery(services=[
        CdsService(hook="order-select", id=MEDICATION, prefetch=t[MEDICATION],
                title="Gravida: medicines in pregnancy",
                description="Checks each draft MedicationRequest for a pregnant patient against "
                "Gravida's medicine list at her gestational age; a card for each medicine "
                "that is not generally safe, with a safer choice where there is one."),
        CdsService(hook="order-sign", id=MEDICATION_SIGN, prefetch=t[MEDICATION_SIGN],
                title="Gravida: medicines in pregnancy (on signing)",
                description="The same check as gravida-medication-pregnancy, when orders "
                "are signed."),
        CdsService(hook="patient-view", id=TRIAGE, prefetch=t[TRIAGE],
                title="Gravida: low back pain in pregnancy",
                description="From the record's recent Observations and Conditions: the "
                "triage level, the leading causes and the next investigations, with a link to "
                "Gravida's interview when findings are missing."),
    ])


@dataclass(frozen=True)
class CdsCall:
    """One hook call: the request, where the web interview lives, and the time now."""

    request: HookRequest
    web_url: str
    now: datetime


def call(engine: Engine, settings: Settings, service_id: str, body: HookRequest,
         web_url: str, now: datetime | None = None, fetch: Fetch | None = None) -> HookResponse:
    """Run one service. Raises InvalidRequest (also for an unknown id) or MissingPrefetch."""
    if service_id not in HOOKS:
        raise InvalidRequest("unknown-service", "No such CDS service",
                           f"There is no CDS service {service_id!r}; GET /cds-services lists them.",
                           [FieldError("id", "unknown service", tuple(HOOKS))])
    if body.hook not in HOOKS[service_id]:
        raise _invalid("hook", N_("%(service)s answers %(hooks)s, not %(hook)s"),
                       service=service_id, hooks=" | ".join(HOOKS[service_id]),
                       hook=repr(body.hook))
    c = CdsCall(body, web_url, now or datetime.now(UTC))
    data = _prefetch(engine, settings, service_id, body, fetch or _fetch)
    if service_id == TRIAGE:
        return _triage(engine, c, data)
    return _medication(engine, c, data)


def _invalid(field: str, message: str, **values: object) -> InvalidRequest:
    """A bad field; ``message`` is marked with N_ (a template when ``values`` are given),
    so the API shows it in the caller's language."""
    error = FieldError.of(field, message, (), **values) if values else FieldError(field, message)
    return InvalidRequest("invalid-request", "The request is not valid",
                          f"{field}: {error.message}", [error])


# --- prefetch -----------------------------------------------------------------------------


def _prefetch(engine: Engine, settings: Settings, service_id: str, body: HookRequest,
              fetch: Fetch) -> dict[str, list[dict[str, Any]]]:
    ig = load_integration(engine.pack)
    templates = _templates(ig)[service_id]
    given = body.prefetch or {}
    missing = [k for k in templates if k not in given]
    can_fetch = (settings.cds_fetch_from_fhir_server and body.fhirServer
                 and body.fhirAuthorization is not None)
    if missing and not can_fetch:
        words = ig.data.words.prefetch_missing.format(keys=", ".join(missing))
        raise MissingPrefetch("prefetch-missing", "Prefetch missing", words,
                              [FieldError(f"prefetch.{k}", N_("missing")) for k in missing])
    out = {k: fr.resources(v) for k, v in given.items() if k in templates}
    patient = body.context.get("patientId")
    for k in missing:
        if not isinstance(patient, str) or not patient:
            raise _invalid("context.patientId",
                           N_("is required to fetch from the FHIR server"))
        query = templates[k].replace("{{context.patientId}}", urllib.parse.quote(patient))
        assert body.fhirServer is not None and body.fhirAuthorization is not None
        out[k] = fr.resources(fetch(body.fhirServer, body.fhirAuthorization.access_token, query))
    return out


def _fetch(server: str, token: str, query: str) -> Any:
    """GET one search from the EHR's FHIR server (only when the setting allows it)."""
    if not server.startswith("https://"):
        raise _invalid("fhirServer", N_("must be an https:// URL"))
    req = urllib.request.Request(f"{server.rstrip('/')}/{query}", headers={
        "Authorization": f"Bearer {token}", "Accept": "application/fhir+json"})
    try:
        with urllib.request.urlopen(req, timeout=FETCH_TIMEOUT_SECONDS) as resp:
            return json.loads(resp.read(8 * 1024 * 1024))
    except (OSError, ValueError):
        return None  # unreachable or unreadable: what it would have said is not known


# --- medicines on orders -----------------------------------------------------------------


def _medication(engine: Engine, c: CdsCall, data: dict[str, list[dict[str, Any]]]
                ) -> HookResponse:
    pack = engine.pack
    ig = load_integration(pack)
    lo, hi = pack.weeks_range
    g = fr.gestation([*data.get("gestation", []), *data.get("pregnancy", [])], ig, lo, hi, c.now)
    if not g.pregnant:
        return HookResponse(cards=[])  # not known to be pregnant: nothing to say
    orders = _orders(c.request)
    cards = []
    for order in orders:
        verdict = _verdict(engine, ig, order, g.weeks)
        if verdict is None or verdict.verdict not in ig.data.indicators:
            continue
        cards.append(_medicine_card(engine, ig, c, order, verdict, g))
    return HookResponse(cards=cards)


def _orders(request: HookRequest) -> list[dict[str, Any]]:
    ctx = request.context
    orders = [r for r in fr.resources(ctx.get("draftOrders"))
              if r.get("resourceType") == "MedicationRequest"]
    if ctx.get("draftOrders") is None:
        raise _invalid("context.draftOrders", N_("is required: a Bundle of the draft orders"))
    selections = ctx.get("selections")
    if request.hook == "order-select" and isinstance(selections, list) and selections:
        chosen = {s for s in selections if isinstance(s, str)}
        orders = [o for o in orders if f"MedicationRequest/{o.get('id')}" in chosen]
    return orders


def _concept(order: Mapping[str, Any]) -> Any:
    concept = order.get("medicationCodeableConcept")
    ref = order.get("medicationReference")
    if concept is None and isinstance(ref, Mapping) and isinstance(ref.get("reference"), str):
        target = ref["reference"].lstrip("#").split("/")[-1]
        for r in fr.as_list(order.get("contained")):
            if isinstance(r, Mapping) and r.get("id") == target:
                concept = r.get("code")
        concept = concept or {"text": ref.get("display")}
    return concept


def _verdict(engine: Engine, ig: Integration, order: Mapping[str, Any],
             weeks: float | None) -> MedicineVerdict | None:
    """The medicine of an order: by ATC/RxNorm code, then its words, then an ATC group."""
    book = load_medicines(engine.pack)
    concept = _concept(order)
    cods = fr.codings(concept)
    for s, code, _ in cods:
        mid = ig.medicine_by_code.get((s, code))
        if mid is not None:
            return verdict_for(mid, weeks, book)
    texts = [concept.get("text")] if isinstance(concept, Mapping) else []
    for text in [*texts, *(d for _, _, d in cods)]:
        if isinstance(text, str) and text.strip():
            v = check(text, weeks, engine.pack)
            if v.found:
                return v
    atc = ig.uri("atc")
    for s, code, _ in cods:
        for cid, prefixes in ig.data.medicine_codes.atc_classes.items():
            if s == atc and any(code.startswith(p) for p in prefixes):
                return verdict_for(cid, weeks, book)
    return None


def _short(text: str, limit: int = 139) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _medicine_card(engine: Engine, ig: Integration, c: CdsCall, order: Mapping[str, Any],
                   v: MedicineVerdict, g: fr.Gestation) -> Card:
    w = ig.data.words.medication
    name = v.name or v.query
    verdict = v.verdict_text
    if g.weeks is not None:
        summary = w.summary.format(name=name, verdict=verdict, weeks=weeks_text(g.weeks))
        how = w.how_age if g.how == "age" else w.how_due
        stage = w.stage.format(weeks=weeks_text(g.weeks), how=how)
    else:
        summary = w.summary_no_weeks.format(name=name, verdict=verdict)
        stage = w.stage_unknown
    lines = [w.detail.format(reason=v.reason), stage]
    if v.ingredients_text:
        lines.append(w.ingredients.format(ingredients=", ".join(
            f"{i.name} ({i.verdict_text})" for i in v.ingredients)))
    if v.note is not None:
        lines.append(v.note.text)
    titles = "; ".join(r.title for r in v.references)
    lines.append(w.references.format(sources=titles))
    oid = str(order.get("id") or "")
    key = f"{c.request.hookInstance}/{oid}/{v.medicine_id}"
    return Card(
        uuid=str(uuid.uuid5(uuid.NAMESPACE_URL, f"urn:gravida:cds:{key}")),
        summary=_short(summary),
        detail="\n\n".join(lines),
        indicator=ig.data.indicators[v.verdict],  # type: ignore[index]
        source=CdsSource(label=ig.data.words.source_label.format(pack=engine.pack.version)),
        suggestions=_suggestions(engine, ig, order, v, g, key) or None,
        selectionBehavior="at-most-one" if v.group in ig.data.suggestions else None,
    )


def _suggestions(engine: Engine, ig: Integration, order: Mapping[str, Any],
                 v: MedicineVerdict, g: fr.Gestation, key: str) -> list[Suggestion]:
    s = ig.data.suggestions.get(v.group or "")
    if s is None:
        return []
    book = load_medicines(engine.pack)
    instead = verdict_for(s.medicine, g.weeks, book)
    if instead.verdict != "generally_safe" or s.medicine == v.medicine_id:
        return []
    w = ig.data.words.medication
    resource: dict[str, Any] = {
        "resourceType": "MedicationRequest", "status": "draft", "intent": "order",
        "medicationCodeableConcept": {"coding": [{
            "system": ig.uri(s.coding.system), "code": s.coding.code,
            "display": s.coding.display}], "text": instead.name},
        "dosageInstruction": [{"text": s.order_text}],
    }
    for field in ("subject", "encounter", "requester"):
        if isinstance(order.get(field), Mapping):
            resource[field] = order[field]
    actions = [Action(type="create", description=w.add.format(medicine=instead.name),
                      resource=resource)]
    if order.get("id"):
        actions.insert(0, Action(type="delete", description=w.remove.format(name=v.name),
                                 resourceId=[f"MedicationRequest/{order['id']}"]))
    return [Suggestion(label=s.label, isRecommended=True, actions=actions,
                       uuid=str(uuid.uuid5(uuid.NAMESPACE_URL, f"urn:gravida:cds:{key}/s")))]


# --- back-pain triage on opening the record -------------------------------------------------


def _triage(engine: Engine, c: CdsCall, data: dict[str, list[dict[str, Any]]]) -> HookResponse:
    from gravida.interview import next_question, start

    pack = engine.pack
    ig = load_integration(pack)
    w = ig.data.words.triage
    lo, hi = pack.weeks_range
    every = [r for k in ("gestation", "pregnancy", "observations", "conditions")
             for r in data.get(k, [])]
    g = fr.gestation(every, ig, lo, hi, c.now)
    source = CdsSource(label=ig.data.words.source_label.format(pack=pack.version))
    link = Link(label=w.link_missing, url=c.web_url, type="smart")
    card_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"urn:gravida:cds:{c.request.hookInstance}"))
    if g.pregnant is False:
        return HookResponse(cards=[])
    if g.weeks is None:
        return HookResponse(cards=[Card(uuid=card_id, summary=_short(w.no_weeks_summary),
                                        detail=w.no_weeks_detail, indicator="info",
                                        source=source, links=[link])])
    found = fr.findings(every, pack, ig, c.now, timedelta(hours=ig.data.recent_hours),
                        set(ig.data.lasting))
    stated = found.findings
    absent = tuple(f for f in stated.absent if f not in stated.present)
    try:
        case = Case.from_findings(
            Findings({"gestational_weeks": g.weeks, **stated.numbers}, stated.present, absent),
            pack)
    except CaseError as exc:
        raise _invalid("prefetch", N_("the record's findings do not form a valid case: %(error)s"),
                       error=exc) from None
    report = build_report(engine, case)
    a = report.assessment
    codes = load_codes(pack)
    level = codes.triage_levels[a.triage.level]
    top = [x for x in a.conditions if x.probability > 0][:3]
    leading = ", ".join(f"{x.name} ({x.probability:.0%})" for x in top)
    workup = [item.name for item in report.workup][:3]
    s = a.triage.set_by
    lines = [w.detail_level.format(level=level, meaning=a.triage.meaning),
             w.detail_rule.format(kind=s.kind, id=s.id, says=s.says),
             w.detail_leading.format(leading=leading)]
    if workup:
        lines.append(w.detail_workup.format(workup="; ".join(workup)))
    if found.read_from:
        lines.append(w.detail_found.format(findings="; ".join(
            f"{pack.label(f) if f in pack.findings else f}" for f in found.read_from)))
    lines.append(w.detail_disclaimer)
    missing = next_question(start(engine, case)) is not None
    return HookResponse(cards=[Card(
        uuid=card_id,
        summary=_short(w.summary.format(level=level, leading=top[0].name if top else "-")),
        detail="\n\n".join(lines),
        indicator=ig.data.triage_indicators[a.triage.level],
        source=source,
        links=[link] if missing else None,
    )])
