"""The FHIR bundle: the assessment (a RiskAssessment), who and what made it, and the Bundle."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from gravida.engine import Assessment, Engine
from gravida.knowledge.codes import load_codes
from gravida.knowledge.i18n import say
from gravida.knowledge.load import Pack
from gravida.report import Report, build_report, factor_words
from gravida.report.handoff import (
    DISCLAIMER,
    SOFTWARE_NAME,
    pack_of,
    software_version,
)

if TYPE_CHECKING:
    from gravida.interview import Session

from gravida.report.fhir.context import (
    PERCENT,
    PERCENT_DIGITS,
    BundleContext,
    BundleIds,
    FhirError,
    iso_time,
)
from gravida.report.fhir.said import number_observations, questionnaire_response

# --- the assessment ------------------------------------------------------------------------


def _percent(p: float) -> float:
    pct = round(p * PERCENT, PERCENT_DIGITS)
    if not 0.0 <= pct <= PERCENT:
        raise FhirError(f"probability {p!r} is not between 0 and 1")
    return pct


def _rationale(report: Report) -> dict[str, str]:
    out: dict[str, str] = {}
    for e in report.assessment.explanations:
        parts = []
        if e.raised:
            parts.append(say(report.lang, "for:") + " "
                         + "; ".join(factor_words(f, report.wording) for f in e.raised))
        if e.lowered:
            parts.append(say(report.lang, "against:") + " "
                         + "; ".join(factor_words(f, report.wording) for f in e.lowered))
        if parts:
            out[e.condition] = ". ".join(parts)
    return out


def _triage_extension(ctx: BundleContext, a: Assessment) -> dict[str, Any]:
    t = a.triage
    s = t.set_by
    src = ctx.pack.sources.get(s.src)
    subs: list[dict[str, Any]] = [
        {"url": "level", "valueCodeableConcept": {
            "coding": [{"system": ctx.codes.triage_system, "code": t.level,
                        "display": ctx.codes.triage_levels[t.level]}],
            "text": t.meaning}},
        {"url": "setBy", "valueString": f"{s.kind}:{s.id}"},
        {"url": "rule", "valueString": s.says},
        {"url": "source", "valueString": src.title if src is not None else s.src},
    ]
    if s.probability is not None:
        subs.append({"url": "probability", "valueDecimal": _percent(s.probability)})
    return {"url": ctx.codes.triage_extension, "extension": subs}


def _risk_assessment(
    ctx: BundleContext, report: Report, basis: list[str], finished: bool
) -> dict[str, Any]:
    a = report.assessment
    why = _rationale(report)
    predictions = []
    for c in a.conditions:
        pred: dict[str, Any] = {
            "outcome": {"coding": ctx.codes.condition_codings(c.id, c.name), "text": c.name},
            "probabilityDecimal": _percent(c.probability),
        }
        if c.id in why:
            pred["rationale"] = why[c.id]
        predictions.append(pred)
    t = a.triage
    level = ctx.codes.triage_levels[t.level]
    return {
        "resourceType": "RiskAssessment",
        "id": ctx.ids.uuid("risk-assessment"),
        "extension": [_triage_extension(ctx, a)],
        "status": "final" if finished else "preliminary",
        "code": {"text": say(ctx.pack.lang,
                             "Causes of low back pain in pregnancy: differential and triage")},
        "method": {"text": f"{SOFTWARE_NAME} {ctx.software}, knowledge pack {a.pack_version}: "
                           "Bayesian differential with the pack's triage rules"},
        "subject": ctx.ids.ref("patient"),
        "occurrenceDateTime": ctx.now,
        "performer": ctx.ids.ref("device", SOFTWARE_NAME),
        "basis": [ctx.ids.ref(b) for b in basis],
        "prediction": predictions,
        "mitigation": t.meaning,
        "note": [
            {"text": f"Triage: {level} ({t.level}). Set by {t.set_by.kind} {t.set_by.id}: "
                     f"{t.set_by.says}"},
            {"text": say(ctx.pack.lang, DISCLAIMER)},
        ],
    }


# --- who and what -----------------------------------------------------------------------------


def _patient(ctx: BundleContext) -> dict[str, Any]:
    """An anonymous subject: Gravida holds no identity; the receiver links its own record."""
    return {"resourceType": "Patient", "id": ctx.ids.uuid("patient")}


def _device(ctx: BundleContext) -> dict[str, Any]:
    vt = ctx.codes.version_type_system
    return {
        "resourceType": "Device",
        "id": ctx.ids.uuid("device"),
        "deviceName": [{"name": SOFTWARE_NAME, "type": "user-friendly-name"}],
        "type": {"text": "Clinical decision support software"},
        "version": [
            {"type": {"coding": [{"system": vt, "code": "software", "display": "Software"}],
                      "text": "software"},
             "value": ctx.software},
            {"type": {"coding": [{"system": vt, "code": "knowledge-pack",
                                  "display": "Knowledge pack"}],
                      "text": "knowledge-pack"},
             "value": ctx.pack.version},
        ],
    }


def _code_systems(ctx: BundleContext) -> list[tuple[str, dict[str, Any]]]:
    """Gravida's two local code systems, so the receiver can read the local codes."""
    vocab = ctx.pack.vocabulary
    common = {"resourceType": "CodeSystem", "version": ctx.pack.version, "status": "active",
              "content": "complete", "caseSensitive": True}
    triage = {
        **common,
        "id": ctx.ids.uuid("codesystem/triage-level"),
        "url": ctx.codes.triage_system,
        "name": "GravidaTriageLevel",
        "title": "Gravida triage levels (most urgent first)",
        "concept": [{"code": t.id, "display": ctx.codes.triage_levels[t.id],
                     "definition": t.meaning} for t in vocab.triage_levels],
    }
    conditions = {
        **common,
        "id": ctx.ids.uuid("codesystem/condition"),
        "url": ctx.codes.condition_system,
        "name": "GravidaCondition",
        "title": "Conditions Gravida ranks",
        "concept": [{"code": c.id, "display": ctx.pack.conditions[c.id].name,
                     "definition": c.meaning} for c in vocab.conditions],
    }
    return [("codesystem/triage-level", triage), ("codesystem/condition", conditions)]


