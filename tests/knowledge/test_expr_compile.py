"""expr.compile_node gives evaluate()'s answer on every expression and evidence.

compile_node reads a group's atoms as set tests and calls its few parts one
after another (no tree walk, no generator): these trees mix every form, with
atoms both ways round, numbers present or not, and groups of one to six parts,
so each of its shortcuts meets evidence that makes it hold and fail.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gravida.knowledge import expr

FINDINGS = ("a", "b", "c", "d", "e")
NUMBERS = ("x", "y")

atoms = st.builds(expr.Atom, st.sampled_from(FINDINGS), st.booleans())
compares = st.builds(expr.Compare, st.sampled_from(NUMBERS), st.sampled_from(sorted(expr.OPS)),
                     st.sampled_from([0.0, 1.0, 2.0]))
nodes = st.recursive(
    atoms | compares,
    lambda inner: st.lists(inner, min_size=1, max_size=6).flatmap(
        lambda parts: st.sampled_from([expr.All, expr.AnyOf, expr.NoneOf]).map(
            lambda kind: kind(tuple(parts)))),
    max_leaves=14)


@st.composite
def evidences(draw: st.DrawFn) -> tuple[frozenset[str], frozenset[str], dict[str, float]]:
    state = {f: draw(st.sampled_from(["present", "absent", "unknown"])) for f in FINDINGS}
    numbers = {n: draw(st.sampled_from([0.0, 1.0, 2.0]))
               for n in NUMBERS if draw(st.booleans())}
    return (frozenset(f for f, s in state.items() if s == "present"),
            frozenset(f for f, s in state.items() if s == "absent"), numbers)


@settings(max_examples=600, deadline=None, derandomize=True)
@given(nodes, evidences())
def test_compiled_matches_evaluate(node: expr.Node,
                                   ev: tuple[frozenset[str], frozenset[str], dict[str, float]]
                                   ) -> None:
    present, absent, numbers = ev
    want = expr.evaluate(node, present, absent, numbers)
    got = expr.compile_node(node)(present, absent, numbers)
    assert got is want
    # the engine also passes plain sets
    assert expr.compile_node(node)(set(present), set(absent), numbers) is want


def test_empty_groups_read_as_evaluate_reads_them() -> None:
    for kind in (expr.All, expr.AnyOf, expr.NoneOf):
        node = kind(())
        assert expr.compile_node(node)(frozenset(), frozenset(), {}) is expr.evaluate(
            node, frozenset(), frozenset(), {})
