"""Read a language's phrase file from the pack and compile it into spaCy matchers.

The phrase lists are clinical content (which words mean which finding), so they
live in the knowledge pack beside the findings, one file per language
(``phrases/en.yaml``, ``phrases/ru.yaml``...): a language is data over one
pipeline. This module fails at load with a ``PackError`` naming the file, the
entry and the problem when a pattern or an id is wrong, never later with a
silently missed finding. The pattern language is in ``patterns.py``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from gravida.intake.about import About, load_about, load_elsewhere, load_questions
from gravida.intake.anchored import AnchoredMatcher
from gravida.intake.compiled import (
    CATEGORIES,
    DIRECTIONS,
    OPTIONAL_CATEGORIES,
    POLARITIES,
    ModifierRule,
    TargetRule,
)
from gravida.intake.compiled import Lexicon as Lexicon
from gravida.intake.frames import FrameRule, frame_rules
from gravida.intake.morph import NORMALISERS, add_normaliser, is_known, lemma, surface_forms
from gravida.intake.packfiles import vocab_findings
from gravida.intake.patterns import (
    FILE,
    as_list,
    check_src,
    compile_pattern,
    compose_hundreds,
    compose_number_words,
    err,
    num_alternation,
    regex,
)
from gravida.intake.queries import COMPONENT as QUERY_MARKS
from gravida.intake.rules import (
    NearRule,
    alone_rules,
    load_duration,
    load_number_rules,
    near_rules,
    wide_ranges,
)
from gravida.intake.spelling import build_speller, medicine_words
from gravida.intake.vague import vague_rules
from gravida.knowledge.load import Pack, PackError

PHRASES_DIR = "phrases"
_OWN_SCOPE = re.compile(r"(.+?)\s+@(\d{1,2})")
# lower: pattern words match the word as typed, lower-cased; lemma: its
# dictionary form, from the language's normaliser
MATCHES = ("lower", "lemma")
DEFAULT_LANGUAGE = "en"


def phrase_file(language: str) -> str:
    """The pack file holding one language's phrases, triggers and number words."""
    return f"{PHRASES_DIR}/{language}.yaml"


def languages(pack: Pack) -> list[str]:
    """The languages the pack has phrase files for (``en``, ``ru``...)."""
    return sorted(p.stem for p in (Path(pack.directory) / PHRASES_DIR).glob("*.yaml"))

def _blank_nlp(
    code: str, normaliser: str | None = None, readings: Mapping[str, str] | None = None
) -> Language:
    """A blank spaCy pipeline for the language code with a rule-based sentence splitter
    and the language's normaliser, if it has one: nothing to download."""
    try:
        nlp = spacy.blank(code)
    except (ImportError, KeyError, ValueError) as exc:
        raise err("tokeniser", f"spaCy has no blank pipeline {code!r}: {exc}") from None
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(QUERY_MARKS)
    if normaliser is not None:
        if normaliser not in NORMALISERS:
            raise err("normaliser", f"must be one of {NORMALISERS}")
        add_normaliser(nlp, normaliser, readings)
    return nlp


def load_lexicon(pack: Pack, language: str = DEFAULT_LANGUAGE) -> Lexicon:
    """Compile one language's phrase file; every id, source, pattern and regex is checked
    here, and an error names the file (``phrases/en.yaml``), the entry and the problem."""
    name = phrase_file(language)
    try:
        return _load(pack, pack.read(name), language)
    except PackError as exc:
        if exc.file != FILE:
            raise
        raise PackError(name, exc.entry, exc.problem) from None


