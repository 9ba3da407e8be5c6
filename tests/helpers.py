"""Helpers shared by several test files (plain functions, so any test can call them)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from gravida.intake import ParseResult
from gravida.knowledge.load import default_pack_dir


def states(result: ParseResult, finding: str) -> str | None:
    """What a parse says about one finding: "present", "absent" or None (not stated)."""
    if finding in result.case["present"]:
        return "present"
    if finding in result.case["absent"]:
        return "absent"
    return None


def edited_pack(
    tmp_path: Path, name: str, edit: Callable[[Any], None], source: Path | None = None
) -> Path:
    """A copy of a pack (the packaged one by default) with one YAML file edited in place.

    The load-time checks are tested by breaking one thing in an otherwise good
    pack, so that the error can only come from that one thing.
    """
    d = tmp_path / "pack"
    shutil.copytree(source or default_pack_dir(), d)
    path = d / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return d
