"""FHIR SDC adaptive questionnaire: ``Questionnaire/$next-question`` over Gravida's interview.

The client posts a QuestionnaireResponse whose contained Questionnaire holds
the questions asked so far; Gravida replays the answers through the SAME
interview engine as the web and the API (gravida.interview: start, answer,
next_question), so the questions, their order and the stop rule are the
web's. It returns the QuestionnaireResponse with the next question appended
(to the contained Questionnaire and as an unanswered item), or, when the
interview stops, completed, with the result as a contained RiskAssessment
(probabilities, codes, the triage level and the rule that set it).

Stateless: the answers in the QuestionnaireResponse are the whole state, so
nothing is stored and any worker can answer. Items carry the pack's codes:
LOINC for numbers (codes.yaml), SNOMED CT where integration.yaml maps the
finding, and Gravida's own finding code always (so a client can tell which
finding an item asks about).
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pydantic import ValidationError

from gravida.engine import Engine
from gravida.interview import InterviewError, Question, Session, answer, next_question, start
from gravida.interview.session import catalogue
from gravida.knowledge.codes import Codes, load_codes
from gravida.knowledge.i18n import N_
from gravida.knowledge.load import Pack
from gravida.report.fhir import entries, fhir_for_session
from gravida.service.errors import FieldError, InvalidRequest
from gravida.service.integration_pack import Integration, load_integration
from gravida.service.validation import field_errors

START = "start"
ASSESSMENT = "result"
QUESTIONNAIRE_ID = "interview"
SDC = "http://hl7.org/fhir/uv/sdc/StructureDefinition"
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"
WEEKS, AGE = "gestational_weeks", "maternal_age"
# QuestionnaireResponse.status codes (FHIR R4B, required binding): not clinical.
STATUSES = ("in-progress", "completed", "amended", "entered-in-error", "stopped")


def _invalid(field: str, message: str, **values: object) -> InvalidRequest:
    """A bad field; ``message`` is marked with N_ (a template when ``values`` are given),
    so the API shows it in the caller's language."""
    error = FieldError.of(field, message, (), **values) if values else FieldError(field, message)
    return InvalidRequest("invalid-questionnaire-response", "The QuestionnaireResponse is not "
                          "valid", f"{field}: {error.message}", [error])


class _Ctx:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.codes: Codes = load_codes(engine.pack)
        self.ig: Integration = load_integration(engine.pack)
        self.finding_system = f"{self.codes.base}/CodeSystem/finding"
        self.answer_system = f"{self.codes.base}/CodeSystem/answer"

    def finding_codings(self, finding: str) -> list[dict[str, Any]]:
        out = []
        if finding in self.codes.observations:
            o = self.codes.observations[finding]
            out.append(self.codes.loinc(o.loinc, o.display))
        for ref in self.ig.data.findings.get(finding, []):
            out.append({"system": self.ig.uri(ref.system), "code": ref.code,
                        "display": ref.display})
        out.append({"system": self.finding_system, "code": finding,
                    "display": self.engine.pack.label(finding)})
        return [{k: v for k, v in c.items() if v is not None} for c in out]


# --- reading the request ---------------------------------------------------------------


def _response(body: Any) -> dict[str, Any]:
    """The QuestionnaireResponse, posted as itself or in Parameters ("questionnaire-response")."""
    if isinstance(body, Mapping) and body.get("resourceType") == "Parameters":
        for p in body.get("parameter") or []:
            if isinstance(p, Mapping) and p.get("name") == "questionnaire-response":
                body = p.get("resource")
                break
        else:
            raise _invalid("parameter", N_("needs a parameter named questionnaire-response"))
    if not isinstance(body, Mapping) or body.get("resourceType") != "QuestionnaireResponse":
        raise _invalid("resourceType",
                       N_("the body must be a QuestionnaireResponse (or Parameters)"))
    if body.get("status") not in STATUSES:
        raise _invalid("status", N_("must be one of %(values)s"), values=", ".join(STATUSES))
    try:
        QuestionnaireResponse.model_validate(body)
    except ValidationError as exc:
        first = field_errors(exc.errors(), limit=1)[0]  # in the caller's language
        raise _invalid(first.field, first.template or first.message,
                       **dict(first.params)) from None
    return dict(body)


