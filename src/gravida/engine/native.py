"""The optional C modules (engine/_near.c, advice/workup/_beam.c), checked once.

A build older than the code (the package pulled, `pip install -e .` not rerun) lacks a
function the code calls: numpy then does the work, to the same floats, rather than
every request failing, and the log says to rebuild.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from types import ModuleType


def current(module: ModuleType | None, calls: Sequence[str], logger: str) -> ModuleType | None:
    """``module`` if it has every function in ``calls``, else None (logged on ``logger``)."""
    if module is not None and not all(hasattr(module, name) for name in calls):
        logging.getLogger(logger).warning("%s is an older build: rebuild it (pip install -e .)",
                                          module.__name__)
        return None
    return module
