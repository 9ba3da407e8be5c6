"""Rounded numbers written as orjson writes them (knowledge/wire.py and its optional C
writer, _wire.c): the same bytes as serialising the records whole."""

from __future__ import annotations

import math
import random

import numpy as np
import orjson
import pytest

from gravida.knowledge import wire
from gravida.knowledge.wire import WIRE_OPTIONS, head, joined

HEAD = head({"id": "x", "name": "Ä \"q\"", "probability": 0.0}, "probability")


def _whole(values: list[float], places: int) -> bytes:
    """What ``joined`` stands for: the records serialised whole, each value rounded."""
    return orjson.dumps([{"id": "x", "name": "Ä \"q\"", "probability": round(v, places)}
                         for v in values], option=WIRE_OPTIONS)


def _joined(values: list[float], places: int) -> bytes:
    return orjson.dumps(joined([HEAD] * len(values), values, places), option=WIRE_OPTIONS)


def _python(values: list[float], places: int, monkeypatch: pytest.MonkeyPatch) -> bytes:
    with monkeypatch.context() as m:
        m.setattr(wire, "_native", None)
        return _joined(values, places)


def _edges() -> list[float]:
    """Values at the writer's edges: zeros, the 1e-5 line, ties on the exact binary value
    (odd multiples of 1/128 are ties at six places), near 1 and 1e9, and non-finite ones."""
    out = [0.0, -0.0, 1.0, 1e-6, 4.999e-7, 5e-7, 5.000001e-7, 9.5e-6, 9.9999e-6, 1e-5,
           1.00000001e-5, 0.0000125, 0.5, 0.9999995, 0.99999949, 123.4565, 999999999.9999996,
           1e9, 1e12, -1e-7, -0.4, math.nan, math.inf, -math.inf]
    out += [k / 128 for k in range(1, 128, 2)] + [k / 2**20 for k in range(1, 2**20, 4099)]
    return out


@pytest.mark.skipif(wire._native is None, reason="the C writer was not built")
def test_native_writes_every_six_place_value_as_orjson() -> None:
    # every text "0.dddddd" from 0 to 1, as the float nearest it and its neighbours
    grid = np.arange(1_000_001) / 1e6
    values = np.concatenate([grid, np.nextafter(grid, 2.0), np.nextafter(grid, -1.0)[1:]])
    for chunk in np.array_split(values, 30):
        vs = chunk.tolist()
        assert _joined(vs, 6) == _whole(vs, 6)


@pytest.mark.parametrize("places", range(7))
def test_joined_is_the_whole_records(places: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(places)
    values = _edges() + [rng.random() for _ in range(3000)]
    values += [rng.random() * 10 ** rng.randint(-9, 10) for _ in range(3000)]
    for chunk in [values[i:i + 97] for i in range(0, len(values), 97)] + [[v] for v in _edges()]:
        assert _joined(chunk, places) == _whole(chunk, places)
        assert _python(chunk, places, monkeypatch) == _whole(chunk, places)


def test_joined_takes_python_for_what_is_not_a_float(monkeypatch: pytest.MonkeyPatch) -> None:
    """A numpy scalar rounds as numpy rounds, an int as an int: orjson writes those."""
    values: list[float] = [np.float64(0.1234565), 0.25, True, 3]  # type: ignore[list-item]
    assert _joined(values, 6) == _whole(values, 6)
    assert _joined([], 6) == b"[]"


def test_every_compiled_function_called_is_checked() -> None:
    import re
    from pathlib import Path

    source = Path(wire.__file__).read_text(encoding="utf-8")
    called = set(re.findall(r"\b_native\.([a-z_]+)\(", source))
    assert called and called <= set(wire._CALLS)


def test_head_needs_the_number_last() -> None:
    with pytest.raises(ValueError, match="last field"):
        head({"probability": 0.0, "id": "x"}, "probability")
    with pytest.raises(ValueError, match="last field"):
        head({"id": "x", "probability": 1.0}, "probability")
