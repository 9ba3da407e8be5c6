"""One language's reading of a text: the phrases, their modifiers, the numbers,
then one answer per finding (parse.py chooses the language and calls this).

Mentions that are uncertain, about someone else, in the past (for current
symptoms) or hypothetical are kept as evidence but do not enter the case: the
case holds only what she states.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc

from gravida.intake import context as ctx
from gravida.intake import settle as settle_module
from gravida.intake.about import About, asked, has_cue, near_place
from gravida.intake.evidence import ParseResult, TextEvidence
from gravida.intake.lexicon import Lexicon, lexicon_for
from gravida.intake.medicines import find_medicines, medicine_spans
from gravida.intake.mentions import Mention, char_span, targets, token_span, widen
from gravida.intake.morph import read_slips
from gravida.intake.numbers import NumberHit, choose, extract_numbers
from gravida.intake.settle import contradictions, durations, settle
from gravida.intake.spelling import set_lemmas
from gravida.intake.text import bound, normalise
from gravida.intake.vague import yield_vague
from gravida.knowledge.i18n import _
from gravida.knowledge.load import Pack

_DROP = {"uncertainty": "uncertain", "family": "family", "hypothetical": "hypothetical"}
RESOLVED = "resolved"  # she got over it ("fine since"): a stated mention is not hers now
QUESTION = "question"  # an urgent word in a question she asks ("will I bleed?"): asked later
LOOSE = "loose"  # a loose keyword: an explicit denial elsewhere wins over it
NEAR = 2  # tokens between a negation and an absent-phrase it flips


def _drop_flags(mods: list[ctx.Scope], finding: str, lex: Lexicon) -> list[str]:
    flags = [_DROP[m.trigger.category] for m in mods if m.trigger.category in _DROP]
    if any(m.trigger.category == "historical" for m in mods):
        flags.append("historical")
    return flags


def _keeps(flags: list[str], finding: str, lex: Lexicon) -> bool:
    for f in flags:
        if f in ("historical", RESOLVED) and finding in lex.history_findings:
            continue
        if f in ("uncertain", "family", "hypothetical", "historical", RESOLVED, QUESTION):
            return False
    return True


def read_one(text: str, pack: Pack, language: str, today: date | None = None) -> ParseResult:
    """Read ``text`` in ``language`` (a code the pack reads) into a case; ``today``
    (the system date unless given) is the day dates in it are counted from."""
    lex = lexicon_for(pack, language)
    # one day for every date in the text (a due date, "since Christmas")
    today = today or settle_module.today()
    warnings: list[str] = []
    original_len = len(text)
    text, truncated = bound(text, lex.max_chars)
    if truncated:
        warnings.append(
            _("input was %(given)d characters; only the first %(read)d were read")
            % {"given": original_len, "read": len(text)}
        )
    norm = normalise(text)
    doc = lex.nlp(norm)
    read_as: dict[int, tuple[str, str]] = {}
    if not lex.lemmas:  # a lemmatiser has set them; otherwise lower case, slips read
        doc, read_as = set_lemmas(doc, lex.speller)
    else:  # slips the lemmatiser's dictionary does not know
        read_as = read_slips(doc, lex.speller)
    triggers = ctx.raw_triggers(doc, lex)
    mentions = widen(doc, norm, lex, targets(doc, lex, triggers))
    med_spans = medicine_spans(doc, lex.medicines)
    names = [frozenset(range(a, b)) for _, a, b in med_spans]
    # a negation in a mention's gap negates that mention even when another
    # finding's phrase claims its words ("lying down doesn't help": the
    # "doesn't help" of an unrelieved pain)
    in_gaps = ctx.gap_negations(triggers, names)
    triggers = ctx.prune(triggers, [m.literal for m in mentions] + names, doc)
    all_scopes = ctx.scopes(doc, triggers, lex)

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
                    m.start - NEAR <= s.trigger.end <= m.end
                    and not any(t.is_punct for t in doc[s.trigger.end : m.start])
                    and not _mention_between(starts, s.trigger.end, m.start)
                )
                or m.start <= s.trigger.start < m.end
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
                _keeps(flags, m.finding, lex),
            )
        )

    evidence = _inside_longer_denial(evidence, frozenset(pack.red_flags))
    near, about_cue = _near(doc, lex, all_scopes, evidence, text)
    evidence = [
        replace(e, used=False, flags=(*e.flags, "about_cue")) if id(e) in about_cue else e
        for e in evidence
    ] + near
    numbers = _numbers(norm, doc, lex, all_scopes, text, today)
    evidence.extend(numbers)
    weeks_spans = [(e.start, e.end) for e in numbers if e.finding == "gestational_weeks" and e.used]
    weeks_now = next(
        (e.value for e in numbers if e.finding == "gestational_weeks" and e.used), None
    )
    evidence.extend(
        durations(norm, doc, lex, all_scopes, text, weeks_spans, weeks_now, today)
    )
    evidence.sort(key=lambda e: (e.start, e.end, e.finding))
    evidence = yield_vague(evidence, lex.vague_rules, text)
    case = settle(evidence, lex)
    labels = {fid: info.label for fid, info in pack.info.items()}
    warnings.extend(contradictions(evidence, labels))
    if "gestational_weeks" not in case.numbers:
        warnings.append(_("no weeks of pregnancy found"))
    medicines = find_medicines(doc, lex.medicines, med_spans, all_scopes, text)
    return ParseResult(case, evidence, warnings, truncated, language, medicines)


def _inside_longer_denial(
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


def _other_clause(scope: ctx.Scope, start: int, end: int, doc: Doc, lex: Lexicon) -> bool:
    """A negation word that denies only things (``context.own_clause.not_by``) with a
    verb of its own (``own_clause.verbs``) in the mention or between them."""
    if scope.trigger.category != "negation" or scope.text.lower() not in lex.own_clause_not_by:
        return False
    assert lex.own_clause is not None
    t = scope.trigger
    lo, hi = (min(start, t.end), max(end, t.start)) if t.start >= start else (t.end, end)
    return any(lex.own_clause.match(doc[i].lower_) for i in range(lo, hi))


def _same_clause(doc: Doc, trigger: ctx.Trigger, t0: int, t1: int) -> bool:
    """No punctuation between a past trigger and a number: "30 weeks, had a c-section
    2 years ago" is 30 weeks now; "my bp was 150/100 last pregnancy" is the past."""
    a, b = (t1, trigger.start) if t1 <= trigger.start else (trigger.end, t0)
    return not any(tok.is_punct for tok in doc[a:b])


