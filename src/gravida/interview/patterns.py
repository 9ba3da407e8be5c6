"""The pack's rules read against what is known so far, for the questions still open.

The interview asks first what could still complete a rule that sets an emergency
level (a *danger pattern*). The engine reads rules two-valued (an unknown never
satisfies one); here they are read three-valued (``status``: holds, cannot hold
any more, still open), and ``open_findings`` says which askable findings to ask
next so that an open rule is settled. ``close_implications`` gives the evidence
one hypothetical answer leads to under the pack's implications (no bleeding
means no heavy bleeding). Kept apart from the vectorised triage (policy.py):
these read one rule against one evidence, not a batch.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from gravida.engine import Evidence
from gravida.knowledge import expr

# --- the evidence one answer leads to ------------------------------------------


def close_implications(
    pack_implies: Iterable[tuple[str, str]], present: set[str], absent: set[str],
    soft: Collection[tuple[str, str]] = (),
) -> bool:
    """Apply implications both ways; False when the result contradicts itself.

    ``soft``: the pairs among them that are soft (findings.yaml), applied as the
    engine applies them: forwards only while the second is not absent, never back."""
    implies = list(pack_implies)
    changed = True
    while changed:
        changed = False
        for if_, then in implies:
            is_soft = (if_, then) in soft
            if if_ in present and then not in present and not (is_soft and then in absent):
                present.add(then)
                changed = True
            if not is_soft and then in absent and if_ not in absent:
                absent.add(if_)
                changed = True
    return not (present & absent)


# --- danger patterns: rules that further answers could still complete ----------------

# The findings other steps of the interview ask anyway (``open_findings``), or, asked
# of a part of a rule, whether it is about one of them (``shortcut``: worked out only
# for the parts that need it).
Wanted = frozenset[str] | Callable[[expr.Node], bool]


@dataclass(frozen=True)
class Pattern:
    """A rule that sets an emergency level: a floor, or a condition's adjustment."""

    id: str
    rank: int
    node: expr.Node
    condition: int | None  # for an adjustment: the condition it belongs to


# Whether a finding may still be asked (a state's ``Openings.askable``).
Askable = Callable[[str], bool]
# A rule's three-valued reading, compiled (``compiled``): present, absent, numbers, askable.
Reading = Callable[[Collection[str], Collection[str], Mapping[str, float], Askable],
                   "bool | None"]

# Not clinical: a bound on memory (the compiled readings kept; the pack has a few hundred
# rules and parts).
COMPILED_KEPT = 4096
# id(node) -> (node, its reading): the node is kept with it, so its id is not reused
_COMPILED: dict[int, tuple[expr.Node, Reading]] = {}


def status(node: expr.Node, ev: Evidence, askable: Askable,
           memo: dict[int, bool | None] | None = None) -> bool | None:
    """True (holds), False (cannot hold any more) or None (still open) for a rule.

    Three-valued: an atom about a finding that is unknown but still askable is
    open; one that is unknown and was already asked (or cannot be asked) can
    no longer hold, as in the engine, where an unknown never satisfies a rule.
    ``memo``: the statuses of the parts of one rule already read for this
    evidence (by id: ``open_findings`` reads each part several times).
    """
    if memo is not None:
        key = id(node)
        if key in memo:
            return memo[key]
        memo[key] = got = compiled(node)(ev.present, ev.absent, ev.numbers, askable)
        return got
    return compiled(node)(ev.present, ev.absent, ev.numbers, askable)


def compiled(node: expr.Node) -> Reading:
    """``status`` of ``node`` as a closure over the findings (present, absent, numbers,
    askable): the same answers, without walking the tree. Built once per node."""
    return _kept(_COMPILED, node, _compile)


T = TypeVar("T")


def _kept(kept: dict[int, tuple[expr.Node, T]], node: expr.Node,
          build: Callable[[expr.Node], T]) -> T:
    """``build(node)``, kept in ``kept`` by the node's id with the node itself (so that
    its id is not reused while kept), at most COMPILED_KEPT."""
    hit = kept.get(id(node))
    if hit is not None and hit[0] is node:
        return hit[1]
    made = build(node)
    if len(kept) >= COMPILED_KEPT:
        kept.clear()
    kept[id(node)] = (node, made)
    return made


def _compile(node: expr.Node) -> Reading:
    if isinstance(node, expr.Atom):
        fid, wanted = node.finding, node.present

        def atom(present: Collection[str], absent: Collection[str],
                 numbers: Mapping[str, float], askable: Askable) -> bool | None:
            if fid in present:
                return wanted
            if fid in absent:
                return not wanted
            return None if askable(fid) else False

        return atom
    if isinstance(node, expr.Compare):
        fid, op, value = node.finding, expr.OPS[node.op], node.value

        def compare(present: Collection[str], absent: Collection[str],
                    numbers: Mapping[str, float], askable: Askable) -> bool | None:
            got = numbers.get(fid)
            if got is not None:
                return op(got, value)
            return None if askable(fid) else False

        return compare
    parts = tuple(compiled(p) for p in node.parts)
    # (a part's value that settles the group, what it then is, the value every part
    # must have otherwise, what it then is); any other part's value leaves it open.
    # Compared by identity, as the tree walk compared them.
    if isinstance(node, expr.All):  # a part False: False; every part True: True
        ends, gives, other, full = False, False, True, True
    elif isinstance(node, expr.NoneOf):  # a part True: False; every part False: True
        ends, gives, other, full = True, False, False, True
    else:  # AnyOf: a part True: True; every part False: False
        ends, gives, other, full = True, True, False, False

    def group(present: Collection[str], absent: Collection[str],
              numbers: Mapping[str, float], askable: Askable) -> bool | None:
        out: bool | None = full
        for t in parts:
            got = t(present, absent, numbers, askable)
            if got is ends:
                return gives
            if got is not other:
                out = None
        return out

    return group


