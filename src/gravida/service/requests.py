"""Checking request values: the domain errors a bad field gets, with the nearest valid ids.

Shared by every service call (and the API's own checks) so that a bad field is
reported the same way, in the same words, wherever it is sent.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any

from gravida.engine import CaseError, Findings
from gravida.knowledge.i18n import N_
from gravida.service.errors import Conflict, FieldError, InvalidRequest, UnknownInterview

# Her words: as many characters as the web form's text box takes, and no more (longer
# text is refused, not cut, so that nothing she wrote is silently ignored).
MAX_TEXT_CHARS = 4000
MAX_QUERY_CHARS = 500


def nearest(word: str, known: Sequence[str]) -> tuple[str, ...]:
    return tuple(difflib.get_close_matches(word, sorted(known), n=3, cutoff=0.6))


def invalid_case(exc: CaseError, prefix: str = "") -> InvalidRequest:
    errors = [FieldError(prefix + p.field, p.message, p.suggestions, p.template, p.params)
              for p in exc.problems]
    return InvalidRequest(
        "invalid-case", "The case is not valid",
        "; ".join(f"{e.field}: {e.message}" for e in errors), errors,
    )


def invalid(field: str, message: str, suggestions: Sequence[str] = (),
            kind: str = "invalid-request", title: str = "The request is not valid",
            **values: object) -> InvalidRequest:
    """A bad field. With ``values``, ``message`` is a template (``%(name)s`` places,
    marked with N_) that an interface shows in the caller's language."""
    error = (FieldError.of(field, message, tuple(suggestions), **values) if values
             else FieldError(field, message, tuple(suggestions)))
    return InvalidRequest(kind, title, f"{field}: {error.message}", [error])


def not_found(interview_id: str) -> UnknownInterview:
    return UnknownInterview(
        "interview-not-found", "No such interview",
        "There is no interview with this id: it never existed, or it was deleted after "
        "the retention period.",
        [FieldError("id", "unknown interview id")],
    )


def json_object(body: Any, what: str) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise invalid("body", N_("must be a JSON object: %(what)s"), what=what)
    return body


def int_version(body: Mapping[str, Any]) -> int:
    v = body.get("version")
    if isinstance(v, float) and v.is_integer():  # JSON has one number type: 3.0 is 3
        v = int(v)
    if isinstance(v, bool) or not isinstance(v, int):
        raise invalid("version", "is required: the interview's version as last read (an integer)")
    return v


def text_field(value: Any, field: str, limit: int, what: str) -> str:
    if not isinstance(value, str):
        raise invalid(field, f"is required: {what}, as text")
    if len(value) > limit:
        raise invalid(field, N_("is %(length)s characters long; the limit is %(limit)s"),
                      kind="text-too-long", title="The text is too long",
                      length=len(value), limit=limit)
    return value


def body_lang(data: dict[str, Any], default: str | None, pop: bool = False) -> str | None:
    """A body's ``lang`` field (a language code), else ``default`` (the request's)."""
    if "lang" not in data:
        return default
    value = data.pop("lang") if pop else data["lang"]
    if not isinstance(value, str):
        raise invalid("lang", "must be a language code such as en or ru")
    return value


def conflict(expected: int, current: int | None) -> Conflict:
    template = N_("You sent version %(sent)s but the interview is at version %(current)s: "
                  "another answer arrived first. Read the interview again and answer its "
                  "current question.")
    values = {"sent": str(expected), "current": str(current)}
    return Conflict(
        "version-conflict", "The interview has changed", template % values,
        [FieldError.of("version", N_("expected %(current)s, got %(sent)s"), (), **values)],
        template, tuple(values.items()),
    )


def merge_cases(from_text: Findings, given: Mapping[str, Any]) -> dict[str, Any]:
    """The case read from text, overridden by what was given as structured findings.

    Given numbers replace read ones; a finding given as present or absent wins
    over the opposite reading. Badly typed given values pass through untouched
    so that case validation reports them against the caller's field names.
    """
    out: dict[str, Any] = dict(from_text.numbers)
    out.update({k: v for k, v in given.items() if k not in ("present", "absent")})
    gp, ga = given.get("present"), given.get("absent")
    gp_set = {x for x in gp if isinstance(x, str)} if isinstance(gp, list) else set()
    ga_set = {x for x in ga if isinstance(x, str)} if isinstance(ga, list) else set()
    tp = [f for f in from_text.present if f not in ga_set and f not in gp_set]
    ta = [f for f in from_text.absent if f not in gp_set and f not in ga_set]
    out["present"] = [*tp, *gp] if isinstance(gp, list) else (gp if "present" in given else tp)
    out["absent"] = [*ta, *ga] if isinstance(ga, list) else (ga if "absent" in given else ta)
    return out
