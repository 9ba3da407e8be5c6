"""What a work-up needs about the leading conditions, computed once per set of them."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from gravida.advice.workup.book import InvestigationDef, Line, WorkupBook
from gravida.advice.workup.information import RowTerms, _xlogx_rows, row_terms
from gravida.knowledge import i18n
from gravida.knowledge.places import round4

SEPARATES_MIN = 0.05  # a pair is named as "separated" above this total variation (wording)

Gate = tuple[tuple[float, float] | None, frozenset[str], frozenset[str], tuple[str, ...] | None]


_OPEN: Gate = (None, frozenset(), frozenset(), None)  # a candidate every case is offered


def _gate(inv: InvestigationDef) -> Gate:
    """What of a candidate's definition decides whether a case is offered it."""
    return (inv.weeks, frozenset(inv.answered_by),
            frozenset(inv.not_if_present.findings if inv.not_if_present else ()),
            None if inv.restricted is None else tuple(inv.restricted.allowed_for))


def _describe(book: WorkupBook, iid: str, row: npt.NDArray[np.float64]) -> tuple[str, str, float]:
    """The most likely result of a row: (id, label, probability); abnormal wins ties."""
    ids = book.result_ids[iid]
    j = int(np.argmax(row))
    rid = ids[j]
    label = book.data.reasons.normal if rid == "normal" else book.investigation(iid).results[rid]
    return rid, label, float(row[j])


# Each expected result's chance as the JSON sends it (round4), rounded when the leading
# conditions are first met: by object (the float a Leading holds and its ExpectedResults
# share; the entry keeps it alive, so its id is not reused), bounded.
_ROUNDED_CHANCES: dict[int, tuple[float, float]] = {}
CHANCES_KEPT = 65536  # not clinical: about 30 a set of leading conditions


def rounded_chance(x: float) -> float:
    """``round4(x)``: looked up for a chance the leading conditions rounded (the same
    object), worked out for any other value."""
    hit = _ROUNDED_CHANCES.get(id(x))
    if hit is not None and hit[0] is x:
        return hit[1]
    return round4(x)


def _keep_rounded(x: float) -> None:
    if len(_ROUNDED_CHANCES) >= CHANCES_KEPT:
        _ROUNDED_CHANCES.clear()
    _ROUNDED_CHANCES[id(x)] = (x, round4(x))


def chance(p: float, lang: str) -> str:
    """A result's probability as a reason shows it: a percentage, or "<1%"."""
    return i18n.percent(p, lang=lang) if p >= 0.01 else "<" + i18n.percent(0.01, lang=lang)


Flat = tuple[npt.NDArray[np.float64], npt.NDArray[np.int64], npt.NDArray[np.int64],
             npt.NDArray[np.float64]]


def flat_tables(panel_lik: tuple[npt.NDArray[np.float64], ...],
                rows: tuple[RowTerms, ...]) -> Flat:
    """The candidates' k x r tables as the compiled search reads them: all of them row-major
    one after another, where each starts, its results, and each row's sum of l log2 l
    (candidate x condition; ``row_terms``, so the same floats as the Python search's)."""
    widths = np.array([m.shape[1] for m in panel_lik], dtype=np.int64)
    k = panel_lik[0].shape[0] if panel_lik else 0
    tables = np.concatenate([np.ravel(m) for m in panel_lik]) if panel_lik else np.empty(0)
    bits = np.array([t[0] for t in rows], dtype=np.float64).reshape(-1)
    return (np.ascontiguousarray(tables, dtype=np.float64),
            np.cumsum(widths * k) - widths * k, widths, bits)


