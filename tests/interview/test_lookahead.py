"""Each answer's probability under the model, for nested findings in a group;
and pairs of answers read the engine's rule for a condition's required signs.

A finding nested in another (heavy bleeding is bleeding) is absent whenever
its parent is, so a checklist showing both must not multiply their two
absences as if independent when it prices "none of these".
"""

from __future__ import annotations

import numpy as np
import pytest

from gravida.engine import Case
from gravida.engine.model import trimester
from gravida.interview.catalogue import QuestionSpec
from gravida.interview.lookahead import answer_probabilities, figures, pair_crossing

CHILD, PARENT, OTHER = "heavy_vaginal_bleeding", "vaginal_bleeding", "fever"


def _group(members: tuple[str, ...]) -> QuestionSpec:
    return QuestionSpec("test_group", "group", "Any of these?", None, members,
                        items=members)


def _probabilities(engine, case: Case, members: tuple[str, ...]):
    model = engine.model
    ev, post0 = engine.posterior(case)
    implies = [(imp.if_, imp.then) for imp in engine.pack.implies]
    entries = [(0, False, 0, 0)] + [(0, (f,), 0, 0) for f in members]
    prob = answer_probabilities(model, implies, [_group(members)], entries, [], post0,
                                model.p[trimester(ev.weeks)], ev)
    return prob, post0, model.p[trimester(ev.weeks)], model.index


def test_the_pack_still_nests_heavy_bleeding_in_bleeding(engine):
    assert (CHILD, PARENT) in [(imp.if_, imp.then) for imp in engine.pack.implies]


@pytest.mark.parametrize("members", [(PARENT, CHILD, OTHER), (CHILD, OTHER, PARENT)])
def test_none_of_a_parent_and_its_child_counts_the_parent_once(engine, members):
    case = Case({"gestational_weeks": 30})
    prob, post0, p, index = _probabilities(engine, case, members)
    expected = float(post0 @ ((1 - p[:, index[PARENT]]) * (1 - p[:, index[OTHER]])))
    double = float(post0 @ ((1 - p[:, index[PARENT]]) * (1 - p[:, index[CHILD]])
                            * (1 - p[:, index[OTHER]])))
    assert expected != pytest.approx(double)  # the test can tell the two apart
    assert prob[0] == pytest.approx(expected)
    assert prob.sum() == pytest.approx(1.0)


def test_a_member_nested_in_a_finding_already_present_is_priced_given_it(engine):
    case = Case({"gestational_weeks": 30}, present=frozenset({PARENT}))
    prob, post0, p, index = _probabilities(engine, case, (CHILD, OTHER))
    given = np.minimum(1.0, p[:, index[CHILD]] / p[:, index[PARENT]])
    expected = float(post0 @ ((1 - given) * (1 - p[:, index[OTHER]])))
    assert prob[0] == pytest.approx(expected)
    # the rest is shared by the members' own probabilities, the child's given bleeding
    yes = np.array([post0 @ given, post0 @ p[:, index[OTHER]]])
    assert prob[1:] == pytest.approx((1 - expected) * yes / yes.sum())


def test_groups_priced_together_equal_each_priced_alone(engine):
    """A plan prices all its group questions in one matrix (``_price_groups``): each
    group's answers are those it gets on its own, nested members included."""
    case = Case({"gestational_weeks": 30}, present=frozenset({PARENT}))
    model = engine.model
    ev, post0 = engine.posterior(case)
    p_t = model.p[trimester(ev.weeks)]
    implies = [(imp.if_, imp.then) for imp in engine.pack.implies]
    groups = [(CHILD, OTHER), ("chills_rigors", "pain_flank", "pain_one_side", "pain_right_side"),
              ("painful_urination",)]
    questions, entries = [], []
    for qi, members in enumerate(groups):
        questions.append(QuestionSpec(f"g{qi}", "group", "Any of these?", None, members,
                                      items=members))
        entries += [(qi, False, 0, 0)] + [(qi, (f,), 0, 0) for f in members]
    together = answer_probabilities(model, implies, questions, entries, [], post0, p_t, ev)
    at = 0
    for members in groups:
        alone = answer_probabilities(
            model, implies, [_group(members)],
            [(0, False, 0, 0)] + [(0, (f,), 0, 0) for f in members], [], post0, p_t, ev)
        assert together[at:at + len(alone)] == pytest.approx(alone, rel=1e-12)
        assert alone.sum() == pytest.approx(1.0)
        at += len(alone)


def test_a_pair_counts_a_condition_with_required_signs_as_the_engine_does(engine):
    """Reduced movements with a back ache at 34 weeks (an emergency by its rule):
    an abruption is an ambulance only with one of its own signs (triage.yaml
    `requires`). A pair of answers that leaves none of them holding does not
    count it unless it leads, as the engine's triage of those answers would not;
    read without the rule, questions whose answers cannot show a sign (which side
    the pain is on) looked able to make it an ambulance with another answer."""
    from dataclasses import replace

    from gravida.interview import answer, start
    from gravida.interview.session import _state, selector

    case = Case.from_dict({"gestational_weeks": 34, "present": [
        "pain_lower_back_central", "reduced_fetal_movements"]}, engine.pack)
    s = start(engine, case, ["pain_location"])
    s = answer(answer(s, "urgent_signs", None), "measurements", None)
    sel = selector(engine)
    a = sel.answers(_state(s))
    batch = sel.policy.evaluate(a.ev.weeks, a.hyps)
    assert batch.unsuspected is not None
    abruption = engine.model.conditions.index("placental_abruption")
    assert batch.unsuspected[0, abruption]  # none of its signs known now
    post0 = batch.posterior[0]
    prob = answer_probabilities(sel.model, sel.implies, a.questions, a.entries, a.hyps, post0,
                                sel.model.p[trimester(a.ev.weeks)], a.ev)
    qi = np.array([e[0] for e in a.entries])
    k = np.array([e[2] for e in a.entries])
    line = sel.openings.ambulance_rank
    fig = figures(sel.params, a.questions, a.entries, qi, k, prob, batch,
                  int(batch.level[0]), line)

    def marked(b):
        return pair_crossing(sel.policy, sel.params.plausible_answer, qi, k, fig.plausible,
                             b, line, False, len(a.questions), None, fig.likely)

    reading = marked(batch)
    blind = marked(replace(batch, unsuspected=None))
    assert not (reading & ~blind).any()  # the rule only takes pairs away
    assert (blind & ~reading).sum() >= 3
    assert not reading[[q.id for q in a.questions].index("pain_side")]
