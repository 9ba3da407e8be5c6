"""The safety net can never contradict the triage (issue 13).

Every sign of the safety net says, in its `level`, what its words tell her to
do, and in `when`, which findings it is. For any case in which a sign shown at
her weeks is present, the triage level is at least the sign's level: what she
reads under "get help" never asks for more than her result does.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gravida.advice.plan import build_plan, load_advice
from gravida.engine import Case
from gravida.knowledge import default_pack, expr

from ..strategies import cases

PACK = default_pack()
BOOK = load_advice(PACK)
SIGNS = list(BOOK.data.safety_net.signs)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _shown_at(sign: Any, weeks: float) -> bool:
    return sign.weeks is None or sign.weeks[0] <= weeks < sign.weeks[1]


def _check_case(engine, case: Case) -> None:
    ev = engine.model.evidence(case)
    level = engine.triage(case).level
    for sign in SIGNS:
        if not _shown_at(sign, ev.weeks):
            continue
        node = BOOK.sign_nodes[sign.id]
        if expr.evaluate(node, ev.present, ev.absent, ev.numbers):
            assert PACK.level_rank(level) >= PACK.level_rank(sign.level), (
                sign.id, sign.level, level, case.to_json())


def _satisfy(node: expr.Node, present: set[str], absent: set[str],
             numbers: dict[str, float]) -> None:
    """Make a sign's expression hold (the first way that works), changing the case minimally."""
    if isinstance(node, expr.Atom):
        (present if node.present else absent).add(node.finding)
        (absent if node.present else present).discard(node.finding)
    elif isinstance(node, expr.Compare):
        step = {">=": 0.0, ">": 1.0, "<=": 0.0, "<": -1.0, "==": 0.0}[node.op]
        numbers[node.finding] = node.value + step
    elif isinstance(node, expr.NoneOf):
        for p in node.parts:
            if isinstance(p, expr.Atom):
                present.discard(p.finding)
    elif isinstance(node, expr.All):
        for p in node.parts:
            _satisfy(p, present, absent, numbers)
    else:
        _satisfy(node.parts[0], present, absent, numbers)


@st.composite
def cases_showing_a_sign(draw) -> Case:
    """A random case, with one sign's findings made present at a week where it is shown."""
    sign = draw(st.sampled_from(SIGNS))
    lo, hi = sign.weeks if sign.weeks is not None else (4, 43)
    week = draw(st.integers(min_value=int(max(lo, 4)), max_value=int(min(hi, 43)) - 1))
    base = draw(cases(max_findings=10, weeks=(week, week)))
    present, absent = set(base.present), set(base.absent)
    numbers = dict(base.numbers)
    _satisfy(BOOK.sign_nodes[sign.id], present, absent, numbers)
    for imp in PACK.implies:
        if imp.if_ in present:
            absent.discard(imp.then)
            present.add(imp.then)
    # a measured temperature decides fever; keep it consistent with the sign's wish
    if "fever" in present and numbers.get("temperature_c", 39.0) < 38.0:
        numbers.pop("temperature_c")
    return Case(numbers, frozenset(present), frozenset(absent - present))


@SETTINGS
@given(cases())
def test_no_sign_present_asks_for_more_than_the_triage(engine, case):
    _check_case(engine, case)


@SETTINGS
@given(cases_showing_a_sign())
def test_a_sign_present_is_never_triaged_below_its_level(engine, case):
    _check_case(engine, case)


def test_every_sign_has_a_level_and_findings():
    for sign in SIGNS:
        assert sign.level in PACK.levels
        assert expr.findings_in(BOOK.sign_nodes[sign.id])


def test_each_sign_alone_reaches_its_level(engine):
    """The sign's own findings, with nothing else, already reach its level."""
    for sign in SIGNS:
        lo, hi = sign.weeks if sign.weeks is not None else (4, 43)
        for week in sorted({max(lo, 4), (max(lo, 4) + min(hi, 43)) // 2, min(hi, 43) - 1}):
            present: set[str] = set()
            absent: set[str] = set()
            numbers: dict[str, float] = {"gestational_weeks": float(week)}
            _satisfy(BOOK.sign_nodes[sign.id], present, absent, numbers)
            case = Case(numbers, frozenset(present), frozenset(absent))
            got = engine.triage(case).level
            assert PACK.level_rank(got) >= PACK.level_rank(sign.level), (sign.id, week, got)


def test_a_sign_that_says_same_day_is_not_an_emergency_sign():
    for sign in SIGNS:
        if "the same day" in sign.text:
            assert sign.level == "consultation_24", sign.id


def test_the_plan_shows_each_sign_with_its_level():
    plan = build_plan(PACK, 30, [("pregnancy_lumbar_pain", 0.9)], "self_care")
    shown = {s.id: s.level for s in plan.safety_net}
    assert shown["jaundice"] == "emergency" and "jaundice_early" not in shown
    assert shown["calf"] == "consultation_24"
    assert all(s["level"] for s in plan.to_json()["safety_net"]["signs"])
