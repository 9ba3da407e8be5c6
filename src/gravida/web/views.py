"""What the pages show, computed from the service's values: plain words, never ids.

Everything here is a pure function of the service's JSON views, the report
and the knowledge pack, so the pages' content is tested without a browser and
the routes only fetch, call these, and render. Nothing clinical is decided
here: levels, causes, advice and wording come from the engine, the advice
plan and the pack; this module only arranges them for a person to read.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gravida.engine import Factor
from gravida.interview.catalogue import Catalogue
from gravida.knowledge.load import Pack
from gravida.report import Report, factor_words

# Headings for the advice topics of advice.yaml (interface words, not advice);
# a topic without one is shown as its own name.
TOPIC_WORDS: dict[str, str] = {
    "posture": "Standing and sitting",
    "sleep": "Sleeping and lying down",
    "lifting": "Lifting and carrying",
    "shoes": "Shoes",
    "support": "Support belts and garments",
    "exercise": "Exercise and movement",
    "warmth": "Warmth",
    "physiotherapy": "Physiotherapy",
    "rest": "Rest and pacing",
    "nutrition": "Food and drink",
    "urinary": "Drinking and passing urine",
    "follow_up": "Follow-up",
}
# Not clinical: how many causes the clinician summary lists.
SUMMARY_CONDITIONS = 6
# Not clinical: longest free text the start form accepts (the intake bounds it again).
MAX_TEXT = 4000


class FormProblem(ValueError):
    """An answer form that cannot be used as sent; the message is for the person."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


# --- small formatting helpers ---------------------------------------------------


def percent(p: float) -> str:
    """A probability as a person reads it: whole percent, never a false 0%."""
    if not math.isfinite(p) or p <= 0:
        return "less than 1%"
    pct = round(p * 100)
    if pct < 1:
        return "less than 1%"
    if pct >= 100 and p < 1:
        return "more than 99%"
    return f"{pct}%"


def bar_class(p: float) -> str:
    """The CSS width class of a probability bar (w-0 .. w-100), at least 1 when shown."""
    if not math.isfinite(p):
        return "w-0"
    return f"w-{min(100, max(1, round(p * 100)))}"


def level_class(level: str) -> str:
    return "level-" + level.replace("_", "-")


def number_text(value: float) -> str:
    return f"{value:g}"


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def number_words(pack: Pack, finding: str, value: float) -> str:
    """A measurement in words with its unit ("temperature: 38.7 °C"; a 0-10 scale: "7 of 10")."""
    label = pack.label(finding)
    fdef = pack.findings.get(finding)
    unit = fdef.unit if fdef is not None and fdef.unit else ""
    if unit[:1].isdigit() and "-" in unit:  # a scale such as "0-10"
        top = unit.split("-", 1)[1]
        return f"{label}: {number_text(value)} of {top}"
    return f"{label}: {number_text(value)} {unit}".rstrip()


def absent_words(pack: Pack, finding: str) -> str:
    return factor_words(Factor(finding, pack.label(finding), "absent", 1.0))


def known_findings(pack: Pack, case: Mapping[str, Any]) -> dict[str, list[str]]:
    """What is known, in words: measurements, what she has, what she does not have."""
    numbers = [
        number_words(pack, k, float(v))
        for k, v in case.items()
        if k not in ("present", "absent") and isinstance(v, int | float)
        and not isinstance(v, bool)
    ]
    present = [capfirst(pack.label(f)) for f in case.get("present", []) if isinstance(f, str)]
    absent = [capfirst(absent_words(pack, f)) for f in case.get("absent", []) if isinstance(f, str)]
    return {"numbers": [capfirst(n) for n in numbers], "present": present, "absent": absent}


def answer_words(catalogue: Catalogue, pack: Pack, item: Mapping[str, Any]) -> dict[str, str]:
    """One stored answer as question and reply in words (for the clinician summary)."""
    q = catalogue.get(str(item.get("question")))
    value = item.get("answer")
    if q is None:
        return {"question": "(a question no longer asked)", "answer": "-"}
    if value is None:
        reply = "Don't know"
    elif value is True:
        reply = "Yes"
    elif value is False:
        reply = "None of these" if q.kind == "group" else "No"
    elif isinstance(value, list):
        words = dict(zip(q.findings, q.items, strict=False))
        reply = "; ".join(capfirst(words.get(str(f), pack.label(str(f)))) for f in value)
    elif isinstance(value, Mapping):
        reply = "; ".join(
            number_words(pack, str(f), float(v))
            for f, v in value.items()
            if isinstance(v, int | float) and not isinstance(v, bool)
        ) or "Don't know"
    else:
        reply = str(value)
    text = q.text
    if q.kind == "group":  # "Do you have any of these?" needs the list it was asked about
        text = f"{q.text} ({'; '.join(q.items)})"
    return {"question": text, "answer": reply}


# --- reading an answer form -------------------------------------------------------


def _first(form: Mapping[str, Sequence[str]], name: str) -> str:
    values = form.get(name) or [""]
    return values[0].strip()


