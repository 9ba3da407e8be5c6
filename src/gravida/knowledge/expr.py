"""The small condition language of the pack's rules.

Rules in the pack say things like "fever with flank pain" or "systolic_bp >= 160".
Written as data, they are parsed once at load (so a misspelt id fails there)
into this tree, which the engine evaluates against a case.

Forms:
  "finding_id"            the finding is known present
  "!finding_id"           the finding is known absent
  "number_id >= 38.0"     a measured number compares (>=, >, <=, <, ==); unknown never matches
  "@name"                 a named definition from the triage file
  [a, b, ...]             all of them
  {all: [...]} / {any: [...]}
  {none: [...]}           none of them holds (an unknown finding does not hold, so
                          "none of these is known present": the policy's "when none
                          of X is present", which names what would explain the row away)
An unknown finding never satisfies an atom: "where a row needs a finding that
is unknown, the row does not apply" (triage policy).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

_COMPARE = re.compile(r"^\s*([a-z_][a-z0-9_]*)\s*(>=|<=|==|>|<)\s*(-?\d+(?:\.\d+)?)\s*$")
_ATOM = re.compile(r"^\s*(!?)([a-z_][a-z0-9_]*)\s*$")
_REF = re.compile(r"^\s*@([a-z_][a-z0-9_]*)\s*$")

OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}


class ExprError(ValueError):
    pass


@dataclass(frozen=True)
class Atom:
    finding: str
    present: bool


@dataclass(frozen=True)
class Compare:
    finding: str
    op: str
    value: float


@dataclass(frozen=True)
class All:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class NoneOf:
    parts: tuple[Node, ...]


Node = Atom | Compare | All | AnyOf | NoneOf


def parse(
    raw: Any,
    booleans: set[str],
    numbers: set[str],
    definitions: Mapping[str, Node] | None = None,
) -> Node:
    """Parse and check one expression; raises ExprError naming the bad part."""
    defs = definitions or {}
    if isinstance(raw, str):
        if m := _REF.match(raw):
            name = m.group(1)
            if name not in defs:
                raise ExprError(f"unknown definition @{name}")
            return defs[name]
        if m := _COMPARE.match(raw):
            fid, op, value = m.group(1), m.group(2), float(m.group(3))
            if fid not in numbers:
                raise ExprError(f"{fid!r} in {raw!r} is not a number finding")
            return Compare(fid, op, value)
        if m := _ATOM.match(raw):
            fid = m.group(2)
            if fid not in booleans:
                raise ExprError(f"unknown boolean finding {fid!r}")
            return Atom(fid, present=m.group(1) != "!")
        raise ExprError(f"cannot read {raw!r}")
    if isinstance(raw, list):
        if not raw:
            raise ExprError("empty list")
        return All(tuple(parse(r, booleans, numbers, defs) for r in raw))
    if isinstance(raw, dict) and len(raw) == 1:
        ((key, value),) = raw.items()
        if key not in ("all", "any", "none") or not isinstance(value, list) or not value:
            raise ExprError(
                f"expected {{all: [...]}}, {{any: [...]}} or {{none: [...]}}, got {raw!r}"
            )
        parts = tuple(parse(r, booleans, numbers, defs) for r in value)
        return All(parts) if key == "all" else AnyOf(parts) if key == "any" else NoneOf(parts)
    raise ExprError(f"cannot read {raw!r}")


def evaluate(
    node: Node,
    present: frozenset[str] | set[str],
    absent: frozenset[str] | set[str],
    numbers: Mapping[str, float],
) -> bool:
    """True when the case satisfies the expression; unknowns never satisfy."""
    if isinstance(node, Atom):
        return node.finding in (present if node.present else absent)
    if isinstance(node, Compare):
        value = numbers.get(node.finding)
        return value is not None and OPS[node.op](value, node.value)
    if isinstance(node, All):
        return all(evaluate(p, present, absent, numbers) for p in node.parts)
    if isinstance(node, NoneOf):
        return not any(evaluate(p, present, absent, numbers) for p in node.parts)
    return any(evaluate(p, present, absent, numbers) for p in node.parts)


Test = Callable[[frozenset[str] | set[str], frozenset[str] | set[str], Mapping[str, float]], bool]


def compile_node(node: Node) -> Test:
    """The expression as a closure: the same answers as evaluate(), several times faster.

    Triage evaluates every rule for every assessment (and the interview for
    every hypothetical answer, a few hundred times a request), so the tree walk
    is done once here, and a group's atoms (most parts of most rules) are read
    as one set test (``_atoms``) and its few parts called one after another,
    without a generator per call. The tests read no state but their arguments,
    so the order in which a group's parts are read does not change its answer.
    """
    if isinstance(node, Atom):
        fid = node.finding
        if node.present:
            return lambda present, absent, numbers: fid in present
        return lambda present, absent, numbers: fid in absent
    if isinstance(node, Compare):
        fid, op, value = node.finding, OPS[node.op], node.value

        def compare(present: Any, absent: Any, numbers: Mapping[str, float]) -> bool:
            got = numbers.get(fid)
            return got is not None and op(got, value)

        return compare
    any_of = not isinstance(node, All)  # NoneOf is "not AnyOf"
    atoms = [p for p in node.parts if isinstance(p, Atom)]
    tests = [compile_node(p) for p in node.parts if not isinstance(p, Atom)]
    if len(atoms) == 1:
        tests.insert(0, compile_node(atoms[0]))
    elif atoms:
        tests.insert(0, _atoms(frozenset(a.finding for a in atoms if a.present),
                               frozenset(a.finding for a in atoms if not a.present), any_of))
    test = _joined(tests, any_of)
    if isinstance(node, NoneOf):
        return lambda present, absent, numbers: not test(present, absent, numbers)
    return test


def _atoms(yes: frozenset[str], no: frozenset[str], any_of: bool) -> Test:
    """Several atoms of one group as set tests: all of them (``any_of`` False) or any."""
    if any_of:
        if not no:
            return lambda present, absent, numbers: not yes.isdisjoint(present)
        if not yes:
            return lambda present, absent, numbers: not no.isdisjoint(absent)
        return lambda present, absent, numbers: (not yes.isdisjoint(present)
                                                 or not no.isdisjoint(absent))
    if not no:
        return lambda present, absent, numbers: yes.issubset(present)
    if not yes:
        return lambda present, absent, numbers: no.issubset(absent)
    return lambda present, absent, numbers: yes.issubset(present) and no.issubset(absent)


def _joined(tests: list[Test], any_of: bool) -> Test:
    """Every test holds (the first that fails ends it), or with ``any_of`` some test
    holds (the first that holds ends it)."""
    if len(tests) == 1:
        return tests[0]
    if len(tests) == 2:
        a, b = tests
        if any_of:
            return lambda present, absent, numbers: (a(present, absent, numbers)
                                                     or b(present, absent, numbers))
        return lambda present, absent, numbers: (a(present, absent, numbers)
                                                 and b(present, absent, numbers))
    if len(tests) == 3:
        a, b, c = tests
        if any_of:
            return lambda present, absent, numbers: (a(present, absent, numbers)
                                                     or b(present, absent, numbers)
                                                     or c(present, absent, numbers))
        return lambda present, absent, numbers: (a(present, absent, numbers)
                                                 and b(present, absent, numbers)
                                                 and c(present, absent, numbers))
    parts = tuple(tests)
    if any_of:
        return lambda present, absent, numbers: any(t(present, absent, numbers) for t in parts)
    return lambda present, absent, numbers: all(t(present, absent, numbers) for t in parts)


def triggers(node: Node, always_known: frozenset[str] = frozenset()) -> frozenset[str] | None:
    """Findings of which at least one must be known present (or measured) for the node to hold.

    A cheap pre-filter: if none of them is known, the rule cannot apply and
    need not be evaluated. None means no such set (a known-absent atom).
    Findings in always_known (gestational age) make a poor trigger and are
    avoided where another part of an "all" serves.
    """
    if isinstance(node, Atom):
        return frozenset({node.finding}) if node.present else None
    if isinstance(node, Compare):
        return frozenset({node.finding})
    if isinstance(node, NoneOf):
        return None  # holds when nothing is known
    sets = [triggers(p, always_known) for p in node.parts]
    if isinstance(node, All):
        usable = [t for t in sets if t is not None]
        if not usable:
            return None
        return min(usable, key=lambda t: (not t.isdisjoint(always_known), len(t)))
    if any(t is None for t in sets):
        return None
    return frozenset().union(*(t for t in sets if t is not None))


def open_exceptions(node: Node, present: frozenset[str] | set[str],
                    absent: frozenset[str] | set[str], numbers: Mapping[str, float]) -> set[str]:
    """The unknown findings inside the {none: [...]} parts of an expression.

    A rule with such a part holds now but can stop holding when one of them
    turns out present ("sudden severe pain, unless it came with a lift"): it is
    not settled until they are known.
    """
    if isinstance(node, Atom | Compare):
        return set()
    if isinstance(node, NoneOf):
        known = set(present) | set(absent) | set(numbers)
        return {f for f in findings_in(node) if f not in known}
    out: set[str] = set()
    for p in node.parts:
        out |= open_exceptions(p, present, absent, numbers)
    return out


def findings_in(node: Node) -> set[str]:
    """Every finding an expression mentions (the interview asks these first)."""
    if isinstance(node, Atom | Compare):
        return {node.finding}
    out: set[str] = set()
    for p in node.parts:
        out |= findings_in(p)
    return out
