"""Benchmark cases: the dev vignettes (when ../shared is present) plus deterministic
random cases, so that figures do not hang on one file and are repeatable."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

from gravida.engine import Case, CaseError, Engine

SHARED_DEV = Path(__file__).resolve().parents[2] / "shared" / "vignettes" / "dev.yaml"


def make_cases(engine: Engine, n_random: int = 400, seed: int = 20261126) -> list[Case]:
    cases: list[Case] = []
    if SHARED_DEV.exists():
        skipped = 0
        for v in yaml.safe_load(SHARED_DEV.read_text()):
            try:
                cases.append(engine.case(v["case"]))
            except CaseError:  # an id this pack does not know yet: not a speed question
                skipped += 1
        if skipped:
            print(f"(bench: {skipped} dev vignette(s) skipped: ids unknown to this pack)",
                  file=sys.stderr)
    booleans = sorted(f for f, d in engine.pack.findings.items() if d.kind == "boolean")
    rnd = random.Random(seed)
    for _ in range(n_random):
        chosen = rnd.sample(booleans, rnd.randint(3, 20))
        k = rnd.randint(0, len(chosen))
        present, absent = set(chosen[:k]), set(chosen[k:])
        for imp in engine.pack.implies:
            if imp.if_ in present:
                absent.discard(imp.then)
        numbers = {"gestational_weeks": float(rnd.randint(4, 42))}
        if rnd.random() < 0.5:
            numbers["pain_severity"] = float(rnd.randint(0, 10))
        if rnd.random() < 0.3:
            numbers["temperature_c"] = round(rnd.uniform(36.0, 40.0), 1)
        cases.append(Case(numbers, frozenset(present), frozenset(absent)))
    return cases
