"""The two kinds of response model: open (clients ignore fields they do not know) and closed."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Open(BaseModel):
    """Core objects may gain fields; clients must ignore the ones they do not know."""

    model_config = ConfigDict(extra="allow")


class Closed(BaseModel):
    model_config = ConfigDict(extra="forbid")
