"""Where the question choice's time goes, step by step.

For every state of ``bench/interview.py`` (the dev interviews and random cases)
the decision a request pays (``shortcut.decision``) is timed, and attributed to
the way it was reached: a start, a stop before any scoring, red-flag
screening (with how many questions were scored to break ties), or the full
scoring of every question, by the phase it then chose (emergency, danger,
level, differential, a stop as settled). Per way: how many states, questions
open and scored, hypothetical answers, the mean and total thread CPU, and for
the fully scored ways the share of each part (answers, triage batch, answer
probabilities, figures, leader's pairs, danger patterns, pairs at the line,
the recheck, the rest).

``--flows``: the states of ``bench/service.py``'s interview flows instead (the
requests bench/load.py's interview phase makes: wrk's starts, answered no, don't
know or the first option), which the speed figures of docs/deploy.md are.

    .venv/bin/python bench/interview_steps.py [--rounds 3] [--random 60] [--flows]

Prints figures; asserts nothing.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from gravida.engine import Engine
from gravida.interview import Session, answer, next_question, select, shortcut, start
from gravida.interview.session import plan, selector
from interview import _state, cases, states
from service import lua_bodies, reply

# the parts timed inside a decision: (module or object, attribute, label)
_clock: list[float] = [0.0]
_parts: dict[str, float] = defaultdict(float)
_depth: list[int] = [0]


def _timed(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if _depth[0]:  # inside another timed part: counted there
            return fn(*args, **kwargs)
        _depth[0] += 1
        t = time.thread_time()
        try:
            return fn(*args, **kwargs)
        finally:
            _parts[label] += time.thread_time() - t
            _depth[0] -= 1
    return wrapper


def _instrument(sel: select.Selector) -> None:
    pol, o = sel.policy, sel.openings
    for obj, name, label in (
        (sel, "answers", "answers"),
        (pol, "base", "triage"),
        (pol, "evaluate", "triage"),
        (sel, "_leader_pairs", "leader pairs"),
        (sel, "_dangers", "danger patterns"),
        (sel, "_wanted", "danger patterns"),
        (o.reopening, "recheck", "recheck"),
        (select, "answer_probabilities", "probabilities"),
        (shortcut, "answer_probabilities", "probabilities"),
        (select, "figures", "figures"),
        (shortcut, "figures", "figures"),
        (select, "pair_crossing", "pairs at the line"),
        (select, "decide", "decide"),
        (select, "leader_question", "leader question"),
        (sel, "build", "build"),
        (sel.naming, "firsts", "naming"),
        (select, "ambulance_question", "ambulance question"),
        (select, "naming_question", "naming question"),
    ):
        setattr(obj, name, _timed(label, getattr(obj, name)))


def flows(engine: Engine) -> list[Session]:
    """Every state of bench/service.py's interview flows (interview.lua's starts, each
    answered as it answers them)."""
    out: list[Session] = []
    for body in lua_bodies("interview.lua"):
        s = start(engine, body)
        while True:
            out.append(s)
            q = next_question(s)
            if q is None:
                break
            s = answer(s, q.id, reply(q.to_json()))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3, help="times each state is timed")
    ap.add_argument("--random", type=int, default=60, help="random cases besides dev.yaml")
    ap.add_argument("--flows", action="store_true",
                    help="the states of bench/service.py's interview flows instead")
    args = ap.parse_args()
    engine = Engine()
    all_states = flows(engine) if args.flows else states(engine, cases(engine, args.random))
    plan(all_states[0])
    sel = selector(engine)
    _instrument(sel)
    scored_all = shortcut._scored
    some_score = shortcut._Some.score
    way: list[str] = [""]
    n_scored: list[int] = [0]

    def scored(*args: Any, **kwargs: Any) -> Any:  # shortcut._scored(sel, state, answers, ...)
        way[0] = "scored"
        n_scored[0] += len(args[2].questions)
        return scored_all(*args, **kwargs)

    def some(self: Any, idx: list[int], held: bool = True) -> None:
        n_scored[0] += len({i for i in idx if i not in (self.held if held else self.value)})
        some_score(self, idx, held)

    shortcut._scored = scored  # type: ignore[assignment]
    shortcut._Some.score = some  # type: ignore[method-assign]

    rows: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    parts_by: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in range(args.rounds):
        for s in all_states:
            st = _state(s)
            way[0], n_scored[0] = "", 0
            _parts.clear()
            a = sel.answers(st)  # counted apart: the sizes
            n_q, n_h = len(a.questions), len(a.hyps) - 1
            _parts.clear()
            t = time.thread_time()
            _, stop, phase = shortcut.decision(sel, st)
            cpu = time.thread_time() - t
            if way[0] == "scored":
                key = f"scored: {phase or stop}"
            elif phase == "screening":
                key = "screening (ties scored)" if n_scored[0] else "screening (none scored)"
            else:
                key = f"{phase or '-'}: {stop or 'ask'}"
            row = rows[key]
            if r == 0:
                row["states"] += 1
                row["open"] += n_q
                row["hyps"] += n_h
                row["scored"] += n_scored[0]
            row["cpu"] += cpu
            row["n"] += 1
            for label, v in _parts.items():
                parts_by[key][label] += v
            parts_by[key]["(all)"] += cpu

    total = sum(row["cpu"] for row in rows.values())
    print(f"{len(all_states)} states x {args.rounds} rounds; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'way':32} {'states':>6} {'open q':>7} {'scored':>7} {'hyps':>6} "
          f"{'ms':>6} {'share':>6}")
    for key, row in sorted(rows.items(), key=lambda kv: -kv[1]["cpu"]):
        k = row["states"]
        print(f"{key:32} {k:6.0f} {row['open'] / k:7.1f} {row['scored'] / k:7.1f} "
              f"{row['hyps'] / k:6.1f} {row['cpu'] / row['n'] * 1000:6.3f} "
              f"{row['cpu'] / total:6.1%}")
    print(f"mean per state {total / sum(r['n'] for r in rows.values()) * 1000:.3f} ms")
    print("\nparts (ms per state of that way):")
    for key, parts in sorted(parts_by.items(), key=lambda kv: -kv[1]["(all)"]):
        n = rows[key]["n"]
        known = sum(v for k, v in parts.items() if k != "(all)")
        shown = [f"{k} {v / n * 1000:.3f}" for k, v in sorted(parts.items(), key=lambda kv: -kv[1])
                 if k != "(all)"]
        print(f"  {key}: {', '.join(shown)}, rest {(parts['(all)'] - known) / n * 1000:.3f}")


if __name__ == "__main__":
    main()
