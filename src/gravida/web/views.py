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
from typing import Any

from gravida.advice.medicines import MedicineVerdict
from gravida.engine import Factor
from gravida.interview.catalogue import Catalogue
from gravida.knowledge import i18n
from gravida.knowledge.i18n import N_, _
from gravida.knowledge.load import Pack
from gravida.knowledge.wording import wording_for
from gravida.report import Report, factor_words

# Headings for the advice topics of advice.yaml (interface words, not advice);
# a topic without one is shown as its own name.
TOPIC_WORDS: dict[str, str] = {
    "posture": N_("Standing and sitting"),
    "sleep": N_("Sleeping and lying down"),
    "lifting": N_("Lifting and carrying"),
    "shoes": N_("Shoes"),
    "support": N_("Support belts and garments"),
    "exercise": N_("Exercise and movement"),
    "warmth": N_("Warmth"),
    "physiotherapy": N_("Physiotherapy"),
    "rest": N_("Rest and pacing"),
    "nutrition": N_("Food and drink"),
    "urinary": N_("Drinking and passing urine"),
    "follow_up": N_("Follow-up"),
}
# Interface words for where an investigation sits on the imaging ladder (the
# ladder itself, and why, are the work-up's: advice/workup/ and workup.yaml).
LINE_WORDS: dict[str, str] = {"second": N_("second line"), "ionising": N_("ionising radiation")}
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
    """A probability as a person reads it: whole percent, never a false 0%, written
    the way her language writes it."""
    if not math.isfinite(p) or p <= 0:
        return _("less than 1%")
    pct = round(p * 100)
    if pct < 1:
        return _("less than 1%")
    if pct >= 100 and p < 1:
        return _("more than 99%")
    return i18n.percent(pct / 100)


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


def midsentence(text: str) -> str:
    """A name as it reads inside a sentence ("A kidney infection" -> "a kidney infection").

    Only the first letter changes, and not when the second is a capital too,
    so an acronym at the start ("HELLP syndrome") is left as it is.
    """
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def number_words(pack: Pack, finding: str, value: float) -> str:
    """A measurement in words with its unit ("temperature: 38.7 °C"; a 0-10 scale: "7 of 10")."""
    label = pack.label(finding)
    fdef = pack.findings.get(finding)
    unit = fdef.unit if fdef is not None and fdef.unit else ""
    if unit[:1].isdigit() and "-" in unit:  # a scale such as "0-10"
        top = unit.split("-", 1)[1]
        return _("%(label)s: %(value)s of %(top)s") % {
            "label": label, "value": number_text(value), "top": top}
    return f"{label}: {number_text(value)} {unit}".rstrip()


def absent_words(pack: Pack, finding: str) -> str:
    return factor_words(Factor(finding, pack.label(finding), "absent", 1.0), wording_for(pack))


def known_findings(pack: Pack, case: Mapping[str, Any]) -> dict[str, list[str]]:
    """What is known, in words: measurements, what she has, what she does not have.

    Never a double negative: under "Absent" the finding's label, in her own
    list the pack's negative wording ("The baby is moving as usual").
    """
    numbers = [
        number_words(pack, k, float(v))
        for k, v in case.items()
        if k not in ("present", "absent") and isinstance(v, int | float)
        and not isinstance(v, bool)
    ]
    present = [capfirst(pack.label(f)) for f in case.get("present", []) if isinstance(f, str)]
    absent = [f for f in case.get("absent", []) if isinstance(f, str)]
    return {
        "numbers": [capfirst(n) for n in numbers],
        "present": present,
        # a clinician's "Absent:" list names the finding; her list says it as absent
        "absent": [capfirst(pack.label(f)) for f in absent],
        "absent_words": [capfirst(absent_words(pack, f)) for f in absent],
    }


def answer_words(catalogue: Catalogue, pack: Pack, item: Mapping[str, Any]) -> dict[str, str]:
    """One stored answer as question and reply in words (for the clinician summary)."""
    q = catalogue.get(str(item.get("question")))
    value = item.get("answer")
    if q is None:
        return {"question": _("(a question no longer asked)"), "answer": "-"}
    if value is None:
        reply = _("Don't know")
    elif value is True:
        reply = _("Yes")
    elif value is False:
        reply = _("None of these") if q.kind == "group" else _("No")
    elif isinstance(value, list):
        words = dict(zip(q.findings, q.items, strict=False))
        reply = "; ".join(capfirst(words.get(str(f), pack.label(str(f)))) for f in value)
    elif isinstance(value, Mapping):
        reply = "; ".join(
            number_words(pack, str(f), float(v))
            for f, v in value.items()
            if isinstance(v, int | float) and not isinstance(v, bool)
        ) or _("Don't know")
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
        raise FormProblem(_("Please choose Yes, No or Don't know."))
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
                scale = _("on the scale {unit}").format(unit=unit) if unit[:1].isdigit() else unit
                raise FormProblem(
                    _("Please give {label} as a number from {lo} to {hi} {scale}, or press "
                      "Don't know.").format(label=label, lo=number_text(lo), hi=number_text(hi),
                                            scale=scale).replace("  ", " "),
                    f"n_{finding}",
                )
            values[finding] = value
        if values:
            return values
        if len(parts) > 1:  # a form of optional measurements left blank: none known
            return None
        field = f"n_{parts[0]['finding']}" if parts else ""
        raise FormProblem(_("Please type a number, or press Don't know."), field)
    if kind in ("group", "choose"):
        options = [str(o["finding"]) for o in question.get("options") or []]
        chosen = [c for c in dict.fromkeys(form.get("choice") or []) if c in options]
        if action == "none":
            if chosen:
                raise FormProblem(_(
                    "You ticked some of these but pressed None of these. Untick them, or "
                    "press Continue."))
            return False
        if not chosen:
            raise FormProblem(
                _("Please tick at least one, or press None of these or Don't know.")
                if kind == "group" else _("Please tick the ones that apply."))
        return chosen
    raise FormProblem(_("This question cannot be answered here. Please start again."))


