"""The posterior's and the red-flag variants' cheaper numpy calls: the same floats.

``softmax`` and ``leaders`` call the arrays' own reductions and reuse one array
instead of ``np.max``/``np.argmax`` and a new quotient; ``_red_flag_variants`` sets a
present flag's cells to what a variant keeps and denies instead of multiplying and
adding. Each is compared bit for bit with a copy of the old form: on drawn score
arrays (one row or many, -inf, NaN, ties) and on drawn cases with red flags.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gravida.engine import Case, Engine
from gravida.engine.model import TIE_TOLERANCE, Evidence, FloatArray, Model, leaders, softmax
from gravida.engine.triage import _red_flag_variants, flag_states

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
ENGINE = Engine()
MODEL = ENGINE.model
TRIAGER = ENGINE.triager
N = len(MODEL.conditions)
BOOLEANS = sorted(f for f, d in ENGINE.pack.findings.items() if d.kind == "boolean")
FLAGS = sorted(ENGINE.pack.red_flags)


def _old_softmax(scores: FloatArray) -> FloatArray:
    top = np.max(scores, axis=-1, keepdims=True)
    e = np.exp(scores - top)
    out: FloatArray = e / e.sum(axis=-1, keepdims=True)
    return out


def _old_variants(model: Model, ev: Evidence, flags: tuple[str, ...],
                  pairs: tuple[tuple[str, str], ...]) -> FloatArray:
    pos, neg = model.vector(ev)
    cols = [model.index[f] for f in flags]
    unknown, denied = flag_states(flags, pairs)
    rows = np.repeat(pos[None, :], len(unknown), axis=0)
    rows[:, cols] *= 1.0 - unknown - denied
    negs = np.repeat(neg[None, :], len(unknown), axis=0)
    negs[:, cols] += denied
    return _old_softmax(model.scores(ev.weeks, rows, negs))


_score = st.one_of(st.floats(-60.0, 5.0), st.sampled_from([-np.inf, 0.0, -0.0, -1.5]),
                   st.just(np.nan))


@SETTINGS
@given(st.integers(1, 5), st.data())
def test_softmax_and_leaders_are_the_old_floats(n_rows: int, data: st.DataObject) -> None:
    scores = np.array(data.draw(st.lists(st.lists(_score, min_size=N, max_size=N),
                                         min_size=n_rows, max_size=n_rows)))
    for s in (scores, scores[0]):
        with np.errstate(invalid="ignore"):
            assert softmax(s).tobytes() == _old_softmax(s).tobytes()
        top = np.max(s, axis=-1, keepdims=True)
        want = np.argmax(s >= top - TIE_TOLERANCE, axis=-1)
        assert np.asarray(leaders(s)).reshape(-1).tolist() == want.reshape(-1).tolist()


@st.composite
def _flagged(draw: st.DrawFn) -> Evidence:
    """Evidence with one to three red flags present (and other findings), at any week;
    sometimes a flag also absent, as an evidence built directly may have it."""
    flags = draw(st.lists(st.sampled_from(FLAGS), min_size=1, max_size=3, unique=True))
    chosen = draw(st.lists(st.sampled_from(BOOLEANS), max_size=15, unique=True))
    k = draw(st.integers(0, len(chosen)))
    present = frozenset(chosen[:k]) | frozenset(flags)
    weeks = float(draw(st.integers(4, 42)))
    ev = MODEL.evidence(Case({"gestational_weeks": weeks}, present,
                             frozenset(chosen[k:]) - present))
    if draw(st.integers(0, 5)) == 0:
        ev = Evidence(ev.weeks, ev.present, ev.absent | {flags[0]}, ev.numbers, ev.notes)
    return ev


@SETTINGS
@given(_flagged())
def test_red_flag_variants_are_the_old_floats(ev: Evidence) -> None:
    flags = TRIAGER.free_flags(ev)
    if not flags:
        return
    posts = _red_flag_variants(MODEL, ev, flags, TRIAGER.flag_pairs)[0]
    assert posts.tobytes() == _old_variants(MODEL, ev, flags, TRIAGER.flag_pairs).tobytes()
