"""The anchored matchers find what one spaCy Matcher of every pattern finds.

``anchored.py`` runs a phrase file's patterns in groups, each only around the
words it needs; the readers rely on getting the same matches, with the same
alignments, and matches over one span in the same order, as a single Matcher
holding every pattern (the order of spans is the readers' own).
"""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.matcher import Matcher
from spacy.schemas import validate_token_pattern
from spacy.tokens import Doc

from gravida.intake.anchored import AnchoredMatcher, PatternError
from gravida.intake.lexicon import Lexicon, lexicon_for
from gravida.intake.morph import read_slips
from gravida.intake.spelling import set_lemmas
from gravida.intake.text import normalise
from gravida.knowledge.load import default_pack

EN = [
    "I'm 31 weeks and my lower back aches, worse when I bend or lift, easier lying down.",
    "No fever, no bleeding, no burning when I wee; baby is kicking as usual.",
    "It shoots down my left leg and I ironed a whole basket standing, which made it worse.",
    "My mum had a clot once. I had a c-section 2 years ago, the pain eased after a nap",
    "the tightenings come every 10 to 40 minutes and go off if I lay on the sofa",
    "pain pain pain back back lower lower no no not not",
    "",
    "hurts",
]
RU = [
    "Срок 30 недель, поясница ноет уже две недели, температуры нет, не мажет.",
    "Болит спина справа, отдаёт в ногу, когда полежу проходит.",
    "живот каменеет раз в час, крови нет, воды не подтекали",
]


def _doc(lex: Lexicon, text: str) -> Doc:
    doc = lex.nlp(normalise(text))
    if lex.lemmas:
        read_slips(doc, lex.speller)
        return doc
    return set_lemmas(doc, lex.speller)[0]


def _one_matcher(lex: Lexicon, anchored: AnchoredMatcher) -> Matcher:
    whole = Matcher(lex.nlp.vocab)
    for key, spec in anchored._patterns:
        whole.add(key, [spec])
    return whole


def _in_span_order(matches: list[Any]) -> list[tuple[int, int, int, list[int]]]:
    return [(m[0], m[1], m[2], m[3]) for m in sorted(matches, key=lambda m: (m[1], m[2]))]


@pytest.mark.parametrize(("language", "texts"), [("en", EN), ("ru", RU)])
def test_same_matches_as_one_matcher(language: str, texts: list[str]) -> None:
    lex = lexicon_for(default_pack(), language)
    long = " ".join(texts * 12)  # windows that merge, many anchors, ties far apart
    for name in ("targets", "modifiers", "frame_parts"):
        anchored = getattr(lex, name)
        whole = _one_matcher(lex, anchored)
        for text in [*texts, long]:
            doc = _doc(lex, text)
            assert anchored(doc) == _in_span_order(whole(doc, with_alignments=True)), (
                name, text[:60])


def _tiny(patterns: list[tuple[str, list[dict[str, Any]]]]) -> tuple[Any, AnchoredMatcher]:
    nlp = spacy.blank("en")
    anchored = AnchoredMatcher(nlp.vocab)
    for key, spec in patterns:
        anchored.add(key, spec)
    anchored.build()
    return nlp, anchored


def _lemmatised(nlp: Any, text: str) -> Doc:
    doc = nlp(text)
    for t in doc:
        t.lemma_ = t.lower_
    return doc


def test_a_pattern_ending_in_a_gap_at_the_end_of_the_text() -> None:
    """A window that ends with the text, a pattern whose last tokens are optional."""
    gap = {"TEXT": {"NOT_IN": ["."]}, "OP": "{0,3}"}
    patterns = [
        ("a", [{"LEMMA": "back"}, gap, {"LEMMA": {"IN": ["aches", "hurts"]}, "OP": "?"}]),
        ("b", [{"LEMMA": {"IN": ["my", "the"]}}, {"LEMMA": "back"}, gap]),
        ("c", [{"LEMMA": "lower"}, {"LEMMA": "back", "OP": "?"}]),
    ]
    nlp, anchored = _tiny(patterns)
    whole = Matcher(nlp.vocab)
    for key, spec in patterns:
        whole.add(key, [spec])
    for text in ("my lower back", "my back hurts", "the lower back aches a lot", "back"):
        doc = _lemmatised(nlp, text)
        assert anchored(doc) == _in_span_order(whole(doc, with_alignments=True)), text


def test_ties_over_one_span_keep_the_order_of_one_matcher() -> None:
    """Three patterns over the same words, anchored on different words: their
    matches over one span come in the order one matcher gives them."""
    patterns = [
        ("late", [{"LEMMA": "lower"}, {"LEMMA": "back", "OP": "?"}, {"LEMMA": "pain"}]),
        ("early", [{"LEMMA": {"IN": ["lower", "upper"]}}, {"LEMMA": "back"}, {"LEMMA": "pain"}]),
        ("mid", [{"LEMMA": "lower"}, {"LEMMA": "back"}, {"LEMMA": {"IN": ["pain", "ache"]}}]),
    ]
    nlp, anchored = _tiny(patterns)
    assert len({anchored._group_of[nlp.vocab.strings[k]] for k, _ in patterns}) > 1
    whole = Matcher(nlp.vocab)
    for key, spec in patterns:
        whole.add(key, [spec])
    doc = _lemmatised(nlp, "a lower back pain today")
    found = anchored(doc)
    assert [nlp.vocab.strings[m[0]] for m in found] == [
        nlp.vocab.strings[m[0]] for m in whole(doc, with_alignments=True)
    ]
    assert len(found) == 3


def test_a_bad_pattern_is_refused_when_added() -> None:
    nlp = spacy.blank("en")
    with pytest.raises(PatternError):
        AnchoredMatcher(nlp.vocab, validate=True).add("x", [{"LEMMA": {"NOPE": ["a"]}}])


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_compiled_pattern_passes_spacys_schema(language: str) -> None:
    """The readers skip spaCy's schema check at start-up: the pattern compiler
    must only ever write patterns that pass it."""
    lex = lexicon_for(default_pack(), language)
    for name in ("targets", "modifiers", "frame_parts"):
        for key, spec in getattr(lex, name)._patterns:
            assert validate_token_pattern(spec) == [], (name, key, spec)
