"""Lemmas for languages whose words inflect: the pymorphy3 normaliser.

Russian nouns, verbs and adjectives change their endings with case, number,
gender and tense ("поясница", "поясницу", "в пояснице"; "болит", "болело"),
so a phrase list matched on the words as typed would need every form. The
phrase patterns of a ``match: lemma`` language are matched on dictionary forms
instead, and this pipeline component sets each token's lemma.

spaCy's own Russian lemmatiser also calls pymorphy3, but it lemmatises only
tokens a tagger has given a part of speech, and we run no trained pipeline
(nothing is downloaded). So the first pymorphy3 analysis is taken without
context: the same surface word always gets the same lemma, in the text and in
the patterns (which are lemmatised by the same function when the phrase file
is compiled), so an ambiguous word still matches its own pattern. The
dictionary ships in the ``pymorphy3-dicts-ru`` package; nothing is fetched at
run time. "ё" is folded to "е", as most people type it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "gravida_pymorphy3"
NORMALISERS = ("pymorphy3",)
_FOLD = str.maketrans({"ё": "е", "Ё": "Е"})


@lru_cache(maxsize=1)
def _analyzer() -> object:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """The dictionary form of one word (lower case, ё as е); other words as they are."""
    low = word.lower().translate(_FOLD)
    if not any("а" <= ch <= "я" for ch in low):
        return low
    parses = _analyzer().parse(low)  # type: ignore[attr-defined]
    if not parses:
        return low
    return str(parses[0].normal_form).translate(_FOLD)


@lru_cache(maxsize=20_000)
def pattern_lemmas(word: str) -> tuple[str, ...]:
    """What a pattern word matches: its lemma, and the word itself when the
    dictionary also has it as a dictionary form of its own.

    pymorphy3's first analysis of a pattern word may be another word's form
    ("стопа" first reads as a form of "стоп"; "пах" as "пахнуть"), while the
    forms she types ("стопы", "в паху") read as the word the pattern means.
    Written in its dictionary form, the pattern word names that word too.
    """
    first = lemma(word)
    low = word.lower().translate(_FOLD)
    if low == first or not any("а" <= ch <= "я" for ch in low):
        return (first,)
    forms = {str(p.normal_form).translate(_FOLD) for p in _analyzer().parse(low)}  # type: ignore[attr-defined]
    return (first, low) if low in forms else (first,)


@Language.factory(COMPONENT, default_config={"readings": {}})
def make_lemmatiser(nlp: Language, name: str, readings: dict[str, str]) -> Callable[[Doc], Doc]:
    """The component that gives every token its pymorphy3 lemma (``token.lemma_``).

    ``readings`` (the phrase file's ``readings:``) names the few everyday forms
    whose first analysis is another word in this domain ("в правом боку": "правом"
    reads first as the noun "право", not as "правый").
    """
    fixed = {k.lower().translate(_FOLD): v.lower().translate(_FOLD) for k, v in readings.items()}

    def set_lemmas(doc: Doc) -> Doc:
        for tok in doc:
            tok.lemma_ = fixed.get(tok.lower_.translate(_FOLD)) or lemma(tok.text)
        return doc

    return set_lemmas


def add_normaliser(nlp: Language, name: str, readings: Mapping[str, str] | None = None) -> None:
    """Add the named normaliser of a phrase file (``normaliser:``) to a pipeline."""
    if name != "pymorphy3":
        raise ValueError(f"unknown normaliser {name!r}")
    nlp.add_pipe(COMPONENT, config={"readings": dict(readings or {})})
