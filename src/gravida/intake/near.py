"""Near: a present mention about what a cue word names gives another finding too
("the tightenings fade if I lie down": relief by rest and irregular tightenings).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc

from gravida.intake import context as ctx
from gravida.intake.evidence import TextEvidence
from gravida.intake.lexicon import Lexicon
from gravida.intake.mentions import token_span

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


def near_findings(
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
            if rule.then is None:  # about the cue, and nothing more
                continue
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
