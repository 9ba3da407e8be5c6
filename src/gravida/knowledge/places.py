"""``round(x, places)`` for a float, at about half its cost (issue 18's speed).

CPython rounds a float to decimal places by writing it as a correctly rounded
decimal string (David Gay's ``dtoa``, mode 3) and reading that string back
(``strtod``): about 0.5-1 us a call, and a full result rounds about 120
numbers for its JSON. Formatting with ``.Nf`` asks the same ``dtoa`` for the
same digits, and ``float`` reads them back with the same correctly rounded
``strtod``, so the result is the same float, bit for bit, for every float:
NaN and infinities, signed zeros, halfway cases (round-half-even on the
exact binary value) and huge values included (tests/knowledge/test_places.py
compares the two on random and constructed floats). Anything that is not
exactly a Python float (an int, a numpy scalar, whose ``round`` is numpy's
own) goes to ``round`` as before.
"""

from __future__ import annotations

_SPECS = tuple(f".{n}f" for n in range(18))


def rounded(x: float, places: int) -> float:
    """``round(x, places)``, the same value (``places`` from 0 to 17)."""
    if type(x) is float:
        return float(format(x, _SPECS[places]))
    return round(x, places)


def round6(x: float) -> float:
    """``round(x, 6)``, the same value: how the results' probabilities and bits are sent."""
    return float(f"{x:.6f}") if type(x) is float else round(x, 6)


def round4(x: float) -> float:
    """``round(x, 4)``, the same value: how likelihood ratios and result chances are sent."""
    return float(f"{x:.4f}") if type(x) is float else round(x, 4)
