"""The service layer: what each endpoint does, independent of HTTP.

Takes parsed JSON values, calls the core (engine, interview, intake, advice)
and the store, and returns plain JSON values (or typed core values: a
Session, a Report) or raises the domain errors of gravida.service.errors.
The API and the web pages only translate HTTP to these calls, so the logic
is testable without a server, the same whichever worker or machine runs it,
and the two interfaces cannot give different answers.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from gravida.advice.medicines import MedicineVerdict, check
from gravida.engine import Assessment, Case, CaseError, Engine
from gravida.intake.evidence import ParseResult
from gravida.interview import Session
from gravida.knowledge import i18n
from gravida.knowledge.load import Pack, PackError, load_pack
from gravida.report import Report, build_report
from gravida.service.caches import ParseCarry, SessionCache
from gravida.service.errors import Conflict, FieldError, ServiceError, Unavailable
from gravida.service.requests import (
    MAX_QUERY_CHARS,
    MAX_TEXT_CHARS,
    body_lang,
    conflict,
    int_version,
    invalid,
    invalid_case,
    json_object,
    merge_cases,
    nearest,
    not_found,
    text_field,
)
from gravida.service.results import (
    HealthCheck,
    InterviewResult,
    InterviewView,
    Reading,
    StoredResult,
    Understanding,
    VocabularyView,
)
from gravida.settings import Settings
from gravida.store import InterviewStore, NotFound, StoredInterview, VersionConflict

log = logging.getLogger("gravida.api")

# Keys of an interview-start body that are not findings.
START_KEYS = ("text", "keep_text", "volunteered", "unset", "lang")
# How much of a result POST /v1/assess returns: everything, or the engine's part.
DETAILS = ("full", "core")


class Service:
    """One per app: the loaded core and the store. Thread-safe; holds no request state."""

    def __init__(self, settings: Settings, engine: Engine, store: InterviewStore) -> None:
        self.settings = settings
        self.engine = engine
        self.pack = engine.pack
        self.store = store
        self._vocabulary: dict[str, VocabularyView] = {}
        self.sessions = SessionCache()
        self.readings = ParseCarry(ttl=settings.reading_ttl_seconds)
        self._engines: dict[str, Engine] = {engine.pack.lang: engine}
        self._engines_lock = threading.Lock()

    # --- languages ------------------------------------------------------------------

    def language(self, lang: str | None) -> str:
        """``lang`` if the pack speaks it (None: the server's default), else a 422 problem."""
        if lang is None:
            return self.settings.lang
        if not isinstance(lang, str) or lang not in i18n.languages(self.pack.directory):
            known = list(i18n.languages(self.pack.directory))
            raise invalid("lang", f"unknown language {lang!r}; use one of: {', '.join(known)}",
                          nearest(str(lang), known))
        return lang

    def engine_for(self, lang: str | None = None) -> Engine:
        """The engine whose pack speaks ``lang``: the same model, its texts in that language."""
        code = self.language(lang)
        hit = self._engines.get(code)
        if hit is not None:
            return hit
        with self._engines_lock:
            hit = self._engines.get(code)
            if hit is None:
                try:
                    hit = Engine(load_pack(self.pack.directory, code))
                except PackError as exc:
                    log.error("the %r texts of the pack are broken: %s", code, exc)
                    raise Unavailable("pack-broken", "Texts unavailable",
                                      f"The {code!r} texts cannot be loaded.") from None
                self._engines[code] = hit
        return hit

    def warm_up(self) -> None:
        """Load what the first request would otherwise wait for (selector, lexicon, books)."""
        from gravida.interview.session import catalogue

        catalogue(self.engine)
        calls: list[tuple[str, Callable[[], object]]] = [
            ("intake", lambda: self._parse("30 weeks, back pain")),
            ("medicines", lambda: self.check_medicine({"query": "paracetamol", "weeks": 30})),
            ("report", lambda: self.assess({"gestational_weeks": 30})),
        ]
        for name, call in calls:
            try:
                call()
            except ServiceError as exc:
                log.warning("warming up %s: %s", name, exc.detail)
            except Exception:  # a broken part must not stop the other endpoints
                log.exception("warming up %s failed; its endpoint will report errors", name)
        self.vocabulary()

    # --- assessment -----------------------------------------------------------------

    def case(self, data: Any) -> Case:
        try:
            return Case.from_dict(data, self.pack)
        except CaseError as exc:
            raise invalid_case(exc) from None

    def assess(self, body: Any, detail: str = "full", lang: str | None = None
               ) -> Report | Assessment:
        """The full result (engine, why, plan, what to expect, work-up), or the engine's only.

        The full result is built by ``gravida.report``, the code path of the CLI
        and the web app too, so the API cannot drift from them; ``detail="core"``
        is for callers that need only the ranking and triage, faster.
        """
        if detail not in DETAILS:
            raise invalid("detail", f"must be one of {', '.join(DETAILS)}",
                          nearest(str(detail), DETAILS))
        data = dict(json_object(body, "a case"))
        engine = self.engine_for(body_lang(data, lang, pop=True))
        case = self.case(data)
        if detail == "core":
            return engine.assess(case)
        return build_report(engine, case)

    # --- free text ------------------------------------------------------------------

    def _parse(self, text: str, lang: str | None = None) -> ParseResult:
        from gravida.intake.parse import parse_text  # heavy (spaCy): on first use

        return parse_text(text, self.engine_for(lang).pack)

    def parse(self, body: Any, lang: str | None = None) -> ParseResult:
        data = json_object(body, '{"text": "..."}')
        text = text_field(data.get("text"), "text", MAX_TEXT_CHARS, "what she says")
        unknown = sorted(set(data) - {"text", "lang"})
        if unknown:
            raise invalid(unknown[0], "is not a field of this request",
                          nearest(unknown[0], ["text", "lang"]))
        return self._parse(text, body_lang(data, lang))

    # --- medicines ------------------------------------------------------------------

    def check_medicine(self, body: Any, lang: str | None = None) -> MedicineVerdict:
        data = json_object(body, '{"query": "...", "weeks": 30}')
        query, weeks = data.get("query"), data.get("weeks")
        unknown = sorted(set(data) - {"query", "weeks", "lang"})
        if unknown:
            raise invalid(unknown[0], "is not a field of this request",
                          nearest(unknown[0], ["query", "weeks", "lang"]))
        lang = body_lang(data, lang)
        query = text_field(query, "query", MAX_QUERY_CHARS, "the medicine's name")
        if weeks is not None and (isinstance(weeks, bool) or not isinstance(weeks, int | float)):
            raise invalid("weeks", "must be a number of weeks, or null when not known")
        if isinstance(weeks, float) and not math.isfinite(weeks):
            raise invalid("weeks", "must be a finite number")
        try:
            verdict = check(query, weeks, self.engine_for(lang).pack)
        except ValueError as exc:
            raise invalid("weeks", str(exc)) from None
        return verdict

    # --- vocabulary -----------------------------------------------------------------

    def vocabulary(self, lang: str | None = None) -> VocabularyView:
        engine = self.engine_for(lang)
        code = engine.pack.lang
        if code not in self._vocabulary:
            self._vocabulary[code] = _vocabulary_of(engine)
        return self._vocabulary[code]

    # --- health ---------------------------------------------------------------------

    def health(self) -> HealthCheck:
        try:
            self.store.ping()
        except Exception:
            log.exception("database health check failed")
            raise Unavailable("database-unavailable", "Database unavailable",
                             "The database cannot be reached.") from None
        return HealthCheck(status="ok", database="ok", pack_version=self.pack.version)

    # --- interviews -----------------------------------------------------------------

    def start_interview(self, body: Any, lang: str | None = None) -> InterviewView:
        from gravida.interview import InterviewError, answered_by_text, start
        from gravida.interview.session import catalogue

        data = dict(json_object(body, "a case, optionally with text"))
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
                    raise invalid(f"volunteered[{i}]", f"unknown question group {str(g)[:100]!r}",
                                  nearest(str(g)[:100], groups))
                if g in volunteered[:i]:
                    raise invalid(f"volunteered[{i}]", f"{g} is listed twice")
        if not isinstance(unset, list) or not all(isinstance(f, str) for f in unset):
            raise invalid("unset", "must be a list of finding ids read from the text")
        if unset and text is None:
            raise invalid("unset", "there is no text to unset findings from")
        reading: Reading | None = None
        if text is not None:
            reading = self._understand(text, unset, engine.pack, carried=True)
            data = merge_cases(reading.case, data)
        case = self.case(data)
        if volunteered is None:
            volunteered = []
            if reading is not None:  # what she described in her own words counts as answered
                volunteered = answered_by_text(engine, reading.case)
        try:
            session = start(engine, case.to_json(), volunteered)
        except InterviewError as exc:
            raise invalid("body", str(exc)) from None
        fields = self._snapshot(session, lang)
        row = self.store.create(**fields, text=text if keep_text else None)
        self.sessions.put((row.id, row.version), session)
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
        understood = understand(result, finding_labels(pack))
        known = {i.finding for i in understood.items}
        for i, f in enumerate(unset):
            if f not in known:
                raise invalid(f"unset[{i}]", f"{f[:100]!r} was not read from the text",
                              nearest(f[:100], sorted(known)))
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
        from gravida.interview import InterviewError, answer
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
            raise invalid("question", f"unknown question id {qid!r}", nearest(qid, ids))
        row = self._row(interview_id)
        self._check_version(row, version)
        if row.finished:
            raise Conflict(
                "interview-finished", "The interview is finished",
                "This interview has stopped; read its result, or go back to change an answer.",
                [FieldError("question", "the interview is finished")],
            )
        session = self._resume(row)
        try:
            after = answer(session, qid, data["answer"])
        except (InterviewError, TypeError, ValueError) as exc:
            raise invalid("answer", str(exc) or "is not a valid answer to this question",
                          kind="invalid-answer", title="The answer is not valid") from None
        return self._save(row, after)

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
                             [FieldError("version", str(exc))]) from None
        return self._save(row, before)

    def session(self, interview_id: str) -> Session:
        """The interview as the core's Session (what the hand-off documents are made from).

        Resumed exactly as every other interview call resumes it, so a missing
        or stale interview raises the same UnknownInterview / Conflict.
        """
        return self._resume(self._row(interview_id))

    def report(self, case: Case | Mapping[str, Any], lang: str | None = None) -> Report:
        """The full Report of a case (of an interview: its ``case``), as the CLI builds it,
        its texts in ``lang`` (default: the server's)."""
        return build_report(self.engine_for(lang), case if isinstance(case, Case) else dict(case))

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
        self.sessions.put((new.id, new.version), session)
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
        self.sessions.put((row.id, row.version), session)
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
        self.sessions.put((new.id, new.version), session)
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


def _stored_lang(row: StoredInterview) -> str:
    """The interview's language, kept in its state (interviews from before: English)."""
    lang = row.state.get("lang") if isinstance(row.state, dict) else None
    return lang if isinstance(lang, str) else i18n.DEFAULT_LANGUAGE


def _vocabulary_of(engine: Engine) -> VocabularyView:
    """The vocabulary, in the words of the engine's pack, and the questions it asks."""
    from gravida.interview.session import catalogue

    pack = engine.pack
    return VocabularyView(
        vocabulary=pack.vocabulary, lang=pack.lang, pack_version=pack.version,
        labels={f.id: pack.label(f.id) for f in pack.vocabulary.findings},
        conditions=pack.conditions, questions=tuple(catalogue(engine).questions.values()),
    )
