"""A one-page printable summary for the midwife or doctor who receives her.

A clinician reading a hand-off needs, on one sheet: how urgent, and which
rule made it so; what she has and what she has not (the pertinent negatives
are what rules the dangerous causes out); her numbers; the differential with
probabilities and codes; why the leading causes lead; and what medicines she
asked about. It also carries what to do: the suggested work-up
(investigations in order, what each would show, and its safety in
pregnancy) and the usual treatment of the leading cause. To stay on one A4
page, the first investigations are shown in full and the rest by name, and
the reasons for the two leading causes only (checked by printing emergency,
consultation and self-care cases to PDF in chromium). The page is HTML with a print
stylesheet (no PDF library: see docs/fhir.md), rendered by Jinja2 with
autoescaping on, so nothing a woman typed (a medicine name, a free-text
answer) can become markup.

``summary_context`` gathers the facts (testable without HTML);
``render_summary`` renders them with templates/summary.html.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import jinja2

from gravida.advice.medicines import MedicineVerdict, check
from gravida.engine import Factor
from gravida.knowledge import i18n
from gravida.knowledge.codes import load_codes, plain_number
from gravida.knowledge.i18n import N_, say
from gravida.knowledge.load import Pack
from gravida.knowledge.wording import wording_for
from gravida.report import Report, factor_words
from gravida.report.handoff import DISCLAIMER, SOFTWARE_NAME, pack_of, software_version

if TYPE_CHECKING:
    from gravida.interview import Session

TEMPLATE = "summary.html"
# Layout, not clinical: the differential lists every condition at LISTED or more
# (at least DIFFERENTIAL_MIN rows, at most DIFFERENTIAL_MAX, to fit the page);
# the rest are counted. Below SHOWN_BELOW a probability is printed as "<0.1%".
DIFFERENTIAL_MIN = 3
DIFFERENTIAL_MAX = 6
LISTED = 0.001
SHOWN_BELOW = 0.0005


@dataclass(frozen=True)
class MedicineLine:
    asked: str
    matched: str | None
    verdict: str
    verdict_text: str
    reason: str


def _percent(p: float) -> str:
    """To one decimal, in the summary's language ("12.5%", "12,5 %")."""
    if p <= 0.0:
        return i18n.percent(0.0)
    if p < SHOWN_BELOW:
        return "<" + i18n.percent(0.001, 1)
    return i18n.percent(p, 1)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _negated(pack: Pack, fid: str) -> str:
    return factor_words(Factor(fid, pack.label(fid), "absent", 1.0), wording_for(pack))


def _medicines(
    pack: Pack, weeks: float, medicines: Sequence[str | MedicineVerdict]
) -> list[MedicineLine]:
    """Each medicine asked about, with the verdict for her stage of pregnancy."""
    out: list[MedicineLine] = []
    for m in medicines:
        if isinstance(m, str):
            m = check(m, weeks, pack)
        out.append(MedicineLine(m.query, m.name, m.verdict, m.verdict_text, m.reason))
    return out


# Layout, not clinical: what fits one printed A4 page beside the differential.
# The first investigations are shown in full, the rest by name; the
# treatment of the leading cause.
WORKUP_IN_FULL = 3
TREATMENTS_SHOWN = 1


def _workup(report: Report) -> list[dict[str, Any]]:
    """The report's suggested work-up, in its order, as the page shows it.

    The order and the reasons are the work-up stage's (advice/workup/); the
    page keeps, per investigation, what it would show for each leading cause,
    its safety in pregnancy, and any restriction (ionising tests).
    """
    return [
        {
            "rank": it.rank,
            "name": it.name,
            "urgent": it.urgent,
            "line": it.line,
            "expected": [
                {"name": e.name, "probability": _percent(round(e.probability, 6)),
                 "shows": e.shows}
                for e in it.expected
            ],
            "safety": it.safety,
            "restricted": it.restricted or None,
        }
        for it in report.workup
    ]


def _treatment(report: Report, pack: Pack) -> list[dict[str, Any]]:
    """Usual treatment in pregnancy, and what is avoided, for the leading conditions.

    The leading conditions are those of the woman's "what to expect" (the
    work-up stage's choice), so the clinician reads about the causes she was
    told about. Empty when the report carries no work-up (that stage is optional).
    """
    return [
        {
            "name": c.name,
            "probability": _percent(c.probability),
            "treatment": [t.text for t in cw.treatment],
            "avoid": [{"what": _sentence(a.what), "why": a.why} for a in cw.avoid],
        }
        for c, cw in report.leading_treatments(pack)
    ]


# The words of Gravida's own codes as the summary shows them: the triage levels'
# displays (codes.yaml, in English there, as a code system's displays are) and
# what set the level, translated in the interface's catalogs.
LEVEL_DISPLAYS = (N_("Ambulance now"), N_("Emergency care now"), N_("Clinician within 24 hours"),
                  N_("Clinician within days"), N_("Self-care"))
SET_BY = {"rule": N_("rule"), "condition": N_("condition")}
UNITS = (N_("weeks"), N_("years"), N_("beats/min"), N_("mmHg"), N_("Blood pressure"))


