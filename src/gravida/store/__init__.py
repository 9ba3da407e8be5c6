"""Persistence of interviews: SQLAlchemy models, a small repository, Alembic migrations.

Storage belongs to the interfaces, not to the core: the core's interview is a
plain JSON value, and this package keeps such values with an id, a version
for optimistic concurrency and timestamps for retention. Names are imported
lazily so that `gravida --help` does not pay for SQLAlchemy and Alembic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gravida.store.db import make_engine
    from gravida.store.migrate import upgrade
    from gravida.store.repo import (
        InterviewStore,
        NotFound,
        StoredInterview,
        VersionConflict,
        new_id,
    )

_WHERE = {
    "make_engine": "gravida.store.db",
    "upgrade": "gravida.store.migrate",
    "InterviewStore": "gravida.store.repo",
    "NotFound": "gravida.store.repo",
    "StoredInterview": "gravida.store.repo",
    "VersionConflict": "gravida.store.repo",
    "new_id": "gravida.store.repo",
}

__all__ = [
    "InterviewStore",
    "NotFound",
    "StoredInterview",
    "VersionConflict",
    "make_engine",
    "new_id",
    "upgrade",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(name)
    return getattr(importlib.import_module(module), name)
