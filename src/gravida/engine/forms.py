"""The components of each condition: its forms, each alone or with the ordinary ache.

A condition's likelihood is a mixture over its components (docs/model.md, "A
condition in two forms" and "Co-existing ordinary back pain"):

    P(E | X) = sum over components k of X:  w_k * prod_f P(f | k)

- A condition with **forms** (``likelihoods/``: ``forms``) presents in distinct
  ways, each with its own table and its share: a clot is a DVT alone or a
  pulmonary embolism. One table for both gave each sign about half its rate in
  its own form, so a PE's fast pulse, fast breathing and pleuritic pain were
  diluted by the DVT half and a DVT's swollen calf by the PE half, and a denied
  calf counted against a PE as strongly as against a DVT.
- A condition the ordinary ache **co-exists** with (engine/coexist.py) is each of
  its forms alone (1 - prevalence) or with the ache beside it (prevalence).

So a condition has 1 component (neither), 2 (forms or the ache) or more (both:
the clot has four). The engine scores the first component of every condition in
its main tables (``Model.log_p``) and the others in the extra tables
(``Model.log_p_with``), ordered by rank: the second component of every mixed
condition first, in condition order (for a condition with the ache that is its
first form beside the ache, as before forms existed), then the third ones, and
so on. ``Model.log_likelihood`` adds them rank by rank with ``logaddexp``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from gravida.engine.coexist import ache_beside, prevalence_beside
from gravida.engine.nested import fill_unlisted_children
from gravida.knowledge.load import Pack
from gravida.knowledge.schema import Cited

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]


@dataclass(frozen=True)
class Components:
    """Every condition's components as tables and log weights (trimester first)."""

    p: FloatArray  # (trimester, condition, finding): each condition's first component
    log_w0: FloatArray  # (trimester, condition): its log weight (0 for a single component)
    owners: IntArray  # the mixed conditions, in condition order (rank 2's owners)
    p_extra: FloatArray  # (trimester, extra, finding): the other components, by rank
    log_w: FloatArray  # (trimester, extra): their log weights
    extra_owner: IntArray  # (extra,): each extra component's condition
    extra_names: list[str]  # each extra component's name (pack errors name it)
    # ranks 3 and on: (the extra components of that rank, their owners' places in owners)
    later: tuple[tuple[IntArray, IntArray], ...]
    marginal: FloatArray  # (trimester, condition, finding): P(f | condition), one finding
    # (trimester, condition, finding): the largest rate of any form alone, so that a
    # finding points to a condition when any of its forms lists it above the background
    p_forms_max: FloatArray
    # each condition's forms alone, for the pgmpy reference: (share by trimester, table)
    forms_alone: dict[int, list[tuple[FloatArray, FloatArray]]]


def components(pack: Pack, index: dict[str, int], background: FloatArray) -> Components:
    """The tables and weights of every condition's components (module docstring)."""
    conditions = list(pack.conditions)
    n_t, n_c, n_f = background.shape[0], len(conditions), background.shape[1]
    # each condition's forms alone: (share by trimester, table, name)
    forms: list[list[tuple[FloatArray, Mapping[str, Cited], str]]] = []
    for cid in conditions:
        if cid in pack.forms:
            forms.append([(np.array(f.share.by_trimester()), f.likelihoods, f"{cid}.{f.id}")
                          for f in pack.forms[cid]])
        else:
            forms.append([(np.ones(n_t), pack.likelihoods[cid], cid)])
    rows = [(i, k) for i, fs in enumerate(forms) for k in range(len(fs))]
    tables = [forms[i][k][1] for i, k in rows]
    alone = np.repeat(background[:, None, :], len(rows), axis=1)
    for r, table in enumerate(tables):
        for fid, cited in table.items():
            alone[:, r, index[fid]] = cited.by_trimester()
    fill_unlisted_children(pack, index, alone, background, tables)
    at = {ik: r for r, ik in enumerate(rows)}
    beside = ache_beside(pack, index, alone, at[(conditions.index(pack.coexisting.condition), 0)]
                         ) if pack.coexisting is not None else alone
    prev = prevalence_beside(pack)
    co = set(pack.coexisting.conditions) if pack.coexisting is not None else set()

    p = np.empty((n_t, n_c, n_f))
    log_w0 = np.zeros((n_t, n_c))
    marginal = np.empty((n_t, n_c, n_f))
    p_forms_max = np.empty((n_t, n_c, n_f))
    forms_alone: dict[int, list[tuple[FloatArray, FloatArray]]] = {}
    # per condition, its extra components: (table, log weight, weight, name)
    extras: list[list[tuple[FloatArray, FloatArray, FloatArray, str]]] = []
    for i, cid in enumerate(conditions):
        mine: list[tuple[FloatArray, FloatArray, FloatArray, str]] = []
        parts: list[tuple[FloatArray, FloatArray]] = []  # (weight, table) for the marginal
        for k, (share, _, name) in enumerate(forms[i]):
            r = at[(i, k)]
            if cid in co:
                w_alone, w_ache = share * (1.0 - prev), share * prev
                lw_alone = np.log(share) + np.log1p(-prev)
                lw_ache = np.log(share) + np.log(prev)
            else:
                w_alone, lw_alone = share, np.log(share)
            if k == 0:
                p[:, i] = alone[:, r]
                log_w0[:, i] = lw_alone
            else:
                mine.append((alone[:, r], lw_alone, w_alone, name))
            parts.append((w_alone, alone[:, r]))
            if cid in co:
                mine.append((beside[:, r], lw_ache, w_ache, f"{name} with the ordinary ache"))
                parts.append((w_ache, beside[:, r]))
        extras.append(mine)
        marginal[:, i] = parts[0][0][:, None] * parts[0][1]
        for w, part in parts[1:]:
            marginal[:, i] += w[:, None] * part
        p_forms_max[:, i] = np.max([alone[:, at[(i, k)]] for k in range(len(forms[i]))], axis=0)
        if len(forms[i]) > 1:
            forms_alone[i] = [(forms[i][k][0], alone[:, at[(i, k)]])
                              for k in range(len(forms[i]))]

    owners = np.array([i for i in range(n_c) if extras[i]], dtype=np.intp)
    order = [(int(i), rank) for rank in range(max((len(e) for e in extras), default=0))
             for i in owners if rank < len(extras[int(i)])]
    later: list[tuple[IntArray, IntArray]] = []
    place = {int(i): u for u, i in enumerate(owners)}
    for rank in range(1, max((len(e) for e in extras), default=0)):
        idx = [x for x, (i, r) in enumerate(order) if r == rank]
        later.append((np.array(idx, dtype=np.intp),
                      np.array([place[order[x][0]] for x in idx], dtype=np.intp)))
    p_extra = (np.stack([extras[i][r][0] for i, r in order], axis=1) if order
               else np.empty((n_t, 0, n_f)))
    log_w = (np.stack([extras[i][r][1] for i, r in order], axis=1) if order
             else np.empty((n_t, 0)))
    return Components(
        p=p, log_w0=log_w0, owners=owners, p_extra=p_extra, log_w=log_w,
        extra_owner=np.array([i for i, _ in order], dtype=np.intp),
        extra_names=[extras[i][r][3] for i, r in order], later=tuple(later),
        marginal=marginal, p_forms_max=p_forms_max, forms_alone=forms_alone)
