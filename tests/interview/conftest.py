"""Helpers for the interview tests: play a case to the end with the simulated patient."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from gravida.engine import Case, Engine
from gravida.evaluation.interview_mode import SimulatedPatient, play
from gravida.interview import Session, answer, next_question, start
from gravida.interview.decision import State

from ..conftest import DEV_VIGNETTES


def dev_cases() -> list[dict[str, Any]]:
    if not DEV_VIGNETTES.exists():
        return []
    return [v for v in yaml.safe_load(DEV_VIGNETTES.read_text(encoding="utf-8"))]


def dev_interview_states(engine: Engine, every: int) -> Iterator[tuple[str, State]]:
    """(case id, state) at every state an interview passes through, for every
    ``every``-th dev case, the simulated patient answering as her case says (at
    most 40 questions). The interview moves on after the caller's turn."""
    for v in dev_cases()[::every]:
        patient = SimulatedPatient(engine, Case.from_dict(v["case"], engine.pack))
        initial, groups = patient.initial(engine)
        s = start(engine, initial, groups)
        for _ in range(40):
            d = s.derived
            yield v["id"], State(d.case, d.asked, d.covered, s.questions_asked, d.emergency)
            q = next_question(s)
            if q is None:
                break
            s = answer(s, q.id, patient.reply(q))


@pytest.fixture(scope="session")
def played(engine: Engine) -> dict[str, tuple[Session, list[str]]]:
    """Every dev vignette played to the end once (shared by the stop-rule tests)."""
    out = {}
    for v in dev_cases():
        out[v["id"]] = play(engine, Case.from_dict(v["case"], engine.pack))
    return out
