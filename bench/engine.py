"""Engine benchmark: assessments per second, latency p50/p99, and pgmpy agreement.

Prints figures; asserts nothing (speed is measured here, never in tests).
Cases: the dev vignettes if ../shared is present, plus deterministic random
cases, so the figures do not depend on one file.

    .venv/bin/python bench/engine.py [--seconds 3] [--pgmpy-cases 100]
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

import numpy as np

from cases import make_cases
from gravida.engine import Case, Engine


def timed(fn, cases: list[Case], seconds: float) -> tuple[float, float, float]:
    """(calls per second, p50 µs, p99 µs) of fn over the cases, cycling for `seconds`."""
    lat: list[int] = []
    end = time.perf_counter() + seconds
    i = 0
    while time.perf_counter() < end:
        c = cases[i % len(cases)]
        t0 = time.perf_counter_ns()
        fn(c)
        lat.append(time.perf_counter_ns() - t0)
        i += 1
    total = sum(lat) / 1e9
    q = statistics.quantiles(lat, n=100)
    return len(lat) / total, q[49] / 1e3, q[98] / 1e3


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--pgmpy-cases", type=int, default=100)
    args = ap.parse_args()
    engine = Engine()
    cases = make_cases(engine)
    print(f"cases: {len(cases)} (pack {engine.pack.version})")
    for name, fn in (
        ("assess (full result, explanations)", lambda c: engine.assess(c)),
        ("assess (no explanations)", lambda c: engine.assess(c, explain=False)),
        ("triage only", engine.triage),
        ("posterior only", engine.posterior),
    ):
        rate, p50, p99 = timed(fn, cases, args.seconds)
        print(f"{name:38s} {rate:>10,.0f}/s   p50 {p50:8.1f} µs   p99 {p99:8.1f} µs")

    # Batched posteriors: the vectorised path, for bulk scoring.
    model = engine.model
    evs = [model.evidence(c) for c in cases]
    pos = np.array([model.vector(e)[0] for e in evs])
    neg = np.array([model.vector(e)[1] for e in evs])
    weeks = np.array([e.weeks for e in evs])
    reps = 200
    t0 = time.perf_counter()
    for _ in range(reps):
        model.posterior_batch(weeks, pos, neg)
    dt = time.perf_counter() - t0
    print(f"{'posterior_batch (vectorised)':38s} {reps * len(cases) / dt:>10,.0f}/s")

    try:
        from gravida.engine.reference import pgmpy_posterior
    except ImportError:
        print("pgmpy not installed: skipping the reference comparison")
        return
    warnings.simplefilter("ignore")
    sample = cases[: args.pgmpy_cases]
    worst = 0.0
    t0 = time.perf_counter()
    theirs = [pgmpy_posterior(model, model.evidence(c)) for c in sample]
    t_pgmpy = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = [engine.posterior(c)[1] for c in sample]
    t_ours = time.perf_counter() - t0
    for a, b in zip(ours, theirs, strict=True):
        worst = max(worst, float(abs(a - b).max()))
    print(
        f"pgmpy VariableElimination on {len(sample)} cases: {len(sample) / t_pgmpy:,.1f}/s; "
        f"engine {len(sample) / t_ours:,.0f}/s; speed ratio {t_pgmpy / t_ours:,.0f}x; "
        f"largest posterior difference {worst:.2e} ({'OK' if worst < 1e-9 else 'MISMATCH'} at 1e-9)"
    )


if __name__ == "__main__":
    main()
