"""A reading of her words that alone makes the level an emergency, asked back once.

Her text is read by the intake before any question, and what it read counts
as an answer ("what she said first counts as an answer", docs/interview.md).
A reader misreads some words: bleeding "on one side" before 14 weeks, a mild
headache taken for a severe one, a belly that tightens and softens taken for a
hard one. When such a reading alone holds the level at an emergency or an
ambulance, the interview would stop there at once, on words she may never
have meant. So, as a telephone triage nurse repeats "you said bleeding: are
you bleeding now?", the interview asks that finding's own question back once
before acting on it, when all hold:

- the level now is an emergency or an ambulance;
- the finding was set by her text (the session's ``read``: not an answer, not
  a structured form; what a reading implies, and a finding a number she wrote
  makes present, a temperature of 39 a fever, count as read), and has not
  been asked back yet;
- with that reading taken away (made unknown, with the readings that imply
  it: heavy bleeding is bleeding; a number read that makes it present goes
  too), the engine's own triage (the rules and the
  differential recomputed) gives a lower level. A level that another route
  holds (an answer, a structured finding, a second reading) is not asked
  about: only a reading that alone holds it;
- fewer than ``confirm_readings`` readings were asked back so far.

Of several, the one whose removal lowers the level most, then the one the
model finds least likely given the rest (the likeliest misreading). "Yes" and
"don't know" keep the reading (a level is never lowered on "don't know");
"no" replaces it by her answer (session.py), and the interview goes on as
usual. The advice of the level she is at is shown while it is asked (the web
and the terminal show what to do first).
"""

from __future__ import annotations

from collections.abc import Iterable

from gravida.engine import Case, Engine
from gravida.engine.model import trimester
from gravida.interview.catalogue import Catalogue
from gravida.interview.decision import EMERGENCY
from gravida.interview.patterns import close_implications

WEEKS = "gestational_weeks"


def _hard(engine: Engine) -> list[tuple[str, str]]:
    return [(imp.if_, imp.then) for imp in engine.pack.implies if not imp.soft]


def implying(engine: Engine, finding: str, among: Iterable[str]) -> frozenset[str]:
    """The findings of ``among`` that imply ``finding`` (hard implications, followed
    through): taken away with it, or the finding would stay implied."""
    hard = _hard(engine)
    pool = set(among)
    out: set[str] = set()
    frontier = {finding}
    while frontier:
        frontier = {a for a, b in hard if b in frontier and a in pool and a not in out}
        out |= frontier
    return frozenset(out)


def implied(engine: Engine, findings: Iterable[str]) -> frozenset[str]:
    """``findings`` and what they imply (hard implications, followed through, as the
    interview closes them: ``close_implications``): heavy bleeding is bleeding. Her
    words said that much even where the reading is dropped."""
    closed = set(findings)
    close_implications(_hard(engine), closed, set())
    return frozenset(closed)


def _by_number(engine: Engine, case: Case, number: str) -> frozenset[str]:
    """The findings a number of the case makes present on its own (the pack's number
    maps: a temperature of 38.0 or more is a fever)."""
    only = Case({WEEKS: case.weeks, number: case.numbers[number]}, frozenset(), frozenset())
    return engine.model.evidence(only).present


def _numbers(read: Iterable[str], case: Case) -> list[str]:
    return [n for n in read if n in case.numbers and n != WEEKS]


def readings(engine: Engine, read: Iterable[str], case: Case,
             asked_back: frozenset[str]) -> frozenset[str]:
    """The findings her text set still present and not asked back: what the reader set,
    what that implies, and what a number it read makes present."""
    read = set(read)
    said = read & case.present
    for n in _numbers(read, case):
        said |= _by_number(engine, case, n)
    if not said:
        return frozenset()
    present = engine.model.evidence(case).present
    stated = case.present - read  # on a form or in an answer: hers, not a reading
    return frozenset(implied(engine, said) & present) - stated - asked_back


def taken_back(engine: Engine, case: Case, finding: str, standing: Iterable[str],
               read: Iterable[str], value: bool | None = None) -> Case:
    """The case with the reading ``finding`` replaced by ``value`` (None: unknown): the
    readings that imply it go too (no bleeding is no heavy bleeding), and so does a
    number read that makes it present (no fever is no temperature of 39 read from
    her words); what it implies stays (not heavy is still bleeding)."""
    gone = implying(engine, finding, standing) | {finding}
    numbers = [n for n in _numbers(read, case) if gone & _by_number(engine, case, n)]
    for f in (*sorted(gone - {finding}), *numbers):
        case = case.with_answer(f, None)
    keep = implied(engine, [finding]) - {finding} - case.present
    case = case.with_answer(finding, value)
    for f in sorted(keep):
        case = case.with_answer(f, True)
    return case


def due(engine: Engine, catalogue: Catalogue, case: Case, standing: frozenset[str],
        read: Iterable[str], asked_back: int) -> str | None:
    """The question that asks back a reading holding an emergency, or None.

    ``standing``: the findings her text set that are still present and not asked
    back (``readings``); ``read``: what the reader set (the session's);
    ``asked_back``: how many were asked back so far."""
    if not standing or asked_back >= catalogue.params.confirm_readings:
        return None
    pack = engine.pack
    rank = pack.level_rank(engine.triage(case).level)
    if rank < pack.level_rank(EMERGENCY):
        return None
    model = engine.model
    best: tuple[int, float, str] | None = None
    for f in sorted(standing):
        qid = catalogue.by_finding.get(f)
        if qid is None or catalogue.questions[qid].kind != "yes_no":
            continue
        rest = taken_back(engine, case, f, standing, read)
        drop = rank - pack.level_rank(engine.triage(rest).level)
        if drop <= 0:
            continue
        ev = model.evidence(rest)
        j = model.index.get(f)
        p_yes = 0.0 if j is None else float(
            model.posterior(ev) @ model.p[trimester(ev.weeks)][:, j])
        key = (-drop, p_yes, f)
        if best is None or key < best:
            best = key
    return None if best is None else catalogue.by_finding[best[2]]
