"""Reading a record's FHIR resources (R4/R4B JSON) into what Gravida knows.

The CDS Hooks services get Observations, Conditions and MedicationRequests
from the EHR; this module turns them into the gestational age, findings and
medicines, through the pack's codes only (integration.yaml, codes.yaml).
A resource that cannot be read (wrong shape, a unit we do not know, a value
out of the vocabulary's range, entered in error) is left out, never guessed:
what is left out is simply not known, and the interview can ask it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from gravida.engine import Findings
from gravida.knowledge.codes import load_codes
from gravida.knowledge.load import Pack
from gravida.service.integration_pack import CodeRef, Integration

BAD_STATUS = {"entered-in-error", "cancelled"}
# UCUM units of a gestational-age Quantity and how many weeks one unit is (not clinical).
WEEK_UNITS = {"wk": 1.0, "week": 1.0, "weeks": 1.0, "d": 1 / 7, "day": 1 / 7, "days": 1 / 7}


def as_list(value: Any) -> list[Any]:
    """A JSON array, or nothing: a malformed element is read as absent, never a crash."""
    return value if isinstance(value, list) else []


def resources(value: Any) -> list[dict[str, Any]]:
    """The resources of a prefetch value: a Bundle's entries, one resource, or none."""
    if not isinstance(value, Mapping):
        return []
    if value.get("resourceType") == "Bundle":
        out = []
        for e in as_list(value.get("entry")):
            r = e.get("resource") if isinstance(e, Mapping) else None
            if isinstance(r, Mapping):
                out.append(dict(r))
        return out
    return [dict(value)] if "resourceType" in value else []


def codings(concept: Any) -> list[tuple[str, str, str]]:
    """(system, code, display) of a CodeableConcept; malformed codings are skipped."""
    if not isinstance(concept, Mapping):
        return []
    out = []
    for c in as_list(concept.get("coding")):
        if isinstance(c, Mapping) and isinstance(c.get("code"), str):
            out.append((str(c.get("system") or ""), c["code"], str(c.get("display") or "")))
    return out


def _matches(concept: Any, refs: Iterable[CodeRef], ig: Integration) -> bool:
    keys = {ig.key(r) for r in refs}
    return any((s, c) in keys for s, c, _ in codings(concept))


def when(resource: Mapping[str, Any]) -> datetime | None:
    """The time a resource describes (effective, onset, issued or recorded), in UTC."""
    for key in ("effectiveDateTime", "onsetDateTime", "issued", "recordedDate",
                "effectiveInstant"):
        v = resource.get(key)
        if isinstance(v, str):
            return parse_time(v)
    period = resource.get("effectivePeriod")
    if isinstance(period, Mapping) and isinstance(period.get("start"), str):
        return parse_time(period["start"])
    return None


