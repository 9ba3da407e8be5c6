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
docs/interview.md, "An ambulance cause her findings point to". Where no one answer
does it but several together would (a dissection told from pre-eclampsia by the
pain's onset, severity and character), ``ambulance_path`` asks the first of them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from gravida.engine import Model
from gravida.engine.model import leaders, trimester
from gravida.interview.answers import Value
from gravida.interview.catalogue import Params, QuestionSpec
from gravida.interview.leader import Naming
from gravida.interview.policy import Base, Batch, FloatArray, Hypothesis, LevelPolicy


def ambulance_question(
    params: Params, policy: LevelPolicy, model: Model, naming: Naming,
    emergency_rank: int, ambulance_rank: int, questions: Sequence[QuestionSpec],
    entries: Sequence[tuple[int, Value, int, int]], batch: Batch, weeks: float,
    hyps: Sequence[Hypothesis],
) -> str | None:
    """The question to ask before stopping at "go now" (module docstring), or None.
    ``batch``: the level and posterior of every hypothesis of ``hyps`` (row 0: the
    evidence now); ``entries``: each answer's (question, answer, hypothesis, part)."""
    if not entries or batch.level[0] >= ambulance_rank:
        return None
    posts = batch.posterior
    first, causes = _suspected(naming, weeks, hyps[0], batch, emergency_rank, False)
    if not causes:
        return None
    p_t = model.p[trimester(weeks)]
    strong = naming.pack.working_strong_evidence or 1.0
    ev = hyps[0]
    levels = batch.level
    best: tuple[float, str] | None = None
    for qi, _, k, _ in entries:
        if levels[k] < ambulance_rank or batch.floor_rank[k] >= ambulance_rank:
            continue
        h = hyps[k]
        like = _likelihood(model, p_t, ev, h, False)
        if like is None:
            continue
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


def ambulance_path(
    params: Params, policy: LevelPolicy, model: Model, naming: Naming,
    emergency_rank: int, ambulance_rank: int, questions: Sequence[QuestionSpec],
    entries: Sequence[tuple[int, Value, int, int]], batch: Batch, weeks: float,
    hyps: Sequence[Hypothesis], base: Base,
) -> str | None:
    """The first question of the likeliest plausible path of answers to an ambulance
    through an emergency cause her findings point to strongly, or None (docs/interview.md,
    "An ambulance cause behind several answers").

    ``ambulance_question`` finds one answer that alone makes it an ambulance call. An
    ambulance cause often shows only in several: a dissection with severe high blood
    pressure is told from pre-eclampsia by the pain's story (an abrupt onset, a
    severe pain, a sharp or tearing character: the high-risk pain features of the
    aortic dissection detection risk score, esc-2018), none of which alone makes it
    probable enough, and pre-eclampsia, which the pressure defines, stays named first.
    So, for each cause ``c`` at an emergency level or above now, other than the one
    named first, that her findings point to at least as much as to that one *or
    strongly* (its posterior over its prior at least ``working_strong_evidence``, 10:
    what she said already made it ten times as likely, as a dissection is made by
    pain between the shoulder blades with 170/100), the answer ``c`` would most
    likely give to each open question is taken, among those that report a sign (a
    "no" only removes a rival explanation), are at least ``plausible_answer`` likely
    under ``c``, likelier under ``c`` than under the cause named first, and raise
    ``c``'s posterior; in order of the expected log rise of that posterior under
    ``c`` (P(a|c) x log of the rise: the question that tells most about ``c`` if it
    is the cause first). The shortest run of them that takes the level to an
    ambulance through the differential, with ``c`` at the ambulance level there, and
    is plausible together under ``c`` (the product of their likelihoods at least
    ``plausible_answer``), is the path. Its first question is asked (of several
    causes', that of the likeliest path); after each answer the path is looked for
    again, so an answer against ``c`` ends it. The caller asks it after the leader's
    question, before the emergency step's other questions through the differential
    (whose "don't know"s would spend the checks first), and within
    ``emergency_checks`` answers since the emergency was shown, as those.
    """
    if not entries or batch.level[0] >= ambulance_rank:
        return None
    posts = batch.posterior
    post0 = posts[0]
    first, causes = _suspected(naming, weeks, hyps[0], batch, emergency_rank, True)
    if not causes:
        return None
    t = trimester(weeks)
    ev = hyps[0]
    # of each answer that reports a sign (a "yes", a member, a number: a "no" only
    # removes a rival explanation), its likelihood under every condition, as Python
    # floats (``_sign_likelihood``: the same numbers as ``_likelihood``)
    like: dict[int, list[float] | None] = {}
    kept = model.pack.memo(_sign_likes)
    for _, _, k, _ in entries:
        if k not in like:
            like[k] = _sign_likelihood(model, kept, t, ev, hyps[k])
    best: tuple[float, str] | None = None
    plausible_answer = params.plausible_answer
    for c in causes:
        if post0[c] <= 0.0:
            continue
        # per question (and part, for a number), the answer c would most likely give
        # among those that raise its posterior (Python floats: one division each, as
        # numpy's)
        col = posts[:, c].tolist()
        p0 = col[0]
        chosen: dict[tuple[int, int], tuple[float, float, int, int]] = {}
        for qi, _, k, part in entries:
            lk = like[k]
            if lk is None:
                continue
            p, gain = lk[c], col[k] / p0
            if p < plausible_answer or gain <= 1.0 or p <= lk[first]:
                continue
            if (qi, part) not in chosen or p > chosen[(qi, part)][0]:
                chosen[(qi, part)] = (p, gain, k, qi)
        # the answer that most raises c's posterior (its log), expected under c, first
        order = sorted(chosen.values(), key=lambda t: (-t[0] * np.log(t[1]),
                                                       questions[t[3]].id))
        run: list[Hypothesis] = []
        plausible: list[float] = []  # the run's answers together, under c
        together = 1.0
        present, absent = set(ev.present), set(ev.absent)
        numbers = dict(ev.numbers)
        changed: set[str] | None = set()  # what the run changes (None: unknown)
        for p, _, k, _ in order:
            h = hyps[k]
            if (h.present & absent) or (h.absent & present):
                continue  # contradicts an answer already on the path
            together *= p
            if together < params.plausible_answer:
                break
            present |= h.present
            absent |= h.absent
            numbers.update(h.numbers)
            changed = None if changed is None or h.changed is None else changed | h.changed
            run.append(Hypothesis(frozenset(present), frozenset(absent), numbers.copy(),
                                  None if changed is None else frozenset(changed)))
            plausible.append(together)
        # c at the ambulance level there (after its adjustments) is read first: where
        # no step of the run has it, no step can count, and the run's levels are not
        # needed (most runs); nor are those of the steps after the last that has it
        # (each step's level is its own, whatever else is in the batch)
        ranks = [naming.rank(weeks, h, c) for h in run]
        last = max((j for j, r in enumerate(ranks, start=1) if r >= ambulance_rank), default=0)
        if not last:
            continue
        path = policy.evaluate(weeks, [ev, *run[:last]], base)
        for j in range(1, last + 1):
            if (path.level[j] >= ambulance_rank and path.floor_rank[j] < ambulance_rank
                    and ranks[j - 1] >= ambulance_rank):
                cand = (plausible[j - 1], questions[order[0][3]].id)
                if best is None or cand > best:
                    best = cand
                break
    return None if best is None else best[1]


def _suspected(naming: Naming, weeks: float, ev: Hypothesis, batch: Batch,
               emergency_rank: int, strongly: bool) -> tuple[int, list[int]]:
    """The condition named first now, and the other conditions at an emergency level
    or above now that her findings point to at least as much (each one's posterior
    over its prior no lower), or (``strongly``) at least ``working_strong_evidence``
    times."""
    post0 = batch.posterior[0]
    first = naming.first(weeks, ev, post0)
    ratio = naming.bayes_factors(weeks, post0)
    bar = float(ratio[first])
    if strongly:
        bar = min(bar, naming.pack.working_strong_evidence or 1.0)
    causes = np.flatnonzero((batch.condition_ranks >= emergency_rank)
                            & (ratio >= bar)).tolist()
    return first, [c for c in causes if c != first]


# Not clinical: a bound on memory (the likelihoods of the findings answers set, kept per
# pack: a plan's answers set the same few hundred sets of findings state after state).
LIKES_KEPT = 4096


def _sign_likes(pack: object) -> dict[tuple[int, tuple[int, ...], tuple[int, ...]],
                                      list[float]]:
    """The likelihoods ``_sign_likelihood`` has worked out, by trimester and columns
    (a pack's memo: they depend on its model only)."""
    return {}


def _sign_likelihood(model: Model, kept: dict[tuple[int, tuple[int, ...], tuple[int, ...]],
                                              list[float]],
                     t: int, ev: Hypothesis, h: Hypothesis) -> list[float] | None:
    """``_likelihood(model, model.p[t], ev, h, True)`` as Python floats: the same
    columns in the same order, so the same products (``kept``: those worked out
    before, by trimester and columns, at most LIKES_KEPT)."""
    index = model.index
    changed = h.changed
    pos: tuple[int, ...]
    neg: tuple[int, ...]
    if changed is not None and len(changed) == 1:
        # the common case, one finding changed (``changed`` holds every finding that
        # differs from the evidence now): a "yes" is its column, anything else no sign
        for f in changed:
            j = index.get(f)
            if j is None or f not in h.present or f in ev.present:
                return None
            pos, neg = (j,), ()
    else:
        pos = tuple(index[f] for f in h.present - ev.present if f in index)
        if not pos:
            return None
        neg = tuple(index[f] for f in h.absent - ev.absent if f in index)
    key = (t, pos, neg)
    got = kept.get(key)
    if got is None:
        p_t = model.p[t]
        got = (np.prod(p_t[:, list(pos)], axis=1)
               * np.prod(1.0 - p_t[:, list(neg)], axis=1)).tolist()
        if len(kept) < LIKES_KEPT:
            kept[key] = got
    return got


def _likelihood(model: Model, p_t: FloatArray, ev: Hypothesis, h: Hypothesis,
                signs_only: bool) -> FloatArray | None:
    """The likelihood under every condition of the findings ``h`` changes from ``ev``;
    None when it changes none, or (``signs_only``) reports no sign present."""
    pos = [model.index[f] for f in h.present - ev.present if f in model.index]
    neg = [model.index[f] for f in h.absent - ev.absent if f in model.index]
    if not pos and (signs_only or not neg):
        return None
    out: FloatArray = np.prod(p_t[:, pos], axis=1) * np.prod(1.0 - p_t[:, neg], axis=1)
    return out
