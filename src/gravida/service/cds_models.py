"""The CDS Hooks 2.0 shapes (https://cds-hooks.hl7.org/2.0/): discovery, request, cards.

Pydantic models, so a request is checked field by field (a wrong shape is a
clear 400, never a crash) and the API's OpenAPI document shows them. FHIR
resources inside (context, prefetch) stay plain JSON objects here: the
service reads only the elements it needs, each checked where it is read.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    """CDS Hooks lets clients add fields (extensions); they are kept, never an error."""

    model_config = ConfigDict(extra="allow")


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FhirAuthorization(_Open):
    access_token: str
    token_type: str = "Bearer"
    expires_in: int | None = None
    scope: str | None = None
    subject: str | None = None


class HookRequest(_Open):
    """The body of ``POST /cds-services/{id}``."""

    hook: str = Field(min_length=1, max_length=100)
    hookInstance: str = Field(min_length=1, max_length=200)
    fhirServer: str | None = Field(default=None, max_length=2000)
    fhirAuthorization: FhirAuthorization | None = None
    context: dict[str, Any]
    prefetch: dict[str, Any] | None = None


class CdsService(_Out, title="Service"):
    hook: str
    title: str
    description: str
    id: str
    prefetch: dict[str, str]
    usageRequirements: str | None = None


class Discovery(_Out):
    services: list[CdsService]


class CdsSource(_Out, title="Source"):
    label: str
    url: str | None = None
    topic: dict[str, Any] | None = None


class Link(_Out):
    label: str
    url: str
    type: Literal["absolute", "smart"]
    appContext: str | None = None


class Action(_Out):
    type: Literal["create", "update", "delete"]
    description: str
    resource: dict[str, Any] | None = None
    resourceId: list[str] | None = None


class Suggestion(_Out):
    label: str
    uuid: str | None = None
    isRecommended: bool | None = None
    actions: list[Action] = Field(default_factory=list)


class Card(_Out):
    uuid: str
    summary: str = Field(max_length=140)
    detail: str | None = None
    indicator: Literal["info", "warning", "critical"]
    source: CdsSource
    suggestions: list[Suggestion] | None = None
    selectionBehavior: Literal["at-most-one", "any"] | None = None
    links: list[Link] | None = None


class HookResponse(_Out):
    cards: list[Card]
