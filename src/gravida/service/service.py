"""The service layer: what each endpoint does, independent of HTTP.

Takes parsed JSON values, calls the core (engine, interview, intake, advice)
and the store, and returns typed results (gravida.service.results, or the
core's own: a Report, a ParseResult, a MedicineVerdict) or raises the domain
errors of gravida.service.errors; the interfaces turn results into JSON or
pages. The API and the web pages only translate HTTP to these calls, so the
logic is testable without a server, the same whichever worker or machine runs
it, and the two interfaces cannot give different answers.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Mapping
from typing import Any

from gravida.advice.medicines import MedicineVerdict, check
from gravida.engine import Assessment, Case, Engine
from gravida.intake.evidence import ParseResult
from gravida.knowledge.i18n import N_
from gravida.report import Report, build_report
from gravida.service.errors import ServiceError, Unavailable
from gravida.service.interviews import InterviewCalls
from gravida.service.requests import (
    MAX_QUERY_CHARS,
    MAX_TEXT_CHARS,
    body_lang,
    invalid,
    json_object,
    nearest,
    text_field,
)
from gravida.service.results import (
    HealthCheck,
    VocabularyView,
)

log = logging.getLogger("gravida.api")

# How much of a result POST /v1/assess returns: everything, or the engine's part.
DETAILS = ("full", "core")


class Service(InterviewCalls):
    """One per app: the loaded core and the store. Thread-safe; holds no request state."""

    def warm_up(self) -> None:
        """Load what the first request in each language would otherwise wait for: the
        engine with that language's texts, its selector, its phrase file and normaliser
        (pymorphy3's dictionaries for Russian: seconds), the medicine book, the report."""
        from gravida.interview.session import catalogue

        for code in self.pack.languages:
            calls: list[tuple[str, Callable[[str], object]]] = [
                ("engine", lambda c: catalogue(self.engine_for(c))),
                ("intake", self._warm_read),
                ("medicines", lambda c: self.check_medicine(
                    {"query": "paracetamol", "weeks": 30}, c)),
                ("report", lambda c: self.assess({"gestational_weeks": 30}, lang=c).to_json()),
                ("vocabulary", self.vocabulary),
            ]
            for name, call in calls:
                try:
                    call(code)
                except ServiceError as exc:
                    log.warning("warming up %s (%s): %s", name, code, exc.detail)
                except Exception:  # a broken part must not stop the other endpoints
                    log.exception("warming up %s (%s) failed; its endpoint will report errors",
                                  name, code)

    def _warm_read(self, code: str) -> None:
        """Read a text in one language (its own everyday words, from its phrase file), so
        its phrases are compiled and its normaliser loaded; a language without a phrase
        file has nothing to warm."""
        from gravida.intake.language import languages_for
        from gravida.intake.parse import parse_text

        spec = languages_for(self.pack).specs.get(code)
        if spec is not None:
            parse_text(" ".join(sorted(spec.function_words)), self.engine_for(code).pack, code)

    # --- assessment -----------------------------------------------------------------

    def assess(self, body: Any, detail: str = "full", lang: str | None = None
               ) -> Report | Assessment:
        """The full result (engine, why, plan, what to expect, work-up), or the engine's only.

        The full result is built by ``gravida.report``, the code path of the CLI
        and the web app too, so the API cannot drift from them; ``detail="core"``
        is for callers that need only the ranking and triage, faster.
        """
        if detail not in DETAILS:
            raise invalid("detail", N_("must be one of %(values)s"),
                          nearest(str(detail), DETAILS), values=", ".join(DETAILS))
        data = dict(json_object(body, '{"gestational_weeks": 30, "present": [...]}'))
        engine = self.engine_for(body_lang(data, lang, pop=True))
        case = self.case(data, engine.pack)
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

    def report(self, case: Case | Mapping[str, Any], lang: str | None = None) -> Report:
        """The full Report of a case (of an interview: its ``case``), as the CLI builds it,
        its texts in ``lang`` (default: the server's)."""
        return build_report(self.engine_for(lang), case if isinstance(case, Case) else dict(case))


def _vocabulary_of(engine: Engine) -> VocabularyView:
    """The vocabulary, in the words of the engine's pack, and the questions it asks."""
    from gravida.interview.session import catalogue

    pack = engine.pack
    return VocabularyView(
        vocabulary=pack.vocabulary, lang=pack.lang, pack_version=pack.version,
        labels={f.id: pack.label(f.id) for f in pack.vocabulary.findings},
        conditions=pack.conditions, questions=tuple(catalogue(engine).questions.values()),
    )
