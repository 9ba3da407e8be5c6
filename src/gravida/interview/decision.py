"""The decision for one interview state: which question, in which order, or why stop.

``Selector.plan`` (select.py) scores every question still open; ``decide``
turns those scores into the one decision, a QuestionPlan: where the pain is
first, then (after an emergency answer) only what could make it an ambulance
call or, where the differential set the level above the rules', change it,
then red-flag screening, then danger through the differential, then
the level and the differential. The order and the stop rule are stated in
full in docs/interview.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from gravida.engine import Case
from gravida.interview.answers import Value
from gravida.knowledge.frozen import quick_init

if TYPE_CHECKING:
    from gravida.interview.openings import Openings

EMERGENCY = "emergency"
AMBULANCE = "emergency_ambulance"


class AnswerOutcome(NamedTuple):
    """One possible answer to a question and what it would lead to.

    A NamedTuple, not a frozen dataclass: every plan makes hundreds of them,
    and a tuple is made several times faster (the same fields, as immutable).
    """

    answer: Value
    probability: float
    level: str


class Outcomes:
    """Every answer of one plan with its probability and level, grouped by question
    when first read: the decision never reads them (tests and explanations do), so a
    plan does not build its hundreds of AnswerOutcomes unless asked."""

    def __init__(self, n_questions: int, entries: Sequence[tuple[int, Value, int, int]],
                 probabilities: Sequence[float], level_of: Sequence[int],
                 by_rank: Mapping[int, str]) -> None:
        self._args = (n_questions, entries, probabilities, level_of, by_rank)

    @cached_property
    def by_question(self) -> list[tuple[AnswerOutcome, ...]]:
        n_questions, entries, probabilities, level_of, by_rank = self._args
        out: list[list[AnswerOutcome]] = [[] for _ in range(n_questions)]
        for (qi, a, k, _), pr in zip(entries, probabilities, strict=True):
            out[qi].append(AnswerOutcome(a, pr, by_rank[level_of[k]]))
        return [tuple(o) for o in out]


class Scored(NamedTuple):
    """One question's figures in one plan.

    A NamedTuple, not a frozen dataclass: a fully scored state makes one per open
    question (about seventeen, each of thirteen fields), and a tuple is made about
    three times faster (the same fields, as immutable). Two are equal when every
    field is, the plan's ``answers`` (compared by identity) included."""

    question: str
    answers: Outcomes  # the plan's, shared
    place: int  # this question's place among them
    value: float
    info_gain: float  # bits about the differential
    level_change: float  # expected |change of level|, in levels
    p_emergency: float  # probability (x answerable) of an answer that raises the level
    # across the emergency line now (at an emergency: to an ambulance)
    screening: tuple[str, ...]  # open danger patterns this question could help complete
    holds_level: bool  # a plausible answer changes the level
    holds_top1: bool  # the answers that would change the leading condition are plausible
    holds_top3: bool  # (leader unclear and) a plausible answer changes the top three
    raises_danger: bool = False  # plausible answers, alone or two together, could raise
    # the level across the emergency (or ambulance) line
    lowers_danger: bool = False  # at an emergency the differential set: two plausible
    # answers could take it below the line

    @property
    def outcomes(self) -> tuple[AnswerOutcome, ...]:
        """Each possible answer, its probability under the model and the level it sets."""
        return self.answers.by_question[self.place]


@quick_init
@dataclass(frozen=True)
class QuestionPlan:
    """The decision for one interview state: a question to ask, or why to stop."""

    question: str | None
    stop: str | None
    level: str
    leader_probability: float
    phase: str  # start | screening | level | differential | emergency | ""
    open_patterns: tuple[str, ...] = ()
    scored: tuple[Scored, ...] = field(default=(), repr=False)


@quick_init
@dataclass(frozen=True)
class State:
    """What select needs to know about an interview: the case and what was asked."""

    case: Case
    asked: frozenset[str]  # question ids already asked (or volunteered)
    covered: frozenset[str]  # findings already asked about, whatever the answer
    n_asked: int
    emergency: bool  # an answer revealed a red flag at an emergency level
    after_emergency: int = 0  # answers given after the emergency was shown


