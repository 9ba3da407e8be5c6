"""The numbers she gives of herself now: each number pattern's hit, kept unless a
relative's, hypothetical or (within its clause) past scope holds it, then one value
per finding (``numbers.choose``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc

from gravida.intake import context as ctx
from gravida.intake.decide import DROP
from gravida.intake.evidence import TextEvidence
from gravida.intake.lexicon import Lexicon
from gravida.intake.mentions import token_span
from gravida.intake.numbers import NumberHit, choose, extract_numbers


def _same_clause(doc: Doc, trigger: ctx.Trigger, t0: int, t1: int) -> bool:
    """No punctuation between a past trigger and a number: "30 weeks, had a c-section
    2 years ago" is 30 weeks now; "my bp was 150/100 last pregnancy" is the past."""
    a, b = (t1, trigger.start) if t1 <= trigger.start else (trigger.end, t0)
    return not any(tok.is_punct for tok in doc[a:b])



def _in_question(doc: Doc, t0: int) -> bool:
    """A number in a question she asks is still hers: "Is it normal to bleed at
    30 weeks?", "should I worry about back pain at 34 weeks?" give her weeks (the
    question's hypothetical words are about what she asks, not her numbers)."""
    return any(t.text.startswith("?") for t in doc[t0].sent[-3:])


def stated_numbers(
    norm: str,
    doc: Doc,
    lex: Lexicon,
    all_scopes: Sequence[ctx.Scope],
    text: str,
    today: date,
) -> list[TextEvidence]:
    """Every number read, as evidence: used when it is hers now and the one chosen
    for its finding, else kept with why not (``not_chosen``, ``family``...)."""
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
            DROP.get(s.trigger.category, s.trigger.category)
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
