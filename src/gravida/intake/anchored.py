"""The phrase matchers, run only where a text can match: spaCy's matches at a tenth of
the cost.

spaCy's ``Matcher`` tries every pattern at every token, so a text paid for all
of a phrase file's patterns (about 1,200 in English) at every word it has, and
matching was most of the time of a read. Almost every pattern needs some word:
a required token that is a word or one of a few alternatives (``$pain`` in
"$pain ~ when I =lie"). That word is the pattern's *anchor*: the pattern can
match only a text that has it. Patterns are grouped by anchor into small spaCy
matchers, and a text runs only the groups whose anchor it has (a pattern
without a usable anchor is run on every text), so spaCy still decides every
match, over a tenth of the patterns.

The result is what one ``Matcher`` holding every pattern returns, up to the
order of matches over different spans, which no reader depends on: each reader
puts matches in order of their span (``mentions.targets``, ``frames``,
``context.prune``), so the matches are returned in span order, and matches
over the same span keep the order one matcher gives them. Within a group that
is the group's own order (a matcher's matches for some of its patterns come in
the order a matcher of just those patterns gives); matches over one span from
different groups are ordered by a small matcher of just their patterns, kept
for the next text that needs it.

The anchor of a pattern is its required token whose words the phrase file uses
least (a word many patterns need, "my" or "pain", is in most texts).
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from typing import Any

from spacy.matcher import Matcher
from spacy.schemas import validate_token_pattern
from spacy.tokens import Doc
from spacy.vocab import Vocab

from gravida.intake.lemmas import EXT, lemma_set

# (key, start, end, alignment: the pattern token each matched token matched)
Match = tuple[int, int, int, list[int]]
# what an anchor compares: the token's lemma ("L") or its dictionary forms ("F", =words)
Anchor = tuple[str, frozenset[str]]
_MINI_CACHE = 4096  # tie-breaking matchers kept (bounded: texts are untrusted)


class PatternError(ValueError):
    """spaCy's schema rejects a token pattern (the loader names the entry)."""


def _words(spec: dict[str, Any]) -> Anchor | None:
    """The words one of which a token must be to match a required ``spec``; None when
    the token is optional, a gap, a number, a regex or anything not a plain word."""
    if "OP" in spec or len(spec) != 1:
        return None
    if "LEMMA" in spec:
        value = spec["LEMMA"]
        if isinstance(value, str):
            return "L", frozenset([value])
        if isinstance(value, dict) and set(value) == {"IN"}:
            return "L", frozenset(value["IN"])
        return None
    ext = spec.get("_")
    if isinstance(ext, dict) and set(ext) == {EXT}:
        forms = ext[EXT]
        if isinstance(forms, dict) and set(forms) == {"INTERSECTS"}:
            return "F", frozenset(forms["INTERSECTS"])
    return None


def _width(spec: dict[str, Any]) -> int | None:
    """The most tokens one token pattern can match: 1, n for a gap ``{0,n}``; None for
    no bound (``+``, ``*``)."""
    op = spec.get("OP")
    if op is None or op in ("?", "!", "1"):
        return 1
    if isinstance(op, str) and op.startswith("{") and op.endswith("}"):
        top = op[1:-1].split(",")[-1].strip()
        return int(top) if top.isdigit() else None
    return None


def _reach(spec: list[dict[str, Any]], at: int) -> tuple[int, int] | None:
    """How many tokens a match can have before and after the token matched by
    ``spec[at]``; None when a part has no bound."""
    before = [_width(s) for s in spec[:at]]
    after = [_width(s) for s in spec[at + 1 :]]
    if None in before or None in after:
        return None
    return sum(w for w in before if w is not None), sum(w for w in after if w is not None)


