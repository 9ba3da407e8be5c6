"""Interview benchmark: time to choose the next question, p50/p99.

Prints figures; asserts nothing (speed is measured here, never in tests).
States: every step of every dev vignette played by the simulated patient
(if ../shared is present) plus deterministic random cases, so the figures
cover calm, unclear and emergency states, early and late in an interview.

Timed: the decision a request pays for (``shortcut.decision``: the question,
stop and phase, scoring only the questions it reads), then ``plan(session)``
(every possible answer of every question scored: what tests and explanations
read). Not ``next_question``: a session keeps its decision once made, so timing
that on the states built here measured a cache read.
Wall time is what a user waits; thread CPU time is the work itself, which
stays meaningful on a busy machine. BLAS runs single-threaded (as in a
server worker): threading a 90x25 matrix product only adds latency.

    .venv/bin/python bench/interview.py [--rounds 3] [--random 150]
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import gc
import statistics
import time
from pathlib import Path

from cases import make_cases
from gravida.engine import Case, Engine
from gravida.evaluation.interview_mode import SimulatedPatient
from gravida.interview import Session, answer, next_question, start
from gravida.interview.decision import State
from gravida.interview.session import plan, selector
from gravida.interview.shortcut import decision

SHARED_DEV = Path(__file__).resolve().parents[2] / "shared" / "vignettes" / "dev.yaml"


def cases(engine: Engine, n_random: int) -> list[Case]:
    return make_cases(engine, n_random)


def states(engine: Engine, all_cases: list[Case]) -> list[Session]:
    """Every state an interview passes through, for each case."""
    out: list[Session] = []
    for case in all_cases:
        patient = SimulatedPatient(engine, case)
        initial, groups = patient.initial(engine)
        s = start(engine, initial, groups)
        while True:
            out.append(s)
            q = next_question(s)
            if q is None:
                break
            s = answer(s, q.id, patient.reply(q))
    return out


def _state(s: Session) -> State:
    """The state the session decides on (session._state's: what was asked, whether
    an emergency was shown and how many answers since)."""
    d = s.derived
    return State(d.case, d.asked, d.covered, s.questions_asked, d.emergency,
                 d.after_emergency)


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3, help="times each state is timed")
    ap.add_argument("--random", type=int, default=150, help="random cases besides dev.yaml")
    args = ap.parse_args()

    engine = Engine()
    t0 = time.perf_counter()
    all_states = states(engine, cases(engine, args.random))
    print(f"{len(all_states)} interview states built in {time.perf_counter() - t0:.1f} s")
    plan(all_states[0])  # warm the per-engine selector
    # the states built here (their sessions, cases and caches) are this benchmark's own
    # heap, not a server's: frozen, so that a full collection walking them (50-70 ms,
    # once or twice a run) is not charged to whichever state it falls in
    gc.collect()
    gc.freeze()

    sel = selector(engine)
    ms = 1000.0
    for name, choose in (
        ("the decision (shortcut.decision)", lambda s: decision(sel, _state(s))),
        ("the whole plan (plan)", plan),
    ):
        wall: list[float] = []
        cpu: list[float] = []
        best = [float("inf")] * len(all_states)
        for _ in range(args.rounds):
            for n, s in enumerate(all_states):
                w, c = time.perf_counter(), time.thread_time()
                choose(s)
                cpu.append(time.thread_time() - c)
                wall.append(time.perf_counter() - w)
                best[n] = min(best[n], cpu[-1])
        print(f"{name}: time to choose the next question over {len(wall)} timings (ms):")
        print(
            f"  wall  p50 {pct(wall, 0.5) * ms:6.2f}   p99 {pct(wall, 0.99) * ms:6.2f}   "
            f"mean {statistics.fmean(wall) * ms:6.2f}   max {max(wall) * ms:6.2f}"
        )
        print(
            f"  cpu   p50 {pct(cpu, 0.5) * ms:6.2f}   p99 {pct(cpu, 0.99) * ms:6.2f}   "
            f"mean {statistics.fmean(cpu) * ms:6.2f}   max {max(cpu) * ms:6.2f}"
        )
        # each state's least CPU over the rounds: what other work on the machine
        # disturbs least (compare two checkouts by this)
        print(f"  cpu, best of {args.rounds} per state: mean {statistics.fmean(best) * ms:6.3f}")
    print(
        f"  target: p99 < 10 ms; load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
