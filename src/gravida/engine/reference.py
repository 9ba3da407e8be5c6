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
    finding with P(child | condition) from the pack; unobserved children
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
    observed = sorted(ev.present | ev.absent)
    net = DiscreteBayesianNetwork([("condition", f) for f in observed])
    net.add_node("condition")
    cpds: list[Any] = [
        TabularCPD(
            "condition", len(states), prior.reshape(-1, 1), state_names={"condition": states}
        )
    ]
    for f in observed:
        p = model.p[t, allowed, model.index[f]]
        cpds.append(
            TabularCPD(
                f,
                2,
                np.vstack([1.0 - p, p]),
                evidence=["condition"],
                evidence_card=[len(states)],
                state_names={f: ["no", "yes"], "condition": states},
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