# --- the bundle ---------------------------------------------------------------------------------


def _validate(bundle: dict[str, Any]) -> dict[str, Any]:
    """Construct the R4B models (which checks every element) and return their JSON form."""
    try:
        model = Bundle.model_validate(bundle)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise FhirError(f"the FHIR bundle is not valid R4B at {where}: {first['msg']}") from None
    out: dict[str, Any] = json.loads(model.model_dump_json())
    return out


def bundle_from_report(
    report: Report,
    session: Session | None = None,
    *,
    pack: Pack | None = None,
    now: datetime | None = None,
    bundle_id: str | None = None,
) -> dict[str, Any]:
    """The hand-off bundle (type collection), JSON-ready and validated as FHIR R4B.

    With ``session`` the QuestionnaireResponse holds the interview's questions
    and answers (status in-progress while it goes on, and the RiskAssessment
    is then preliminary); without, the findings of the case. The codes come
    from the pack that made the report: the session's, ``pack``, or the
    packaged one. ``bundle_id`` makes every resource id reproducible (the same
    id and ``now`` give the same bundle).
    """
    pack = pack_of(report, session, pack)
    when = now or datetime.now(UTC)
    if when.tzinfo is None:
        raise FhirError("now must be a timezone-aware datetime")
    ctx = BundleContext(pack, load_codes(pack), BundleIds(bundle_id or uuid.uuid4().hex),
                        iso_time(when), software_version())
    finished = True
    if session is not None:
        from gravida.interview import next_question

        finished = next_question(session) is None
    a = report.assessment
    observations = number_observations(ctx, a.case)
    qr = questionnaire_response(ctx, a, session, finished)
    basis = ["questionnaire-response", *(name for name, _ in observations)]
    entries: list[tuple[str, dict[str, Any]]] = [
        ("risk-assessment", _risk_assessment(ctx, report, basis, finished)),
        ("questionnaire-response", qr),
        *observations,
        ("patient", _patient(ctx)),
        ("device", _device(ctx)),
        *_code_systems(ctx),
    ]
    bundle = {
        "resourceType": "Bundle",
        "id": ctx.ids.uuid("bundle"),
        "identifier": {"system": "urn:ietf:rfc:3986", "value": ctx.ids.url("bundle")},
        "type": "collection",
        "timestamp": ctx.now,
        "entry": [{"fullUrl": ctx.ids.url(name), "resource": res} for name, res in entries],
    }
    return _validate(bundle)


def bundle_json(
    report: Report,
    session: Session | None = None,
    *,
    pack: Pack | None = None,
    now: datetime | None = None,
    bundle_id: str | None = None,
    indent: int | None = 2,
) -> str:
    """The bundle as FHIR JSON text (media type application/fhir+json)."""
    return json.dumps(
        bundle_from_report(report, session, pack=pack, now=now, bundle_id=bundle_id),
        ensure_ascii=False, indent=indent,
    )


def fhir_for_session(
    session: Session, *, now: datetime | None = None, bundle_id: str | None = None
) -> dict[str, Any]:
    """The bundle of an interview: its answers, and the assessment of its case now."""
    report = build_report(session.engine, session.case)
    return bundle_from_report(report, session, now=now, bundle_id=bundle_id)


def fhir_for_interview(
    engine: Engine, session_json: Any, *, now: datetime | None = None,
    bundle_id: str | None = None,
) -> dict[str, Any]:
    """The bundle of a stored interview (its Session.to_json form), for the API.

    Raises gravida.interview.InterviewError (a ValueError whose message says
    what is wrong) when the stored state cannot be replayed with this engine.
    """
    from gravida.interview import Session

    session = Session.from_json(session_json, engine)
    return fhir_for_session(session, now=now, bundle_id=bundle_id)


def entries(bundle: Mapping[str, Any], resource_type: str) -> Iterable[dict[str, Any]]:
    """The resources of one type in a bundle (for readers and tests)."""
    for e in bundle.get("entry", []):
        r = e.get("resource", {})
        if r.get("resourceType") == resource_type:
            yield r
