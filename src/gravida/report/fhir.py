"""The clinician hand-off as a FHIR R4B Bundle.

A midwife's or doctor's system does not read Gravida's JSON; it reads FHIR.
The bundle carries what she said (a QuestionnaireResponse), the numbers as
coded Observations (LOINC, UCUM), and the result as a RiskAssessment: every
condition with its probability, coded in ICD-10 (and SNOMED CT where certain),
the triage level and the rule that set it, performed by a Device that names
the software and knowledge-pack versions, so a reader can tell which
knowledge produced the answer.

R4B, not R5 (docs/fhir.md): R4B's resources are R4's for everything used
here, and most EHRs and national exchanges run R4.

Every resource is built as plain data and then validated by constructing the
fhir.resources R4B models, so a malformed bundle fails here, never in the
receiver. All codes come from the pack's codes.yaml (gravida.knowledge.codes).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from gravida.engine import Assessment, Case, Engine
from gravida.knowledge.codes import Codes, load_codes, plain_number
from gravida.knowledge.i18n import say
from gravida.knowledge.load import Pack
from gravida.report import Report, build_report, factor_words
from gravida.report.handoff import (
    DISCLAIMER,
    SOFTWARE_NAME,
    HandoffError,
    pack_of,
    software_version,
)

if TYPE_CHECKING:
    from gravida.interview import Session

# FHIR RiskAssessment.prediction.probabilityDecimal is a percentage (R4/R4B: "Decimal values
# are expressed as percentages as well (max = 100)", invariant ras-2). Not clinical.
PERCENT = 100.0
PERCENT_DIGITS = 4  # = 6 decimals of the 0-1 probability, as Report.to_json rounds it


class FhirError(HandoffError):
    """The bundle could not be built as valid FHIR (a bug or a broken pack, not bad input)."""


def _iso(t: datetime) -> str:
    return t.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class _Ids:
    """Resource ids: uuid5 under one key, so a given bundle_id gives a reproducible bundle."""

    key: str

    def uuid(self, name: str) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"urn:gravida:{self.key}/{name}"))

    def url(self, name: str) -> str:
        return f"urn:uuid:{self.uuid(name)}"

    def ref(self, name: str, display: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"reference": self.url(name)}
        if display:
            out["display"] = display
        return out


@dataclass(frozen=True)
class _Ctx:
    pack: Pack
    codes: Codes
    ids: _Ids
    now: str
    software: str


# --- what she said ---------------------------------------------------------------------


def _unknown_answer(codes: Codes) -> dict[str, Any]:
    return {
        "valueCoding": {
            "system": codes.systems.data_absent_reason.uri,
            "code": "asked-unknown",
            "display": "Asked But Unknown",
        }
    }


def _number_answer(ctx: _Ctx, finding: str, value: float) -> dict[str, Any]:
    if finding in ctx.codes.observations:
        return {"valueQuantity": ctx.codes.quantity(finding, value)}
    return {"valueDecimal": plain_number(value)}


def _finding_items(ctx: _Ctx, case: Case, prefix: str = "") -> list[dict[str, Any]]:
    """One item per stated finding: numbers in vocabulary order, then yes, then no."""
    items: list[dict[str, Any]] = []
    for fid in ctx.pack.numbers:
        if fid in case.numbers:
            items.append({"linkId": prefix + fid, "text": ctx.pack.label(fid),
                          "answer": [_number_answer(ctx, fid, case.numbers[fid])]})
    for fid in sorted(case.present):
        items.append({"linkId": prefix + fid, "text": ctx.pack.label(fid),
                      "answer": [{"valueBoolean": True}]})
    for fid in sorted(case.absent):
        items.append({"linkId": prefix + fid, "text": ctx.pack.label(fid),
                      "answer": [{"valueBoolean": False}]})
    return items


def _diff(before: Case, after: Case) -> tuple[dict[str, float], list[str], list[str]]:
    numbers = {f: v for f, v in after.numbers.items() if before.numbers.get(f) != v}
    present = sorted(after.present - before.present)
    absent = sorted(after.absent - before.absent)
    return numbers, present, absent


def _answer_items(ctx: _Ctx, session: Session) -> list[dict[str, Any]]:
    """One item per answer, with what that answer established.

    The interview is replayed answer by answer (as Session.from_json does), so
    a group answered "none of these" lists exactly the members that were still
    open when it was asked, and nothing is inferred twice.
    """
    from gravida.interview import answer, start
    from gravida.interview.session import catalogue

    cat = catalogue(session.engine)
    state = start(session.engine, session.initial, session.volunteered)
    items: list[dict[str, Any]] = []
    for a in session.answers:
        before = state.case
        state = answer(state, a.question, a.value)
        numbers, present, absent = _diff(before, state.case)
        q = cat.questions[a.question]
        item: dict[str, Any] = {"linkId": q.id, "text": q.text}
        if a.value is None:
            item["answer"] = [_unknown_answer(ctx.codes)]
        elif q.kind == "yes_no":
            item["answer"] = [{"valueBoolean": bool(a.value)}]
        elif q.kind == "number":
            parts = {p.finding: p for p in q.parts}
            if len(q.parts) == 1:
                fid = q.parts[0].finding
                v = numbers.get(fid, state.case.numbers.get(fid))
                item["answer"] = (
                    [_number_answer(ctx, fid, v)] if v is not None else [_unknown_answer(ctx.codes)]
                )
            else:
                item["item"] = [
                    {"linkId": f"{q.id}.{fid}", "text": parts[fid].label,
                     "answer": [_number_answer(ctx, fid, v)]}
                    for fid, v in numbers.items() if fid in parts
                ]
        else:  # group
            words = dict(zip(q.findings, q.items, strict=True))
            children = [
                {"linkId": f"{q.id}.{fid}", "text": words.get(fid, ctx.pack.label(fid)),
                 "answer": [{"valueBoolean": fid in present}]}
                for fid in sorted(set(present) | set(absent), key=_order(q.findings))
            ]
            if children:
                item["item"] = children
            else:  # "yes" still waiting for which ones
                item["answer"] = [{"valueBoolean": True}]
        if "answer" not in item and not item.get("item"):
            item["answer"] = [_unknown_answer(ctx.codes)]
        items.append(item)
    return items


def _order(findings: Sequence[str]) -> Any:
    pos = {f: i for i, f in enumerate(findings)}
    return lambda f: (pos.get(f, len(pos)), f)


def _questionnaire_response(
    ctx: _Ctx, a: Assessment, session: Session | None, finished: bool
) -> dict[str, Any]:
    if session is None:
        items = _finding_items(ctx, a.case)
    else:
        initial = Case.from_dict(session.initial, ctx.pack)
        items = []
        known = _finding_items(ctx, initial, prefix="initial.")
        if known:
            items.append({"linkId": "initial",
                          "text": say(ctx.pack.lang, "Known before the interview"),
                          "item": known})
        items.extend(_answer_items(ctx, session))
    qr: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": ctx.ids.uuid("questionnaire-response"),
        "questionnaire": f"{ctx.codes.questionnaire}|{ctx.pack.version}",
        "status": "completed" if finished else "in-progress",
        "subject": ctx.ids.ref("patient"),
        "authored": ctx.now,
        "author": ctx.ids.ref("device", SOFTWARE_NAME),
        "source": ctx.ids.ref("patient"),
    }
    if items:
        qr["item"] = items
    return qr


# --- the numbers -------------------------------------------------------------------------


def _observations(ctx: _Ctx, case: Case) -> list[tuple[str, dict[str, Any]]]:
    """One Observation per number; numbers of a panel (blood pressure) as its components."""
    codes = ctx.codes
    out: list[tuple[str, dict[str, Any]]] = []
    done_panels: set[str] = set()
    for fid, oc in codes.observations.items():
        if fid not in case.numbers:
            continue
        base: dict[str, Any] = {
            "resourceType": "Observation",
            "status": "final",
            "subject": ctx.ids.ref("patient"),
            "effectiveDateTime": ctx.now,
            "note": [{"text": say(ctx.pack.lang,
                                  "Stated to Gravida; how it was measured is not recorded.")}],
        }
        if oc.panel is None:
            name = f"observation/{fid}"
            out.append((name, {
                **base,
                "id": ctx.ids.uuid(name),
                "category": [codes.category(oc.category)],
                "code": {"coding": [codes.loinc(oc.loinc, oc.display)],
                         "text": ctx.pack.label(fid)},
                "valueQuantity": codes.quantity(fid, case.numbers[fid]),
            }))
            continue
        if oc.panel in done_panels:
            continue
        done_panels.add(oc.panel)
        panel = codes.panels[oc.panel]
        members = [(m, mc) for m, mc in codes.observations.items()
                   if mc.panel == oc.panel and m in case.numbers]
        name = f"observation/{oc.panel}"
        out.append((name, {
            **base,
            "id": ctx.ids.uuid(name),
            "category": [codes.category(panel.category)],
            "code": {"coding": [codes.loinc(panel.loinc, panel.display)],
                     "text": panel.label},
            "component": [
                {"code": {"coding": [codes.loinc(mc.loinc, mc.display)],
                          "text": ctx.pack.label(m)},
                 "valueQuantity": codes.quantity(m, case.numbers[m])}
                for m, mc in members
            ],
        }))
    return out


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
                         + "; ".join(factor_words(f, report.lang) for f in e.raised))
        if e.lowered:
            parts.append(say(report.lang, "against:") + " "
                         + "; ".join(factor_words(f, report.lang) for f in e.lowered))
        if parts:
            out[e.condition] = ". ".join(parts)
    return out


def _triage_extension(ctx: _Ctx, a: Assessment) -> dict[str, Any]:
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
    ctx: _Ctx, report: Report, basis: list[str], finished: bool
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


def _patient(ctx: _Ctx) -> dict[str, Any]:
    """An anonymous subject: Gravida holds no identity; the receiver links its own record."""
    return {"resourceType": "Patient", "id": ctx.ids.uuid("patient")}


def _device(ctx: _Ctx) -> dict[str, Any]:
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


def _code_systems(ctx: _Ctx) -> list[tuple[str, dict[str, Any]]]:
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
    ctx = _Ctx(pack, load_codes(pack), _Ids(bundle_id or uuid.uuid4().hex), _iso(when),
               software_version())
    finished = True
    if session is not None:
        from gravida.interview import next_question

        finished = next_question(session) is None
    a = report.assessment
    observations = _observations(ctx, a.case)
    qr = _questionnaire_response(ctx, a, session, finished)
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
