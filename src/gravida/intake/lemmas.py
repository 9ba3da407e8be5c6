"""Dictionary forms for English words, so a pattern can name a verb family once.

A pattern word ``=ease`` matches any token one of whose dictionary forms is
"ease": eases, eased, easing; ``=lie`` matches lie, lies, lying, lay, lain; and
"lay" is both lay and lie, as women use it ("I lay down and it eases"). The
forms come from lemminflect (its dictionary and rules ship in the wheel:
nothing is downloaded, no model is loaded). Every part of speech counts, so a
token has a set of forms ("sitting" is sit and sitting, "worse" is bad, ill,
worse and wrong); a word the dictionary lacks is read as a verb ("layed" is
lay). Only ``=`` words use this; every other pattern word matches as before.
"""

from __future__ import annotations

from functools import lru_cache

import lemminflect
from spacy.tokens import Token

EXT = "lemmas"  # the token extension ``=`` pattern words compare (INTERSECTS)


@lru_cache(maxsize=1 << 16)
def lemma_set(word: str) -> tuple[str, ...]:
    """The word itself and all its dictionary forms, lower case."""
    found = {word}
    known = lemminflect.getAllLemmas(word)
    if not known and word.isalpha():
        known = lemminflect.getAllLemmasOOV(word, upos="VERB")
    for forms in known.values():
        found.update(f.lower() for f in forms)
    return tuple(sorted(found))


def _token_lemmas(token: Token) -> list[str]:
    # the token's lemma is its lower case with a spelling slip read (spelling.py)
    return list(lemma_set(token.lemma_ or token.lower_))


if not Token.has_extension(EXT):
    Token.set_extension(EXT, getter=_token_lemmas)
