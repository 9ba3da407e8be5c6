"""The leader among emergency causes: a question asked after "go now" to name it.

Once an emergency is shown, the interview asks only what could make it an
ambulance call (decision.py): what she must do is known, and the advice is the
same "go now" for every emergency cause. Which cause leads still matters to the
hand-off and to what the maternity unit checks first, and an emergency shown
early often leaves two emergency causes close (pancreatitis or pre-eclampsia
for upper belly pain; a kidney infection or an infection around the baby for a
fever). So, when the emergency step would stop, one more question may be asked,
announced like the emergency's other questions (she has been told what to do),
when all hold:

- the two likeliest conditions are both causes at an emergency level or above
  (a benign cause close to an emergency one is the emergency step's own: the
  rule that showed the emergency lists its suspect first);
- the answers of the question that would put the second of them before the
  first are together at least ``lead_change`` likely (probability x
  answerable): the bar of the leader below the emergency line; the question
  separates the two;
- of such questions, the one with the greatest expected gain in the larger of
  the two posteriors (the value of its information for naming which of the two
  leads: the expected larger after the answer, less the larger now), when that
  gain is above zero;
- fewer than ``leader_questions`` answers (of any kind) have been given since
  the emergency was shown: at most that many questions after "go now".

Not the level: a question that only moves the level is the emergency step's
own (decision.py). Asking after an emergency whatever could change the leader
(``lead_change`` as below the line) lost right leaders: near a tie of three
(pre-eclampsia, fatty liver and gallstones), one true answer (yellow skin)
moved the leader to a cause below the emergency line, and the answers that
would move it back went unasked (docs/interview.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from gravida.interview.answers import Value
from gravida.interview.catalogue import Params, QuestionSpec
from gravida.interview.policy import Batch, FloatArray, IntArray


def leader_question(
    params: Params, emergency_rank: int, after_emergency: int,
    questions: Sequence[QuestionSpec], entries: Sequence[tuple[int, Value, int, int]],
    prob: FloatArray, rows: IntArray, batch: Batch,
) -> str | None:
    """The question that best names which of two close emergency causes leads, or
    None (see the module's docstring). ``rows``: each answer's row of ``batch``
    (row 0: the evidence now); ``prob``: each answer's probability."""
    if after_emergency >= params.leader_questions or not entries:
        return None
    posts, ranks = batch.posterior, batch.condition_ranks
    post0 = posts[0]
    first, second = (int(c) for c in np.argsort(-post0, kind="stable")[:2])
    if min(ranks[first], ranks[second]) < emergency_rank:
        return None
    n_q = len(questions)
    qi = np.array([e[0] for e in entries], dtype=np.int64)
    q_answerable = np.array([q.answerable for q in questions])
    after = posts[rows]
    likely = prob * q_answerable[qi]
    held = np.bincount(qi, likely * (after[:, second] > after[:, first]),
                       minlength=n_q) >= params.lead_change
    if not held.any():
        return None
    # the value of the answer for naming which of the two leads: the expected larger
    # of their posteriors after it, less the larger now (per separately answered part)
    parts = np.zeros(n_q)
    np.maximum.at(parts, qi, np.array([e[3] + 1.0 for e in entries]))
    pair = after[:, [first, second]].max(axis=1)
    gain = q_answerable * (np.bincount(qi, prob * pair, minlength=n_q)
                           - parts * float(post0[[first, second]].max()))
    best = max((float(gain[i]), questions[int(i)].id) for i in np.flatnonzero(held))
    return best[1] if best[0] > 0 else None
