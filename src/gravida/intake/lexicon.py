"""Read ``phrases.yaml`` from the pack and compile it into spaCy matchers.

The phrase lists are clinical content (which words mean which finding), so they
live in the knowledge pack beside the findings; this module only knows the
small pattern language they are written in, and fails at load with a
``PackError`` naming the file, the entry and the problem when a pattern or an
id is wrong, never later with a silently missed finding.

Pattern language (one string per pattern, words separated by spaces, matched
case-insensitively on spaCy tokens):

``word``      the token itself; contractions are split as spaCy splits them
              (``don't`` is ``do`` + ``n't``)
``a|b|c``     any one of the alternatives
``word*``     any token starting with ``word`` (``ach*``: ache, aches, aching)
``x?``        the token (or alternatives) may be missing
``~`` ``~N``  a gap of up to 3 (or N) tokens that are not sentence punctuation
``#``         any number-like token
``^word``     the word must be there but is context, not the finding's own
              words: another finding may claim it ("^ноет ~2 поясница" is the
              place, and "ноет" stays the kind of pain too)

In a ``match: lemma`` language (``languages.yaml``) a word and each of its
alternatives match the word's lemma, and ``word*`` is a prefix of the lemma.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

import spacy
from spacy.language import Language
from spacy.matcher import Matcher

from gravida.intake.language import DEFAULT, LanguageSpec, load_languages
from gravida.intake.morph import add_normaliser
from gravida.knowledge.load import PackError

FILE = "phrases.yaml"

Direction = Literal["forward", "backward", "bidirectional"]
CATEGORIES: tuple[str, ...] = ("negation", "uncertainty", "family", "historical", "hypothetical")
DIRECTIONS: tuple[Direction, ...] = ("forward", "backward", "bidirectional")
POLARITIES: tuple[str, ...] = (
    "present",
    "absent",
    "absent_if_negated",
    "present_only",
    "present_if_negated",
    "absent_only",
)
NUMBER_KINDS: tuple[str, ...] = (
    "value",
    "months",
    "trimester",
    "temperature",
    "fahrenheit",
    "weeks_days",
)

_TOKEN_SPECIAL = re.compile(r"[|*?]")
_GAP = re.compile(r"^~(\d{0,2})$")
_MACRO = re.compile(r"\$([a-z_]+)")
_STOP_PUNCT = [".", "!", "?", ";"]


class PackLike(Protocol):
    """What intake needs of a pack: the directory and a way to read a file.

    Typed as a protocol so the intake works with the full ``Pack`` and with a
    bare directory reader in tests, without loading the whole model.
    """

    @property
    def directory(self) -> Path: ...

    def read(self, name: str) -> Any: ...


@dataclass(frozen=True)
class TargetRule:
    """One phrase pattern that names a finding with a polarity."""

    finding: str
    polarity: str
    pattern: str


@dataclass(frozen=True)
class ModifierRule:
    category: str
    direction: Direction
    pattern: str
    max_scope: int


@dataclass(frozen=True)
class NumberRule:
    """A regex for one number finding; group ``value`` (and optional ``value2``)."""

    finding: str
    name: str
    regex: re.Pattern[str]
    kind: str
    finding2: str | None
    flags: tuple[str, ...]
    strength: int
    needs_cue: str | None
    # how many sentences before the hit's own one may hold the cue ("My back is
    # killing me. It's an 8.")
    cue_reach: int = 0
    # text just before the hit that makes it something else ("for about 3 weeks"
    # is a duration, not weeks of pregnancy); searched as ``(?:regex)\Z``
    not_after: re.Pattern[str] | None = None
    # below this a loosely worded match is more likely something else ("2 weeks
    # and it still hurts" is a duration: nobody knows she is 2 weeks pregnant)
    min_value: float | None = None


@dataclass(frozen=True)
class NearRule:
    """A present mention of ``finding`` about the things ``cue`` names is also ``then``.

    "The tightenings fade if I lie down" says the pain eases with rest and, since
    what eases is a tightening, that the tightenings are the irregular kind. The
    cue must stand before the mention in its sentence (or up to ``reach``
    sentences earlier) and not be negated.
    """

    finding: str
    cue: re.Pattern[str]
    reach: int
    then: str
    # not when the text already states one of these ("every 5 minutes ... they
    # ease when I sit" is not made irregular by the easing)
    unless: frozenset[str] = frozenset()


@dataclass(frozen=True)
class AloneRule:
    """``then`` follows from ``finding`` when nothing stated says otherwise.

    A pain only in the lower right of the belly is a right-sided pain; the same
    words beside a pain on the left, or "it's on both sides", are not.
    """

    finding: str
    then: str
    unless_present: frozenset[str]
    unless_absent: frozenset[str]


@dataclass(frozen=True)
class WideRangeRule:
    """A mention of ``finding`` whose words give a wide range of times names ``then``.

    "Every 10 to 40 minutes" is matched by the same words as "every 5 minutes",
    but a rhythm that wanders that much is not a regular one. Wide means the
    longest time is at least ``min_ratio`` times and ``min_spread`` minutes more
    than the shortest; a narrower range ("every 5 to 7 minutes") stays as it is.
    """

    finding: str
    then: str
    regex: re.Pattern[str]
    min_ratio: float
    min_spread: float
    unit_minutes: Mapping[str, float]
    quantities: Mapping[str, float]


@dataclass
class Lexicon:
    """The compiled phrase pack: spaCy pipeline, matchers and the rules behind each key."""

    nlp: Language
    targets: Matcher
    modifiers: Matcher
    target_rules: dict[str, TargetRule]
    modifier_rules: dict[str, ModifierRule]
    terminators: set[str]
    pseudo: set[str]
    family_breakers: set[str]
    history_findings: frozenset[str]
    booleans: frozenset[str]
    boolean_order: tuple[str, ...]
    numbers: frozenset[str]
    number_ranges: dict[str, tuple[float, float]]
    number_rules: list[NumberRule]
    number_words: dict[str, int]
    all_number_words: dict[str, int]
    cues: dict[str, re.Pattern[str]]
    conversions: dict[str, float]
    months_to_weeks: float
    trimester_weeks: dict[str, float]
    duration: dict[str, Any]
    max_chars: int
    gaps: dict[str, frozenset[int]] = field(default_factory=dict)
    implies: list[tuple[str, str]] = field(default_factory=list)
    number_maps: list[dict[str, Any]] = field(default_factory=list)
    near_rules: list[NearRule] = field(default_factory=list)
    alone_rules: list[AloneRule] = field(default_factory=list)
    wide_ranges: list[WideRangeRule] = field(default_factory=list)
    backward_breakers: set[str] = field(default_factory=set)
    # pattern positions of ^words: needed, but not the finding's own words
    marks: dict[str, frozenset[int]] = field(default_factory=dict)


def _err(entry: str, problem: str) -> PackError:
    return PackError(FILE, entry, problem)


def _as_list(raw: Any, entry: str) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(x, str) and x.strip() for x in raw):
        raise _err(entry, "expected a list of non-empty strings")
    return [x.strip() for x in raw]


def expand_macros(pattern: str, macros: Mapping[str, str], entry: str) -> str:
    """Replace ``$name`` (also inside alternatives: ``$pain|cramps``) by the macro text."""

    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in macros:
            raise _err(entry, f"unknown macro ${name} in {pattern!r}")
        return macros[name]

    words = []
    for word in pattern.split():
        if "$" in word:
            expanded = _MACRO.sub(one, word)
            if " " in expanded and (word.endswith("?") or "|" in word):
                raise _err(entry, f"a several-word macro cannot be optional or alternative: {word}")
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
) -> list[dict[str, Any]]:
    """Turn one pattern string into a spaCy ``Matcher`` token pattern.

    With ``lemmas`` the words are lemmatised by the pipeline's normaliser and
    matched on ``LEMMA``, so any inflected form in the text matches them. The
    positions of ``^word`` tokens are added to ``context``.
    """
    attr = "LEMMA" if lemmas else "LOWER"

    def keys(text: str) -> list[str]:
        if lemmas:
            return [t.lemma_ for t in nlp(text)]
        return [t.lower_ for t in nlp.make_doc(text)]

    out: list[dict[str, Any]] = []
    pattern = expand_macros(pattern, macros or {}, entry)
    for word in pattern.lower().split():
        if len(word) > 1 and word.startswith("^"):
            word = word[1:]
            if _GAP.match(word) or word.endswith("?"):
                raise _err(entry, f"^ needs a word that must be there in {pattern!r}")
            if context is not None:
                context.append(len(out))
        if len(word) > 2 and word.startswith("/") and word.rstrip("?").endswith("/"):
            optional = word.endswith("?")
            body = word.rstrip("?")[1:-1]
            try:
                re.compile(body)
            except re.error as exc:
                raise _err(entry, f"bad token regex {word!r}: {exc}") from None
            rspec: dict[str, Any] = {"LOWER": {"REGEX": f"^(?:{body})$"}}
            if optional:
                rspec["OP"] = "?"
            out.append(rspec)
            continue
        gap = _GAP.match(word)
        if gap:
            n = int(gap.group(1) or 3)
            if not 1 <= n <= 8:
                raise _err(entry, f"gap {word!r} must be ~1..~8 in {pattern!r}")
            out.append({"TEXT": {"NOT_IN": _STOP_PUNCT}, "OP": f"{{0,{n}}}"})
            continue
        if word == "#":
            out.append({"LIKE_NUM": True})
            continue
        optional = word.endswith("?") and len(word) > 1
        core = word[:-1] if optional else word
        if not _TOKEN_SPECIAL.search(core):
            toks = keys(core)
            if optional and len(toks) != 1:
                raise _err(entry, f"optional word {word!r} splits into tokens in {pattern!r}")
            for t in toks:
                spec: dict[str, Any] = {attr: t}
                if optional:
                    spec["OP"] = "?"
                out.append(spec)
            continue
        alts = core.split("|")
        if any(not a or "?" in a or ("*" in a[:-1]) for a in alts):
            raise _err(entry, f"bad token {word!r} in {pattern!r}")
        if lemmas:
            alts = [a if a.endswith("*") else "".join(keys(a)) for a in alts]
        if any(a.endswith("*") for a in alts):
            body = "|".join(
                re.escape(a[:-1]) + ".*" if a.endswith("*") else re.escape(a) for a in alts
            )
            spec = {attr: {"REGEX": f"^(?:{body})$"}}
        else:
            spec = {attr: {"IN": alts}}
        if optional:
            spec["OP"] = "?"
        out.append(spec)
    if not out or all(s.get("OP") for s in out):
        raise _err(entry, f"pattern {pattern!r} matches nothing solid")
    return out


def _vocab_findings(
    pack: PackLike,
) -> tuple[list[str], set[str], dict[str, tuple[float, float]]]:
    vocab = pack.read("vocabulary.yaml") or {}
    booleans: list[str] = []
    numbers: set[str] = set()
    ranges: dict[str, tuple[float, float]] = {}
    for f in vocab.get("findings") or []:
        if f.get("kind") == "number":
            numbers.add(f["id"])
            lo, hi = f.get("range") or (float("-inf"), float("inf"))
            ranges[f["id"]] = (float(lo), float(hi))
        else:
            booleans.append(f["id"])
    return booleans, numbers, ranges


def _known_sources(pack: PackLike) -> set[str]:
    names = ["sources.yaml"] + [
        f"sources/{p.name}" for p in sorted((pack.directory / "sources").glob("*.yaml"))
    ]
    known: set[str] = set()
    for name in names:
        raw = pack.read(name) or {}
        known |= set((raw.get("sources") or {}).keys())
    return known


def _check_src(raw: Mapping[str, Any], entry: str, known: set[str]) -> None:
    src = raw.get("src")
    if not isinstance(src, str) or src not in known:
        raise _err(entry, f"needs a known source id in 'src' (got {src!r})")


def compose_number_words(base: Mapping[str, int]) -> dict[str, int]:
    """Every spelt-out number the pack's words compose: 'twenty eight' -> 28."""
    out = dict(base)
    tens = {w: v for w, v in base.items() if v >= 20 and v % 10 == 0}
    units = {w: v for w, v in base.items() if 1 <= v <= 9}
    for tw, tv in tens.items():
        for uw, uv in units.items():
            out[f"{tw} {uw}"] = tv + uv
    return out


