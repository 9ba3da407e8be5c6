"""A case: what is known about one woman, checked against the vocabulary.

The case is the one value every interface produces (a vignette, a JSON body,
the interview, the free-text parser) and the engine consumes, so all input
validation lives here: an unknown id, a number out of range, a finding both
present and absent, or a missing gestational age is refused with a message
that names the field, before any probability is computed.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from gravida.knowledge.frozen import quick_init
from gravida.knowledge.i18n import N_
from gravida.knowledge.load import Pack

# Suggestions (nearest ids) cost a fuzzy match each: computed for this many unknown ids only,
# so that a body of thousands of unknown ids costs no more than one of a few.
MAX_SUGGESTED = 10


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str
    suggestions: tuple[str, ...] = ()
    # the message before its values went in (a gettext msgid with %(name)s places),
    # and the values: an interface shows the message in the caller's language
    template: str = ""
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, field: str, template: str, suggestions: tuple[str, ...] = (),
           **params: object) -> FieldError:
        """A message with values, kept translatable (``template`` is marked with N_)."""
        values = {k: str(v) for k, v in params.items()}
        return cls(field, template % values, suggestions, template, tuple(values.items()))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"field": self.field, "message": self.message}
        if self.suggestions:
            out["suggestions"] = list(self.suggestions)
        return out


class CaseError(ValueError):
    """A case that cannot be assessed; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[FieldError]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in self.problems))


@dataclass(frozen=True, eq=False)
class Findings(Mapping[str, Any]):
    """What a source states about her, before it is checked as a Case: numbers, and
    findings present and absent, each in the order the source gave them.

    Anything may be missing, gestational weeks too (her text may not say them), so
    it is not yet a Case; ``Case.from_findings`` checks it into one. The free-text
    intake gives one (``ParseResult.case``) and the interview starts from one.
    Code reads its fields; it also reads, unchanged, as the vignette ``case`` format
    (a read-only mapping: the numbers, then "present" and "absent" as lists), so it
    goes wherever a case in that format is accepted without being copied into a
    dict; ``to_json`` is its one serialisation, for the wire.
    """

    numbers: Mapping[str, float] = field(default_factory=dict)  # as the source gave them
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()

    def __getitem__(self, key: str) -> Any:
        if key == "present":
            return list(self.present)
        if key == "absent":
            return list(self.absent)
        return self.numbers[key]

    def __iter__(self) -> Iterator[str]:
        yield from self.numbers
        yield from ("present", "absent")

    def __len__(self) -> int:
        return len(self.numbers) + 2

    def to_json(self) -> dict[str, Any]:
        return dict(self.items())

    def without(self, unset: Iterable[str]) -> Findings:
        """These findings made unknown again: neither present, absent nor valued, so
        the interview asks them (what she unticked on "What we understood")."""
        drop = set(unset)
        return Findings({k: v for k, v in self.numbers.items() if k not in drop},
                        tuple(f for f in self.present if f not in drop),
                        tuple(f for f in self.absent if f not in drop))

    def with_number(self, finding: str, value: float) -> Findings:
        """These findings and one more number (say the weeks, asked when the text had none)."""
        return Findings({**self.numbers, finding: value}, self.present, self.absent)


