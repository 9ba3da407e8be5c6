"""ConText-style modifiers over spaCy tokens: negation, uncertainty, family, history.

ConText (Harkema et al. 2009, after NegEx, Chapman et al. 2001) decides for each
mention of a finding whether it is negated, uncertain, someone else's, past or
hypothetical. A trigger phrase ("no", "haven't noticed any", "my mum") opens a
scope that runs forward and/or backward within the sentence until a terminator
("but", "however", "apart from", a new clause) or a maximum number of tokens.
Every mention whose span falls in a scope carries that modifier.

We implement it here rather than use medSpaCy because medSpaCy 1.3.1 pins
spaCy below 3.8 (and so numpy below 2) on Python 3.11, which the rest of the
project cannot accept; the trigger lists are the pack's, not medSpaCy's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from gravida.intake.lexicon import Lexicon
from gravida.intake.morph import can_be

# what ends scopes rather than opening one: a terminator ends every scope, a
# family end ("I", "my") a family scope, a backward end (a comma in Russian,
# where "температуры нет" closes its own clause) every backward scope
_ENDS = ("terminate", "family_end", "backward_end")


@dataclass(frozen=True)
class Trigger:
    """A modifier phrase found in the text (token indices, end exclusive)."""

    category: str
    direction: str
    start: int
    end: int
    max_scope: int
    key: str


@dataclass(frozen=True)
class Scope:
    trigger: Trigger
    start: int
    end: int
    text: str
    # a family scope that her own word ("me", "my") ended: a mention reaching
    # past that word is something done to her ("my toddler kicked me in the bump")
    ended_by_her: bool = False


def raw_triggers(doc: Doc, lex: Lexicon) -> list[Trigger]:
    """Every trigger, terminator and pseudo-trigger, before pruning."""
    out: list[Trigger] = []
    matches: list[tuple[int, int, int, list[int]]] = lex.modifiers(doc, with_alignments=True)
    for match_id, start, end, align in matches:
        key = doc.vocab.strings[match_id]
        if key in lex.marks:
            # "^words" only tell the trigger apart ("," before a new clause, a
            # verb before ","): the trigger is its own words
            free = lex.marks[key] | lex.gaps.get(key, frozenset())
            own = [i for i, a in enumerate(align) if a not in free] or [0]
            start, end = start + own[0], start + own[-1] + 1
        if key in lex.modifier_rules:
            r = lex.modifier_rules[key]
            out.append(Trigger(r.category, r.direction, start, end, r.max_scope, key))
        elif key in lex.terminators:
            out.append(Trigger("terminate", "none", start, end, 0, key))
        elif key in lex.pseudo:
            out.append(Trigger("pseudo", "none", start, end, 0, key))
        elif key in lex.family_breakers:
            out.append(Trigger("family_end", "none", start, end, 0, key))
        elif key in lex.backward_breakers:
            out.append(Trigger("backward_end", "none", start, end, 0, key))
    return out


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _opens(t: Trigger, pseudo: Trigger, doc: Doc | None) -> bool:
    """A comma or other mark the pseudo-trigger starts with, read as a terminator
    (not "and my": "and my sister" is a relative she is with, whose "my sister"
    the pseudo-trigger also takes)."""
    return (
        doc is not None
        and t.category == "terminate"
        and t.start == pseudo.start
        and doc[t.start].is_punct
    )


def prune(
    triggers: list[Trigger], targets: Iterable[frozenset[int]], doc: Doc | None = None
) -> list[Trigger]:
    """Drop triggers inside a pseudo-trigger or a finding's own phrase; keep the longest
    of overlapping triggers.

    A finding phrase that itself contains a negation word ("nothing eases it",
    "can't feel my feet") has already said what the word means.
    """
    taken: set[int] = set()
    for lit in targets:
        taken |= lit
    pseudo = [t for t in triggers if t.category == "pseudo"]
    # a pseudo-trigger that opens with a clause break keeps it ("No tingling, it's
    # better when I sit": the ", it" still ends the "No")
    kept = [
        t
        for t in triggers
        if t.category != "pseudo"
        and not any(
            p.start <= t.start and t.end <= p.end and not _opens(t, p, doc) for p in pseudo
        )
        and (
            t.category in _ENDS
            or not taken.intersection(range(t.start, t.end))
        )
    ]
    kept.sort(key=lambda t: (-(t.end - t.start), t.start))
    chosen: list[Trigger] = []
    # tokens held by a chosen modifier: a set, so that text made of thousands of
    # triggers ("no no no ...") is pruned in linear, not quadratic, time
    held: set[int] = set()
    present: set[int] = set()  # tokens of words of the present ("I'm", "now")
    for t in kept:
        if t.category in _ENDS:
            chosen.append(t)
            continue
        if held.intersection(range(t.start, t.end)):
            continue
        chosen.append(t)
        held.update(range(t.start, t.end))
        if t.category == "current":
            present.update(range(t.start, t.end))
    # a terminator inside a chosen trigger ("but" in "nothing but") does not end
    # scopes; her "I" inside "I'm" (a word of the present) still ends a relative's:
    # "my sister had her baby at 32 weeks and I'm 32 weeks now"
    return [
        c
        for c in chosen
        if c.category not in _ENDS
        or not (held - present if c.category == "family_end" else held).intersection(
            range(c.start, c.end)
        )
    ]


class Spans(list[tuple[int, int]]):
    """Token spans indexed by token: the spans touching a range cost its length."""

    def __init__(self, items: Iterable[tuple[int, int]] = ()) -> None:
        super().__init__(items)
        self.by_token: dict[int, list[int]] = {}
        for n, (a, b) in enumerate(self):
            for k in range(a, b):
                self.by_token.setdefault(k, []).append(n)

    def over(self, start: int, end: int) -> list[tuple[int, int]]:
        found: set[int] = set()
        for k in range(start, end):
            found.update(self.by_token.get(k, ()))
        return [self[n] for n in sorted(found)]


def gap_negations(triggers: list[Trigger], names: Iterable[frozenset[int]]) -> Spans:
    """Negation triggers outside pseudo-triggers and names (medicines), before the
    findings' own phrases claim any: one in a mention's gap negates the mention."""
    pseudo = [t for t in triggers if t.category == "pseudo"]
    named: set[int] = set()
    for n in names:
        named |= n
    return Spans(
        (t.start, t.end)
        for t in triggers
        if t.category == "negation"
        and not any(p.start <= t.start and t.end <= p.end for p in pseudo)
        and not named.intersection(range(t.start, t.end))
    )


def scopes(doc: Doc, triggers: list[Trigger], lex: Lexicon | None = None) -> Scopes:
    """The token range each trigger governs, within its sentence.

    With the language's ``backward_lists`` (``lex``), a negation that reaches
    back over a list of bare items ("озноба, тошноты нет", "крови, воды нет")
    denies every item: a backward scope stopped at a comma goes on over the item
    before it when that item is at most ``backward_lists`` words, none of them a
    verb of its own (``own_clause``), and starts its sentence or follows a comma.
    """
    items = lex.backward_lists if lex is not None and lex.own_clause is not None else 0
    sent_of = [0] * len(doc)
    bounds: list[tuple[int, int]] = []
    for i, s in enumerate(doc.sents):
        bounds.append((s.start, s.end))
        for k in range(s.start, s.end):
            sent_of[k] = i
    ends = sorted((t.start, t.end) for t in triggers if t.category == "terminate")
    fam_ends = sorted((t.start, t.end) for t in triggers if t.category == "family_end")
    back_ends = sorted(
        (t.start, t.end) for t in triggers if t.category in ("terminate", "backward_end")
    )
    list_ends = {t.end: t.start for t in triggers if t.category == "backward_end"}
    out: list[Scope] = []
    for t in triggers:
        if t.category in _ENDS:
            continue
        s0, s1 = bounds[sent_of[t.start]] if len(doc) else (0, 0)
        text = doc[t.start : t.end].text
        if t.direction in ("forward", "bidirectional"):
            stop = min(s1, t.end + t.max_scope)
            for a, _ in ends:
                if t.end <= a < stop:
                    stop = a
            hers = False
            if t.category == "family":
                for a, _ in fam_ends:
                    if t.end <= a < stop:
                        stop, hers = a, True
                        break
            if stop > t.end:
                out.append(Scope(t, t.end, stop, text, hers))
        if t.direction in ("backward", "bidirectional"):
            begin = max(s0, t.start - t.max_scope)
            # someone else's finding is named just before "in the family": her own
            # words earlier in the sentence ("I'm 30 weeks, no fever, spina bifida
            # in the family") stay hers, so a family end stops it backward too
            for _, b in back_ends + (fam_ends if t.category == "family" else []):
                if begin < b <= t.start:
                    begin = b
            if t.category == "current":
                # "this time", "now" say when for their own clause: "contractions
                # every 5 mins with my last, this time it's my back" keeps the past
                begin = max([begin] + [k + 1 for k in range(begin, t.start) if doc[k].is_punct])
            if items and t.category == "negation":
                after = _case_after(doc, t, lex)
                begin = _over_list(doc, begin, s0, back_ends, list_ends, items, lex, after)
            if begin < t.start:
                out.append(Scope(t, begin, t.start, text))
    return Scopes(out)


LIST_REACH = 12  # tokens a negation reaches back over a list, at most


def _case_after(doc: Doc, t: Trigger, lex: Lexicon | None) -> frozenset[str]:
    """The grammemes a list item before trigger ``t`` must be read in, word by word
    (``backward_list_case_after``: "отрицает" takes the accusative), or none."""
    if lex is None or not lex.backward_list_case_after:
        return frozenset()
    for tok in doc[t.start : t.end]:
        found = lex.backward_list_case_after.get(tok.lemma_)
        if found:
            return found
    return frozenset()


def _over_list(doc: Doc, begin: int, s0: int, back_ends: list[tuple[int, int]],
               list_ends: dict[int, int], items: int, lex: Lexicon | None,
               after: frozenset[str] = frozenset()) -> int:
    """Where a backward negation stopped at ``begin`` (by a ``backward_ends_at``
    comma, ``list_ends``: its end to its start) starts once it takes in the bare
    list items before it (see ``scopes``). With ``after`` (the trigger's own case)
    every word of an item must be readable in it: "головную боль, мелькание мушек
    отрицает" denies both, "ноющая боль, кровотечение отрицает" only the bleeding."""
    assert lex is not None and lex.own_clause is not None
    verb = lex.own_clause
    start = begin
    while begin in list_ends:
        comma = list_ends[begin]
        prev = max((b for _, b in back_ends if b <= comma), default=s0)
        prev = max(prev, s0)
        words = [tok for tok in doc[prev:comma] if not tok.is_punct]
        if not words or any(verb.match(w.lower_) for w in words):
            break
        if len(words) > items and not _headed(words[0].text, len(words), lex):
            break
        if after:
            if not all(can_be(w.text, after) for w in words):
                break
        # "Поясница, температуры нет": a subject, not one more thing denied
        elif lex.backward_list_case and not any(
            can_be(w.text, lex.backward_list_case) for w in words
        ):
            break
        if start - prev > LIST_REACH:
            break
        begin = prev
    return begin


def _headed(head: str, n: int, lex: Lexicon) -> bool:
    """Whether a list item of ``n`` words, longer than ``backward_lists``, is still one
    more thing denied: at most ``backward_list_head_words`` words, its first read in
    the list's case and never as a subject ("мушек перед глазами", "болей в
    эпигастрии"; not "Боли внизу живота", which may be what she has)."""
    case = lex.backward_list_case
    return (
        bool(case)
        and n <= lex.backward_list_head_words
        and can_be(head, case)
        and not can_be(head, lex.backward_list_head_never)
    )


class Scopes(list[Scope]):
    """Every scope of a text, indexed by token so that finding the scopes over one
    mention costs the mention's length, not the number of scopes in the text."""

    def __init__(self, items: Iterable[Scope] = ()) -> None:
        super().__init__(items)
        self.by_token: dict[int, list[int]] = {}
        for n, s in enumerate(self):
            for k in range(s.start, s.end):
                self.by_token.setdefault(k, []).append(n)

    def over(self, start: int, end: int) -> list[Scope]:
        found: set[int] = set()
        for k in range(start, end):
            found.update(self.by_token.get(k, ()))
        return [self[n] for n in sorted(found)]


def modifiers_of(start: int, end: int, all_scopes: Sequence[Scope]) -> list[Scope]:
    """The scopes that cover a mention at tokens [start, end).

    A mention that words of the present cover ("my back aches *now*") is not in
    the past, whatever past scope also reaches it (nor got over: "bled this morning,
    stopped now"); the "current" scope itself modifies nothing else.
    """
    if isinstance(all_scopes, Scopes):
        found = all_scopes.over(start, end)
    else:
        found = [s for s in all_scopes if _overlaps(start, end, s.start, s.end)]
    # a relative's scope her own word ended does not reach a mention that runs on
    # over that word: "my toddler kicked me in the bump" is what happened to her
    found = [s for s in found if not (s.ended_by_her and end > s.end)]
    if any(s.trigger.category == "current" for s in found):
        found = [
            s for s in found if s.trigger.category not in ("current", "historical", "resolved")
        ]
    return found
