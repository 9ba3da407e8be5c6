"""The leader among emergency causes: a question asked after "go now" to name it.

Once an emergency is shown, the interview asks only what could make it an
ambulance call (decision.py): what she must do is known, and the advice is the
same "go now" for every emergency cause. Which cause is named first still
matters to the hand-off and to what the maternity unit checks first, and an
emergency shown early often leaves two emergency causes close (pancreatitis or
pre-eclampsia for upper belly pain; a kidney infection or an infection around
the baby for a fever). So, when the emergency step would stop, one more
question may be asked, announced like the emergency's other questions (she has
been told what to do), when all hold:

- the cause named first is an emergency cause, and so is a second one (the
  rival, below). Named first as the engine lists it: the working diagnosis
  when a red flag's rule says to rule one out first (engine.working: upper
  belly pain after 20 weeks names pre-eclampsia, though gallstones may be more
  probable), else the leader;
- the answers of the question after which the engine would name the rival
  first are together at least ``plausible_answer`` likely (probability x
  answerable): the question can change which emergency cause is named;
- of such questions, the one with the greatest expected gain in the posterior
  of the cause named first (the value of its information for naming the right
  one of the two: after each answer, the posterior of the one the engine would
  then name first, the rival or the first, less the first's now), when that
  gain is above zero. Not the larger of the two posteriors: where a rule names
  a cause that is not the likeliest (an ectopic pregnancy before a likelier
  miscarriage), the likelier one stays the larger whatever the answer, and
  that gain was zero but for rounding;
- fewer than ``leader_questions`` answers (of any kind) have been given since
  the emergency was shown: at most that many questions after "go now" (or after
  "call an ambulance": the step runs at both stops).

The rival is the likeliest other condition at an emergency level or above now.
When no plausible answer would name that one first, it is the likeliest
condition below the emergency line now that a plausible answer would both name
first and take to an emergency level or above (its level read in that answer's
evidence): bleeding and faintness at 13 weeks is an ambulance call, the rule
names an ectopic pregnancy first and a miscarriage is likelier; "is the
bleeding heavy?" (a dispatcher's question) makes the miscarriage an ambulance
cause itself, and names it. Only as the fallback: taken first, the likeliest
such condition near upper belly pain is gallstones (a fever of 40 would make
it an emergency), and its question displaced the one that names pancreatitis
(docs/interview.md, "Measured: the leader after call an ambulance").

Not the level: a question that only moves the level is the emergency step's
own (decision.py). Asking after an emergency whatever could change the leader
(``lead_change`` as below the line) lost right leaders: near a tie of three
(pre-eclampsia, fatty liver and gallstones), one true answer (yellow skin)
moved the leader to a cause below the emergency line, and the answers that
would move it back went unasked (docs/interview.md). Here only an answer that
names the second emergency cause counts. The bar is the plausibility line, not
``lead_change`` as below the emergency line: she has been told what to do,
the level does not depend on it, and the answer that names the right one of two
emergency causes is often a single finding of the second (the pain going
through to the belly, for pancreatitis), rarely one in five likely.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from gravida.engine import Engine, Evidence
from gravida.engine.model import leaders, softmax
from gravida.engine.triage import TriageReason
from gravida.interview.answers import Value
from gravida.interview.catalogue import Params, QuestionSpec
from gravida.interview.policy import Batch, FloatArray, Hypothesis, IntArray
from gravida.knowledge import expr


class Naming:
    """Which condition the engine lists first for a hypothetical evidence: the
    working diagnosis when a red flag's rule says to rule it out first
    (engine.working), else the leader. Built once per pack."""

    def __init__(self, engine: Engine) -> None:
        self.triager, self.diagnoser = engine.triager, engine.diagnoser
        self.index = {c: i for i, c in enumerate(engine.model.conditions)}
        # the conditions a working diagnosis may name (every other one is named
        # first only where it leads)
        self.suspects = frozenset(i for ids in engine.diagnoser.suspects.values()
                                  for i in ids)
        # the floor rules that name conditions, in ``Triager.rule_reasons``' order: the
        # only reasons ``WorkingDiagnoser.named`` reads, so the only ones worked out
        pack = self.pack = engine.pack
        self.naming_floors = sorted(
            ((cr, mentions) for cr, mentions in engine.triager.floors
             if cr.rule.id in engine.diagnoser.suspects),
            key=lambda fl: -pack.level_rank(fl[0].rule.level))
        # what they read: an answer about none of these leaves them as they were
        self.naming_inputs = frozenset(f for cr, _ in self.naming_floors
                                       for f in expr.findings_in(cr.node))
        # each such rule's findings (``naming_question``: what she has must be one)
        self.rule_findings = {cr.rule.id: frozenset(expr.findings_in(cr.node))
                              for cr, _ in self.naming_floors}
        self.model = engine.model

    def rank(self, weeks: float, h: Hypothesis, c: int) -> int:
        """Condition ``c``'s level (as a rank) for the evidence ``h``, after its
        adjustments: a miscarriage is an ambulance cause with heavy bleeding."""
        ev = Evidence(weeks, h.present, h.absent, h.numbers, ())
        return self.pack.level_rank(self.triager.condition_level(ev, c))

    def reasons(self, h: Hypothesis) -> list[TriageReason]:
        """The floor rules that name conditions and hold for ``h``, in
        ``Triager.rule_reasons``' order."""
        return self.triager.floor_reasons(h, self.naming_floors)

    def first(self, weeks: float, h: Hypothesis, post: FloatArray,
              reasons: list[TriageReason] | None = None) -> int:
        """The condition listed first for the evidence ``h`` and its posterior
        (``reasons``: ``self.reasons(h)``, when the caller has it)."""
        if reasons is None:
            reasons = self.reasons(h)
        if not reasons:  # no rule names a condition: the leader (WorkingDiagnoser.named)
            return int(leaders(post))
        ev = Evidence(weeks, h.present, h.absent, h.numbers, ())
        working = self.diagnoser.named(ev, post, reasons)
        return self.index[working.condition] if working is not None else int(leaders(post))

    def names(self, c: int, weeks: float, hyps: Sequence[Hypothesis], rows: IntArray,
              posts: FloatArray, firsts: dict[int, int] | None = None
              ) -> npt.NDArray[np.bool_]:
        """Per row of ``posts`` (``rows``: each one's hypothesis): whether ``c`` is
        listed first there. Read only where it could be (``c`` leads, or it is a
        condition a working diagnosis names).

        ``firsts`` keeps the condition listed first per hypothesis across calls for
        the same hypotheses and posteriors: it does not depend on ``c``, and a caller
        that asks about several conditions (``_rival``) would otherwise read each
        hypothesis's working diagnosis once per condition."""
        maybe = (np.ones(len(rows), dtype=bool) if c in self.suspects
                 else leaders(posts[rows]) == c)
        out = np.zeros(len(rows), dtype=bool)
        seen: dict[int, int] = {} if firsts is None else firsts
        inputs = self.naming_inputs
        now: list[TriageReason] | None = None  # the reasons of hyps[0], the evidence now
        for i in np.flatnonzero(maybe).tolist():
            k = int(rows[i])
            named = seen.get(k)
            if named is None:
                h = hyps[k]
                reasons = None
                if h.changed is not None and h.changed.isdisjoint(inputs):
                    if now is None:
                        now = self.reasons(hyps[0])
                    reasons = now
                named = seen[k] = self.first(weeks, h, posts[k], reasons)
            out[i] = named == c
        return out


