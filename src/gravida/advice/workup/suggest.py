"""The clinician's suggested work-up: investigations ranked by what they would tell."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from gravida.advice.workup import information
from gravida.advice.workup.book import Line, ReasonWords, load_workup
from gravida.advice.workup.information import (
    _expected_information_batch,
    _Histories,
    tempered,
)
from gravida.advice.workup.leading import Gate, Leading, rounded_chance
from gravida.engine.assess import Assessment
from gravida.engine.model import Evidence
from gravida.knowledge.load import Pack
from gravida.knowledge.places import round6, rounded

# --- the clinician's work-up ---------------------------------------------------------------


class ExpectedResult(NamedTuple):
    """What the test would most likely show if this condition were the cause.

    A NamedTuple (immutable, hashable, read by attribute) rather than a frozen
    dataclass: a full result makes about twenty, and a frozen dataclass's
    constructor (one ``object.__setattr__`` a field) cost ten times as much.
    """

    condition: str
    name: str
    probability: float  # posterior of the condition
    result: str  # most likely result id ("normal" included)
    result_label: str
    result_probability: float
    shows: str

    def to_json(self) -> dict[str, Any]:
        return _expected_json(self, {})


class WorkupItem(NamedTuple):
    """One suggested investigation, with why it is ranked where it is (a NamedTuple, as
    ExpectedResult)."""

    rank: int
    id: str
    name: str
    line: str
    urgent: bool
    urgent_for: tuple[str, ...]
    information_bits: float
    information_given: tuple[str, ...]
    score: float
    separates: tuple[str, str] | None
    reason: str
    expected: tuple[ExpectedResult, ...]
    shows: str
    safety: str
    restricted: str | None
    sources: tuple[str, ...]

    @property
    def ionising(self) -> bool:
        return self.line == "ionising"

    def to_json(self) -> dict[str, Any]:
        return _item_json(self, {})


def workup_json(items: Iterable[WorkupItem]) -> list[dict[str, Any]]:
    """The work-up as the API sends it, each item as its ``to_json``.

    Its expected results repeat the leading conditions' probabilities (the same
    float objects, ``suggested_workup``'s), so each is rounded once for all of
    them, and each expected result's chance was rounded with the leading
    conditions (``leading.rounded_chance``): a full result rounded about forty
    numbers here, each about 0.3-0.5 us (knowledge/places.py).
    """
    rounded: dict[int, float] = {}
    return [_item_json(w, rounded) for w in items]


def _expected_json(e: ExpectedResult, rounded: dict[int, float]) -> dict[str, Any]:
    """An expected result's JSON; ``rounded``: round6 of the probabilities already
    rounded in this work-up, by object (the same object is the same value)."""
    # unpacked at once: cheaper than reading each field by name (about twenty a result)
    condition, name, probability, result, label, chance, shows = e
    p = rounded.get(id(probability))
    if p is None:
        p = rounded[id(probability)] = round6(probability)
    return {
        "condition": condition,
        "name": name,
        "probability": p,
        "result": result,
        "result_label": label,
        "result_probability": rounded_chance(chance),
        "shows": shows,
    }


def _item_json(w: WorkupItem, rounded: dict[int, float]) -> dict[str, Any]:
    """A work-up item's JSON (``rounded`` as ``_expected_json``'s)."""
    (rank, id_, name, line, urgent, urgent_for, bits, given, score, separates, reason,
     expected, shows, safety, restricted, sources) = w  # at once, as ExpectedResult
    return {
        "rank": rank,
        "id": id_,
        "name": name,
        "line": line,
        "urgent": urgent,
        "urgent_for": list(urgent_for),
        "information_bits": round6(bits),
        "information_given": list(given),
        "score": round6(score),
        "separates": list(separates) if separates else None,
        "reason": reason,
        "expected": [_expected_json(e, rounded) for e in expected],
        "shows": shows,
        "safety": safety,
        "restricted": restricted,
        "sources": list(sources),
    }


def _check_assessment(assessment: Any) -> Assessment:
    if not isinstance(assessment, Assessment):
        raise ValueError(f"expected an Assessment, got {type(assessment).__name__}")
    return assessment


def _top(assessment: Assessment, k: int) -> list[tuple[str, str, float]]:
    """The first k conditions with a non-zero posterior: (id, name, probability)."""
    out: list[tuple[str, str, float]] = []
    for c in assessment.conditions:
        if c.probability > 0 and math.isfinite(c.probability):
            out.append((c.id, c.name, float(c.probability)))
        if len(out) == k:
            break
    return out


def _eligible(gate: Gate, ev: Evidence, raw: dict[str, float], restricted_min: float) -> bool:
    """Whether a case is offered a candidate (``Leading.checks``): within its weeks, none
    of its ``answered_by`` findings known, none of its ``not_if_present`` present, and
    if restricted, one of the conditions it is kept for probable enough."""
    weeks, answered, ruled_out, allowed = gate
    if weeks is not None and not weeks[0] <= ev.weeks < weeks[1]:
        return False
    if answered and ev.knows_any(answered):
        return False
    if ruled_out and not ruled_out.isdisjoint(ev.present):
        return False
    if allowed is not None:
        return any(raw.get(c, 0.0) >= restricted_min for c in allowed)
    return True


def _histories(memo: dict[tuple[int, ...], _Histories], panel: tuple[int, ...],
               lead: Leading) -> _Histories:
    """The panel's histories, grown from the longest panel prefix already grown.

    While the histories are few, several tests are applied in one step.
    """
    done = len(panel)
    while panel[:done] not in memo:
        done -= 1
    h = memo[panel[:done]]
    while done < len(panel):
        block = [lead.panel_lik[panel[done]]]
        size = h.joint.shape[1] * block[0].shape[1]
        while done + len(block) < len(panel):
            m = lead.panel_lik[panel[done + len(block)]]
            if size * m.shape[1] > information.MAX_HISTORIES:
                break
            size *= m.shape[1]
            block.append(m)
        h = h.then(*block)
        done += len(block)
        memo[panel[:done]] = h
    return h


def _uncut(panel: tuple[int, ...], lead: Leading) -> int:
    """How many of the panel's first tests have every result history kept (no beam cut)."""
    size = 1
    for j, g in enumerate(panel):
        size *= lead.panel_lik[g].shape[1]
        if size > information.MAX_HISTORIES:
            return j
    return len(panel)