def _cue_of(lex: Lexicon, finding: str) -> About:
    """The cue a cued mention needs: its finding's, or, for a mention a wide range
    made another finding ("every 10 to 40 minutes": irregular), the first one's."""
    if finding in lex.cues_of:
        return lex.cues_of[finding]
    return next(lex.cues_of[r.finding] for r in lex.wide_ranges if r.then == finding)


def _in_question(doc: Doc, t0: int) -> bool:
    """A number in a question she asks is still hers: "Is it normal to bleed at
    30 weeks?", "should I worry about back pain at 34 weeks?" give her weeks (the
    question's hypothetical words are about what she asks, not her numbers)."""
    return any(t.text.startswith("?") for t in doc[t0].sent[-3:])


def _numbers(
    norm: str,
    doc: Doc,
    lex: Lexicon,
    all_scopes: Sequence[ctx.Scope],
    text: str,
    today: date,
) -> list[TextEvidence]:
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    kept: list[NumberHit] = []
    dropped: list[tuple[NumberHit, list[str]]] = []
    for h in extract_numbers(norm, lex, sentences, today):
        t0, t1 = token_span(doc, h.start, h.end)
        mods = [
            s
            for s in ctx.modifiers_of(t0, t1, all_scopes)
            if (s.trigger.category != "historical" or _same_clause(doc, s.trigger, t0, t1))
            and not (s.trigger.category == "hypothetical" and _in_question(doc, t0))
        ]
        flags = [
            _DROP.get(s.trigger.category, s.trigger.category)
            for s in mods
            if s.trigger.category in ("family", "historical", "hypothetical")
        ]
        if flags:
            dropped.append((h, flags))
        else:
            kept.append(h)
    best = choose(kept, lex.prefer_highest)

    def evidence(h: NumberHit, flags: tuple[str, ...], chosen: bool) -> TextEvidence:
        return TextEvidence(
            h.finding, None, float(h.value), h.start, h.end, text[h.start : h.end], h.rule,
            h.flags + flags, chosen,
        )

    out: list[TextEvidence] = []
    for h in kept:
        chosen = best.get(h.finding) is h
        out.append(evidence(h, () if chosen else ("not_chosen",), chosen))
    for h, flags in dropped:
        out.append(evidence(h, tuple(flags), False))
    return out