def open_findings(node: expr.Node, ev: Evidence, askable: Callable[[str], bool],
                  wanted: Wanted = frozenset()) -> set[str]:
    """The askable findings to ask next so that an open rule is settled.

    Any part of an AnyOf may complete it, so all are asked. An All holds only
    if every part does, so one open part at a time is asked, the one whose
    answer most often ends the rule: a symptom present first (a "no" or a
    "don't know" closes the rule), then a group of symptoms, then a number
    (the blood pressure behind a headache), and last a part that needs a
    "no" (the mechanical causes a sudden severe pain must lack). The rule
    stays open until every part is decided, so its other parts are asked in
    turn while it can still hold.

    Before that order comes a part about ``wanted`` findings: those another step
    of the interview asks anyway (the pain score, which also decides whether
    back pain needs a visit, before "did it start suddenly?" for a sudden
    severe pain). Its answer ends the rule as often, and one question then does
    the work of two. Only the order changes: the rule stays open until decided.
    """
    return _opener(node)(ev.present, ev.absent, ev.numbers, askable, wanted, False)


# ``open_findings`` of one node, compiled (``_opener``): present, absent, numbers, askable,
# wanted, and whether the node is known to be open already (its status not read again).
Opener = Callable[[Collection[str], Collection[str], Mapping[str, float], Askable, Wanted,
                   bool], set[str]]
# id(node) -> (node, its opener), as ``_COMPILED``
_OPENERS: dict[int, tuple[expr.Node, Opener]] = {}


def _opener(node: expr.Node) -> Opener:
    """``open_findings`` of ``node`` as a closure, built once per node: the same
    findings as reading the tree part by part (each part's status read once), without
    the walk's dispatch on each part's class."""
    return _kept(_OPENERS, node, _compile_opener)


def _compile_opener(node: expr.Node) -> Opener:
    reading = compiled(node)
    if isinstance(node, expr.Atom | expr.Compare):
        finding = node.finding

        def leaf(present: Collection[str], absent: Collection[str],
                 numbers: Mapping[str, float], askable: Askable, wanted: Wanted,
                 is_open: bool) -> set[str]:
            if is_open or reading(present, absent, numbers, askable) is None:
                return {finding}
            return set()

        return leaf
    # each part: (node, its reading, its opener, its findings, _settles_first)
    parts = tuple((p, compiled(p), _opener(p), frozenset(expr.findings_in(p)), _settles_first(p))
                  for p in node.parts)
    if isinstance(node, expr.All):

        def every(present: Collection[str], absent: Collection[str],
                  numbers: Mapping[str, float], askable: Askable, wanted: Wanted,
                  is_open: bool) -> set[str]:
            if not is_open and reading(present, absent, numbers, askable) is not None:
                return set()
            # one open part at a time (``open_findings``), in rule order among equals
            open_parts = [p for p in parts if p[1](present, absent, numbers, askable) is None]
            if len(open_parts) == 1:
                first = open_parts[0]
            elif callable(wanted):  # the same choice, each part's wanted read as needed
                ordered = sorted(open_parts, key=_fifth)
                first = next((p for p in ordered if wanted(p[0])), ordered[0])
            else:
                first = min(open_parts,  # stable: ties keep rule order
                            key=lambda p: (not wanted or wanted.isdisjoint(p[3]), p[4]))
            return first[2](present, absent, numbers, askable, wanted, True)

        return every

    def any_part(present: Collection[str], absent: Collection[str],
                 numbers: Mapping[str, float], askable: Askable, wanted: Wanted,
                 is_open: bool) -> set[str]:
        if not is_open and reading(present, absent, numbers, askable) is not None:
            return set()
        out: set[str] = set()
        for p in parts:  # any part may settle it: all are asked
            out |= p[2](present, absent, numbers, askable, wanted, False)
        return out

    return any_part


def _fifth(part: tuple[expr.Node, Reading, Opener, frozenset[str], int]) -> int:
    return part[4]


def _settles_first(node: expr.Node) -> int:
    """Order of the parts of an All to ask: 0 is asked first (open_findings)."""
    if isinstance(node, expr.Atom):
        return 0 if node.present else 3
    if isinstance(node, expr.AnyOf | expr.All):
        # numbers only: 2 (an empty group is settled, never an open part: its 3 unread)
        return max(1, min((_settles_first(p) for p in node.parts), default=3))
    if isinstance(node, expr.Compare):
        return 2
    return 3  # NoneOf
