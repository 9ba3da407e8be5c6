"""Plain-text rendering of the work-up and of what to expect (the CLI's --for)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import Literal

from gravida.advice.workup.book import load_workup
from gravida.advice.workup.expect import PatientExpectations, what_to_expect
from gravida.advice.workup.suggest import WorkupItem, _check_assessment, _top, suggested_workup
from gravida.engine.assess import Assessment
from gravida.knowledge.load import Pack, default_pack
from gravida.knowledge.wording import wording_for

WIDTH = 88  # terminal text width (presentation, not clinical)

Audience = Literal["patient", "clinician"]


# --- plain-text rendering ----------------------------------------------------------------------


def _wrap(text: str, indent: str = "  ", first: str | None = None) -> str:
    return textwrap.fill(" ".join(text.split()), width=WIDTH,
                         initial_indent=indent if first is None else first,
                         subsequent_indent=indent, break_on_hyphens=False)


def _share(p: float) -> str:
    """A posterior for a clinician: one decimal, without pretending 0.0%."""
    return f"{p:.1%}" if p >= 0.001 else "<0.1%"


def render_patient(ex: PatientExpectations, pack: Pack | None = None) -> str:
    """Her "what happens next": likelihood in the pack's words, as her web page says it
    (a lay reader is not given percentages)."""
    wording = wording_for(pack or default_pack())
    lines = ["WHAT HAPPENS NEXT", _wrap(ex.next_steps), ""]
    seen: set[str] = set()
    by_id = {t.id: t for t in ex.tests}
    for c in ex.conditions:
        lines.append(f"IF IT IS {c.lay_name.upper()} ({wording.likelihood(c.probability)})")
        lines.append(_wrap(c.text))
        if c.tests:
            lines.append("  Tests you may have:")
            for tid in c.tests:
                t = by_id[tid]
                if tid in seen:
                    lines.append(_wrap(f"{t.lay_name} (see above).", "      ", "    - "))
                else:
                    lines.append(_wrap(f"{t.lay_name}: {t.what_happens} {t.safety}",
                                       "      ", "    - "))
                    seen.add(tid)
        lines.append("")
    if ex.imaging_note:  # not at every level (the pack's for_her)
        lines += ["ABOUT SCANS IN PREGNANCY", _wrap(ex.imaging_note), ""]
    lines.append(_wrap("Sources: " + ", ".join(ex.sources), "  ", ""))
    return "\n".join(lines)


def render_clinician(pack: Pack | None, assessment: Assessment,
                     items: Iterable[WorkupItem] | None = None) -> str:
    a = _check_assessment(assessment)
    book = load_workup(pack)
    s = book.data.settings
    work = list(items) if items is not None else suggested_workup(pack, a)
    top = _top(a, s.top_conditions)
    lines = [f"TRIAGE: {a.triage.level} - {a.triage.meaning}",
             _wrap("DIFFERENTIAL: " + "; ".join(f"{n} {_share(p)}" for _, n, p in top),
                   "  ", "")]
    lines.append("")
    lines.append("SUGGESTED WORK-UP (most informative first; time-critical tests lead)")
    if not work:
        lines.append("  (nothing to suggest)")
    for it in work:
        flag = "[URGENT] " if it.urgent else ""
        line = {"first": "", "second": " (second line)",
                "ionising": " (IONISING: only if essential)"}[it.line]
        lines.append(_wrap(f"{it.rank}. {flag}{it.name}{line}", "     ", "  "))
        lines.append(_wrap(f"why: {it.reason}", "       ", "     "))
        for e in it.expected:
            lines.append(_wrap(f"if {e.name} ({_share(e.probability)}): {e.shows}",
                               "         ", "     - "))
        if it.restricted:
            lines.append(_wrap(f"restricted: {it.restricted}", "       ", "     "))
        lines.append(_wrap(f"pregnancy: {it.safety}", "       ", "     "))
        lines.append(_wrap(f"sources: {', '.join(it.sources)}", "       ", "     "))
    lines.append("")
    lines.append("USUAL TREATMENT IN PREGNANCY (leading conditions)")
    shown = [c for i, c in enumerate(top) if i == 0 or c[2] >= s.patient_min_probability][:3]
    for cid, name, p in shown:
        cw = book.data.conditions[cid]
        lines.append(f"  {name} ({_share(p)})")
        for t in cw.treatment:
            lines.append(_wrap(f"{t.text} [{', '.join(t.sources)}]", "       ", "     - "))
        lines.append("    Avoid in pregnancy:")
        for av in cw.avoid:
            lines.append(_wrap(f"{av.what}: {av.why} [{', '.join(av.sources)}]",
                               "       ", "     - "))
    return "\n".join(lines)


def render_for(assessment: Assessment, audience: Audience, pack: Pack | None = None) -> str:
    """Plain text for a terminal: the patient's "what to expect" or the clinician's work-up.

    Raises ValueError for an unknown audience or something that is not an Assessment.
    """
    if audience == "patient":  # what she reads at her level, as on every interface
        return render_patient(what_to_expect(pack, assessment).as_shown(), pack)
    if audience == "clinician":
        return render_clinician(pack, assessment)
    raise ValueError(f"audience must be 'patient' or 'clinician' (got {audience!r})")