def parse_number(raw: str) -> float | None:
    """A number as typed on a phone ("38,5" too); None when it is not one."""
    text = raw.strip().replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def answer_from_form(question: Mapping[str, Any], form: Mapping[str, Sequence[str]]) -> Any:
    """The interview answer a submitted question form means; FormProblem says what to fix.

    Buttons: ``answer`` is yes / no / dont_know, or for choices and numbers
    continue / none / dont_know. Choices come as ``choice`` values, numbers as
    ``n_<finding>`` fields.
    """
    kind = question.get("kind")
    action = _first(form, "answer")
    if action == "dont_know":
        return None
    if kind == "yes_no":
        if action == "yes":
            return True
        if action == "no":
            return False
        raise FormProblem("Please choose Yes, No or Don't know.")
    if kind == "number":
        parts = question.get("parts") or []
        values: dict[str, float] = {}
        for part in parts:
            finding = str(part["finding"])
            raw = _first(form, f"n_{finding}")
            if not raw:
                continue
            lo, hi = (float(x) for x in part["range"])
            value = parse_number(raw)
            label, unit = str(part["label"]), str(part["unit"])
            if value is None or not lo <= value <= hi:
                scale = f"on the scale {unit}" if unit[:1].isdigit() else unit
                raise FormProblem(
                    f"Please give {label} as a number from {number_text(lo)} to "
                    f"{number_text(hi)} {scale}, or press Don't know.".replace("  ", " "),
                    f"n_{finding}",
                )
            values[finding] = value
        if values:
            return values
        if len(parts) > 1:  # a form of optional measurements left blank: none known
            return None
        field = f"n_{parts[0]['finding']}" if parts else ""
        raise FormProblem("Please type a number, or press Don't know.", field)
    if kind in ("group", "choose"):
        options = [str(o["finding"]) for o in question.get("options") or []]
        chosen = [c for c in dict.fromkeys(form.get("choice") or []) if c in options]
        if action == "none":
            if chosen:
                raise FormProblem(
                    "You ticked some of these but pressed None of these. Untick them, or "
                    "press Continue.")
            return False
        if not chosen:
            raise FormProblem(
                "Please tick at least one, or press None of these or Don't know."
                if kind == "group" else "Please tick the ones that apply.")
        return chosen
    raise FormProblem("This question cannot be answered here. Please start again.")


# --- the pages' content -------------------------------------------------------------


def topic_words(topic: str) -> str:
    return TOPIC_WORDS.get(topic) or capfirst(topic.replace("_", " "))


def by_topic(items: Sequence[Any]) -> list[dict[str, Any]]:
    """Plan items grouped by topic, in the plan's order, each group with a heading."""
    groups: dict[str, list[str]] = {}
    for item in items:
        groups.setdefault(item.topic, []).append(item.text)
    return [{"title": topic_words(t), "texts": texts} for t, texts in groups.items()]


@dataclass(frozen=True)
class Cause:
    name: str
    percent: str
    bar: str
    towards: tuple[str, ...]
    against: tuple[str, ...]


def level_meaning(pack: Pack, level: str) -> str:
    return next((t.meaning for t in pack.vocabulary.triage_levels if t.id == level), level)


def result_view(report: Report) -> dict[str, Any]:
    """The result page: the banner, causes with bars, why, the plan and the safety net."""
    a, plan = report.assessment, report.plan
    pack_meaning = a.triage.meaning
    causes = [
        Cause(
            capfirst(str(w["name"])),
            percent(float(w["probability"])),
            bar_class(float(w["probability"])),
            tuple(capfirst(x) for x in w["for"]),
            tuple(capfirst(x) for x in w["against"]),
        )
        for w in report.why()
    ]
    return {
        "level": a.triage.level,
        "level_class": level_class(a.triage.level),
        "headline": pack_meaning,
        "now": plan.now,
        "urgent": plan.urgent,
        "causes": causes,
        "self_care": by_topic(plan.self_care),
        "avoid": [i.text for i in plan.avoid],
        "medicine_advice": [
            {
                "text": m.text,
                "medicines": [
                    {"name": x.name, "verdict": x.verdict, "verdict_text": x.verdict_text}
                    for x in m.medicines
                ],
            }
            for m in plan.medicine_advice
        ],
        "safety_intro": plan.safety_net_intro,
        "safety_net": [s.text for s in plan.safety_net],
        "weeks": number_text(plan.weeks),
    }


def summary_view(report: Report, pack: Pack, catalogue: Catalogue,
                 answers: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The clinician summary: findings, level and what set it, differential, answers."""
    a = report.assessment
    case = a.case.to_json()
    conditions = [
        {"name": c.name, "lay_name": c.lay_name, "percent": percent(c.probability)}
        for c in a.conditions[:SUMMARY_CONDITIONS]
    ]
    reasons: list[str] = []
    for r in a.triage.reasons:
        if r.says and r.says not in reasons and r.says != a.triage.set_by.says:
            reasons.append(r.says)
    return {
        "weeks": number_text(a.evidence.weeks),
        "level_meaning": a.triage.meaning,
        "set_by": a.triage.set_by.says,
        "reasons": reasons[:4],
        "conditions": conditions,
        "known": known_findings(pack, case),
        "answers": [answer_words(catalogue, pack, x) for x in answers],
        "pack_version": a.pack_version,
    }


def medicine_view(verdict: Mapping[str, Any], prescription_words: str) -> dict[str, Any]:
    """A medicine check's answer as the result page shows it.

    ``prescription_words`` is the pack's wording for a prescription-only
    medicine (the verdict's JSON carries only the flag).
    """
    return {
        "query": str(verdict.get("query") or ""),
        "name": verdict.get("name"),
        "found": verdict.get("medicine") is not None,
        "verdict": str(verdict.get("verdict") or "unknown"),
        "verdict_text": str(verdict.get("verdict_text") or ""),
        "reason": str(verdict.get("reason") or ""),
        "stage_note": str(verdict.get("stage_note") or ""),
        "dose": verdict.get("dose_limit"),
        "note": verdict.get("note"),
        "prescription": prescription_words if verdict.get("prescription_only") else None,
        "match_note": verdict.get("match_note"),
    }