def _value(ans: Mapping[str, Any]) -> Any:
    for key in ("valueCoding", "valueDecimal", "valueInteger", "valueBoolean", "valueString"):
        if key in ans:
            return ans[key]
    q = ans.get("valueQuantity")
    return q.get("value") if isinstance(q, Mapping) else None


def _answers(item: Mapping[str, Any]) -> list[Any]:
    return [_value(a) for a in item.get("answer") or [] if isinstance(a, Mapping)]


def _codes(values: list[Any]) -> list[str]:
    return [str(v.get("code")) for v in values if isinstance(v, Mapping)]


def _initial(ctx: _Ctx, item: Mapping[str, Any]) -> dict[str, Any]:
    """The case she gives before any question: weeks, age, where the pain is."""
    children = {str(c.get("linkId")): c for c in item.get("item") or [] if isinstance(c, Mapping)}
    case: dict[str, Any] = {"present": []}
    for number in (WEEKS, AGE):
        got = _answers(children.get(number, {}))
        if got and got[0] is not None:
            case[number] = got[0]
    if WEEKS not in case:
        raise _invalid(f"item[{START}].{WEEKS}",
                       N_("is required: how many weeks pregnant she is"))
    cat = catalogue(ctx.engine)
    for gid in cat.volunteered:
        chosen = _codes(_answers(children.get(gid, {})))
        case["present"] += [f for f in chosen if f in cat.questions[gid].findings]
    return case


def _reply(q: Question, item: Mapping[str, Any], ctx: _Ctx) -> Any:
    """An item's answer in the interview's terms: true/false/null, numbers, or members."""
    if q.parts and len(q.parts) > 1:
        kids = {str(c.get("linkId")): c for c in item.get("item") or [] if isinstance(c, Mapping)}
        numbers = {p.finding: _answers(kids.get(f"{q.id}.{p.finding}", {})) for p in q.parts}
        return {f: v[0] for f, v in numbers.items() if v and v[0] is not None} or None
    values = _answers(item)
    if not values:
        return None  # not answered: don't know
    if q.kind == "number":
        return values[0]
    codes = _codes(values)
    if q.kind == "yes_no":
        by_code = {a.code: k for k, a in ctx.ig.data.questionnaire.answers.items()}
        word = by_code.get(codes[0]) if codes else None
        if isinstance(values[0], bool):
            return values[0]
        return {"yes": True, "no": False}.get(word or "")
    if "dont-know" in codes:
        return None
    if "none" in codes:
        return False
    return codes


# --- writing the response ----------------------------------------------------------------


def _start_item(ctx: _Ctx) -> dict[str, Any]:
    cat = catalogue(ctx.engine)
    qw = ctx.ig.data.questionnaire
    kids: list[dict[str, Any]] = []
    for number, required in ((WEEKS, True), (AGE, False)):
        spec = cat.questions.get(number) or cat.questions[cat.by_finding[number]]
        part = spec.parts[0] if spec.parts else None
        kids.append(_decimal(ctx, number, number, spec.text, required,
                             (part.lo, part.hi, part.unit) if part else None))
    for gid in cat.volunteered:
        g = cat.questions[gid]
        kids.append({"linkId": gid, "text": g.text, "type": "choice", "repeats": True,
                     "answerOption": [{"valueCoding": {"system": ctx.finding_system, "code": f,
                                                       "display": t}}
                                      for f, t in zip(g.findings, g.items, strict=True)]})
    return {"linkId": START, "text": qw.start_text, "type": "group", "required": True,
            "item": kids}


