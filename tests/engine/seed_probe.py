"""Print a digest of every posterior the engine and the interview's batch compute on
some vignettes (run by test_hash_seed.py in subprocesses under different hash seeds).

The eval JSON rounds its figures; this digest is of the float64 bytes themselves, so
a sum taken in a set's order (which follows PYTHONHASHSEED) shows in the last bit.
    python -m tests.engine.seed_probe FILE MODE...
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import sys
from typing import Any

import numpy as np

from gravida.cli import main
from gravida.engine import model as engine_model
from gravida.interview import policy


def probe(path: str, modes: list[str]) -> str:
    digest = hashlib.sha256()
    evaluate, posterior = policy.LevelPolicy.evaluate, engine_model.Model.posterior

    def batch(self: Any, *args: Any, **kwargs: Any) -> Any:
        out = evaluate(self, *args, **kwargs)
        digest.update(np.ascontiguousarray(out.posterior).tobytes())
        digest.update(np.ascontiguousarray(out.level).tobytes())
        return out

    def single(self: Any, ev: Any) -> Any:
        out = posterior(self, ev)
        digest.update(np.ascontiguousarray(out).tobytes())
        return out

    policy.LevelPolicy.evaluate = batch  # type: ignore[method-assign]
    engine_model.Model.posterior = single  # type: ignore[method-assign]
    try:
        for mode in modes:
            with contextlib.redirect_stdout(io.StringIO()):
                main(["eval", path, "--mode", mode, "--json"], standalone_mode=False)
    finally:
        policy.LevelPolicy.evaluate = evaluate  # type: ignore[method-assign]
        engine_model.Model.posterior = posterior  # type: ignore[method-assign]
    return digest.hexdigest()


if __name__ == "__main__":
    print(probe(sys.argv[1], sys.argv[2:]))