def _load(pack: Pack, raw: Any, language: str) -> Lexicon:
    if not isinstance(raw, dict):
        raise err("-", "expected a mapping at the top level")
    if raw.get("language", language) != language:
        raise err("language", f"says {raw.get('language')!r} in the file for {language!r}")
    booleans, numbers, ranges = vocab_findings(pack)
    known_src = set(pack.sources)
    match = raw.get("match", "lower")
    if match not in MATCHES:
        raise err("match", f"must be one of {MATCHES}")
    normaliser = raw.get("normaliser")
    if match == "lemma" and normaliser is None:
        raise err("normaliser", "a lemma language needs a normaliser")
    readings = raw.get("readings") or {}
    if not isinstance(readings, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in readings.items()
    ):
        raise err("readings", "expected form: lemma")
    nlp = _blank_nlp(str(raw.get("tokeniser") or language), normaliser, readings)
    lemmas = match == "lemma"
    targets = AnchoredMatcher(nlp.vocab)
    modifiers = AnchoredMatcher(nlp.vocab)
    target_rules: dict[str, TargetRule] = {}
    modifier_rules: dict[str, ModifierRule] = {}
    history: set[str] = set()
    events: dict[str, re.Pattern[str] | None] = {}
    inside_others: set[str] = set()
    gaps: dict[str, frozenset[int]] = {}
    marks: dict[str, frozenset[int]] = {}
    nears: list[NearRule] = []
    frames: list[FrameRule] = []
    elsewhere: dict[str, About] = {}
    elsewhere_stated: dict[str, About] = {}
    cues_of: dict[str, About] = {}
    frame_matcher = AnchoredMatcher(nlp.vocab)
    frame_keys: dict[str, tuple[str, str]] = {}

    macros_raw = raw.get("macros") or {}
    if not isinstance(macros_raw, dict) or not all(
        isinstance(v, str) and v.strip() for v in macros_raw.values()
    ):
        raise err("macros", "expected name: pattern text")
    macros = {str(k): str(v).strip() for k, v in macros_raw.items()}

    vocabulary: set[str] = set()

    def add(matcher: AnchoredMatcher, key: str, pattern: str, entry: str) -> None:
        context: list[int] = []
        spec = compile_pattern(nlp, pattern, entry, macros, lemmas, context, vocabulary)
        gaps[key] = frozenset(i for i, t in enumerate(spec) if "TEXT" in t)
        if context:
            marks[key] = frozenset(context)
        try:
            matcher.add(key, spec)
        except (ValueError, KeyError) as exc:
            raise err(entry, f"spaCy rejects {pattern!r}: {exc}") from None

    for i, pat in enumerate(as_list(raw.get("masks"), "masks")):
        key = f"T|_mask|mask|{i}"
        target_rules[key] = TargetRule("_mask", "mask", pat)
        add(targets, key, pat, f"masks[{i}]")
    parts_raw = raw.get("frame_parts") or {}
    if not isinstance(parts_raw, dict):
        raise err("frame_parts", "expected name: list of patterns")
    for name, pats in parts_raw.items():
        for i, pat in enumerate(as_list(pats, f"frame_parts.{name}")):
            key = f"P|{name}|{i}"
            frame_keys[key] = (str(name), pat)
            add(frame_matcher, key, pat, f"frame_parts.{name}[{i}]")
    findings = raw.get("findings")
    if not isinstance(findings, dict):
        raise err("findings", "expected a mapping of finding id to phrases")
    for fid, entry in findings.items():
        if fid not in booleans:
            raise err(f"findings.{fid}", "not a boolean vocabulary finding")
        if not isinstance(entry, dict):
            raise err(f"findings.{fid}", "expected a mapping")
        unknown = set(entry) - {
            "src", "history", "event", "note", "near", "inside_others", "frames", "elsewhere",
            "cue", *POLARITIES,
        }
        if unknown:
            raise err(f"findings.{fid}", f"unknown keys {sorted(unknown)}")
        check_src(entry, f"findings.{fid}", known_src)
        if entry.get("history"):
            history.add(fid)
        if entry.get("event"):
            events[fid] = _event_unless(entry["event"], f"findings.{fid}.event")
        if entry.get("inside_others"):
            inside_others.add(fid)
        for pol in POLARITIES:
            for i, pat in enumerate(as_list(entry.get(pol), f"findings.{fid}.{pol}")):
                key = f"T|{fid}|{pol}|{i}"
                target_rules[key] = TargetRule(fid, pol, pat)
                add(targets, key, pat, f"findings.{fid}.{pol}[{i}]")
        nears.extend(near_rules(entry.get("near"), fid, booleans))
        frames.extend(frame_rules(entry.get("frames"), fid, parts_raw))
        if entry.get("elsewhere") is not None:
            denied, stated = load_elsewhere(entry["elsewhere"], f"findings.{fid}.elsewhere")
            elsewhere[fid] = denied
            if stated is not None:
                elsewhere_stated[fid] = stated
        if entry.get("cue") is not None:
            cues_of[fid] = load_about(entry["cue"], f"findings.{fid}.cue")
        elif entry.get("present_cued"):
            raise err(f"findings.{fid}", "present_cued needs the finding's cue")

    ctx = raw.get("context")
    if not isinstance(ctx, dict):
        raise err("context", "expected a mapping")
    check_src(ctx, "context", known_src)
    scope = ctx.get("max_scope") or {}
    for cat in CATEGORIES + OPTIONAL_CATEGORIES:
        block = ctx.get(cat)
        if block is None and cat in OPTIONAL_CATEGORIES:
            continue
        n_raw = scope.get(cat, 8)
        per_dir = n_raw if isinstance(n_raw, dict) else {d: n_raw for d in DIRECTIONS}
        if not isinstance(block, dict):
            raise err(f"context.{cat}", "expected a mapping of direction to triggers")
        unknown = set(block) - set(DIRECTIONS)
        if unknown:
            raise err(f"context.{cat}", f"unknown directions {sorted(unknown)}")
        for direction in DIRECTIONS:
            n = per_dir.get(direction, 8)
            if not isinstance(n, int) or not 1 <= n <= 40:
                raise err(f"context.max_scope.{cat}", "expected an integer 1..40")
            for i, pat in enumerate(as_list(block.get(direction), f"context.{cat}.{direction}")):
                key = f"M|{cat}|{direction}|{i}"
                # "не @4": a trigger with a scope of its own (Russian "не" negates
                # the verb beside it, "нет" a whole list)
                own = _OWN_SCOPE.fullmatch(pat)
                if own is not None:
                    pat = own.group(1)
                    if not 1 <= int(own.group(2)) <= 40:
                        raise err(f"context.{cat}.{direction}[{i}]", "@N must be 1..40")
                modifier_rules[key] = ModifierRule(
                    cat, direction, pat, n if own is None else int(own.group(2))
                )
                add(modifiers, key, pat, f"context.{cat}.{direction}[{i}]")

    def triggers(name: str, tag: str) -> set[str]:
        """A plain list of context triggers (no directions): their matcher keys."""
        keys: set[str] = set()
        for i, pat in enumerate(as_list(ctx.get(name), f"context.{name}")):
            key = f"X|{tag}|{i}"
            keys.add(key)
            add(modifiers, key, pat, f"context.{name}[{i}]")
        return keys

    terminators = triggers("terminators", "terminate")
    pseudo = triggers("pseudo", "pseudo")
    family_breakers = triggers("family_ends_at", "family_end")
    backward_breakers = triggers("backward_ends_at", "backward_end")
    clause = ctx.get("own_clause") or {}
    if not isinstance(clause, dict) or set(clause) - {"verbs", "not_by"}:
        raise err("context.own_clause", "expected a mapping with verbs and not_by")
    own_clause = regex(f"^(?:{clause['verbs']})$", "context.own_clause.verbs") if clause else None
    not_by = frozenset(w.lower() for w in as_list(clause.get("not_by"), "context.own_clause"))
    concord = ctx.get("concord") or {}
    if not isinstance(concord, dict) or set(concord) - {"triggers", "with"}:
        raise err("context.concord", "expected a mapping with triggers and with")
    concord_triggers, concord_with = (
        frozenset(w.lower() for w in as_list(concord.get(k), "context.concord"))
        for k in ("triggers", "with")
    )

    nums = raw.get("numbers")
    if not isinstance(nums, dict):
        raise err("numbers", "expected a mapping")
    check_src(nums, "numbers", known_src)
    for i, rule in enumerate(nums.get("rules") or []):
        # a rule may cite a source of its own (a wording read as a number: "agony")
        if isinstance(rule, dict) and "src" in rule:
            check_src(rule, f"numbers.rules[{i}]", known_src)
    words = nums.get("number_words") or {}
    if not isinstance(words, dict) or not all(isinstance(v, int) for v in words.values()):
        raise err("numbers.number_words", "expected word: integer")
    base_words = {str(k).lower(): int(v) for k, v in words.items()}
    ordinals = frozenset(str(w).lower() for w in as_list(nums.get("ordinal_words"), "numbers"))
    words_below = compose_number_words(base_words, ordinals)
    num = num_alternation(words_below)
    # "{NUM3}": a number up to 999 in words too (blood pressure rules only)
    all_words = {**words_below, **compose_hundreds(words_below, ordinals)}
    num3 = num_alternation(all_words)
    cues = {
        str(k): regex(str(v), f"numbers.cues.{k}") for k, v in (nums.get("cues") or {}).items()
    }
    number_rules = load_number_rules(nums.get("rules") or [], numbers, cues, num, num3)
    conv = nums.get("conversions") or {}
    if not isinstance(conv, dict) or not isinstance(conv.get("fahrenheit_above"), int | float):
        raise err("numbers.conversions", "needs fahrenheit_above: a number")
    tri = nums.get("trimester_weeks") or {}
    months = nums.get("months_to_weeks")
    if not isinstance(months, int | float) or not 3.0 < float(months) < 5.0:
        raise err("numbers.months_to_weeks", "expected a number of weeks per month (3..5)")
    month_names_raw = nums.get("month_names") or {}
    if not isinstance(month_names_raw, dict) or not all(
        isinstance(v, int) and 1 <= v <= 12 for v in month_names_raw.values()
    ):
        raise err("numbers.month_names", "expected {name: month number 1..12}")
    month_names = {str(k).lower(): int(v) for k, v in month_names_raw.items()}
    weeks_range_raw = nums.get("weeks_range")
    weeks_range = (
        regex(f"(?:{weeks_range_raw})\\Z", "numbers.weeks_range") if weeks_range_raw else None
    )
    if weeks_range is not None and "low" not in weeks_range.groupindex:
        raise err("numbers.weeks_range", "regex needs a named group 'low'")
    duration = load_duration(raw.get("duration"), booleans, known_src, num)
    limits = raw.get("limits") or {}

    ff = pack.read("findings.yaml") or {}
    implies = [
        (str(x["if"]), str(x["then"]), bool(x.get("soft", False))) for x in ff.get("implies") or []
    ]
    number_maps = [dict(x) for x in ff.get("number_maps") or []]

    try:
        medicines = pack.read("medicines.yaml")
    except PackError:
        medicines = None
    known = medicine_words(medicines) | set(all_words)
    if lemmas:  # she types inflected forms: a slip is read as one, if the dictionary lacks it
        speller = build_speller(
            raw.get("spelling"), surface_forms(vocabulary), known, is_known, lemma
        )
    else:
        speller = build_speller(raw.get("spelling"), vocabulary, known)
    from gravida.intake.medicines import medicine_matcher  # it reads scopes: not at import

    for matcher in (targets, modifiers, frame_matcher):  # grouped once, not per text
        matcher.build()
    return Lexicon(
        language=language,
        lemmas=lemmas,
        speller=speller,
        medicines=medicine_matcher(nlp, medicines),
        # which number findings keep their highest value is the pack's to say
        prefer_highest=frozenset(as_list(nums.get("prefer_highest"), "numbers.prefer_highest")),
        frame_parts=frame_matcher if frame_keys else None,
        frame_keys=frame_keys,
        frame_rules=frames,
        elsewhere=elsewhere,
        elsewhere_stated=elsewhere_stated,
        cues_of=cues_of,
        questions=load_questions(ctx.get("questions"), booleans),
        nlp=nlp,
        targets=targets,
        modifiers=modifiers,
        target_rules=target_rules,
        modifier_rules=modifier_rules,
        terminators=terminators,
        pseudo=pseudo,
        family_breakers=family_breakers,
        history_findings=frozenset(history),
        event_findings=events,
        inside_others=frozenset(inside_others),
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
        month_names=month_names,
        weeks_range=weeks_range,
        duration=duration,
        max_chars=int(limits.get("max_chars", 6_000)),
        end_mark=end_mark(raw.get("end_mark")),
        gaps=gaps,
        implies=implies,
        number_maps=number_maps,
        near_rules=nears,
        alone_rules=alone_rules(raw.get("alone_implies"), booleans, known_src),
        vague_rules=vague_rules(raw.get("vague"), booleans, known_src),
        wide_ranges=wide_ranges(raw.get("wide_ranges"), booleans, known_src, num),
        backward_breakers=backward_breakers,
        own_clause=own_clause,
        own_clause_not_by=not_by,
        concord=(concord_triggers, concord_with),
        backward_lists=_backward_lists(ctx.get("backward_lists", 0)),
        backward_list_case=_list_case(ctx.get("backward_list_case"), raw.get("normaliser")),
        backward_list_head_words=_backward_lists(
            (ctx.get("backward_list_head") or {}).get("words", 0), "context.backward_list_head"),
        backward_list_head_never=_list_case(
            (ctx.get("backward_list_head") or {}).get("never"), raw.get("normaliser")),
        backward_list_case_after=_list_case_after(
            ctx.get("backward_list_case_after"), raw.get("normaliser")
        ),
        marks=marks,
    )



