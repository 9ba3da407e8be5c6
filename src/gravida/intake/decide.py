"""Each mention's answer: what its modifiers make of it (the docs' step 5).

A mention is negated by a ConText scope, by a negation in its own gap, by one
that an overlapping mention of another finding claims, or by a longer mention of
the same finding denied around it; its polarity type then says what that means;
a mention that is uncertain, someone else's, hypothetical, got over or asked
about is kept as evidence but not used, and one in the past only for a history
finding.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from gravida.intake import context as ctx
from gravida.intake.about import About, asked, has_cue, near_place
from gravida.intake.evidence import TextEvidence
from gravida.intake.lexicon import Lexicon
from gravida.intake.mentions import Mention, char_span

# the ConText categories whose mentions are kept as evidence but not used, as flagged
DROP = {"uncertainty": "uncertain", "family": "family", "hypothetical": "hypothetical"}
RESOLVED = "resolved"  # she got over it ("fine since"): a stated mention is not hers now
QUESTION = "question"  # an urgent word in a question she asks ("will I bleed?"): asked later
LOOSE = "loose"  # a loose keyword: an explicit denial elsewhere wins over it
NEAR = 2  # tokens between a negation and an absent-phrase it flips


def _drop_flags(mods: list[ctx.Scope], finding: str, lex: Lexicon) -> list[str]:
    flags = [DROP[m.trigger.category] for m in mods if m.trigger.category in DROP]
    if any(m.trigger.category == "historical" for m in mods):
        flags.append("historical")
    return flags


def _still_happened(finding: str, mods: list[ctx.Scope], lex: Lexicon) -> bool:
    """An event she got over still happened ("I fell on the stairs, I'm fine now"),
    unless the words of getting over it are ones that end it for that finding ("a
    bleed at 8 weeks, none since")."""
    if finding not in lex.event_findings:
        return False
    unless = lex.event_findings[finding]
    return unless is None or not any(
        unless.search(s.text) for s in mods if s.trigger.category == RESOLVED
    )


def _keeps(flags: list[str], finding: str, lex: Lexicon, happened: bool = False) -> bool:
    for f in flags:
        if f in ("historical", RESOLVED) and finding in lex.history_findings:
            continue
        if f == RESOLVED and happened:
            continue
        if f in ("uncertain", "family", "hypothetical", "historical", RESOLVED, QUESTION):
            return False
    return True

def decide(
    doc: Doc,
    text: str,
    lex: Lexicon,
    mentions: Sequence[Mention],
    all_scopes: Sequence[ctx.Scope],
    in_gaps: ctx.Spans,
    read_as: dict[int, tuple[str, str]],
) -> list[TextEvidence]:
    """One piece of evidence per mention that says something (``in_gaps``: the
    negations in patterns' gaps; ``read_as``: the slips read, by token)."""
    evidence: list[TextEvidence] = []
    starts = sorted({m.start for m in mentions})
    covering: dict[int, list[Mention]] = {}  # the mentions whose words hold a token
    by_finding: dict[str, list[Mention]] = {}
    for m in mentions:
        by_finding.setdefault(m.finding, []).append(m)
        for k in m.literal:
            covering.setdefault(k, []).append(m)
    for m in mentions:
        mods = ctx.modifiers_of(m.start, m.end, all_scopes)
        if m.polarity == "absent":
            # "...and the baby is moving normally" far after a "no" is not negated:
            # a phrase that already states absence flips only on a negation close by
            # and with no other finding between ("no fluid, baby moving fine" and
            # "she's not bleeding and baby is kicking": the negation is the other's)
            mods = [
                s
                for s in mods
                if s.trigger.category != "negation"
                or (
                    (
                        (
                            m.start - NEAR <= s.trigger.end <= m.end
                            and not any(t.is_punct for t in doc[s.trigger.end : m.start])
                            and not _mention_between(starts, s.trigger.end, m.start)
                        )
                        or m.start <= s.trigger.start < m.end
                    )
                    and not _concord(s, m, doc, lex)
                )
            ]
        if lex.own_clause is not None:
            # "болит спина и температуры нет", "температуры нет болит поясница": the
            # "нет" denies the fever, not a clause with a verb of its own
            mods = [s for s in mods if not _other_clause(s, m.start, m.end, doc, lex)]
        negated = any(s.trigger.category == "negation" for s in mods)
        if not negated:
            gap = [t for t in in_gaps.over(m.start, m.end) if not m.literal & set(range(*t))]
            negated = any(m.start <= a and b <= m.end for a, b in gap)
        if not negated:
            negated = _shared_negation(m, covering, in_gaps)
        if not negated:
            negated = _denied_around(m, by_finding.get(m.finding, ()), in_gaps)
        flags = _drop_flags(mods, m.finding, lex)
        if m.polarity == "absent_if_negated":
            if not negated:
                continue
            pol = "absent"
        elif m.polarity == "present_if_negated":
            # "they aren't getting closer": tightenings that do not progress
            if not negated:
                continue
            pol = "present"
        elif m.polarity == "present_only":
            if negated:
                continue
            pol = "present"
        elif m.polarity == "absent_only":
            # "tightenings, no pattern" denies a rhythm; "no tightenings, not regular
            # ones" denies the tightenings, so a rhythm too: absent either way
            pol = "absent"
        elif m.polarity == "present_loose":
            # "no blood" denies bleeding, loosely (an explicit "bleeding" wins);
            # "no blood when I cough" is about somewhere else (below)
            pol = "absent" if negated else "present"
            flags.append(LOOSE)
        elif m.polarity == "present":
            pol = "absent" if negated else "present"
        elif m.polarity == "present_cued":
            # "regularly" is a rhythm of tightenings only beside one (about.py)
            if not has_cue(doc, m.start, m.end, _cue_of(lex, m.finding), all_scopes):
                continue
            pol = "absent" if negated else "present"
        else:
            pol = "present" if negated else "absent"
        if _elsewhere(doc, m, pol, lex):
            continue
        if negated:
            flags.append("negated")
        if pol == "present" and any(s.trigger.category == RESOLVED for s in mods):
            flags.append(RESOLVED)
        if pol == "present" and lex.questions and m.finding in lex.questions.findings and (
            asked(doc, m.start, lex.questions)
        ):
            flags.append(QUESTION)
        c0, c1 = char_span(doc, m.start, m.end)
        triggers_text = [f"{s.trigger.category}:{s.text}" for s in mods] + list(m.notes)
        triggers_text += [f"read_as:{a}={b}" for k, (a, b) in read_as.items() if k in m.literal]
        evidence.append(
            TextEvidence(
                m.finding,
                pol,
                None,
                c0,
                c1,
                text[c0:c1],
                m.pattern,
                tuple(flags + triggers_text),
                _keeps(flags, m.finding, lex, _still_happened(m.finding, mods, lex)),
            )
        )
    return evidence


def inside_longer_denial(
    evidence: list[TextEvidence], red_flags: frozenset[str]
) -> list[TextEvidence]:
    """A plain present mention inside a longer plain denial of the same finding is
    part of it: "sitting for ages doesn't bother it" does not say sitting makes it
    worse. (Only unnegated mentions: a negation flips a phrase, and then the words,
    not the span, say which reading holds.)

    Never for a red flag: a loose denial ("baby ... as usual") can span the very
    words that state it ("the baby is moving less than usual"), and reading a red
    flag she stated as denied means it is never asked. Both mentions then stand,
    and settling them keeps the safer reading (as before this rule)."""
    denials: dict[str, list[TextEvidence]] = {}
    for e in evidence:
        if e.used and e.polarity == "absent" and "negated" not in e.flags and (
            e.finding not in red_flags
        ):
            denials.setdefault(e.finding, []).append(e)
    if not denials:
        return evidence
    return [
        replace(e, used=False, flags=(*e.flags, "inside_denial"))
        if e.used
        and e.polarity == "present"
        and "negated" not in e.flags
        and any(
            d.start <= e.start and e.end <= d.end and d.end - d.start > e.end - e.start
            for d in denials.get(e.finding, ())
        )
        else e
        for e in evidence
    ]


def _denied_around(m: Mention, same: Sequence[Mention], in_gaps: ctx.Spans) -> bool:
    """A longer mention of the same finding around ``m`` holds a negation outside
    ``m``'s words: "sitting for a long time doesn't bother it" denies the worse-with-
    sitting that "sitting for a long time" alone would state."""
    if m.polarity != "present":
        return False
    for o in same:
        if (
            o is m
            or o.polarity != "present"
            or not (o.start <= m.start and m.end <= o.end)
            or o.end - o.start <= m.end - m.start
        ):
            continue
        for a, b in in_gaps.over(o.start, o.end):
            outside = b <= m.start or a >= m.end
            if o.start <= a and b <= o.end and outside and not o.literal & set(range(a, b)):
                return True
    return False


def _shared_negation(
    m: Mention, covering: dict[int, list[Mention]], in_gaps: ctx.Spans
) -> bool:
    """A negation word just before ``m`` that an overlapping mention of another
    finding claims as its own words negates ``m`` too: in "it doesn't ease when I
    lie down" the "doesn't" belongs to the unrelieved pain's phrase ("doesn't
    ease") and also denies the relief that overlaps it, so the two overlapping
    mentions agree instead of contradicting each other."""
    for a, b in in_gaps.over(max(0, m.start - NEAR), m.start):
        if not (m.start - NEAR <= b <= m.start) or a >= m.start:
            continue
        for o in covering.get(a, ()):
            if (
                o.finding != m.finding
                and set(range(a, b)) <= o.literal
                and o.start < m.end
                and m.start < o.end
            ):
                return True
    return False


def _elsewhere(doc: Doc, m: Mention, pol: str, lex: Lexicon) -> bool:
    """A loose denial with a word of another place near it in its sentence
    (``elsewhere``): "peeing without pain, no blood at all" is about her urine; a
    stated mention beside a place of ``elsewhere.stated`` too ("I cut my finger
    and it bled")."""
    if m.finding in lex.elsewhere_stated and near_place(
        doc, m.start, m.end, lex.elsewhere_stated[m.finding]
    ):
        return True
    loose = pol == "absent" and m.polarity in ("present_loose", "absent_if_negated")
    return loose and m.finding in lex.elsewhere and near_place(
        doc, m.start, m.end, lex.elsewhere[m.finding]
    )


def _mention_between(starts: Sequence[int], a: int, b: int) -> bool:
    """A mention starts in tokens [a, b) (``starts`` sorted)."""
    k = bisect_left(starts, a)
    return k < len(starts) and starts[k] < b


def _concord(scope: ctx.Scope, m: Mention, doc: Doc, lex: Lexicon) -> bool:
    """A concord negation ("ни") before a phrase that already says its denial with a
    word of its own ("ни лёжа, ни сидя не отпускает": "не отпускает"), which it
    echoes rather than denies again (``context.concord``)."""
    triggers, own = lex.concord
    return scope.text.lower() in triggers and any(doc[k].lower_ in own for k in m.literal)


def _other_clause(scope: ctx.Scope, start: int, end: int, doc: Doc, lex: Lexicon) -> bool:
    """A negation word that denies only things (``context.own_clause.not_by``) with a
    verb of its own (``own_clause.verbs``) in the mention or between them."""
    if scope.trigger.category != "negation" or scope.text.lower() not in lex.own_clause_not_by:
        return False
    assert lex.own_clause is not None
    t = scope.trigger
    lo, hi = (min(start, t.end), max(end, t.start)) if t.start >= start else (t.end, end)
    return any(lex.own_clause.match(doc[i].lower_) for i in range(lo, hi))


def _cue_of(lex: Lexicon, finding: str) -> About:
    """The cue a cued mention needs: its finding's, or, for a mention a wide range
    made another finding ("every 10 to 40 minutes": irregular), the first one's."""
    if finding in lex.cues_of:
        return lex.cues_of[finding]
    return next(lex.cues_of[r.finding] for r in lex.wide_ranges if r.then == finding)


