"""Helpers for the interview tests: play a case to the end with the simulated patient."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from gravida.engine import Case, Engine
from gravida.evaluation.interview_mode import play
from gravida.interview import Session

from ..conftest import DEV_VIGNETTES


def dev_cases() -> list[dict[str, Any]]:
    if not DEV_VIGNETTES.exists():
        return []
    return [v for v in yaml.safe_load(DEV_VIGNETTES.read_text(encoding="utf-8"))]


@pytest.fixture(scope="session")
def played(engine: Engine) -> dict[str, tuple[Session, list[str]]]:
    """Every dev vignette played to the end once (shared by the stop-rule tests)."""
    out = {}
    for v in dev_cases():
        out[v["id"]] = play(engine, Case.from_dict(v["case"], engine.pack))
    return out
