"""The store behind a loaded pack's memo: values built once and kept (thread-safe).

Its own module so that both the Pack (``loaded.py``) and what the Pack holds
from its files (the language overlays, ``overlays.Overlays``) keep their values
the same way, without importing each other.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

T = TypeVar("T")
MISSING: Any = object()


class Memo:
    """Values built once and kept: the store behind ``Pack.memo`` (thread-safe).

    Reads take no lock once a value is built (the hot path); a builder may
    itself use the memo (the lock is re-entrant).
    """

    def __init__(self) -> None:
        self.values: dict[Hashable, Any] = {}  # read without the lock; written under it
        self._lock = threading.RLock()

    def get(self, key: Hashable, build: Callable[..., T], *args: Any) -> T:
        """The value kept under ``key``; ``build(*args)`` makes it the first time."""
        hit = self.values.get(key, MISSING)
        if hit is not MISSING:
            return cast(T, hit)
        with self._lock:
            if key not in self.values:
                self.values[key] = build(*args)
            return cast(T, self.values[key])