@quick_init
@dataclass(frozen=True)
class Case:
    """Present and absent boolean findings plus measured numbers; the rest is unknown."""

    numbers: Mapping[str, float]
    present: frozenset[str] = field(default_factory=frozenset)
    absent: frozenset[str] = field(default_factory=frozenset)

    @property
    def weeks(self) -> float:
        return self.numbers["gestational_weeks"]

    def state(self, finding: str) -> bool | float | None:
        """True/False for a known boolean, the value for a number, None when unknown."""
        return finding_state(finding, self.numbers, self.present, self.absent)

    def with_answer(self, finding: str, value: bool | float | None) -> Case:
        """A new case with one finding set (True/False/number) or made unknown (None)."""
        present, absent = set(self.present), set(self.absent)
        numbers = dict(self.numbers)
        present.discard(finding)
        absent.discard(finding)
        numbers.pop(finding, None)
        if isinstance(value, bool):
            (present if value else absent).add(finding)
        elif value is not None:
            numbers[finding] = float(value)
        return Case(numbers, frozenset(present), frozenset(absent))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: _plain(v) for k, v in sorted(self.numbers.items())}
        out["present"] = sorted(self.present)
        out["absent"] = sorted(self.absent)
        return out

    @classmethod
    def from_findings(cls, findings: Findings, pack: Pack) -> Case:
        """Check what a source stated into a case; raises CaseError (weeks missing...)."""
        return cls.from_dict(findings, pack)

    @classmethod
    def from_dict(cls, data: Any, pack: Pack) -> Case:
        """Validate a case in the vignette ``case`` format; raises CaseError."""
        problems: list[FieldError] = []
        if not isinstance(data, Mapping):
            raise CaseError([FieldError("case", N_("must be an object with findings"))])
        numbers: dict[str, float] = {}
        lists: dict[str, set[str]] = {"present": set(), "absent": set()}
        ids = pack.memo(_case_ids)
        booleans, derived = ids.booleans, ids.derived
        suggest = [MAX_SUGGESTED]
        for key, value in data.items():
            if not isinstance(key, str):
                problems.append(FieldError(str(key), N_("field names must be text")))
                continue
            if key in ("present", "absent"):
                if value is None:
                    continue
                if not isinstance(value, list | tuple):
                    problems.append(FieldError(key, N_("must be a list of finding ids")))
                    continue
                if len(value) > len(booleans):
                    problems.append(FieldError.of(
                        key, N_("has %(items)s items, but there are only %(known)s yes/no "
                                "findings"), items=len(value), known=len(booleans)))
                    continue
                for i, fid in enumerate(value):
                    where = f"{key}[{i}]"
                    if not isinstance(fid, str):
                        problems.append(FieldError(where, N_("must be a finding id (text)")))
                    elif fid in lists[key]:
                        problems.append(FieldError.of(where, N_("%(id)s is listed twice"), id=fid))
                    elif fid in derived:
                        problems.append(FieldError.of(
                            where, N_("%(id)s is computed from a measurement: give the number"),
                            id=fid))
                    elif fid not in pack.findings:
                        problems.append(_unknown(where, fid, ids.sorted_booleans, suggest))
                    elif fid not in booleans:
                        problems.append(FieldError.of(
                            where, N_("%(id)s is a number finding: give its value, not %(list)s"),
                            id=fid, list=key))
                    else:
                        lists[key].add(fid)
                continue
            fdef = pack.findings.get(key)
            if fdef is None:
                problems.append(_unknown(key, key, ids.sorted_keys, suggest))
                continue
            if fdef.kind != "number":
                problems.append(
                    FieldError(key, N_("is a yes/no finding: list it under present or absent"))
                )
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                problems.append(FieldError.of(key, N_("must be a number (%(unit)s)"),
                                              unit=fdef.unit))
                continue
            lo, hi = fdef.range or (-math.inf, math.inf)
            if not math.isfinite(value) or not lo <= value <= hi:
                problems.append(FieldError.of(
                    key, N_("%(value)s is outside %(lo)s-%(hi)s %(unit)s"),
                    value=repr(value), lo=f"{lo:g}", hi=f"{hi:g}", unit=fdef.unit))
                continue
            numbers[key] = float(value)
        for fid in sorted(lists["present"] & lists["absent"]):
            problems.append(FieldError(fid, N_("is listed as both present and absent")))
        for imp in pack.implies:
            if not imp.soft and imp.if_ in lists["present"] and imp.then in lists["absent"]:
                problems.append(FieldError.of(
                    imp.if_, N_("is present but %(then)s, which it implies, is absent"),
                    then=imp.then))
        if "gestational_weeks" not in numbers and not any(
            p.field == "gestational_weeks" for p in problems
        ):
            lo, hi = pack.weeks_range
            problems.append(FieldError.of(
                "gestational_weeks", N_("is required (completed weeks, %(lo)s-%(hi)s)"),
                lo=f"{lo:g}", hi=f"{hi:g}"))
        if problems:
            raise CaseError(problems)
        return cls(numbers, frozenset(lists["present"]), frozenset(lists["absent"]))


def finding_state(
    finding: str, numbers: Mapping[str, float], present: frozenset[str], absent: frozenset[str]
) -> bool | float | None:
    """One finding's state in a case or evidence: its value, True/False, or None (unknown)."""
    if finding in numbers:
        return numbers[finding]
    if finding in present:
        return True
    if finding in absent:
        return False
    return None


@dataclass(frozen=True)
class _CaseIds:
    """What validating a case needs of the pack, computed once per pack (Pack.memo)."""

    booleans: frozenset[str]
    derived: frozenset[str]
    sorted_booleans: tuple[str, ...]
    sorted_keys: tuple[str, ...]  # every field name a case may have


def _case_ids(pack: Pack) -> _CaseIds:
    booleans = frozenset(f for f, d in pack.findings.items() if d.kind == "boolean")
    return _CaseIds(
        booleans, frozenset(d.id for d in pack.derived), tuple(sorted(booleans)),
        tuple(sorted({*pack.findings, "present", "absent"})),
    )


def _unknown(where: str, fid: str, known: tuple[str, ...], budget: list[int]) -> FieldError:
    """An unknown id, with the nearest known ids while the budget of suggestions lasts."""
    near: tuple[str, ...] = ()
    if budget[0] > 0:
        budget[0] -= 1
        near = tuple(difflib.get_close_matches(fid[:100], known, n=3, cutoff=0.6))
    return FieldError.of(where, N_("unknown finding id %(id)s"), near, id=repr(fid[:100]))


def _plain(v: float) -> float | int:
    return int(v) if float(v).is_integer() else v
