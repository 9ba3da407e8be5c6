"""knowledge/places.py: the fast roundings give round()'s own float, bit for bit."""

from __future__ import annotations

import math
import random
import struct

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from gravida.knowledge.places import round4, round6, rounded


def _bits(x: float) -> bytes:
    return struct.pack("<d", x)  # tells -0.0 from 0.0 and one NaN payload from another


def _same(a: float, b: float) -> bool:
    return type(a) is type(b) and (_bits(a) == _bits(b) or (math.isnan(a) and math.isnan(b)))


@given(st.floats(allow_nan=True, allow_infinity=True), st.integers(0, 17))
def test_rounded_is_round(x: float, places: int) -> None:
    assert _same(rounded(x, places), round(x, places))


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_round6_and_round4_are_round(x: float) -> None:
    assert _same(round6(x), round(x, 6))
    assert _same(round4(x), round(x, 4))


def test_halfway_and_edge_cases() -> None:
    """Decimal halves (their binary value is just above or below), signed zeros, tiny and
    huge values, and the probabilities a result sends."""
    rng = random.Random(18)
    xs = [0.0, -0.0, 1e-7, -1e-7, 5e-7, -5e-7, 0.5, 2.5, 1e300, -1e300, 5e-324,
          0.0000005, 0.0000015, 0.0000025, 0.12345650, 0.12345750, 0.99999950, 1 - 1e-17]
    xs += [k / 10**7 + 5 / 10**8 for k in range(0, 10**7, 9973)]  # ...5 in the 8th place
    xs += [rng.random() for _ in range(20000)] + [rng.random() * 100 for _ in range(5000)]
    for x in xs:
        for places in (4, 6, 12):
            assert _same(rounded(x, places), round(x, places)), (x, places)
        assert _same(round6(x), round(x, 6)) and _same(round4(x), round(x, 4)), x


def test_what_is_not_a_float_goes_to_round() -> None:
    """An int stays an int, and a numpy scalar is rounded by numpy, as round() does."""
    assert round6(3) == 3 and type(round6(3)) is int
    y = np.float64(0.1234565)
    assert type(round6(y)) is type(round(y, 6)) and round6(y) == round(y, 6)
