"""The question put to her now: its words, what an answer may be, where we are.

``next_question`` reads the session's plan (session.py) and shows the chosen
question with only what is still open: a group's members not yet known and
meaningful at her weeks, a form's numbers not yet given. A group answered
"yes" is followed by "which of these" before anything else.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from gravida.interview.answers import evidence_of, unknown_members
from gravida.interview.catalogue import NumberPart, QuestionSpec
from gravida.interview.session import Session, catalogue, decision
from gravida.knowledge.frozen import quick_init


@quick_init
@dataclass(frozen=True)
class Option:
    finding: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"finding": self.finding, "text": self.text}


QuestionKind = Literal["yes_no", "number", "group", "choose"]


@quick_init
@dataclass(frozen=True)
class Question:
    """One question as put to her: words, what an answer may be, where we are."""

    id: str
    kind: QuestionKind
    text: str
    help: str | None
    findings: tuple[str, ...]  # what the answer settles
    options: tuple[Option, ...]
    parts: tuple[NumberPart, ...]  # the numbers not given yet
    number: int  # 1 for the first question asked
    max_questions: int
    # start | screening | danger | level | differential | emergency | follow_up | confirm
    purpose: str

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "findings": list(self.findings),
            "number": self.number,
            "max_questions": self.max_questions,
            "purpose": self.purpose,
        }
        if self.help:
            out["help"] = self.help
        if self.options:
            out["options"] = [o.to_json() for o in self.options]
        if self.parts:
            out["parts"] = [p.to_json() for p in self.parts]
        return out


def next_question(session: Session) -> Question | None:
    """The question to ask now, or None when the interview has stopped."""
    cat = catalogue(session.engine)
    d = session.derived
    if d.pending is not None:
        q = cat.questions[d.pending]
        return _question(session, q, "choose", "follow_up", session.questions_asked)
    question, _, phase = decision(session)
    if question is None:
        return None
    q = cat.questions[question]
    asked = _question(session, q, q.kind, phase, session.questions_asked + 1)
    if phase != "confirm":
        return asked
    # a reading of her words asked back (confirm.py): its own question, saying why
    f = q.findings[0]
    text = cat.confirm_text.format(finding=session.engine.pack.label(f), question=q.text)
    return replace(asked, text=text, findings=(f,))


def _question(
    session: Session, q: QuestionSpec, kind: QuestionKind, purpose: str, number: int
) -> Question:
    d = session.derived
    ev = evidence_of(session.engine.model, d.case)
    options: tuple[Option, ...] = ()
    if q.kind == "group":
        open_ = unknown_members(session, q)
        options = tuple(Option(f, t) for f, t in zip(q.findings, q.items, strict=True)
                        if f in open_)
    parts = tuple(p for p in q.parts if p.finding not in ev.numbers)
    findings = tuple(o.finding for o in options) if options else tuple(
        p.finding for p in parts) if parts else q.findings
    return Question(q.id, kind, q.text, q.help, findings, options, parts, number,
                    # a reading asked back is not counted against the maximum
                    catalogue(session.engine).params.max_questions + len(d.asked_back),
                    purpose)
