"""NearScores.linear keeps the last read-only evidence's scores, and only that.

An interview decision scores several batches over the same evidence now, whose
indicator vectors (``LevelPolicy.base``) are read-only, so their linear scores are
kept. A writable vector may change after the call: it is never served from the
keep, and what is kept cannot be changed by a caller either.
"""

from __future__ import annotations

import numpy as np
import pytest

from gravida.engine import Engine
from gravida.engine.near import NearScores

ENGINE = Engine()
NEAR = NearScores(ENGINE.model)
N_FINDINGS = len(ENGINE.model.findings)


def fresh(t: int, pos: np.ndarray, neg: np.ndarray) -> np.ndarray:
    out: np.ndarray = pos @ NEAR.yes[t] + neg @ NEAR.no[t]
    return out


def vectors(seed: int, writeable: bool) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    pos = (rng.random(N_FINDINGS) < 0.2).astype(float)
    neg = ((rng.random(N_FINDINGS) < 0.3) & (pos == 0)).astype(float)
    pos.flags.writeable = neg.flags.writeable = writeable
    return pos, neg


@pytest.mark.parametrize("t", [0, 1, 2])
def test_read_only_evidence_kept_and_exact(t: int) -> None:
    pos, neg = vectors(t, writeable=False)
    first = NEAR.linear(t, pos, neg)
    assert np.array_equal(first, fresh(t, pos, neg))
    assert NEAR.linear(t, pos, neg) is first  # the same evidence: kept
    assert not first.flags.writeable
    other = (t + 1) % 3  # another trimester of the same vectors is its own
    assert np.array_equal(NEAR.linear(other, pos, neg), fresh(other, pos, neg))


def test_writable_evidence_never_served_stale() -> None:
    pos, neg = vectors(7, writeable=True)
    before = NEAR.linear(1, pos, neg).copy()
    changed = int(np.flatnonzero(pos == 0)[0])
    pos[changed] = 1.0
    after = NEAR.linear(1, pos, neg)
    assert np.array_equal(after, fresh(1, pos, neg))
    assert not np.array_equal(after, before)