AFTER_MENTION = 3  # words after a mention that ``not_between`` also sees


def _after_mention(doc: Doc, t1: int) -> int:
    """Where the words said right after a mention end: at most ``AFTER_MENTION``
    tokens on, never past punctuation or its sentence. A place named after its
    side («справа поясница», "on the right, in my back") is the place of that side."""
    end = min(len(doc), t1 + AFTER_MENTION, doc[t1 - 1].sent.end if t1 else len(doc))
    for k in range(t1, end):
        if doc[k].is_punct:
            return k
    return end


def _near(
    doc: Doc, lex: Lexicon, all_scopes: Sequence[ctx.Scope], evidence: list[TextEvidence], text: str
) -> tuple[list[TextEvidence], set[int]]:
    """Findings that a present mention implies when it is about what a cue names,
    and (by ``id``) the mentions that are about the cue alone (a rule's ``instead``).

    The cue has to stand before the mention (same sentence, or ``reach``
    sentences back) and be hers, now and not negated: "no tightenings; the
    pain eases when I lie down" says nothing about tightenings easing.
    """
    about_cue: set[int] = set()
    if not lex.near_rules or not len(doc):
        return [], about_cue
    sent_index = [0] * len(doc)
    starts: list[int] = []
    for i, sent in enumerate(doc.sents):
        starts.append(sent.start)
        for k in range(sent.start, sent.end):
            sent_index[k] = i
    stated = {e.finding for e in evidence if e.used and e.polarity == "present"}
    cues: dict[int, list[int]] = {}  # rule -> token indices of usable cue words, ascending
    out: list[TextEvidence] = []
    for e in evidence:
        if not e.used or e.polarity != "present":
            continue
        for n, rule in enumerate(lex.near_rules):
            if rule.finding != e.finding or rule.unless & stated:
                continue
            if n not in cues:
                cues[n] = [
                    tok.i
                    for tok in doc
                    if rule.cue.match(tok.lower_)
                    and not ctx.modifiers_of(tok.i, tok.i + 1, all_scopes)
                ]
            t0 = token_span(doc, e.start, e.end)[0]
            first = starts[max(0, sent_index[t0] - rule.reach)]
            k = bisect_left(cues[n], first)
            if k == len(cues[n]) or cues[n][k] >= t0:
                continue
            cue_at = cues[n][bisect_left(cues[n], t0) - 1]  # the nearest cue before
            if rule.not_between is not None:
                t1 = _after_mention(doc, token_span(doc, e.start, e.end)[1])
                if any(rule.not_between.match(tok.lower_) for tok in doc[cue_at + 1 : t1]):
                    continue
            if rule.instead:
                between = doc[cue_at + 1 : t0].text
                if rule.always or not lex.duration["pain_cue"].search(between):
                    about_cue.add(id(e))
            out.append(
                TextEvidence(
                    rule.then,
                    "present",
                    None,
                    e.start,
                    e.end,
                    e.text,
                    e.phrase,
                    (f"implied_by:{e.finding}", f"about:{doc[cues[n][k]].text}"),
                )
            )
    return out, about_cue


