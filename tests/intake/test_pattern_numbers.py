"""``#`` among alternatives and ``#?`` in the pattern language (session 9).

Before, the compiler read "#" as a number only as a word of its own: in
"lost a|the|two|# baby|babies" the "#" was the "#" sign, so "I lost 2 babies"
was not read, and "#?" was an optional "#" sign. Now "a|#" is a word or a
number in digits and "#?" an optional number, in every language.
"""

from __future__ import annotations

import spacy
from spacy.matcher import Matcher

from gravida.intake import parse_text
from gravida.intake.morph import add_normaliser
from gravida.intake.patterns import compile_pattern
from gravida.knowledge.load import Pack


def _matches(lang: str, pattern: str, text: str, lemmas: bool) -> bool:
    nlp = spacy.blank(lang)
    if lemmas:
        add_normaliser(nlp, "pymorphy3")
    else:
        nlp.add_pipe("sentencizer")
    matcher = Matcher(nlp.vocab)
    matcher.add("p", [compile_pattern(nlp, pattern, "test", lemmas=lemmas)])
    doc = nlp(text)
    if not lemmas:
        for tok in doc:
            tok.lemma_ = tok.lower_
    return bool(matcher(doc))


def test_a_number_among_alternatives_reads_digits_in_english(ipack: Pack) -> None:
    case = parse_text("I lost 2 babies before this one", ipack, "en").case
    assert "previous_miscarriage" in case.present
    assert _matches("en", "for a|# while", "for 2 while", lemmas=False)
    assert _matches("en", "for a|# while", "for a while", lemmas=False)
    assert not _matches("en", "for a|# while", "for the while", lemmas=False)
    assert _matches("en", "every #? minutes", "every minutes", lemmas=False)
    assert _matches("en", "every #? minutes", "every 5 minutes", lemmas=False)


def test_an_optional_number_in_russian() -> None:
    assert _matches("ru", "через #? день", "через 2 дня", lemmas=True)
    assert _matches("ru", "через #? день", "через день", lemmas=True)
    assert _matches("ru", "раз|# в день", "3 в день", lemmas=True)
    assert _matches("ru", "раз|# в день", "раза в день", lemmas=True)
