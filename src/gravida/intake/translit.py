"""Text typed in Latin letters for a language written in another script.

Women write Russian on a Latin keyboard ("srok 30 nedel, noet pojasnica k
vecheru", "shevelitsya malo", "4to delat"). The ``transliterate`` library turns
such words back into Cyrillic (its reversed scheme for the language); the phrase
file's ``latin_typing`` names the scheme, the few informal spellings to settle
first ("ya" for "я", "shch" for "щ", "'" for "ь"), which the library reads
otherwise, and the spellings to try again on a word the language's dictionary
does not know once retyped (``again``: the soft sign left out, "nedel" недел →
"недель", "pisat" → "писать"; "w" for "ш"; "4" for "ч"): of those, the first
spelling the dictionary knows is taken, one or two changes away. Words are
converted one by one, so every position of the new text maps back to her own
words and every span still points into what she wrote.

Whether a text is such Russian at all is told by the two dictionaries
(``vote``): words the language's dictionary knows once retyped and the Latin
language's dictionary does not know as typed, against the opposite.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

# Latin letters (with the accented ones of scholarly spellings, "poležu"), and the
# digit "4" typed for "ч" beside them ("4to", "ho4u"; not a number's "34")
_L = "A-Za-z\u00c0-\u024f"
_LATIN_WORD = re.compile(
    rf"(?:[{_L}]|(?<![\d{_L}])4(?=[{_L}]))(?:[{_L}']|(?<=[{_L}])4(?![\d]))*"
)
# at most this many of ``again``'s changes to one word (each tried at every place),
# and only on words up to this long (a Russian word is rarely longer; a longer run
# of letters is no word to spell again, and text is untrusted)
MAX_AGAIN = 2
MAX_AGAIN_LETTERS = 24
# dictionary look-ups one text may spend on spelling its words again: a text of
# unknown words (word salad, another language) costs no more than this
SPELL_LOOKUPS = 3000
_SPELT: dict[tuple[str, LatinTyping, Callable[[str], bool] | None], str] = {}


@dataclass(frozen=True)
class LatinTyping:
    """How a language is typed in Latin letters: its phrase file's ``latin_typing``."""

    scheme: str
    before: tuple[tuple[str, str], ...] = ()
    # spellings tried again, in this order, on a retyped word the dictionary lacks
    again: tuple[tuple[str, str], ...] = ()
    # Latin letters that look like one of the script's (Latin "e", "o", "p" typed
    # inside a Cyrillic word), as (Latin letters, native letters) of equal length
    lookalike: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class Retyped:
    """The text in the language's own script, and where each position came from."""

    text: str
    back: tuple[int, ...]  # one entry per position of ``text`` and one for its end
    # every Latin word as typed and what it became (itself where it was kept)
    words: tuple[tuple[str, str], ...] = ()

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span of ``text`` as the span of the original it was made from."""
        return self.back[start], self.back[end]


@dataclass(frozen=True)
class Vote:
    """What the two dictionaries say of a text's Latin words."""

    native: int  # known to the language's dictionary once retyped, unknown as typed
    latin: int  # known as typed to the Latin language's dictionary, unknown retyped


@lru_cache(maxsize=8)
def _scheme(scheme: str) -> Callable[[str], str]:
    """The library's function for one scheme, made once: ``transliterate.translit``
    builds the scheme's tables again for every word it is given."""
    from transliterate.utils import get_translit_function

    return get_translit_function(scheme)  # type: ignore[no-any-return]


def _again(
    word: str, again: Sequence[tuple[str, str]], knows: Callable[[str], bool], allowance: int
) -> tuple[str, int]:
    """The first spelling of ``word`` the dictionary knows, ``again``'s changes one
    at a time (in their order, each at every place), up to ``MAX_AGAIN`` of them;
    the word itself if none is known. Also how many look-ups it cost (at most
    ``allowance``: past it the word is left as it is)."""
    if not again or len(word) > MAX_AGAIN_LETTERS:
        return word, 0
    spent = 1
    if knows(word):
        return word, spent
    frontier, seen = [word], {word}
    for _ in range(MAX_AGAIN):
        grown: list[str] = []
        for w in frontier:
            for latin, native in again:
                i = w.find(latin)
                while i >= 0:
                    other = w[:i] + native + w[i + len(latin) :]
                    if other not in seen:
                        if spent >= allowance:
                            return word, spent
                        spent += 1
                        if knows(other):
                            return other, spent
                        seen.add(other)
                        grown.append(other)
                    i = w.find(latin, i + 1)
        frontier = grown
    return word, spent