# Far below any difference the ranking can show (it compares scores rounded to 12
# places) and far above float rounding: how far a bound must stay below a shown score.
_BOUND_MARGIN = 1e-9


def _beyond(bound: float, placed: list[float], n_urgent: int, safe_first: bool,
            max_items: int) -> bool:
    """Whether a later-line test scoring at most ``bound`` ranks past the end of the list.

    The bound: what a test adds given only the first tests of its panel. Since
    the tests are conditionally independent given the condition, I(C; T | H) =
    H(T | H) - H(T | C), and H(T | H) only falls as H grows, so more tests
    never raise it; the beam's kept histories only sum fewer of its
    non-negative per-history terms. Every urgent test comes before it, and every
    first-line one scoring more (``placed``); with at least the list's length
    of those, one of them not ionising (so the "never first" swap cannot pick
    it), the list shown is the same whatever its exact score.
    """
    above = sum(1 for x in placed if x > bound + _BOUND_MARGIN)
    return n_urgent + above >= max(max_items, n_urgent) and (safe_first or above > 0)


_LATER: tuple[Line, Line] = ("second", "ionising")


class Later(NamedTuple):
    """What the search of the later lines (second, then ionising) reads of a work-up."""

    prior: npt.NDArray[np.float64]
    lead: Leading
    weights: dict[Line, float]
    panels: dict[str, tuple[int, ...]]
    tests: dict[Line, list[int]]
    placed: list[float]  # the first-line tests' scores, not urgent
    n_urgent: int
    safe_first: bool  # whether an urgent test is not ionising
    max_items: int


