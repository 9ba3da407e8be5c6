"""Co-existing ordinary back pain: a rare cause seldom comes alone.

Pregnancy-related back pain is so common (wang-2004: 68.5% of pregnant women
at some time in the pregnancy, at every gestational age) that a woman with
pre-eclampsia, a clot or a threatened miscarriage very often also has the
ordinary back ache of pregnancy, and reports its features: an ache across the
low back, dull, worse after standing, eased by rest. Naive Bayes over mutually
exclusive conditions scores those features under the rare condition at the
rare condition's own rate, so the ordinary ache she has beside it votes
against it, and a single red flag beside an ordinary ache ranked its cause
fifth or eighth.

The pack names the common condition, how often it is present beside the
others (``prevalence``, by trimester), and which conditions it can co-exist
with (``conditions.yaml: coexisting``). For those, each finding the common
condition lists is either caused by the condition itself or by the ordinary
ache beside it, a noisy-OR of the two causes:

    P(f | X) = 1 - (1 - P(f | X alone)) * (1 - prevalence * P(f | ordinary ache))

A finding the common condition does not list is left alone: for it the
ordinary ache is no different from any other cause, which the background rate
(the leak) already stands for. The mechanical alternatives to the ordinary
ache (pelvic girdle pain, a strain, sciatica) are not listed as co-existing:
their own features already describe the ache they are.

The ordinary ache is one event, present or not, not a coin tossed for each
finding: a woman who has it reports its features together. So each
co-existing condition X is a mixture of two components, X alone (with
probability 1 - prevalence) and X with the ordinary ache (prevalence), each a
naive Bayes product over the findings:

    P(E | X) = (1 - prev) * prod_f P(f | X alone) + prev * prod_f P(f | X with the ache)

where a finding's probability with the ache is the noisy-OR above. The pgmpy
reference models the same thing as a hidden node "ordinary ache present"
under the condition (engine/reference.py). Nested findings stay nested in
each component: with P(child) < P(parent) under both causes, the noisy-OR
keeps the child below its parent.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from gravida.knowledge.load import Pack

FloatArray = npt.NDArray[np.float64]


def ache_beside(pack: Pack, index: dict[str, int], p: FloatArray, common: int) -> FloatArray:
    """P(f | a component with the ordinary ache beside it) as (trimester, row,
    finding): every row of ``p`` (components alone, engine/forms.py) with the
    noisy-OR of the ache applied to the findings the ache's condition lists; row
    ``common`` is the ache's own. The caller keeps the rows of co-existing
    conditions."""
    out = p.copy()
    co = pack.coexisting
    if co is None:
        return out
    cols = np.array(sorted(index[f] for f in pack.likelihoods[co.condition]), dtype=np.intp)
    beside = prevalence_beside(pack)[:, None] * p[:, common, cols]  # (trimester, finding)
    out[:, :, cols] = 1.0 - (1.0 - p[:, :, cols]) * (1.0 - beside[:, None, :])
    return out


def prevalence_beside(pack: Pack) -> FloatArray:
    """How often the ordinary ache is present beside another cause, by trimester."""
    co = pack.coexisting
    return np.array(co.prevalence.by_trimester() if co else (0.0, 0.0, 0.0))
