"""Why interview mode ends below full mode: each lost case put in a class.

    python bench/interview_gap.py [--sets dev,holdout] [--mode interview|conversation] [-v]

For every case that full mode gets right (top-1, or the triage level) and the
interview does not (top-1 lost, or a level above full mode's), the interview is
replayed by the simulated patient and the evidence where it stopped is compared
with the case (what full mode sees). Each finding the case knows and the
interview does not is tried alone on the final evidence; the classes:

- ``emergency_stop``: the interview stopped at an emergency shown early (it then
  asks only what could make it an ambulance call); a finding left unknown fixes it
- ``unasked``: stopped "settled" (or at the limit) and one finding never asked
  would have fixed it (the stop rule let it go)
- ``list_unknown``: one finding shown on a list but left unknown (she ticked
  other members; not ticking is not a "no") would have fixed it
- ``several``: no one finding alone fixes it (all of them together do)
- ``not_evidence``: even every finding of the case on top of the interview's does
  not fix it (the interview's evidence is the case's; an order effect is impossible
  in naive Bayes, so this would be a bug)

Figures only (not a test); dev and the project's own sets, never the blind ones.
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from gravida.engine import Case, Engine
from gravida.evaluation.interview_mode import run_questions
from gravida.evaluation.vignettes import load_vignettes
from gravida.interview import answer, next_question, result
from questions import SETS, _sessions  # type: ignore[import-not-found]  # bench sibling


def _known(case: Case) -> dict[str, Any]:
    """Every finding the case states: True / False / a number."""
    out: dict[str, Any] = {f: True for f in case.present}
    out.update({f: False for f in case.absent})
    out.update(case.numbers)
    return out


def _with(case: Case, items: dict[str, Any], engine: Engine) -> Case:
    for f, v in items.items():
        case = case.with_answer(f, v)
    return Case.from_dict(case.to_json(), engine.pack)


def classify(sets: list[str], mode: str, verbose: bool) -> None:
    engine = Engine()
    rank = engine.pack.level_rank
    classes: Counter[tuple[str, str, str]] = Counter()
    fixers: Counter[tuple[str, str]] = Counter()
    for s in sets:
        vignettes = load_vignettes(SETS[s])
        for v, (session, patient) in zip(vignettes, _sessions(engine, [s], mode), strict=True):
            truth = Case.from_dict(v.case, engine.pack)
            full = engine.assess(truth, explain=False)
            session, asked = run_questions(session, patient)
            r = result(session)
            a = r.assessment
            ok = v.acceptable
            lost_top1 = full.ranked[0] in ok and a.ranked[0] not in ok
            over = rank(a.triage.level) > rank(full.triage.level)
            under = rank(a.triage.level) < rank(full.triage.level)
            if not (lost_top1 or over or under):
                continue
            kind = "top1" if lost_top1 else ("over" if over else "under")
            final = session.derived.case
            tk, fk = _known(truth), _known(final)
            missing = {f: x for f, x in tk.items() if f not in fk}
            covered = session.derived.covered

            want = full.triage.level

            def fixed(c: Case, kind: str = kind, ok: set[str] = ok, want: str = want) -> bool:
                b = engine.assess(c, explain=False)
                return b.ranked[0] in ok if kind == "top1" else b.triage.level == want

            singles = [f for f in missing if fixed(_with(final, {f: missing[f]}, engine))]
            if singles:
                on_list = [f for f in singles if f in covered]
                if r.stop_reason in ("emergency", "emergency_ambulance"):
                    cls = "emergency_stop"
                elif on_list and len(on_list) == len(singles):
                    cls = "list_unknown"
                else:
                    cls = "unasked"
                for f in singles:
                    fixers[(kind, f)] += 1
            elif fixed(_with(final, missing, engine)):
                cls = "several"
            else:
                cls = "not_evidence"
            classes[(kind, cls, s)] += 1
            if verbose:
                print(f"{s:13} {v.id:14} {kind:5} {cls:15} stop={r.stop_reason} q={len(asked)} "
                      f"got={a.ranked[0]}/{a.triage.level} full={full.ranked[0]}/"
                      f"{full.triage.level} expect={v.expected_condition}/{v.expected_triage} "
                      f"fix={singles} missing={len(missing)}")
    print(f"== {mode}: lost against full mode, by class")
    for (kind, cls, s), n in sorted(classes.items()):
        print(f"  {kind:5} {cls:15} {s:13} {n}")
    print("== findings that alone would fix it (kind, finding): cases")
    for (kind, f), n in fixers.most_common():
        print(f"  {kind:5} {f:32} {n}")


def trace(sets: list[str], mode: str, cid: str) -> None:
    """One case's interview: each question, her answer, the level and leader after."""
    engine = Engine()
    for s in sets:
        for v, (session, patient) in zip(load_vignettes(SETS[s]), _sessions(engine, [s], mode),
                                          strict=True):
            if v.id != cid:
                continue
            truth = Case.from_dict(v.case, engine.pack)
            full = engine.assess(truth, explain=False)
            print(f"{cid}: expect {v.expected_condition}/{v.expected_triage}; full "
                  f"{full.ranked[:3]}/{full.triage.level}; start {session.derived.case.to_json()}")
            while (q := next_question(session)) is not None:
                reply = patient.reply(q)
                session = answer(session, q.id, reply)
                a = engine.assess(session.derived.case, explain=False)
                top = [(c.id, round(c.probability, 2)) for c in a.conditions[:3]]
                print(f"  {q.purpose:12} {q.id:28} -> {reply!s:40.40} {a.triage.level:16} {top}")
            r = result(session)
            print(f"  stop {r.stop_reason}; unknown in the case: "
                  f"{sorted(set(_known(truth)) - set(_known(session.derived.case)))}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--mode", default="interview", choices=("interview", "conversation"))
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--trace", help="one case id: its interview, question by question")
    a = ap.parse_args()
    if a.trace:
        trace(a.sets.split(","), a.mode, a.trace)
    else:
        classify(a.sets.split(","), a.mode, a.v)


if __name__ == "__main__":
    main()