def _decimal(ctx: _Ctx, link: str, finding: str, text: str, required: bool,
             limits: tuple[float, float, str] | None) -> dict[str, Any]:
    item: dict[str, Any] = {"linkId": link, "text": text, "type": "decimal",
                            "code": ctx.finding_codings(finding)}
    if required:
        item["required"] = True
    if limits is not None:
        lo, hi, unit = limits
        item["extension"] = [{"url": MIN_VALUE, "valueDecimal": lo},
                             {"url": MAX_VALUE, "valueDecimal": hi},
                             {"url": UNIT, "valueCoding": {"display": unit}}]
    return item


def _question_item(ctx: _Ctx, q: Question) -> dict[str, Any]:
    qw = ctx.ig.data.questionnaire
    if q.kind == "number":
        if len(q.parts) == 1:
            p = q.parts[0]
            return _decimal(ctx, q.id, p.finding, q.text, False, (p.lo, p.hi, p.unit))
        return {"linkId": q.id, "text": q.text, "type": "group",
                "item": [_decimal(ctx, f"{q.id}.{p.finding}", p.finding, p.label, False,
                                  (p.lo, p.hi, p.unit)) for p in q.parts]}
    if q.kind == "yes_no":
        loinc = ctx.ig.uri("loinc")
        return {"linkId": q.id, "text": q.text, "type": "choice",
                "code": ctx.finding_codings(q.findings[0]),
                "answerOption": [{"valueCoding": {"system": loinc, "code": a.code,
                                                  "display": a.display}}
                                 for a in qw.answers.values()]}
    options = [{"valueCoding": {"system": ctx.finding_system, "code": o.finding,
                                "display": o.text}} for o in q.options]
    spec = catalogue(ctx.engine).questions[q.id]
    if not spec.must_choose:
        options.append({"valueCoding": {"system": ctx.answer_system, "code": "none",
                                        "display": qw.none_of_these}})
    options.append({"valueCoding": {"system": ctx.answer_system, "code": "dont-know",
                                    "display": qw.dont_know}})
    return {"linkId": q.id, "text": q.text, "type": "choice", "repeats": True,
            "code": [c for f in q.findings for c in ctx.finding_codings(f)],
            "answerOption": options}


def _result(ctx: _Ctx, session: Session, qr: dict[str, Any]) -> dict[str, Any]:
    """The finished interview's RiskAssessment, contained and pointing at its response."""
    bundle = fhir_for_session(session, bundle_id="sdc")
    risk = next(iter(entries(bundle, "RiskAssessment")))
    risk["id"] = ASSESSMENT
    risk["subject"] = qr.get("subject") or {"display": ctx.ig.data.words.software}
    risk["performer"] = {"display": ctx.ig.data.words.software}
    risk["basis"] = [{"reference": "#"}]
    return risk


# The next question of each interview state seen lately. A state's next question never
# changes, and every $next-question call replays all earlier answers, so without this
# each call would re-plan every earlier step. Bounded; not clinical.
PLANS_KEPT = 4096


class _Plans:
    """The next questions of a pack's recent interview states, by state (LRU, thread-safe).

    Kept in the Pack's memo (``_plans``), so a state planned with one pack (or one
    language's texts) never answers for another."""

    def __init__(self) -> None:
        self.items: OrderedDict[str, Question | None] = OrderedDict()
        self.lock = threading.Lock()

    def next(self, session: Session) -> Question | None:
        key = json.dumps(session.to_json(), sort_keys=True)
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        q = next_question(session)
        with self.lock:
            self.items[key] = q
            while len(self.items) > PLANS_KEPT:
                self.items.popitem(last=False)
        return q


def _plans(pack: Pack) -> _Plans:
    return _Plans()


def _next(session: Session) -> Question | None:
    return session.engine.pack.memo(_plans).next(session)


