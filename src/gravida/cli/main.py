"""The `gravida` command line: a thin layer that reads input, calls the core, renders.

Every failure a user can cause (a missing file, bad YAML, an unknown id, a
number out of range) ends with a one-line message and exit status 2, never a
traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import click
import yaml
from rich.console import Console
from rich.progress import track
from rich.table import Table

from gravida.cli.handoff import handoff, handoff_options
from gravida.engine import CaseError, Engine
from gravida.evaluation.vignettes import Vignette, VignetteFileError
from gravida.knowledge import PackError, i18n
from gravida.knowledge.i18n import N_, _
from gravida.knowledge.load import default_pack

if TYPE_CHECKING:  # the report layer is imported by the commands that build one
    from gravida.report import Report

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

# The level as the terminal's banner shows it (its meaning follows, from the pack).
LEVEL_NAMES = {
    "emergency_ambulance": N_("EMERGENCY AMBULANCE"),
    "emergency": N_("EMERGENCY"),
    "consultation_24": N_("CONSULTATION 24"),
    "consultation": N_("CONSULTATION"),
    "self_care": N_("SELF CARE"),
}

LEVEL_STYLE = {
    "emergency_ambulance": "bold white on red",
    "emergency": "bold red",
    "consultation_24": "bold yellow",
    "consultation": "bold cyan",
    "self_care": "bold green",
}


def fail(message: str) -> None:
    err.print("[red]" + _("error:") + f"[/red] {message}", markup=True, soft_wrap=True)
    raise SystemExit(2)


def read_structured(source: str) -> Any:
    """YAML or JSON from a path or '-' (stdin); JSON is YAML, so one parser serves both."""
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(_("cannot read %(source)s: there is no such file") % {"source": source})
    except (OSError, UnicodeDecodeError) as exc:
        fail(_("cannot read %(source)s: %(error)s") % {"source": source, "error": exc})
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        # where, in her language (the parser's own words are English)
        mark = getattr(exc, "problem_mark", None)
        if mark is None:
            fail(_("%(source)s is not valid YAML or JSON") % {"source": source})
        else:
            fail(_("%(source)s is not valid YAML or JSON (line %(line)s, column %(column)s)")
                 % {"source": source, "line": mark.line + 1, "column": mark.column + 1})


def load_engine() -> Engine:
    """The engine over the packaged pack, in the language chosen by --lang / GRAVIDA_LANG."""
    try:
        return Engine(default_pack(i18n.current()))
    except PackError as exc:
        fail(_("knowledge pack is broken: {problem}").format(problem=exc))
        raise  # unreachable; keeps the type checker honest


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="gravida")
@click.option(
    "--lang",
    envvar="GRAVIDA_LANG",
    default=i18n.DEFAULT_LANGUAGE,
    show_default=True,
    metavar="LANG",
    help="Language of everything printed for people: en or ru (also GRAVIDA_LANG).",
)
def main(lang: str) -> None:
    """Assess low back pain in pregnancy: likely causes, how urgently to get care, and why."""
    try:
        i18n.set_language(i18n.check_language(lang, i18n.languages()))
    except i18n.LanguageError as exc:
        raise click.BadParameter(str(exc), param_hint="--lang") from None


@main.command()
@click.argument("case", metavar="CASE")
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
@click.option(
    "--for",
    "audience",
    type=click.Choice(["patient", "clinician"]),
    default=None,
    help="Add what happens next: the patient's version, or the clinician's suggested work-up.",
)
@handoff_options
def assess(
    case: str,
    as_json: bool,
    audience: str | None,
    fhir: bool,
    summary: str | None,
    medicines: tuple[str, ...],
) -> None:
    """Assess CASE (a YAML/JSON file in the vignettes' case format, or - for stdin)."""
    data = read_structured(case)
    if isinstance(data, dict) and isinstance(data.get("case"), dict):
        data = data["case"]  # a whole vignette: take its case
    from gravida.report import build_report

    engine = load_engine()
    try:
        result = build_report(engine, data)
    except CaseError as exc:
        if as_json:
            click.echo(json.dumps({"errors": [p.to_json() for p in exc.problems]}))
            raise SystemExit(2) from None
        fail(
            _("the case is not valid:") + "\n  "
            + "\n  ".join(
                # the message in the language of the command, its values kept
                f"{p.field}: {_(p.template) % dict(p.params) if p.template else _(p.message)}"
                + (" (" + _("did you mean {ids}?").format(ids=", ".join(p.suggestions)) + ")"
                   if p.suggestions else "")
                for p in exc.problems
            )
        )
        return
    if handoff(result, fhir=fhir, summary=summary, medicines=medicines, pack=engine.pack):
        return
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        render_report(result)
        if audience is not None:
            from gravida.advice.workup import render_for

            click.echo()
            who: Literal["patient", "clinician"] = (
                "clinician" if audience == "clinician" else "patient"
            )
            click.echo(render_for(result.assessment, who, engine.pack))


def render_report(report: Report, limit: int = 8) -> None:
    from gravida.report import factor_words

    a = report.assessment
    t = a.triage
    out.print(f"[{LEVEL_STYLE[t.level]}] {_(LEVEL_NAMES[t.level])} [/]  {t.meaning}")
    out.print("  " + _("because:") + f" {t.set_by.says}")
    table = Table(title=_("Likely causes"), show_edge=False)
    table.add_column(_("cause"))
    table.add_column(_("probability"), justify="right")
    table.add_column("")
    for c in a.conditions[:limit]:
        bar = "█" * max(1, round(c.probability * 30)) if c.probability >= 0.005 else ""
        table.add_row(c.name, f"{c.probability:6.1%}", bar)
    out.print(table)
    if a.working is not None:
        # a less probable cause listed first: the red flag says to rule it out first
        out.print("  " + a.working.says)
    out.print("[bold]" + _("Why we think so") + "[/bold]")
    names = {c.id: c.name for c in a.conditions}
    for e in a.explanations:
        out.print(f"  [bold]{names[e.condition]}[/bold]")
        for label, factors in ((_("for:"), e.raised), (_("against:"), e.lowered)):
            if factors:
                words = "; ".join(
                    f"{factor_words(f, report.wording)} (LR {f.likelihood_ratio:.2g})"
                    for f in factors
                )
                out.print(f"    {label} {words}")
    plan = report.plan.to_json()
    out.print("[bold]" + _("What to do now") + f"[/bold]\n  {plan['now']}")
    for title, key in (
        (_("Looking after yourself"), "self_care"),
        (_("Avoid"), "avoid"),
        (_("Medicines"), "medicine_advice"),
    ):
        if plan[key]:
            out.print(f"[bold]{title}[/bold]")
            for item in plan[key]:
                out.print(f"  - {item['text']}")
    out.print(f"[bold]{plan['safety_net']['intro']}[/bold]")
    for sign in plan["safety_net"]["signs"]:
        out.print(f"  - {sign['text']}")
    for note in a.evidence.notes:
        out.print("[dim]" + _("note:") + f" {note}[/dim]")


@main.command(name="eval")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--mode",
    default="full",
    show_default=True,
    help="conversation (her words, then questions), full (every finding given), interview, "
    "or narrative.",
)
@click.option("--json", "as_json", is_flag=True, help="Print exactly one JSON object.")
def eval_(files: Sequence[str], mode: str, as_json: bool) -> None:
    """Score vignette FILES: top-1/top-3, triage agreement, under-triage, Brier."""
    from gravida.evaluation.run import evaluate

    engine = load_engine()
    show_progress = not as_json and sys.stderr.isatty()

    def progress(items: Sequence[Vignette]) -> Any:
        return track(items, description="assessing", console=err, transient=True)

    try:
        result = evaluate(
            [Path(f) for f in files], mode, engine, progress if show_progress else None
        )
    except (VignetteFileError, KeyError) as exc:
        fail(str(exc).strip("'\""))
        return
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
        return
    render_eval(result)


def render_eval(r: dict[str, Any]) -> None:
    table = Table(title=f"{r['mode']} mode, {r['n']} cases", show_edge=False)
    table.add_column("metric")
    table.add_column("value", justify="right")
    skip = {"cases", "mode", "pack_version", "n"}
    for k, v in r.items():
        if k in skip:
            continue
        table.add_row(k, f"{v:.3f}" if isinstance(v, float) else str(v))
    out.print(table)
    wrong = [c for c in r["cases"] if not c.get("top1") or c["triage"] != c["expected_triage"]]
    if wrong:
        out.print(f"[bold]{len(wrong)} cases not fully right[/bold]")
    for c in wrong:
        top = ", ".join(c["ranked"][:3])
        out.print(
            f"  {c['id']}: expected {c['expected_condition']} / {c['expected_triage']}; "
            f"got {top or '-'} / {c['triage']}"
            + (f"  [red]{c['error']}[/red]" if c.get("error") else "")
        )
