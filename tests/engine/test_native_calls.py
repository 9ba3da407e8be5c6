"""A C module built from an older source (the package pulled, ``pip install -e .`` not
rerun) lacks a function the Python side calls: the module's ``_CALLS`` check then falls
back to numpy (the same floats) instead of failing every request. The check only works
if ``_CALLS`` names every function the code calls, which this test reads from the source.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gravida.advice.workup import information
from gravida.engine import near


@pytest.mark.parametrize("module", [near, information])
def test_every_compiled_function_called_is_checked(module):
    source = Path(module.__file__).read_text(encoding="utf-8")
    called = set(re.findall(r"\b_native\.([a-z_]+)\(", source))
    assert called, module.__name__
    assert called <= set(module._CALLS), sorted(called - set(module._CALLS))


@pytest.mark.parametrize("module", [near, information])
def test_a_complete_build_is_used(module):
    # where the build has every function (as in CI), the compiled path stays on
    if module._native is not None:
        assert all(hasattr(module._native, name) for name in module._CALLS)
