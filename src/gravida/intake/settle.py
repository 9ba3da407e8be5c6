"""Settle one answer per finding from the evidence, and the duration of the pain."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from spacy.tokens import Doc

from gravida.engine.case import Findings
from gravida.intake import context as ctx
from gravida.intake.evidence import TextEvidence, fmt
from gravida.intake.lexicon import Lexicon
from gravida.intake.mentions import token_span
from gravida.intake.numbers import to_number
from gravida.knowledge import expr
from gravida.knowledge.i18n import _

# the day a calendar start ("since Christmas") is counted back from; tests fix it
today: Callable[[], date] = date.today


def days_since(when: tuple[int, int | None, int], now: date) -> tuple[int, int]:
    """The fewest and most days since the last such day, month or months up to
    ``now``: a day ("12-25") gives one number, a month ("11") or a season of
    months ("06..08") every day of it."""
    month, day, to_month = when
    year = now.year if (month, day or 1) <= (now.month, now.day) else now.year - 1
    if day is not None:
        return ((now - date(year, month, day)).days,) * 2
    first = date(year, month, 1)
    last = min(date(year, to_month, calendar.monthrange(year, to_month)[1]), now)
    return (now - last).days, (now - first).days


def durations(
    norm: str,
    doc: Doc,
    lex: Lexicon,
    all_scopes: Sequence[ctx.Scope],
    text: str,
    weeks_spans: Sequence[tuple[int, int]],
    weeks_now: float | None,
    now: date,
) -> list[TextEvidence]:
    """How long the pain has lasted, from "for ten days", "since yesterday"...
    (``now``: the day the reading counts dates from, ``read_one``'s ``today``)

    Words already read as weeks of pregnancy ("30 weeks now, my back hurts")
    are not also a duration; a start in weeks of pregnancy ("since about 20
    weeks") is, counted back from the weeks she is now.
    """
    d = lex.duration
    past_markers = {
        (sc.trigger.start, sc.trigger.end)
        for sc in all_scopes
        if sc.trigger.category == "historical"
    }
    out: list[TextEvidence] = []
    longest: tuple[float, int, int, str] | None = None
    since_rx = d.get("since_weeks_rx")
    # a start in weeks: a week of this pregnancy (the vocabulary's range) before the weeks now
    first_week = lex.number_ranges["gestational_weeks"][0]
    date_rx = d.get("since_date_rx")
    follows = d.get("follows_rx")
    persists_rx = d.get("persists_rx")
    about_pain = False  # the sentence before mentions pain
    for sent in doc.sents:
        s0, s1 = sent.start_char, sent.end_char
        before, about_pain = about_pain, bool(d["pain_cue"].search(norm, s0, s1))
        # "... and it hasn't been right since": the time in it is when the pain began
        persists = persists_rx is not None and bool(persists_rx.search(norm, s0, s1))
        if not about_pain and not persists and not (
            before and follows is not None and follows.match(norm, s0, s1)
        ):
            continue
        found: list[tuple[float, int, int, str, bool]] = []  # days, span, phrase, own
        if since_rx is not None and weeks_now is not None:
            for m in since_rx.finditer(norm, s0, s1):
                began = to_number(m.group("weeks"), lex.all_number_words)
                if began is None or not first_week <= began < weeks_now:
                    continue
                found.append(((weeks_now - began) * 7.0, m.start(), m.end(), m.group(0), True))
        if date_rx is not None:
            for m in date_rx.finditer(norm, s0, s1):
                when = d["since_dates"].get(" ".join(m.group("date").lower().split()))
                if when is None:
                    continue
                lo, hi = days_since(when, now)
                # a month gives a span of days: stated only when all of it agrees
                if lo > float(d["over_days"]):
                    days = float(lo)
                elif hi <= float(d["over_days"]):
                    days = float(hi)
                else:
                    continue
                found.append((days, m.start(), m.end(), m.group(0), True))
        for rx, days_fixed in d["compiled"]:
            for m in rx.finditer(norm, s0, s1):
                if any(a < m.end() and m.start() < b for a, b in weeks_spans):
                    continue
                # (up to the number: "been pregnant 30 weeks" is her pregnancy's time)
                at = m.start("n") if "n" in m.re.groupindex and m.group("n") else m.start()
                if d["not_after_rx"] is not None and d["not_after_rx"].search(
                    norm, max(s0, m.start() - 40), at
                ):
                    continue
                if days_fixed is not None:
                    days = float(days_fixed)
                else:
                    n_raw = re.sub(r"\s+", " ", (m.group("n") or "a").lower())
                    q = d["quantities"].get(n_raw)
                    n = float(q) if q is not None else to_number(n_raw, lex.all_number_words)
                    unit = m.group("unit").lower().rstrip("s")
                    if n is None or unit not in d["unit_days"]:
                        continue
                    # "two and a half weeks", "3 weeks and a bit": half a unit more
                    n += sum(0.5 for g in HALVES if g in m.re.groupindex and m.group(g))
                    days = n * float(d["unit_days"][unit])
                    if "more" in m.re.groupindex and m.group("more"):
                        days += 0.5  # "for over two weeks" is more than two weeks
                t0, t1 = token_span(doc, m.start(), m.end())
                if any(t0 < b and a < t1 for a, b in past_markers):
                    continue  # "had an epidural 3 years ago": when that was, not the pain
                mods = ctx.modifiers_of(t0, t1, all_scopes)
                if any(
                    s.trigger.category in ("family", "historical", "hypothetical") for s in mods
                ):
                    continue
                own = _own_clause(norm, m.start(), m.end(), s0, s1, d)
                found.append((days, m.start(), m.end(), m.group(0), own))
        # "I fell 3 weeks ago but the pain only started yesterday": where the pain's
        # own start is given, the time of another event in its sentence is not the
        # pain's, unless she says the pain has gone on since
        if not persists and any(f[4] for f in found):
            found = [f for f in found if f[4]]
        for days, c0, c1, phrase, _own in found:
            if longest is None or days > longest[0]:
                longest = (days, c0, c1, phrase)
    if longest is not None and longest[0] >= float(d.get("min_days_to_state", 0)):
        days, c0, c1, phrase = longest
        pol = "present" if days > float(d["over_days"]) else "absent"
        out.append(
            TextEvidence(
                d["finding"],
                pol,
                None,
                c0,
                c1,
                text[c0:c1],
                phrase,
                ("from_duration", f"days={fmt(days)}"),
            )
        )
    return out


HALVES = ("half", "plus")  # duration groups adding half a unit ("2 and a half weeks")


def clause_of(norm: str, c0: int, c1: int, s0: int, s1: int, d: dict[str, Any]) -> tuple[int, int]:
    """The clause around characters [c0, c1) of the sentence [s0, s1): between the
    ``duration.clauses.breaks`` either side (the sentence without that section)."""
    breaks: re.Pattern[str] | None = d.get("clause_breaks_rx")
    if breaks is None:
        return s0, s1
    a = max((m.end() for m in breaks.finditer(norm, s0, c0)), default=s0)
    after = breaks.search(norm, c1, s1)
    return a, after.start() if after else s1


def _own_clause(norm: str, c0: int, c1: int, s0: int, s1: int, d: dict[str, Any]) -> bool:
    """A time in a clause about the pain (a pain word, or a word of its onset:
    "started", "came on", "my back went"), not the time of another event ("I had
    my scan 3 weeks ago"); without ``duration.clauses`` every time is the pain's."""
    if d.get("clause_breaks_rx") is None:
        return True
    a, b = clause_of(norm, c0, c1, s0, s1, d)
    onset = d.get("onset_rx")
    return bool(d["pain_cue"].search(norm, a, b)) or bool(
        onset is not None and onset.search(norm, a, b)
    )


def settle(evidence: list[TextEvidence], lex: Lexicon) -> Findings:
    """One answer per finding. A stated present wins over a stated absent (a missed
    symptom is the costly error), except that an explicit denial wins over a loose
    keyword; a measurement wins over words, as in the engine."""
    numbers: dict[str, float] = {}
    for e in evidence:
        if e.used and e.value is not None:
            numbers[e.finding] = e.value
    present: set[str] = set()
    absent: set[str] = set()
    for e in evidence:
        if e.used and e.polarity == "present" and "loose" not in e.flags:
            present.add(e.finding)
    for e in evidence:
        if e.used and e.polarity == "absent" and e.finding not in present:
            absent.add(e.finding)
    # a loose keyword ("blood") counts unless she denies the finding outright
    for e in evidence:
        if e.used and e.polarity == "present" and e.finding not in absent:
            present.add(e.finding)
    for nm in lex.number_maps:
        fid = str(nm.get("finding"))
        try:
            p_node = expr.parse(nm["present_if"], set(), set(lex.numbers))
            a_node = (
                expr.parse(nm["absent_if"], set(), set(lex.numbers))
                if nm.get("absent_if")
                else None
            )
        except (expr.ExprError, KeyError):
            continue
        if not (expr.findings_in(p_node) & set(numbers)):
            continue
        if expr.evaluate(p_node, set(), set(), numbers):
            present.add(fid)
            absent.discard(fid)
        elif a_node is not None and expr.evaluate(a_node, set(), set(), numbers):
            absent.add(fid)
            present.discard(fid)
    for rule in lex.alone_rules:
        if (
            rule.finding in present
            and rule.then not in absent
            and not (rule.unless_present & present)
            and not (rule.unless_absent & absent)
        ):
            present.add(rule.then)
    # as in the engine, a soft implication gives way to its finding stated absent:
    # a pain on both sides, worse on the right, is right-sided but not one-sided
    changed = True
    while changed:
        changed = False
        for a, b, soft in lex.implies:
            if a in present and b not in present and not (soft and b in absent):
                present.add(b)
                absent.discard(b)
                changed = True
    order = {f: i for i, f in enumerate(lex.boolean_order)}
    return Findings(
        {fid: fmt(numbers[fid])
         for fid in sorted(numbers, key=lambda f: (f != "gestational_weeks", f))},
        tuple(sorted(present, key=lambda f: order.get(f, 0))),
        tuple(sorted(absent, key=lambda f: order.get(f, 0))),
    )


def contradictions(
    evidence: list[TextEvidence], labels: dict[str, str] | None = None
) -> list[str]:
    """Her own words both state and deny a finding ("I have no fever. I have a fever.").

    Resolved as the case shows: present wins (a missed symptom is the costly
    error), and the interview confirms it; the warning quotes both so she, or
    whoever reads the result, can see it.
    """
    said: dict[str, dict[str, TextEvidence]] = {}
    for e in evidence:
        if e.used and e.polarity in ("present", "absent") and not _derived(e):
            if "loose" in e.flags:
                continue  # resolved: the denial wins
            said.setdefault(e.finding, {}).setdefault(e.polarity, e)
    out: list[str] = []
    for fid, pols in said.items():
        if len(pols) == 2:
            yes, no = pols["present"], pols["absent"]
            out.append(
                _(
                    'contradiction: %(finding)s is both stated ("%(stated)s") and denied '
                    '("%(denied)s"); taken as present, to be confirmed'
                )
                % {"finding": (labels or {}).get(fid, fid), "stated": yes.text,
                   "denied": no.text}
            )
    return out


def _derived(e: TextEvidence) -> bool:
    return any(f.startswith(("implied_by:", "from_duration")) for f in e.flags)

