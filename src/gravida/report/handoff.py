"""What the two hand-off forms (FHIR bundle, printable summary) share.

Both must name the same software and knowledge-pack versions, carry the same
"decision support" line, and code a report with the pack that made it, never
another one: a condition id means what its own pack says.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

from gravida.knowledge.i18n import N_
from gravida.knowledge.load import Pack

if TYPE_CHECKING:
    from gravida.interview import Session
    from gravida.report import Report

SOFTWARE_NAME = "Gravida"
DISCLAIMER = N_(
    "Decision support, not a diagnosis: the probabilities and the triage level come from "
    "the answers given and the knowledge pack named here; clinical assessment decides."
)


class HandoffError(ValueError):
    """A hand-off that cannot be made as asked; the message says why."""


def software_version() -> str:
    try:
        return version("gravida")
    except PackageNotFoundError:  # a source tree that was never installed
        from gravida import __version__

        return __version__


def pack_of(report: Report, session: Session | None = None, pack: Pack | None = None) -> Pack:
    """The pack that made the report: ``pack``, the session's, or the packaged one."""
    if pack is None:
        if session is not None:
            pack = session.engine.pack
        else:
            from gravida.knowledge import default_pack

            pack = default_pack()
    if report.assessment.pack_version != pack.version:
        raise HandoffError(
            f"the report was made with knowledge pack {report.assessment.pack_version}, "
            f"not {pack.version}: pass the pack (or the session) that made it"
        )
    return pack
