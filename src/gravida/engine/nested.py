"""Nested findings: a finding that implies another counts only beyond its parent.

Some findings are a narrower case of another: heavy bleeding is bleeding,
right-sided pain is one-sided pain, a blood pressure of 160/110 is also one of
140/90. Naive Bayes over both as independent findings counts the overlap twice:
a measured normal blood pressure makes both ``bp_raised`` and ``bp_severe``
absent, and HELLP (which has a raised pressure in 85%) was charged
(1 - 0.85) x (1 - 0.25) instead of the (1 - 0.85) that one normal reading says.

The joint of a child and its parent under one condition c is exact when the
child is modelled given its parent (the child is impossible without it):

    P(parent, child | c)        = P(child | c)
    P(parent, no child | c)     = P(parent | c) - P(child | c)
    P(no parent, no child | c)  = 1 - P(parent | c)

and with the parent unknown the child keeps its own P(child | c). The engine
keeps its one linear form (present columns times log p, absent columns times
log(1 - p)) and adds a correction for each (child, parent) pair from the two
states, so every caller (the engine, the interview's batch) that scores
through ``Model.scores`` gets the same numbers. A child is modelled given one
parent; the pack's likelihoods must keep P(child | c) < P(parent | c) under
every condition and trimester (checked when the model is compiled).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from gravida.knowledge.load import Pack, PackError
from gravida.knowledge.schema import Cited

FloatArray = npt.NDArray[np.float64]


def pairs(pack: Pack) -> list[tuple[str, str]]:
    """(child, parent) for every nesting the pack declares: its implications between
    vocabulary findings, and derived findings with a stricter threshold (``within``)."""
    out = [(imp.if_, imp.then) for imp in pack.implies]
    out += [(d.id, d.within) for d in pack.derived if d.within is not None]
    children = [c for c, _ in out]
    for child in children:
        if children.count(child) > 1:
            raise PackError("findings.yaml", child, "a finding can be nested in one parent only")
    return out


def fill_unlisted_children(
    pack: Pack, index: dict[str, int], p: FloatArray, background: FloatArray,
    tables: Sequence[Mapping[str, Cited]] | None = None,
) -> None:
    """A condition that lists a parent but not its nested child: the child keeps the
    background's share of the parent, P(child | c) = P(parent | c) x bg(child) /
    bg(parent), in place in ``p`` (trimester, row, finding). ``tables``: each row's
    listed rates (the pack's conditions' when not given; a condition's forms have a
    row each, engine/forms.py).

    The leak for a nested finding is a share, not a rate: a condition with spotting
    in 0.5% would otherwise "explain" heavy bleeding at the 0.3% background, i.e. 60%
    of its bleeding heavy. Among unlisted causes heavy bleeding is 15% of bleeding,
    and that share is what an unlisted child should keep."""
    if tables is None:
        tables = [pack.likelihoods[cid] for cid in pack.conditions]
    for child, parent in pairs(pack):
        c, q = index[child], index[parent]
        share = background[:, c] / background[:, q]
        for i, listed in enumerate(tables):
            if parent in listed and child not in listed:
                p[:, i, c] = p[:, i, q] * share


class Nesting:
    """The corrections that turn independent parent and child factors into the joint."""

    def __init__(
        self, pack: Pack, index: dict[str, int], p: FloatArray,
        conditions: list[str] | None = None,
    ) -> None:
        """``p``: P(finding | condition) as (trimester, condition, finding), for the
        pack's conditions or, when given, for ``conditions`` (a subset, in p's order)."""
        names = list(pack.conditions) if conditions is None else conditions
        found = pairs(pack)
        self.pairs = found
        self.child: npt.NDArray[np.intp] = np.array([index[c] for c, _ in found], dtype=np.intp)
        self.parent: npt.NDArray[np.intp] = np.array([index[q] for _, q in found], dtype=np.intp)
        self._columns = [(int(c), int(q)) for c, q in zip(self.child, self.parent, strict=True)]
        self._parent = dict(self._columns)  # a child has one parent (``pairs`` checks it)
        pc = p[:, :, self.child]  # (trimester, condition, pair)
        pp = p[:, :, self.parent]
        bad = np.argwhere(pc >= pp)
        if bad.size:
            t, c, k = (int(x) for x in bad[0])
            child, parent = found[k]
            raise PackError(
                "likelihoods/", f"{names[c]}.{child}",
                f"P({child}) {pc[t, c, k]:g} must be below P({parent}) {pp[t, c, k]:g} "
                f"(trimester {t + 1}): it is nested in it",
            )
        # (trimester, condition, pair) -> (trimester, pair, condition): rows are pairs so
        # that indicator rows (cases x pairs) @ these give (cases x conditions)
        self.both_present: FloatArray = np.transpose(-np.log(pp), (0, 2, 1))
        self.parent_only: FloatArray = np.transpose(
            np.log1p(-pc / pp) - np.log1p(-pc), (0, 2, 1)
        )
        self.both_absent: FloatArray = np.transpose(-np.log1p(-pc), (0, 2, 1))
        # a child present with its parent absent: only a soft implication allows it (a
        # pain on both sides, mainly on the right); its side then says nothing more
        # than the parent's absence, (1 - P(parent | c)) up to a constant
        self.child_only: FloatArray = np.transpose(-np.log(pc), (0, 2, 1))

    def correction(self, t: int, pos: FloatArray, neg: FloatArray) -> FloatArray:
        """The log-score correction for indicator rows ``pos``/``neg`` (cases x findings,
        or one vector) in trimester ``t``: (cases x conditions), or one row."""
        cp, cn = pos[..., self.child], neg[..., self.child]
        if not self.pairs or not (cp.any() or cn.any()):
            # no nested child known (most cases): nothing to correct
            return np.zeros((*pos.shape[:-1], self.both_present.shape[2]))
        pp, pn = pos[..., self.parent], neg[..., self.parent]
        out: FloatArray = (
            (cp * pp) @ self.both_present[t]
            + (cn * pp) @ self.parent_only[t]
            + (cn * pn) @ self.both_absent[t]
            + (cp * pn) @ self.child_only[t]
        )
        return out

    def add_correction(
        self, scores: FloatArray, t: int, pos: FloatArray, neg: FloatArray
    ) -> FloatArray:
        """``scores`` (one case's log scores) plus the correction for its indicator
        vectors: the same numbers as ``correction``, pair by pair, without the batch
        arithmetic (an assessment knows a nested pair or two at most)."""
        # ``item``: a Python float, not a numpy scalar made for each test
        at, no = pos.item, neg.item
        for k, (c, q) in enumerate(self._columns):
            if at(q):
                if at(c):
                    scores = scores + self.both_present[t, k]
                elif no(c):
                    scores = scores + self.parent_only[t, k]
            elif no(q):
                if no(c):
                    scores = scores + self.both_absent[t, k]
                elif at(c):
                    scores = scores + self.child_only[t, k]
        return scores

    def parent_of(self, child: int) -> int | None:
        """The column of ``child``'s parent, or None when ``child`` is not nested."""
        return self._parent.get(child)
