"""Spelling and run-together words, read as the words the phrase lists know.

Women type fast: "contrations", "feever", "lowerback", "alot". Each token gets
a *lemma*, the form the phrase matchers compare against: its lower case, or,
for a word that neither the phrase lists nor the language's general dictionary
know, the one phrase-list word it is a slip of (SymSpell, symspellpy: one edit
for shorter words, two for long ones, only when a single best candidate
exists). A run-together word that is two known words ("lowerback") is split
into two tokens whose texts still join to what she typed, so every span keeps
pointing at her own characters.

Nothing a dictionary knows is changed ("sure" is never "sore", "never" never
"fever"), and medicine names from the pack's medicine list are known words, so
a medicine is never "corrected" into a symptom. The general dictionary is the
English frequency list shipped with symspellpy (named in the language's phrase
file); a language without one corrects nothing it does not know for certain.
An inflected language (Russian) uses its normaliser's dictionary instead
(pymorphy3 knows every form of every word it has), and a slip is read as an
inflected form of a phrase-list word (morph.read_slips), never as two words.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc
from symspellpy import SymSpell, Verbosity

from gravida.intake.patterns import err


@dataclass
class Speller:
    """The words a language knows and the domain words a slip may be read as."""

    domain: frozenset[str]
    known: frozenset[str]
    min_length: int = 4
    long_from: int = 8  # words this long may be two edits from the right one
    max_edits: int = 2  # 1: no word is two edits away (a large inflected list builds fast)
    # a dictionary beyond ``known`` (Russian: pymorphy3's, every inflected form)
    knows: Callable[[str], bool] | None = field(default=None, repr=False)
    # the dictionary word of a form: candidates that are forms of one word are one
    # reading ("мажит": "мажет" or "мажут", both "мазать")
    word_of: Callable[[str], str] | None = field(default=None, repr=False)
    # letters a slip most often drops: among several candidates, the one that only
    # restores one of them is the reading ("болно": "больно", not "полно")
    often_dropped: str = ""
    _sym: SymSpell | None = field(default=None, repr=False)
    _cache: dict[str, str | tuple[str, str] | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        sym = SymSpell(max_dictionary_edit_distance=self.max_edits, prefix_length=7)
        for w in self.domain:
            if w.isalpha() and len(w) >= 3:
                sym.create_dictionary_entry(w, 1)
        self._sym = sym

    def is_word(self, word: str) -> bool:
        """Whether the language knows this lower-case word as typed: its word lists
        (the general dictionary, the phrases', medicine names) or its dictionary."""
        return word in self.known or (self.knows is not None and self.knows(word))

    def read(self, word: str) -> str | tuple[str, str] | None:
        """A known word for a slip, two words for a run-together one, or None."""
        w = word.lower()
        if len(w) < self.min_length or not w.isalpha() or w in self.known:
            return None
        if self.knows is not None and self.knows(w):
            return None
        if w not in self._cache:
            if len(self._cache) > 50_000:  # bounded: text is untrusted
                self._cache.clear()
            self._cache[w] = self._split(w) or self._correct(w)
        return self._cache[w]

    def _split(self, w: str) -> tuple[str, str] | None:
        for i in range(1, len(w)):
            a, b = w[:i], w[i:]
            both_known = a in self.known and b in self.known
            if both_known and (a in self.domain or b in self.domain) and (len(a) > 1 or a in "ai"):
                return a, b
        return None

    def _correct(self, w: str) -> str | None:
        assert self._sym is not None
        distance = min(self.max_edits, 2 if len(w) >= self.long_from else 1)
        found = self._sym.lookup(w, Verbosity.CLOSEST, max_edit_distance=distance)
        if not found:
            return None
        best = found[0].distance
        words = sorted({str(s.term) for s in found if s.distance == best})
        if len(words) == 1:
            return words[0]
        if self.word_of is not None and len({self.word_of(c) for c in words}) == 1:
            return words[0]
        restored = [c for c in words if _drops_one(c, w, self.often_dropped)]
        return restored[0] if len(restored) == 1 else None


def _drops_one(candidate: str, typed: str, letters: str) -> bool:
    """Whether ``typed`` is ``candidate`` with one of ``letters`` left out."""
    if len(candidate) != len(typed) + 1:
        return False
    return any(
        candidate[i] in letters and candidate[:i] + candidate[i + 1 :] == typed
        for i in range(len(candidate))
    )


def general_words(resource: str) -> set[str]:
    """The words of a frequency dictionary shipped in a package, ``package:file``."""
    package, _, name = resource.partition(":")
    try:
        text = importlib.resources.files(package).joinpath(name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError) as exc:
        raise err("spelling.general_words", f"cannot read {resource!r}: {exc}") from None
    return {line.split(" ", 1)[0] for line in text.splitlines() if line}


def medicine_words(raw: Any) -> set[str]:
    """Every word of every medicine name and alias in ``medicines.yaml``."""
    out: set[str] = set()
    for entry in ((raw or {}).get("medicines") or {}).values():
        if not isinstance(entry, dict):
            continue
        names = [entry.get("inn"), entry.get("name"), *(entry.get("aliases") or [])]
        for name in names:
            if isinstance(name, str):
                out.update(w.lower() for w in name.replace("-", " ").split())
    return out


def build_speller(
    section: Mapping[str, Any] | None,
    domain: Iterable[str],
    extra_known: Iterable[str],
    knows: Callable[[str], bool] | None = None,
    word_of: Callable[[str], str] | None = None,
) -> Speller | None:
    """The speller a phrase file's ``spelling`` section describes; None without one.

    ``knows`` is a language's own dictionary (an inflected language's normaliser):
    what it knows is never corrected, whatever the word lists say.
    """
    if not section:
        return None
    if not isinstance(section, Mapping):
        raise err("spelling", "expected a mapping")
    dom = {w for w in domain if w.isalpha()}
    known = set(dom) | {w.lower() for w in extra_known}
    resource = section.get("general_words")
    if resource:
        known |= general_words(str(resource))
    known |= {str(w).lower() for w in section.get("known") or []}
    min_length = section.get("min_length", 4)
    long_from = section.get("two_edits_from", 8)
    max_edits = section.get("max_edits", 2)
    often_dropped = str(section.get("often_dropped") or "")
    if not all(isinstance(x, int) for x in (min_length, long_from, max_edits)):
        raise err("spelling", "min_length, two_edits_from and max_edits must be integers")
    if max_edits not in (1, 2):
        raise err("spelling", "max_edits must be 1 or 2")
    return Speller(
        frozenset(dom), frozenset(known), min_length, long_from, max_edits, knows, word_of,
        often_dropped,
    )


def set_lemmas(doc: Doc, speller: Speller | None) -> tuple[Doc, dict[int, tuple[str, str]]]:
    """Give every token the form the matchers read; split run-together words.

    Returns the document (split tokens in place) and, by token index, the
    corrections made (what she typed, what it was read as).
    """
    read_as: dict[int, tuple[str, str]] = {}
    if speller is not None:
        splits = [(t, r) for t in doc if isinstance(r := speller.read(t.text), tuple)]
        if splits:
            with doc.retokenize() as retok:
                for tok, (a, _) in splits:
                    n = len(a)
                    retok.split(tok, [tok.text[:n], tok.text[n:]], heads=[(tok, 1), (tok, 1)])
            for tok in doc:  # a split word's second half does not start a sentence
                if tok.is_sent_start is None:
                    tok.is_sent_start = tok.i == 0
    for tok in doc:
        fixed = speller.read(tok.text) if speller is not None else None
        if isinstance(fixed, str):
            tok.lemma_ = fixed
            read_as[tok.i] = (tok.text, fixed)
        else:
            tok.lemma_ = tok.lower_
    return doc, read_as
