"""Looking ahead from one interview state: each answer's probability, what each
question's answers would change, and pairs.

The selector (select.py) weighs every possible answer of every question at
once. Three parts of that look-ahead stand on their own: the probability of
each answer under the model (its naive Bayes predictive), each question's
figures from its answers (``figures``: information, expected change of level,
what plausible answers would hold), and whether two plausible answers together
would take the level across the emergency line.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from itertools import accumulate
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import numpy.typing as npt

from gravida.engine import Evidence, Model, near
from gravida.engine.model import leaders
from gravida.interview.catalogue import Params, QuestionSpec
from gravida.interview.policy import Batch, FloatArray, Hypothesis, IntArray, LevelPolicy

if TYPE_CHECKING:
    from gravida.interview.answers import Value

BoolArray = npt.NDArray[np.bool_]

# Not clinical: a bound on memory (the likelihoods of a number's bands kept per pack).
LIKES_KEPT = 4096

# Not clinical: a bound on work. Pairs of answers are tried among this many
# answers, those that push hardest towards crossing the emergency line.
PAIR_ANSWERS = 64


class Figures(NamedTuple):
    """What the decision reads of each answer (per entry) and question (per question)."""

    likely: FloatArray  # per answer: its probability x the question's answerable
    plausible: BoolArray  # ... at least plausible_answer
    value: FloatArray  # per question: answerable x information x (1 + level weight ...)
    info: FloatArray
    dlevel: FloatArray
    p_emergency: FloatArray
    holds_level: BoolArray  # a plausible answer changes the level (one answer alone)
    holds_top1: BoolArray
    holds_top3: BoolArray
    danger_up: BoolArray  # a plausible answer alone crosses the line upwards
    lead: int  # the leading condition now


def figures(params: Params, questions: Sequence[QuestionSpec],
            entries: Sequence[tuple[int, Value, int, int]], qi_arr: IntArray, rows: IntArray,
            prob: FloatArray, batch: Batch, level0: int, raise_to: int) -> Figures:
    """Each question's figures from its answers: ``qi_arr`` and ``rows`` give each
    answer's question (among ``questions``) and row of ``batch`` (row 0: the evidence
    now). Every figure of a question reads its own answers and rows only, so the
    questions may be scored all at once (``Selector.plan``) or a few (``shortcut``).
    In compiled code where it was built (engine/_near.c: the same numbers, the
    logarithms numpy's), else ``_figures``."""
    posts, levels = batch.posterior, batch.level
    logs = np.log2(posts, out=np.zeros_like(posts), where=posts > 0)  # 0 where 0
    n_q, n_e = len(questions), len(entries)
    q_answerable = np.array([q.answerable for q in questions], dtype=float)
    likely, plausible = np.empty(n_e), np.empty(n_e, dtype=bool)
    info, dlevel, p_emergency = np.empty(n_q), np.empty(n_q), np.empty(n_q)
    holds = [np.empty(n_q, dtype=bool) for _ in range(4)]
    lead = near.compiled_figures(
        (len(posts), posts.shape[1], n_e, n_q, level0, raise_to),
        (params.plausible_answer, params.lead_change, params.lead_probability),
        (posts, logs, levels, rows, qi_arr, prob,
         np.array([e[3] + 1.0 for e in entries]), q_answerable, likely, plausible, info,
         dlevel, p_emergency, *holds))
    if lead is None:
        return _figures(params, questions, entries, qi_arr, rows, prob, batch, level0,
                        raise_to, logs)
    value = q_answerable * np.maximum(info, 0.0) * (1.0 + params.level_weight * dlevel)
    holds_level, holds_top1, holds_top3, danger_up = holds
    return Figures(likely, plausible, value, info, dlevel, p_emergency,
                   holds_level, holds_top1, holds_top3, danger_up, lead)


def named_top1(params: Params, fig: Figures, qi_arr: IntArray, rows: IntArray,
               named: npt.NDArray[np.int64] | None, n_q: int) -> Figures:
    """``fig`` with ``holds_top1`` read against the condition the engine lists first
    (``named``: per row of the batch, ``Naming.firsts``; None where that is the
    leader everywhere) rather than the leader: the advice and the work-up follow the
    condition listed first, and a working diagnosis a rule names (a past cancer with
    night pain: spinal malignancy) may not lead."""
    if named is None:
        return fig
    holds_top1 = np.bincount(qi_arr, fig.likely * (named[rows] != named[0]),
                             minlength=n_q) >= params.lead_change
    return fig._replace(holds_top1=holds_top1)


def _figures(params: Params, questions: Sequence[QuestionSpec],
             entries: Sequence[tuple[int, Value, int, int]], qi_arr: IntArray, rows: IntArray,
             prob: FloatArray, batch: Batch, level0: int, raise_to: int,
             logs: FloatArray) -> Figures:
    """``figures`` with numpy (``logs``: log2 of the posteriors, 0 where 0)."""
    posts, levels = batch.posterior, batch.level
    entropy = -(posts * logs).sum(axis=1)
    top3 = np.sort(np.argsort(-posts, axis=1, kind="stable")[:, :3], axis=1)
    top3_moves = (top3 != top3[0]).any(axis=1)
    n_q = len(questions)
    q_answerable = np.array([q.answerable for q in questions])
    answerable = q_answerable[qi_arr]
    lv = levels[rows]
    parts = np.zeros(n_q)  # separately answered parts (the numbers of a form)
    np.maximum.at(parts, qi_arr, np.array([e[3] + 1.0 for e in entries]))
    info = entropy[0] * parts - _sums(qi_arr, prob * entropy[rows], n_q)
    dlevel = _sums(qi_arr, prob * np.abs(lv - level0), n_q)
    raising = (lv >= raise_to) & (lv > level0)
    p_emergency = q_answerable * _sums(qi_arr, prob * raising, n_q)
    likely = prob * answerable
    plausible = likely >= params.plausible_answer
    holds_level = np.bincount(qi_arr, plausible & (lv != level0), minlength=n_q) > 0
    # the answers that would change the leader are alternatives of one
    # question (a lift, a twist, a fall): they count together
    lead_of = leaders(posts)
    holds_top1 = np.bincount(qi_arr, likely * (lead_of[rows] != lead_of[0]),
                             minlength=n_q) >= params.lead_change
    holds_top3 = np.bincount(qi_arr, plausible & top3_moves[rows], minlength=n_q) > 0
    holds_top3 &= float(posts[0].max()) < params.lead_probability
    value = q_answerable * np.maximum(info, 0.0) * (1.0 + params.level_weight * dlevel)
    danger_up = np.bincount(qi_arr, plausible & raising, minlength=n_q) > 0
    return Figures(likely, plausible, value, info, dlevel, p_emergency,
                   holds_level, holds_top1, holds_top3, danger_up, int(lead_of[0]))


def _sums(qi_arr: IntArray, weights: FloatArray, n_q: int) -> FloatArray:
    """Each question's sum of its answers' ``weights``, added in their order."""
    out: FloatArray = np.bincount(qi_arr, weights, minlength=n_q).astype(np.float64, copy=False)
    return out


def pair_crossing(
    policy: LevelPolicy,
    plausible_answer: float,
    qi_arr: IntArray,
    k_arr: IntArray,
    plausible: npt.NDArray[np.bool_],
    batch: Batch,
    line: int,
    down: bool,
    n_q: int,
    known: npt.NDArray[np.bool_] | None = None,
    weight: FloatArray | None = None,
) -> npt.NDArray[np.bool_]:
    """Questions with a plausible answer that, with a plausible answer to another
    question, would take the level across ``line`` (up, or ``down`` below it).

    A single answer rarely undoes, or completes, what several findings make
    probable, so the emergency line is also tested for pairs. Naive Bayes
    makes pairs cheap: the posterior after two answers is proportional to
    post_a * post_b / post_now, so every pair comes from the one-answer
    posteriors already computed. Only the PAIR_ANSWERS answers that push
    hardest in that direction are paired, to bound the work. ``known``: the
    questions already marked (their own pairs are not needed).

    ``weight`` (each answer's probability x answerable) asks the pair itself
    to be plausible: under naive Bayes P(a, b) = P(a) P(b) x sum over
    conditions of post_a * post_b / post_now, so two answers each a little
    likely but unlikely together (1 in 20 each, 1 in 400 both) hold nothing.

    A condition suspected only with one of its signs (``requires``, an any-of-signs
    rule) counts in a pair as the engine counts it: when either answer leaves one
    of its signs holding, or when it leads the pair.
    """
    out = np.zeros(n_q, dtype=bool)
    posts, ranks = batch.posterior, batch.condition_ranks
    if batch.floor_rank[0] >= line:
        return out  # a floor holds the level there whatever is added
    danger = ranks >= line
    if not danger.any():
        return out
    rows = np.nonzero(plausible & (batch.floor_rank[k_arr] < line))[0]
    # the thresholds of the conditions past the line, and the answers' posteriors
    thr = np.minimum(policy.threshold_by_rank[ranks], policy.own_threshold)[danger]
    answered = posts[k_arr[rows]]
    push = (answered[:, danger] / thr).max(axis=1)
    order = np.argsort(push if down else -push, kind="stable")[:PAIR_ANSWERS]
    rows = rows[order]
    if rows.size < 2:
        return out
    post0 = posts[0]
    live = post0 > 0
    ratio = np.zeros((rows.size, post0.size))
    ratio[:, live] = answered[order][:, live] / post0[live]
    # a pair (a, b) marks a's question only: rows whose question is already
    # marked need no pairs of their own (they stay partners of the others)
    first = np.flatnonzero(~known[qi_arr[rows]]) if known is not None else None
    weighted = ratio * post0 if first is None else ratio[first] * post0
    if weighted.shape[0] == 0:
        return out
    # P(a, b) / (P(a) P(b)) for every pair; the pairs' posteriors (not normalised:
    # weighted[a] * ratio[b]) are then made only for the pairs that could count
    together = weighted @ ratio.T  # at most 64 x 64 x C: below OpenBLAS's threading size
    mine_rows = rows if first is None else rows[first]
    mine = qi_arr[mine_rows]
    summed = policy.summed_by_rank.get(line)
    # each pair's posterior and its tests in compiled code where it was built (_near.c:
    # the same floats, pair by pair, a question left once one of its pairs marks it)
    if near.compiled_pairs(
            (len(mine), rows.size, post0.size, int(np.count_nonzero(danger)),
             len(posts) if batch.unsuspected is None else len(batch.unsuspected), n_q),
            (down, summed is not None), (plausible_answer, 0.0 if summed is None else summed),
            (weighted, ratio, together, mine, qi_arr[rows],
             None if weight is None else weight[mine_rows],
             None if weight is None else weight[rows], np.flatnonzero(danger), danger,
             np.ascontiguousarray(thr), batch.unsuspected, k_arr[mine_rows], k_arr[rows],
             out)):
        return out
    return _pairs_numpy(plausible_answer, qi_arr, k_arr, batch, down, weight, rows, mine_rows,
                        mine, weighted, ratio, together, danger, thr, summed, out)


def _pairs_numpy(plausible_answer: float, qi_arr: IntArray, k_arr: IntArray, batch: Batch,
                 down: bool, weight: FloatArray | None, rows: IntArray, mine_rows: IntArray,
                 mine: IntArray, weighted: FloatArray, ratio: FloatArray,
                 together: FloatArray, danger: npt.NDArray[np.bool_], thr: FloatArray,
                 summed: float | None, out: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """``pair_crossing``'s pairs with numpy (where _near.c was not built): every pair
    of a first answer (``mine_rows``, ``weighted``) and a partner (``rows``, ``ratio``)."""
    maybe = mine[:, None] != qi_arr[rows][None, :]  # two different questions
    if weight is not None:  # ... whose answers are plausible together
        w_all, w_mine = weight[rows], weight[mine_rows]
        maybe &= w_mine[:, None] * w_all[None, :] * together >= plausible_answer
        # ... and of the two, the question of the less likely answer is the one
        # marked: its expected answer ends the pair, while the likelier answer's
        # question, answered as expected, leaves the danger open (both when equal)
        maybe &= w_mine[:, None] <= w_all[None, :]
    ia, ib = np.nonzero(maybe)
    if ia.size == 0:
        return out
    pairs = weighted[ia] * ratio[ib]
    pairs /= together[ia, ib][:, None]
    past = pairs[:, danger]
    counts = past >= thr
    lead = None  # each pair's leader, where read (leaders: row by row, so once for both)
    if batch.unsuspected is not None:  # engine.triage's `requires`, for the pair
        aside = (batch.unsuspected[k_arr[mine_rows[ia]]]
                 & batch.unsuspected[k_arr[rows[ib]]])
        lead = leaders(pairs)
        aside[np.arange(ia.size), lead] = False
        aside = aside[:, danger]
        counts &= ~aside
        past = np.where(aside, 0.0, past)
    above = np.asarray(counts.any(axis=1))  # (an array, for the type checker)
    if summed is not None:  # the summed posterior of the conditions past the line
        above |= past.sum(axis=1) >= summed
    rest = np.flatnonzero(~above)
    if rest.size:  # a leader's own level always counts
        above[rest] = danger[leaders(pairs[rest]) if lead is None else lead[rest]]
    hit = ~above if down else above
    out[mine[ia[hit]]] = True
    return out


def answer_probabilities(
    model: Model,
    implies: Sequence[tuple[str, str]],
    questions: list[QuestionSpec],
    entries: list[tuple[int, Value, int, int]],
    hyps: list[Hypothesis],
    post0: FloatArray,
    p_t: FloatArray,
    ev: Evidence,
) -> FloatArray:
    """Each answer's probability under the model (its naive Bayes predictive).

    Yes/no: P(present) = sum over conditions of posterior x P(finding |
    condition). A group: "none" is the product of the members' absences
    per condition; the rest is shared among the members by their own
    probabilities. A number: the joint probability of the yes/no findings
    each value would set. Probabilities sum to one within each part.

    Every plan prices about seventy answers, so the work is what it must be and
    no more: one pass over the answers of each question, a parent's lookup only
    for the few nested findings, the groups priced together (``_price_groups``)
    and a number's bands that set the same findings priced once.
    """
    index = model.index
    parents = _parents(tuple(implies), index)
    p_yes = post0 @ p_t  # every finding at once
    raw = np.zeros(len(entries))
    yes_rows: list[int] = []  # plain yes/no answers, computed together below
    yes_cols: list[int] = []
    yes_true: list[bool] = []
    priced: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}
    groups: list[tuple[list[int], list[str]]] = []  # (rows, members) of each group
    present = ev.present
    # a number's bands' likelihoods depend on the model only: kept with its pack, for
    # the slices of the model's own table (``p_t``: model.p at her trimester)
    likes = model.pack.memo(_number_likes) if p_t.base is model.p else None
    where = (p_t.__array_interface__["data"][0], p_t.shape, p_t.strides)
    for qi, rows in _by_question(entries):
        q = questions[qi]
        if q.kind == "yes_no":
            f = q.findings[0]
            if f not in parents or _parent_in(parents, f, present) is None:
                yes_rows.extend(rows)
                yes_cols.extend([index[f]] * len(rows))
                yes_true.extend(entries[n][1] is True for n in rows)
                continue
            py = float(post0 @ _given_known(p_t, index, parents, f, present))
            values = [py if entries[n][1] is True else 1.0 - py for n in rows]
        elif q.kind == "group":
            members = [f for n in rows for f in _members(entries[n][1])]
            if members:  # priced together with the plan's other groups, below
                groups.append((rows, members))
                continue
            values = [1.0 for n in rows]  # "none" is all that can be said (normalised)
        else:
            values = []
            for n in rows:
                h = hyps[entries[n][2]]
                new_pos = tuple(sorted(index[f] for f in h.present - ev.present if f in index))
                new_neg = tuple(sorted(index[f] for f in h.absent - ev.absent if f in index))
                key = (new_pos, new_neg)
                got = priced.get(key)
                if got is None:
                    like = None if likes is None else likes.get((where, key))
                    if like is None:
                        like = (np.prod(p_t[:, list(new_pos)], axis=1)
                                * np.prod(1.0 - p_t[:, list(new_neg)], axis=1))
                        if likes is not None and len(likes) < LIKES_KEPT:
                            likes[(where, key)] = like
                    got = priced[key] = float(post0 @ like) if new_pos or new_neg else 0.0
                values.append(got)
        raw[rows[0]:rows[-1] + 1] = values
    if yes_rows:
        p = p_yes[yes_cols]
        raw[yes_rows] = np.where(yes_true, p, 1.0 - p)
    if groups:
        _price_groups(raw, groups, entries, index, parents, post0, p_t, present)
    return _normalised(raw, [(e[0], e[3]) for e in entries])


def _number_likes(pack: object) -> dict[object, FloatArray]:
    """The likelihoods of the findings numbers' bands set, per model slice (a pack's
    memo)."""
    return {}


def _price_groups(
    raw: FloatArray, groups: list[tuple[list[int], list[str]]],
    entries: list[tuple[int, Value, int, int]], index: Mapping[str, int],
    parents: Mapping[str, tuple[str, ...]], post0: FloatArray, p_t: FloatArray,
    present: Collection[str],
) -> None:
    """Every group question's answers at once (a plan has about nine): "none of
    these" is the product of the members' absences per condition, the rest is
    shared among the members by their own probabilities. One matrix of all the
    groups' members, one product per group (``multiply.reduceat``), one
    posterior-weighted sum for all: a dozen numpy calls a plan, not a dozen a
    group."""
    members = [f for _, ms in groups for f in ms]
    starts = list(accumulate((len(ms) for _, ms in groups[:-1]), initial=0))
    p_member = np.take(p_t, [index[f] for f in members], axis=1)
    absent = 1.0 - p_member
    k = 0
    for _, ms in groups:
        shown = None
        for f in ms:
            if f in parents:
                if _parent_in(parents, f, present) is not None:
                    p_member[:, k] = _given_known(p_t, index, parents, f, present)
                    absent[:, k] = 1.0 - p_member[:, k]
                # "none of these": a member nested in another member shown with it
                # (heavy bleeding beside bleeding) is absent whenever its parent
                # is, so only the parent's absence counts: P(no parent, no child |
                # c) is 1 - P(parent | c), not (1 - P(parent | c)) (1 - P(child | c)).
                shown = set(ms) if shown is None else shown
                if _parent_in(parents, f, shown) is not None:
                    absent[:, k] = 1.0
            k += 1
    p_none = _weighted(post0, np.multiply.reduceat(absent, starts, axis=1))
    singles = _weighted(post0, p_member)
    totals = np.add.reduceat(singles, starts)
    sizes = [len(ms) for _, ms in groups]
    share = singles / np.repeat(np.where(totals > 0, totals, 1.0), sizes)
    yes = (share * np.repeat(1.0 - p_none, sizes)).tolist()
    nones = p_none.tolist()
    k = 0
    for g, (rows, _) in enumerate(groups):
        for n in rows:
            if _members(entries[n][1]):
                raw[n] = yes[k]
                k += 1
            else:
                raw[n] = nones[g]


def _weighted(post0: FloatArray, columns: FloatArray) -> FloatArray:
    """``post0 @ columns``, each column summed over the conditions in their order
    (a running sum): a column's number does not depend on the columns priced with it,
    so a subset of the questions is priced as among all (``shortcut``). BLAS's
    matrix-vector product sums a column in an order that depends on its place."""
    out: FloatArray = np.cumsum(post0[:, None] * columns, axis=0)[-1]
    return out


def _by_question(entries: Sequence[tuple[int, Value, int, int]]) -> list[tuple[int, list[int]]]:
    """The rows of each question's answers, in order; a question's answers are
    consecutive (the selector lists them question by question)."""
    out: list[tuple[int, list[int]]] = []
    last = -1
    for n, e in enumerate(entries):
        if e[0] != last:
            last = e[0]
            out.append((last, [n]))
        else:
            out[-1][1].append(n)
    if len({qi for qi, _ in out}) != len(out):
        raise ValueError("the answers of one question must be consecutive")
    return out


def _normalised(raw: FloatArray, parts: list[tuple[int, int]]) -> FloatArray:
    """``raw`` divided by its sum within each part (uniform where that sum is 0).

    Each part's sum is the float numpy's ``sum`` gives for its members in
    order: bincount adds one after another from 0.0, as numpy's sum does for
    fewer than eight numbers; larger parts (summed pairwise) are summed by it.
    (The same float matters: questions of equal value are ordered by their
    ids, and a last-bit difference would reorder them.)
    """
    keys: dict[tuple[int, int], int] = {}
    group = np.array([keys.setdefault(p, len(keys)) for p in parts], dtype=np.int64)
    totals = np.bincount(group, raw, minlength=len(keys))
    sizes = np.bincount(group, minlength=len(keys))
    for g in np.flatnonzero(sizes >= 8).tolist():
        totals[g] = raw[group == g].sum()
    # raw / its part's sum where that is positive, else uniform (the same floats as
    # np.where over both, without dividing where it is not, so no errstate)
    total = totals[group]
    out: FloatArray = 1.0 / sizes[group]
    np.divide(raw, total, out=out, where=total > 0)
    return out


def _parents(implies: tuple[tuple[str, str], ...],
             index: Mapping[str, int]) -> dict[str, tuple[str, ...]]:
    """Each nested finding's parents (the findings it implies), in the pack's order."""
    out: dict[str, tuple[str, ...]] = {}
    for i, t in implies:
        if t in index:
            out[i] = (*out.get(i, ()), t)
    return out


def _parent_in(
    parents: Mapping[str, tuple[str, ...]], f: str, among: Collection[str]
) -> str | None:
    """The finding ``f`` is nested in (it implies it), when that one is among ``among``."""
    return next((t for t in parents.get(f, ()) if t in among), None)


def _given_known(
    p_t: FloatArray,
    index: Mapping[str, int],
    parents: Mapping[str, tuple[str, ...]],
    f: str,
    present: Collection[str],
) -> FloatArray:
    """P(f | c) for every condition, given what is already present: a finding
    nested in one already present is a part of it, so heavy bleeding given
    bleeding is P(heavy | c) / P(bleeding | c), not P(heavy | c)."""
    inner = p_t[:, index[f]]
    parent = _parent_in(parents, f, present)
    if parent is None:
        return inner
    return np.asarray(np.minimum(1.0, inner / np.maximum(p_t[:, index[parent]], 1e-12)))


def _members(a: Value) -> tuple[str, ...]:
    return a if isinstance(a, tuple) else ()
