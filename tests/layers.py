"""The picture of the layers in docs/architecture.md, generated from the code.

    .venv/bin/python -m tests.layers      # print it (paste into docs/architecture.md)

For each layer of the import-linter contract (pyproject.toml), top to
bottom, the folders in it and the Gravida folders each one imports, read
from the code by grimp (the import graph import-linter itself uses).
tests/test_architecture.py checks that the document shows the current picture.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]


def layers() -> list[list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"]
                   if c["type"] == "layers"]
    return [[p.strip() for p in layer.replace(":", "|").split("|")]
            for layer in contract["layers"]]


def imports_by_folder() -> dict[str, set[str]]:
    """Top-level part of gravida -> the other top-level parts it imports."""
    graph = grimp.build_graph("gravida")
    out: dict[str, set[str]] = {}
    for module in graph.modules:
        parts = module.split(".")
        if len(parts) < 2:
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            other = imported.split(".")
            if len(other) >= 2 and other[1] != parts[1]:
                out.setdefault(parts[1], set()).add(other[1])
    return out


def picture() -> str:
    deps = imports_by_folder()
    order = [name for layer in layers() for name in layer]
    rank = {name: i for i, name in enumerate(order)}
    lines = []
    for layer in layers():
        if len(layer) > 1:
            lines.append(" | ".join(layer) + "   (independent: never import each other)")
        for name in layer:
            used = sorted(deps.get(name, set()), key=lambda n: (rank.get(n, len(order)), n))
            indent = "  " if len(layer) > 1 else ""
            lines.append(f"{indent}{name:<{14 - len(indent)}} -> {', '.join(used) or '-'}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(picture())
