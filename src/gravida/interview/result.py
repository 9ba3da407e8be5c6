"""Where the interview ended: the assessment, and why it stopped in words she reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gravida.engine import Assessment
from gravida.interview.answers import Answer
from gravida.interview.decision import AMBULANCE, EMERGENCY
from gravida.interview.session import Session, decision
from gravida.knowledge.i18n import N_, say

STOP_REASONS: dict[str, str] = {
    "emergency_ambulance": N_("An answer showed a danger sign that needs an ambulance now."),
    "emergency": N_(
        "An answer showed a danger sign that needs care now, and no remaining question "
        "could make it an ambulance call."
    ),
    "settled": N_(
        "No remaining question could change how urgently you need care or raise it to an "
        "emergency, and the likely causes are clear."
    ),
    "max_questions": N_("The interview reached its maximum number of questions."),
    "nothing_left": N_("There is nothing left to ask."),
}
NOT_FINISHED = N_("The interview is not finished; this is the assessment so far.")


@dataclass(frozen=True)
class Result:
    """Where the interview ended: the assessment and why it stopped."""

    assessment: Assessment
    stop_reason: str | None  # None while the interview is still going
    questions_asked: int
    answers: tuple[Answer, ...]
    lang: str = "en"  # the language of the pack it was asked in

    @property
    def stop_explanation(self) -> str:
        lang = self.lang
        if self.stop_reason is None:
            return say(lang, NOT_FINISHED)
        return say(lang, STOP_REASONS[self.stop_reason])

    @property
    def emergency(self) -> bool:
        return self.assessment.triage.level in (EMERGENCY, AMBULANCE)

    def to_json(self) -> dict[str, Any]:
        return {
            "finished": self.stop_reason is not None,
            "stop_reason": self.stop_reason,
            "stop_explanation": self.stop_explanation,
            "questions_asked": self.questions_asked,
            "answers": [a.to_json() for a in self.answers],
            "assessment": self.assessment.to_json(),
        }


def result(session: Session) -> Result:
    """The assessment now, and why the interview stopped (None while it goes on)."""
    stop = None if session.derived.pending is not None else decision(session)[1]
    a = session.engine.assess(session.derived.case)
    return Result(a, stop, session.questions_asked, session.answers, session.engine.pack.lang)