def num_alternation(words: Mapping[str, int]) -> str:
    """The regex for one number, in digits or words, longest words first."""
    alt = "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )
    return rf"(?:\d{{1,3}}(?:[.,]\d{{1,2}})?|{alt})" if alt else r"(?:\d{1,3}(?:[.,]\d{1,2})?)"


def _regex(raw: str, entry: str, num: str = "") -> re.Pattern[str]:
    try:
        return re.compile(raw.replace("{NUM}", num), re.IGNORECASE)
    except re.error as exc:
        raise _err(entry, f"bad regex: {exc}") from None


def _blank_nlp(spec: LanguageSpec | None = None) -> Language:
    """A blank pipeline of the language with a rule-based sentence splitter and the
    language's normaliser, if it has one: nothing to download."""
    nlp = spacy.blank(spec.code if spec else "en")
    nlp.add_pipe("sentencizer")
    if spec is not None and spec.normaliser:
        add_normaliser(nlp, spec.normaliser)
    return nlp


def load_lexicon(pack: PackLike, lang: str = DEFAULT) -> Lexicon:
    """Compile one language's phrase file (``phrases.yaml`` for English); every id,
    source, pattern and regex is checked here, and an error names that file."""
    spec = load_languages(pack).get(lang)
    try:
        return _load_lexicon(pack, spec)
    except PackError as exc:
        if exc.file == FILE and spec.phrases != FILE:
            raise PackError(spec.phrases, exc.entry, exc.problem) from None
        raise


