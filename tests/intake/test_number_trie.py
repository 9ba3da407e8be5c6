"""A number's words written as a trie match what the flat longest-first alternation matched.

``num_alternation`` writes the words as a trie (it compiles in a third of the
time); the flat alternation of every word, longest first, is the definition.
Both sit inside a rule's regex where the engine backtracks into shorter words
when the rest fails, so the spans and groups of whole rule regexes are compared.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from gravida.intake.patterns import num_alternation

DIGITS = r"\d{1,3}(?:[.,]\d{1,2})?"


def flat(words: dict[str, int]) -> str:
    """The definition: every word, longest first, spaces as one or more spaces."""
    alt = "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )
    return rf"(?:{DIGITS}|{alt})" if alt else rf"(?:{DIGITS})"


# words over a small alphabet (with a space, a dot and Cyrillic), so that many share
# beginnings and one is often the beginning of another
WORD = st.text(alphabet="abс дё.", min_size=1, max_size=6).map(str.strip).filter(bool)
TEXT = st.text(alphabet="abсАБ дё.x1,", max_size=30)
RULES = ("(?P<value>{NUM})", r"(?P<value>{NUM})\s*x", r"\b(?P<value>{NUM})(?:\s+(?P<b>{NUM}))?",
         r"(?P<value>{NUM})\s+(?P<b>{NUM})\s*x")


def outcomes(pattern: str, text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    rx = re.compile(pattern, re.IGNORECASE)
    return [(m.span(), m.groupdict()) for m in rx.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(WORD, max_size=12), TEXT)
def test_the_trie_matches_as_the_flat_alternation(words, text):
    table = {w: i for i, w in enumerate(words)}
    for rule in RULES:
        assert outcomes(rule.replace("{NUM}", num_alternation(table)), text) == outcomes(
            rule.replace("{NUM}", flat(table)), text), rule


def test_the_trie_is_shorter_where_words_share_beginnings():
    words = {"двадцать": 20, "двадцати": 20, "двадцать два": 22, "двадцать один": 21, "два": 2}
    assert len(num_alternation(words)) < len(flat(words))
    assert re.fullmatch(num_alternation(words), "Двадцать   два", re.IGNORECASE)
