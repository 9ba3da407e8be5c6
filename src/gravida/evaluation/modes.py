"""How a vignette is played: the evaluator's modes.

A mode turns one vignette into an Outcome (a ranked differential and a
triage level, plus whatever the mode measures, such as questions asked or
findings parsed). The metrics are then the same for every mode, which is
what lets interview and narrative results be compared with full mode.
New modes register themselves in MODES.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from gravida.engine import Assessment, CaseError, Engine
from gravida.evaluation.vignettes import Vignette


@dataclass(frozen=True)
class FindingCounts:
    """Her narrative as read against the vignette's case: findings right, extra, missed."""

    finding_tp: int
    finding_fp: int
    finding_fn: int


@dataclass(frozen=True)
class InterviewPath:
    """How an interview went: questions put (weeks included), why it stopped, what it asked."""

    questions: int
    stop_reason: str | None  # None: still going when the result was read
    asked: list[str]


@dataclass(frozen=True)
class Outcome:
    ranked: list[str]
    probabilities: dict[str, float]
    triage: str
    interview: InterviewPath | None = None
    reading: FindingCounts | None = None
    error: str | None = None

    @classmethod
    def from_assessment(cls, a: Assessment, interview: InterviewPath | None = None,
                        reading: FindingCounts | None = None) -> Outcome:
        return cls(
            ranked=a.ranked,
            probabilities={c.id: c.probability for c in a.conditions},
            triage=a.triage.level,
            interview=interview,
            reading=reading,
        )

    @classmethod
    def failed(cls, message: str, reading: FindingCounts | None = None) -> Outcome:
        return cls(ranked=[], probabilities={}, triage="", reading=reading, error=message)

    def details(self) -> dict[str, int | str | list[str] | None]:
        """The mode's own figures for this case, as the evaluator's JSON row shows them."""
        out: dict[str, int | str | list[str] | None] = {}
        if self.interview is not None:
            out.update(asdict(self.interview))
        if self.reading is not None:
            out.update(asdict(self.reading))
        return out


class Mode(Protocol):
    name: str

    def run(self, engine: Engine, vignette: Vignette) -> Outcome: ...

    def summary(self, outcomes: Sequence[Outcome]) -> dict[str, Any]: ...


class FullMode:
    """Every finding of the case is given at once: measures the model and policy."""

    name = "full"

    def run(self, engine: Engine, vignette: Vignette) -> Outcome:
        try:
            return Outcome.from_assessment(engine.assess(vignette.case, explain=False))
        except CaseError as exc:
            return Outcome.failed(str(exc))

    def summary(self, outcomes: Sequence[Outcome]) -> dict[str, Any]:
        return {}


MODES: dict[str, Callable[[], Mode]] = {"full": FullMode}


def get_mode(name: str) -> Mode:
    """The mode by name; a clear KeyError naming the modes there are."""
    _load_modes()
    if name not in MODES:
        raise KeyError(f"unknown mode {name!r}; available: {', '.join(sorted(MODES))}")
    return MODES[name]()


def _load_modes() -> None:
    """The other modes live in modules of their own that import this one (for Outcome
    and MODES) and register themselves; importing them here, not at the top, is what
    keeps that cycle from biting. They always ship: no guard."""
    from gravida.evaluation import (  # noqa: F401
        conversation_mode,
        interview_mode,
        narrative_mode,
    )
