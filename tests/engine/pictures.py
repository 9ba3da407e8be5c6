"""A clinical picture assessed, with the condition first by posterior beside it.

Shared by the ranking tests written from textbook pictures (only the findings the
picture names: what it leaves out is unknown, as in a vignette)."""

from __future__ import annotations

from typing import Any

from gravida.engine import Assessment, Engine
from gravida.engine.model import ranking


def assess(engine: Engine, weeks: float, present: Any, absent: Any = (),
           **numbers: float) -> tuple[Assessment, str]:
    """The assessment of the picture, and the most probable condition (the ranking
    before any working diagnosis)."""
    data = {"gestational_weeks": weeks, "present": list(present), "absent": list(absent),
            **numbers}
    a = engine.assess(data)
    _, post = engine.posterior(engine.case(data))
    return a, engine.model.conditions[ranking(post)[0]]
