"""Types of the optional compiled beam loops (_beam.c); see information.py."""

from typing import Any

def step(k: int, h: int, r: int, joint: Any, lik: Any, negligible: float, limit: int,
         mass: Any, scratch: Any, kept: Any, kept_mass: Any,
         joint_out: Any) -> tuple[int, int, int, int]: ...
def gather(k: int, h: int, r: int, joint: Any, lik: Any, mass: Any, kept: Any, count: int,
           kept_mass: Any, joint_out: Any) -> None: ...
def joint_results(k: int, h: int, r: int, joint: Any, lik: Any, out: Any) -> int: ...
