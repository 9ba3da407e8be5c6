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
from gravida.knowledge.loaded import CompiledRule

# Not clinical: a bound on memory (the naming rules each set of changed findings reads,
# kept per pack: a pack has a few hundred such sets).
TOUCHING_KEPT = 4096


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
        # each such rule's findings (``naming_question``: what she has must be one)
        self.rule_findings = {cr.rule.id: frozenset(expr.findings_in(cr.node))
                              for cr, _ in self.naming_floors}
        # what they read: an answer about none of these leaves them as they were
        self.naming_inputs = frozenset().union(*self.rule_findings.values())
        # per finding, the naming rules (by place in naming_floors) that read it
        floors_of: dict[str, list[int]] = {}
        for i, (cr, _) in enumerate(self.naming_floors):
            for f in self.rule_findings[cr.rule.id]:
                floors_of.setdefault(f, []).append(i)
        self._floors_of = {f: tuple(ix) for f, ix in floors_of.items()}
        # per set of changed findings, the naming rules an answer changing them reads
        # (``firsts``; in naming_floors' order): depends on the pack only, and a plan's
        # answers change the same findings state after state
        self._touching: dict[frozenset[str], list[tuple[CompiledRule, frozenset[str] | None]]] = {}
        # each naming rule's place among them (``reasons_after`` keeps their order)
        self._place = {cr.rule.id: i for i, (cr, _) in enumerate(self.naming_floors)}
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

    def touching(self, changed: frozenset[str]
                 ) -> list[tuple[CompiledRule, frozenset[str] | None]]:
        """The naming rules that read one of the findings ``changed``, in
        ``naming_floors``' order (kept per set of findings: it depends on the pack)."""
        got = self._touching.get(changed)
        if got is None:
            by_finding = self._floors_of
            got = [self.naming_floors[i] for i in
                   sorted({i for f in changed for i in by_finding.get(f, ())})]
            if len(self._touching) < TOUCHING_KEPT:
                self._touching[changed] = got
        return got

    def reasons_after(self, h: Hypothesis, now: list[TriageReason]) -> list[TriageReason]:
        """``reasons(h)`` for an answer's hypothesis, given ``now``: the reasons of the
        evidence it was made from. A rule reads only the findings it mentions, and
        ``h.changed`` holds every finding that differs, so only the rules that read one
        of those are read again; the others hold as they hold now (the same reasons,
        in the same order)."""
        if h.changed is None:
            return self.reasons(h)
        touching = self.touching(h.changed)
        if not touching:
            return now
        again = self.triager.floor_reasons(h, touching)
        if not now:
            return again
        read = {cr.rule.id for cr, _ in touching}
        kept = [r for r in now if r.id not in read]
        if not kept or not again:
            return kept or again
        place = self._place
        return sorted(kept + again, key=lambda r: place[r.id])

    def bayes_factors(self, weeks: float, post: FloatArray) -> FloatArray:
        """Each condition's posterior over its prior at ``weeks``: how much what she
        said points to it (0 where the prior is 0). The naming step and the ambulance
        step (ambulance.py) compare causes by it."""
        prior = softmax(self.model.log_prior(weeks))
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio: FloatArray = np.where(prior > 0, post / prior, 0.0)
        return ratio

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

    def firsts(self, weeks: float, hyps: Sequence[Hypothesis], posts: FloatArray
               ) -> npt.NDArray[np.int64] | None:
        """Per row of ``posts`` (``hyps``: each row's hypothesis, row 0 the evidence
        now): the condition listed first, or None where every row's is its leader
        (no naming rule holds now and no answer touches one: the common case, read
        without naming anything). The leader of a row is what the engine lists first
        only without a working diagnosis: after a past cancer, "is the pain worse at
        night?" names spinal malignancy first while pregnancy back pain still leads."""
        inputs = self.naming_inputs
        now = self.reasons(hyps[0])
        out: npt.NDArray[np.int64] | None = None
        maybe: list[bool] = []
        if now:  # a rule names only a suspect its evidence made likelier than before
            named = sorted({i for r in now for i in self.diagnoser.suspects.get(r.id, ())})
            prior = softmax(self.model.log_prior(weeks))
            maybe = np.asarray((posts[:, named] > prior[named]).any(axis=1)).tolist()
        for k, h in enumerate(hyps):
            if h.changed is not None and h.changed.isdisjoint(inputs):
                if not now or not maybe[k]:
                    continue  # no naming rule (nor suspect) now or after it: the leader
                reasons = now
            else:  # only the rules this answer touches are read again
                reasons = self.reasons_after(h, now)
                if not (now or reasons or h.changed is None):
                    continue  # none holds now, nor after it
            if out is None:
                out = leaders(posts).astype(np.int64)
            out[k] = self.first(weeks, h, posts[k], reasons)
        return out

    def names(self, c: int, weeks: float, hyps: Sequence[Hypothesis], rows: IntArray,
              posts: FloatArray, firsts: dict[int, int] | None = None,
              read: dict[int, list[TriageReason]] | None = None,
              ) -> npt.NDArray[np.bool_]:
        """Per row of ``posts`` (``rows``: each one's hypothesis): whether ``c`` is
        listed first there. Read only where it could be (``c`` leads, or it is a
        condition a working diagnosis names).

        ``firsts`` keeps the condition listed first per hypothesis across calls for
        the same hypotheses and posteriors: it does not depend on ``c``, and a caller
        that asks about several conditions (``_rival``) would otherwise read each
        hypothesis's working diagnosis once per condition. ``read`` keeps, the same
        way, the naming rules that hold for each (``reasons``).

        The condition listed first is a suspect of a naming rule that holds, or the
        leader (``first``; ``WorkingDiagnoser.named`` names only those suspects). So
        where no rule that holds names ``c`` and ``c`` does not lead, ``c`` is not
        listed first, and the working diagnosis (the costly part: the likelihood of
        the rest of her findings) is not read."""
        suspect = c in self.suspects
        # each row's leader, as ``first`` reads it (``leaders``: the same tie-break for
        # a batch of rows as for one), at once
        lead_of = leaders(posts[rows])
        maybe = np.ones(len(rows), dtype=bool) if suspect else lead_of == c
        lead = lead_of.tolist()
        out = np.zeros(len(rows), dtype=bool)
        seen: dict[int, int] = {} if firsts is None else firsts
        held: dict[int, list[TriageReason]] = {} if read is None else read
        inputs = self.naming_inputs
        now: list[TriageReason] | None = None  # the reasons of hyps[0], the evidence now
        named_now = False  # whether a rule of ``now`` names c
        suspects = self.diagnoser.suspects
        for i in np.flatnonzero(maybe).tolist():
            k = int(rows[i])
            named = seen.get(k)
            if named is None:
                h = hyps[k]
                if now is None:
                    now = self.reasons(hyps[0])
                    named_now = any(c in suspects.get(r.id, ()) for r in now)
                if h.changed is not None and h.changed.isdisjoint(inputs):
                    reasons, names_c = now, named_now
                else:
                    got = held.get(k)
                    reasons = held[k] = self.reasons_after(h, now) if got is None else got
                    names_c = bool(reasons) and any(c in suspects.get(r.id, ())
                                                    for r in reasons)
                if not reasons:  # no rule names a condition: the leader (``first``)
                    named = seen[k] = lead[i]
                elif suspect and not names_c and lead[i] != c:
                    continue  # neither named by a rule that holds nor leading: not first
                else:
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
    read: dict[int, list[TriageReason]] = {}  # ... and the naming rules that hold there
    for c in ([above] if above is not None else []) + [
            c for c in order if ranks[c] < emergency_rank]:
        named = naming.names(c, weeks, hyps, rows, posts, firsts, read)
        if ranks[c] < emergency_rank:  # ... where that answer makes it an emergency cause
            for n in np.flatnonzero(named).tolist():
                named[n] = naming.rank(weeks, hyps[int(rows[n])], c) >= emergency_rank
        held = np.bincount(qi, likely * named, minlength=n_q) >= plausible
        if held.any():
            return c, held, named
    return None


