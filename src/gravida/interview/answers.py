
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
from gravida.knowledge.frozen import quick_init
from gravida.knowledge.i18n import N_, _

if TYPE_CHECKING:
    from gravida.engine import Case, Evidence, Model
    from gravida.interview.session import Session


# One answer as recorded: yes/no/don't know, the numbers of a form, a group's
# members (a tuple), or each member on its own (a mapping).
Value = bool | float | None | tuple[str, ...] | Mapping[str, float] | Mapping[str, bool | None]


@quick_init
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
    """A request the interview cannot follow: an unknown question, a bad answer, no undo.

    ``template`` is the message before its values went in (a gettext msgid marked
    with N_, ``%(name)s`` places) and ``params`` the values, as in a case's
    FieldError: an interface says it in the caller's language, not in English.
    """

    def __init__(self, template: str, **params: object) -> None:
        values = {k: str(v) for k, v in params.items()}
        super().__init__(template % values if values else template)
        self.template = template
        self.params: tuple[tuple[str, str], ...] = tuple(values.items())

    def said(self) -> str:
        """The message in the current language, its values kept as they are."""
        return _(self.template) % dict(self.params) if self.params else _(self.template)


# The last case read and its evidence (``evidence_of``): (model, case, evidence), replaced
# whole, so another thread sees either the one before or this one.
_LAST: list[tuple[Model, Case, Evidence] | None] = [None]


def evidence_of(model: Model, case: Case) -> Evidence:
    """``model.evidence(case)``, the last one kept: one request reads its state's case
    several times (the question's choice, the group's members it shows, the question's
    options, the settled rank), and a case and a model never change."""
    last = _LAST[0]
    if last is not None and last[1] is case and last[0] is model:
        return last[2]
    ev = model.evidence(case)
    _LAST[0] = (model, case, ev)
    return ev


def unknown_findings(session: Session, q: QuestionSpec) -> list[str]:
    """The findings of a question still unknown (a group's members, a form's numbers)."""
    if q.kind == "group":
        return unknown_members(session, q)
    ev = evidence_of(session.engine.model, session.derived.case)
    return [f for f in q.findings
            if f not in ev.present and f not in ev.absent and f not in ev.numbers]


def unknown_members(session: Session, q: QuestionSpec) -> list[str]:
    """A group's members to show: unknown, not yet asked, and meaningful at her
    weeks (the baby's movements are not asked about before they can be felt)."""
    d = session.derived
    model = session.engine.model
    ev = evidence_of(model, d.case)
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
        raise InterviewError(N_("%(question)s: answer yes, no or don't know (true, false or null)"),
                             question=q.id)
    if q.kind == "number":
        return _check_number(session, q, value)
    return _check_group(session, q, value, follow_up)


def _check_number(session: Session, q: QuestionSpec, value: Any) -> Value:
    if isinstance(value, str):
        value = _parse_numbers(q, value)
    if value is None:
        return None
    ev = evidence_of(session.engine.model, session.derived.case)
    parts = [p for p in q.parts if p.finding not in ev.numbers] or list(q.parts)
    given: dict[str, Any]
    if isinstance(value, Mapping):
        given = dict(value)
    elif isinstance(value, list | tuple):
        # the first numbers of the form, in its order: a form that gained parts at its
        # end (questions.yaml) keeps the meaning of a shorter list
        if not value or len(value) > len(parts):
            raise InterviewError(N_("%(question)s: give %(n)s numbers"), question=q.id,
                                 n=len(parts))
        given = {p.finding: x for p, x in zip(parts, value, strict=False)}
    else:
        if len(parts) != 1:
            names = " / ".join(p.label for p in parts)
            raise InterviewError(N_("%(question)s: give both numbers (%(names)s), e.g. 120/80"),
                                 question=q.id, names=names)
        given = {parts[0].finding: value}
    out: dict[str, float] = {}
    by_finding = {p.finding: p for p in q.parts}
    for f, x in given.items():
        p = by_finding.get(f)
        if p is None:
            raise InterviewError(N_("%(question)s: %(name)s is not part of this question"),
                                 question=q.id, name=repr(f))
        if f in ev.numbers:
            raise InterviewError(N_("%(question)s: %(label)s is already known (%(value)s)"),
                                 question=q.id, label=p.label, value=f"{ev.numbers[f]:g}")
        if x is None:
            continue
        if isinstance(x, bool) or not isinstance(x, int | float):
            raise InterviewError(N_("%(question)s: %(label)s must be a number (%(unit)s)"),
                                 question=q.id, label=p.label, unit=p.unit)
        if not math.isfinite(x) or not p.lo <= x <= p.hi:
            raise InterviewError(
                N_("%(question)s: %(value)s is outside the possible range %(lo)s-%(hi)s %(unit)s"),
                question=q.id, value=f"{x:g}", lo=f"{p.lo:g}", hi=f"{p.hi:g}", unit=p.unit,
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
            raise InterviewError(N_("%(question)s: say which of these apply"), question=q.id)
        if value is False and q.must_choose:
            raise InterviewError(N_("%(question)s: choose at least one"), question=q.id)
        if follow_up and value is False:
            raise InterviewError(N_("%(question)s: you said yes: say which of these apply"),
                                 question=q.id)
        return value
    if isinstance(value, list | tuple):
        chosen = tuple(dict.fromkeys(value))
        if not chosen:
            raise InterviewError(N_("%(question)s: choose at least one, or answer no"),
                                 question=q.id)
        bad = [f for f in chosen if not isinstance(f, str) or f not in open_]
        if bad:
            raise InterviewError(
                N_("%(question)s: %(given)s is not one of the choices (%(choices)s)"),
                question=q.id, given=", ".join(map(str, bad)), choices=", ".join(open_),
            )
        return tuple(str(f) for f in chosen)
    raise InterviewError(
        N_("%(question)s: answer no, don't know, or the list of those that apply"), question=q.id
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
            raise InterviewError(
                N_("%(question)s: %(given)s is not one of the choices (%(choices)s)"),
                question=q.id, given=repr(f), choices=", ".join(open_),
            )
        word = raw.strip().lower() if isinstance(raw, str) else None
        if raw is None or word in _WORDS_DK:
            states[f] = None
        elif raw is True or word in _WORDS_YES:
            states[f] = True
        elif raw is False or word in _WORDS_NO:
            states[f] = False
        else:
            raise InterviewError(N_("%(question)s: %(name)s: answer yes, no or don't know"),
                                 question=q.id, name=f)
    if not states:
        raise InterviewError(N_("%(question)s: answer at least one of the choices"),
                             question=q.id)
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
            N_("%(question)s: answer with a number (%(unit)s) or don't know, not %(text)s"),
            question=q.id, unit=unit, text=repr(text),
        ) from None
    return values[0] if len(values) == 1 else values
