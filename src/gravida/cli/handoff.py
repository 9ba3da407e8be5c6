"""Hand-off options for ``gravida assess``: ``--fhir``, ``--summary PATH``, ``--medicine NAME``.

Kept out of cli.py so the command gains them with a decorator and one call:
``handoff_options`` adds the options, ``handoff`` acts on them after the
report is built. Like the rest of the CLI, a failure the user can cause (a
summary path that cannot be written) ends with a one-line message and exit
status 2, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from gravida.knowledge.load import Pack

if TYPE_CHECKING:  # the report layer is imported when a hand-off is asked for
    from gravida.report import Report

F = TypeVar("F", bound=Callable[..., Any])


def handoff_options(f: F) -> F:
    """Add --fhir, --summary and --medicine to a click command."""
    f = click.option(
        "--medicine", "medicines", multiple=True, metavar="NAME",
        help="A medicine she asked about, for the summary (repeatable).",
    )(f)
    f = click.option(
        "--summary", "summary", metavar="PATH", default=None,
        help="Write the one-page clinician summary (HTML, printable) to PATH ('-' for stdout).",
    )(f)
    f = click.option(
        "--fhir", "fhir", is_flag=True,
        help="Print the hand-off as a FHIR R4B Bundle (JSON) instead of the report.",
    )(f)
    return f


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    raise SystemExit(2)


def write_summary(
    report: Report, path: str, medicines: Sequence[str] = (), pack: Pack | None = None
) -> None:
    """Render the summary and write it to ``path`` ('-': stdout)."""
    from gravida.report.handoff import HandoffError
    from gravida.report.summary import render_summary

    try:
        html = render_summary(report, medicines=list(medicines), pack=pack)
    except HandoffError as exc:
        _fail(str(exc))
        return
    if path == "-":
        click.echo(html, nl=False)
        return
    try:
        Path(path).write_text(html, encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write the summary to {path}: {exc.strerror or exc}")
    click.echo(f"summary written to {path}", err=True)


def print_fhir(report: Report, pack: Pack | None = None) -> None:
    from gravida.report.fhir import bundle_json
    from gravida.report.handoff import HandoffError

    try:
        click.echo(bundle_json(report, pack=pack))
    except HandoffError as exc:
        _fail(str(exc))


def handoff(
    report: Report, *, fhir: bool = False, summary: str | None = None,
    medicines: Sequence[str] = (), pack: Pack | None = None,
) -> bool:
    """Act on the hand-off options; True when stdout is taken (the caller prints nothing else).

    ``pack`` is the pack that made the report (the engine's); by default the
    packaged one. The summary file is written first, so ``--fhir --summary
    out.html`` gives both.
    """
    if medicines and summary is None:
        _fail("--medicine is shown in the summary: add --summary PATH")
    if fhir and summary == "-":
        _fail("--fhir and --summary - both print to stdout: give the summary a file path")
    if summary is not None:
        write_summary(report, summary, medicines, pack)
    if fhir:
        print_fhir(report, pack)
    return fhir or summary == "-"