def parse_time(text: str) -> datetime | None:
    try:
        t = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def newest_first(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    oldest = datetime.min.replace(tzinfo=UTC)
    return sorted(items, key=lambda r: when(r) or oldest, reverse=True)


def usable(r: Mapping[str, Any]) -> bool:
    return r.get("status") not in BAD_STATUS


@dataclass(frozen=True)
class Gestation:
    """Whether she is pregnant and how far along, as the record says."""

    pregnant: bool | None  # None: the record does not say
    weeks: float | None
    how: str | None  # "age" (a recorded gestational age) or "due" (the due date)


def gestation(items: Iterable[dict[str, Any]], ig: Integration, lo: float, hi: float,
              now: datetime) -> Gestation:
    """The newest usable gestational age or due date, moved on to ``now``."""
    g = ig.data.gestation
    loinc = ig.uri("loinc")
    ages, due = {(loinc, c) for c in g.age_codes}, (loinc, g.due_date_code)
    status = (loinc, g.status_code)
    pregnant: bool | None = None
    status_time: datetime | None = None
    for r in newest_first(x for x in items if usable(x)):
        kind = r.get("resourceType")
        keys = {(s, c) for s, c, _ in codings(r.get("code"))}
        t = when(r)
        if kind == "Condition" and _matches(r.get("code"), g.pregnant, ig):
            if pregnant is None and _active(r):
                pregnant, status_time = True, t
            continue
        if kind != "Observation":
            continue
        if status in keys and pregnant is None:
            if _matches(r.get("valueCodeableConcept"), g.pregnant, ig):
                pregnant, status_time = True, t
            elif _matches(r.get("valueCodeableConcept"), g.not_pregnant, ig):
                pregnant, status_time = False, t
            continue
        weeks = _weeks(r, keys, ages, due, g.term_weeks, now)
        if weeks is None or not lo <= weeks[0] <= hi:
            continue
        if pregnant is False and status_time is not None and (t is None or t < status_time):
            return Gestation(False, None, None)  # a newer record says she is not pregnant
        return Gestation(True, round(weeks[0], 1), weeks[1])
    return Gestation(pregnant, None, None)


def _weeks(r: Mapping[str, Any], keys: set[tuple[str, str]], ages: set[tuple[str, str]],
           due: tuple[str, str], term: float, now: datetime) -> tuple[float, str] | None:
    if keys & ages:
        q = r.get("valueQuantity")
        if not isinstance(q, Mapping) or not isinstance(q.get("value"), int | float):
            return None
        unit = str(q.get("code") or q.get("unit") or "").lower()
        if unit not in WEEK_UNITS:
            return None
        weeks = float(q["value"]) * WEEK_UNITS[unit]
        t = when(r)
        if t is not None:
            weeks += max((now - t) / timedelta(days=7), 0.0)
        return weeks, "age"
    if due in keys:
        v = r.get("valueDateTime") or r.get("valueString")
        if not isinstance(v, str):
            return None
        try:
            edd = date.fromisoformat(v[:10])
        except ValueError:
            return None
        return term - (edd - now.date()).days / 7, "due"
    return None


def _active(r: Mapping[str, Any]) -> bool:
    """A Condition that holds now: not resolved, refuted or entered in error."""
    clinical = {c for _, c, _ in codings(r.get("clinicalStatus"))}
    verification = {c for _, c, _ in codings(r.get("verificationStatus"))}
    if verification & {"refuted", "entered-in-error"}:
        return False
    return not clinical or bool(clinical & {"active", "recurrence", "relapse"})


@dataclass(frozen=True)
class Recorded:
    """What a patient's record states (the engine's ``Findings``), and what said each."""

    findings: Findings
    read_from: dict[str, str]  # finding -> what in the record said so (display words)


def findings(items: Iterable[dict[str, Any]], pack: Pack, ig: Integration, now: datetime,
             recent: timedelta, lasting: set[str]) -> Recorded:
    """Numbers and yes/no findings from Observations and Conditions, newest first.

    A symptom counts only when recorded within ``recent`` of now (an old
    fever is not today's); a history (``lasting``) counts whenever recorded.
    The newest reading of each finding wins; a finding both present and
    absent ends up present (the safer reading).
    """
    codes = load_codes(pack)
    loinc = ig.uri("loinc")
    by_loinc = {(loinc, o.loinc): f for f, o in codes.observations.items()}
    ranges = {f.id: f.range for f in pack.vocabulary.findings if f.range is not None}
    numbers: dict[str, float] = {}
    state: dict[str, bool] = {}
    said: dict[str, str] = {}
    for r in newest_first(x for x in items if usable(x)):
        t = when(r)
        fresh = t is not None and now - t <= recent
        parts = [r, *[c for c in as_list(r.get("component")) if isinstance(c, Mapping)]]
        for part in parts:
            for s, c, display in codings(part.get("code")):
                number = by_loinc.get((s, c))
                q = part.get("valueQuantity")
                if number and fresh and number not in numbers and isinstance(q, Mapping):
                    v = q.get("value")
                    rng = ranges.get(number)
                    if isinstance(v, int | float) and (rng is None or rng[0] <= v <= rng[1]):
                        numbers[number] = float(v)
                        said[number] = display or c
                fid = ig.finding_by_code.get((s, c))
                if fid is None or fid in state or not (fresh or fid in lasting):
                    continue
                value = _boolean(r, part, ig)
                if value is not None:
                    state[fid] = value
                    said[fid] = display or c
    present = tuple(sorted(f for f, v in state.items() if v))
    absent = tuple(sorted(f for f, v in state.items() if not v))
    return Recorded(Findings(numbers, present, absent), said)


def _boolean(r: Mapping[str, Any], part: Mapping[str, Any], ig: Integration) -> bool | None:
    """Present (True), absent (False) or unreadable (None) for one coded resource."""
    if r.get("resourceType") == "Condition":
        verification = {c for _, c, _ in codings(r.get("verificationStatus"))}
        if "refuted" in verification:
            return False
        return True if _active(r) else None
    if isinstance(part.get("valueBoolean"), bool):
        return bool(part["valueBoolean"])
    concept = part.get("valueCodeableConcept")
    if concept is not None:
        if _matches(concept, ig.data.positive, ig):
            return True
        if _matches(concept, ig.data.negative, ig):
            return False
        return None
    interp = {c for x in as_list(r.get("interpretation")) for _, c, _ in codings(x)}
    if interp & {"POS", "A", "DET"}:
        return True
    if interp & {"NEG", "N", "ND"}:
        return False
    return True if r.get("status") in ("final", "amended", "corrected", "preliminary") else None