@dataclass(frozen=True)
class Leading:
    """Everything about a work-up that depends on the leading conditions, not on the case.

    For each candidate investigation (those the leading conditions list, in
    their order): its likelihood rows, who lists it and as urgent, its most
    likely result under each condition, how far apart each pair of conditions
    sits on it (total variation), and how far the leader's expected result is
    from the others'. Built once per (pack, ordered leading ids).
    """

    ids: tuple[str, ...]
    candidates: tuple[str, ...]
    investigations: tuple[InvestigationDef, ...]  # each candidate's definition
    lik: npt.NDArray[np.float64]  # candidate x condition x result, zero-padded
    panel_lik: tuple[npt.NDArray[np.float64], ...]  # the same, unpadded
    listed_by: tuple[tuple[int, ...], ...]  # leading conditions (positions) listing it
    urgent_by: tuple[tuple[int, ...], ...]  # ... listing it as urgent
    described: tuple[tuple[tuple[str, str, float], ...], ...]  # per condition position
    chances: tuple[tuple[str, ...], ...]  # the described results' probabilities as text
    sources: tuple[tuple[str, ...], ...]
    separation: npt.NDArray[np.float64]  # candidate x k x k total variation
    separable: npt.NDArray[np.bool_]  # i < j and separation above SEPARATES_MIN
    confirm: npt.NDArray[np.float64]
    row_bits: npt.NDArray[np.float64]  # candidate x k: sum over results of l log2 l
    row_excess: npt.NDArray[np.float64]  # candidate x k: sum over results of l, minus 1
    not_distributions: bool  # whether any row's excess is more than rounding
    panel_rows: tuple[RowTerms, ...]  # row_terms of each panel_lik
    # per candidate, per leading condition listing it: (its id, the described result's
    # id, label and probability, what the test shows for it), an ExpectedResult's fields
    # but the condition's name and probability
    expected_parts: tuple[tuple[tuple[str, str, str, float, str], ...], ...]
    # the ranking's tie-break of each candidate, as its key reads it (-confirm, rounded)
    confirm_key: tuple[float, ...] = ()
    # per candidate, what decides whether a case is offered it (suggest._eligible): its
    # weeks (None: any), the findings an answer to which makes it moot, those whose
    # presence rules it out, and the conditions it is kept for (None: not restricted);
    # None where none of these is stated (offered to every case)
    checks: tuple[Gate | None, ...] = ()
    lines: tuple[Line, ...] = ()  # each candidate's line
    # per candidate, a WorkupItem's fields that depend on the pack and these conditions
    # alone: (id, name, line, shows, safety, why restricted or None, sources)
    item_parts: tuple[tuple[str, str, Line, str, str, str | None, tuple[str, ...]], ...] = ()
    # per candidate, the pairs of leading conditions it separates (``separable``), each
    # (i, j, separation as a Python float), in the row-major order of their cells
    pairs: tuple[tuple[tuple[int, int, float], ...], ...] = ()
    # the candidates' tables as the compiled search (information._search) reads them
    # (flat_tables), made once here
    flat: Flat | None = None
    # the direct tests' rows of lik, row_bits and row_excess, per set of them
    # (information._expected_information_batch; a few sets, filled as first needed)
    direct_rows: dict[tuple[int, ...], tuple[npt.NDArray[np.float64], ...]] = field(
        default_factory=dict, compare=False, repr=False)
    # each reason's words before and after its bits (suggest._reason), by what they
    # depend on: the pack's words and these conditions, never the case (filled as first
    # needed)
    reason_heads: dict[tuple[object, ...], tuple[str, str | None]] = field(
        default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, book: WorkupBook, ids: tuple[str, ...]) -> Leading:
        rows = [book.condition_index[c] for c in ids]
        candidates: list[str] = []
        for c in ids:
            for iid in book.entries[c]:
                if iid not in candidates:
                    candidates.append(iid)
        at = [book.stack_index[iid] for iid in candidates]
        lik = book.stack[np.ix_(at, rows)]
        panel_lik = tuple(book.table[iid][rows] for iid in candidates)
        listed_by = tuple(tuple(i for i, c in enumerate(ids) if iid in book.entries[c])
                          for iid in candidates)
        urgent_by = tuple(tuple(i for i in listed if book.entries[ids[i]][iid].urgent)
                          for iid, listed in zip(candidates, listed_by, strict=True))
        described = tuple(tuple(_describe(book, iid, row) for row in m)
                          for iid, m in zip(candidates, panel_lik, strict=True))
        chances = tuple(tuple(chance(p, book.lang) for _, _, p in d) for d in described)
        sources = tuple(
            tuple(dict.fromkeys([
                *book.investigation(iid).sources,
                *(src for i in listed for src in book.entries[ids[i]][iid].sources),
            ]))
            for iid, listed in zip(candidates, listed_by, strict=True)
        )
        k = len(ids)
        separation = 0.5 * np.abs(lik[:, :, None, :] - lik[:, None, :, :]).sum(axis=-1)
        upper = np.triu(np.ones((k, k), dtype=bool), 1)
        separable = (separation > SEPARATES_MIN) & upper[None, :, :]
        # tie-break: how far the leader's expected result departs from the others'
        confirm = 0.5 * np.abs(lik[:, 0, :] - lik.mean(axis=1)).sum(axis=-1)
        row_excess = lik.sum(axis=-1) - 1.0
        expected = tuple(
            tuple((ids[i], *d[i], book.entries[ids[i]][iid].shows) for i in listed)
            for iid, d, listed in zip(candidates, described, listed_by, strict=True)
        )
        for parts in expected:
            for part in parts:
                _keep_rounded(part[3])
        rows_terms = tuple(row_terms(m) for m in panel_lik)
        investigations = tuple(book.investigation(c) for c in candidates)
        gates = tuple(_gate(inv) for inv in investigations)
        return cls(ids, tuple(candidates), investigations,
                   lik, panel_lik, listed_by, urgent_by, described,
                   chances, sources, separation, separable, confirm, _xlogx_rows(lik), row_excess,
                   bool(np.any(np.abs(row_excess) > 1e-12)),
                   rows_terms, expected,
                   tuple(-round(float(c), 12) for c in confirm),
                   checks=tuple(None if g == _OPEN else g for g in gates),
                   lines=tuple(inv.line for inv in investigations),
                   flat=flat_tables(panel_lik, rows_terms),
                   pairs=tuple(
                       tuple((int(i), int(j), float(sep[i, j]))
                             for i, j in zip(*np.nonzero(ok), strict=True))
                       for ok, sep in zip(separable, separation, strict=True)),
                   item_parts=tuple(
                       (iid, inv.name, inv.line, inv.shows, inv.safety,
                        inv.restricted.reason if inv.restricted else None, src)
                       for iid, inv, src in zip(candidates, investigations, sources,
                                                strict=True)))
