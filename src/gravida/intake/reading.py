"""One language's reading of a text: the phrases, their modifiers, the numbers,
then one answer per finding (parse.py chooses the language and calls this).

Mentions that are uncertain, about someone else, in the past (for current
symptoms) or hypothetical are kept as evidence but do not enter the case: the
case holds only what she states. The steps live in their modules: ``decide``
(each mention's answer), ``near`` (findings a cue implies), ``stated_numbers``
(the numbers that are hers now), ``settle`` (durations and one answer per finding).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from gravida.intake import context as ctx
from gravida.intake import settle as settle_module
from gravida.intake.dated import dated
from gravida.intake.decide import decide, inside_longer_denial
from gravida.intake.evidence import ParseResult, TextEvidence
from gravida.intake.lexicon import lexicon_for
from gravida.intake.medicines import find_medicines, medicine_spans
from gravida.intake.mentions import targets, widen
from gravida.intake.morph import read_slips
from gravida.intake.near import near_findings
from gravida.intake.settle import contradictions, durations, settle
from gravida.intake.spelling import set_lemmas
from gravida.intake.stated_numbers import stated_numbers
from gravida.intake.text import bound, normalise
from gravida.intake.vague import yield_vague
from gravida.knowledge.i18n import _
from gravida.knowledge.load import Pack


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
    # a language that names an end mark reads it after a last clause typed with no
    # end, so the patterns that name it may end there ("…, сейчас нет" as "…, сейчас
    # нет."); the mark follows the text for the reading only, no span reaches it
    ended = not lex.end_mark or norm.rstrip().endswith((".", "!", "?", ";", ")"))
    doc = lex.nlp(norm if ended else f"{norm} {lex.end_mark}")
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

    evidence = decide(doc, text, lex, mentions, all_scopes, in_gaps, read_as)

    evidence = inside_longer_denial(evidence, frozenset(pack.red_flags))
    near, about_cue = near_findings(doc, lex, all_scopes, evidence, text)
    evidence = [
        replace(e, used=False, flags=(*e.flags, "about_cue")) if id(e) in about_cue else e
        for e in evidence
    ] + near
    numbers = stated_numbers(norm, doc, lex, all_scopes, text, today)
    evidence.extend(numbers)
    weeks_spans = [(e.start, e.end) for e in numbers if e.finding == "gestational_weeks" and e.used]
    weeks_now = next(
        (e.value for e in numbers if e.finding == "gestational_weeks" and e.used), None
    )
    evidence.extend(
        durations(norm, doc, lex, all_scopes, text, weeks_spans, weeks_now, today)
    )
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    evidence = dated(evidence, norm, sentences, lex, weeks_now)
    if not ended:
        evidence = [_within(e, len(text)) for e in evidence]
    evidence.sort(key=lambda e: (e.start, e.end, e.finding))
    evidence = yield_vague(evidence, lex.vague_rules, text)
    case = settle(evidence, lex)
    labels = {fid: info.label for fid, info in pack.info.items()}
    warnings.extend(contradictions(evidence, labels))
    if "gestational_weeks" not in case.numbers:
        warnings.append(_("no weeks of pregnancy found"))
    medicines = find_medicines(doc, lex.medicines, med_spans, all_scopes, text)
    return ParseResult(case, evidence, warnings, truncated, language, medicines)


def _within(e: TextEvidence, n: int) -> TextEvidence:
    """``e`` with its span inside the text's ``n`` characters (an end mark read after
    the text is no word of hers)."""
    if e.end <= n:
        return e
    return replace(e, start=min(e.start, n), end=n)
