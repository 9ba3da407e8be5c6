"""The one error a broken knowledge pack raises (a leaf: every pack reader imports it)."""

from __future__ import annotations


class PackError(ValueError):
    """A knowledge-pack problem: names the file, the entry and what is wrong."""

    def __init__(self, file: str, entry: str, problem: str) -> None:
        self.file, self.entry, self.problem = file, entry, problem
        super().__init__(f"{file}: {entry}: {problem}")
