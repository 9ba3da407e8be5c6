"""The compiled three-valued reading of a rule (patterns.compiled) is the tree walk's.

``status`` reads a rule three-valued (holds, cannot hold any more, still open)
through a closure built once per node. The reference here is that reading
written as the tree walk it replaced: every part read, then compared by
identity. Random rules over a few findings and a number, random evidence,
and random askable findings, must read the same.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gravida.engine import Evidence
from gravida.interview.patterns import compiled, status
from gravida.knowledge import expr

FINDINGS = ("a", "b", "c", "d")
OPS = tuple(expr.OPS)


def reference(node: expr.Node, present: frozenset[str], absent: frozenset[str],
              numbers: Mapping[str, float], askable: Callable[[str], bool]) -> bool | None:
    if isinstance(node, expr.Atom):
        if node.finding in present:
            return node.present
        if node.finding in absent:
            return not node.present
        return None if askable(node.finding) else False
    if isinstance(node, expr.Compare):
        value = numbers.get(node.finding)
        if value is not None:
            return expr.OPS[node.op](value, node.value)
        return None if askable(node.finding) else False
    parts = [reference(p, present, absent, numbers, askable) for p in node.parts]
    if isinstance(node, expr.All):
        if any(p is False for p in parts):
            return False
        return True if all(p is True for p in parts) else None
    if isinstance(node, expr.NoneOf):
        if any(p is True for p in parts):
            return False
        return True if all(p is False for p in parts) else None
    if any(p is True for p in parts):
        return True
    return False if all(p is False for p in parts) else None


leaves = st.one_of(
    st.builds(expr.Atom, st.sampled_from(FINDINGS), st.booleans()),
    st.builds(expr.Compare, st.just("n"), st.sampled_from(OPS),
              st.sampled_from([36.0, 37.5, 38.0])),
)
nodes = st.recursive(leaves, lambda inner: st.one_of(
    st.builds(expr.All, st.lists(inner, max_size=4).map(tuple)),
    st.builds(expr.AnyOf, st.lists(inner, max_size=4).map(tuple)),
    st.builds(expr.NoneOf, st.lists(inner, max_size=4).map(tuple)),
), max_leaves=10)


@st.composite
def evidence(draw: st.DrawFn) -> tuple[frozenset[str], frozenset[str], dict[str, float],
                                        frozenset[str]]:
    said = draw(st.lists(st.sampled_from(FINDINGS), unique=True))
    yes = frozenset(draw(st.lists(st.sampled_from(said), unique=True)) if said else [])
    no = frozenset(said) - yes
    numbers: dict[str, float] = {}
    value = draw(st.one_of(st.none(), st.sampled_from([36.0, 37.5, 38.0, 39.0]),
                           st.sampled_from([np.float64(37.5), np.float64(38.5)])))
    if value is not None:
        numbers["n"] = value  # a numpy float compares to a numpy bool, as before
    askable = frozenset(draw(st.lists(st.sampled_from((*FINDINGS, "n")), unique=True)))
    return yes, no, numbers, askable


@settings(max_examples=400, deadline=None)
@given(nodes, evidence())
def test_the_compiled_reading_is_the_tree_walks(node, ev):
    present, absent, numbers, open_ = ev
    askable = open_.__contains__
    want = reference(node, present, absent, numbers, askable)
    assert compiled(node)(present, absent, numbers, askable) is want
    e = Evidence(30.0, present, absent, {**numbers, "gestational_weeks": 30.0}, ())
    assert status(node, e, askable) is want
    assert status(node, e, askable, {}) is want


def test_a_reading_is_built_once_per_node():
    node = expr.All((expr.Atom("a", True), expr.AnyOf((expr.Atom("b", False),))))
    assert compiled(node) is compiled(node)
    same_rule_again = expr.All((expr.Atom("a", True), expr.AnyOf((expr.Atom("b", False),))))
    assert compiled(same_rule_again)(frozenset({"a"}), frozenset({"b"}), {}, bool) is True