def _later_python(w: Later, info: dict[int, float], given: dict[int, tuple[str, ...]]) -> None:
    """Each later-line test's information given its line's panel (``info``, and the panel's
    tests in ``given``), or a bound on it where that bound shows it is not listed.

    What a test adds given the first tests of the panel (all their results, no beam cut)
    bounds what it adds given the whole panel: if even that bound ranks every test of this
    line past the end of the list, the rest of the panel (the costly part of the work-up)
    is not built (see _beyond). ``_later_native`` does the same in one compiled call."""
    lead = w.lead
    memo: dict[tuple[int, ...], _Histories] = {(): _Histories.start(w.prior)}
    for later in _LATER:
        tests = w.tests[later]
        if not tests:
            continue
        panel = w.panels[later]
        uncut = _uncut(panel, lead)
        if uncut < len(panel) and not lead.not_distributions:
            exact = _histories(memo, panel[:uncut], lead)
            bound: dict[int, float] = {}
            for n in tests:  # until one could make the list
                bound[n] = exact.information(lead.panel_lik[n], lead.panel_rows[n])
                if not _beyond(bound[n] * w.weights[later], w.placed, w.n_urgent,
                               w.safe_first, w.max_items):
                    break
            else:
                info.update(bound)  # their scores stay bounds: they are not shown
                continue
        whole = _histories(memo, panel, lead)
        for n in tests:
            given[n] = tuple(lead.candidates[g] for g in panel)
            info[n] = whole.information(lead.panel_lik[n], lead.panel_rows[n])


def _later_native(w: Later, info: dict[int, float], given: dict[int, tuple[str, ...]]) -> bool:
    """``_later_python`` in one compiled call (information._search, _beam.c's ``search``): the
    same histories, grown in the same blocks and cut alike, and the same floats. False
    where the call could not (out of memory): then the Python search runs."""
    assert information._search is not None and w.lead.flat is not None
    tables, offsets, widths, bits = w.lead.flat
    second, ionising = w.tests["second"], w.tests["ionising"]
    found = information._search(
        w.prior, tables, offsets, widths, bits,
        w.panels["second"], second, w.weights["second"],
        w.panels["ionising"], ionising, w.weights["ionising"],
        w.placed, w.n_urgent, w.safe_first, w.max_items,
        information.MAX_HISTORIES, information.NEGLIGIBLE)
    if found is None:
        return False
    status_second, status_ionising, values = found
    at = 0
    for tests, status, later in ((second, status_second, "second"),
                                 (ionising, status_ionising, "ionising")):
        if not status:
            continue
        panel_ids = tuple(w.lead.candidates[g] for g in w.panels[later])
        for n in tests:
            info[n] = values[at]
            at += 1
            if status == 2:
                given[n] = panel_ids
    return True


