"""What to do now, what helps, what to avoid, and when to get help at once.

The plan is fitted to the stage of pregnancy, the leading conditions of the
differential and the triage level. Self-care is never offered for an
emergency (the plan says what to do now instead), and every result carries
the safety net, because a differential can be wrong and a woman must know
which changes mean "go now". All the words and rules are in ``advice.yaml``;
this module only selects.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

from gravida.advice._pack import PackRef, check_weeks_in
from gravida.advice.advice_book import AdviceBook, in_span, load_advice
from gravida.advice.plan_parts import (
    LeadingCondition,
    MedicineAdvice,
    MedicineMention,
    Plan,
    PlanItem,
    Sign,
)

__all__ = [
    "AdviceBook",
    "LeadingCondition",
    "MedicineAdvice",
    "MedicineMention",
    "Plan",
    "PlanItem",
    "Sign",
    "build_plan",
    "load_advice",
]


def _leading(book: AdviceBook, conditions: Sequence[tuple[str, float]]
             ) -> tuple[LeadingCondition, ...]:
    rule = book.data.leading
    checked = _checked(book, conditions)
    # most probable first, equal ones in the order given (reverse keeps a sort stable)
    ranked = sorted(checked, key=itemgetter(1), reverse=True)
    chosen = ranked[:1]
    for cp in ranked[1:rule.top]:
        if cp[1] < rule.min_probability:  # and so is every one after it
            break
        chosen.append(cp)
    return tuple(LeadingCondition(c, book.lay_names[c], p) for c, p in chosen)


def _checked(book: AdviceBook, conditions: Sequence[tuple[str, float]]
             ) -> list[tuple[str, float]]:
    """Each (id, probability) with its probability as a float, once all are checked.

    The usual differential (every condition of the pack, from the engine) passes
    whole; anything else is read pair by pair, so the first bad pair is the one
    named, as its error says.
    """
    if not isinstance(conditions, list | tuple):  # read twice below when one is bad
        conditions = list(conditions)
    try:
        checked = [(cid, float(p)) for cid, p in conditions]
        if book.lay_names.keys() >= {cid for cid, _ in checked} and all(
                0.0 <= p <= 1.0 for _, p in checked):
            return checked
    except Exception:  # read again pair by pair: the first bad one is named
        pass
    checked = []
    for pair in conditions:
        try:
            cid, p = pair
            prob = float(p)
        except (TypeError, ValueError):
            raise ValueError(f"each condition must be (id, probability), got {pair!r}") from None
        if cid not in book.lay_names:
            raise ValueError(f"unknown condition id {cid!r}")
        if not 0.0 <= prob <= 1.0:  # NaN too: every comparison with it is false
            raise ValueError(f"probability of {cid} must be between 0 and 1 (got {p!r})")
        checked.append((cid, prob))
    return checked


def build_plan(pack: PackRef, weeks: float, conditions: Sequence[tuple[str, float]],
               level: str) -> Plan:
    """The plan for a woman at ``weeks`` with this ranked differential and triage ``level``.

    Raises ValueError naming the bad argument (weeks out of range, an unknown
    condition or level, a probability outside 0-1) and PackError for a broken pack.
    """
    book = load_advice(pack)
    w = check_weeks_in(weeks, book.weeks_lo, book.weeks_hi)
    if level not in book.data.levels:
        raise ValueError(f"unknown triage level {level!r}; expected one of {list(book.levels)}")
    leading = _leading(book, conditions)
    lvl = book.data.levels[level]
    # what the leading conditions and the level select (kept per book), then her weeks
    chosen = book.chosen(frozenset(c.id for c in leading), level)
    items = [] if lvl.urgent else [it for it, a, n in chosen.items
                                   if in_span(w, a) and not (n is not None and in_span(w, n))]
    at = book.at_weeks(w)
    meds = [at.medicine_advice[mid] for mid, a, n in chosen.medicine_advice
            if in_span(w, a) and not (n is not None and in_span(w, n))]
    now, now_sources = lvl.at(w)
    return Plan(
        weeks=w,
        level=level,
        urgent=lvl.urgent,
        now=now,
        now_sources=tuple(now_sources),
        leading=leading,
        self_care=tuple(i for i in items if i.kind == "do"),
        avoid=tuple(i for i in items if i.kind == "avoid"),
        medicine_advice=tuple(meds),
        safety_net_intro=book.data.safety_net.intro,
        safety_net=at.signs,
    )