def naming_question(
    params: Params, emergency_rank: int, questions: Sequence[QuestionSpec],
    entries: Sequence[tuple[int, Value, int, int]], prob: FloatArray, rows: IntArray,
    batch: Batch, naming: Naming, weeks: float, hyps: Sequence[Hypothesis],
) -> str | None:
    """Before stopping at "go now": a question one of whose answers would name
    another emergency cause first and separates the two; or None.

    The leader step (``leader_question``) weighs posteriors between two causes, within
    two answers after "go now"; it misses a cause that a rule of the policy names
    first on one rare answer, and a third cause close behind the two. So, once the
    emergency step would stop (after the leader's question and the checks of the
    level, whose answers, loin pain or burning, may have named the cause already),
    one more question is asked, announced like the others, for an answer that keeps
    the level and makes the engine name another cause first (``Naming.first``), in
    this order:

    1. **A rule's sign.** The answer completes a floor rule that names that cause,
       with something she already has as part of it (a rule one answer completes
       alone is a screen, asked as one or not at all), and it separates the two:
       it is strong evidence for the other cause against the one named first (a
       likelihood ratio of at least the pack's ``working_strong_evidence``, 10,
       Jeffreys' "strong"), or her findings already point to the other cause at
       least as much (its posterior over its prior is no lower: the Bayes factor
       of what she has said, as for ``Reopening.places_at_risk``). Asked however
       unlikely the answer (a probability above zero): as for a floor one answer
       away (``Openings.one_answer_from_floor``), the policy, not the odds, says
       the fact matters. A fever with central low back pain is an emergency as a
       kidney infection and as a spinal infection; the policy names the spine
       first once the fever comes with a recent epidural or spinal injection,
       weak immunity or injected drugs, or pain that never eases (triage.yaml
       ``fever_with_spinal_infection_signs``: only the spine needs the MRI, and
       delay is the recognised harm there, davis-2004; NICE CKS asks these
       questions of back pain with a fever), yet while the kidney leads such a
       "yes" is rare under the model.
    2. **The differential's.** Otherwise, where her findings point to another
       emergency cause now at least as much as to the one named first, the
       answers that would name it first and are each strong evidence for it
       against the first, when together plausible (probability x answerable at
       least ``plausible_answer``): no rule says this fact matters, so the odds
       must. A fever with low back and lower belly pain at 17 weeks: a kidney
       infection named, the infection around the baby the leader step's rival,
       a pelvic infection third; yellow or smelly discharge names the pelvis.

    Of such questions, the one whose answers that name the other cause are the
    likeliest (probability x answerable); each question is asked once, and the
    next is looked for in the evidence after her answer.
    """
    posts, ranks = batch.posterior, batch.condition_ranks
    post0 = posts[0]
    reasons0 = naming.reasons(hyps[0])
    first = naming.first(weeks, hyps[0], post0, reasons0)
    if ranks[first] < emergency_rank or not entries:
        return None
    ratio = naming.bayes_factors(weeks, post0)
    held = {r.id for r in reasons0}
    had = hyps[0].present
    now = _Now(first, reasons0, [fl for fl in naming.naming_floors if fl[0].rule.id not in held
                                 and not naming.rule_findings[fl[0].rule.id].isdisjoint(had)],
               post0, ratio >= ratio[first], naming.pack.working_strong_evidence)
    levels = batch.level
    # per row, whether some emergency cause her findings point to as much as to the
    # first is strongly favoured against it there: the differential's answers can
    # only be among these rows (worked out for all at once; the rest need no naming)
    maybe = (now.favoured & (ranks >= emergency_rank)).copy()
    maybe[first] = False
    if now.strong is not None and maybe.any():
        strong_somewhere = (posts[:, maybe] * post0[first]
                            >= now.strong * posts[:, first:first + 1] * post0[maybe]).any(axis=1)
    else:
        strong_somewhere = np.zeros(len(posts), dtype=bool)
    # per hypothesis: 1 (a rule's sign), 2 (the differential's) or 0
    kind: dict[int, int] = {}
    by_q: tuple[dict[int, float], dict[int, float]] = ({}, {})
    for n, (qi, _, k, _) in enumerate(entries):
        got = kind.get(k)
        if got is None:
            got = kind[k] = 0 if levels[k] != levels[0] else _names_other(
                naming, weeks, hyps[k], posts[k], now, ranks, emergency_rank,
                bool(strong_somewhere[k]))
        if got and prob[n] > 0:
            sums = by_q[got - 1]
            sums[qi] = sums.get(qi, 0.0) + float(prob[n]) * questions[qi].answerable
    rule, differential = by_q
    if not rule:
        rule = {qi: p for qi, p in differential.items() if p >= params.plausible_answer}
    if not rule:
        return None
    return max((p, questions[qi].id) for qi, p in rule.items())[1]


