"""Shared fixtures: one engine for the whole run (the pack is read-only)."""

from __future__ import annotations

from collections.abc import Iterator
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


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Every test starts in the default language: a command run with ``--lang ru``
    (CliRunner, same process) must not leave later tests speaking Russian."""
    from gravida.knowledge import i18n

    with i18n.language(i18n.DEFAULT_LANGUAGE):
        yield