def _backward_lists(raw: Any, name: str = "context.backward_lists") -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not 0 <= raw <= 4:
        raise err(name, "expected the words of a list item, 0..4")
    return raw


def _list_case(raw: Any, normaliser: Any) -> frozenset[str]:
    if raw is None:
        return frozenset()
    if normaliser is None or not isinstance(raw, list) or not all(isinstance(g, str) for g in raw):
        raise err("context.backward_list_case", "expected grammemes of the language's normaliser")
    return frozenset(raw)


def _list_case_after(raw: Any, normaliser: Any) -> dict[str, frozenset[str]]:
    """``context.backward_list_case_after``: a trigger's dictionary form → the
    grammemes every word of a list item before it must be readable in."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise err("context.backward_list_case_after", "expected {trigger lemma: [grammemes]}")
    return {str(k): _list_case(v, normaliser) for k, v in raw.items()}


def end_mark(raw: Any) -> str:
    """The phrase file's ``end_mark``: one sign that is no letter, digit or space
    (the patterns that may end at the end of her text name it), or none."""
    if raw is None:
        return ""
    if not isinstance(raw, str) or len(raw) != 1 or raw.isalnum() or raw.isspace():
        raise err("end_mark", "expected one sign that is no letter, digit or space")
    return raw


def lexicon_for(pack: Pack, language: str = DEFAULT_LANGUAGE) -> Lexicon:
    """The compiled lexicon of a pack in one language, built once per pack (compiling is
    slow) and shared by the pack's languages: phrase files have no translated texts."""
    return pack.memo_files(load_lexicon, language)


def _event_unless(raw: Any, entry: str) -> re.Pattern[str] | None:
    """A finding's ``event``: ``true`` (what she got over after it never takes it
    back) or ``{unless: REGEX}`` (the words of getting over it that still do, e.g.
    "since": "a bleed at 8 weeks, none since" is over, "it's stopped now" is not)."""
    if raw is True:
        return None
    if not isinstance(raw, dict) or set(raw) != {"unless"} or not isinstance(
        raw["unless"], str
    ):
        raise err(entry, "expected true or {unless: regex}")
    try:
        return re.compile(raw["unless"], re.IGNORECASE)
    except re.error as exc:
        raise err(entry, f"bad regex: {exc}") from None
