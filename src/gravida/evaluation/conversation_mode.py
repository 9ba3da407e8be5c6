"""Conversation mode: her words first, then only the questions her words left open.

The product's main flow, measured end to end. Each vignette's narrative is
read by the free-text intake; the case it gives starts the interview (where
her words name a place of pain, the location question counts as answered);
then the simulated patient of interview mode answers every question from the
vignette's case. When the text gives no weeks of pregnancy, that is the first
question, answered from the case, and it counts as a question asked.

Scored like every mode, plus the questions asked after the text
(median/mean/max) and the narrative finding precision/recall (what the text
alone set, against the case). A finding the text set wrongly is not asked
again, as in the product: the score pays for the reader's mistakes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gravida.engine import Case, CaseError, Engine
from gravida.evaluation.interview_mode import InterviewMode, SimulatedPatient, run_questions
from gravida.evaluation.modes import MODES, FindingCounts, InterviewPath, Outcome
from gravida.evaluation.narrative_mode import NarrativeMode
from gravida.evaluation.vignettes import Vignette
from gravida.intake.parse import parse_text
from gravida.intake.score import narrative_metrics
from gravida.interview import InterviewError, answered_by_text, result
from gravida.interview import start as start_interview

WEEKS = "gestational_weeks"


class ConversationMode:
    """Narrative read first, then the interview from that case; scored where it stops."""

    name = "conversation"

    def run(self, engine: Engine, vignette: Vignette) -> Outcome:
        parsed = parse_text(vignette.narrative, engine.pack).case
        tp, fp, fn = narrative_metrics(parsed, vignette.case)
        counts = FindingCounts(tp, fp, fn)
        try:
            truth = Case.from_dict(vignette.case, engine.pack)
            patient = SimulatedPatient(engine, truth)
            initial, groups = parsed, answered_by_text(engine, parsed)
            weeks_asked = 0
            if WEEKS not in initial.numbers:
                # "How many weeks pregnant are you?"
                initial = initial.with_number(WEEKS, truth.numbers[WEEKS])
                weeks_asked = 1
            # what the reader set is hers to correct: a reading that alone holds an
            # emergency is asked back (interview/confirm.py)
            session = start_interview(engine, initial, groups, [*sorted(parsed.present), *(
                n for n in sorted(parsed.numbers) if n != WEEKS)])
            session, asked = run_questions(session, patient)
            r = result(session)
        except (CaseError, InterviewError, RuntimeError, KeyError) as exc:
            return Outcome.failed(str(exc), counts)  # fail closed
        path = InterviewPath(questions=r.questions_asked + weeks_asked,
                             stop_reason=r.stop_reason,
                             asked=(["gestational_weeks"] if weeks_asked else []) + asked)
        return Outcome.from_assessment(r.assessment, interview=path, reading=counts)

    def summary(self, outcomes: Sequence[Outcome]) -> dict[str, Any]:
        out = InterviewMode().summary(outcomes)
        out.update(NarrativeMode().summary(outcomes))
        return out


MODES["conversation"] = ConversationMode
