"""Intake fixtures: the packaged pack (loaded once; its lexicons compile on first use)."""

from __future__ import annotations

from typing import Any

import pytest

from gravida.intake import ParseResult, parse_text
from gravida.knowledge.load import Pack, default_pack


@pytest.fixture(scope="session")
def ipack() -> Pack:
    return default_pack()


@pytest.fixture(scope="session")
def parse(ipack: Pack) -> Any:
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
