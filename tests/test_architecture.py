"""The layer contract (issue 14): declared in pyproject.toml, enforced by import-linter.

`make test` runs `lint-imports` itself; these tests make sure the contract
covers every folder of the package (a new folder cannot slip past it) and
that it holds.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import gravida

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(gravida.__file__).parent
# Folders of the package that hold no code (data only).
DATA_ONLY = {"examples", "locale"}  # data folders: sample cases; gettext catalogs


def _contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def _layer_names() -> set[str]:
    (layers,) = [c for c in _contracts() if c["type"] == "layers"]
    names: set[str] = set()
    for layer in layers["layers"]:
        names.update(part.strip() for part in layer.replace(":", "|").split("|"))
    return names


def test_every_folder_and_top_module_is_in_a_layer():
    folders = {
        p.name for p in PACKAGE.iterdir()
        if p.is_dir() and not p.name.startswith("__") and p.name not in DATA_ONLY
    }
    modules = {p.stem for p in PACKAGE.glob("*.py") if not p.name.startswith("__")}
    leaves = {"settings"}  # configuration: its own contract forbids it any Gravida import
    missing = (folders | modules) - leaves - _layer_names()
    assert not missing, f"not in the layer contract of pyproject.toml: {sorted(missing)}"


def test_every_code_folder_is_a_regular_package():
    # import-linter (grimp) does not see namespace packages: a folder without
    # __init__.py would be outside the contract.
    for p in PACKAGE.iterdir():
        if p.is_dir() and not p.name.startswith("__") and p.name not in DATA_ONLY:
            assert (p / "__init__.py").exists(), p


def test_the_contract_holds():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe is not None, "import-linter is a dev dependency"
    run = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def test_the_picture_in_docs_architecture_is_current():
    from tests.layers import picture

    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert picture() in doc, "regenerate it: .venv/bin/python -m tests.layers"