class _Now(NamedTuple):
    """What ``naming_question`` reads of the evidence now, for every answer."""

    first: int  # the condition named first
    reasons: list[TriageReason]  # the naming rules that hold
    # the naming rules (with their mentions) that do not hold and hold something she has
    open_rules: list[tuple[CompiledRule, frozenset[str] | None]]
    post: FloatArray
    favoured: npt.NDArray[np.bool_]  # her findings point to it as much as to the first
    strong: float | None  # the pack's likelihood ratio for strong evidence


def _names_other(naming: Naming, weeks: float, h: Hypothesis, post: FloatArray, now: _Now,
                 ranks: IntArray, emergency_rank: int, strong_somewhere: bool) -> int:
    """Whether the evidence ``h`` (its posterior ``post``) makes the engine name first
    another cause than ``now.first`` that it separates from it: 1 through a rule's
    sign, 2 through the differential, else 0 (``naming_question``).
    ``strong_somewhere``: some emergency cause her findings favour is strongly
    favoured against the first in ``post`` (else only a rule's sign can count)."""
    touches = h.changed is None or not h.changed.isdisjoint(naming.naming_inputs)
    # a rule that holds now, or holds nothing she had, or reads nothing the answer
    # changed, is no new sign: only the others are read first
    changed = h.changed
    new = naming.triager.floor_reasons(h, [
        fl for fl in now.open_rules
        if changed is None or not naming.rule_findings[fl[0].rule.id].isdisjoint(changed)
    ]) if touches else []
    if not (new or strong_somewhere):
        return 0
    reasons = naming.reasons(h) if touches else now.reasons
    other, first = naming.first(weeks, h, post, reasons), now.first
    if other == first:
        return 0
    strong = now.strong is not None and bool(
        post[other] * now.post[first] >= now.strong * post[first] * now.post[other])
    if any(other in naming.diagnoser.suspects[r.id] for r in new):
        return 1 if strong or now.favoured[other] else 0
    return 2 if strong and now.favoured[other] and ranks[other] >= emergency_rank else 0