# --- the pages' content -------------------------------------------------------------


def topic_words(topic: str) -> str:
    words = TOPIC_WORDS.get(topic)
    return _(words) if words else capfirst(topic.replace("_", " "))


def by_topic(items: Sequence[Any]) -> list[dict[str, Any]]:
    """Plan items grouped by topic, in the plan's order, each group with a heading."""
    groups: dict[str, list[str]] = {}
    for item in items:
        groups.setdefault(item.topic, []).append(item.text)
    return [{"title": topic_words(t), "texts": texts} for t, texts in groups.items()]


def level_meaning(pack: Pack, level: str) -> str:
    return next((t.meaning for t in pack.vocabulary.triage_levels if t.id == level), level)


def next_view(report: Report) -> dict[str, Any]:
    """What happens next, for her: the report's "what to expect" arranged for the page.

    Her level's next steps, what usually happens if it is each leading
    cause, the tests she may have (what is done, and whether it is safe for
    the baby) and the note on scans in pregnancy. No probabilities and no
    ids: the causes section already gives the estimates, and a number beside
    a treatment reads as a prognosis. Only what she will meet at her level
    (``Report.her_next``): the full work-up is the clinician's.
    """
    ex = report.her_next()
    conditions = [
        {"heading": _("If it is {cause}").format(cause=midsentence(c.lay_name)), "text": c.text}
        for c in ex.conditions if c.lay_name
    ]
    tests = [
        {"name": capfirst(t.lay_name), "what_happens": t.what_happens, "safety": t.safety}
        for t in ex.tests if t.lay_name
    ]
    return {
        "steps": ex.next_steps,
        "conditions": conditions,
        "tests": tests,
        "imaging_note": ex.imaging_note,
    }


def workup_view(report: Report) -> list[dict[str, Any]]:
    """The clinician's suggested work-up, in its order: what each test would show, and safety.

    Everything comes from the report's ``suggested_workup`` (ranked by the
    work-up stage); this only keeps what a reader of the summary needs.
    """
    out: list[dict[str, Any]] = []
    for it in report.workup:
        tags = [_("urgent")] if it.urgent else []
        if it.line in LINE_WORDS:
            tags.append(_(LINE_WORDS[it.line]))
        out.append({
            "name": it.name,
            "tags": tags,
            "reason": capfirst(it.reason),
            "shows": it.shows,
            "expected": [{"name": e.name, "shows": e.shows} for e in it.expected],
            "safety": it.safety,
            "restricted": it.restricted or "",
        })
    return out


def treatment_view(report: Report, pack: Pack) -> list[dict[str, Any]]:
    """The usual treatment in pregnancy, and what is avoided, for the leading conditions.

    The leading conditions are those the woman's "what to expect" covers
    (the work-up's own choice), so she and her clinician read about the same
    causes. Empty when the report has no work-up.
    """
    return [
        {
            "name": c.name,
            "percent": percent(c.probability),
            "treatment": [t.text for t in cw.treatment],
            "avoid": [{"what": capfirst(a.what), "why": a.why} for a in cw.avoid],
        }
        for c, cw in report.leading_treatments(pack)
    ]


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
        # a condition's "usually needs this level of care" only at the level set: under
        # an emergency, "a strained back muscle: usually needs this level" misleads
        if r.kind == "condition" and r.level != a.triage.level:
            continue
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
        "workup": workup_view(report),
        "treatment": treatment_view(report, pack),
    }


def medicine_view(verdict: MedicineVerdict, prescription_words: str) -> dict[str, Any]:
    """A medicine check's answer as the result page shows it.

    ``prescription_words`` is the pack's wording for a prescription-only
    medicine (the verdict carries only the flag).
    """
    return {
        "query": verdict.query,
        "name": verdict.name,
        "found": verdict.found,
        "verdict": verdict.verdict,
        "verdict_text": verdict.verdict_text,
        "reason": verdict.reason,
        "stage_note": verdict.stage_note,
        "dose": None if verdict.dose is None else verdict.dose.text,
        "note": None if verdict.note is None else verdict.note.text,
        "prescription": prescription_words if verdict.prescription_only else None,
        "match_note": verdict.match_note,
    }
