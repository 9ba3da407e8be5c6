"""A lint for the phrase files' pattern language: the "x|y z" trap.

In a pattern, words are split at spaces first, so ``"x|y z"`` is the token
``x|y`` followed by ``z``, never "x" or "y z". An author who meant two phrases
as alternatives ("fine|no problem|no problems", "can't breathe|catch my
breath") wrote a pattern that needs both halves at once and so (almost) never
matches. This module flags the forms that give the trap away; the test holds
phrases/en.yaml clean of them and ``python -m tests.intake.pattern_lint ru``
prints what it finds in another language's file.

The forms (each seen in a broken pattern of an earlier session):
- ``repeat``: one word an alternative of two neighbouring slots ("fine|no
  problem|no problems": "no" in slot 1 and slot 2), the split of several
  multi-word alternatives;
- ``stem``: an alternative and a later word of the pattern that are the same
  word family ("breathe|catch my breath": "breathe" against "breath"), a
  second phrase pasted after the first's last word;
- ``twice``: one word twice among a slot's alternatives ("weight|weight gain
  is": the second "weight" began a phrase of its own);
- ``empty``: an empty alternative ("a||b", "a|") that matches nothing;
- ``marker``: a marker the compiler reads as a literal character where the
  author meant the marker: "#" glued to a word ("#нед", "#-й"), "a|^b" (a "^"
  inside a slot), a bare "^" or "~?" (a gap is "~" or "~N"), and "^word?" (a
  context word must be there; the compiler refuses it, the lint names it before
  a load does), and "a|=b" (a word family is a slot of its own: "=b" among
  other words is the literal "=b"; session 12 found "gym|=walk|climb"). ("#?"
  and "a|#" are an optional number and a word or a number since session 9;
  before, both were the "#" sign.)
"""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

PHRASES = Path(__file__).resolve().parents[2] / "src" / "gravida" / "knowledge" / "pack" / "phrases"
# sections whose strings are regular expressions or plain word lists, not patterns
_NOT_PATTERNS = ("numbers", "duration", "spelling", "function_words", "letters", "macros")
_STEM = 5  # shared leading letters that make two different words one family
_GAP = re.compile(r"^~\d{0,2}$")
_FAMILY_INSIDE = re.compile(r"\|=[^\W\d_]")  # "a|=walk": a family among words


def patterns(data: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """(where, pattern) for every pattern string of a phrase file."""
    if isinstance(data, dict):
        for key, value in data.items():
            if not where and key in _NOT_PATTERNS:
                continue
            if key in ("words", "stated", "src", "openers", "cue", "elsewhere", "then", "unless"):
                continue  # token regexes and ids, not patterns
            if key == "findings" and where.endswith("questions"):
                continue
            yield from patterns(value, f"{where}.{key}" if where else str(key))
    elif isinstance(data, list):
        for item in data:
            yield from patterns(item, where)
    elif isinstance(data, str) and not any(c in data for c in "\\([{"):
        yield where, data


def _words(slot: str) -> list[str]:
    return [w.lstrip("^=").rstrip("?*") for w in slot.split("|")]


def _family(a: str, b: str) -> bool:
    if a == b or len(a) < _STEM or len(b) < _STEM or not a.isalpha() or not b.isalpha():
        return False
    short, long = sorted((a, b), key=len)
    return long.startswith(short) and len(long) - len(short) <= 2


def _marker(word: str) -> str | None:
    """Why a pattern word's marker is read as something else, or None."""
    if word.startswith("/") and word.rstrip("?").endswith("/") and len(word) > 2:
        return None  # a token regex: its characters are its own
    if "#" in word and "#" not in word.rstrip("?").split("|"):
        return f"{word!r}: '#' is a number only as a word or an alternative of its own"
    if word == "^" or "^" in word[1:]:
        return f"{word!r}: '^' marks context only at the start of a word"
    if word.startswith("^") and word.endswith("?"):
        return f"{word!r}: a context word must be there"
    if word.startswith("~") and not _GAP.match(word):
        return f"{word!r}: a gap is '~' or '~N'"
    if _FAMILY_INSIDE.search(word):
        return f"{word!r}: '=' makes a word family only at the start of a slot (else literal)"
    return None


def suspicious(pattern: str) -> list[str]:
    """The trap's forms in one pattern, each as a short reason."""
    found = [why for why in map(_marker, pattern.split()) if why]
    slots = [s for s in pattern.split() if not s.startswith(("~", "$", "/")) and s != "#"]
    for slot in slots:
        if "|" in slot and "" in slot.split("|"):
            found.append(f"empty alternative in {slot!r}")
        words = _words(slot)
        if len(set(words)) < len(words):
            found.append(f"twice in {slot!r}")
    for left, right in itertools.pairwise(slots):
        if "|" in left and "|" in right:
            shared = set(_words(left)) & set(_words(right)) - {""}
            if shared:
                found.append(f"repeat {sorted(shared)} in {left!r} {right!r}")
    for i, slot in enumerate(slots):
        if "|" not in slot:
            continue
        for later in slots[i + 1 :]:
            for a in _words(slot):
                for b in _words(later):
                    if _family(a, b):
                        found.append(f"stem {a!r} ~ {b!r}")
    return found


def lint(language: str) -> list[tuple[str, str, list[str]]]:
    data = yaml.safe_load((PHRASES / f"{language}.yaml").read_text("utf-8"))
    out = []
    for where, pattern in patterns(data):
        reasons = suspicious(pattern)
        if reasons:
            out.append((where, pattern, reasons))
    return out


def main(argv: list[str]) -> None:
    for language in argv or ["en", "ru"]:
        rows = lint(language)
        print(f"{language}: {len(rows)} suspicious pattern(s)")
        for where, pattern, reasons in rows:
            print(f"  {where}: {pattern!r}  ({'; '.join(reasons)})")


if __name__ == "__main__":
    main(sys.argv[1:])