def _load_lexicon(pack: PackLike, spec: LanguageSpec) -> Lexicon:
    raw = pack.read(spec.phrases)
    if not isinstance(raw, dict):
        raise _err("-", "expected a mapping at the top level")
    booleans, numbers, ranges = _vocab_findings(pack)
    known_src = _known_sources(pack)
    nlp = _blank_nlp(spec)
    lemmas = spec.match == "lemma"
    targets = Matcher(nlp.vocab, validate=True)
    modifiers = Matcher(nlp.vocab, validate=True)
    target_rules: dict[str, TargetRule] = {}
    modifier_rules: dict[str, ModifierRule] = {}
    history: set[str] = set()
    gaps: dict[str, frozenset[int]] = {}
    marks: dict[str, frozenset[int]] = {}
    near_rules: list[NearRule] = []

    macros_raw = raw.get("macros") or {}
    if not isinstance(macros_raw, dict) or not all(
        isinstance(v, str) and v.strip() for v in macros_raw.values()
    ):
        raise _err("macros", "expected name: pattern text")
    macros = {str(k): str(v).strip() for k, v in macros_raw.items()}

    def add(matcher: Matcher, key: str, pattern: str, entry: str) -> None:
        context: list[int] = []
        tokens = compile_pattern(nlp, pattern, entry, macros, lemmas, context)
        gaps[key] = frozenset(i for i, t in enumerate(tokens) if "TEXT" in t)
        if context:
            marks[key] = frozenset(context)
        try:
            matcher.add(key, [tokens])
        except (ValueError, KeyError) as exc:
            raise _err(entry, f"spaCy rejects {pattern!r}: {exc}") from None

    for i, pat in enumerate(_as_list(raw.get("masks"), "masks")):
        key = f"T|_mask|mask|{i}"
        target_rules[key] = TargetRule("_mask", "mask", pat)
        add(targets, key, pat, f"masks[{i}]")
    findings = raw.get("findings")
    if not isinstance(findings, dict):
        raise _err("findings", "expected a mapping of finding id to phrases")
    for fid, entry in findings.items():
        if fid not in booleans:
            raise _err(f"findings.{fid}", "not a boolean vocabulary finding")
        if not isinstance(entry, dict):
            raise _err(f"findings.{fid}", "expected a mapping")
        unknown = set(entry) - {"src", "history", "note", "near", *POLARITIES}
        if unknown:
            raise _err(f"findings.{fid}", f"unknown keys {sorted(unknown)}")
        _check_src(entry, f"findings.{fid}", known_src)
        if entry.get("history"):
            history.add(fid)
        for pol in POLARITIES:
            for i, pat in enumerate(_as_list(entry.get(pol), f"findings.{fid}.{pol}")):
                key = f"T|{fid}|{pol}|{i}"
                target_rules[key] = TargetRule(fid, pol, pat)
                add(targets, key, pat, f"findings.{fid}.{pol}[{i}]")
        near_rules.extend(_near_rules(entry.get("near"), fid, booleans))

    ctx = raw.get("context")
    if not isinstance(ctx, dict):
        raise _err("context", "expected a mapping")
    _check_src(ctx, "context", known_src)
    scope = ctx.get("max_scope") or {}
    for cat in CATEGORIES:
        block = ctx.get(cat)
        n_raw = scope.get(cat, 8)
        per_dir = n_raw if isinstance(n_raw, dict) else {d: n_raw for d in DIRECTIONS}
        if not isinstance(block, dict):
            raise _err(f"context.{cat}", "expected a mapping of direction to triggers")
        unknown = set(block) - set(DIRECTIONS)
        if unknown:
            raise _err(f"context.{cat}", f"unknown directions {sorted(unknown)}")
        for direction in DIRECTIONS:
            n = per_dir.get(direction, 8)
            if not isinstance(n, int) or not 1 <= n <= 40:
                raise _err(f"context.max_scope.{cat}", "expected an integer 1..40")
            for i, pat in enumerate(_as_list(block.get(direction), f"context.{cat}.{direction}")):
                key = f"M|{cat}|{direction}|{i}"
                modifier_rules[key] = ModifierRule(cat, direction, pat, n)
                add(modifiers, key, pat, f"context.{cat}.{direction}[{i}]")

    def triggers(name: str, tag: str) -> set[str]:
        """A plain list of context triggers (no directions): their matcher keys."""
        keys: set[str] = set()
        for i, pat in enumerate(_as_list(ctx.get(name), f"context.{name}")):
            key = f"X|{tag}|{i}"
            keys.add(key)
            add(modifiers, key, pat, f"context.{name}[{i}]")
        return keys

    terminators = triggers("terminators", "terminate")
    pseudo = triggers("pseudo", "pseudo")
    family_breakers = triggers("family_ends_at", "family_end")
    backward_breakers = triggers("backward_ends_at", "backward_end")

    nums = raw.get("numbers")
    if not isinstance(nums, dict):
        raise _err("numbers", "expected a mapping")
    _check_src(nums, "numbers", known_src)
    words = nums.get("number_words") or {}
    if not isinstance(words, dict) or not all(isinstance(v, int) for v in words.values()):
        raise _err("numbers.number_words", "expected word: integer")
    base_words = {str(k).lower(): int(v) for k, v in words.items()}
    all_words = compose_number_words(base_words)
    num = num_alternation(all_words)
    cues = {
        str(k): _regex(str(v), f"numbers.cues.{k}") for k, v in (nums.get("cues") or {}).items()
    }
    number_rules: list[NumberRule] = []
    for i, r in enumerate(nums.get("rules") or []):
        entry_name = f"numbers.rules[{i}]"
        if not isinstance(r, dict) or r.get("finding") not in numbers:
            raise _err(entry_name, "needs 'finding', a number finding of the vocabulary")
        rx = _regex(str(r.get("regex", "")), entry_name, num)
        if "value" not in rx.groupindex:
            raise _err(entry_name, "regex needs a named group 'value'")
        kind = str(r.get("kind", "value"))
        if kind not in NUMBER_KINDS:
            raise _err(entry_name, f"kind must be one of {NUMBER_KINDS}")
        finding2 = r.get("finding2")
        if finding2 is not None and finding2 not in numbers:
            raise _err(entry_name, "finding2 is not a number finding")
        cue = r.get("needs_cue")
        if cue is not None and cue not in cues:
            raise _err(entry_name, f"unknown cue {cue!r}")
        reach = r.get("cue_reach", 0)
        if not isinstance(reach, int) or isinstance(reach, bool) or not 0 <= reach <= 3:
            raise _err(entry_name, "cue_reach must be an integer 0..3")
        min_value = r.get("min_value")
        if min_value is not None and (
            isinstance(min_value, bool) or not isinstance(min_value, int | float)
        ):
            raise _err(entry_name, "min_value must be a number")
        not_after_raw = r.get("not_after")
        not_after = (
            _regex(f"(?:{not_after_raw})\\Z", f"{entry_name}.not_after", num)
            if not_after_raw
            else None
        )
        number_rules.append(
            NumberRule(
                finding=r["finding"],
                name=str(r.get("name", r["finding"])),
                regex=rx,
                kind=kind,
                finding2=finding2,
                flags=tuple(_as_list(r.get("flags"), f"{entry_name}.flags")),
                strength=int(r.get("strength", 1)),
                needs_cue=cue,
                cue_reach=reach,
                not_after=not_after,
                min_value=None if min_value is None else float(min_value),
            )
        )
    conv = nums.get("conversions") or {}
    if not isinstance(conv, dict) or not isinstance(conv.get("fahrenheit_above"), int | float):
        raise _err("numbers.conversions", "needs fahrenheit_above: a number")
    tri = nums.get("trimester_weeks") or {}
    months = nums.get("months_to_weeks")
    if not isinstance(months, int | float) or not 3.0 < float(months) < 5.0:
        raise _err("numbers.months_to_weeks", "expected a number of weeks per month (3..5)")
    duration = raw.get("duration")
    if not isinstance(duration, dict):
        raise _err("duration", "expected a mapping")
    _check_src(duration, "duration", known_src)
    if duration.get("finding") not in booleans:
        raise _err("duration.finding", "not a boolean vocabulary finding")
    duration["pain_cue"] = _regex(str(duration.get("pain_cue", "")), "duration.pain_cue", num)
    compiled: list[tuple[re.Pattern[str], float | None]] = []
    for i, rx_raw in enumerate(_as_list(duration.get("rules"), "duration.rules")):
        rx = _regex(rx_raw, f"duration.rules[{i}]", num)
        if "n" not in rx.groupindex or "unit" not in rx.groupindex:
            raise _err(f"duration.rules[{i}]", "needs named groups 'n' and 'unit'")
        compiled.append((rx, None))
    fixed = duration.get("fixed") or {}
    if not isinstance(fixed, dict):
        raise _err("duration.fixed", "expected regex: days")
    for rx_raw, days in fixed.items():
        if not isinstance(days, int | float):
            raise _err(f"duration.fixed.{rx_raw}", "days must be a number")
        compiled.append((_regex(str(rx_raw), f"duration.fixed.{rx_raw}", num), float(days)))
    duration["compiled"] = compiled
    for key in ("unit_days", "quantities"):
        if not isinstance(duration.get(key), dict):
            raise _err(f"duration.{key}", "expected a mapping")
    if not isinstance(duration.get("over_days"), int | float):
        raise _err("duration.over_days", "expected a number of days")
    limits = raw.get("limits") or {}

    ff = pack.read("findings.yaml") or {}
    implies = [(str(x["if"]), str(x["then"])) for x in ff.get("implies") or []]
    number_maps = [dict(x) for x in ff.get("number_maps") or []]

    return Lexicon(
        nlp=nlp,
        targets=targets,
        modifiers=modifiers,
        target_rules=target_rules,
        modifier_rules=modifier_rules,
        terminators=terminators,
        pseudo=pseudo,
        family_breakers=family_breakers,
        history_findings=frozenset(history),
        booleans=frozenset(booleans),
        boolean_order=tuple(booleans),
        numbers=frozenset(numbers),
        number_ranges=ranges,
        number_rules=number_rules,
        number_words=base_words,
        all_number_words=all_words,
        cues=cues,
        conversions={str(k): float(v) for k, v in conv.items()},
        months_to_weeks=float(months),
        trimester_weeks={str(k).lower(): float(v) for k, v in tri.items()},
        duration=duration,
        max_chars=int(limits.get("max_chars", 20_000)),
        gaps=gaps,
        implies=implies,
        number_maps=number_maps,
        near_rules=near_rules,
        alone_rules=_alone_rules(raw.get("alone_implies"), booleans, known_src),
        wide_ranges=_wide_ranges(raw.get("wide_ranges"), booleans, known_src, num),
        backward_breakers=backward_breakers,
        marks=marks,
    )


