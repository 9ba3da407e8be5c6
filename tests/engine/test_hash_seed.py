"""The result does not depend on the hash seed.

Python orders a set of strings by their hashes, which PYTHONHASHSEED changes from
run to run. Where a set's order reaches a float sum (the cells of an interview
hypothesis that changes several findings at once were added in the order of its
``changed`` set), two runs of the same case differ in the last bits, which can flip
a tie or a threshold. Each check runs the CLI in two subprocesses under two seeds
and compares byte for byte: the eval JSON (every figure the user sees), and a digest
of every float64 posterior the engine and the interview's batch compute
(``seed_probe.py``; the JSON rounds, the digest does not).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[2]
DEV = SHARED / "vignettes" / "dev.yaml"
SEEDS = ("1", "2")


def _run(seed: str, *args: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=True)
    return done.stdout


@pytest.mark.parametrize("mode", ["full", "interview"])
def test_eval_json_is_the_same_under_two_hash_seeds(mode: str) -> None:
    cli = ("-c", "from gravida.cli import main; main()", "eval", str(DEV), "--mode", mode,
           "--json")
    first, second = (_run(seed, *cli) for seed in SEEDS)
    assert first.startswith("{")
    assert first == second


def test_every_posterior_is_the_same_under_two_hash_seeds() -> None:
    probe = ("-m", "tests.engine.seed_probe", str(DEV), "interview")
    first, second = (_run(seed, *probe).strip() for seed in SEEDS)
    assert len(first) == 64
    assert first == second
