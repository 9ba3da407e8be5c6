"""What a loose word is about: the subject it needs, or another place it names.

Some words state a finding only when they are about its subject: "regularly" is
a rhythm of tightenings only beside a tightening ("I go to the loo regularly",
"I take paracetamol regularly" are not labour). A finding's ``cue`` names the
words of its subject, and its ``present_cued`` patterns count only with one of
them, hers, now and not denied, within ``reach`` tokens. Other words are stated
of somewhere else: blood beside a cut finger, a nose or piles is not bleeding
from the vagina (a finding's ``elsewhere``: ``words`` for a loose denial,
``stated`` for any mention). And an urgent word in a question she asks is no
statement of it (``Questions``): the interview asks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from gravida.intake.patterns import err, regex

if TYPE_CHECKING:  # context.py needs the compiled lexicon, which holds these rules
    from gravida.intake.context import Scope

# scopes that make a cue word not hers or not now ("no tightenings", "my sister's
# contractions"): such a word is no subject for the loose word beside it
_NOT_HERS = frozenset({"negation", "family", "hypothetical", "uncertainty", "historical"})


@dataclass(frozen=True)
class About:
    """Words (a token regex) within ``reach`` tokens of a mention."""

    words: re.Pattern[str]
    reach: int


def load_about(raw: Any, entry: str, max_reach: int = 40) -> About:
    if not isinstance(raw, dict) or set(raw) != {"words", "reach"}:
        raise err(entry, "expected words (a token regex) and reach")
    reach = raw["reach"]
    if isinstance(reach, bool) or not isinstance(reach, int) or not 1 <= reach <= max_reach:
        raise err(entry, f"reach must be an integer 1..{max_reach}")
    return About(regex(f"^(?:{raw['words']})$", entry), reach)


def load_elsewhere(raw: Any, entry: str) -> tuple[About, About | None]:
    """``elsewhere: {words, reach, stated?}``: the places of a loose denial and, if
    given, those that take even a stated mention elsewhere (same reach)."""
    if not isinstance(raw, dict) or not {"words", "reach"} <= set(raw) <= {
        "words", "reach", "stated"
    }:
        raise err(entry, "expected words (a token regex), reach and optional stated")
    denied = load_about({"words": raw["words"], "reach": raw["reach"]}, entry, 15)
    if raw.get("stated") is None:
        return denied, None
    return denied, load_about({"words": raw["stated"], "reach": raw["reach"]}, entry, 15)


def has_cue(doc: Doc, start: int, end: int, cue: About, scopes: Sequence[Scope]) -> bool:
    """A word of the finding's subject, hers and now, within ``reach`` tokens (any
    sentence: "My belly keeps going hard. It's every 5 minutes now.")."""
    from gravida.intake.context import modifiers_of

    lo, hi = max(0, start - cue.reach), min(len(doc), end + cue.reach)
    # a cue word that is itself part of a negation ("левая не болит", where "не
    # болит" denies the side before it) is denied, though no scope covers it
    denying = {
        k
        for s in scopes
        if s.trigger.category == "negation"
        for k in range(s.trigger.start, s.trigger.end)
    }
    for i in range(lo, hi):
        if start <= i < end or i in denying or not cue.words.match(doc[i].lower_):
            continue
        mods = modifiers_of(i, i + 1, scopes)
        if not any(s.trigger.category in _NOT_HERS for s in mods):
            return True
    return False


@dataclass(frozen=True)
class Questions:
    """Sentences she asks rather than tells (``context.questions``): ending in a
    question mark and opening with a word of ``openers``; an urgent finding of
    ``findings`` named in one is left to the interview ("What would a
    pre-eclampsia headache feel like?", "will I bleed if it's the placenta?")."""

    openers: re.Pattern[str]
    findings: frozenset[str]
    # optional: words by which a question tells what she has ("is it normal to
    # have bleeding like this?"): such a question keeps its urgent findings
    stated: re.Pattern[str] | None = None


def load_questions(raw: Any, booleans: Any) -> Questions | None:
    if raw is None:
        return None
    entry = "context.questions"
    if not isinstance(raw, dict) or not {"openers", "findings"} <= set(raw) <= {
        "openers", "findings", "stated"
    }:
        raise err(entry, "expected openers (a token regex), findings and optional stated")
    findings = raw["findings"]
    if not isinstance(findings, list) or not all(f in booleans for f in findings):
        raise err(entry, "findings must be boolean vocabulary findings")
    stated = raw.get("stated")
    return Questions(
        regex(f"^(?:{raw['openers']})$", entry),
        frozenset(findings),
        None if stated is None else regex(f"^(?:{stated})$", entry),
    )


def asked(doc: Doc, start: int, questions: Questions | None) -> bool:
    """The mention's sentence is a question: it ends in "?" and opens with a
    question word (after any punctuation or "so", "and", "but"), or the clause the
    mention stands in does, from the last comma before it (a question after a
    preamble: "34 weeks, are these contractions??", "Hi all, is this my waters?";
    a statement before the question stays hers: "I've been bleeding since this
    morning, should I go in?"). A question with a word of ``stated`` in it tells
    what she has ("is it normal to have bleeding like this?") and asks nothing."""
    if questions is None:
        return False
    sent = doc[start].sent
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if not words or not any(t.text.startswith("?") for t in sent[-3:]):
        return False
    first = next((t for t in words if t.lower_ not in _LEADS), words[0])
    if not questions.openers.match(first.lower_):
        commas = [t.i for t in sent if t.i < start and t.text == ","]
        if not commas:
            return False
        words = [t for t in doc[commas[-1] + 1 : sent.end] if not t.is_punct and not t.is_space]
        opener = next((t for t in words if t.i <= start and t.lower_ not in _LEADS), None)
        if opener is None or not questions.openers.match(opener.lower_):
            return False
    return questions.stated is None or not any(questions.stated.match(t.lower_) for t in words)


_LEADS = frozenset({"so", "and", "but", "also", "oh", "ok", "okay", "um", "hi", "hello"})


def near_place(doc: Doc, start: int, end: int, place: About) -> bool:
    """A word of another place within ``reach`` tokens in the mention's sentence."""
    sent = doc[start].sent
    lo, hi = max(sent.start, start - place.reach), min(sent.end, end + place.reach)
    return any(place.words.match(doc[i].lower_) for i in range(lo, hi) if not start <= i < end)
