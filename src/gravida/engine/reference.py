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
    trimester prior with week limits applied); a hidden binary node "ache" (the
    ordinary back ache of pregnancy beside the condition, engine/coexist.py)
    under it, present with the pack's prevalence for a co-existing condition and
    never for the others; and one binary child per finding under both, with
    P(child | condition, no ache) from the pack and, with the ache, the noisy-OR
    of the condition and the ordinary ache for a finding the ache's condition
    lists (computed here from the pack, not taken from the engine). A nested
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
    alone = np.exp(model.log_p[t])[allowed]  # (condition, finding), each condition alone
    beside = alone.copy()
    ache = np.zeros(n)
    co = model.pack.coexisting
    if co is not None:
        prev = co.prevalence.by_trimester()[t]
        common = np.exp(model.log_p[t])[conditions.index(co.condition)]
        listed = [model.index[f] for f in model.pack.likelihoods[co.condition]]
        for k, c in enumerate(states):
            if c in co.conditions:
                ache[k] = prev
                for j in listed:
                    beside[k, j] = 1.0 - (1.0 - alone[k, j]) * (1.0 - prev * common[j])
    soft = {imp.if_ for imp in model.pack.implies if imp.soft}
    parent = {model.findings[int(c)]: model.findings[int(q)]
              for c, q in zip(model.nesting.child, model.nesting.parent, strict=True)}
    observed = sorted(ev.present | ev.absent)
    nodes = set(observed)
    for f in observed:
        while f in parent:  # a nested finding brings its parent (and its parent's)
            f = parent[f]
            nodes.add(f)
    edges = [("condition", "ache")]
    edges += [(up, f) for f in sorted(nodes) for up in ("condition", "ache")]
    edges += [(parent[f], f) for f in sorted(nodes) if f in parent]
    net = DiscreteBayesianNetwork(edges)
    yes_no = ["no", "yes"]
    cpds: list[Any] = [
        TabularCPD(
            "condition", n, prior.reshape(-1, 1), state_names={"condition": states}
        ),
        TabularCPD(
            "ache", 2, np.vstack([1.0 - ache, ache]), evidence=["condition"],
            evidence_card=[n], state_names={"ache": yes_no, "condition": states},
        ),
    ]
    for f in sorted(nodes):
        j = model.index[f]
        # columns: condition-major, then the ache (no, yes)
        p = np.column_stack([alone[:, j], beside[:, j]])
        names = {f: yes_no, "condition": states, "ache": yes_no}
        if f not in parent:
            cpds.append(
                TabularCPD(
                    f, 2, np.vstack([1.0 - p.reshape(-1), p.reshape(-1)]),
                    evidence=["condition", "ache"], evidence_card=[n, 2], state_names=names,
                )
            )
            continue
        up = parent[f]
        u = model.index[up]
        given = p / np.column_stack([alone[:, u], beside[:, u]])
        # columns: condition-major, then the ache, then the parent's state (no, yes).
        # Without its parent a child is impossible, or for a soft implication (a side
        # of a pain on both sides) equally rare under every condition: the engine's
        # reading is the limit of that rate going to zero (SOFT_RATE)
        without = SOFT_RATE if f in soft else 0.0
        yes = np.stack([np.full_like(given, without), given], axis=-1).reshape(-1)
        cpds.append(
            TabularCPD(
                f, 2, np.vstack([1.0 - yes, yes]),
                evidence=["condition", "ache", up], evidence_card=[n, 2, 2],
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
