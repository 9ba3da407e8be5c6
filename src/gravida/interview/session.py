"""The interview as a plain value: what she said first, then each answer in order.

A Session holds only the initial evidence, the volunteered groups and the
answers; the case, what was asked and whether an emergency was revealed are
recomputed from them. So the state is a small JSON object that an API can
store and resume anywhere, ``back`` is simply dropping the last answer, and
two sessions with the same answers are the same interview. What to ask
now is question.py, where it ended result.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from gravida.engine import Case, CaseError, Engine
from gravida.engine.model import Evidence
from gravida.engine.triage import Triage, TriageReason
from gravida.interview import confirm, shortcut
from gravida.interview.answers import (
    Answer,
    InterviewError,
    Value,
    check_answer,
    evidence_of,
    unknown_findings,
    unknown_members,
)
from gravida.interview.catalogue import Catalogue, QuestionSpec, load_catalogue
from gravida.interview.decision import EMERGENCY, QuestionPlan, State
from gravida.interview.select import Selector
from gravida.knowledge import expr
from gravida.knowledge.frozen import quick_init
from gravida.knowledge.i18n import N_
from gravida.knowledge.load import Pack

FORMAT = 1


@quick_init
@dataclass(frozen=True)
class _Derived:
    case: Case
    asked: frozenset[str]
    covered: frozenset[str]
    emergency: bool
    pending: str | None  # a group answered "yes" that still needs "which"
    after_emergency: int = 0  # answers given after the emergency was shown
    asked_back: frozenset[str] = frozenset()  # readings of her words asked back (confirm.py)


@quick_init
@dataclass(frozen=True)
class Session:
    """The interview state. Build it with ``start``; change it with ``answer`` and ``back``."""

    engine: Engine = field(repr=False, compare=False)
    initial: Mapping[str, Any]
    volunteered: tuple[str, ...]
    answers: tuple[Answer, ...]
    derived: _Derived = field(repr=False, compare=False)
    # What the plan of this (immutable) state decided, (question, stop, phase), kept
    # once made: the next question and a finished interview's result both need it.
    # Only the decision, not the plan's scores: sessions sit in the service's cache.
    _decided: list[tuple[str | None, str | None, str]] = field(
        default_factory=list, repr=False, compare=False)
    # The findings of ``initial`` that her text set (the reader's, not a form's or
    # an answer's): a reading that alone holds an emergency is asked back (confirm.py).
    read: tuple[str, ...] = ()

    @property
    def case(self) -> Case:
        return self.derived.case

    @property
    def questions_asked(self) -> int:
        return len(self.answers)

    @property
    def readings(self) -> frozenset[str]:
        """The findings her text set that still stand unconfirmed: present, not asked back."""
        d = self.derived
        return confirm.readings(self.engine, self.read, d.case, d.asked_back)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "pack_version": self.engine.pack.version,
            "initial": dict(self.initial),
            "volunteered": list(self.volunteered),
            "answers": [a.to_json() for a in self.answers],
            **({"read": list(self.read)} if self.read else {}),
        }

    @classmethod
    def from_json(cls, data: Any, engine: Engine | None = None) -> Session:
        """Resume a stored interview; every answer is checked again as it is replayed."""
        if not isinstance(data, Mapping):
            raise InterviewError(N_("an interview state must be a JSON object"))
        if data.get("format") != FORMAT:
            raise InterviewError(N_("unknown interview state format %(format)s"),
                                 format=repr(data.get("format")))
        answers = data.get("answers")
        volunteered = data.get("volunteered", [])
        read = data.get("read", [])
        if not isinstance(answers, list) or not isinstance(volunteered, list):
            raise InterviewError(N_("answers and volunteered must be lists"))
        if not isinstance(read, list):
            raise InterviewError(N_("read must name findings present in the starting case, "
                                    "not %(id)s"), id=repr(read)[:100])
        session = start(engine or Engine(), data.get("initial"), volunteered, read)
        for n, a in enumerate(answers):
            if not isinstance(a, Mapping) or "question" not in a or "answer" not in a:
                raise InterviewError(N_("answers[%(n)s] must be {question, answer}"), n=n)
            session = answer(session, a["question"], a["answer"])
        return session


# --- per-engine parts built once -----------------------------------------------

def _selector(pack: Pack) -> Selector:
    return Selector(Engine(pack), load_catalogue(pack))


def selector(engine: Engine) -> Selector:
    """The catalogue and compiled selector of an engine's pack, built once per pack.

    Every Engine of one pack is the same pure function of it (they share its
    compiled Model), so the selector is kept with the pack (Pack.memo).
    """
    return engine.pack.memo(_selector)


def catalogue(engine: Engine) -> Catalogue:
    return selector(engine).catalogue


# --- the operations -------------------------------------------------------------


def answered_by_text(engine: Engine, case: Any) -> list[str]:
    """The volunteered groups her own words already answered: a place of pain named
    in her text answers "where is the pain". The one rule the service, the CLI and
    the conversation evaluation all use, so the three cannot drift apart."""
    cat = catalogue(engine)
    present = set(case.get("present") or []) if isinstance(case, Mapping) else set()
    return [g for g in cat.volunteered if present & set(cat.questions[g].findings)]


def start(
    engine: Engine, case: Any, volunteered: Sequence[str] = (), read: Sequence[str] = ()
) -> Session:
    """A new interview from what is already known (at least gestational_weeks).

    ``case``: a checked Case (taken as it is), or anything else in the case format
    (``Findings``, a JSON body, a stored state's ``initial``), checked here.

    ``volunteered`` names groups (normally ``pain_location``) that she has
    already answered in her own words: their members not in the case are
    taken as asked and unknown, not asked again.

    ``read`` names the findings present in ``case`` (and the numbers) that a
    reader took from her own words (not a form's, not an answer's): one that
    alone holds an emergency is asked back once (confirm.py).
    """
    cat = catalogue(engine)
    try:
        parsed = case if isinstance(case, Case) else Case.from_dict(case, engine.pack)
    except CaseError as exc:
        raise InterviewError(N_("the starting case is not valid: %(problem)s"),
                             problem=exc) from None
    for gid in volunteered:
        q = cat.get(gid) if isinstance(gid, str) else None
        if q is None or q.kind != "group":
            raise InterviewError(N_("volunteered must name question groups, not %(id)s"),
                                 id=repr(gid))
    vol = tuple(dict.fromkeys(volunteered))
    for f in read:
        if not isinstance(f, str) or (f not in parsed.present and f not in parsed.numbers):
            raise InterviewError(N_("read must name findings present in the starting case, "
                                    "not %(id)s"), id=repr(f)[:100])
    covered = frozenset(f for gid in vol for f in cat.questions[gid].findings)
    emergency = _shown_by_what_she_said(engine, parsed)
    derived = _Derived(parsed, frozenset(vol), covered, emergency, None)
    return Session(engine, dict(parsed.to_json()), vol, (), derived,
                   read=tuple(sorted(set(read))))


def _state(session: Session) -> State:
    d = session.derived
    # a reading asked back is not one of the interview's questions: what follows a
    # "yes" or "don't know" is exactly what would have followed without it
    return State(d.case, d.asked, d.covered, session.questions_asked - len(d.asked_back),
                 d.emergency, d.after_emergency)


def _confirm(session: Session) -> str | None:
    """The question asking back a reading of her words that alone holds an emergency."""
    if session.derived.pending is not None:
        return None
    return confirm.due(session.engine, catalogue(session.engine), session.case,
                       session.readings, session.read, len(session.derived.asked_back))


def plan(session: Session) -> QuestionPlan:
    """The plan of this state, every open question scored (tests, explanations)."""
    p = selector(session.engine).plan(_state(session))
    back_q = _confirm(session)
    if back_q is not None:
        p = replace(p, question=back_q, stop=None, phase="confirm")
    if not session._decided:
        session._decided.append((p.question, p.stop, p.phase))
    return p


def decision(session: Session) -> tuple[str | None, str | None, str]:
    """The plan's (question, stop, phase), decided once per session, scoring only the
    questions the decision reads (shortcut.py); a reading of her words that alone
    holds an emergency is asked back first (confirm.py)."""
    if not session._decided:
        back_q = _confirm(session)
        session._decided.append(
            (back_q, None, "confirm") if back_q is not None
            else shortcut.decision(selector(session.engine), _state(session)))
    return session._decided[0]


def asking_back(session: Session, question_id: str) -> str | None:
    """The reading of her words that this question asks back, if it is one still
    standing (its own yes/no question): answering it confirms or drops the reading."""
    q = catalogue(session.engine).questions.get(question_id)
    if q is None or q.kind != "yes_no" or session.derived.pending is not None:
        return None
    f = q.findings[0]
    return f if f in session.readings else None


def answer(session: Session, question_id: Any, value: Any) -> Session:
    """The session after one answer; a bad answer raises InterviewError saying why.

    Answers: True / False / None (don't know) for a yes/no question; a number
    in range (or None) for a number question, or for blood pressure a mapping
    {systolic_bp: .., diastolic_bp: ..} or a pair; for a group, False (none of
    these), None (don't know), the list of members that apply, or True (then
    the next question asks which).
    """
    cat = catalogue(session.engine)
    if not isinstance(question_id, str) or question_id not in cat.questions:
        raise InterviewError(N_("unknown question %(question)s"), question=repr(question_id))
    q = cat.questions[question_id]
    d = session.derived
    answers = list(session.answers)
    follow_up = d.pending == question_id
    if d.pending is not None and not follow_up:
        raise InterviewError(N_("first say which of %(question)s apply"), question=d.pending)
    if asking_back(session, question_id) is not None:
        v = check_answer(session, q, value, False)
        answers.append(Answer(question_id, v))
        return _replay(session.engine, session.initial, session.volunteered, tuple(answers),
                       session, d)
    if question_id in d.asked and not follow_up:
        raise InterviewError(N_("question %(question)s was already answered (use back to "
                                "change it)"), question=question_id)
    if follow_up:
        answers.pop()  # "yes" is replaced by which ones
    if not follow_up and not unknown_findings(session, q):
        raise InterviewError(N_("question %(question)s is already answered by other answers"),
                             question=question_id)
    v = check_answer(session, q, value, follow_up)
    answers.append(Answer(question_id, v))
    return _replay(session.engine, session.initial, session.volunteered, tuple(answers),
                   session, d)


def back(session: Session) -> Session:
    """The session without its last answer (so that it can be changed)."""
    if not session.answers:
        raise InterviewError(N_("there is no answer to go back to"))
    return _rebuild(session.engine, session.initial, session.volunteered, session.answers[:-1],
                    session.read)


# --- internals --------------------------------------------------------------------


def _rebuild(
    engine: Engine, initial: Mapping[str, Any], volunteered: tuple[str, ...],
    answers: tuple[Answer, ...], read: tuple[str, ...],
) -> Session:
    s = start(engine, initial, volunteered, read)
    for a in answers:
        s = _replay(engine, initial, volunteered, (*s.answers, a), s, s.derived)
    return s


def _replay(
    engine: Engine,
    initial: Mapping[str, Any],
    volunteered: tuple[str, ...],
    answers: tuple[Answer, ...],
    before: Session,
    d: _Derived,
) -> Session:
    """Apply the last of ``answers`` to the state ``d`` of the session before it."""
    cat = catalogue(engine)
    last = answers[-1]
    q = cat.questions[last.question]
    read = before.read
    reading = asking_back(before, last.question)
    if reading is not None:
        return _asked_back(before, reading, last)
    # a follow-up replaces the pending "yes": start from the state before that
    if d.pending == last.question:
        before = _rebuild(engine, initial, volunteered, answers[:-1], read)
        d = before.derived
    case = d.case
    v = last.value
    pending: str | None = None
    if q.kind == "yes_no":
        case = case.with_answer(q.findings[0], v if isinstance(v, bool) else None)
    elif q.kind == "number":
        if isinstance(v, Mapping):
            for f, x in v.items():
                if isinstance(x, int | float):
                    case = case.with_answer(f, float(x))
    elif q.kind == "group":
        open_ = unknown_members(before, q)
        if v is False:
            for f in open_:
                case = case.with_answer(f, False)
        elif isinstance(v, tuple):
            for f in v:
                case = case.with_answer(f, True)
        elif isinstance(v, Mapping):
            for f, state in v.items():
                if state is not None:
                    case = case.with_answer(f, state)
        elif v is True:
            pending = q.id
    try:
        case = Case.from_dict(case.to_json(), engine.pack)
    except CaseError as exc:
        raise InterviewError(N_("that answer contradicts an earlier one: %(problem)s"),
                             problem=exc) from None
    if pending is not None:  # nothing is known yet: wait for which ones
        derived = _Derived(case, d.asked, d.covered, d.emergency, pending, d.after_emergency,
                           d.asked_back)
        return Session(engine, initial, volunteered, answers, derived, read=read)
    covered = d.covered | _settled(q, v, unknown_members(before, q) if q.kind == "group" else [])
    emergency = d.emergency or _reveals_emergency(engine, d.case, case)
    derived = _Derived(case, d.asked | {q.id}, frozenset(covered), emergency, None,
                       d.after_emergency + 1 if d.emergency else 0, d.asked_back)
    return Session(engine, initial, volunteered, answers, derived, read=read)


def _asked_back(before: Session, reading: str, last: Answer) -> Session:
    """The session after she answered a reading of her words asked back (confirm.py).

    "Yes" and "don't know" keep the reading: nothing else changes, so the interview
    goes on exactly as it would have. "No" replaces it by her answer (with the
    readings that imply it: no bleeding is no heavy bleeding), and whether an
    emergency is shown is worked out again from what she has said now, as at the
    start: only the reading she corrected is dropped, every other route stands.
    """
    engine, d = before.engine, before.derived
    done = d.asked_back | {reading}
    if last.value is not False:
        derived = replace(d, asked_back=done)
    else:
        case = confirm.taken_back(engine, d.case, reading, before.readings, before.read,
                                  False)
        try:
            case = Case.from_dict(case.to_json(), engine.pack)
        except CaseError as exc:
            raise InterviewError(N_("that answer contradicts an earlier one: %(problem)s"),
                                 problem=exc) from None
        emergency = _shown_by_what_she_said(engine, case)
        derived = replace(d, case=case, emergency=emergency,
                          after_emergency=d.after_emergency if emergency else 0,
                          asked_back=done)
    return Session(engine, before.initial, before.volunteered, (*before.answers, last),
                   derived, read=before.read)


def _settled(q: QuestionSpec, v: Value, open_members: list[str]) -> set[str]:
    """The findings this answer asked about for good (not to be asked again).

    A group settles every member it showed, whatever the answer: "no" makes
    them absent, "don't know" leaves them unknown, and naming the members
    that apply leaves the others unknown (choosing from a list is not a clear
    "no" to the rest, so they are not taken as absent, nor asked again).
    """
    if q.kind != "group":
        return set(q.findings)
    return set(open_members)


def _shown_by_what_she_said(engine: Engine, case: Case) -> bool:
    """Whether what she has said (at the start; again after she corrects a reading)
    shows an emergency as an answer can ("I'm bleeding", at 30 weeks): then, as after
    such an answer, only what could change what she must do now is asked. Compared
    with her weeks alone."""
    weeks_only = Case.from_dict(
        {"gestational_weeks": case.numbers["gestational_weeks"]}, engine.pack)
    return _reveals_emergency(engine, weeks_only, case)


def _reveals_emergency(engine: Engine, before: Case, after: Case) -> bool:
    """Did this answer raise the level to an emergency through a red flag or a floor rule?

    She is then told at once to go in, and only what could change that is asked
    (decision.py). A floor rule at an emergency level counts whatever the level
    (an ambulance the differential adds on top of a rule's emergency is shown
    too, and then checked); a red flag counts when it brought the level to an
    emergency, by its rule or through the differential (a fever that makes a
    kidney infection probable).

    Without a red flag newly present only a floor rule can reveal one, and a
    rule that holds sets the level at least to its own, so that is decided from
    the floor rules alone, without the two triages (most answers: the same
    result, about a tenth of an interview request's CPU less).
    """
    pack = engine.pack
    e_rank = pack.level_rank(EMERGENCY)
    flagged = bool((after.present - before.present) & set(pack.red_flags))
    if not flagged:
        settled = _settled_rank(engine, after)
        return settled >= e_rank and settled > _settled_rank(engine, before)
    t1 = engine.triage(after)
    if pack.level_rank(t1.level) < e_rank:
        return False
    t0 = engine.triage(before)
    if _rule_rank(engine, after, t1) >= max(e_rank, _rule_rank(engine, before, t0) + 1):
        return True
    return pack.level_rank(t1.level) > pack.level_rank(t0.level)


def _rule_rank(engine: Engine, case: Case, t: Triage) -> int:
    """The most urgent floor rule of ``t`` that holds and is settled (-1: none). A
    rule with exceptions still unknown ("unless after a lift") is not settled yet."""
    ev = evidence_of(engine.model, case)
    return _settled_rules_rank(engine, ev, [r for r in t.reasons if r.kind == "rule"])


def _settled_rank(engine: Engine, case: Case) -> int:
    """``_rule_rank`` of the case's triage, from its floor rules alone (a triage's rule
    reasons are exactly the floor rules that hold: ``Triager.floor_reasons``)."""
    ev = evidence_of(engine.model, case)
    return _settled_rules_rank(engine, ev, engine.triager.floor_reasons(ev))


def _floor_nodes(pack: Pack) -> dict[str, expr.Node]:
    """Each floor rule's node by its id (kept per pack: every answer reads it)."""
    return {cr.rule.id: cr.node for cr in pack.floors}


def _settled_rules_rank(engine: Engine, ev: Evidence, rule_reasons: Sequence[TriageReason]
                        ) -> int:
    if not rule_reasons:  # most answers: no floor rule holds
        return -1
    pack = engine.pack
    nodes = pack.memo(_floor_nodes)
    return max((pack.level_rank(r.level) for r in rule_reasons
                if not expr.open_exceptions(nodes[r.id], ev.present, ev.absent,
                                            ev.numbers)), default=-1)
