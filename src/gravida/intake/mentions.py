"""Finding mentions: the pack's phrase matches, nested ones folded into the longer,
and mentions whose words give a wide range of times turned into the finding that
range names."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from gravida.intake import context as ctx
from gravida.intake.evidence import fmt
from gravida.intake.frames import PartHit, frame_mentions
from gravida.intake.lexicon import Lexicon
from gravida.intake.numbers import to_number
from gravida.intake.rules import WideRangeRule


@dataclass(frozen=True)
class Mention:
    finding: str
    polarity: str
    start: int
    end: int
    pattern: str
    literal: frozenset[int]  # tokens matched by the pattern's words (not by its gaps)
    notes: tuple[str, ...] = ()  # why the finding differs from the pattern's own
    # a frame's words are classes of words that other findings may own ("long
    # drives" is also prolonged sitting): it holds no other finding's mention
    frame: bool = False


MASK = "_mask"
CROSSING = "crossing"  # the frame part of terminators frames read across


def targets(doc: Doc, lex: Lexicon, triggers: list[ctx.Trigger]) -> list[Mention]:
    """Finding mentions.

    A gap in a pattern may not run over a terminator ("but", a new clause); a
    trigger inside a gap ("my leg isn't weak") stays and modifies the mention.
    A mention inside a longer one, or one whose words another mention over the
    same span names and more ("bump goes hard" over "bump ~ hard"), is part of
    that phrase, not a finding of its own ("sore to press" is tenderness, not
    just "sore"); masks ("blood pressure", "chest of drawers") only hide what
    they contain.
    """
    # a terminator inside a pseudo-trigger ends nothing ("so" in "so much worse")
    held: set[int] = set()
    for t in triggers:
        if t.category == "pseudo":
            held.update(range(t.start, t.end))
    ends: set[int] = set()
    for t in triggers:
        if t.category == "terminate" and not held.issuperset(range(t.start, t.end)):
            ends.update(range(t.start, t.end))
    found: list[Mention] = []
    matches: list[tuple[int, int, int, list[int]]] = lex.targets(doc, with_alignments=True)
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
        found.append(Mention(r.finding, r.polarity, start, end, r.pattern, literal))
    found.extend(_frames(doc, lex, ends, found))
    # mentions by the token they start at: a mention can only sit inside one that
    # covers its first token, so the check is local and the cost linear in the text
    covering: dict[int, list[Mention]] = {}
    for o in found:
        for tok in range(o.start, o.end):
            covering.setdefault(tok, []).append(o)
    kept = [
        m
        for m in found
        if not any(
            o.start <= m.start
            and m.end <= o.end
            and m.literal <= o.literal
            and ((o.end - o.start) > (m.end - m.start) or m.literal < o.literal)
            and (m.finding not in lex.inside_others or o.finding in (m.finding, MASK))
            and (not o.frame or o.finding == m.finding)
            for o in covering.get(m.start, ())
        )
    ]
    seen: set[tuple[str, str, int, int]] = set()
    out: list[Mention] = []
    for m in sorted(kept, key=lambda m: (m.start, m.end)):
        k = (m.finding, m.polarity, m.start, m.end)
        if k not in seen and m.finding != MASK:
            seen.add(k)
            out.append(m)
    return out


def _frames(doc: Doc, lex: Lexicon, ends: set[int], found: list[Mention]) -> list[Mention]:
    """The mentions the findings' frames state (frames.py): two classes of words in
    one clause; a word a mask hides takes no part."""
    if lex.frame_parts is None or not lex.frame_rules:
        return []
    hits: dict[str, list[PartHit]] = {}
    matches: list[tuple[int, int, int, list[int]]] = lex.frame_parts(doc, with_alignments=True)
    for match_id, start, end, align in matches:
        key = doc.vocab.strings[match_id]
        name, pattern = lex.frame_keys[key]
        free = lex.gaps.get(key, frozenset()) | lex.marks.get(key, frozenset())
        literal = frozenset(start + i for i in range(end - start) if align[i] not in free)
        hits.setdefault(name, []).append(PartHit(start, end, literal, pattern))
    masked: set[int] = set()
    for m in found:
        if m.finding == MASK:
            masked |= m.literal
    # terminators a frame may cross (the part named ``crossing``): "I have to lie
    # down then it gets better", "I sit down and it passes" are one thought
    crossed = {i for h in hits.get(CROSSING, ()) for i in range(h.start, h.end)}
    return [
        Mention(rule.finding, rule.polarity, start, end, f"frame: {pattern}", literal, frame=True)
        for rule, start, end, literal, pattern in frame_mentions(
            doc, lex.frame_rules, hits, ends - crossed, masked
        )
    ]


def widen(doc: Doc, norm: str, lex: Lexicon, mentions: list[Mention]) -> list[Mention]:
    """Mentions whose words give a wide range of times become the finding the range names.

    The range may run past the mention's own words ("every 10 minutes to an
    hour" is matched as "every 10 minutes"), so it is looked for in the rest of
    the sentence, but it must overlap the mention. Ranges are found once per
    sentence and rule, so text made of thousands of them stays linear.
    """
    if not lex.wide_ranges:
        return mentions
    found: dict[tuple[int, int], tuple[list[int], list[tuple[int, int, str | None]]]] = {}
    out: list[Mention] = []
    for m in mentions:
        new = m
        for n, rule in enumerate(lex.wide_ranges):
            if m.finding != rule.finding or m.polarity not in ("present", "present_cued"):
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
            c0, c1 = char_span(doc, m.start, m.end)
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
        return f"wide_range:{fmt(lo)}-{fmt(hi)} min"
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


def char_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    span = doc[start:end]
    return span.start_char, span.end_char


def token_span(doc: Doc, c0: int, c1: int) -> tuple[int, int]:
    span = doc.char_span(c0, c1, alignment_mode="expand")
    if span is None:
        return 0, 0
    return span.start, span.end


