"""Errors as RFC 9457 problem details (application/problem+json).

Every error the API returns, from a malformed JSON body to an unknown
finding id to an unexpected bug, is one of these objects: a stable ``type``
a program can switch on, a ``title`` and ``detail`` a person can read, and,
for input errors, ``errors`` naming each field, what is wrong with it and,
for an unknown id, the nearest valid ids.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from pydantic import BaseModel, Field

from gravida.knowledge.i18n import _, ngettext
from gravida.service.errors import (
    Conflict,
    InvalidRequest,
    NotAvailable,
    ServiceError,
    Unavailable,
    UnknownInterview,
)
from gravida.service.errors import (
    FieldError as FieldError,
)

PROBLEM_MEDIA_TYPE = "application/problem+json"
# An error body stays small whatever the input: at most this many field errors (the
# count of the rest is said in the detail) and a detail of at most this many characters.
MAX_ERRORS = 20
MAX_DETAIL_CHARS = 2000
# How long a client should wait before retrying when something we need is unreachable.
RETRY_AFTER_SECONDS = 5
TYPE_PREFIX = "urn:gravida:problem:"


class FieldProblem(BaseModel):
    """One thing wrong with the input."""

    field: str = Field(description="Where: a body field (`present[2]`), a path or query parameter.")
    message: str = Field(description="What is wrong, in words.")
    suggestions: list[str] | None = Field(
        default=None, description="For an unknown id: the nearest valid ids."
    )


class Problem(BaseModel):
    """An RFC 9457 problem details object."""

    type: str = Field(
        description="A URI naming the kind of problem (`about:blank` for plain HTTP errors).",
        examples=["urn:gravida:problem:invalid-case"],
    )
    title: str = Field(examples=["The case is not valid"])
    status: int = Field(ge=400, le=599, examples=[422])
    detail: str = Field(examples=["present[0]: unknown finding id 'fevr'"])
    instance: str | None = Field(default=None, description="The request path.")
    errors: list[FieldProblem] = Field(default_factory=list)


# The HTTP status of each domain error of the service: the one place they meet HTTP.
SERVICE_STATUS: dict[type[ServiceError], int] = {
    InvalidRequest: 422,
    UnknownInterview: 404,
    Conflict: 409,
    NotAvailable: 404,
    Unavailable: 503,
}


@dataclass
class ApiProblem(Exception):
    """Raised by the service layer; the app turns it into a problem response."""

    status: int
    kind: str  # the last part of the type URI, e.g. "invalid-case"
    title: str
    detail: str
    errors: Sequence[FieldError] = field(default_factory=tuple)
    headers: dict[str, str] = field(default_factory=dict)
    # a detail with values: its msgid and the values (see ServiceError)
    template: str = ""
    params: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        super().__init__(self.detail)

    @classmethod
    def of(cls, status: int, kind: str, title: str, template: str,
           errors: Sequence[FieldError] = (), headers: dict[str, str] | None = None,
           params: dict[str, object] | None = None) -> ApiProblem:
        """A problem whose detail carries values, kept translatable (``template`` N_)."""
        values = {k: str(v) for k, v in (params or {}).items()}
        return cls(status, kind, title, template % values, errors, headers or {},
                   template, tuple(values.items()))

    @classmethod
    def from_service(cls, exc: ServiceError) -> ApiProblem:
        """A domain error of the service as the problem the API returns."""
        status = SERVICE_STATUS[type(exc)]
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if status == 503 else {}
        return cls(status, exc.kind, exc.title, exc.detail, exc.errors, headers,
                   exc.template, exc.params)

    def to_json(self, instance: str | None = None) -> dict[str, Any]:
        return problem_json(
            self.status, self.title, self.detail, self.kind, self.errors, instance,
            self.template, self.params,
        )


def problem_json(
    status: int,
    title: str | None = None,
    detail: str | None = None,
    kind: str | None = None,
    errors: Iterable[FieldError] = (),
    instance: str | None = None,
    template: str = "",
    params: Iterable[tuple[str, str]] = (),
) -> dict[str, Any]:
    phrase = _(_phrase(status))
    all_errors = [_translated(e) for e in errors]
    # a detail with values: its words translated, the values kept
    text = _(template) % dict(params) if template else _(detail) if detail else phrase
    if all_errors and detail == "; ".join(f"{e.field}: {e.message}" for e in errors):
        text = "; ".join(f"{e.field}: {e.message}" for e in all_errors)
    if len(all_errors) > MAX_ERRORS:
        more = len(all_errors) - MAX_ERRORS
        text = "; ".join(f"{e.field}: {e.message}" for e in all_errors[:MAX_ERRORS])
        text += "; " + ngettext("and %(n)s more problem", "and %(n)s more problems",
                                more) % {"n": more}
    if len(text) > MAX_DETAIL_CHARS:
        text = text[: MAX_DETAIL_CHARS - 1] + "…"
    out: dict[str, Any] = {
        "type": TYPE_PREFIX + kind if kind else "about:blank",
        "title": _(title) if title else phrase,
        "status": status,
        "detail": text,
    }
    if instance is not None:
        out["instance"] = instance
    errs = [e.to_json() for e in all_errors[:MAX_ERRORS]]
    if errs:
        out["errors"] = errs
    return out


def _translated(e: FieldError) -> FieldError:
    """A field error with its message in the current language (api/messages.py)."""
    # a message with values: its words translated, the values kept
    message = _(e.template) % dict(e.params) if e.template else _(e.message)
    return e if message == e.message else FieldError(e.field, message, e.suggestions)


def problem_bytes(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def problem_response_doc(description: str) -> dict[str, Any]:
    """An OpenAPI response entry for a problem."""
    return {
        "description": description,
        "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
