"""What intake reads of a pack: its files by name, the vocabulary and the source ids.

Typed as a protocol so the intake works with the full ``Pack`` and with a bare
directory reader (``DirPack``) in tools and tests, without loading the model.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol


class PackLike(Protocol):
    """What intake needs of a pack: the directory and a way to read a file.

    Typed as a protocol so the intake works with the full ``Pack`` and with a
    bare directory reader in tests, without loading the whole model.
    """

    @property
    def directory(self) -> Path: ...

    def read(self, name: str) -> Any: ...


def vocab_findings(
    pack: PackLike,
) -> tuple[list[str], set[str], dict[str, tuple[float, float]]]:
    vocab = pack.read("vocabulary.yaml") or {}
    booleans: list[str] = []
    numbers: set[str] = set()
    ranges: dict[str, tuple[float, float]] = {}
    for f in vocab.get("findings") or []:
        if f.get("kind") == "number":
            numbers.add(f["id"])
            lo, hi = f.get("range") or (float("-inf"), float("inf"))
            ranges[f["id"]] = (float(lo), float(hi))
        else:
            booleans.append(f["id"])
    return booleans, numbers, ranges


def known_sources(pack: PackLike) -> set[str]:
    names = ["sources.yaml"] + [
        f"sources/{p.name}" for p in sorted((pack.directory / "sources").glob("*.yaml"))
    ]
    known: set[str] = set()
    for name in names:
        raw = pack.read(name) or {}
        known |= set((raw.get("sources") or {}).keys())
    return known


class DirPack:
    """A minimal ``PackLike`` over a pack directory, for tools and tests.

    It lets the intake run on a pack whose model files are still being written,
    since intake needs only the vocabulary, the phrases and the sources.
    """

    def __init__(self, directory: Path) -> None:
        self._directory = directory

    @property
    def directory(self) -> Path:
        return self._directory

    def read(self, name: str) -> Any:
        from gravida.knowledge.load import read_yaml

        return read_yaml(self._directory, name)
