"""The HTTP API: FastAPI routes over a service layer over the core and the store.

``create_app(settings)`` builds the application; ``gravida serve`` runs it
with uvicorn. Imported lazily so that the rest of the CLI starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gravida.api.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from gravida.api.app import create_app

        return create_app
    raise AttributeError(name)
