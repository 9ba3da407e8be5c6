"""bench/machine.py's reference workload must stay the same work, or figures from
different hours (and sessions) measured against it could no longer be compared."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "machine.py"


@pytest.fixture(scope="module")
def machine():
    spec = importlib.util.spec_from_file_location("bench_machine", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_work_is_fixed(machine):
    # The value one pass computes: changing the workload changes it (then give the new
    # workload another name and keep this one, as the module's docstring says).
    assert machine.checksum() == pytest.approx(3196.1433, abs=1e-3)


def test_every_pass_does_the_same_work(machine):
    assert machine.one_pass() == machine.one_pass()


def test_reference_reports_a_median_between_its_blocks(machine):
    ref = machine.reference(blocks=3, passes=2)
    assert ref["min_ms"] <= ref["ref_ms"] <= ref["max_ms"]
    assert ref["blocks"] == 3 and ref["passes"] == 2
    assert "machine reference" in machine.describe(ref)
