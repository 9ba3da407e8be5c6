"""Shared fixtures: one engine for the whole run (the pack is read-only)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gravida.engine import Engine
from gravida.knowledge import Pack, default_pack

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV_VIGNETTES = SHARED / "vignettes" / "dev.yaml"


@pytest.fixture(scope="session")
def pack() -> Pack:
    return default_pack()


@pytest.fixture(scope="session")
def engine(pack: Pack) -> Engine:
    return Engine(pack)