class AnchoredMatcher:
    """A drop-in for ``Matcher(vocab)`` called ``with_alignments=True``: add
    patterns one key each, then call it on documents whose lemmas are set."""

    def __init__(self, vocab: Vocab, validate: bool = False) -> None:
        self.vocab = vocab
        # spaCy's schema check of each pattern: the pattern compiler only writes
        # patterns it accepts (tests/intake/test_anchored.py checks every phrase
        # file's), so a reader need not pay for it at every start
        self.validate = validate
        self._patterns: list[tuple[str, list[dict[str, Any]]]] = []
        self._built = False
        self._groups: list[Matcher | None] = []
        self._members: list[list[int]] = []  # per group, its patterns (positions)
        self._always: list[int] = []  # groups of patterns without an anchor
        # per group, how far its patterns reach before and after their anchor
        self._reach: list[tuple[int, int]] = []
        self._by_lemma: dict[str, list[int]] = {}
        self._by_form: dict[str, list[int]] = {}
        self._group_of: dict[int, int] = {}  # key id -> group
        self._order: dict[int, int] = {}  # key id -> position of its pattern
        self._spec: dict[int, list[dict[str, Any]]] = {}
        self._mini: dict[tuple[int, ...], Matcher] = {}

    def __len__(self) -> int:
        return len(self._patterns)

    def add(self, key: str, spec: list[dict[str, Any]]) -> None:
        """One pattern under a key of its own (with ``validate``, checked as spaCy's
        ``Matcher(validate=True)`` checks it)."""
        errors = validate_token_pattern(spec) if self.validate else []
        if errors:
            raise PatternError("; ".join(str(e) for e in errors))
        if self.vocab.strings.add(key) in self._order:
            raise PatternError(f"key {key!r} added twice")
        self._order[self.vocab.strings[key]] = len(self._patterns)
        self._patterns.append((key, spec))
        self._built = False

    def build(self) -> None:
        """Group the patterns by anchor into spaCy matchers (done once, on first use)."""
        needed: Counter[Anchor] = Counter()  # patterns that need each anchor
        anchors: list[list[tuple[Anchor, int]]] = []
        for _, spec in self._patterns:
            found = [(a, i) for i, a in enumerate(_words(s) for s in spec) if a is not None]
            anchors.append(found)
            needed.update({a for a, _ in found})
        uses: Counter[tuple[str, str]] = Counter()  # patterns that need each word
        for (kind, words), count in needed.items():
            for w in words:
                uses[(kind, w)] += count
        costs: dict[Anchor, tuple[int, list[str]]] = {}

        def cost(found: tuple[Anchor, int]) -> tuple[int, list[str], int]:
            anchor, at = found
            if anchor not in costs:
                costs[anchor] = (sum(uses[(anchor[0], w)] for w in anchor[1]), sorted(anchor[1]))
            return (*costs[anchor], at)

        groups: dict[Anchor | None, list[tuple[int, tuple[int, int] | None]]] = {}
        for n, found in enumerate(anchors):
            best = min(found, key=cost, default=None)
            reach = None if best is None else _reach(self._patterns[n][1], best[1])
            groups.setdefault(None if reach is None or best is None else best[0], []).append(
                (n, reach)
            )
        self._groups, self._reach, self._always = [], [], []
        self._by_lemma, self._by_form, self._group_of = {}, {}, {}
        self._members = []
        for anchor, members in groups.items():
            g = len(self._groups)
            for n, _ in members:
                key, spec = self._patterns[n]
                self._group_of[self.vocab.strings[key]] = g
                self._spec[self.vocab.strings[key]] = spec
            self._members.append([n for n, _ in members])
            self._groups.append(None)  # its matcher is made when a text first needs it
            if anchor is None:
                self._reach.append((0, 0))
                self._always.append(g)
                continue
            self._reach.append(
                (max(r[0] for _, r in members if r), max(r[1] for _, r in members if r))
            )
            index = self._by_lemma if anchor[0] == "L" else self._by_form
            for w in anchor[1]:
                index.setdefault(w, []).append(g)
        self._mini = {}
        self._built = True

    def _windows(self, doc: Doc) -> dict[int, list[tuple[int, int]]]:
        """The groups whose anchor the text has, each with the stretches of text its
        matches can lie in: around every token that is its anchor, as far as its
        patterns reach before and after that token (a group without one: all of it)."""
        at: dict[int, list[int]] = {}
        # the tokens' lemmas (and lower case) as the vocabulary's hashes, read in one
        # go: a token object per token per matcher was most of a long text's cost
        lemmas: list[int] = doc.to_array("LEMMA").tolist() if len(doc) else []
        groups: dict[int, tuple[int, ...]] = {}  # per lemma, the groups it anchors
        for i, h in enumerate(lemmas):
            gs = groups.get(h)
            if gs is None:
                gs = groups[h] = tuple(self._by_lemma.get(self.vocab.strings[h], ()))
            for g in gs:
                at.setdefault(g, []).append(i)
        if self._by_form:  # an =word: one of the token's dictionary forms (lemmas.py)
            lowers: list[int] = doc.to_array("LOWER").tolist() if len(doc) else []
            forms: dict[int, tuple[int, ...]] = {}
            for i, (h, low) in enumerate(zip(lemmas, lowers, strict=True)):
                key = h or low  # the lemma, or the lower case where it has none
                gs = forms.get(key)
                if gs is None:
                    found = lemma_set(self.vocab.strings[key])
                    gs = forms[key] = tuple(
                        g for form in found for g in self._by_form.get(form, ())
                    )
                for g in gs:
                    at.setdefault(g, []).append(i)
        out = {g: [(0, len(doc))] for g in self._always}
        for g, positions in at.items():
            before, after = self._reach[g]
            spans: list[tuple[int, int]] = []
            for i in sorted(set(positions)):
                a, b = max(0, i - before), min(len(doc), i + 1 + after)
                if spans and a <= spans[-1][1]:
                    spans[-1] = (spans[-1][0], max(b, spans[-1][1]))
                else:
                    spans.append((a, b))
            out[g] = spans
        return out

    def __call__(self, doc: Doc, with_alignments: bool = True) -> list[Match]:
        """Every match, in order of span (start, end); the same matches, with the
        same alignments, as one matcher of every pattern."""
        if not with_alignments:
            raise ValueError("the reader always asks for alignments")
        if not self._built:
            self.build()
        found: list[tuple[int, int, int, list[int], int]] = []
        for g, spans in sorted(self._windows(doc).items()):
            for a, b in spans:
                for key, start, end, align in self._group(g)(doc[a:b], with_alignments=True):  # type: ignore[misc]
                    found.append((key, start + a, end + a, align, g))
        found.sort(key=lambda m: (m[1], m[2]))  # stable: a group's own order within a span
        out: list[Match] = []
        for (start, end), same in groupby(found, key=lambda m: (m[1], m[2])):
            tied = list(same)
            if len({m[4] for m in tied}) > 1:
                tied = self._tie_order(doc, start, end, tied)
            out.extend((m[0], m[1], m[2], m[3]) for m in tied)
        return out

    def _group(self, g: int) -> Matcher:
        """The matcher of one group, made on first use: a process that reads a few
        texts compiles only the groups they need (two threads may both make it:
        either is the same)."""
        matcher = self._groups[g]
        if matcher is None:
            matcher = Matcher(self.vocab, validate=False)
            for n in self._members[g]:
                key, spec = self._patterns[n]
                matcher.add(key, [spec])
            self._groups[g] = matcher
        return matcher

    def _tie_order(
        self, doc: Doc, start: int, end: int, tied: list[tuple[int, int, int, list[int], int]]
    ) -> list[tuple[int, int, int, list[int], int]]:
        """Matches over one span from different groups, in the order one matcher of
        every pattern gives them: that of a matcher holding just their patterns."""
        keys = tuple(sorted({m[0] for m in tied}, key=self._order.__getitem__))
        mini = self._mini.get(keys)
        if mini is None:
            if len(self._mini) >= _MINI_CACHE:
                self._mini.clear()
            mini = Matcher(self.vocab, validate=False)
            for k in keys:
                mini.add(self.vocab.strings[k], [self._spec[k]])
            self._mini[keys] = mini
        # over the span itself: the matches that lie in a stretch of text come in
        # the same order as over the whole text (see _windows)
        rank = {
            m[0]: n
            for n, m in enumerate(mini(doc[start:end], with_alignments=True))
            if m[1] == 0 and m[2] == end - start
        }
        return sorted(tied, key=lambda m: rank[m[0]])

