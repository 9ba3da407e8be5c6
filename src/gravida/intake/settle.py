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
    since_then = d.get("since_then_rx")
    moment = d.get("event_time_rx")
    about_pain = False  # the sentence before mentions pain
    # the moments ("3 weeks ago") of the sentence before, when it said nothing of
    # pain: the start of a pain the next sentence says went on since ("About two
    # and a half weeks ago I pulled something. It's still there.")
    earlier: list[tuple[float, int, int, str]] = []
    for sent in doc.sents:
        s0, s1 = sent.start_char, sent.end_char
        before, about_pain = about_pain, bool(d["pain_cue"].search(norm, s0, s1))
        # a sentence saying the pain went on since is about it ("I slipped 3 weeks
        # ago and it hasn't been right since")
        goes_on = since_then is not None and bool(since_then.search(norm, s0, s1))
        relevant = about_pain or goes_on or bool(
            before and follows is not None and follows.match(norm, s0, s1)
        )
        if not relevant and (moment is None or since_then is None):
            earlier = []
            continue
        # a sentence not about pain is read for its moments only, as a sentence the
        # next one may tie to the pain (so what she was doing then is that event)
        tied = goes_on or not relevant
        found: list[tuple[float, int, int, str]] = []
        if since_rx is not None and weeks_now is not None:
            for m in since_rx.finditer(norm, s0, s1):
                began = to_number(m.group("weeks"), lex.all_number_words)
                if began is None or not first_week <= began < weeks_now:
                    continue
                found.append(((weeks_now - began) * 7.0, m.start(), m.end(), m.group(0)))
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
                found.append((days, m.start(), m.end(), m.group(0)))
        for rx, days_fixed in d["compiled"]:
            for m in rx.finditer(norm, s0, s1):
                if any(a < m.end() and m.start() < b for a, b in weeks_spans):
                    continue
                # (up to the number: "been pregnant 30 weeks" is her pregnancy's time)
                at = m.start("n") if "n" in m.re.groupindex and m.group("n") else m.start()
                if (
                    d["not_after_rx"] is not None
                    and d["not_after_rx"].search(norm, max(s0, m.start() - 40), at)
                    and not (tied and moment is not None and moment.search(m.group(0)))
                ):
                    # how long she stood or worked, not the pain's time; but a moment
                    # in a sentence the pain went on since is when it began ("was
                    # painting the nursery 4 weeks ago and it's been sore ever since")
                    continue
                if days_fixed is not None:
                    days = float(days_fixed)
                else:
                    counted = count_and_unit(m.group("n"), m.group("unit"), d, lex)
                    if counted is None:
                        continue
                    n, unit_days = counted
                    # "two and a half weeks", "3 weeks and a bit": half a unit more
                    n += sum(0.5 for g in HALVES if g in m.re.groupindex and m.group(g))
                    days = n * unit_days
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
                found.append((days, m.start(), m.end(), m.group(0)))
        if not relevant:
            assert moment is not None
            earlier = [h for h in found if moment.search(h[3])]
            continue
        hits = _own_clause(found, norm, s0, s1, d) if found else earlier if goes_on else []
        earlier = []
        for hit in hits:
            if longest is None or hit[0] > longest[0]:
                longest = hit
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


def count_and_unit(n_raw: str | None, unit_raw: str, d: dict[str, Any], lex: Lexicon
                   ) -> tuple[float, float] | None:
    """A time's count and the days of its unit ("a couple" of "weeks": 2, 7), or None
    when either is not one the phrase file's ``duration`` knows (no count: one)."""
    raw = re.sub(r"\s+", " ", (n_raw or "a").lower())
    q = d["quantities"].get(raw)
    n = float(q) if q is not None else to_number(raw, lex.all_number_words)
    unit = unit_raw.lower().rstrip("s")
    if n is None or unit not in d["unit_days"]:
        return None
    return n, float(d["unit_days"][unit])


def clause_of(norm: str, c0: int, c1: int, s0: int, s1: int, d: dict[str, Any]) -> tuple[int, int]:
    """The clause around characters [c0, c1) of the sentence [s0, s1): from the end
    of the last ``duration.clause_break`` before it to the end of the first after
    it (the whole sentence when the pack names none)."""
    rx: re.Pattern[str] | None = d.get("clause_break_rx")
    if rx is None:
        return s0, s1
    cuts = [m.end() for m in rx.finditer(norm, s0, s1)]
    return (
        max([c for c in cuts if c <= c0], default=s0),
        min([c for c in cuts if c > c1], default=s1),
    )


def _own_clause(
    found: list[tuple[float, int, int, str]], norm: str, s0: int, s1: int, d: dict[str, Any]
) -> list[tuple[float, int, int, str]]:
    """The times of one sentence that date the pain, when the pack names clause
    breaks (``duration.clause_break``) and words of pain (``duration.clause_cue``:
    a verb or noun of pain, not a place, which a fall or a blow names too); both
    optional. A time in a clause with a word of pain wins over one in a clause
    without ("упала 3 недели назад, болит со вчера": the fall's, not the
    pain's), and a time in a clause that names another event
    (``duration.other_event``: "месяц назад была у врача, сейчас болит") is that
    event's, unless the sentence ties the pain to it (``duration.since_then``:
    "упала 3 недели назад, с тех пор болит")."""
    cue = d.get("clause_cue_rx")
    if d.get("clause_break_rx") is None or cue is None or not found:
        return found

    def clause(start: int, end: int) -> tuple[int, int]:
        return clause_of(norm, start, end, s0, s1, d)

    own = [h for h in found if cue.search(norm, *clause(h[1], h[2])) is not None]
    if own:
        return own
    event, then = d.get("other_event_rx"), d.get("since_then_rx")
    if event is None or (then is not None and then.search(norm, s0, s1)):
        return found
    return [h for h in found if event.search(norm, *clause(h[1], h[2])) is None]


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