def summary_context(
    report: Report,
    session: Session | None = None,
    medicines: Sequence[str | MedicineVerdict] = (),
    *,
    pack: Pack | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Everything the page shows, as plain values (the template only lays it out), in
    the report's language."""
    pack = pack_of(report, session, pack)
    with i18n.language(pack.lang):
        return _context(report, pack, session, medicines, now)


def _context(
    report: Report, pack: Pack, session: Session | None,
    medicines: Sequence[str | MedicineVerdict], now: datetime | None,
) -> dict[str, Any]:
    codes = load_codes(pack)
    a = report.assessment
    ev = a.evidence
    t = a.triage
    red = set(pack.red_flags)

    def ordered(ids: frozenset[str]) -> list[str]:
        return sorted(ids, key=lambda f: (f not in red, pack.label(f).lower()))

    positives = [{"text": pack.label(f), "red_flag": f in red} for f in ordered(ev.present)]
    negatives = [{"text": _negated(pack, f), "red_flag": f in red} for f in ordered(ev.absent)]
    numbers = []
    done: set[str] = set()
    for fid, oc in codes.observations.items():
        if fid not in a.case.numbers:
            continue
        if oc.panel is None:
            numbers.append({"label": _sentence(pack.label(fid)),
                            "value": str(plain_number(a.case.numbers[fid])),
                            "unit": i18n._(oc.unit_display), "loinc": oc.loinc})
        elif oc.panel not in done:  # a panel (blood pressure) on one row: 112/68 mmHg
            done.add(oc.panel)
            members = [m for m, mc in codes.observations.items()
                       if mc.panel == oc.panel and m in a.case.numbers]
            panel = codes.panels[oc.panel]
            numbers.append({
                "label": i18n._(panel.label) if len(members) > 1
                else _sentence(pack.label(members[0])),
                "value": "/".join(str(plain_number(a.case.numbers[m])) for m in members),
                "unit": i18n._(oc.unit_display),
                "loinc": panel.loinc if len(members) > 1 else codes.observations[members[0]].loinc,
            })
    listed = sum(1 for c in a.conditions if c.probability >= LISTED)
    rows = min(max(listed, DIFFERENTIAL_MIN), DIFFERENTIAL_MAX)
    differential = []
    for c in a.conditions[:rows]:
        cc = codes.conditions[c.id]
        differential.append({"name": c.name, "probability": _percent(c.probability),
                             "icd10": cc.icd10.code,
                             "snomed": cc.snomed.code if cc.snomed is not None else None})
    rest = a.conditions[rows:]
    names = {c.id: c for c in a.conditions}
    why = [
        {"name": names[e.condition].name, "probability": _percent(names[e.condition].probability),
         "for": [factor_words(f, wording_for(pack)) for f in e.raised],
         "against": [factor_words(f, wording_for(pack)) for f in e.lowered]}
        for e in a.explanations
    ]
    s = t.set_by
    src = pack.sources.get(s.src)
    others = [
        {"level": i18n._(codes.triage_levels[r.level]), "kind": i18n._(SET_BY[r.kind]),
         "says": r.says,
         "probability": None if r.probability is None else _percent(r.probability)}
        for r in t.reasons if r is not s
    ]
    interview = None
    if session is not None:
        from gravida.interview import result

        res = result(session)
        interview = {"questions_asked": res.questions_asked,
                     "finished": res.stop_reason is not None, "stop": res.stop_explanation}
    when = (now or datetime.now(UTC)).astimezone(UTC)
    return {
        "software": SOFTWARE_NAME,
        "software_version": software_version(),
        "pack_version": a.pack_version,
        "generated": when.strftime("%Y-%m-%d %H:%M UTC"),
        "weeks": plain_number(ev.weeks),
        "maternal_age": (plain_number(a.case.numbers["maternal_age"])
                         if "maternal_age" in a.case.numbers else None),
        "triage": {
            "level": t.level,
            "display": i18n._(codes.triage_levels[t.level]),
            "meaning": t.meaning,
            "set_by": {"kind": i18n._(SET_BY[s.kind]), "id": s.id, "says": s.says,
                       "source": src.title if src is not None else s.src,
                       "probability": None if s.probability is None else _percent(s.probability),
                       "without": [pack.label(f) for f in s.without],
                       # the red flags she said yes to that this level was reached without
                       # (taken as "no"): a clinician must see both kinds of variant
                       "denied": [pack.label(f) for f in s.denied]},
            "others": others,
        },
        "positives": positives,
        "negatives": negatives,
        "numbers": numbers,
        "differential": differential,
        "rest": {"count": len(rest),
                 "max": _percent(max((c.probability for c in rest), default=0.0))},
        "why": why,
        "workup": _workup(report),
        "workup_in_full": WORKUP_IN_FULL,
        "treatments_shown": TREATMENTS_SHOWN,
        "treatment": _treatment(report, pack),
        "medicines": _medicines(pack, ev.weeks, medicines),
        "notes": list(ev.notes),
        "interview": interview,
        "disclaimer": say(pack.lang, DISCLAIMER),
    }


def template_environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    """A page template environment, the one setup for every page Gravida renders:
    autoescaping always on, an undefined name an error, and the templates' ``_()`` /
    ``{% trans %}`` giving the words of the current language (knowledge.i18n)."""
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda message: i18n._(message),
        ngettext=lambda singular, plural, n: i18n.ngettext(singular, plural, n),
        newstyle=True,
    )
    return env


_ENV: jinja2.Environment | None = None


def environment() -> jinja2.Environment:
    """The summary's template environment (built once)."""
    global _ENV
    if _ENV is None:
        _ENV = template_environment(jinja2.PackageLoader("gravida.report.summary", "templates"))
    return _ENV


def render_summary(
    report: Report,
    session: Session | None = None,
    medicines: Sequence[str | MedicineVerdict] = (),
    *,
    pack: Pack | None = None,
    now: datetime | None = None,
) -> str:
    """The one-page summary as a complete HTML document (print it, or save it as PDF)."""
    with i18n.language(report.lang):  # the summary speaks its report's language
        ctx = summary_context(report, session, medicines, pack=pack, now=now)
        return environment().get_template(TEMPLATE).render(lang=report.lang, **ctx)


__all__ = ["MedicineLine", "render_summary", "summary_context"]