def _near_rules(raw: Any, fid: str, booleans: list[str]) -> list[NearRule]:
    if raw is None:
        return []
    entry = f"findings.{fid}.near"
    if not isinstance(raw, list):
        raise _err(entry, "expected a list of {cue, then, reach?}")
    out: list[NearRule] = []
    for i, r in enumerate(raw):
        name = f"{entry}[{i}]"
        if not isinstance(r, dict) or set(r) - {"cue", "then", "reach", "unless"}:
            raise _err(name, "expected keys cue, then and optional reach, unless")
        if r.get("then") not in booleans:
            raise _err(name, f"then: {r.get('then')!r} is not a boolean vocabulary finding")
        unless = _as_list(r.get("unless"), f"{name}.unless")
        if any(u not in booleans for u in unless):
            raise _err(name, f"unless: not boolean vocabulary findings: {unless}")
        reach = r.get("reach", 0)
        if not isinstance(reach, int) or isinstance(reach, bool) or not 0 <= reach <= 3:
            raise _err(name, "reach must be an integer 0..3")
        if not isinstance(r.get("cue"), str) or not r["cue"].strip():
            raise _err(name, "cue must be a token regex")
        cue = _regex(f"^(?:{r['cue']})$", f"{name}.cue")
        out.append(NearRule(fid, cue, reach, str(r["then"]), frozenset(unless)))
    return out


