"""The one application service: what the API and the web pages both call.

It turns request values into core calls (engine, intake, interview, advice,
report) and the store, and returns typed results or raises domain errors;
it knows nothing of HTTP.
"""

from __future__ import annotations

from gravida.service.service import Service

__all__ = ["Service"]