def _word(
    word: str,
    typing: LatinTyping,
    knows: Callable[[str], bool] | None,
    skip: Callable[[str], bool] | None,
    budget: list[int],
) -> str:
    """One Latin word in the scheme's script, spelled again if the dictionary lacks
    it and ``budget`` (look-ups left for this text) allows; a word ``skip`` knows
    (the Latin language's own) is not spelled again. Remembered across texts."""
    key = (word, typing, knows if skip is None or not skip(word.lower()) else None)
    if key in _SPELT:
        return _SPELT[key]
    low = word.lower()
    for latin, native in typing.before:
        low = low.replace(latin, native)
    out = str(_scheme(typing.scheme)(low))
    whole = True
    if key[2] is not None:
        allowance = budget[0]
        out, spent = _again(out, typing.again, key[2], allowance)
        budget[0] -= spent
        whole = spent < allowance  # cut short: not remembered
    out = out if word.islower() else out[:1].upper() + out[1:]
    if whole:
        if len(_SPELT) > 50_000:  # bounded: text is untrusted
            _SPELT.clear()
        _SPELT[key] = out
    return out


def retype(
    text: str,
    typing: LatinTyping,
    knows: Callable[[str], bool] | None = None,
    keep: Callable[[str, str], bool] | None = None,
    limit: int | None = None,
    skip: Callable[[str], bool] | None = None,
) -> Retyped:
    """Every Latin word of ``text`` in the scheme's script; everything else as it is.

    ``knows``: the language's dictionary (a lower-case word), for ``again``'s
    spellings; ``keep(typed, retyped)``: a Latin word left as she typed it (in a
    text written in the language's own script, an English loan word); ``limit``:
    words starting this far in or further are left as typed (the reader reads no
    further, so a huge text costs no more than a long one); ``skip``: words not
    spelled again (the Latin language's own). At most ``SPELL_LOOKUPS`` dictionary
    look-ups are spent on spelling words again.
    """
    budget = [SPELL_LOOKUPS]
    parts: list[str] = []
    back: list[int] = []
    words: list[tuple[str, str]] = []
    pos = 0
    for m in _LATIN_WORD.finditer(text, 0, len(text) if limit is None else limit):
        a, b = m.span()
        parts.append(text[pos:a])
        back.extend(range(pos, a))
        typed = m.group(0)
        new = _word(typed, typing, knows, skip, budget)
        if keep is not None and keep(typed, new):
            new = typed
        words.append((typed, new))
        parts.append(new)
        back.extend(min(a + k, b - 1) for k in range(len(new)))
        pos = b
    parts.append(text[pos:])
    back.extend(range(pos, len(text)))
    back.append(len(text))
    return Retyped("".join(parts), tuple(back), tuple(words))


_LETTERS = re.compile(r"[^\W\d_]+")


def lookalikes(text: str, typing: LatinTyping, letters: frozenset[str]) -> str:
    """``text`` with every Latin look-alike letter inside a word of the language's
    own letters made that letter ("нe" with a Latin "e", "крoвь" with a Latin "o"):
    a phone's keyboard switched mid-word, or text pasted from elsewhere. One letter
    for one, so every position still points into what she typed. A word with a
    Latin letter that looks like none of the script's ("Nurofenом") is left as
    typed, as is a word with no letter of the language's."""
    latin, native = typing.lookalike
    if not latin:
        return text
    table = str.maketrans(latin, native)

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        low = word.lower()
        if not any(c in letters for c in low):
            return word
        foreign = [c for c in word if c.isascii()]
        if not foreign or not all(c in latin for c in foreign):
            return word
        return word.translate(table)

    return _LETTERS.sub(fix, text)


def vote(
    words: Sequence[tuple[str, str]],
    native_knows: Callable[[str], bool],
    latin_knows: Callable[[str], bool],
) -> Vote:
    """Count the retyped words only the language's dictionary knows, and the typed
    ones only the Latin language's knows; words of one letter count for neither
    (English "I" and "a" are Russian "и" and "а"), nor do words both know ("no",
    "on", "to": "но", "он", "то")."""
    native = latin = 0
    for typed, new in words:
        t = typed.lower().strip("'")
        if len(t) < 2 or not t.replace("'", "").replace("4", "").isalpha():
            continue
        in_latin, in_native = latin_knows(t), native_knows(new.lower())
        native += in_native and not in_latin
        latin += in_latin and not in_native
    return Vote(native, latin)