def leader_question(
    params: Params, emergency_rank: int, after_emergency: int,
    questions: Sequence[QuestionSpec], entries: Sequence[tuple[int, Value, int, int]],
    prob: FloatArray, rows: IntArray, batch: Batch,
    naming: Naming, weeks: float, hyps: Sequence[Hypothesis],
) -> str | None:
    """The question that best names which of two close emergency causes is listed
    first, or None (see the module's docstring). ``rows``: each answer's row of
    ``batch`` and of ``hyps`` (row 0: the evidence now); ``prob``: each answer's
    probability."""
    if after_emergency >= params.leader_questions or not entries:
        return None
    posts, ranks = batch.posterior, batch.condition_ranks
    post0 = posts[0]
    first = naming.first(weeks, hyps[0], post0)
    if ranks[first] < emergency_rank:
        return None
    n_q = len(questions)
    qi = np.array([e[0] for e in entries], dtype=np.int64)
    q_answerable = np.array([q.answerable for q in questions])
    likely = prob * q_answerable[qi]
    found = _rival(naming, emergency_rank, first, ranks, qi, likely, n_q, rows, posts,
                   weeks, hyps, params.plausible_answer)
    if found is None:
        return None
    second, held, named = found
    after = posts[rows]
    parts = np.zeros(n_q)
    np.maximum.at(parts, qi, np.array([e[3] + 1.0 for e in entries]))
    # the value of the answer for naming the right one of the two: the expected
    # posterior of the one named first after it (the rival where the answer names it),
    # less that of the one named first now (per separately answered part)
    pair = np.where(named, after[:, second], after[:, first])
    gain = q_answerable * (np.bincount(qi, prob * pair, minlength=n_q)
                           - parts * float(post0[first]))
    best = max((float(gain[i]), questions[int(i)].id) for i in np.flatnonzero(held))
    return best[1] if best[0] > 0 else None