def suggested_workup(pack: Pack | None, assessment: Assessment) -> list[WorkupItem]:
    """The investigations that best separate the leading conditions, most useful first.

    See the module docstring for the ordering. Raises ValueError for something
    that is not an Assessment and PackError for a broken pack file.
    """
    a = _check_assessment(assessment)
    book = load_workup(pack)
    s = book.data.settings
    top = _top(a, s.top_conditions)
    if not top:
        return []
    ids = tuple(c for c, _, _ in top)
    names = {c: n for c, n, _ in top}
    raw = {c: p for c, _, p in top}
    prior = tempered([p for _, _, p in top], s.temper)
    lead = book.leading(ids)

    # per candidate (lists by position, cheaper than dicts): its line, and the leading
    # conditions it is urgent for; chosen: those the case is offered, in order
    lines = lead.lines
    urgent: list[tuple[str, ...]] = [()] * len(lines)
    chosen: list[int] = []
    ev = a.evidence
    restricted_min, urgent_min = s.restricted_min_probability, s.urgent_min_probability
    for n, (gate, by) in enumerate(zip(lead.checks, lead.urgent_by, strict=True)):
        if gate is not None and not _eligible(gate, ev, raw, restricted_min):
            continue
        chosen.append(n)
        if by:
            urgent[n] = tuple(ids[i] for i in by if top[i][2] >= urgent_min)
    if not chosen:
        return []

    # A second-line test is worth what it adds once the first-line tests (and any
    # urgent ones) are back; an ionising one what it adds after both lines.
    panels = {
        "second": tuple(n for n in chosen if urgent[n] or lines[n] == "first"),
        "ionising": tuple(n for n in chosen if urgent[n] or lines[n] != "ionising"),
    }
    info: dict[int, float] = {}
    given: dict[int, tuple[str, ...]] = {}
    direct = panels["second"]  # valued on their own: the urgent and the first-line
    if direct:
        for n, bits in zip(direct, _expected_information_batch(prior, lead, direct).tolist(),
                           strict=True):
            info[n] = bits
    placed = [info[n] * s.line_weights[lines[n]] for n in direct if not urgent[n]]
    n_urgent = sum(1 for n in chosen if urgent[n])
    safe_first = any(urgent[n] and lines[n] != "ionising" for n in chosen)
    # each later line's tests (none of them in its own panel: each is valued given all of it)
    tests = {later: [n for n in chosen if n not in info and lines[n] == later]
             for later in _LATER}
    if tests["second"] or tests["ionising"]:
        later = Later(prior, lead, s.line_weights, panels, tests, placed, n_urgent, safe_first,
                      s.max_items)
        if information._search is None or lead.not_distributions or not _later_native(
                later, info, given):
            _later_python(later, info, given)
    score = {n: info[n] * s.line_weights[lines[n]] for n in chosen}
    confirm = lead.confirm_key
    urgent_safe = _ranked([n for n in chosen if urgent[n] and lines[n] != "ionising"], score,
                          confirm)
    urgent_ion = _ranked([n for n in chosen if urgent[n] and lines[n] == "ionising"], score,
                         confirm)
    rest = _ranked([n for n in chosen if not urgent[n]], score, confirm)
    ordered = [*urgent_safe, *urgent_ion, *rest]
    if lines[ordered[0]] == "ionising":  # an ionising test is never the first proposal
        j = next((i for i, n in enumerate(ordered) if lines[n] != "ionising"), None)
        if j is not None:
            ordered.insert(0, ordered.pop(j))
    listed = ordered[:max(s.max_items, len(urgent_safe) + len(urgent_ion))]

    pairs = _best_pairs(prior.tolist(), lead, listed)

    # each item and expected result made from its fields in order (tuple.__new__, as the
    # NamedTuple's own constructor does, without its keyword handling): the parts that
    # depend only on the pack and the leading conditions are Leading's
    items: list[WorkupItem] = []
    words = book.data.reasons
    heads = lead.reason_heads
    for rank, (n, p) in enumerate(zip(listed, pairs, strict=True), 1):
        cid, name, line, shows, safety, restricted, sources = lead.item_parts[n]
        bits, for_, panel_ids = info[n], urgent[n], given.get(n, ())
        around = heads.get((n, for_, p, bool(panel_ids)))  # _reason's words, once made
        items.append(_new(WorkupItem, (
            rank, cid, name, line, bool(for_), for_, bits, panel_ids, score[n],
            (ids[p[0]], ids[p[1]]) if p else None,
            f"{around[0]}{bits:.3f}{around[1]}" if around is not None and around[1] is not None
            else _reason(words, lead, n, for_, p, names, bits, bool(panel_ids)),
            tuple([_new(ExpectedResult, (c, names[c], raw[c], rid, label, chance, says))
                   for c, rid, label, chance, says in lead.expected_parts[n]]),
            shows, safety, restricted, sources,
        )))
    return items


# Far below a difference that rounding a score to 12 places can keep apart, and far above
# float rounding: scores further apart than this are in the same order once rounded.
_NEAR = 2e-12


def _ranked(ns: list[int], score: dict[int, float], confirm: tuple[float, ...]) -> list[int]:
    """``ns`` (ascending) ranked as ``sorted(ns, key=lambda n: (-rounded(score[n], 12),
    confirm[n], n))``: by score rounded to 12 places, highest first, then the tie-break and
    the position. Rounding is monotone, so scores more than _NEAR apart keep their order
    once rounded and only runs of nearer ones (most often the equal scores of tests that
    tell nothing) are rounded: about 0.6 us a score (knowledge/places.py), a dozen a case."""
    order = sorted(ns, key=score.__getitem__, reverse=True)  # stable: equal ones ascending
    out: list[int] = []
    i, m = 0, len(order)
    while i < m:
        j = i + 1
        while j < m and score[order[j - 1]] - score[order[j]] <= _NEAR:
            j += 1
        if j == i + 1:
            out.append(order[i])
        else:
            out.extend(sorted(order[i:j], key=lambda n: (-rounded(score[n], 12), confirm[n], n)))
        i = j
    return out


