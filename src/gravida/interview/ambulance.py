"""Before stopping at "go now": an answer that would make it an ambulance call through
an emergency cause her findings point to.

After an emergency is shown, the interview asks what could make it an ambulance call:
a rule at that level still open (however unlikely its answer), and answers through
the differential whose probability under the model (times ``answerable``) is at least
``plausible_answer`` (decision.py). The second misses the cause that matters most:
reduced movements and a back ache at 32 weeks are an emergency by their rule, pregnancy
back pain leads, and an abruption (an ambulance cause) is five times as probable as
before anything was said; a pulse of 130 or more, or a systolic of 90 or less, would
make the abruption probable enough for its ambulance, but the model prices that answer
by the back ache that leads (1 in 50, and the measurements form is answerable 0.4), so
it was never asked. The lead saw this on a blind set: the interview stopped at "go now"
at once and the blood pressure that would have set the ambulance was never asked.

So, when the emergency step would stop at "go now", one question is asked (announced
like the others: she has been told what to do; "don't know" ends it at once, and each
question is asked once) when one of its answers

- takes the level to an ambulance through the differential (no floor rule at that
  level holds in its evidence: those are asked anyway) by a condition ``c`` that is
  at the ambulance level in that evidence (after its adjustments: a fever with a
  pulse of 130 makes a kidney infection one) and counts there (probable enough for
  that level, or leading; a condition suspected only with one of its signs needs one);
- is plausible *if ``c`` is the cause*: P(answer | c) is at least ``plausible_answer``
  (not times ``answerable``: a midwife or a doctor on the line has the numbers, and
  "don't know" costs one question, while an ambulance missed is the under-triage that
  matters) and no less than under the cause named first (the answer points to ``c``:
  a "no" that only removes a rival explanation does not count);
- and her findings point to ``c`` at least as much as to the cause named first: its
  posterior over its prior is no lower (the Bayes factor of what she said, as for the
  place of an emergency, reopen.py, and the naming step, leader.py). So a back ache
  with a fever does not ask every woman about an abruption's signs.

Of such questions, the one with the likeliest such answer under its cause.
docs/interview.md, "An ambulance cause her findings point to".
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from gravida.engine import Model
from gravida.engine.model import leaders, trimester
from gravida.interview.answers import Value
from gravida.interview.catalogue import Params, QuestionSpec
from gravida.interview.leader import Naming
from gravida.interview.policy import Batch, Hypothesis, LevelPolicy


def ambulance_question(
    params: Params, policy: LevelPolicy, model: Model, naming: Naming,
    emergency_rank: int, ambulance_rank: int, questions: Sequence[QuestionSpec],
    entries: Sequence[tuple[int, Value, int, int]], batch: Batch, weeks: float,
    hyps: Sequence[Hypothesis],
) -> str | None:
    """The question to ask before stopping at "go now" (module docstring), or None.
    ``batch``: the level and posterior of every hypothesis of ``hyps`` (row 0: the
    evidence now); ``entries``: each answer's (question, answer, hypothesis, part)."""
    levels, posts, ranks0 = batch.level, batch.posterior, batch.condition_ranks
    if not entries or levels[0] >= ambulance_rank:
        return None
    post0 = posts[0]
    first = naming.first(weeks, hyps[0], post0)
    ratio = naming.bayes_factors(weeks, post0)
    # the emergency causes (at an emergency level or above now) she points to as much
    causes = [c for c in np.flatnonzero((ranks0 >= emergency_rank)
                                        & (ratio >= ratio[first])).tolist() if c != first]
    if not causes:
        return None
    p_t = model.p[trimester(weeks)]
    strong = naming.pack.working_strong_evidence or 1.0
    ev = hyps[0]
    best: tuple[float, str] | None = None
    for qi, _, k, _ in entries:
        if levels[k] < ambulance_rank or batch.floor_rank[k] >= ambulance_rank:
            continue
        h = hyps[k]
        pos = [model.index[f] for f in h.present - ev.present if f in model.index]
        neg = [model.index[f] for f in h.absent - ev.absent if f in model.index]
        if not (pos or neg):
            continue
        like = np.prod(p_t[:, pos], axis=1) * np.prod(1.0 - p_t[:, neg], axis=1)
        post = posts[k]
        lead = int(leaders(post))
        for c in causes:
            p = float(like[c])
            if p < params.plausible_answer or p < strong * like[first] or (
                    best is not None and (p, questions[qi].id) <= best):
                continue
            rank = naming.rank(weeks, h, c)
            if rank < ambulance_rank:
                continue
            counts = lead == c or post[c] >= min(policy.threshold_by_rank[rank],
                                                 policy.own_threshold[c])
            if counts and batch.unsuspected is not None and lead != c:
                counts = not batch.unsuspected[k, c]
            if counts:
                best = (p, questions[qi].id)
    return None if best is None else best[1]