def _alone_rules(raw: Any, booleans: list[str], known: set[str]) -> list[AloneRule]:
    if raw is None:
        return []
    if not isinstance(raw, dict):
        raise _err("alone_implies", "expected a mapping with src and rules")
    _check_src(raw, "alone_implies", known)
    out: list[AloneRule] = []
    for i, r in enumerate(raw.get("rules") or []):
        name = f"alone_implies.rules[{i}]"
        if not isinstance(r, dict) or set(r) - {"if", "then", "unless_present", "unless_absent"}:
            raise _err(name, "expected keys if, then, unless_present, unless_absent")
        ids = [r.get("if"), r.get("then"), *(r.get("unless_present") or [])]
        ids += list(r.get("unless_absent") or [])
        bad = [x for x in ids if x not in booleans]
        if bad:
            raise _err(name, f"not boolean vocabulary findings: {bad}")
        out.append(
            AloneRule(
                str(r["if"]),
                str(r["then"]),
                frozenset(r.get("unless_present") or []),
                frozenset(r.get("unless_absent") or []),
            )
        )
    return out


def _positive(raw: Any, entry: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or raw < 0:
        raise _err(entry, "expected a number >= 0")
    return float(raw)


def _wide_ranges(raw: Any, booleans: list[str], known: set[str], num: str) -> list[WideRangeRule]:
    if raw is None:
        return []
    if not isinstance(raw, dict):
        raise _err("wide_ranges", "expected a mapping with src, unit_minutes and rules")
    _check_src(raw, "wide_ranges", known)
    units_raw = raw.get("unit_minutes")
    if not isinstance(units_raw, dict) or not units_raw:
        raise _err("wide_ranges.unit_minutes", "expected unit: minutes")
    units = {
        str(k).lower(): _positive(v, f"wide_ranges.unit_minutes.{k}") for k, v in units_raw.items()
    }
    q_raw = raw.get("quantities") or {}
    if not isinstance(q_raw, dict):
        raise _err("wide_ranges.quantities", "expected word: number")
    quantities = {
        str(k).lower(): _positive(v, f"wide_ranges.quantities.{k}") for k, v in q_raw.items()
    }
    out: list[WideRangeRule] = []
    for i, r in enumerate(raw.get("rules") or []):
        name = f"wide_ranges.rules[{i}]"
        allowed = {"finding", "then", "regex", "min_ratio", "min_spread"}
        if not isinstance(r, dict) or set(r) - allowed:
            raise _err(name, f"expected keys {sorted(allowed)}")
        bad = [x for x in (r.get("finding"), r.get("then")) if x not in booleans]
        if bad:
            raise _err(name, f"not boolean vocabulary findings: {bad}")
        rx = _regex(str(r.get("regex", "")), f"{name}.regex", num)
        if not {"lo", "hi", "unit"} <= set(rx.groupindex):
            raise _err(f"{name}.regex", "needs named groups 'lo', 'hi' and 'unit'")
        out.append(
            WideRangeRule(
                finding=str(r["finding"]),
                then=str(r["then"]),
                regex=rx,
                min_ratio=_positive(r.get("min_ratio", 1), f"{name}.min_ratio"),
                min_spread=_positive(r.get("min_spread", 0), f"{name}.min_spread"),
                unit_minutes=units,
                quantities=quantities,
            )
        )
    return out


_CACHE: dict[tuple[Path, str], Lexicon] = {}


def lexicon_for(pack: PackLike, lang: str = DEFAULT) -> Lexicon:
    """The compiled lexicon of a pack in one language, built once per pack directory
    and language (compiling is slow)."""
    key = (Path(pack.directory).resolve(), lang)
    lex = _CACHE.get(key)
    if lex is None:
        lex = load_lexicon(pack, lang)
        _CACHE[key] = lex
    return lex


class DirPack:
    """A minimal ``PackLike`` over a pack directory, for tools and tests.

    It lets the intake run on a pack whose model files are still being written,
    since intake needs only the vocabulary, the phrases and the sources.
    """

    def __init__(self, directory: Path) -> None:
        self._directory = directory

    @property
    def directory(self) -> Path:
        return self._directory

    def read(self, name: str) -> Any:
        from gravida.knowledge.load import read_yaml

        return read_yaml(self._directory, name)
