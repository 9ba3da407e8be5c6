"""The machine's speed now: a fixed workload timed, to compare runs from different hours.

On this shared machine the same code costs two to three times more CPU in one
hour than in another (other sessions' load, the host's), so a benchmark's
milliseconds say little without the machine's speed beside them. ``reference``
times one fixed, deterministic *pass* of work shaped like a request's: Python
objects, dicts, attribute reads, calls and float arithmetic (the interpreter is
about two thirds of a server worker's CPU), then numpy calls on small arrays
(a condition row is 29 long; numpy is about a sixth). Its thread CPU time, the
median of several blocks of passes, is the *reference* (``ref``); a
benchmark's CPU per request divided by it is the request's cost in passes, a
figure that moves much less from hour to hour than milliseconds do
(bench/load.py, bench/service.py and bench/http_cost.py print both).

A pass took 1.3-2.4 ms of CPU on the project's 2-CPU machine at load average
7-9 (December 2026; docs/deploy.md "Performance" keeps what it means there).
The work never changes: its ``checksum`` (tests/test_bench_machine.py) fails if
it does. Changing it would break every comparison with earlier figures; add a
new workload under another name instead.

    .venv/bin/python bench/machine.py [--blocks 9] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from typing import Any

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

# One pass: PY_ROUNDS rounds of the Python part, NP_ROUNDS of the numpy part.
PY_ROUNDS, NP_ROUNDS, WIDTH = 16, 12, 29


class _Item:
    __slots__ = ("name", "parts", "weight")

    def __init__(self, name: str, weight: float, parts: list[float]) -> None:
        self.name, self.weight, self.parts = name, weight, parts


def _python_round(seed: int) -> float:
    """Build, read and serialise a few dozen small objects: a request's kind of Python."""
    items = [_Item(f"c{(seed + i) % 97}", ((seed * 31 + i * 17) % 101) / 101.0,
                   [((i * j + seed) % 13) / 13.0 for j in range(6)]) for i in range(WIDTH)]
    index = {it.name: it for it in items}
    total = 0.0
    for it in items:
        s = sum(it.parts)
        other = index.get(f"c{(seed + len(it.name)) % 97}")
        total += it.weight * s + (other.weight if other is not None else 0.0)
    ranked = sorted(items, key=lambda it: (-it.weight, it.name))
    out = [{"id": it.name, "p": round(it.weight, 6), "why": [round(x, 4) for x in it.parts[:3]]}
           for it in ranked[:10]]
    text = ",".join(f"{d['id']}:{d['p']}" for d in out)
    return total + len(text)


def _numpy_round(matrix: np.ndarray, row: np.ndarray) -> float:
    """About twenty numpy calls on one row of 29: a request's kind of numpy."""
    logp = matrix @ row
    p = np.exp(logp - logp.max())
    p /= p.sum()
    order = np.argsort(-p, kind="stable")
    top = p[order[:6]]
    mask = p > 0.01
    both = np.where(mask, p, 0.0)
    cum = np.cumsum(top)
    part = np.partition(p, WIDTH - 6)
    return float(top.sum() + both.max() + cum[-1] + np.log1p(part[-1]) + mask.sum()
                 + np.minimum(p, 0.5).sum() + np.abs(row).mean())


def one_pass() -> float:
    """One pass of the fixed work; returns its checksum (the same on every machine)."""
    total = 0.0
    for r in range(PY_ROUNDS):
        total += _python_round(r)
    rng = np.random.default_rng(18)  # fixed: the same arrays every pass
    matrix = rng.random((WIDTH, 40))
    for r in range(NP_ROUNDS):
        row = rng.random(40) - 0.5 * (r % 2)
        total += _numpy_round(matrix, row)
    return total


def checksum() -> float:
    """What one pass computes, rounded: a change to the work changes it."""
    return round(one_pass(), 4)


def _blocks(blocks: int, passes: int, pause: float) -> list[float]:
    """Thread CPU ms a pass in each block, each pass after ``pause`` seconds of sleep
    (whose own CPU is not counted)."""
    per = []
    for _ in range(blocks):
        spent = 0.0
        for _ in range(passes):
            if pause:
                time.sleep(pause)
            t0 = time.thread_time()
            one_pass()
            spent += time.thread_time() - t0
        per.append(spent * 1000 / passes)
    return per


def reference(blocks: int = 9, passes: int = 40, pause_ms: float = 1.0) -> dict[str, Any]:
    """The machine's speed now: thread CPU ms of one pass (median over ``blocks`` blocks
    of ``passes`` passes, after one unmeasured block), with the fastest and slowest
    blocks, so that a noisy minute shows as a wide spread; and the same with each pass
    after a pause of ``pause_ms`` (``cold_ms``), as a server's requests come: what the
    machine's other work leaves of the CPU's caches between requests."""
    _blocks(1, passes, 0.0)
    per = _blocks(blocks, passes, 0.0)
    cold = _blocks(blocks, passes, pause_ms / 1000) if pause_ms > 0 else per
    return {"ref_ms": statistics.median(per), "min_ms": min(per), "max_ms": max(per),
            "cold_ms": statistics.median(cold), "blocks": blocks, "passes": passes,
            "pause_ms": pause_ms, "load": os.getloadavg()[0]}


def describe(ref: dict[str, Any]) -> str:
    return (f"machine reference {ref['ref_ms']:.3f} ms a pass (blocks {ref['min_ms']:.3f}-"
            f"{ref['max_ms']:.3f}), {ref['cold_ms']:.3f} ms each after a "
            f"{ref['pause_ms']:g} ms pause; load {ref['load']:.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--blocks", type=int, default=9)
    ap.add_argument("--passes", type=int, default=40)
    ap.add_argument("--json", action="store_true", help="one line of JSON (for the benches)")
    args = ap.parse_args()
    ref = reference(args.blocks, args.passes)
    print(json.dumps(ref) if args.json else describe(ref), flush=True)


if __name__ == "__main__":
    main()
