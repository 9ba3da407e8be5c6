"""Run a mode over vignette files and score it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from gravida.engine import Engine
from gravida.evaluation.metrics import score
from gravida.evaluation.modes import Outcome, get_mode
from gravida.evaluation.vignettes import Vignette, load_vignettes


def evaluate(
    paths: Sequence[Path],
    mode_name: str = "full",
    engine: Engine | None = None,
    progress: Callable[[Sequence[Vignette]], Any] | None = None,
) -> dict[str, Any]:
    """Score every vignette of the files in one mode; returns the evaluator's JSON object."""
    engine = engine or Engine()
    mode = get_mode(mode_name)
    vignettes: list[Vignette] = []
    for p in paths:
        vignettes.extend(load_vignettes(p))
    iterate = progress(vignettes) if progress else vignettes
    outcomes: list[Outcome] = [mode.run(engine, v) for v in iterate]
    result = score(engine.pack, vignettes, outcomes)
    result["mode"] = mode.name
    result.update(mode.summary(outcomes))
    result["pack_version"] = engine.pack.version
    return result