def _rival(
    naming: Naming, emergency_rank: int, first: int, ranks: IntArray, qi: IntArray,
    likely: FloatArray, n_q: int, rows: IntArray, posts: FloatArray, weeks: float,
    hyps: Sequence[Hypothesis], plausible: float,
) -> tuple[int, npt.NDArray[np.bool_], npt.NDArray[np.bool_]] | None:
    """The rival of the cause named first, the questions whose answers that name
    it first are together plausible (``likely``: each answer's probability x
    answerable), and per answer whether it names it (at an emergency level), or
    None: the likeliest other emergency cause now when a question
    holds it, else the likeliest condition below the line that a plausible answer
    would name first at an emergency level (module docstring)."""
    post0 = posts[0]
    order = [c for c in np.argsort(-post0, kind="stable").tolist()
             if c != first and post0[c] > 0]
    above = next((c for c in order if ranks[c] >= emergency_rank), None)
    firsts: dict[int, int] = {}  # per hypothesis, the condition listed first (any c)
    for c in ([above] if above is not None else []) + [
            c for c in order if ranks[c] < emergency_rank]:
        named = naming.names(c, weeks, hyps, rows, posts, firsts)
        if ranks[c] < emergency_rank:  # ... where that answer makes it an emergency cause
            for n in np.flatnonzero(named).tolist():
                named[n] = naming.rank(weeks, hyps[int(rows[n])], c) >= emergency_rank
        held = np.bincount(qi, likely * named, minlength=n_q) >= plausible
        if held.any():
            return c, held, named
    return None


