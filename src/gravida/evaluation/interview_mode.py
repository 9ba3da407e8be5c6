"""Interview mode: a simulated patient plays each vignette through the interview.

The patient knows exactly the vignette's case. She volunteers gestational
weeks, her age if given, and where the pain is (the present members of the
volunteered groups); then she answers yes for a present finding, no for an
absent one, the value for a number, and "don't know" for everything else.
For a grouped question she names the members that apply, says "no" only when
every member is absent, and "don't know" otherwise. What she "knows" is the
case as the engine reads it (implications applied: heavy bleeding is
bleeding), so the interview can reach exactly the full-mode evidence and no
more. Scoring then measures what asking, instead of being told, costs.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

from gravida.engine import Case, CaseError, Engine, Evidence, Findings
from gravida.evaluation.modes import MODES, InterviewPath, Outcome
from gravida.evaluation.vignettes import Vignette
from gravida.interview import InterviewError, Question, Session, answer, next_question, result
from gravida.interview import start as start_interview
from gravida.interview.session import catalogue

# Not clinical: a guard against a selection bug looping forever.
SAFETY_LIMIT = 500


class SimulatedPatient:
    """Answers questions from a known case, as the issue defines her."""

    def __init__(self, engine: Engine, case: Case) -> None:
        self.case = case
        self.evidence: Evidence = engine.model.evidence(case)

    def reply(self, q: Question) -> Any:
        ev = self.evidence
        if q.kind == "yes_no":
            return self._state(q.findings[0])
        if q.kind == "number":
            known = {
                p.finding: self.case.numbers[p.finding]
                for p in q.parts
                if p.finding in self.case.numbers
            }
            return known or None
        members = [o.finding for o in q.options]
        present = [f for f in members if f in ev.present]
        if present:
            return present
        if q.kind == "group" and members and all(f in ev.absent for f in members):
            return False
        return None

    def _state(self, finding: str) -> bool | None:
        if finding in self.evidence.present:
            return True
        if finding in self.evidence.absent:
            return False
        return None

    def initial(self, engine: Engine) -> tuple[Findings, list[str]]:
        """What she says before any question, and which groups that answers."""
        cat = catalogue(engine)
        numbers = {k: self.case.numbers[k] for k in cat.volunteered_numbers
                   if k in self.case.numbers}
        groups = list(cat.volunteered)
        present = sorted(
            f for g in groups for f in cat.questions[g].findings if f in self.case.present
        )
        return Findings(numbers, tuple(present)), groups


def play(engine: Engine, case: Case) -> tuple[Session, list[str]]:
    """Run one whole interview for ``case``; returns the final session and questions asked."""
    patient = SimulatedPatient(engine, case)
    initial, groups = patient.initial(engine)
    return run_questions(start_interview(engine, initial, groups), patient)


def run_questions(session: Session, patient: SimulatedPatient) -> tuple[Session, list[str]]:
    """Ask until the interview stops, the patient answering; the ids of questions asked."""
    asked: list[str] = []
    for _ in range(SAFETY_LIMIT):
        q = next_question(session)
        if q is None:
            return session, asked
        if q.kind != "choose":
            asked.append(q.id)
        session = answer(session, q.id, patient.reply(q))
    raise RuntimeError("interview did not stop")


class InterviewMode:
    """Each vignette played by the simulated patient; scored where the interview stops."""

    name = "interview"

    def run(self, engine: Engine, vignette: Vignette) -> Outcome:
        try:
            case = Case.from_dict(vignette.case, engine.pack)
            session, asked = play(engine, case)
            r = result(session)
        except (CaseError, InterviewError, RuntimeError) as exc:
            return Outcome.failed(str(exc))  # scored as wrong (and under-triaged): fail closed
        path = InterviewPath(questions=r.questions_asked, stop_reason=r.stop_reason, asked=asked)
        return Outcome.from_assessment(r.assessment, interview=path)

    def summary(self, outcomes: Sequence[Outcome]) -> dict[str, Any]:
        counts = [o.interview.questions for o in outcomes if o.interview is not None]
        if not counts:
            return {"questions_median": 0.0, "questions_mean": 0.0, "questions_max": 0}
        return {
            "questions_median": float(statistics.median(counts)),
            "questions_mean": float(statistics.fmean(counts)),
            "questions_max": max(counts),
        }


MODES["interview"] = InterviewMode
