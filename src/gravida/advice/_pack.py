"""Pack access shared by the medicine checker and the plan builder.

Both build their books from a loaded ``Pack`` (its sources, vocabulary and
weeks range), once per Pack, in its memo; a bare pack directory is loaded as
a Pack first.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from gravida.knowledge.i18n import DEFAULT_LANGUAGE
from gravida.knowledge.load import Pack, PackError, default_pack, default_pack_dir, load_pack
from gravida.knowledge.schema import Source

PackRef = Pack | Path | str | None


def as_pack(pack: PackRef, lang: str | None = None) -> Pack:
    """The loaded Pack that ``pack`` names, its texts in ``lang`` (default: its own).

    None and the packaged directory mean the packaged pack (loaded once per
    language); a loaded Pack is used as it is; another directory (a test's
    altered copy, a pack being written) is loaded afresh, so its errors show.
    Whatever is built from the result is built once, in that Pack's memo.
    """
    if isinstance(pack, Pack):
        if lang is None or lang == pack.lang:
            return pack
        pack = pack.directory
    code = lang or DEFAULT_LANGUAGE
    if pack is None or Path(pack).resolve() == default_pack_dir().resolve():
        return default_pack(code)
    return load_pack(Path(pack), code)


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
