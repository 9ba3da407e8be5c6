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
from gravida.interview.patterns import _settles_first, compiled, open_findings, status
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


def reference_open(node: expr.Node, present: frozenset[str], absent: frozenset[str],
                   numbers: Mapping[str, float], askable: Callable[[str], bool],
                   wanted: frozenset[str] | Callable[[expr.Node], bool]) -> set[str]:
    """``open_findings`` as the tree walk it was before it was compiled per node."""
    if reference(node, present, absent, numbers, askable) is not None:
        return set()
    if isinstance(node, expr.Atom | expr.Compare):
        return {node.finding}
    if isinstance(node, expr.All):
        open_parts = [p for p in node.parts
                      if reference(p, present, absent, numbers, askable) is None]
        if len(open_parts) == 1:
            first = open_parts[0]
        elif callable(wanted):
            ordered = sorted(open_parts, key=_settles_first)
            first = next((p for p in ordered if wanted(p)), ordered[0])
        else:
            first = min(open_parts, key=lambda p: (
                not wanted or wanted.isdisjoint(expr.findings_in(p)), _settles_first(p)))
        return reference_open(first, present, absent, numbers, askable, wanted)
    out: set[str] = set()
    for p in node.parts:
        out |= reference_open(p, present, absent, numbers, askable, wanted)
    return out


@settings(max_examples=400, deadline=None)
@given(nodes, evidence(), st.lists(st.sampled_from((*FINDINGS, "n")), unique=True),
       st.booleans())
def test_the_compiled_open_findings_are_the_tree_walks(node, ev, wanted, as_callable):
    """Which findings to ask next (an All's one open part, chosen by ``wanted`` first,
    then the order that settles it soonest; every part of an AnyOf or NoneOf)."""
    present, absent, numbers, open_ = ev
    # (a numpy float's comparison, a numpy bool, leaves a group open with no part open:
    # the walk and the compiled reading fail alike there; evidence has Python floats)
    numbers = {f: float(v) for f, v in numbers.items()}
    askable = open_.__contains__
    e = Evidence(30.0, present, absent, {**numbers, "gestational_weeks": 30.0}, ())
    want: frozenset[str] | Callable[[expr.Node], bool] = frozenset(wanted)
    if as_callable:
        inside = frozenset(wanted)
        want = lambda part: not inside.isdisjoint(expr.findings_in(part))  # noqa: E731
    assert open_findings(node, e, askable, want) == reference_open(
        node, present, absent, numbers, askable, want)
