"""One answer to one question, checked and put in canonical form.

What she may reply (true/false/null, a number or "120/80", a group's list of
members or each member on its own, or the words yes/no/don't know), what is
wrong with anything else (an InterviewError saying so), and which findings
of a question are still unknown and so worth asking.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from gravida.interview.catalogue import QuestionSpec

if TYPE_CHECKING:
    from gravida.interview.session import Session


# One answer as recorded: yes/no/don't know, the numbers of a form, a group's
# members (a tuple), or each member on its own (a mapping).
Value = bool | float | None | tuple[str, ...] | Mapping[str, float] | Mapping[str, bool | None]


@dataclass(frozen=True)
class Answer:
    question: str
    value: Value

    def to_json(self) -> dict[str, Any]:
        v = self.value
        if isinstance(v, tuple):
            return {"question": self.question, "answer": list(v)}
        if isinstance(v, Mapping):
            return {"question": self.question, "answer": dict(v)}
        return {"question": self.question, "answer": v}


class InterviewError(ValueError):
    """A request the interview cannot follow: an unknown question, a bad answer, no undo."""


def unknown_findings(session: Session, q: QuestionSpec) -> list[str]:
    """The findings of a question still unknown (a group's members, a form's numbers)."""
    if q.kind == "group":
        return unknown_members(session, q)
    ev = session.engine.model.evidence(session.derived.case)
    return [f for f in q.findings
            if f not in ev.present and f not in ev.absent and f not in ev.numbers]


def unknown_members(session: Session, q: QuestionSpec) -> list[str]:
    """A group's members to show: unknown, not yet asked, and meaningful at her
    weeks (the baby's movements are not asked about before they can be felt)."""
    d = session.derived
    model = session.engine.model
    ev = model.evidence(d.case)
    meaningful = model.meaningful
    return [f for f in q.findings
            if f not in ev.present and f not in ev.absent and f not in d.covered
            and _meaningful(meaningful.get(f), ev.weeks)]


def _meaningful(span: tuple[float, float] | None, weeks: float) -> bool:
    return span is None or span[0] <= weeks < span[1]


_WORDS_YES = {"yes", "y", "true"}
_WORDS_NO = {"no", "n", "false", "none"}
_WORDS_DK = {"don't know", "dont know", "dont_know", "don't_know", "unknown", "not sure", "dk", "?"}
_WORD_ANSWERS: dict[str, bool | None] = {
    **dict.fromkeys(_WORDS_YES, True), **dict.fromkeys(_WORDS_NO, False),
    **dict.fromkeys(_WORDS_DK, None),
}


def _word_answer(text: str) -> bool | str | None:
    """A typed yes, no or don't know means true, false or null; other text is left as it is."""
    return _WORD_ANSWERS.get(text.strip().lower(), text)


def check_answer(session: Session, q: QuestionSpec, value: Any, follow_up: bool) -> Value:
    """Validate one answer against its question; returns it in canonical form."""
    if isinstance(value, str) and q.kind != "group":
        value = _word_answer(value)
    if q.kind == "yes_no":
        if value is None or isinstance(value, bool):
            return value
        raise InterviewError(f"{q.id}: answer yes, no or don't know (true, false or null)")
    if q.kind == "number":
        return _check_number(session, q, value)
    return _check_group(session, q, value, follow_up)


def _check_number(session: Session, q: QuestionSpec, value: Any) -> Value:
    if isinstance(value, str):
        value = _parse_numbers(q, value)
    if value is None:
        return None
    ev = session.engine.model.evidence(session.derived.case)
    parts = [p for p in q.parts if p.finding not in ev.numbers] or list(q.parts)
    given: dict[str, Any]
    if isinstance(value, Mapping):
        given = dict(value)
    elif isinstance(value, list | tuple):
        if len(value) != len(parts):
            raise InterviewError(f"{q.id}: give {len(parts)} numbers")
        given = {p.finding: x for p, x in zip(parts, value, strict=True)}
    else:
        if len(parts) != 1:
            names = " and ".join(p.label for p in parts)
            raise InterviewError(f"{q.id}: give both numbers ({names}), e.g. 120/80")
        given = {parts[0].finding: value}
    out: dict[str, float] = {}
    by_finding = {p.finding: p for p in q.parts}
    for f, x in given.items():
        p = by_finding.get(f)
        if p is None:
            raise InterviewError(f"{q.id}: {f!r} is not part of this question")
        if f in ev.numbers:
            raise InterviewError(f"{q.id}: {p.label} is already known ({ev.numbers[f]:g})")
        if x is None:
            continue
        if isinstance(x, bool) or not isinstance(x, int | float):
            raise InterviewError(f"{q.id}: {p.label} must be a number ({p.unit})")
        if not math.isfinite(x) or not p.lo <= x <= p.hi:
            raise InterviewError(
                f"{q.id}: {x:g} is outside the possible range {p.lo:g}-{p.hi:g} {p.unit}"
            )
        out[f] = float(x)
    return out or None


def _check_group(session: Session, q: QuestionSpec, value: Any, follow_up: bool) -> Value:
    open_ = unknown_members(session, q)
    if isinstance(value, str):
        word = _word_answer(value)
        value = [value] if isinstance(word, str) else word
    if isinstance(value, Mapping):
        value = _check_members(q, value, open_)
        if isinstance(value, Mapping):
            return value
    if value is None:
        return None
    if isinstance(value, bool):
        if follow_up and value is True:
            raise InterviewError(f"{q.id}: say which of these apply")
        if value is False and q.must_choose:
            raise InterviewError(f"{q.id}: choose at least one")
        if follow_up and value is False:
            raise InterviewError(f"{q.id}: you said yes: say which of these apply")
        return value
    if isinstance(value, list | tuple):
        chosen = tuple(dict.fromkeys(value))
        if not chosen:
            raise InterviewError(f"{q.id}: choose at least one, or answer no")
        bad = [f for f in chosen if not isinstance(f, str) or f not in open_]
        if bad:
            raise InterviewError(
                f"{q.id}: {', '.join(map(str, bad))} is not one of the choices "
                f"({', '.join(open_)})"
            )
        return tuple(str(f) for f in chosen)
    raise InterviewError(
        f"{q.id}: answer no, don't know, or the list of those that apply"
    )


def _check_members(q: QuestionSpec, value: Mapping[Any, Any], open_: list[str]) -> Value:
    """A per-member answer {finding: yes/no/don't know}: each member answered on its own.

    This is the most informative group answer (a caller that knows which
    members are absent, such as a clinician's form or the simulated patient,
    can say so); it reduces to the plain forms where it can.
    """
    states: dict[str, bool | None] = {}
    for f, raw in value.items():
        if not isinstance(f, str) or f not in open_:
            raise InterviewError(f"{q.id}: {f!r} is not one of the choices ({', '.join(open_)})")
        word = raw.strip().lower() if isinstance(raw, str) else None
        if raw is None or word in _WORDS_DK:
            states[f] = None
        elif raw is True or word in _WORDS_YES:
            states[f] = True
        elif raw is False or word in _WORDS_NO:
            states[f] = False
        else:
            raise InterviewError(f"{q.id}: {f}: answer yes, no or don't know")
    if not states:
        raise InterviewError(f"{q.id}: answer at least one of the choices")
    if all(v is None for v in states.values()):
        return None
    if all(v is False for v in states.values()) and set(states) == set(open_):
        return False
    return MappingProxyType(dict(sorted(states.items())))


def _parse_numbers(q: QuestionSpec, text: str) -> Any:
    """'38.5' or '120/80' (typed or sent as text) into numbers; words are an error."""
    pieces = [t.strip() for t in text.split("/")] if "/" in text else [text.replace(",", ".")]
    try:
        values = [float(t) for t in pieces]
    except ValueError:
        unit = q.unit or ""
        raise InterviewError(
            f"{q.id}: answer with a number ({unit}) or don't know, not {text!r}"
        ) from None
    return values[0] if len(values) == 1 else values
