"""`gravida parse TEXT`: show what a free-text description states, and the words that say it.

Registered on the main group by the lead (``from gravida.cli.parse import parse``).
Failures a user can cause end with a one-line message and exit status 2.
"""

from __future__ import annotations

import sys

import click
from rich.console import Console
from rich.table import Table

from gravida.intake.language import LanguageNotRead
from gravida.intake.parse import ParseResult, TextEvidence, parse_text
from gravida.intake.reasons import reason
from gravida.intake.understood import finding_labels
from gravida.knowledge.i18n import _, current
from gravida.knowledge.load import PackError, default_pack

STDIN_LIMIT = 16 * 1024 * 1024  # bytes read from stdin at most; parse_text bounds further

_out = Console(highlight=False)
_err = Console(stderr=True, highlight=False)


def _fail(message: str) -> None:
    _err.print("[red]" + _("error:") + f"[/red] {message}", markup=True, soft_wrap=True)
    raise SystemExit(2)


def read_text(text: str) -> str:
    """The argument itself, or stdin for '-': bytes decoded leniently, size bounded."""
    if text != "-":
        return text
    raw = sys.stdin.buffer.read(STDIN_LIMIT + 1)
    if len(raw) > STDIN_LIMIT:
        raw = raw[:STDIN_LIMIT]
    return raw.decode("utf-8", errors="replace")


def _quote(e: TextEvidence) -> str:
    return f"“{e.text}”"


def render(result: ParseResult, labels: dict[str, str]) -> None:
    """People read labels and their own words, never ids, in the language of the command."""

    def label(fid: str) -> str:
        return labels.get(fid, fid.replace("_", " "))

    used = [e for e in result.evidence if e.used]
    table = Table(show_header=True, header_style="bold")
    table.add_column("")
    table.add_column(_("finding"))
    table.add_column(_("from the words"))
    for fid, value in result.case.numbers.items():
        ev = next((e for e in used if e.finding == fid and e.value is not None), None)
        note = " " + _("(estimate)") if ev and "estimate" in ev.flags else ""
        table.add_row(_("number"), f"{label(fid)}: {value}{note}", _quote(ev) if ev else "")
    for pol, mark, fids in (("present", _("yes"), result.case.present),
                            ("absent", _("no"), result.case.absent)):
        for fid in fids:
            ev = next((e for e in used if e.finding == fid and e.polarity == pol), None)
            source = _("(from a measurement or a related finding)") if ev is None else _quote(ev)
            table.add_row(mark, label(fid), source)
    _out.print(table)
    ignored = [e for e in result.evidence if not e.used and "not_chosen" not in e.flags]
    if ignored:
        _out.print("[dim]" + _("Not taken as her current findings:") + "[/dim]")
        for e in ignored:
            _out.print(f"[dim]  {label(e.finding)}: {_quote(e)} ({reason(e.flags)})[/dim]")
    for w in result.warnings:
        _out.print("[yellow]" + _("note:") + f"[/yellow] {w}")


@click.command("parse")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option(
    "--lang",
    default=None,
    metavar="CODE",
    help="Language of the text (en, ru); detected from the text when not given.",
)
def parse(text: str, as_json: bool, lang: str | None) -> None:
    """Read a free-text description (TEXT, or - for stdin) into findings."""
    try:
        pack = default_pack(current())  # its labels in the language of the command
        result = parse_text(read_text(text), pack, lang)
    except PackError as exc:
        _fail(_("knowledge pack is broken: %(error)s") % {"error": exc})
        return
    except LanguageNotRead as exc:
        _fail(str(exc))
        return
    if as_json:
        click.echo(result.to_json())
        return
    render(result, finding_labels(pack))


if __name__ == "__main__":  # pragma: no cover - manual use: python -m gravida.cli.parse
    parse()
