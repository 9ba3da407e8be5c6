"""What she said as FHIR: her answers (a QuestionnaireResponse) and the numbers (Observations)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from gravida.engine import Assessment, Case
from gravida.knowledge.codes import Codes, plain_number
from gravida.knowledge.i18n import say
from gravida.report.handoff import SOFTWARE_NAME

if TYPE_CHECKING:
    from gravida.interview import Session

from gravida.report.fhir.context import BundleContext

# --- what she said ---------------------------------------------------------------------


def _unknown_answer(codes: Codes) -> dict[str, Any]:
    return {
        "valueCoding": {
            "system": codes.systems.data_absent_reason.uri,
            "code": "asked-unknown",
            "display": "Asked But Unknown",
        }
    }


def _number_answer(ctx: BundleContext, finding: str, value: float) -> dict[str, Any]:
    if finding in ctx.codes.observations:
        return {"valueQuantity": ctx.codes.quantity(finding, value)}
    return {"valueDecimal": plain_number(value)}


def _finding_items(ctx: BundleContext, case: Case, prefix: str = "") -> list[dict[str, Any]]:
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


def _answer_items(ctx: BundleContext, session: Session) -> list[dict[str, Any]]:
    """One item per answer, with what that answer established.

    The interview is replayed answer by answer (as Session.from_json does), so
    a group answered "none of these" lists exactly the members that were still
    open when it was asked, and nothing is inferred twice.
    """
    from gravida.interview import answer, start
    from gravida.interview.session import catalogue

    cat = catalogue(session.engine)
    state = start(session.engine, session.initial, session.volunteered, session.read)
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


def questionnaire_response(
    ctx: BundleContext, a: Assessment, session: Session | None, finished: bool
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


def number_observations(ctx: BundleContext, case: Case) -> list[tuple[str, dict[str, Any]]]:
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
