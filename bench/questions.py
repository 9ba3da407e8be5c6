"""Questions per case and per set, and what each question changed (issue 15).

    python bench/questions.py run OUT.json [--sets dev,holdout] [--modes conversation,interview]
    python bench/questions.py table OUT.json                 # per set and mode: top1, triage, q
    python bench/questions.py diff BEFORE.json AFTER.json    # the table before -> after, and cases
    python bench/questions.py changed [--sets ...] [--modes ...]   # what each question changed

``run`` scores every set in every mode and keeps each case's row (level, top-1,
questions asked). ``changed`` replays every interview and, for each question
asked, compares the state before and after her answer: the triage level, the
leading condition, and the danger the interview was still looking for (the open
danger patterns and the questions marked as able to cross the emergency line).
A question that changed none of the three was asked "for nothing" this time
(it could have; its answer just was the expected one). Figures only, no
assertions (not a test); the sets are dev and the project's own sets, never
the blind ones.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from gravida.engine import Case, Engine
from gravida.evaluation.conversation_mode import WEEKS
from gravida.evaluation.interview_mode import SimulatedPatient
from gravida.evaluation.run import evaluate
from gravida.evaluation.vignettes import load_vignettes
from gravida.intake.parse import parse_text
from gravida.interview import answer, answered_by_text, next_question, start
from gravida.interview.session import plan

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "dev": ROOT.parent / "shared" / "vignettes" / "dev.yaml",
    "realvoice-en": ROOT / "tests" / "data" / "realvoice-en.yaml",
    "dev-ru": ROOT / "tests" / "data" / "dev-ru.yaml",
    "safety-v2": ROOT / "tests" / "data" / "safety-v2.yaml",
    "holdout": ROOT / "tests" / "data" / "holdout.yaml",
    "nearmiss-en": ROOT / "tests" / "data" / "nearmiss-en.yaml",
    "nearmiss-ru": ROOT / "tests" / "data" / "nearmiss-ru.yaml",
}
MODES = ("conversation", "interview")


def _summary(r: dict[str, Any]) -> dict[str, Any]:
    keys = ("n", "top1", "triage_exact", "under_triage", "over_triage",
            "emergency_under_triage", "questions_median", "questions_mean", "questions_max")
    out = {k: r.get(k) for k in keys}
    out["cases"] = {c["id"]: {k: c.get(k) for k in (
        "top1", "triage", "expected_triage", "questions", "stop_reason", "asked", "ranked")}
        for c in r["cases"]}
    return out


def run(out: Path, sets: list[str], modes: list[str]) -> None:
    engine = Engine()
    data: dict[str, Any] = {}
    if out.exists():
        data = json.loads(out.read_text())
    for s in sets:
        for m in modes:
            r = evaluate([SETS[s]], m, engine)
            data[f"{s}/{m}"] = _summary(r)
            print(_line(f"{s}/{m}", data[f"{s}/{m}"]), flush=True)
            out.write_text(json.dumps(data, indent=1))


def _line(key: str, r: dict[str, Any]) -> str:
    q = ("" if r["questions_median"] is None else  # full mode asks nothing
         f"q {r['questions_median']:g} / {r['questions_mean']:.2f} / {r['questions_max']}")
    return (f"{key:26} top1 {r['top1']:.3f} triage {r['triage_exact']:.3f} "
            f"under {r['under_triage']} over {r['over_triage']} "
            f"em_under {r['emergency_under_triage']} {q}")


def table(path: Path) -> None:
    data = json.loads(path.read_text())
    for key, r in data.items():
        print(_line(key, r))


def diff(a_path: Path, b_path: Path) -> None:
    a, b = json.loads(a_path.read_text()), json.loads(b_path.read_text())
    for key in a:
        if key not in b:
            continue
        ra, rb = a[key], b[key]
        print(f"{key:26} top1 {ra['top1']:.3f}->{rb['top1']:.3f} "
              f"triage {ra['triage_exact']:.3f}->{rb['triage_exact']:.3f} "
              f"under {ra['under_triage']}->{rb['under_triage']} "
              f"over {ra['over_triage']}->{rb['over_triage']} "
              f"em_under {ra['emergency_under_triage']}->{rb['emergency_under_triage']} "
              f"q {ra['questions_median']:g}/{ra['questions_mean']:.2f}->"
              f"{rb['questions_median']:g}/{rb['questions_mean']:.2f}")
        for cid, ca in ra["cases"].items():
            cb = rb["cases"].get(cid)
            if cb is None:
                continue
            if (ca["top1"], ca["triage"]) != (cb["top1"], cb["triage"]):
                print(f"    {cid}: top1 {ca['top1']}->{cb['top1']} triage {ca['triage']}->"
                      f"{cb['triage']} (expected {ca['expected_triage']}) "
                      f"q {ca['questions']}->{cb['questions']}")


def _state(session: Any) -> tuple[str, str, frozenset[str]]:
    """Level, leader, and the danger still looked for: open danger patterns and the
    questions marked as able to cross the emergency line (by id, as "q:ID")."""
    p = plan(session)
    a = session.engine.assess(session.derived.case, explain=False)
    danger = frozenset(p.open_patterns) | frozenset(
        f"q:{s.question}" for s in p.scored if s.raises_danger or s.lowers_danger)
    return a.triage.level, a.ranked[0], danger


def _own(session: Any, qid: str) -> frozenset[str]:
    """The danger items that asking ``qid`` settles by itself (its own mark, the
    patterns it screens for): closing these is the question doing its job."""
    p = plan(session)
    s = next((x for x in p.scored if x.question == qid), None)
    return frozenset({f"q:{qid}"} | set(s.screening if s else ()))


def _sessions(engine: Engine, sets: list[str], mode: str) -> Any:
    for s in sets:
        for v in load_vignettes(SETS[s]):
            truth = Case.from_dict(v.case, engine.pack)
            patient = SimulatedPatient(engine, truth)
            if mode == "conversation":
                initial = parse_text(v.narrative, engine.pack).case
                groups = answered_by_text(engine, initial)
                if WEEKS not in initial.numbers:
                    initial = initial.with_number(WEEKS, truth.numbers[WEEKS])
                yield start(engine, initial, groups), patient
            else:
                init, groups = patient.initial(engine)
                yield start(engine, init, groups), patient


def changed(sets: list[str], modes: list[str]) -> None:
    """Per question id: how often asked, how often she could answer, and what her
    answer changed: the level, the leader, other danger (patterns or marked
    questions beyond the question's own), only its own danger (it was asked to rule
    something out and did), or nothing."""
    engine = Engine()
    kinds = ("level", "top1", "danger", "own", "nothing")
    for m in modes:
        asked: Counter[str] = Counter()
        known: Counter[str] = Counter()
        what: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for session, patient in _sessions(engine, sets, m):
            before = _state(session)
            for _ in range(60):
                q = next_question(session)
                if q is None:
                    break
                own = _own(session, q.id)
                reply = patient.reply(q)
                session = answer(session, q.id, reply)
                if q.kind == "choose":
                    continue
                if session.derived.pending is not None:
                    q2 = next_question(session)
                    assert q2 is not None
                    reply = patient.reply(q2)
                    session = answer(session, q2.id, reply)
                after = _state(session)
                asked[q.id] += 1
                known[q.id] += reply is not None
                if before[0] != after[0]:
                    what[q.id]["level"] += 1
                elif before[1] != after[1]:
                    what[q.id]["top1"] += 1
                elif (before[2] ^ after[2]) - own:
                    what[q.id]["danger"] += 1
                elif before[2] != after[2]:
                    what[q.id]["own"] += 1
                else:
                    what[q.id]["nothing"] += 1
                before = after
        print(f"== {m} ({', '.join(sets)}): the first of level, top1, danger, own that changed")
        print(f"{'question':34} {'asked':>5} {'known':>5} " + " ".join(f"{k:>7}" for k in kinds))
        for key, n in asked.most_common():
            print(f"{key:34} {n:5} {known[key]:5} "
                  + " ".join(f"{what[key][k]:7}" for k in kinds))
        tot = Counter[str]()
        for c in what.values():
            tot.update(c)
        print(f"{'all':34} {sum(asked.values()):5} {sum(known.values()):5} "
              + " ".join(f"{tot[k]:7}" for k in kinds))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=("run", "table", "diff", "changed"))
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--modes", default=",".join(MODES))
    a = ap.parse_args()
    sets, modes = a.sets.split(","), a.modes.split(",")
    if a.cmd == "run":
        run(a.paths[0], sets, modes)
    elif a.cmd == "table":
        table(a.paths[0])
    elif a.cmd == "diff":
        diff(a.paths[0], a.paths[1])
    else:
        changed(sets, modes)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