_new = tuple.__new__


def _best_pairs(prior: list[float], lead: Leading,
                listed: list[int]) -> list[tuple[int, int] | None]:
    """The two leading conditions each listed test tells apart best: of the pairs it
    separates (``Leading.pairs``), the first of the largest weight (P(i) P(j)) times
    total variation, in the pairs' row-major order (as numpy's ``argmax`` over the
    weighted k x k cells, the others at -inf, picked it); None if it separates none.
    Worked out in Python over those few pairs (the same products in the same order, so
    the same floats) instead of half a dozen numpy calls over every cell."""
    out: list[tuple[int, int] | None] = []
    for n in listed:
        best, most = None, -math.inf
        for i, j, separation in lead.pairs[n]:
            weight = prior[i] * prior[j] * separation
            if weight > most:
                best, most = (i, j), weight
        out.append(best)
    return out


def _reason(words: ReasonWords, lead: Leading, n: int, urgent_for: tuple[str, ...],
            pair: tuple[int, int] | None, names: dict[str, str], info: float,
            conditional: bool) -> str:
    """One line a clinician can check: why this test, and where it sits (the words are
    the pack's, in its language: workup.yaml ``reasons``).

    All but its bits depend only on the pack and the leading conditions, so the
    words before and after them are kept with those (``Leading.reason_heads``) and
    only the bits are written per case.
    """
    key = (n, urgent_for, pair, conditional)
    around = lead.reason_heads.get(key)
    if around is None:
        head = _reason_head(words, lead.described[n], lead.chances[n], urgent_for, pair,
                            lead.ids, names)
        around = lead.reason_heads[key] = _around_bits(
            head + words.join, _tail(words, conditional))
    before, after = around
    if after is None:  # a sentence _around_bits could not split: formatted whole
        return before + _tail(words, conditional).format(bits=f"{info:.3f}")
    return f"{before}{info:.3f}{after}"


def _tail(words: ReasonWords, conditional: bool) -> str:
    """The sentence with the bits: what a test adds to the panel, or tells on its own."""
    return words.adds if conditional else words.information


def _around_bits(head: str, sentence: str) -> tuple[str, str | None]:
    """``head`` and the words of ``sentence`` before its ``{bits}``, and those after it:
    ``sentence.format(bits=x)`` is the first, ``x`` and the second, for a sentence that
    names ``{bits}`` once as its only field (its ``{{`` and ``}}`` read as format reads
    them). Any other sentence: (head, None), formatted whole each time."""
    if sentence.count("{bits}") == 1 and "\x00" not in sentence:
        rest = sentence.replace("{bits}", "").replace("{{", "").replace("}}", "")
        if "{" not in rest and "}" not in rest:
            before, after = sentence.format(bits="\x00").split("\x00")
            return head + before, after
    return head, None


def _reason_head(words: ReasonWords, described: tuple[tuple[str, str, float], ...],
                 chances: tuple[str, ...], urgent_for: tuple[str, ...],
                 pair: tuple[int, int] | None, ids: tuple[str, ...],
                 names: dict[str, str]) -> str:
    """A reason's words before its bits: whom the test is urgent for, and which two
    leading conditions it tells apart (or, with neither, the leader it is usual for)."""
    parts: list[str] = []
    if urgent_for:
        parts.append(words.urgent.format(
            names=words.names_join.join(names[c] for c in urgent_for)))
    if pair is not None:
        i, j = pair
        parts.append(words.separates.format(
            first=names[ids[i]], first_result=described[i][1], first_chance=chances[i],
            second=names[ids[j]], second_result=described[j][1], second_chance=chances[j]))
    elif not urgent_for:
        parts.append(words.usual.format(name=names[ids[0]]))
    return words.join.join(parts)
