"""Mentions dated too long ago to be hers now.

Some findings are about the last days only: a fall, knock or crash "in the last
days" (the vocabulary's ``recent_trauma``), a bleed that is going on. A mention of
one whose own clause dates it further back ("I slipped on the ice 3 weeks ago",
"I had a bleed at 9 weeks" when she is 29 weeks now) is kept as evidence, flagged
``dated:<days>``, but not used, unless her sentence says it has gone on since
("I started spotting 3 weeks ago and it hasn't stopped": ``ongoing`` findings
only; a fall weeks ago with the pain still there is still weeks ago). The
limits, per finding, and the words that date a clause are the phrase file's
``duration.dated``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from gravida.intake.evidence import TextEvidence
from gravida.intake.lexicon import Lexicon
from gravida.intake.numbers import to_number
from gravida.intake.settle import clause_of, count_and_unit


def dated(
    evidence: list[TextEvidence], norm: str, sentences: list[tuple[int, int]], lex: Lexicon,
    weeks_now: float | None,
) -> list[TextEvidence]:
    """``evidence`` with the mentions dated beyond their finding's limit not used."""
    d = lex.duration
    rules = d.get("dated")
    if not rules:
        return evidence
    out: list[TextEvidence] = []
    for e in evidence:
        limit = rules["findings"].get(e.finding)
        if limit is None or not e.used or e.polarity != "present":
            out.append(e)
            continue
        s0, s1 = next(((a, b) for a, b in sentences if a <= e.start < b), (0, len(norm)))
        a, b = clause_of(norm, e.start, e.end, s0, s1, d)
        if a == s0:
            a = _week_before(norm, s0, sentences, rules)
        days = _days_ago(norm, a, b, rules, d, lex, weeks_now)
        persists = d.get("since_then_rx")
        if days is None or days <= limit or (
            e.finding in rules["ongoing"] and persists is not None and persists.search(norm, s0, s1)
        ):
            out.append(e)
            continue
        out.append(replace(e, used=False, flags=(*e.flags, f"dated:{days:g}")))
    return out


def _days_ago(
    norm: str, a: int, b: int, rules: dict[str, Any], d: dict[str, Any], lex: Lexicon,
    weeks_now: float | None,
) -> float | None:
    """The most days ago a time in [a, b) puts its clause, if it gives one."""
    most: float | None = None
    for rx in rules["ago_rx"]:
        for m in rx.finditer(norm, a, b):
            # a time without its unit counts in ``unit`` ("when I was 17": years)
            counted = count_and_unit(m.group("n"), m.group("unit") or str(rules.get("unit", "")),
                                     d, lex)
            if counted is None:
                continue
            days = counted[0] * counted[1]
            most = days if most is None else max(most, days)
    week_rx = rules.get("week_rx")
    if week_rx is not None and weeks_now is not None:
        for m in week_rx.finditer(norm, a, b):
            week = to_number(m.group("weeks"), lex.all_number_words)
            if week is not None and week < weeks_now:
                days = (weeks_now - week) * 7.0
                most = days if most is None else max(most, days)
    return most


def _week_before(
    norm: str, s0: int, sentences: list[tuple[int, int]], rules: dict[str, Any]
) -> int:
    """Where a clause opening its sentence starts once a week that heads it is
    counted: a sentence that is nothing but a week of this pregnancy ends with an
    abbreviation's full stop ("В 7 нед. были мажущие выделения": the tokeniser ends
    a sentence at "нед."), so that week dates the clause after it."""
    week_rx = rules.get("week_rx")
    before = next(
        ((p0, p1) for p0, p1 in sentences if p0 < p1 <= s0 and not norm[p1:s0].strip()), None
    )
    if week_rx is None or before is None:
        return s0
    p0, p1 = before
    head = norm[p0:p1].strip()
    m = week_rx.search(head)
    return p0 if m is not None and m.start() == 0 and m.end() >= len(head.rstrip(".")) else s0
