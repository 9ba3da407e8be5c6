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


def pgmpy_posterior(model: Model, ev: Evidence) -> FloatArray:
    """P(condition | evidence) by pgmpy's VariableElimination on an explicit network.

    The network: one parent "condition" (states: the conditions, prior = the
    trimester prior with week limits applied) and one binary child per
    finding with P(child | condition) from the pack; a nested finding (heavy
    bleeding in bleeding) hangs from its parent finding too, with
    P(child | parent, condition) = P(child | condition) / P(parent | condition)
    and 0 without the parent, and its parent joins the network (observed or
    not). Unobserved nodes marginalise out, as in the engine.
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
    parent = {model.findings[int(c)]: model.findings[int(q)]
              for c, q in zip(model.nesting.child, model.nesting.parent, strict=True)}
    observed = sorted(ev.present | ev.absent)
    nodes = set(observed)
    for f in observed:
        while f in parent:  # a nested finding brings its parent (and its parent's)
            f = parent[f]
            nodes.add(f)
    edges = [("condition", f) for f in sorted(nodes)]
    edges += [(parent[f], f) for f in sorted(nodes) if f in parent]
    net = DiscreteBayesianNetwork(edges)
    net.add_node("condition")
    cpds: list[Any] = [
        TabularCPD(
            "condition", len(states), prior.reshape(-1, 1), state_names={"condition": states}
        )
    ]
    n = len(states)
    for f in sorted(nodes):
        p = model.p[t, allowed, model.index[f]]
        if f not in parent:
            cpds.append(
                TabularCPD(
                    f, 2, np.vstack([1.0 - p, p]),
                    evidence=["condition"], evidence_card=[n],
                    state_names={f: ["no", "yes"], "condition": states},
                )
            )
            continue
        up = parent[f]
        given = p / model.p[t, allowed, model.index[up]]
        # columns: condition-major, then the parent's state (no, yes)
        yes = np.column_stack([np.zeros(n), given]).reshape(-1)
        cpds.append(
            TabularCPD(
                f, 2, np.vstack([1.0 - yes, yes]),
                evidence=["condition", up], evidence_card=[n, 2],
                state_names={f: ["no", "yes"], up: ["no", "yes"], "condition": states},
            )
        )
    net.add_cpds(*cpds)
    evidence = {f: ("yes" if f in ev.present else "no") for f in observed}
    q = VariableElimination(net).query(["condition"], evidence=evidence, show_progress=False)
    out = np.zeros(len(conditions))
    names = q.state_names["condition"]
    for k, name in enumerate(names):
        out[conditions.index(name)] = q.values[k]
    return out
