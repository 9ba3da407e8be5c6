"""Types of the optional compiled batch loops (_near.c); see near.py and interview/policy.py."""

from typing import Any

def scores(sizes: tuple[int, int, int, int, int, int, int, int],
           arrays: tuple[Any, ...]) -> None: ...
def levels(sizes: tuple[int, int, int, int, int], arrays: tuple[Any, ...]) -> None: ...
