"""Numbers in free text: weeks, temperature, blood pressure, pain score, pulse, age.

The regexes, cue words, unit conversions and estimates live in the language's
phrase file (``phrases/en.yaml``, section ``numbers``); this module runs them, turns words into
numbers ("twenty-eight"), converts units, range-checks against the vocabulary and picks
one value per finding when the text gives several (the strongest pattern, and
for pain the worst score, since the vocabulary asks for the worst pain).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from gravida.intake.lexicon import Lexicon
from gravida.intake.rules import NumberRule, day_key

LOOK_BACK = 60  # characters before a number that a rule's ``not_after`` may see


@dataclass(frozen=True)
class NumberHit:
    finding: str
    value: float
    start: int
    end: int
    text: str
    rule: str
    flags: tuple[str, ...]
    strength: int


def to_number(raw: str, words: dict[str, int]) -> float | None:
    """A matched number as a float: digits (with a decimal comma too) or words."""
    s = re.sub(r"\s+", " ", raw.strip().lower())
    if not s:
        return None
    if s[0].isdigit():
        try:
            return float(s.replace(",", "."))
        except ValueError:
            return None
    return float(words[s]) if s in words else None


def _date_of(
    m: re.Match[str], lex: Lexicon, words: dict[str, int]
) -> tuple[int, int, int | None] | None:
    """The (day, month, year or None) a date's groups give ("3 March", "20/02/27"),
    or None when they are no day and month."""
    day = to_number(m.group("value") or "", words)
    raw_month = (m.group("month") or "").strip().lower().rstrip(".")
    month = int(raw_month) if raw_month.isdigit() else lex.month_names.get(raw_month)
    raw_year = m.groupdict().get("year")
    if day is None or month is None or not 1 <= month <= 12 or day != int(day):
        return None
    year = int(raw_year) + (2000 if len(raw_year) == 2 else 0) if raw_year else None
    return int(day), month, year


def due_date_weeks(
    rule: NumberRule, m: re.Match[str], lex: Lexicon, words: dict[str, int], today: date
) -> float | None:
    """Completed weeks now from a due date ("due on 3 March", "EDD 20/02"): the
    term less the weeks from ``today`` to it. A date without a year is its next
    coming; a date gone by is no due date (None)."""
    when = _date_of(m, lex, words)
    return None if when is None else weeks_before(rule, when[1], when[0], when[2], today)


def period_date_weeks(
    m: re.Match[str], lex: Lexicon, words: dict[str, int], today: date
) -> float | None:
    """Completed weeks now from the first day of her last period as a date ("LMP
    20/10", "last period started 20 October"): weeks are counted from it (Naegele's
    rule counts the due date 280 days on). A date without a year is its last coming;
    a date still to come, or more than 44 weeks back, is no date of this pregnancy."""
    when = _date_of(m, lex, words)
    if when is None:
        return None
    day, month, year = when
    try:
        start = date(today.year if year is None else year, month, day)
        if year is None and start > today:
            start = date(today.year - 1, month, day)
    except ValueError:  # 31 February
        return None
    days = (today - start).days
    if not 0 <= days <= 44 * 7:
        return None
    return float(days // 7)


def weeks_before(
    rule: NumberRule, month: int, day: int, year: int | None, today: date
) -> float | None:
    """Completed weeks now when the due date is ``day`` ``month`` (``year``, else its
    next coming): the rule's term less the weeks from ``today`` to it; None for a
    date gone by or not in the calendar."""
    try:
        if year is not None:
            due = date(year, month, day)
        else:
            due = date(today.year, month, day)
            if due < today:
                due = date(today.year + 1, month, day)
    except ValueError:  # 31 February
        return None
    if due < today:
        return None
    return float(int((rule.term or 0.0) - (due - today).days / 7.0))


def due_month_weeks(rule: NumberRule, m: re.Match[str], lex: Lexicon, today: date) -> float | None:
    """Completed weeks now from a due month ("due in March", "due end of Feb",
    «рожать в начале марта»): the term less the weeks to the day of that month its
    part stands for (the rule's ``values``: "early" 5, "end" 25, the month alone
    15), at its next coming; a due day already past in this month is today (the
    term itself). An estimate: the pack flags it."""
    month = lex.month_names.get((m.group("month") or "").strip().lower().rstrip("."))
    part = " ".join((m.group("value") or "").lower().split())
    day = (rule.values or {}).get(part)
    if month is None or day is None:
        return None
    if month == today.month and day < today.day:
        day = today.day
    return weeks_before(rule, month, int(day), None, today)


def _value(
    rule: NumberRule, m: re.Match[str], lex: Lexicon, words: dict[str, int], today: date
) -> float | None:
    if rule.kind == "due_month":
        return due_month_weeks(rule, m, lex, today)
    if rule.kind == "due_date":
        return due_date_weeks(rule, m, lex, words, today)
    if rule.kind == "period_date":
        return period_date_weeks(m, lex, words, today)
    if rule.kind == "due_day":
        # "due on Valentine's day": a day of the year by its name
        when = (rule.days or {}).get(day_key(m.group("value") or ""))
        return None if when is None else weeks_before(rule, *when, None, today)
    raw = m.group("value")
    if raw is None:
        return None
    kind = rule.kind
    if kind == "trimester":
        return lex.trimester_weeks.get(raw.strip().lower())
    if kind == "named":
        return (rule.values or {}).get(" ".join(raw.lower().split()))
    v = to_number(raw, words)
    if v is None:
        return None
    tenths = m.groupdict().get("tenths")  # "38 и 5": a decimal said aloud
    if tenths is not None:
        t = to_number(tenths, words)
        if t is None or not 0 <= t <= 9 or v != int(v):
            return None
        v += t / 10
    if kind == "months":
        if m.groupdict().get("half"):  # "7 and a half months"
            v += 0.5
        if m.groupdict().get("ordinal") is not None:
            # «на седьмом месяце»: the seventh month under way, six and a half months
            v -= 0.5
        return round(v * lex.months_to_weeks)
    if kind == "fahrenheit" or (kind == "temperature" and v > lex.conversions["fahrenheit_above"]):
        return round((v - 32.0) * 5.0 / 9.0, 1)
    if kind == "weeks_to_go":
        # "due in 6 weeks", "10 weeks to go": the term less the weeks still to go
        return float(int((rule.term or 0.0) - v)) if v < (rule.term or 0.0) else None
    if kind == "weeks_late":
        # "my period is 3 weeks late": weeks count from the last period's first day
        return float(int(v + (rule.offset or 0.0)))
    if kind == "weeks_since":
        # "I had my 20 week scan last week": the scan's week and the weeks since;
        # "my 20 week scan is in 2 weeks": less the weeks until it (group until)
        since_raw = m.groupdict().get("since")
        until_raw = m.groupdict().get("until")
        named = m.groupdict().get("named")
        until = to_number(until_raw, words) if until_raw else None
        since = (
            to_number(since_raw, words)
            if since_raw
            else None
            if until_raw
            else (rule.values or {}).get(" ".join((named or "").lower().split()))
        )
        if until is not None:
            since = -until
        return None if since is None else float(int(v + since))
    if kind == "weeks_upcoming":
        # "I'll be 10 weeks on Friday": 9 completed weeks today
        return float(int(v) - 1)
    # "28+3 weeks" is 28 completed weeks, the vocabulary's unit
    return float(int(v)) if kind == "weeks_days" else v


def extract_numbers(
    norm: str, lex: Lexicon, sentences: list[tuple[int, int]], today: date
) -> list[NumberHit]:
    """Every plausible number finding in the text (before choosing one per finding);
    ``today`` (``read_one``'s: one day for every date in a text) is the day a due date
    is counted from."""
    words = lex.all_number_words
    hits: list[NumberHit] = []
    # one answer per cue and stretch of text: a long sentence full of numbers
    # would otherwise be searched again for every number in it
    cue_seen: dict[tuple[str, int, int], bool] = {}
    for rule in lex.number_rules:
        for m in rule.regex.finditer(norm):
            start, end = m.span()
            after = rule.not_after is not None and rule.not_after.search(
                norm, max(0, start - LOOK_BACK), start
            )
            if after and rule.not_after_below is None:
                continue
            if rule.needs_cue is not None:
                s0, s1 = _sentence_of(start, sentences, rule.cue_reach)
                key = (rule.needs_cue, s0, s1)
                if key not in cue_seen:
                    cue = lex.cues.get(rule.needs_cue)
                    cue_seen[key] = cue is not None and cue.search(norm, s0, s1) is not None
                if not cue_seen[key]:
                    continue
            value = _value(rule, m, lex, words, today)
            if value is not None and rule.kind == "weeks_days" and lex.weeks_range is not None:
                value, start = _range_start(lex.weeks_range, words, norm, m, value, start)
            if value is None or (rule.min_value is not None and value < rule.min_value):
                continue
            if after and rule.not_after_below is not None and value < rule.not_after_below:
                continue
            flags = list(rule.flags)
            if rule.kind == "temperature" and "°f" not in flags:
                raw = to_number(m.group("value"), words) or 0.0
                if raw > lex.conversions["fahrenheit_above"]:
                    flags.append("converted_from_fahrenheit")
            if rule.kind == "fahrenheit":
                flags.append("converted_from_fahrenheit")
            pairs = [(rule.finding, value)]
            if rule.finding2 and "value2" in rule.regex.groupindex:
                v2 = to_number(m.group("value2") or "", words)
                if v2 is None:
                    continue
                pairs.append((rule.finding2, v2))
            if not all(_in_range(lex, f, v) for f, v in pairs):
                continue
            if rule.finding2 and len(pairs) == 2 and pairs[0][1] <= pairs[1][1]:
                continue  # systolic must exceed diastolic
            for f, v in pairs:
                words_of = norm[start:end]  # from a range's first number, if one
                hits.append(
                    NumberHit(f, v, start, end, words_of, rule.name, tuple(flags), rule.strength)
                )
    return hits


def _range_start(
    weeks_range: re.Pattern[str],
    words: dict[str, int],
    norm: str,
    m: re.Match[str],
    value: float,
    start: int,
) -> tuple[float, int]:
    """Her weeks given as a range ("28-29 weeks", "28 or 29 weeks", «30-31 неделя»)
    are the completed weeks of its first: the number just before the matched one
    (``weeks_range``, group ``low``) when it is one or two weeks less, and the hit
    then starts at it. Anything else before the number changes nothing."""
    at = m.start("value")
    before = weeks_range.search(norm, max(0, at - 16), at)
    if before is None:
        return value, start
    low = to_number(before.group("low"), words)
    if low is None or not value - 2 <= low < value:
        return value, start
    return float(int(low)), min(start, before.start("low"))


def choose(hits: list[NumberHit], prefer_max: frozenset[str]) -> dict[str, NumberHit]:
    """One value per finding: the strongest pattern, first in the text; the worst pain."""
    best: dict[str, NumberHit] = {}
    for h in hits:
        cur = best.get(h.finding)
        if cur is None:
            best[h.finding] = h
            continue
        if h.strength != cur.strength:
            if h.strength > cur.strength:
                best[h.finding] = h
            continue
        worse = h.finding in prefer_max and h.value > cur.value
        earlier = h.finding not in prefer_max and h.start < cur.start
        if worse or earlier:
            best[h.finding] = h
    return best


def _in_range(lex: Lexicon, finding: str, value: float) -> bool:
    lo, hi = lex.number_ranges.get(finding, (float("-inf"), float("inf")))
    return lo <= value <= hi


def _sentence_of(pos: int, sentences: list[tuple[int, int]], reach: int = 0) -> tuple[int, int]:
    """The sentence holding ``pos``, widened back by ``reach`` sentences."""
    for i, (s0, s1) in enumerate(sentences):
        if s0 <= pos < s1:
            return sentences[max(0, i - reach)][0], s1
    return 0, 0
