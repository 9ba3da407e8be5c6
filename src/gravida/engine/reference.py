"""The same model as a pgmpy Bayesian network, solved by exact inference.

This exists to check the engine, not to run it: an independent, general
implementation (variable elimination over an explicit network) must give the
same posteriors as our vectorised arithmetic. pgmpy is a development
dependency only, imported lazily.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from gravida.engine.model import Evidence, FloatArray, Model, trimester

# The rate of a soft-nested child without its parent in the reference network (a side
# named for a pain on both sides): small enough that the engine, which takes its limit,
# agrees within the reference tests' tolerance. Not clinical.
SOFT_RATE = 1e-12


def pgmpy_posterior(model: Model, ev: Evidence) -> FloatArray:
    """P(condition | evidence) by pgmpy's VariableElimination on an explicit network.

    The network: one parent "condition" (states: the conditions, prior = the
    trimester prior with week limits applied); a hidden node "component" under it
    (engine/forms.py): which form of the condition (a clot is a DVT alone or a PE,
    with the pack's shares) and, for a co-existing condition, whether the ordinary
    back ache of pregnancy is beside it (engine/coexist.py, with the pack's
    prevalence); and one binary child per finding under both, with P(child |
    condition, form alone) the form's table and, with the ache, the noisy-OR of the
    form and the ordinary ache for a finding the ache's condition lists (computed
    here, not taken from the engine's mixture). A nested
    finding (heavy bleeding in bleeding) hangs from its parent finding too, with
    P(child | parent, ...) = P(child | ...) / P(parent | ...) and 0 without the
    parent, and its parent joins the network (observed or not). Unobserved nodes
    marginalise out, as in the engine.
    """
    from pgmpy.factors.discrete import TabularCPD
    from pgmpy.inference import VariableElimination
    from pgmpy.models import DiscreteBayesianNetwork

    t = trimester(ev.weeks)
    conditions = model.conditions
    prior = np.exp(model.log_prior(ev.weeks))
    allowed = prior > 0
    states = [c for c, ok in zip(conditions, allowed, strict=True) if ok]
    prior = prior[allowed] / prior[allowed].sum()
    n = len(states)
    # each condition's components (engine/forms.py): each form alone and, for a
    # co-existing condition, beside the ordinary ache (the noisy-OR computed here from
    # the forms' own tables, not taken from the engine's mixture)
    main = np.exp(model.log_p[t])
    co = model.pack.coexisting
    prev = co.prevalence.by_trimester()[t] if co is not None else 0.0
    listed = ([model.index[f] for f in model.pack.likelihoods[co.condition]]
              if co is not None else [])
    common = main[conditions.index(co.condition)] if co is not None else main[0]
    parts: list[list[tuple[float, np.ndarray]]] = []  # per state: (weight, table)
    for c in states:
        i = conditions.index(c)
        forms = ([(float(share[t]), table[t]) for share, table in model.forms_alone[i]]
                 if i in model.forms_alone else [(1.0, main[i])])
        mine: list[tuple[float, np.ndarray]] = []
        for share, table in forms:
            if co is not None and c in co.conditions:
                beside = table.copy()
                for j in listed:
                    beside[j] = 1.0 - (1.0 - table[j]) * (1.0 - prev * common[j])
                mine += [(share * (1.0 - prev), table), (share * prev, beside)]
            else:
                mine.append((share, table))
        parts.append(mine)
    k_max = max(len(m) for m in parts)
    weight = np.zeros((k_max, n))
    tables = np.empty((n, k_max, len(model.findings)))
    for k, mine in enumerate(parts):
        for r in range(k_max):
            w, table = mine[r] if r < len(mine) else (0.0, mine[0][1])
            weight[r, k] = w
            tables[k, r] = table
    soft = {imp.if_ for imp in model.pack.implies if imp.soft}
    parent = {model.findings[int(c)]: model.findings[int(q)]
              for c, q in zip(model.nesting.child, model.nesting.parent, strict=True)}
    observed = sorted(ev.present | ev.absent)
    nodes = set(observed)
    for f in observed:
        while f in parent:  # a nested finding brings its parent (and its parent's)
            f = parent[f]
            nodes.add(f)
    edges = [("condition", "component")]
    edges += [(up, f) for f in sorted(nodes) for up in ("condition", "component")]
    edges += [(parent[f], f) for f in sorted(nodes) if f in parent]
    net = DiscreteBayesianNetwork(edges)
    yes_no = ["no", "yes"]
    cpds: list[Any] = [
        TabularCPD(
            "condition", n, prior.reshape(-1, 1), state_names={"condition": states}
        ),
        TabularCPD(
            "component", k_max, weight, evidence=["condition"], evidence_card=[n],
            state_names={"component": list(range(k_max)), "condition": states},
        ),
    ]
    comps = list(range(k_max))
    for f in sorted(nodes):
        j = model.index[f]
        # columns: condition-major, then the component
        p = tables[:, :, j]
        names = {f: yes_no, "condition": states, "component": comps}
        if f not in parent:
            cpds.append(
                TabularCPD(
                    f, 2, np.vstack([1.0 - p.reshape(-1), p.reshape(-1)]),
                    evidence=["condition", "component"], evidence_card=[n, k_max],
                    state_names=names,
                )
            )
            continue
        up = parent[f]
        given = p / tables[:, :, model.index[up]]
        # columns: condition-major, then the component, then the parent's state (no,
        # yes). Without its parent a child is impossible, or for a soft implication (a
        # side of a pain on both sides) equally rare under every condition: the
        # engine's reading is the limit of that rate going to zero (SOFT_RATE)
        without = SOFT_RATE if f in soft else 0.0
        yes = np.stack([np.full_like(given, without), given], axis=-1).reshape(-1)
        cpds.append(
            TabularCPD(
                f, 2, np.vstack([1.0 - yes, yes]),
                evidence=["condition", "component", up], evidence_card=[n, k_max, 2],
                state_names={**names, up: yes_no},
            )
        )
    net.add_cpds(*cpds)
    evidence = {f: ("yes" if f in ev.present else "no") for f in observed}
    q = VariableElimination(net).query(["condition"], evidence=evidence, show_progress=False)
    out = np.zeros(len(conditions))
    names_ = q.state_names["condition"]
    for k, name in enumerate(names_):
        out[conditions.index(name)] = q.values[k]
    return out
