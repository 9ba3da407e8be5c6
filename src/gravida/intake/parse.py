"""Free text in, a case out: what her own words state, with the words that state it.

The pipeline: bound and clean the text (length-preserving, so every span points
into what she wrote), tokenise with a blank spaCy pipeline, match the pack's
finding phrases and ConText triggers, give each mention its modifiers, read
the numbers, then settle one answer per finding. Mentions that are uncertain,
about someone else, in the past (for current symptoms) or hypothetical are kept
as evidence but do not enter the case: the case holds only what she states.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from spacy.tokens import Doc

from gravida.intake import context as ctx
from gravida.intake.language import DEFAULT, detect, doubt_warning, languages_for, unread_warning
from gravida.intake.lexicon import Lexicon, PackLike, WideRangeRule, lexicon_for
from gravida.intake.numbers import NumberHit, choose, extract_numbers, to_number
from gravida.knowledge import expr

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_TAG = re.compile(r"<[^<>\n]{0,200}>")
_HYPHEN = re.compile(r"(?<=[^\W_])[-‐‑‒–](?=[^\W_])")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"'})
RUN = 48  # longest run of non-space characters kept whole
_LONG_RUN = re.compile(rf"\S{{{RUN + 1},}}")
_DROP = {"uncertainty": "uncertain", "family": "family", "hypothetical": "hypothetical"}


@dataclass(frozen=True)
class Evidence:
    """One piece of the text that speaks to a finding, and what became of it."""

    finding: str
    polarity: str | None  # "present" / "absent" for booleans, None for numbers
    value: float | None
    start: int  # character offsets into the text as given (after any truncation)
    end: int
    text: str
    phrase: str  # the pack pattern or number rule that matched
    flags: tuple[str, ...] = ()
    used: bool = True  # False when a modifier kept it out of the case

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = [self.start, self.end]
        d["flags"] = list(self.flags)
        del d["start"], d["end"]
        if self.value is None:
            del d["value"]
        if self.polarity is None:
            del d["polarity"]
        return d


@dataclass
class ParseResult:
    """The case (vignette ``case`` format) and the evidence behind every entry."""

    case: dict[str, Any]
    evidence: list[Evidence]
    warnings: list[str] = field(default_factory=list)
    truncated: bool = False
    # the language the text was read in; None when it is in none Gravida reads
    language: str | None = DEFAULT

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.case,
            "evidence": [e.to_dict() for e in self.evidence],
            "warnings": list(self.warnings),
            "truncated": self.truncated,
            "language": self.language,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def estimates(self) -> list[str]:
        """Number findings that are estimates ("7 months", "second trimester")."""
        return [
            e.finding
            for e in self.evidence
            if e.used and e.value is not None and "estimate" in e.flags
        ]


def _break_run(m: re.Match[str]) -> str:
    run = m.group(0)
    return " ".join(run[i : i + RUN - 1] for i in range(0, len(run), RUN))[: len(run)]


def normalise(text: str) -> str:
    """Same length as ``text``, so spans map back one to one; easier to match.

    Very long runs without spaces are broken up: no word is that long, and
    spaCy's tokenizer is quadratic in the length of one run of punctuation.
    """
    s = text.translate(_QUOTES)
    s = _CONTROL.sub(" ", s)
    s = _TAG.sub(lambda m: " " * len(m.group(0)), s)
    s = _HYPHEN.sub(" ", s)
    return _LONG_RUN.sub(_break_run, s)


def bound(text: str, limit: int) -> tuple[str, bool]:
    """At most ``limit`` characters, cut at a space when one is near the end."""
    if len(text) <= limit:
        return text, False
    cut = text[:limit]
    space = cut.rfind(" ", max(0, limit - 200))
    return (cut[:space] if space > 0 else cut), True


@dataclass(frozen=True)
class _Mention:
    finding: str
    polarity: str
    start: int
    end: int
    pattern: str
    literal: frozenset[int]  # tokens matched by the pattern's words (not by its gaps)
    notes: tuple[str, ...] = ()  # why the finding differs from the pattern's own


MASK = "_mask"
NEAR = 2  # tokens between a negation and an absent-phrase it flips


def _targets(doc: Doc, lex: Lexicon, triggers: list[ctx.Trigger]) -> list[_Mention]:
    """Finding mentions.

    A gap in a pattern may not run over a terminator ("but", a new clause); a
    trigger inside a gap ("my leg isn't weak") stays and modifies the mention.
    A mention inside a longer one, or one whose words another mention over the
    same span names and more ("bump goes hard" over "bump ~ hard"), is part of
    that phrase, not a finding of its own ("sore to press" is tenderness, not
    just "sore"); masks ("blood pressure", "chest of drawers") only hide what
    they contain.
    """
    ends: set[int] = set()
    for t in triggers:
        if t.category == "terminate":
            ends.update(range(t.start, t.end))
    found: list[_Mention] = []
    matches: list[tuple[int, int, int, list[int]]] = lex.targets(doc, with_alignments=True)  # type: ignore[assignment]
    for match_id, start, end, align in matches:
        key = doc.vocab.strings[match_id]
        gaps = lex.gaps.get(key, frozenset())
        gap_tokens = {start + i for i in range(end - start) if align[i] in gaps}
        if gap_tokens & ends:
            continue
        marks = lex.marks.get(key, frozenset())
        context = {start + i for i in range(end - start) if align[i] in marks}
        literal = frozenset(range(start, end)) - gap_tokens - context
        r = lex.target_rules[key]
        found.append(_Mention(r.finding, r.polarity, start, end, r.pattern, literal))
    kept = [
        m
        for m in found
        if not any(
            o.start <= m.start
            and m.end <= o.end
            and m.literal <= o.literal
            and ((o.end - o.start) > (m.end - m.start) or m.literal < o.literal)
            for o in found
        )
    ]
    seen: set[tuple[str, str, int, int]] = set()
    out: list[_Mention] = []
    for m in sorted(kept, key=lambda m: (m.start, m.end)):
        k = (m.finding, m.polarity, m.start, m.end)
        if k not in seen and m.finding != MASK:
            seen.add(k)
            out.append(m)
    return out


def _widen(doc: Doc, norm: str, lex: Lexicon, mentions: list[_Mention]) -> list[_Mention]:
    """Mentions whose words give a wide range of times become the finding the range names.

    The range may run past the mention's own words ("every 10 minutes to an
    hour" is matched as "every 10 minutes"), so it is looked for in the rest of
    the sentence, but it must overlap the mention. Ranges are found once per
    sentence and rule, so text made of thousands of them stays linear.
    """
    if not lex.wide_ranges:
        return mentions
    found: dict[tuple[int, int], tuple[list[int], list[tuple[int, int, str | None]]]] = {}
    out: list[_Mention] = []
    for m in mentions:
        new = m
        for n, rule in enumerate(lex.wide_ranges):
            if m.finding != rule.finding or m.polarity != "present":
                continue
            sent = doc[m.start].sent
            key = (n, sent.start)
            if key not in found:
                hits = [
                    (h.start(), h.end(), _wide_note(h, rule, lex))
                    for h in rule.regex.finditer(norm, sent.start_char, sent.end_char)
                ]
                found[key] = ([e for _, e, _ in hits], hits)
            ends, hits = found[key]
            c0, c1 = _char_span(doc, m.start, m.end)
            k = bisect_right(ends, c0)
            while k < len(hits) and hits[k][0] < c1:
                note = hits[k][2]
                if note is not None:
                    new = replace(m, finding=rule.then, notes=(*m.notes, note))
                    break
                k += 1
            if new is not m:
                break
        out.append(new)
    return out


def _wide_note(hit: re.Match[str], rule: WideRangeRule, lex: Lexicon) -> str | None:
    """The evidence note for a range wide enough to count, else None."""
    spread = _range_minutes(hit, rule, lex)
    if spread is None:
        return None
    lo, hi = spread
    if hi - lo >= rule.min_spread and hi >= rule.min_ratio * lo:
        return f"wide_range:{_fmt(lo)}-{_fmt(hi)} min"
    return None


def _range_minutes(
    hit: re.Match[str], rule: WideRangeRule, lex: Lexicon
) -> tuple[float, float] | None:
    """The two ends of a matched range in minutes, shortest first; None if unreadable."""

    def amount(raw: str | None) -> float | None:
        if raw is None:
            return None
        word = re.sub(r"\s+", " ", raw.strip().lower())
        if word in rule.quantities:
            return rule.quantities[word]
        return to_number(word, lex.all_number_words)

    def minutes(raw: str | None) -> float | None:
        if not raw:
            return None
        unit = raw.lower()
        for name, per in rule.unit_minutes.items():
            if unit == name or unit.rstrip("s") == name:
                return per
        return None

    groups = hit.groupdict()
    lo, hi = amount(groups.get("lo")), amount(groups.get("hi"))
    per_hi = minutes(groups.get("unit"))
    per_lo = minutes(groups.get("lo_unit")) or per_hi
    if lo is None or hi is None or per_hi is None or per_lo is None or lo <= 0:
        return None
    a, b = sorted((lo * per_lo, hi * per_hi))
    return a, b


def _char_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc[start:end]
    return span.start_char, span.end_char


def _token_span(doc: Doc, c0: int, c1: int) -> tuple[int, int]:
    span = doc.char_span(c0, c1, alignment_mode="expand")
    if span is None:
        return 0, 0
    return span.start, span.end


def _drop_flags(mods: list[ctx.Scope], finding: str, lex: Lexicon) -> list[str]:
    flags = [_DROP[m.trigger.category] for m in mods if m.trigger.category in _DROP]
    if any(m.trigger.category == "historical" for m in mods):
        flags.append("historical")
    return flags


def _keeps(flags: list[str], finding: str, lex: Lexicon) -> bool:
    for f in flags:
        if f == "historical" and finding in lex.history_findings:
            continue
        if f in ("uncertain", "family", "hypothetical", "historical"):
            return False
    return True


def _fmt(v: float) -> float | int:
    return int(v) if float(v).is_integer() else round(v, 1)


def _durations(
    norm: str,
    doc: Doc,
    lex: Lexicon,
    all_scopes: list[ctx.Scope],
    text: str,
    weeks_spans: Sequence[tuple[int, int]] = (),
) -> list[Evidence]:
    """How long the pain has lasted, from "for ten days", "since yesterday"...

    Words already read as weeks of pregnancy ("30 weeks now, my back hurts")
    are not also a duration.
    """
    d = lex.duration
    out: list[Evidence] = []
    longest: tuple[float, int, int, str] | None = None
    for sent in doc.sents:
        s0, s1 = sent.start_char, sent.end_char
        if not d["pain_cue"].search(norm, s0, s1):
            continue
        for rx, days_fixed in d["compiled"]:
            for m in rx.finditer(norm, s0, s1):
                if any(a < m.end() and m.start() < b for a, b in weeks_spans):
                    continue
                if days_fixed is not None:
                    days = float(days_fixed)
                else:
                    n_raw = re.sub(r"\s+", " ", (m.group("n") or "a").lower())
                    q = d["quantities"].get(n_raw)
                    n = float(q) if q is not None else to_number(n_raw, lex.all_number_words)
                    unit = m.group("unit").lower().rstrip("s")
                    if n is None or unit not in d["unit_days"]:
                        continue
                    days = n * float(d["unit_days"][unit])
                t0, t1 = _token_span(doc, m.start(), m.end())
                mods = ctx.modifiers_of(t0, t1, all_scopes)
                if any(
                    s.trigger.category in ("family", "historical", "hypothetical") for s in mods
                ):
                    continue
                if longest is None or days > longest[0]:
                    longest = (days, m.start(), m.end(), m.group(0))
    if longest is not None and longest[0] >= float(d.get("min_days_to_state", 0)):
        days, c0, c1, phrase = longest
        pol = "present" if days > float(d["over_days"]) else "absent"
        out.append(
            Evidence(
                d["finding"],
                pol,
                None,
                c0,
                c1,
                text[c0:c1],
                phrase,
                ("from_duration", f"days={_fmt(days)}"),
            )
        )
    return out


def parse_text(text: str, pack: PackLike, lang: str | None = None) -> ParseResult:
    """Read one free-text description into a case; never raises on any string.

    ``lang`` names the language (``LanguageNotRead`` if Gravida reads no such
    language); without it the language is detected, and a text in a language
    Gravida does not read gives an empty case with a warning saying so.
    """
    langs = languages_for(pack)
    if lang is not None:
        langs.get(lang)
    if not isinstance(text, str):
        return ParseResult(_empty_case(), [], ["input is not text"], False)
    found = detect(text, langs) if lang is None else None
    if found is not None:
        if found.code is None:
            return ParseResult(_empty_case(), [], [unread_warning(found, langs)], False, None)
        lang = found.code
        result = _parse(text, pack, lang)
        if found.doubtful and not result.evidence:
            return ParseResult(_empty_case(), [], [unread_warning(found, langs)], False, None)
        if found.doubtful:
            result.warnings.insert(0, doubt_warning(found, langs))
        return result
    return _parse(text, pack, str(lang).strip().lower())


def _parse(text: str, pack: PackLike, lang: str) -> ParseResult:
    lex = lexicon_for(pack, lang)
    warnings: list[str] = []
    original_len = len(text)
    text, truncated = bound(text, lex.max_chars)
    if truncated:
        warnings.append(
            f"input was {original_len} characters; only the first {len(text)} were read"
        )
    norm = normalise(text)
    doc = lex.nlp(norm)
    triggers = ctx.raw_triggers(doc, lex)
    mentions = _widen(doc, norm, lex, _targets(doc, lex, triggers))
    triggers = ctx.prune(triggers, [m.literal for m in mentions])
    all_scopes = ctx.scopes(doc, triggers)

    evidence: list[Evidence] = []
    for m in mentions:
        mods = ctx.modifiers_of(m.start, m.end, all_scopes)
        if m.polarity == "absent":
            # "...and the baby is moving normally" far after a "no" is not negated:
            # a phrase that already states absence flips only on a negation close by
            # ("no fluid, baby moving fine": the "no" belongs to the fluid)
            mods = [
                s
                for s in mods
                if s.trigger.category != "negation"
                or (
                    m.start - NEAR <= s.trigger.end <= m.end
                    and not any(t.is_punct for t in doc[s.trigger.end : m.start])
                )
                or m.start <= s.trigger.start < m.end
            ]
        negated = any(s.trigger.category == "negation" for s in mods)
        flags = _drop_flags(mods, m.finding, lex)
        if m.polarity == "absent_if_negated":
            if not negated:
                continue
            pol = "absent"
        elif m.polarity == "present_if_negated":
            # "they aren't getting closer": tightenings that do not progress
            if not negated:
                continue
            pol = "present"
        elif m.polarity == "present_only":
            if negated:
                continue
            pol = "present"
        elif m.polarity == "absent_only":
            # "tightenings, no pattern" denies a rhythm; "no tightenings, not regular
            # ones" denies the tightenings, so a rhythm too: absent either way
            pol = "absent"
        elif m.polarity == "present":
            pol = "absent" if negated else "present"
        else:
            pol = "present" if negated else "absent"
        if negated:
            flags.append("negated")
        c0, c1 = _char_span(doc, m.start, m.end)
        triggers_text = [f"{s.trigger.category}:{s.text}" for s in mods] + list(m.notes)
        evidence.append(
            Evidence(
                m.finding,
                pol,
                None,
                c0,
                c1,
                text[c0:c1],
                m.pattern,
                tuple(flags + triggers_text),
                _keeps(flags, m.finding, lex),
            )
        )

    evidence.extend(_near(doc, lex, all_scopes, evidence, text))
    numbers = _numbers(norm, doc, lex, all_scopes, text)
    evidence.extend(numbers)
    weeks_spans = [(e.start, e.end) for e in numbers if e.finding == "gestational_weeks" and e.used]
    evidence.extend(_durations(norm, doc, lex, all_scopes, text, weeks_spans))
    evidence.sort(key=lambda e: (e.start, e.end, e.finding))
    case = _settle(evidence, lex)
    if "gestational_weeks" not in case:
        warnings.append("no weeks of pregnancy found")
    return ParseResult(case, evidence, warnings, truncated, lang)


def _numbers(
    norm: str, doc: Doc, lex: Lexicon, all_scopes: list[ctx.Scope], text: str
) -> list[Evidence]:
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    kept: list[NumberHit] = []
    dropped: list[tuple[NumberHit, list[str]]] = []
    for h in extract_numbers(norm, lex, sentences):
        t0, t1 = _token_span(doc, h.start, h.end)
        mods = ctx.modifiers_of(t0, t1, all_scopes)
        flags = [
            _DROP.get(s.trigger.category, s.trigger.category)
            for s in mods
            if s.trigger.category in ("family", "historical", "hypothetical")
        ]
        if flags:
            dropped.append((h, flags))
        else:
            kept.append(h)
    best = choose(kept, frozenset({"pain_severity"}))

    def evidence(h: NumberHit, flags: tuple[str, ...], chosen: bool) -> Evidence:
        return Evidence(
            h.finding, None, float(h.value), h.start, h.end, text[h.start : h.end], h.rule,
            h.flags + flags, chosen,
        )

    out: list[Evidence] = []
    for h in kept:
        chosen = best.get(h.finding) is h
        out.append(evidence(h, () if chosen else ("not_chosen",), chosen))
    for h, flags in dropped:
        out.append(evidence(h, tuple(flags), False))
    return out


def _near(
    doc: Doc, lex: Lexicon, all_scopes: list[ctx.Scope], evidence: list[Evidence], text: str
) -> list[Evidence]:
    """Findings that a present mention implies when it is about what a cue names.

    The cue has to stand before the mention (same sentence, or ``reach``
    sentences back) and be hers, now and not negated: "no tightenings; the
    pain eases when I lie down" says nothing about tightenings easing.
    """
    if not lex.near_rules or not len(doc):
        return []
    sent_index = [0] * len(doc)
    starts: list[int] = []
    for i, sent in enumerate(doc.sents):
        starts.append(sent.start)
        for k in range(sent.start, sent.end):
            sent_index[k] = i
    stated = {e.finding for e in evidence if e.used and e.polarity == "present"}
    cues: dict[int, list[int]] = {}  # rule -> token indices of usable cue words, ascending
    out: list[Evidence] = []
    for e in evidence:
        if not e.used or e.polarity != "present":
            continue
        for n, rule in enumerate(lex.near_rules):
            if rule.finding != e.finding or rule.unless & stated:
                continue
            if n not in cues:
                cues[n] = [
                    tok.i
                    for tok in doc
                    if rule.cue.match(tok.lower_)
                    and not ctx.modifiers_of(tok.i, tok.i + 1, all_scopes)
                ]
            t0, _ = _token_span(doc, e.start, e.end)
            first = starts[max(0, sent_index[t0] - rule.reach)]
            k = bisect_left(cues[n], first)
            if k == len(cues[n]) or cues[n][k] >= t0:
                continue
            out.append(
                Evidence(
                    rule.then,
                    "present",
                    None,
                    e.start,
                    e.end,
                    e.text,
                    e.phrase,
                    (f"implied_by:{e.finding}", f"about:{doc[cues[n][k]].text}"),
                )
            )
    return out


def _empty_case() -> dict[str, Any]:
    return {"present": [], "absent": []}


def _settle(evidence: list[Evidence], lex: Lexicon) -> dict[str, Any]:
    """One answer per finding. A stated present wins over a stated absent (a missed
    symptom is the costly error); a measurement wins over words, as in the engine."""
    numbers: dict[str, float] = {}
    for e in evidence:
        if e.used and e.value is not None:
            numbers[e.finding] = e.value
    present: set[str] = set()
    absent: set[str] = set()
    for e in evidence:
        if e.used and e.polarity == "present":
            present.add(e.finding)
    for e in evidence:
        if e.used and e.polarity == "absent" and e.finding not in present:
            absent.add(e.finding)
    for nm in lex.number_maps:
        fid = str(nm.get("finding"))
        try:
            p_node = expr.parse(nm["present_if"], set(), set(lex.numbers))
            a_node = (
                expr.parse(nm["absent_if"], set(), set(lex.numbers))
                if nm.get("absent_if")
                else None
            )
        except (expr.ExprError, KeyError):
            continue
        if not (expr.findings_in(p_node) & set(numbers)):
            continue
        if expr.evaluate(p_node, set(), set(), numbers):
            present.add(fid)
            absent.discard(fid)
        elif a_node is not None and expr.evaluate(a_node, set(), set(), numbers):
            absent.add(fid)
            present.discard(fid)
    for rule in lex.alone_rules:
        if (
            rule.finding in present
            and rule.then not in absent
            and not (rule.unless_present & present)
            and not (rule.unless_absent & absent)
        ):
            present.add(rule.then)
    changed = True
    while changed:
        changed = False
        for a, b in lex.implies:
            if a in present and b not in present:
                present.add(b)
                absent.discard(b)
                changed = True
    order = {f: i for i, f in enumerate(lex.boolean_order)}
    case: dict[str, Any] = {}
    for fid in sorted(numbers, key=lambda f: (f != "gestational_weeks", f)):
        case[fid] = _fmt(numbers[fid])
    case["present"] = sorted(present, key=lambda f: order.get(f, 0))
    case["absent"] = sorted(absent, key=lambda f: order.get(f, 0))
    return case
