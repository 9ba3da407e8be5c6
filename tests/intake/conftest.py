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


def assert_bounded(result: ParseResult) -> None:
    """A pathological text still gives a consistent result, read only up to the budget
    (speed itself is measured by bench/intake.py, not asserted here)."""
    read = max((e.end for e in result.evidence), default=0)
    assert read <= 6000
    assert not set(result.case["present"]) & set(result.case["absent"])
    assert result.truncated == any("characters" in w for w in result.warnings)
    result.to_json()
