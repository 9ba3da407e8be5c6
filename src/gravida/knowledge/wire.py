"""Parts of a response serialised once, as orjson writes them (issue 18's speed).

A full result repeats, in every response, text that the loaded pack fixes: a plan's
items and safety-net signs, the floor rules' reasons, each ranked condition's names.
The API's serialisation (``to_wire`` of a report or an assessment) puts those in as
``orjson.Fragment``s, bytes that orjson copies into the document as they are, so that
they are written once per pack, not once per response: the same bytes as the
document of ``to_json`` (tests/test_report_wire.py). Nothing here is keyed on a
request: a record's fragment lives on the record (``wired``), and the heads of
``joined`` are the caller's (kept in its pack's memo).

``joined`` writes a list of records that differ only in one rounded number; where the
optional C module (``_wire.c``) was built it writes the numbers itself, else orjson
does, to the same bytes (tests/knowledge/test_wire.py).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Protocol

import orjson

from gravida.knowledge.places import rounded

try:  # the rounded numbers in C (_wire.c), where `pip install` could build it
    from gravida.knowledge import _wire as _native
except ImportError:  # no compiler at install: orjson writes the same bytes
    _native = None  # type: ignore[assignment]
# a build older than this code is not used, and the log says to rebuild (as
# engine/native.py does for the engine's C modules)
_CALLS = ("joined",)
if _native is not None and not all(hasattr(_native, name) for name in _CALLS):
    logging.getLogger(__name__).warning("%s is an older build: rebuild it (pip install -e .)",
                                        _native.__name__)
    _native = None  # type: ignore[assignment]

# how the API serialises a response (api/routes.py): numpy numbers as numbers
WIRE_OPTIONS = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS


class Jsonable(Protocol):
    def to_json(self) -> Any: ...


def wired(record: Jsonable) -> orjson.Fragment:
    """``record.to_json()`` serialised once and kept on the record (a fragment).

    For the frozen records a loaded pack owns and every result repeats (a plan's items,
    medicine advice and signs, a floor rule's reason): it lives and dies with the
    record, so with the pack that holds it; the record's fields, equality and ``repr``
    are unchanged. Only for a frozen record (``quick_init``: an instance ``__dict__``)
    whose JSON depends on its fields alone."""
    d = record.__dict__
    hit: orjson.Fragment | None = d.get("_wired")
    if hit is None:
        hit = d["_wired"] = orjson.Fragment(orjson.dumps(record.to_json(), option=WIRE_OPTIONS))
    return hit


def head(record_json: dict[str, Any], last: str) -> bytes:
    """A record's JSON as orjson writes it, up to the value of its last field ``last``
    (set to 0.0 in ``record_json``): what ``joined`` completes with a number."""
    whole = orjson.dumps(record_json, option=WIRE_OPTIONS)
    if next(reversed(record_json)) != last or record_json[last] != 0.0 or not whole.endswith(
            b"0.0}"):
        raise ValueError(f"{last!r} must be the record's last field, set to 0.0: {whole!r}")
    return whole[:-4]


def joined(heads: Sequence[bytes], values: Sequence[float], places: int) -> orjson.Fragment:
    """The JSON list of records that each are ``heads[i]`` (``head``) completed by
    ``round(values[i], places)`` (0 to 6 places) and the closing brace: what
    ``[{..., last: round(v, places)} ...]`` serialises to."""
    if not heads:
        return orjson.Fragment(b"[]")
    if _native is not None:
        done = _native.joined(list(heads), list(values), places)
        if done is not None:
            return orjson.Fragment(done)
    numbers = orjson.dumps([rounded(v, places) for v in values],
                           option=WIRE_OPTIONS)[1:-1].split(b",")
    return orjson.Fragment(b"[" + b"},".join([h + n for h, n in zip(heads, numbers, strict=True)])
                           + b"}]")
