"""`gravida interview`: the adaptive interview in the terminal, one question at a time.

Thin: it reads a reply, hands it to the interview core, and prints what comes
back. Every reply the core refuses (a word where a number is needed, a value
out of range, an unknown choice) is shown as a message and the same
question asked again; "back" changes the last answer; "quit" stops and shows
the assessment so far. An emergency is announced the moment it is revealed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from gravida.engine import Engine, Findings
from gravida.interview import (
    InterviewError,
    Question,
    Session,
    answer,
    answered_by_text,
    back,
    next_question,
    result,
    start,
)
from gravida.interview.catalogue import QuestionSpec
from gravida.interview.decision import AMBULANCE, EMERGENCY
from gravida.interview.session import catalogue
from gravida.knowledge.i18n import _

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

# The reply words of every language the interface speaks (a Russian speaker types
# "да" whatever the screen says): typing them is never ambiguous across languages.
BACK = {"back", "b", "undo", "назад"}
QUIT = {"quit", "q", "exit", "stop", "выход", "стоп"}
HELP = {"help", "h", "?", "помощь"}
DONT_KNOW = {"don't know", "dont know", "dk", "not sure", "unknown", "не знаю", "незнаю"}
# Words the interview core reads, by their translations.
REPLY_WORDS = {"да": "yes", "нет": "no", "не знаю": "don't know", "незнаю": "don't know"}
_AGAIN = object()  # an empty line asks the question again


class _Back(Exception):
    """She typed "back"."""


class _Quit(Exception):
    """She typed "quit"."""


@click.command()
@click.option("--weeks", type=float, help="Weeks of pregnancy (asked if not given).")
@click.option("--text", "text", help="Start from her own words (needs the free-text intake).")
@click.option("--resume", "resume", type=click.Path(dir_okay=False, exists=True),
              help="Continue an interview saved with --save.")
@click.option("--save", "save", type=click.Path(dir_okay=False),
              help="Write the interview state (JSON) here after every answer.")
@click.option("--unset", "unset", multiple=True, metavar="FINDING",
              help="A finding read from --text that is wrong: asked instead (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the final result as one JSON object.")
def interview(
    weeks: float | None, text: str | None, resume: str | None, save: str | None,
    unset: tuple[str, ...], as_json: bool,
) -> None:
    """Ask the fewest questions to a safe, settled answer; 'back' changes the last one."""
    from gravida.cli.main import load_engine

    engine = load_engine()
    try:
        show = err if as_json else out
        session = _resume(engine, resume) if resume else _begin(engine, weeks, text, unset, show)
    except (EOFError, click.Abort):
        out.print()
        raise SystemExit(1) from None
    session, finished = _run(session, save)
    if not finished:
        out.print()
        out.print("[dim]" + _("Stopped before the end: this is the assessment so far.") + "[/dim]")
    _finish(session, as_json)


def _resume(engine: Engine, path: str) -> Session:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return Session.from_json(data, engine)
    except (OSError, ValueError) as exc:  # InterviewError is a ValueError
        raise click.ClickException(
            _("cannot resume from {path}: {problem}").format(path=path, problem=exc)) from None


def _begin(
    engine: Engine, weeks: float | None, text: str | None, unset: tuple[str, ...] = (),
    show: Console = out,
) -> Session:
    case = _from_text(engine, text, unset, show) if text else Findings()
    if weeks is not None:
        case = case.with_number("gestational_weeks", weeks)
    if "gestational_weeks" not in case.numbers:
        case = case.with_number("gestational_weeks", _ask_weeks(
            catalogue(engine).get("gestational_weeks"), engine.pack.weeks_range
        ))
    # what her words set (not the weeks typed): asked back when it alone holds an emergency
    read = [*sorted(case.present), *sorted(set(case.numbers) - {"gestational_weeks"})] \
        if text else []
    try:
        return start(engine, case, answered_by_text(engine, case), read)
    except InterviewError as exc:
        raise click.ClickException(exc.said()) from None


def _from_text(
    engine: Engine, text: str, unset: tuple[str, ...] = (), show: Console = out
) -> Findings:
    """The case her words give, shown back to her first ("What we understood"); the
    findings in ``unset`` are left out, so they are asked instead of assumed. Shown on
    ``show`` (stderr when stdout carries JSON)."""
    from gravida.intake.parse import parse_text
    from gravida.intake.understood import finding_labels, understand

    understood = understand(
        parse_text(text, engine.pack), finding_labels(engine.pack), engine.pack.lang
    )
    if understood.items:
        show.print("[bold]" + _("What we understood") + "[/bold] " + _(
            "(anything wrong? start again with --unset FINDING and it will be asked instead):"))
    for item in understood.items:
        if item.state == "value":
            what = f"{item.label}: {item.value:g}" + (" (" + _("estimate") + ")"
                                                      if item.estimate else "")
        else:
            what = item.label if item.state == "present" else _("not:") + f" {item.label}"
        words = "; ".join(f"“{w}”" for w in item.words) or _("from the other findings")
        dropped = (" [dim](" + _("unticked: will be asked") + ")[/dim]"
                   if item.finding in unset else "")
        show.print(f"  {'x' if dropped else '✓'} {what}  [dim]{item.finding} — {words}[/dim]"
                  + dropped)
    for w in understood.warnings:
        show.print("[dim]" + _("note:") + f" {w}[/dim]")
    return understood.case(unset)


def _ask_weeks(spec: QuestionSpec | None, weeks_range: tuple[float, float]) -> float:
    text = spec.text if spec else _("How many weeks pregnant are you?")
    lo, hi = (spec.parts[0].lo, spec.parts[0].hi) if spec and spec.parts else weeks_range
    while True:
        reply = click.prompt(text, prompt_suffix=" ").strip()
        try:
            value = float(reply.replace(",", "."))
        except ValueError:
            msg = _("Please give a number of weeks ({lo}-{hi}).").format(lo=f"{lo:g}", hi=f"{hi:g}")
            out.print(f"[red]{msg}[/red]")
            continue
        if lo <= value <= hi:
            return value
        msg = _("{value} is outside {lo}-{hi} weeks.").format(
            value=f"{value:g}", lo=f"{lo:g}", hi=f"{hi:g}")
        out.print(f"[red]{msg}[/red]")


def _run(session: Session, save: str | None) -> tuple[Session, bool]:
    """Ask until the interview stops; False when she quit (or input ended) first."""
    announced = _urgent(session)
    while True:
        q = next_question(session)
        if q is None:
            return session, True
        if q.purpose == "confirm" and not announced:
            # a reading of her words that alone holds an emergency is asked back: what
            # to do now is shown first, as for an emergency an answer revealed
            _announce(session)
            announced = session.engine.triage(session.case).level
        try:
            reply = _ask(session, q)
        except (_Quit, EOFError, click.Abort):
            return session, False
        except _Back:
            try:
                session = back(session)
            except InterviewError as exc:
                out.print(f"[yellow]{_plain(exc)}[/yellow]")
                continue
            out.print("[dim]" + _("Gone back one question.") + "[/dim]")
            _save(session, save)
            announced = _urgent(session)
            continue
        try:
            session = answer(session, q.id, reply)
        except InterviewError as exc:
            out.print(f"[red]{_plain(exc)}[/red]")
            continue
        _save(session, save)
        now = _urgent(session)
        if now and now != announced:
            _announce(session)
        announced = now


def _urgent(session: Session) -> str | None:
    """The emergency level an answer has revealed, if any."""
    if not session.derived.emergency:
        return None
    level = session.engine.triage(session.case).level
    return level if level in (EMERGENCY, AMBULANCE) else None


def _announce(session: Session) -> None:
    t = session.engine.triage(session.case)
    style = "bold white on red" if t.level == AMBULANCE else "bold red"
    out.print()
    from gravida.cli.main import LEVEL_NAMES

    out.print(f"[{style}] {_(LEVEL_NAMES[t.level])} [/]  {t.meaning}")
    out.print("  " + _("because:") + f" {t.set_by.says}")
    if t.level != AMBULANCE and next_question(session) is not None:
        out.print("  [bold]" + _("Do this now.") + "[/bold] "
                  + _("A few more questions help decide how urgent this is and what should be "
                    "checked first."))
    out.print()


def _ask(session: Session, q: Question) -> Any:
    """One question on screen; returns the reply in the form ``answer`` takes."""
    cat = catalogue(session.engine)
    out.print()
    out.print("[dim]" + _("Question {number} of at most {most}").format(
        number=q.number, most=q.max_questions) + "[/dim]")
    out.print(f"[bold]{q.text}[/bold]")
    if q.help:
        out.print(f"[dim]{q.help}[/dim]")
    if q.kind == "yes_no":
        return _reply(_("yes / no / don't know / back"), lambda s: s)
    if q.kind == "number":
        return _numbers(q)
    for n, o in enumerate(q.options, 1):
        out.print(f"  {n}. {o.text}")
    spec = cat.questions[q.id]
    if q.kind == "choose" or spec.must_choose:
        hint = _("the numbers that apply (e.g. 1,3) / don't know / back")
    else:
        hint = _("no (none of these) / the numbers that apply (e.g. 1,3) / yes / don't know "
                 "/ back")
    return _reply(hint, lambda s: _choices(q, s))


def _reply(hint: str, convert: Any, blank: Any = _AGAIN) -> Any:
    """One typed reply; ``blank`` is what an empty line means (by default: ask again)."""
    while True:
        raw = click.prompt(f"  ({hint})", default="", show_default=False, prompt_suffix=" ")
        word = raw.strip().lower()
        if word in BACK:
            raise _Back
        if word in QUIT:
            raise _Quit
        if not word and blank is not _AGAIN:
            return blank
        if word in HELP or not word:
            out.print("  [dim]" + _("Answer with {hint}.").format(hint=hint) + "[/dim]")
            continue
        return convert(REPLY_WORDS.get(word, raw.strip()))


def _choices(q: Question, raw: str) -> Any:
    """'1,3' -> the findings of those options; words pass through for the core to check."""
    pieces = [p for p in raw.replace(" ", ",").split(",") if p]
    if pieces and all(p.isdigit() for p in pieces):
        picked = []
        for p in pieces:
            n = int(p)
            if not 1 <= n <= len(q.options):
                return [f"option {n}"]  # the core names the valid choices
            picked.append(q.options[n - 1].finding)
        return picked
    return raw


def _numbers(q: Question) -> Any:
    """Each part in turn; a blank line or "don't know" leaves that part unknown.

    "120/80" typed for the first of two parts fills both (blood pressure).
    """
    values: dict[str, Any] = {}
    parts = list(q.parts)
    while parts:
        p = parts.pop(0)
        span = f"{p.lo:g}-{p.hi:g}" + ("" if p.unit == f"{p.lo:g}-{p.hi:g}" else f" {p.unit}")
        label = f"{p.label}, " if len(q.parts) > 1 else ""
        got = _reply(label + span + " / " + _("blank or don't know / back"), lambda s: s,
                     blank=None)
        if got is None or got.lower() in DONT_KNOW:
            continue
        pieces = [x.strip() for x in got.split("/")]
        for finding in [p.finding] + [parts.pop(0).finding for _piece in pieces[1:] if parts]:
            text = pieces.pop(0)
            try:
                values[finding] = float(text.replace(",", "."))
            except ValueError:
                values[finding] = text  # the core says what is wrong with it
    return values or None


def _plain(exc: InterviewError) -> str:
    msg = exc.said()
    return msg.split(": ", 1)[1] if ": " in msg else msg


def _save(session: Session, path: str | None) -> None:
    if path:
        try:
            Path(path).write_text(json.dumps(session.to_json(), ensure_ascii=False),
                                  encoding="utf-8")
        except OSError as exc:
            err.print("[yellow]" + _("cannot save the interview to {path}: {problem}").format(
                path=path, problem=exc) + "[/yellow]")


def _finish(session: Session, as_json: bool) -> None:
    r = result(session)
    if as_json:
        click.echo(json.dumps(r.to_json(), ensure_ascii=False))
        return
    from gravida.cli.main import render_report
    from gravida.report import build_report

    out.print()
    out.print("[dim]" + _("{count} questions.").format(count=r.questions_asked)
              + f" {r.stop_explanation}[/dim]")
    render_report(build_report(session.engine, session.case))
