"""`gravida meds NAME [--weeks N] [--json]`: is this medicine all right now?

Thin: it validates the arguments, calls ``check`` and renders. Every failure
a user can cause ends with a one-line message and exit status 2 (with
``--json``, as one JSON object ``{"error": ...}`` on stdout), never a traceback.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from gravida.knowledge.i18n import _, current
from gravida.knowledge.load import PackError, default_pack

if TYPE_CHECKING:  # the advice layer is imported when the command runs
    from gravida.advice.medicines import MedicineVerdict


def _fail(message: str, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps({"error": message}, ensure_ascii=False))
    else:
        click.echo(_("error:") + f" {message}", err=True)
    raise SystemExit(2)


def _wrap(text: str, indent: str = "  ", bullet: str | None = None) -> str:
    return textwrap.fill(" ".join(text.split()), width=88,
                         initial_indent=bullet if bullet is not None else indent,
                         subsequent_indent=indent, break_on_hyphens=False)


def render(v: MedicineVerdict) -> str:
    """Plain text for people: verdict first, then why, dose, and the sources."""
    lines: list[str] = []
    if v.found:
        lines.append(f"{v.name}  [{v.medicine}]  - {v.kind}")
    else:
        lines.append(f'"{v.query}"' if v.query else _("(no name given)"))
    if v.ingredients_text:
        lines.append(_wrap(v.ingredients_text))
    lines.append(_("Verdict: {verdict}.").format(verdict=v.verdict_text))
    if v.stage_note:
        lines.append(_wrap(v.stage_note))
    lines.append(_wrap(v.reason))
    if v.prescription_text:
        lines.append(_wrap(v.prescription_text))
    if v.match_note:
        lines.append(_wrap(v.match_note))
    if v.weeks is None and len(v.by_stage) > 1:
        lines.append(_("By stage:"))
        for s in v.by_stage:
            lines.append(_wrap(f"{s.range}: {s.verdict_text}", "    ", "  - "))
    if v.dose is not None:
        lines.append(_("Dose:"))
        lines.append(_wrap(v.dose.text))
    if v.note is not None:
        lines.append(_("Note:"))
        lines.append(_wrap(v.note.text))
    if v.references:
        lines.append(_("Sources:"))
        for sid, ref in zip(v.sources, v.references, strict=True):
            who = ", ".join(str(x) for x in (ref.publisher, ref.year) if x)
            lines.append(_wrap(f"{ref.title}" + (f" ({who})" if who else "") + f" [{sid}]",
                               "    ", "  - "))
    return "\n".join(lines)


@click.command("meds")
@click.argument("name", nargs=-1, required=True)
@click.option("--weeks", default=None, metavar="N",
              help="Completed weeks of pregnancy. Without it: the most cautious advice.")
@click.option("--json", "as_json", is_flag=True, help="Print exactly one JSON object.")
def meds(name: Sequence[str], weeks: str | None, as_json: bool) -> None:
    """Is medicine NAME generally safe, to use with caution, to avoid, or not to use in
    pregnancy? NAME may be an ingredient or a brand, and may be several words."""
    query = " ".join(name)
    number: float | None = None
    if weeks is not None:
        # parsed here, not by click, so that --json still prints one JSON object
        try:
            number = float(weeks)
        except ValueError:
            _fail("--weeks: " + _("{value} is not a number").format(value=repr(weeks)), as_json)
    try:
        from gravida.advice.medicines import check

        verdict = check(query, number, default_pack(current()))
    except ValueError as exc:  # PackError is a ValueError too: keep it distinct
        if isinstance(exc, PackError):
            _fail(_("knowledge pack is broken: {problem}").format(problem=exc), as_json)
        _fail(f"--weeks: {exc}", as_json)
        return
    if as_json:
        click.echo(json.dumps(verdict.to_json(), ensure_ascii=False))
    else:
        click.echo(render(verdict))
