"""Rules a phrase file adds beside its phrase lists: near, alone_implies, wide_ranges.

Each is clinical content (which wording implies what), so it lives in the pack;
this module holds the typed rules and checks them at load.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gravida.intake.patterns import (
    as_list,
    check_booleans,
    check_src,
    err,
    regex,
    sourced_section,
)


@dataclass(frozen=True)
class NumberRule:
    """A regex for one number finding; group ``value`` (and optional ``value2``)."""

    finding: str
    name: str
    regex: re.Pattern[str]
    kind: str
    finding2: str | None
    flags: tuple[str, ...]
    strength: int
    needs_cue: str | None
    # how many sentences before the hit's own one may hold the cue ("My back is
    # killing me. It's an 8.")
    cue_reach: int = 0
    # text just before the hit that makes it something else ("for about 3 weeks"
    # is a duration, not weeks of pregnancy); searched as ``(?:regex)\Z``
    not_after: re.Pattern[str] | None = None
    # ``not_after`` keeps out only values below this ("Back pain. 4 weeks." is how
    # long it hurt, "Sore back, 28 weeks." still her weeks); None: every value
    not_after_below: float | None = None
    # below this a loosely worded match is more likely something else ("2 weeks
    # and it still hurts" is a duration: nobody knows she is 2 weeks pregnant)
    min_value: float | None = None
    # kind "named": the value a wording stands for ("halfway" is 20 weeks, "the
    # worst pain ever" a 10), keyed by the group ``value`` in lower case with
    # single spaces; kind "weeks_since": the weeks a wording of time gone by
    # stands for (group ``named``: "last week" is 1); kind "due_month": the day of
    # the month a part of it stands for ("early" 5, "end of" 25; "" the month alone)
    values: Mapping[str, float] | None = None
    # kind "weeks_to_go": the full term the weeks still to go are taken from
    # ("due in 6 weeks" is 40 - 6); kind "due_date" too (a due date 10 days off is
    # 40 - 10/7 weeks, completed), and "due_day" and "due_month"
    term: float | None = None
    # kind "period_date": the first day of her last period as a calendar date ("LMP
    # 20/10", "my last period started on 20 October"): completed weeks since it
    # kind "weeks_late": the weeks from the last period's first day to the period
    # that did not come ("3 weeks late" is 3 + 4 weeks of pregnancy)
    offset: float | None = None
    # kind "due_day": the (month, day) a named day of the year stands for ("due on
    # Valentine's day" is 14 February), keyed by ``day_key`` of the group ``value``
    days: Mapping[str, tuple[int, int]] | None = None


@dataclass(frozen=True)
class NearRule:
    """A present mention of ``finding`` about the things ``cue`` names is also ``then``.

    "The tightenings fade if I lie down" says the pain eases with rest and, since
    what eases is a tightening, that the tightenings are the irregular kind. The
    cue must stand before the mention in its sentence (or up to ``reach``
    sentences earlier) and not be negated. A rule with ``instead`` may leave
    ``then`` out: the mention is about the cue and implies nothing ("out of breath
    on the stairs, fine once I sit down" is her breath settling, not her back).
    """

    finding: str
    cue: re.Pattern[str]
    reach: int
    then: str | None
    # not when the text already states one of these ("every 5 minutes ... they
    # ease when I sit" is not made irregular by the easing)
    unless: frozenset[str] = frozenset()
    # the mention is about the cue only, not her pain, when no pain word stands
    # between them ("живот каменеет ... полежу - проходит": the tightening eases)
    instead: bool = False
    # ...or whatever stands between them (``instead: always``): "болит живот ...
    # при ходьбе больнее" is the belly jarring on walking, not a pelvic-girdle sign
    always: bool = False
    # not when a token from the cue to the end of the mention matches this regex:
    # "my belly button itches, and my lower back hurts on the right" is the back's
    # side, not the belly's
    not_between: re.Pattern[str] | None = None


@dataclass(frozen=True)
class AloneRule:
    """``then`` follows from ``finding`` when nothing stated says otherwise.

    A pain only in the lower right of the belly is a right-sided pain; the same
    words beside a pain on the left, or "it's on both sides", are not.
    """

    finding: str
    then: str
    unless_present: frozenset[str]
    unless_absent: frozenset[str]


@dataclass(frozen=True)
class WideRangeRule:
    """A mention of ``finding`` whose words give a wide range of times names ``then``.

    "Every 10 to 40 minutes" is matched by the same words as "every 5 minutes",
    but a rhythm that wanders that much is not a regular one. Wide means the
    longest time is at least ``min_ratio`` times and ``min_spread`` minutes more
    than the shortest; a narrower range ("every 5 to 7 minutes") stays as it is.
    """

    finding: str
    then: str
    regex: re.Pattern[str]
    min_ratio: float
    min_spread: float
    unit_minutes: Mapping[str, float]
    quantities: Mapping[str, float]


def near_rules(raw: Any, fid: str, booleans: list[str]) -> list[NearRule]:
    if raw is None:
        return []
    entry = f"findings.{fid}.near"
    if not isinstance(raw, list):
        raise err(entry, "expected a list of {cue, then, reach?}")
    out: list[NearRule] = []
    for i, r in enumerate(raw):
        name = f"{entry}[{i}]"
        keys = {"cue", "then", "reach", "unless", "instead", "not_between"}
        if not isinstance(r, dict) or set(r) - keys:
            raise err(
                name, "expected keys cue, then (optional with instead) and optional reach,"
                " unless, instead, not_between"
            )
        if r.get("instead", False) not in (True, False, "always"):
            raise err(name, "instead must be true, false or always")
        if r.get("then") not in booleans and not (r.get("then") is None and r.get("instead")):
            raise err(
                name,
                f"then: {r.get('then')!r} is not a boolean vocabulary finding"
                " (only a rule with instead may leave it out)",
            )
        unless = as_list(r.get("unless"), f"{name}.unless")
        if any(u not in booleans for u in unless):
            raise err(name, f"unless: not boolean vocabulary findings: {unless}")
        reach = r.get("reach", 0)
        if not isinstance(reach, int) or isinstance(reach, bool) or not 0 <= reach <= 3:
            raise err(name, "reach must be an integer 0..3")
        if not isinstance(r.get("cue"), str) or not r["cue"].strip():
            raise err(name, "cue must be a token regex")
        cue = regex(f"^(?:{r['cue']})$", f"{name}.cue")
        instead = r.get("instead", False)
        nb = r.get("not_between")
        if nb is not None and (not isinstance(nb, str) or not nb.strip()):
            raise err(name, "not_between must be a token regex")
        not_between = regex(f"^(?:{nb})$", f"{name}.not_between") if nb else None
        out.append(
            NearRule(
                fid, cue, reach, r.get("then"), frozenset(unless), bool(instead),
                instead == "always", not_between,
            )
        )
    return out


def alone_rules(raw: Any, booleans: list[str], known: set[str]) -> list[AloneRule]:
    section = sourced_section(raw, "alone_implies", known)
    if section is None:
        return []
    out: list[AloneRule] = []
    for i, r in enumerate(section.get("rules") or []):
        name = f"alone_implies.rules[{i}]"
        if not isinstance(r, dict) or set(r) - {"if", "then", "unless_present", "unless_absent"}:
            raise err(name, "expected keys if, then, unless_present, unless_absent")
        ids = [r.get("if"), r.get("then"), *(r.get("unless_present") or [])]
        check_booleans(name, ids + list(r.get("unless_absent") or []), booleans)
        out.append(
            AloneRule(
                str(r["if"]),
                str(r["then"]),
                frozenset(r.get("unless_present") or []),
                frozenset(r.get("unless_absent") or []),
            )
        )
    return out


def _positive(raw: Any, entry: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or raw < 0:
        raise err(entry, "expected a number >= 0")
    return float(raw)


def wide_ranges(raw: Any, booleans: list[str], known: set[str], num: str) -> list[WideRangeRule]:
    section = sourced_section(raw, "wide_ranges", known, "src, unit_minutes and rules")
    if section is None:
        return []
    units_raw = section.get("unit_minutes")
    if not isinstance(units_raw, dict) or not units_raw:
        raise err("wide_ranges.unit_minutes", "expected unit: minutes")
    units = {
        str(k).lower(): _positive(v, f"wide_ranges.unit_minutes.{k}") for k, v in units_raw.items()
    }
    q_raw = section.get("quantities") or {}
    if not isinstance(q_raw, dict):
        raise err("wide_ranges.quantities", "expected word: number")
    quantities = {
        str(k).lower(): _positive(v, f"wide_ranges.quantities.{k}") for k, v in q_raw.items()
    }
    out: list[WideRangeRule] = []
    for i, r in enumerate(section.get("rules") or []):
        name = f"wide_ranges.rules[{i}]"
        allowed = {"finding", "then", "regex", "min_ratio", "min_spread"}
        if not isinstance(r, dict) or set(r) - allowed:
            raise err(name, f"expected keys {sorted(allowed)}")
        check_booleans(name, (r.get("finding"), r.get("then")), booleans)
        rx = regex(str(r.get("regex", "")), f"{name}.regex", num)
        if not {"lo", "hi", "unit"} <= set(rx.groupindex):
            raise err(f"{name}.regex", "needs named groups 'lo', 'hi' and 'unit'")
        out.append(
            WideRangeRule(
                finding=str(r["finding"]),
                then=str(r["then"]),
                regex=rx,
                min_ratio=_positive(r.get("min_ratio", 1), f"{name}.min_ratio"),
                min_spread=_positive(r.get("min_spread", 0), f"{name}.min_spread"),
                unit_minutes=units,
                quantities=quantities,
            )
        )
    return out




NUMBER_KINDS: tuple[str, ...] = (
    "value",
    "months",
    "trimester",
    "temperature",
    "fahrenheit",
    "weeks_days",
    "weeks_upcoming",
    "named",
    "weeks_to_go",
    "due_date",
    "due_day",
    "weeks_late",
    "weeks_since",
    "period_date",
    "due_month",
)


def day_key(wording: str) -> str:
    """A named day's wording as looked up in a ``due_day`` rule's ``days``: its
    letters and digits in lower case ("Valentine's Day", "valentines day" alike)."""
    return "".join(ch for ch in wording.lower() if ch.isalnum())


def load_number_rules(
    raw: Any, numbers: set[str], cues: Mapping[str, re.Pattern[str]], num: str, num3: str = ""
) -> list[NumberRule]:
    """The ``numbers.rules`` of a phrase file; ``num`` is the regex for one number
    (``{NUM}``), ``num3`` for one up to 999 in words too (``{NUM3}``)."""
    if not isinstance(raw, list):
        raise err("numbers.rules", "expected a list of rules")
    number_rules: list[NumberRule] = []
    for i, r in enumerate(raw):
        entry_name = f"numbers.rules[{i}]"
        if not isinstance(r, dict) or r.get("finding") not in numbers:
            raise err(entry_name, "needs 'finding', a number finding of the vocabulary")
        rx = regex(str(r.get("regex", "")).replace("{NUM3}", num3 or num), entry_name, num)
        if "value" not in rx.groupindex:
            raise err(entry_name, "regex needs a named group 'value'")
        kind = str(r.get("kind", "value"))
        if kind not in NUMBER_KINDS:
            raise err(entry_name, f"kind must be one of {NUMBER_KINDS}")
        finding2 = r.get("finding2")
        if finding2 is not None and finding2 not in numbers:
            raise err(entry_name, "finding2 is not a number finding")
        cue = r.get("needs_cue")
        if cue is not None and cue not in cues:
            raise err(entry_name, f"unknown cue {cue!r}")
        reach = r.get("cue_reach", 0)
        if not isinstance(reach, int) or isinstance(reach, bool) or not 0 <= reach <= 3:
            raise err(entry_name, "cue_reach must be an integer 0..3")
        min_value = r.get("min_value")
        if min_value is not None and (
            isinstance(min_value, bool) or not isinstance(min_value, int | float)
        ):
            raise err(entry_name, "min_value must be a number")
        values_raw = r.get("values")
        values: dict[str, float] | None = None
        if kind in ("named", "weeks_since", "due_month"):
            if not isinstance(values_raw, dict) or not values_raw or not all(
                isinstance(v, int | float) and not isinstance(v, bool)
                for v in values_raw.values()
            ):
                raise err(entry_name, f"kind {kind} needs 'values': {{wording: number}}")
            values = {" ".join(str(k).lower().split()): float(v) for k, v in values_raw.items()}
        elif values_raw is not None:
            raise err(entry_name, "'values' is only for kinds named, weeks_since and due_month")
        term = r.get("term")
        if (kind in ("weeks_to_go", "due_date", "due_day", "due_month")) != (term is not None) or (
            term is not None and (isinstance(term, bool) or not isinstance(term, int | float))
        ):
            raise err(
                entry_name,
                "kinds weeks_to_go, due_date, due_day and due_month need 'term' (weeks), only they",
            )
        days = _named_days(r.get("days"), kind, entry_name)
        offset = r.get("offset")
        if (kind == "weeks_late") != (offset is not None) or (
            offset is not None
            and (isinstance(offset, bool) or not isinstance(offset, int | float))
        ):
            raise err(entry_name, "kind weeks_late needs 'offset' (weeks), and only it")
        if kind in ("due_date", "period_date", "due_month") and "month" not in rx.groupindex:
            raise err(entry_name, f"kind {kind} needs a named group 'month'")
        not_after_raw = r.get("not_after")
        below = r.get("not_after_below")
        if below is not None and (
            not not_after_raw or isinstance(below, bool) or not isinstance(below, int | float)
        ):
            raise err(entry_name, "not_after_below must be a number, beside a not_after")
        not_after = (
            regex(f"(?:{not_after_raw})\\Z", f"{entry_name}.not_after", num)
            if not_after_raw
            else None
        )
        number_rules.append(
            NumberRule(
                finding=r["finding"],
                name=str(r.get("name", r["finding"])),
                regex=rx,
                kind=kind,
                finding2=finding2,
                flags=tuple(as_list(r.get("flags"), f"{entry_name}.flags")),
                strength=int(r.get("strength", 1)),
                needs_cue=cue,
                cue_reach=reach,
                not_after=not_after,
                not_after_below=None if below is None else float(below),
                min_value=None if min_value is None else float(min_value),
                values=values,
                term=None if term is None else float(term),
                offset=None if offset is None else float(offset),
                days=days,
            )
        )
    return number_rules


def _named_days(raw: Any, kind: str, entry_name: str) -> dict[str, tuple[int, int]] | None:
    """A ``due_day`` rule's ``days``: {wording: "MM-DD"}, a real day of a year
    (29 February is refused: a due date there comes only in a leap year)."""
    if kind != "due_day":
        if raw is not None:
            raise err(entry_name, "'days' is only for kind due_day")
        return None
    if not isinstance(raw, dict) or not raw:
        raise err(entry_name, "kind due_day needs 'days': {wording: \"MM-DD\"}")
    days: dict[str, tuple[int, int]] = {}
    for wording, when in raw.items():
        m = re.fullmatch(r"(\d\d)-(\d\d)", str(when))
        month, day = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
        if not 1 <= month <= 12 or not _every_year_has(month, day):
            raise err(entry_name, f"days: {wording!r} needs a day of the year as \"MM-DD\"")
        days[day_key(str(wording))] = (month, day)
    return days


def _every_year_has(month: int, day: int) -> bool:
    """Whether every year has this day of ``month`` (1-12): a common year's calendar,
    so 29 February is refused (and 31 April, which no year has)."""
    return 1 <= day <= calendar.monthrange(2001, month)[1]


def load_dated(dated: Any, booleans: list[str], num: str) -> None:
    """``duration.dated``: the most days ago a mention of each finding may be dated
    and still be hers now, and the times that date a clause (``ago``: regexes with
    groups ``n`` and ``unit``; ``week``: a week of this pregnancy, group ``weeks``)."""
    if not isinstance(dated, dict) or not isinstance(dated.get("findings"), dict):
        raise err("duration.dated", "expected {findings: {finding: days}, ago, week}")
    for finding, days in dated["findings"].items():
        if finding not in booleans or not isinstance(days, int | float):
            raise err(f"duration.dated.findings.{finding}", "expected a boolean finding: days")
    ongoing = dated.setdefault("ongoing", [])
    if not isinstance(ongoing, list) or any(f not in dated["findings"] for f in ongoing):
        raise err("duration.dated.ongoing", "expected a list of the findings above")
    dated["ago_rx"] = []
    for i, raw in enumerate(as_list(dated.get("ago"), "duration.dated.ago")):
        rx = regex(raw, f"duration.dated.ago[{i}]", num)
        if "n" not in rx.groupindex or "unit" not in rx.groupindex:
            raise err(f"duration.dated.ago[{i}]", "needs named groups 'n' and 'unit'")
        dated["ago_rx"].append(rx)
    week = dated.get("week")
    dated["week_rx"] = regex(str(week), "duration.dated.week", num) if week else None
    if week and "weeks" not in dated["week_rx"].groupindex:
        raise err("duration.dated.week", "needs the named group 'weeks'")


def load_duration(
    duration: Any, booleans: list[str], known_src: set[str], num: str
) -> dict[str, Any]:
    """The ``duration`` section: how long the pain has lasted, its regexes compiled."""
    if not isinstance(duration, dict):
        raise err("duration", "expected a mapping")
    check_src(duration, "duration", known_src)
    if duration.get("finding") not in booleans:
        raise err("duration.finding", "not a boolean vocabulary finding")
    duration["pain_cue"] = regex(str(duration.get("pain_cue", "")), "duration.pain_cue", num)
    # a sentence that opens like this goes on about the pain of the sentence
    # before ("My back hurts. Started two days ago."): optional
    follows = duration.get("follows")
    duration["follows_rx"] = regex(f"(?:{follows})", "duration.follows", num) if follows else None
    # where a clause ends inside a sentence, and the words of pain a clause is
    # looked at for: a time in a clause without one gives way to one in a clause
    # with one ("fell 3 weeks ago, hurts since yesterday"); a clause naming another
    # event dates that event unless the sentence ties the pain to it; optional
    # (``event_time``: a time worded as a moment, "4 weeks ago", which in a sentence
    # of ``since_then`` is when the pain began whatever she was doing then)
    for key in ("clause_break", "clause_cue", "other_event", "since_then", "event_time"):
        raw = duration.get(key)
        duration[f"{key}_rx"] = regex(str(raw), f"duration.{key}", num) if raw else None
    # text just before a time that makes it the time of something else ("задержка 2
    # недели" is how late her period is); searched as ``(?:regex)\Z``
    not_after = duration.get("not_after")
    duration["not_after_rx"] = (
        regex(f"(?:{not_after})\\Z", "duration.not_after", num) if not_after else None
    )
    dated = duration.get("dated")
    if dated is not None:
        load_dated(dated, booleans, num)
    # "since about 20 weeks" when she is 30 weeks now: a start given in weeks of
    # pregnancy (optional; its group ``weeks`` is the week the pain began)
    since = duration.get("since_weeks")
    duration["since_weeks_rx"] = regex(str(since), "duration.since_weeks", num) if since else None
    if since and "weeks" not in duration["since_weeks_rx"].groupindex:
        raise err("duration.since_weeks", "needs the named group 'weeks'")
    # "since Christmas", "since January": a start on the calendar (optional;
    # group ``date`` names a key of ``dates``: "MM-DD" a day, "MM" a month,
    # "MM..MM" months in one year, a season)
    since_date = duration.get("since_date")
    duration["since_date_rx"] = None
    if since_date is not None:
        if not isinstance(since_date, dict) or not isinstance(since_date.get("dates"), dict):
            raise err("duration.since_date", "expected {regex, dates: {name: MM-DD, MM or MM..MM}}")
        rx = regex(str(since_date.get("regex", "")), "duration.since_date.regex", num)
        if "date" not in rx.groupindex:
            raise err("duration.since_date.regex", "needs the named group 'date'")
        dates: dict[str, tuple[int, int | None, int]] = {}
        for name, when in since_date["dates"].items():
            m = re.fullmatch(r"(\d{2})(?:-(\d{2})|\.\.(\d{2}))?", str(when))
            last = int(m.group(3) or m.group(1)) if m is not None else 0
            if m is None or not 1 <= int(m.group(1)) <= last <= 12:
                raise err(f"duration.since_date.dates.{name}", "expected MM-DD, MM or MM..MM")
            day = int(m.group(2)) if m.group(2) else None
            # a day every year has (29 February and 31 April would make the date of
            # the last such day impossible to build in some years)
            if day is not None and not _every_year_has(int(m.group(1)), day):
                raise err(f"duration.since_date.dates.{name}", "no such day")
            dates[" ".join(str(name).lower().split())] = (int(m.group(1)), day, last)
        duration["since_date_rx"] = rx
        duration["since_dates"] = dates
    compiled: list[tuple[re.Pattern[str], float | None]] = []
    for i, rx_raw in enumerate(as_list(duration.get("rules"), "duration.rules")):
        rx = regex(rx_raw, f"duration.rules[{i}]", num)
        if "n" not in rx.groupindex or "unit" not in rx.groupindex:
            raise err(f"duration.rules[{i}]", "needs named groups 'n' and 'unit'")
        compiled.append((rx, None))
    fixed = duration.get("fixed") or {}
    if not isinstance(fixed, dict):
        raise err("duration.fixed", "expected regex: days")
    for rx_raw, days in fixed.items():
        if not isinstance(days, int | float):
            raise err(f"duration.fixed.{rx_raw}", "days must be a number")
        compiled.append((regex(str(rx_raw), f"duration.fixed.{rx_raw}", num), float(days)))
    duration["compiled"] = compiled
    for key in ("unit_days", "quantities"):
        if not isinstance(duration.get(key), dict):
            raise err(f"duration.{key}", "expected a mapping")
    if not isinstance(duration.get("over_days"), int | float):
        raise err("duration.over_days", "expected a number of days")
    return duration
