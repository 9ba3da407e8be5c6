"""Bound and clean her text before tokenising, keeping every character where it was.

Every step replaces characters one for one, so spans found in the cleaned text
point into the text as she gave it; and every step is linear in the length of
the text, so the cost of reading is bounded by ``limits.max_chars``.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_TAG = re.compile(r"<[^<>\n]{0,200}>")
_HYPHEN = re.compile(r"(?<=[^\W_])[-‐‑‒–](?=[^\W_])")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"'})
# An emoji ends a thought in a typed message as a full stop does ("PGP again like with
# my first 🙄 22 wks"): without a boundary there, a scope opened before it ("with my
# first", a past pregnancy) runs on over what follows, and a weeks "clause of its own"
# is not seen as one. So each pictograph (Unicode's blocks from "Miscellaneous Symbols
# and Pictographs" to "Symbols and Pictographs Extended-A", and the older
# "Miscellaneous Symbols" and "Dingbats") reads as ".", and the invisible joiner and
# presentation selectors inside an emoji ("❤️", "🤦‍♀️") as spaces.
_PICTOGRAPH = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")
_EMOJI_JOINERS = re.compile("[\u200d\ufe0e\ufe0f]")
RUN = 48  # longest run of non-space characters kept whole
_LONG_RUN = re.compile(rf"\S{{{RUN + 1},}}")
SYMBOLS = 3  # longest run of symbols kept ("!!!", "...", "???")
_SYMBOL_RUN = re.compile(rf"[^\w\s]{{{SYMBOLS + 1},}}")


def _collapse(m: re.Match[str]) -> str:
    run = m.group(0)
    return run[:SYMBOLS] + " " * (len(run) - SYMBOLS)


def _break_run(m: re.Match[str]) -> str:
    run = m.group(0)
    return " ".join(run[i : i + RUN - 1] for i in range(0, len(run), RUN))[: len(run)]


def normalise(text: str) -> str:
    """Same length as ``text``, so spans map back one to one; easier to match.

    Runs of symbols ("<<<<", "!!!!!!", "‹‹‹‹") keep their first three and
    become spaces after that: spaCy splits every symbol into a token of its
    own, so 20,000 of them cost as much as a long letter and mean no more than
    three. Very long runs without spaces are broken up: no word is that long,
    and spaCy's tokenizer is quadratic in the length of one run of punctuation.
    """
    s = text.translate(_QUOTES)
    s = _CONTROL.sub(" ", s)
    s = _TAG.sub(lambda m: " " * len(m.group(0)), s)
    s = _EMOJI_JOINERS.sub(" ", _PICTOGRAPH.sub(".", s))
    s = _HYPHEN.sub(" ", s)
    s = _SYMBOL_RUN.sub(_collapse, s)
    return _LONG_RUN.sub(_break_run, s)


def bound(text: str, limit: int) -> tuple[str, bool]:
    """At most ``limit`` characters, cut at a space when one is near the end."""
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    space = cut.rfind(" ", max(0, limit - 200))
    return (cut[:space] if space > 0 else cut), True


