"""The per-class sentence tables written by hand (``*_s7_*.yaml``): loading one,
and reading a class of it into the rows read wrong, so that each test file only
states its measured figures (a table may not be read worse than measured)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from gravida.intake.score import read_right, reading

HERE = Path(__file__).resolve().parent
# a row whose wanted reading is one of these is a near miss; any other is a statement
NEAR = ("not present", "unset")

Rows = dict[str, list[list[Any]]]


def table_rows(table: str) -> Rows:
    """The classes of a table in this folder, each a list of [text, finding, want]."""
    data: Rows = yaml.safe_load((HERE / table).read_text("utf-8"))
    return data


def misreads(parse: Callable[[str], Any], rows: list[list[Any]]) -> tuple[list[Any], list[Any]]:
    """(statements missed, near misses over-read) of one class, each (text, reading)."""
    missed: list[Any] = []
    over: list[Any] = []
    for text, finding, want in rows:
        got = reading(parse(text).case, finding)
        if not read_right(got, want):
            (over if want in NEAR else missed).append((text, got))
    return missed, over


def assert_measured(parse: Callable[[str], Any], rows: list[list[Any]],
                    caps: tuple[int, int]) -> None:
    """A class is read no worse than measured: at most ``caps`` = (statements missed,
    near misses over-read)."""
    missed, over = misreads(parse, rows)
    assert len(missed) <= caps[0], missed
    assert len(over) <= caps[1], over


Measured = dict[str, dict[str, tuple[int, int]]]


def measured_tests(measured: Measured) -> tuple[Callable[..., None], Callable[..., None]]:
    """The two tests every per-session class file states: each table's classes are
    exactly those measured, and each class is read no worse than measured. A test
    module assigns them to its own names, so pytest collects them there."""
    cases = [(table, name) for table, classes in measured.items() for name in classes]

    @pytest.mark.parametrize("table", sorted(measured))
    def test_every_class_is_measured(table: str) -> None:
        assert set(table_rows(table)) == set(measured[table])

    @pytest.mark.parametrize(("table", "name"), cases)
    def test_a_class_is_read_at_least_as_well_as_measured(
        parse: Callable[[str], Any], table: str, name: str
    ) -> None:
        assert_measured(parse, table_rows(table)[name], measured[table][name])

    return test_every_class_is_measured, test_a_class_is_read_at_least_as_well_as_measured
