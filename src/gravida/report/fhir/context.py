"""The FHIR bundle's shared parts: resource ids, the context every resource is built in."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from gravida.knowledge.codes import Codes
from gravida.knowledge.load import Pack
from gravida.report.handoff import HandoffError

# FHIR RiskAssessment.prediction.probabilityDecimal is a percentage (R4/R4B: "Decimal values
# are expressed as percentages as well (max = 100)", invariant ras-2). Not clinical.
PERCENT = 100.0
PERCENT_DIGITS = 4  # = 6 decimals of the 0-1 probability, as Report.to_json rounds it


class FhirError(HandoffError):
    """The bundle could not be built as valid FHIR (a bug or a broken pack, not bad input)."""


def iso_time(t: datetime) -> str:
    return t.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class BundleIds:
    """Resource ids: uuid5 under one key, so a given bundle_id gives a reproducible bundle."""

    key: str

    def uuid(self, name: str) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"urn:gravida:{self.key}/{name}"))

    def url(self, name: str) -> str:
        return f"urn:uuid:{self.uuid(name)}"

    def ref(self, name: str, display: str | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {"reference": self.url(name)}
        if display:
            out["display"] = display
        return out


@dataclass(frozen=True)
class BundleContext:
    pack: Pack
    codes: Codes
    ids: BundleIds
    now: str
    software: str