def naming_question(
    emergency_rank: int, questions: Sequence[QuestionSpec],
    entries: Sequence[tuple[int, Value, int, int]], prob: FloatArray, rows: IntArray,
    batch: Batch, naming: Naming, weeks: float, hyps: Sequence[Hypothesis],
) -> str | None:
    """Before stopping at "go now": a question one of whose answers completes a rule
    that names another emergency cause first, where that answer separates the two;
    or None.

    A fever with central low back pain is an emergency as a kidney infection and as
    a spinal infection, and the interview stopped there naming the kidney. The
    policy names the spine first once the fever comes with a risk factor (a recent
    epidural or spinal injection, weakened immunity, injecting drugs) or with pain
    that never eases (triage.yaml ``fever_with_spinal_infection_signs``): only the
    spine needs the MRI, and delay is the recognised harm there (davis-2004; NICE
    CKS asks exactly these questions of back pain with a fever). Under the model
    such a "yes" is rare while the kidney leads, so neither the level's questions
    nor the leader step's (which weigh posteriors, within two answers) ask it; as
    for a floor one answer away (``Openings.one_answer_from_floor``), the policy's
    rule, not the odds, says the fact matters, and it is asked however unlikely its
    "yes" (probability above zero), when all hold for one of its answers:

    - the cause named first now is an emergency cause, and the answer makes the
      engine name another cause first (``Naming.first``), through a floor rule that
      the answer completes and that names it, with the level unchanged;
    - what she already has is part of that rule (the fever): a rule that one answer
      completes alone is a screen, asked as one or not at all;
    - the answer separates the two: it is strong evidence for the other cause
      against the one named first (a likelihood ratio of the pack's
      ``working_strong_evidence``, 10, Jeffreys' "strong": a recent epidural, weak
      immunity), or her findings already point to the other cause at least as much
      (its posterior over its prior is no lower: the Bayes factor of what she has
      said, as for ``Reopening.places_at_risk``), so that any answer completing its
      rule is enough (central low back pain with a fever: pain that never eases).

    Of such questions, the one whose answers that name the other cause are the
    likeliest (probability x answerable). Asked where the emergency step would stop,
    so after the leader's question and the checks of the level (whose answers, loin
    pain or burning, may have named the kidney already); the rule's other parts
    follow while they still qualify, each asked once.
    """
    posts, ranks = batch.posterior, batch.condition_ranks
    post0 = posts[0]
    first = naming.first(weeks, hyps[0], post0)
    if ranks[first] < emergency_rank or not entries:
        return None
    prior = softmax(naming.model.log_prior(weeks))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(prior > 0, post0 / prior, 0.0)
    # the conditions her findings point to at least as much as to the first
    favoured = ratio >= ratio[first]
    levels = batch.level
    now = _Now(first, hyps[0].present, {r.id for r in naming.reasons(hyps[0])}, post0,
               favoured, naming.pack.working_strong_evidence)
    named: dict[int, bool] = {}
    by_q: dict[int, float] = {}
    for n, (qi, _, k, _) in enumerate(entries):
        got = named.get(k)
        if got is None:
            h = hyps[k]
            got = named[k] = bool(levels[k] == levels[0]) and not (
                h.changed is not None and h.changed.isdisjoint(naming.naming_inputs)
            ) and _names_other(naming, weeks, h, posts[k], now)
        if got and prob[n] > 0:
            by_q[qi] = by_q.get(qi, 0.0) + float(prob[n]) * questions[qi].answerable
    if not by_q:
        return None
    return max((p, questions[qi].id) for qi, p in by_q.items())[1]


class _Now(NamedTuple):
    """What ``naming_question`` reads of the evidence now, for every answer."""

    first: int  # the condition named first
    had: frozenset[str]  # her findings present
    rules: set[str]  # the naming rules that hold
    post: FloatArray
    favoured: npt.NDArray[np.bool_]  # her findings point to it as much as to the first
    strong: float | None  # the pack's likelihood ratio for strong evidence


def _names_other(naming: Naming, weeks: float, h: Hypothesis, post: FloatArray,
                 now: _Now) -> bool:
    """Whether the evidence ``h`` (its posterior ``post``) makes the engine name first
    another cause than ``now.first``, through a rule that ``h`` completes, that holds
    something she had and names it, where ``h`` separates the two
    (``naming_question``)."""
    reasons = naming.reasons(h)
    new = [r for r in reasons if r.id not in now.rules
           and not naming.rule_findings[r.id].isdisjoint(now.had)]
    if not new:
        return False
    other = naming.first(weeks, h, post, reasons)
    if other == now.first or not any(other in naming.diagnoser.suspects[r.id] for r in new):
        return False
    if now.favoured[other]:
        return True
    first = now.first
    return now.strong is not None and bool(
        post[other] * now.post[first] >= now.strong * post[first] * now.post[other])
