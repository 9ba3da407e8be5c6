"""Pack access shared by the medicine checker and the plan builder.

Both read only their own pack files plus the sources and the vocabulary, so
they work (and can be tested) before the rest of the pack is complete; a full
``Pack`` or a bare pack directory will do.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from pydantic import ValidationError

from gravida.knowledge.i18n import DEFAULT_LANGUAGE
from gravida.knowledge.load import PackError, default_pack_dir, read_yaml
from gravida.knowledge.schema import Source


@runtime_checkable
class HasDirectory(Protocol):
    """Anything that knows its pack directory, such as ``gravida.knowledge.Pack``."""

    @property
    def directory(self) -> Path: ...


PackLike = HasDirectory | Path | str | None


def pack_dir(pack: PackLike) -> Path:
    """Resolve a pack, a directory or None (the packaged pack) to an absolute directory."""
    if pack is None:
        return default_pack_dir().resolve()
    if isinstance(pack, str | Path):
        return Path(pack).resolve()
    return Path(pack.directory).resolve()


def pack_lang(pack: PackLike, lang: str | None = None) -> str:
    """The language of a pack's texts: ``lang`` if given, else the Pack's own, else English."""
    if lang is not None:
        return lang
    return str(getattr(pack, "lang", DEFAULT_LANGUAGE))


def load_sources(directory: Path) -> dict[str, Source]:
    """Every source id of sources.yaml and sources/*.yaml, as load_pack merges them."""
    names = ["sources.yaml"] + [
        f"sources/{p.name}" for p in sorted((directory / "sources").glob("*.yaml"))
    ]
    found: dict[str, Source] = {}
    for name in names:
        raw = read_yaml(directory, name) or {}
        if not isinstance(raw, dict):
            raise PackError(name, "-", "expected a mapping with a 'sources' key")
        entries = raw.get("sources") or {}
        if not isinstance(entries, dict):
            raise PackError(name, "sources", "expected a mapping of source ids")
        for key, value in entries.items():
            if key in found:
                raise PackError(name, str(key), "source id defined twice")
            try:
                found[str(key)] = Source.model_validate(value)
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(x) for x in first["loc"])
                raise PackError(name, f"{key}.{where}".rstrip("."), first["msg"]) from None
    return found


def vocabulary(directory: Path) -> dict[str, Any]:
    """The raw vocabulary: the id contract the advice files are checked against."""
    raw = read_yaml(directory, "vocabulary.yaml")
    if not isinstance(raw, dict):
        raise PackError("vocabulary.yaml", "-", "expected a mapping")
    return raw


def weeks_range(vocab: dict[str, Any]) -> tuple[float, float]:
    """The valid range of gestational weeks, from the vocabulary's own definition."""
    for f in vocab.get("findings") or []:
        if isinstance(f, dict) and f.get("id") == "gestational_weeks" and f.get("range"):
            lo, hi = f["range"]
            return float(lo), float(hi)
    raise PackError("vocabulary.yaml", "gestational_weeks", "needs a range")


def check_sources(ids: Sequence[str], known: dict[str, Source], file: str, entry: str) -> None:
    if not ids:
        raise PackError(file, entry, "cites no source")
    for s in ids:
        if s not in known:
            raise PackError(file, entry, f"unknown source {s!r}")


def check_weeks_in(weeks: float, lo: float, hi: float) -> float:
    """Weeks as a float in ``lo``-``hi``, or a ValueError that says what is wrong.

    A caller's weeks reach the medicine checker and the plan builder alike, so
    both refuse them in the same words.
    """
    if isinstance(weeks, bool) or not isinstance(weeks, int | float):
        raise ValueError(f"weeks must be a number, not {type(weeks).__name__}")
    w = float(weeks)
    if math.isnan(w) or not lo <= w <= hi:
        raise ValueError(
            f"weeks must be between {weeks_text(lo)} and {weeks_text(hi)} (got {weeks})"
        )
    return w


def weeks_text(weeks: float) -> str:
    """24.0 -> "24", 24.5 -> "24.5": weeks as a person writes them."""
    return f"{weeks:g}"
