"""The small pattern language the pack's phrase lists are written in, compiled for spaCy.

Every language's phrase file uses the same language (one string per pattern,
words separated by spaces, matched case-insensitively on spaCy tokens):

``word``      the token itself; contractions are split as spaCy splits them
              (``don't`` is ``do`` + ``n't``)
``a|b|c``     any one of the alternatives
``word*``     any token starting with ``word`` (``ach*``: ache, aches, aching)
``x?``        the token (or alternatives) may be missing
``~`` ``~N``  a gap of up to 3 (or N) tokens that are not sentence punctuation
``#``         any number-like token (``#?`` optional; ``a|#`` a word or a number in digits)
``/re/``      a token matching the regex (the word as typed, lower case)
``$name``     a macro of the file
``=a|b``      any inflection of the dictionary forms a, b (lemmas.py: ``=ease``
              is ease, eases, eased, easing; ``=lie`` also "lay" and "lain")
``^word``     the word must be there but is context, not the finding's own
              words: another finding may claim it (in "спина ~1 ^ноет" the
              back is the place, and "ноет" stays the kind of pain too)

In a ``match: lemma`` language a word and each of its alternatives match the
word's dictionary form (the normaliser's lemma), and ``word*`` is a prefix of
the lemma, so one pattern matches every inflected form.

Errors are ``PackError``s naming the entry; the loader fills in the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any
from weakref import WeakKeyDictionary

from spacy.language import Language

from gravida.intake.morph import pattern_lemmas
from gravida.knowledge.load import PackError

# the file is filled in by the loader (one phrase file per language)
FILE = "phrases"
# the token attribute patterns compare: set for every token by the language's
# normaliser before matching (spelling.set_lemmas; a lemmatiser for inflected languages)
MATCH_ON = "LEMMA"

_TOKEN_SPECIAL = re.compile(r"[|*?]")
_GAP = re.compile(r"^~(\d{0,2})$")
_DIGITS = r"\d+(?:[.,]\d+)?"  # a number in digits, for "#" among alternatives
_MACRO = re.compile(r"\$([a-z_]+)")
_STOP_PUNCT = [".", "!", "?", ";"]
def err(entry: str, problem: str) -> PackError:
    return PackError(FILE, entry, problem)


def as_list(raw: Any, entry: str) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        raise err(entry, "expected a list of non-empty strings")
    return [x.strip() for x in raw]


def expand_macros(pattern: str, macros: Mapping[str, str], entry: str) -> str:
    """Replace ``$name`` (also inside alternatives: ``$pain|cramps``) by the macro text."""

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in macros:
            raise err(entry, f"unknown macro ${name} in {pattern!r}")
        return macros[name]

    words = []
    for word in pattern.split():
        if "$" in word:
            expanded = _MACRO.sub(one, word)
            if " " in expanded and (word.endswith("?") or "|" in word):
                raise err(entry, f"a several-word macro cannot be optional or alternative: {word}")
            words.append(expanded)
        else:
            words.append(word)
    return " ".join(words)


def compile_pattern(
    nlp: Language,
    pattern: str,
    entry: str,
    macros: Mapping[str, str] | None = None,
    lemmas: bool = False,
    context: list[int] | None = None,
    words: set[str] | None = None,
) -> list[dict[str, Any]]:
    """Turn one pattern string into a spaCy ``Matcher`` token pattern.

    Tokens are always compared on their lemma (``MATCH_ON``): with ``lemmas``
    the pattern's words are reduced by the pipeline's normaliser (a lemmatiser),
    otherwise they are lower case, and each token's lemma is its lower case
    with spelling slips read as the words the lists know (spelling.set_lemmas).
    The positions of ``^word`` tokens go into ``context``; the literal words of
    the pattern into ``words`` (the spelling vocabulary).
    """
    attr = MATCH_ON

    def forms(text: str) -> list[tuple[str, ...]]:
        """Per token of a pattern word, the keys it matches (more than one only for
        a lemma language's dictionary-form ambiguity: morph.pattern_lemmas)."""
        if lemmas:
            return [pattern_lemmas(t) for t, _ in _tokens(nlp, text)]
        return [(low,) for _, low in _tokens(nlp, text)]

    out: list[dict[str, Any]] = []
    sink: set[str] = words if words is not None else set()
    pattern = expand_macros(pattern, macros or {}, entry)
    for word in pattern.lower().split():
        if len(word) > 1 and word.startswith("^"):
            word = word[1:]
            if _GAP.match(word) or word.endswith("?"):
                raise err(entry, f"^ needs a word that must be there in {pattern!r}")
            if context is not None:
                context.append(len(out))
        if len(word) > 2 and word.startswith("/") and word.rstrip("?").endswith("/"):
            optional = word.endswith("?")
            body = word.rstrip("?")[1:-1]
            try:
                re.compile(body)
            except re.error as exc:
                raise err(entry, f"bad token regex {word!r}: {exc}") from None
            rspec: dict[str, Any] = {"LOWER": {"REGEX": f"^(?:{body})$"}}
            if optional:
                rspec["OP"] = "?"
            out.append(rspec)
            continue
        gap = _GAP.match(word)
        if gap:
            n = int(gap.group(1) or 3)
            if not 1 <= n <= 8:
                raise err(entry, f"gap {word!r} must be ~1..~8 in {pattern!r}")
            out.append({"TEXT": {"NOT_IN": _STOP_PUNCT}, "OP": f"{{0,{n}}}"})
            continue
        if word in ("#", "#?"):  # "#?": an optional number, not an optional "#" sign
            out.append({"LIKE_NUM": True, "OP": "?"} if word == "#?" else {"LIKE_NUM": True})
            continue
        if len(word) > 1 and word.startswith("=") and word[1].isalpha():  # "=" alone is "="
            out.append(_lemma_spec(word[1:], entry, pattern, sink))
            continue
        optional = word.endswith("?") and len(word) > 1
        core = word[:-1] if optional else word
        if not _TOKEN_SPECIAL.search(core):
            toks = forms(core)
            if optional and len(toks) != 1:
                raise err(entry, f"optional word {word!r} splits into tokens in {pattern!r}")
            for t in toks:
                sink.update(t)
                spec: dict[str, Any] = {attr: t[0]} if len(t) == 1 else {attr: {"IN": list(t)}}
                if optional:
                    spec["OP"] = "?"
                out.append(spec)
            continue
        alts = core.split("|")
        if any(not a or "?" in a or ("*" in a[:-1]) for a in alts):
            raise err(entry, f"bad token {word!r} in {pattern!r}")
        # "#" among alternatives ("a|an|# hour") is a number in digits too, as alone
        number = "#" in alts and len(alts) > 1
        alts = [a for a in alts if a != "#"] if number else alts
        if lemmas:
            alts = [k for a in alts for k in ([a] if a.endswith("*") else _joined(forms(a)))]
        sink.update(a.rstrip("*") for a in alts if not a.endswith("*") or len(a) > 5)
        if number or any(a.endswith("*") for a in alts):
            body = "|".join(
                [re.escape(a[:-1]) + ".*" if a.endswith("*") else re.escape(a) for a in alts]
                + ([_DIGITS] if number else [])
            )
            spec = {attr: {"REGEX": f"^(?:{body})$"}}
        else:
            spec = {attr: {"IN": alts}}
        if optional:
            spec["OP"] = "?"
        out.append(spec)
    if not out or all(s.get("OP") for s in out):
        raise err(entry, f"pattern {pattern!r} matches nothing solid")
    return out


# per pipeline, the tokens (text, lower case) of each pattern word: a phrase file
# names the same few hundred words in over a thousand patterns
_TOKENS: WeakKeyDictionary[Language, dict[str, tuple[tuple[str, str], ...]]] = (
    WeakKeyDictionary()
)


def _tokens(nlp: Language, text: str) -> tuple[tuple[str, str], ...]:
    known = _TOKENS.setdefault(nlp, {})
    found = known.get(text)
    if found is None:
        found = known[text] = tuple((t.text, t.lower_) for t in nlp.make_doc(text))
    return found


def _lemma_spec(word: str, entry: str, pattern: str, sink: set[str]) -> dict[str, Any]:
    """``=a|b``: a token one of whose dictionary forms is a or b (lemmas.py)."""
    from gravida.intake.lemmas import EXT  # registers the token extension

    optional = word.endswith("?")
    alts = (word[:-1] if optional else word).split("|")
    if any(not a.isalpha() for a in alts):
        raise err(entry, f"=words are plain words in {pattern!r}")
    sink.update(alts)
    spec: dict[str, Any] = {"_": {EXT: {"INTERSECTS": alts}}}
    if optional:
        spec["OP"] = "?"
    return spec


def _joined(toks: list[tuple[str, ...]]) -> list[str]:
    """An alternative is one token: a word the tokeniser splits is joined back
    (its first keys), and a single word keeps all its keys."""
    if len(toks) == 1:
        return list(dict.fromkeys(toks[0]))
    return ["".join(t[0] for t in toks)]


def check_src(raw: Mapping[str, Any], entry: str, known: set[str]) -> None:
    src = raw.get("src")
    if not isinstance(src, str) or src not in known:
        raise err(entry, f"needs a known source id in 'src' (got {src!r})")


def sourced_section(
    raw: Any, entry: str, known: set[str], shape: str = "src and rules"
) -> Mapping[str, Any] | None:
    """A rule section of the phrase file (a mapping with a known ``src``), or None
    when the file has none."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise err(entry, f"expected a mapping with {shape}")
    check_src(raw, entry, known)
    return raw


def check_booleans(entry: str, ids: Iterable[Any], booleans: list[str]) -> None:
    """Every id a rule names is a yes/no finding of the vocabulary."""
    bad = [x for x in ids if x not in booleans]
    if bad:
        raise err(entry, f"not boolean vocabulary findings: {bad}")


def compose_number_words(
    base: Mapping[str, int], last_only: frozenset[str] = frozenset()
) -> dict[str, int]:
    """Every spelt-out number the pack's words compose: 'twenty eight' -> 28.

    Only tens below a hundred lead a compound, and not the words in
    ``last_only`` (ordinals: "двадцатой" ends a number, "двадцать восьмой"
    is led by the cardinal); every compound is one more alternative in each
    number regex, so nonsense ones cost compile time for nothing.
    """
    out = dict(base)
    tens = {
        w: v for w, v in base.items() if 20 <= v < 100 and v % 10 == 0 and w not in last_only
    }
    units = {w: v for w, v in base.items() if 1 <= v <= 9}
    for tw, tv in tens.items():
        for uw, uv in units.items():
            out[f"{tw} {uw}"] = tv + uv
    return out


def compose_hundreds(words: Mapping[str, int], last_only: frozenset[str]) -> dict[str, int]:
    """The spelt-out numbers a hundred leads ('сто сорок пять' -> 145: a blood pressure
    said aloud). Hundreds of alternatives: only the regexes that ask for them
    (``{NUM3}``) carry them, so every other number regex compiles as fast as before."""
    below = {w: v for w, v in words.items() if 1 <= v < 100 and w not in last_only}
    hundreds = {
        w: v for w, v in words.items()
        if 100 <= v < 1000 and v % 100 == 0 and w not in last_only and " " not in w
    }
    return {f"{hw} {bw}": hv + bv for hw, hv in hundreds.items() for bw, bv in below.items()}


def num_alternation(words: Mapping[str, int]) -> str:
    """The regex for one number, in digits or words.

    The words are written as a trie (a shared beginning once: "двадцат(?:ь|и|ью)"),
    which matches what the flat alternation of every word, longest first, matches
    and in the same order of preference: the words that can match at one place are
    each a beginning of the longest, and the trie tries the longer first. A third
    of the characters: a Russian phrase file, {NUM} in a hundred regexes, compiles
    in half the time (it was most of a worker's start-up).
    """
    alt = _trie(sorted(words))
    return rf"(?:\d{{1,3}}(?:[.,]\d{{1,2}})?|{alt})" if alt else r"(?:\d{1,3}(?:[.,]\d{1,2})?)"


def _trie(words: list[str]) -> str:
    """The regex of a trie of these words (a space: one or more spaces)."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def emit(node: dict[str, Any]) -> str:
        parts = [(r"\s+" if ch == " " else re.escape(ch)) + emit(sub)
                 for ch, sub in node.items() if ch]
        if not parts:
            return ""
        if "" in node:  # longer words first, then the one ending here (greedy)
            return "(?:" + "|".join(parts) + ")?"
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return emit(root)


def regex(raw: str, entry: str, num: str = "") -> re.Pattern[str]:
    try:
        return re.compile(raw.replace("{NUM}", num), re.IGNORECASE)
    except re.error as exc:
        raise err(entry, f"bad regex: {exc}") from None