def next_question_of(engine: Engine, body: Any) -> dict[str, Any]:
    """The SDC ``$next-question`` operation: the response with the next step applied."""
    ctx = _Ctx(engine)
    qr = _response(body)
    items = [dict(i) for i in qr.get("item") or [] if isinstance(i, Mapping)]
    questionnaire_items = [_start_item(ctx)]
    out_items: list[dict[str, Any]] = []
    if not items or items[0].get("linkId") != START or not _answers_anywhere(items[0]):
        return _finish(ctx, qr, questionnaire_items, [{"linkId": START,
                       "text": questionnaire_items[0]["text"]}], None)
    try:
        session = start(engine, _initial(ctx, items[0]), catalogue(engine).volunteered)
    except InterviewError as exc:
        raise _invalid(f"item[{START}]", str(exc)) from None
    out_items.append(items[0])
    for n, item in enumerate(items[1:], start=1):
        q = _next(session)
        link = str(item.get("linkId"))
        if q is None or link != q.id:
            if q is None:
                raise _invalid(f"item[{n}].linkId", N_("%(link)s is not the question Gravida "
                               "asked next (none: the interview had stopped)"), link=repr(link))
            raise _invalid(f"item[{n}].linkId", N_("%(link)s is not the question Gravida asked "
                           "next (%(expected)s)"), link=repr(link), expected=q.id)
        questionnaire_items.append(_question_item(ctx, q))
        try:  # an item left without an answer was skipped: "don't know"
            session = answer(session, q.id, _reply(q, item, ctx))
        except InterviewError as exc:
            raise _invalid(f"item[{n}].answer", str(exc)) from None
        out_items.append(item)
    q = _next(session)
    if q is not None:
        qi = _question_item(ctx, q)
        questionnaire_items.append(qi)
        out_items.append({"linkId": q.id, "text": q.text})
        return _finish(ctx, qr, questionnaire_items, out_items, None)
    return _finish(ctx, qr, questionnaire_items, out_items, session)


def _answers_anywhere(item: Mapping[str, Any]) -> bool:
    if item.get("answer"):
        return True
    return any(_answers_anywhere(i) for i in item.get("item") or [] if isinstance(i, Mapping))


def _finish(ctx: _Ctx, qr: dict[str, Any], q_items: list[dict[str, Any]],
            r_items: list[dict[str, Any]], done: Session | None) -> dict[str, Any]:
    qw = ctx.ig.data.questionnaire
    questionnaire: dict[str, Any] = {
        "resourceType": "Questionnaire", "id": QUESTIONNAIRE_ID,
        "meta": {"profile": [f"{SDC}/sdc-questionnaire-adapt"]},
        "url": ctx.codes.questionnaire, "version": ctx.engine.pack.version,
        "title": qw.title, "status": "active", "item": q_items,
    }
    out: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        **{k: qr[k] for k in ("id", "identifier", "subject", "author", "authored") if k in qr},
        "meta": {"profile": [f"{SDC}/sdc-questionnaireresponse-adapt"]},
        "contained": [questionnaire],
        "questionnaire": f"#{QUESTIONNAIRE_ID}",
        "status": "in-progress",
        "item": r_items,
    }
    if done is not None:
        risk = _result(ctx, done, out)
        out["contained"].append(risk)
        out["status"] = "completed"
        out["extension"] = [{"url": f"{ctx.codes.base}/StructureDefinition/assessment",
                             "valueReference": {"reference": f"#{ASSESSMENT}"}}]
        a = done.engine.assess(done.case)
        top = next((c.name for c in a.conditions if c.probability > 0), "-")
        text = qw.result_text.format(level=ctx.codes.triage_levels[a.triage.level], leading=top)
        questionnaire["item"].append({"linkId": ASSESSMENT, "text": text, "type": "display"})
    try:
        model = QuestionnaireResponse.model_validate(out)
    except ValidationError as exc:  # a bug, not bad input: say where
        first = exc.errors()[0]
        raise RuntimeError(f"$next-question built invalid R4B at {first['loc']}: "
                           f"{first['msg']}") from None
    result: dict[str, Any] = json.loads(model.model_dump_json())
    return result