def decide(
    openings: Openings,
    state: State,
    scored: list[Scored],
    level0: int,
    lead0: float,
    danger: tuple[str, ...],
    floor0: int = -1,
) -> QuestionPlan:
    """The question to ask now among the scored ones, or the reason to stop.

    ``floor0``: the rank of the most urgent floor rule that holds now (-1: none)."""
    params = openings.params
    level = openings.policy.by_rank[level0]

    def plan(question: str | None, stop: str | None, phase: str) -> QuestionPlan:
        return QuestionPlan(question, stop, level, lead0, phase, danger, tuple(scored))

    def screening_key(s: Scored) -> tuple[bool, int, float, int, float, str]:
        # Red flags first: they must all be asked, and their answers settle
        # most patterns (a "no" to the flag ends every pattern that needs it).
        # Among them what could complete an ambulance-level rule first, so an
        # ambulance finding ends the questions at once; then the likeliest
        # danger, so an emergency ends early.
        flags = any(p.startswith("red_flag:") for p in s.screening)
        rank = max((openings.pattern_rank.get(p, openings.emergency_rank) for p in s.screening),
                   default=-1)
        return (flags, rank, s.p_emergency, len(s.screening), s.value, s.question)

    # 1. where the pain is, when she has not said yet (the side, a volunteered
    #    follow-up, is asked like any other question: when it matters)
    for s in scored:
        if (openings.catalogue.questions[s.question].must_choose
                and state.n_asked < params.max_questions):
            return plan(s.question, None, "start")
    # 2. an emergency already revealed: only what could make it an ambulance call,
    #    by a rule (however unlikely its answer), or through the differential by
    #    answers that are together plausible (or a plausible pair); a rarer one is
    #    left to the advice she is given ("if you feel faint ... call an ambulance").
    #    A level that the differential sets above the rules' (an ambulance on a
    #    rule's emergency; an emergency a red flag made probable) is shown at once
    #    too, and then checked: a question with a plausible answer that changes the
    #    level is asked (one answer at a time: this is what she must do now).
    if state.emergency and level0 >= openings.emergency_rank:
        # everything asked through the differential (the checks of a level it set,
        # the search for an ambulance by plausible answers) ends after
        # emergency_checks answers since the emergency was shown: the level she was
        # told stays, and a rarer ambulance is left to the advice every emergency
        # gives; a danger pattern at the ambulance level (a rule) is asked however late
        checking = state.after_emergency < params.emergency_checks
        by_differential = level0 > floor0 and checking
        if level0 >= openings.ambulance_rank:
            checks = [s for s in scored if s.holds_level] if by_differential else []
            if not checks:
                return plan(None, "emergency_ambulance", "emergency")
            if state.n_asked >= params.max_questions:
                return plan(None, "max_questions", "emergency")
            return plan(max(checks, key=lambda s: (s.value, s.question)).question, None,
                        "emergency")
        ambulance = [s for s in scored if s.screening or (checking and (
                     s.raises_danger or s.p_emergency >= params.plausible_answer))
                     or (by_differential and s.holds_level)]
        if not ambulance:
            return plan(None, "emergency", "emergency")
        if state.n_asked >= params.max_questions:
            return plan(None, "max_questions", "emergency")
        return plan(max(ambulance, key=screening_key).question, None, "emergency")
    if state.n_asked >= params.max_questions:
        return plan(None, "max_questions", "")
    # 3. red-flag screening: every danger pattern still open is settled
    screening = [s for s in scored if s.screening]
    if screening:
        return plan(max(screening, key=screening_key).question, None, "screening")
    # 4. plausible answers that could still make it an emergency through the
    #    differential (alone or two together), then anything that could
    #    change the level, then the differential
    for phase, holding in (
        ("danger", [s for s in scored if s.raises_danger or s.lowers_danger]),
        ("level", [s for s in scored if s.holds_level or s.holds_top1 or s.holds_top3]),
    ):
        if holding:
            best = max(holding, key=lambda s: (s.value, s.question))
            if phase == "level" and not best.holds_level:
                phase = "differential"
            return plan(best.question, None, phase)
    return plan(None, "settled" if scored else "nothing_left", "")
