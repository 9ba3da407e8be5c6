"""The result page's content: one action, a call button, why in three bullets, then the rest.

A woman reading her result on a phone needs, in this order: what to do now
(one sentence per level, from the pack's wording.yaml), a button that rings
the right number, why (three short reasons), and what to do meanwhile.
Everything else (the causes, what happens next, all the self-care advice)
is there but folded. Likelihood is said in words for her ("most likely"),
never a percentage: the clinician views keep the numbers. Nothing here
decides anything clinical; it arranges the report in the pack's words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gravida.knowledge.wording import Wording, fill
from gravida.report import Report
from gravida.web.views import by_topic, capfirst, level_class, next_view

# Not clinical: how many reasons and first self-care tips lead the page.
WHY_BULLETS = 3
FIRST_TIPS = 3


@dataclass(frozen=True)
class Cause:
    name: str
    likelihood: str
    towards: tuple[str, ...]
    against: tuple[str, ...]
    first_because: str = ""  # why a less likely cause is listed first (the working diagnosis)


def tel(number: str) -> str:
    """A tel: URI for a number as written ("01234 567 890" -> "tel:01234567890")."""
    return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")


def call_button(
    wording: Wording, level: str, phones: Mapping[str, str], weeks: float
) -> dict[str, str] | None:
    """The tap-to-call button for a level at her weeks, or None when she need not phone now."""
    words = wording.at(level, weeks)
    if words.call == "none":
        return None
    number = phones.get(words.call, "")
    if not number:
        return None
    return {"href": tel(number), "text": fill(words.button, dict(phones)), "number": number}


def sentence(words: str) -> str:
    text = capfirst(words.strip())
    return text if text.endswith((".", "!", "?")) else text + "."


def why_bullets(report: Report, wording: Wording) -> list[str]:
    """Three reasons in plain sentences: what set the level, then what points to the cause.

    A level set by a danger rule says so in the rule's own words (the
    pack's); then the findings that most raised the leading cause, each a
    sentence of its own ("No fever." reads as the pack's negative wording).
    """
    a = report.assessment
    out: list[str] = []
    set_by = a.triage.set_by
    condition_ids = {c.id for c in a.conditions}
    if set_by.says and set_by.id not in condition_ids and a.triage.level != "self_care":
        out.append(sentence(set_by.says))
    why = report.why()
    if why:
        lead = why[0]
        for words in [*lead.for_, *lead.against]:
            s = sentence(words)
            if s not in out:
                out.append(s)
    return out[:WHY_BULLETS]


def result_view(report: Report, wording: Wording, phones: Mapping[str, str]) -> dict[str, Any]:
    """Everything the result page shows, in the order she needs it."""
    a, plan = report.assessment, report.plan
    level = a.triage.level
    words = wording.at(level, plan.weeks)
    numbers = dict(phones)
    maternity_missing = words.call == "maternity" and not phones.get("maternity")
    causes = [
        Cause(
            capfirst(w.name),
            wording.likelihood(w.probability),
            tuple(capfirst(x) for x in w.for_),
            tuple(capfirst(x) for x in w.against),
            w.first_because or "",
        )
        for w in report.why()
    ]
    self_care = by_topic(plan.self_care)
    return {
        "level": level,
        "level_class": level_class(level),
        "action": fill(words.action, numbers),
        "call": call_button(wording, level, phones, plan.weeks),
        "maternity_missing": wording.no_maternity_number if maternity_missing else "",
        "emergency_call": (
            {"href": tel(phones["emergency"]),
             "text": fill(wording.emergency_line, numbers)}
            if level != "self_care" and words.call != "emergency" and phones.get("emergency")
            else None
        ),
        "headline": a.triage.meaning,
        "why": why_bullets(report, wording),
        "now": plan.now,
        "urgent": plan.urgent,
        "first_tips": [g["texts"][0] for g in self_care[:FIRST_TIPS]],
        "causes": causes,
        "self_care": self_care,
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
        "weeks": f"{plan.weeks:g}",
        "next": next_view(report),
    }
