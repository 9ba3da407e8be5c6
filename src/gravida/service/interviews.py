"""The interview calls of the service: start, read, answer, go back, result, language.

Each call reads the stored interview, resumes its Session (from the cache, or
by replaying its answers), applies the change and stores a new version; two
answers racing on one interview cannot both land (see gravida.store).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from gravida.interview import Session
from gravida.knowledge import i18n
from gravida.knowledge.i18n import N_
from gravida.knowledge.load import Pack
from gravida.service.base import ServiceBase
from gravida.service.errors import Conflict, FieldError, ServiceError
from gravida.service.requests import (
    MAX_TEXT_CHARS,
    body_lang,
    conflict,
    int_version,
    invalid,
    json_object,
    merge_cases,
    nearest,
    not_found,
    text_field,
)
from gravida.service.results import (
    InterviewResult,
    InterviewView,
    Reading,
    StoredResult,
    Understanding,
)
from gravida.store import NotFound, StoredInterview, VersionConflict

log = logging.getLogger("gravida.api")


class InterviewCalls(ServiceBase):
    """Interviews: what the API's /v1/interviews routes and the web's pages call."""

    # --- interviews -----------------------------------------------------------------

    def start_interview(self, body: Any, lang: str | None = None) -> InterviewView:
        from gravida.interview import InterviewError, answered_by_text, start
        from gravida.interview.session import catalogue

        data = dict(json_object(body, '{"gestational_weeks": 30, "text": "...", ...}'))
        text = data.pop("text", None)
        keep_text = data.pop("keep_text", False)
        lang = self.language(body_lang(data, lang, pop=True))
        engine = self.engine_for(lang)
        volunteered = data.pop("volunteered", None)
        unset = data.pop("unset", [])
        if text is not None:
            text = text_field(text, "text", MAX_TEXT_CHARS, "what she says (or left out)")
        if not isinstance(keep_text, bool):
            raise invalid("keep_text", "must be true or false")
        # keep_text without text: nothing to keep, so nothing is stored (documented in the
        # schema) rather than a 422 for a request the schema allows.
        groups = [q.id for q in catalogue(engine).questions.values() if q.kind == "group"]
        if volunteered is not None:
            if not isinstance(volunteered, list):
                raise invalid("volunteered", "must be a list of question group ids")
            for i, g in enumerate(volunteered):
                if not isinstance(g, str) or g not in groups:
                    raise invalid(f"volunteered[{i}]", N_("unknown question group %(id)s"),
                                  nearest(str(g)[:100], groups), id=repr(str(g)[:100]))
                if g in volunteered[:i]:
                    raise invalid(f"volunteered[{i}]", N_("%(id)s is listed twice"), id=g)
        if not isinstance(unset, list) or not all(isinstance(f, str) for f in unset):
            raise invalid("unset", "must be a list of finding ids read from the text")
        if unset and text is None:
            raise invalid("unset", "there is no text to unset findings from")
        reading: Reading | None = None
        read: list[str] = []
        if text is not None:
            reading = self._understand(text, unset, engine.pack, carried=True)
            # what only the reader set (not the form too): hers to correct when it alone
            # holds an emergency (interview/confirm.py)
            given = data.get("present")
            stated = {f for f in given if isinstance(f, str)} if isinstance(given, list) else set()
            read = sorted(f for f in reading.case.present if f not in stated)
            read += sorted(n for n in reading.case.numbers
                           if n not in data and n != "gestational_weeks")
            data = merge_cases(reading.case, data)
        case = self.case(data, engine.pack)
        if volunteered is None:
            volunteered = []
            if reading is not None:  # what she described in her own words counts as answered
                volunteered = answered_by_text(engine, reading.case)
        try:
            session = start(engine, case, volunteered,
                            [f for f in read if f in case.present or f in case.numbers])
        except InterviewError as exc:
            raise invalid("body", exc.template, **dict(exc.params)) from None
        fields = self._snapshot(session, lang)
        row = self.store.create(**fields, text=text if keep_text else None)
        self.sessions.put((row.id, row.version), session, row)
        return replace(self._view(row), reading=reading)

    def _understand(self, text: str, unset: list[str], pack: Pack | None = None,
                    carried: bool = False, keep: bool = False) -> Reading:
        """What the text says, less what she unticked ("What we understood"): the parse
        with its case reduced, and the typed list she is shown (in the pack's language).

        ``carried``: use the reading ``understand`` left for this text, if any;
        ``keep``: leave this reading for the interview's start (see ParseCarry).
        """
        from gravida.intake.parse import parse_text
        from gravida.intake.understood import finding_labels, understand

        pack = pack or self.pack
        result = self.readings.take(pack.lang, text) if carried else None
        if result is None:
            result = parse_text(text, pack)
        if keep:
            self.readings.put(pack.lang, text, result)
        understood = understand(result, finding_labels(pack), pack.lang)
        known = {i.finding for i in understood.items}
        for i, f in enumerate(unset):
            if f not in known:
                raise invalid(f"unset[{i}]", N_("%(id)s was not read from the text"),
                              nearest(f[:100], sorted(known)), id=repr(f[:100]))
        return Reading(parsed=result, case=understood.case(unset), understood=understood)

    def understand(self, body: Any, lang: str | None = None) -> Understanding:
        """"What we understood" from her text before an interview starts; nothing is stored.

        The web shows it back to her to untick; the interview then starts with
        the same text and ``unset`` naming what she unticked.
        """
        data = json_object(body, '{"text": "..."}')
        text = text_field(data.get("text"), "text", MAX_TEXT_CHARS, "what she says")
        reading = self._understand(text, [], self.engine_for(lang).pack, keep=True)
        return Understanding(case=reading.case, understood=reading.understood)

    def forget_words(self, text: Any) -> None:
        """She deleted what she wrote before the interview began: drop its reading now."""
        if isinstance(text, str):
            self.readings.forget(text)

    def delete_interview(self, interview_id: str) -> None:
        """Her answers, gone now, not at the end of the retention period."""
        try:
            self.store.delete(interview_id)
        except NotFound:
            raise not_found(interview_id) from None
        self.sessions.drop(interview_id)

    def get_interview(self, interview_id: str) -> InterviewView:
        return self._view(self._row(interview_id))

    def answer(self, interview_id: str, body: Any) -> InterviewView:
        return self.answering(interview_id, body).finish()

    def answering(self, interview_id: str, body: Any) -> Answering:
        """An answer applied to the interview, not yet decided on nor stored: its
        ``finish`` chooses the next question (or the result) and stores the new version.

        Applying it is cheap (its checks, the session's findings); ``finish`` is the
        cost of the request, which the API may hand to a thread where an emergency is
        shown (``Answering.emergency``: its checks take longest). Errors are raised
        by whichever of the two meets them, as ``answer`` raises them.
        """
        from gravida.interview.session import catalogue

        data = json_object(body, '{"question": "...", "answer": ..., "version": 1}')
        version = int_version(data)
        unknown = sorted(set(data) - {"question", "answer", "version"})
        if unknown:
            raise invalid(unknown[0], "is not a field of an answer",
                          nearest(unknown[0], ["question", "answer", "version"]))
        qid = data.get("question")
        if "answer" not in data:
            raise invalid("answer", "is required: true, false, null (don't know), a number, "
                                    "or a list of options")
        ids = list(catalogue(self.engine).questions)  # ids are the same in every language
        if not isinstance(qid, str):
            raise invalid("question", "is required: the id of the question answered")
        if qid not in ids:
            raise invalid("question", N_("unknown question id %(id)s"), nearest(qid, ids),
                          id=repr(qid))
        # The row this worker last wrote or read at the version she answers, if it has it:
        # a stored version never changes, and the write is refused if the store has
        # moved on, so the read is saved. Any refusal is decided again from the stored
        # row, so she gets the same answer (a 404, 409 or 422) as without the cache.
        cached = self.sessions.row((interview_id, version))
        if cached is not None:
            try:
                return Answering(self, interview_id, version, qid, data["answer"], cached,
                                 self._apply(cached, version, qid, data["answer"]), True)
            except ServiceError:
                pass
        row = self._row(interview_id)
        return Answering(self, interview_id, version, qid, data["answer"], row,
                         self._apply(row, version, qid, data["answer"]), False)

    def _apply(self, row: StoredInterview, version: int, qid: str, value: Any) -> Session:
        """The session of ``row`` after the answer (not yet stored)."""
        from gravida.interview import InterviewError, answer

        self._check_version(row, version)
        if row.finished:
            raise Conflict(
                "interview-finished", "The interview is finished",
                "This interview has stopped; read its result, or go back to change an answer.",
                [FieldError("question", "the interview is finished")],
            )
        session = self._resume(row)
        try:
            return answer(session, qid, value)
        except InterviewError as exc:
            # its template and values: the caller reads it in her language
            raise invalid("answer", exc.template, kind="invalid-answer",
                          title="The answer is not valid", **dict(exc.params)) from None
        except (TypeError, ValueError) as exc:
            raise invalid("answer", str(exc) or "is not a valid answer to this question",
                          kind="invalid-answer", title="The answer is not valid") from None

    def back(self, interview_id: str, body: Any) -> InterviewView:
        from gravida.interview import InterviewError, back

        data = json_object(body, '{"version": 1}')
        version = int_version(data)
        row = self._row(interview_id)
        self._check_version(row, version)
        session = self._resume(row)
        try:
            before = back(session)
        except InterviewError as exc:
            raise Conflict("nothing-to-undo", "Nothing to undo", str(exc),
                           [FieldError("version", str(exc), (), exc.template, exc.params)],
                           exc.template, exc.params) from None
        return self._save(row, before)

    def session(self, interview_id: str) -> Session:
        """The interview as the core's Session (what the hand-off documents are made from).

        Resumed exactly as every other interview call resumes it, so a missing
        or stale interview raises the same UnknownInterview / Conflict.
        """
        return self._resume(self._row(interview_id))

    def relanguage(self, interview_id: str, lang: str) -> InterviewView:
        """The interview from now on in ``lang``: its answers kept, its question and result
        said again in that language (the web page's language switch)."""
        code = self.language(lang)
        row = self._row(interview_id)
        if _stored_lang(row) == code:
            return self._view(row)
        from gravida.interview import InterviewError, Session

        try:
            session = Session.from_json(row.state["session"], self.engine_for(code))
        except (InterviewError, KeyError, TypeError, ValueError):
            return self._view(row)  # resuming will say it is stale, in its own words
        try:
            new = self.store.update(row.id, row.version, **self._snapshot(session, code))
        except VersionConflict:  # an answer came first: that one stands, in its language
            return self._view(self._row(interview_id))
        except NotFound:
            raise not_found(row.id) from None
        self.sessions.put((new.id, new.version), session, new)
        return self._view(new)

    def result(self, interview_id: str) -> InterviewResult:
        from gravida.interview import result

        row = self._row(interview_id)
        if row.finished and row.result is not None:
            return StoredResult(row.result)
        return result(self._resume(row))

    # --- interview internals --------------------------------------------------------

    def _row(self, interview_id: str) -> StoredInterview:
        try:
            return self.store.get(interview_id)
        except NotFound:
            raise not_found(interview_id) from None

    @staticmethod
    def _check_version(row: StoredInterview, version: int) -> None:
        if version != row.version:
            raise conflict(version, row.version)

    def _resume(self, row: StoredInterview) -> Session:
        from gravida.interview import InterviewError

        cached = self.sessions.get((row.id, row.version))
        if cached is not None:
            return cached
        try:
            engine = self.engine_for(_stored_lang(row))
            session = Session.from_json(row.state["session"], engine)
        except (InterviewError, KeyError, TypeError, ValueError) as exc:
            log.warning("interview cannot be resumed with pack %s: %s", self.pack.version, exc)
            raise Conflict(
                "interview-stale", "The interview cannot be resumed",
                "The knowledge pack changed since this interview was stored and its answers "
                "no longer fit; please start a new interview.",
            ) from None
        self.sessions.put((row.id, row.version), session, row)
        return session

    def _snapshot(self, session: Session, lang: str) -> dict[str, Any]:
        from gravida.interview import next_question, result

        q = next_question(session)
        return {
            "state": {"session": session.to_json(), "case": session.case.to_json(), "lang": lang},
            "question": None if q is None else q.to_json(),
            "result": result(session).to_json() if q is None else None,
            "finished": q is None,
            "pack_version": self.pack.version,
        }

    def _save(self, row: StoredInterview, session: Session) -> InterviewView:
        try:
            new = self.store.update(row.id, row.version,
                                    **self._snapshot(session, _stored_lang(row)))
        except VersionConflict as exc:
            raise conflict(row.version, exc.current) from None
        except NotFound:
            raise not_found(row.id) from None
        self.sessions.put((new.id, new.version), session, new)
        return self._view(new)

    @staticmethod
    def _view(row: StoredInterview) -> InterviewView:
        session = row.state.get("session", {})
        answers = session.get("answers", [])
        return InterviewView(
            id=row.id,
            version=row.version,
            lang=_stored_lang(row),
            finished=row.finished,
            question=row.question,
            questions_asked=len(answers),
            case=row.state.get("case", {}),
            answers=answers,
            volunteered=session.get("volunteered", []),
            result=row.result if row.finished else None,
            pack_version=row.pack_version,
            text_kept=row.text is not None,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


class Answering:
    """An answer applied (``InterviewCalls.answering``), to be decided on and stored."""

    def __init__(self, calls: InterviewCalls, interview_id: str, version: int, qid: str,
                 value: Any, row: StoredInterview, after: Session, cached: bool) -> None:
        self._calls, self._id, self._version = calls, interview_id, version
        self._qid, self._value, self._row, self.after = qid, value, row, after
        self._cached = cached  # applied to the row this worker kept, not one just read

    @property
    def emergency(self) -> bool:
        """Whether an emergency is shown after this answer (the decision's costliest
        states: which cause leads and what could change the level are checked)."""
        return self.after.derived.emergency

    def finish(self) -> InterviewView:
        """The next question (or the result), stored as the interview's next version."""
        calls = self._calls
        try:
            return calls._save(self._row, self.after)
        except ServiceError:
            if not self._cached:
                raise
        # the kept row was not the stored one any more: decided from the stored row
        row = calls._row(self._id)
        return calls._save(row, calls._apply(row, self._version, self._qid, self._value))


def _stored_lang(row: StoredInterview) -> str:
    """The interview's language, kept in its state (interviews from before: English)."""
    lang = row.state.get("lang") if isinstance(row.state, dict) else None
    return lang if isinstance(lang, str) else i18n.DEFAULT_LANGUAGE
