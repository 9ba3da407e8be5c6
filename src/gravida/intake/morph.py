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

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

if TYPE_CHECKING:
    from gravida.intake.spelling import Speller

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


@lru_cache(maxsize=200_000)
def is_known(word: str) -> bool:
    """Whether the dictionary has this exact word form (any inflection)."""
    return bool(_analyzer().word_is_known(word.lower().translate(_FOLD)))  # type: ignore[attr-defined]


def dictionary_of(normaliser: object) -> Callable[[str], bool] | None:
    """The dictionary of word forms a phrase file's ``normaliser`` brings (None: none)."""
    return is_known if normaliser in NORMALISERS else None


def can_be(word: str, grammemes: frozenset[str]) -> bool:
    """Whether some reading of the word carries one of the grammemes (a case: "gent").

    "Крови, воды нет" names what is denied in the genitive; "Поясница, температуры
    нет" starts with a subject, which no reading of "поясница" puts in the genitive.
    A word outside the dictionary's alphabet (a number) is not ruled out.
    """
    low = word.lower().translate(_FOLD)
    if not any("а" <= ch <= "я" for ch in low):
        return True
    return any(grammemes & set(p.tag.grammemes) for p in _analyzer().parse(low))  # type: ignore[attr-defined]


def surface_forms(lemmas: Iterable[str], min_length: int = 4) -> set[str]:
    """Every inflected form of each dictionary word: what a slip is corrected to
    (she types a form, "паясницу", not the dictionary word)."""
    out: set[str] = set()
    for lem in lemmas:
        if len(lem) < min_length or not all("а" <= ch <= "я" for ch in lem):
            continue
        out.add(lem)
        for p in _analyzer().parse(lem):  # type: ignore[attr-defined]
            if str(p.normal_form).translate(_FOLD) != lem:
                continue
            out.update(str(f.word).translate(_FOLD) for f in p.lexeme)
            break
    return {w for w in out if len(w) >= min_length}


def read_slips(doc: Doc, speller: Speller | None) -> dict[int, tuple[str, str]]:
    """Read a word the dictionary does not know as the phrase-list form it is a slip
    of ("паясница", "тимпература"), and give the token that form's lemma.

    Only words pymorphy3 does not know are touched; what she typed stays in the
    text (spans point at her characters). Returns, by token, (typed, read as).
    """
    read_as: dict[int, tuple[str, str]] = {}
    if speller is None:
        return read_as
    for tok in doc:
        fixed = speller.read(tok.text.translate(_FOLD))
        if isinstance(fixed, str):
            tok.lemma_ = lemma(fixed)
            read_as[tok.i] = (tok.text, fixed)
    return read_as


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
