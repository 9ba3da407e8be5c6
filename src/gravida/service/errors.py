"""The service's domain errors: what went wrong, in the service's terms, never HTTP.

The service raises these; each interface decides what they look like: the
API maps the class to a status and an RFC 9457 problem (gravida.api.problems),
the web pages to a page. ``kind`` is a stable name a program can switch on
(``invalid-case``, ``version-conflict``...), ``errors`` names each field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

# One thing wrong with the input (engine.case.FieldError), re-exported: a case
# error reaches a caller in the same shape as the service's own field errors.
from gravida.engine.case import FieldError as FieldError


@dataclass
class ServiceError(Exception):
    """A request the service cannot carry out."""

    kind: str  # e.g. "invalid-case"
    title: str
    detail: str
    errors: Sequence[FieldError] = field(default_factory=tuple)
    # a detail with values: its template (a gettext msgid, %(name)s places) and the
    # values, so an interface shows it in the caller's language (``detail`` is English)
    template: str = ""
    params: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        super().__init__(self.detail)


class InvalidRequest(ServiceError):
    """The request itself is wrong: a bad case, field or answer. Fix it and send again."""


class UnknownInterview(ServiceError):
    """No interview has this id (never existed, or deleted after the retention period)."""


class Conflict(ServiceError):
    """The interview's state does not allow this now: another answer came first, it is
    finished, there is nothing to undo, or the pack changed so it cannot be resumed."""


class NotAvailable(ServiceError):
    """The service offers no such thing (an unknown CDS service id)."""


class Unavailable(ServiceError):
    """A resource the service needs (the database) cannot be reached right now."""
