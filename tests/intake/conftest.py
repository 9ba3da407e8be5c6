"""Intake fixtures: the packaged pack read as a directory (intake needs only its phrases)."""

from __future__ import annotations

from typing import Any

import pytest

from gravida.intake import DirPack, ParseResult, parse_text
from gravida.knowledge.load import default_pack_dir


@pytest.fixture(scope="session")
def ipack() -> DirPack:
    return DirPack(default_pack_dir())


@pytest.fixture(scope="session")
def parse(ipack: DirPack) -> Any:
    def run(text: str) -> ParseResult:
        return parse_text(text, ipack)

    return run
