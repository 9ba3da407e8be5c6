"""Frames: a finding stated by two kinds of words meeting in one clause, in either order.

Relief and aggravation are said in endless phrasings ("the only thing that
helps is lying down", "ok if I put my feet up", "long drives make it so much
worse"); a list of phrasings only learns the ones its writer saw. A frame
names the two classes of words instead, each a list of patterns in the pack's
pattern language (``frame_parts`` in the phrase file: relief words, rest and
posture words, aggravation words, movement words...), and a finding is stated
wherever one word of each class stands in the same clause, at most ``reach``
tokens apart, in either order. The mention is then read like any other:
negation, hedges, someone else, the past ("lying down doesn't help" denies the
relief; "my mum said rest would help" is hers, not the patient's).

A clause ends at sentence punctuation and at the ConText terminators ("but",
", and I..."), and a word hidden by a mask ("the baby moves") cannot take part.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from gravida.intake.patterns import as_list, err


@dataclass(frozen=True)
class FrameRule:
    """``finding`` (with ``polarity``) is stated where a match of each of two parts
    (named lists of ``frame_parts``) stand within ``reach`` tokens in one clause."""

    finding: str
    polarity: str
    parts: tuple[str, str]
    reach: int
    # a part whose word, closer to the second part's word, takes it from the frame
    unless_nearer: str | None = None


@dataclass(frozen=True)
class PartHit:
    start: int
    end: int
    literal: frozenset[int]
    pattern: str


MAX_REACH = 10


def frame_rules(raw: Any, fid: str, parts: Iterable[str]) -> list[FrameRule]:
    """The ``frames`` of one finding entry, checked: each names two parts and a reach."""
    if raw is None:
        return []
    entry = f"findings.{fid}.frames"
    if not isinstance(raw, list):
        raise err(entry, "expected a list of {parts: [a, b], reach, polarity?}")
    known = set(parts)
    out: list[FrameRule] = []
    for i, r in enumerate(raw):
        name = f"{entry}[{i}]"
        if not isinstance(r, dict) or set(r) - {"parts", "reach", "polarity", "unless_nearer"}:
            raise err(name, "expected keys parts, reach and optional polarity, unless_nearer")
        names = as_list(r.get("parts"), f"{name}.parts")
        if len(names) != 2 or any(n not in known for n in names):
            raise err(name, f"parts must name two frame_parts (known: {sorted(known)})")
        reach = r.get("reach", 6)
        if isinstance(reach, bool) or not isinstance(reach, int) or not 0 <= reach <= MAX_REACH:
            raise err(name, f"reach must be an integer 0..{MAX_REACH}")
        polarity = r.get("polarity", "present")
        if polarity not in ("present", "absent"):
            raise err(name, "polarity must be present or absent")
        rival = r.get("unless_nearer")
        if rival is not None and rival not in known:
            raise err(name, f"unless_nearer must name a frame_parts entry, not {rival!r}")
        out.append(
            FrameRule(fid, str(polarity), (names[0], names[1]), int(reach), rival)
        )
    return out


def frame_mentions(
    doc: Doc,
    rules: list[FrameRule],
    hits: dict[str, list[PartHit]],
    ends: set[int],
    masked: set[int],
) -> list[tuple[FrameRule, int, int, frozenset[int], str]]:
    """Every (rule, start, end, literal tokens, pattern text) a frame states in ``doc``.

    ``hits`` are the part matches by part name, ``ends`` the terminator tokens,
    ``masked`` the tokens masks hide. A negation between the two words ("lying
    down doesn't help") negates the mention, as in any pattern's gap. Each hit
    is paired only with hits that
    start within ``reach`` tokens of it, so the cost stays linear in the text;
    a word of the ``unless_nearer`` part closer to the second part's word than
    the first part's word takes that word from the frame ("worse lying on my
    right, better on my left": lying goes with "worse").
    """
    if not rules or not len(doc):
        return []
    sent_of = [0] * len(doc)
    for n, s in enumerate(doc.sents):
        for k in range(s.start, s.end):
            sent_of[k] = n
    usable = {
        name: sorted(
            (h for h in hs if not (h.literal & masked)), key=lambda h: (h.start, h.end)
        )
        for name, hs in hits.items()
    }
    out: list[tuple[FrameRule, int, int, frozenset[int], str]] = []
    for rule in rules:
        first, second = (usable.get(p, []) for p in rule.parts)
        starts = [h.start for h in second]
        rivals = usable.get(rule.unless_nearer or "", [])
        rival_starts = [h.start for h in rivals]
        for a in first:
            k = bisect_left(starts, a.start - rule.reach - MAX_SPAN)
            while k < len(second) and second[k].start <= a.end + rule.reach:
                b = second[k]
                k += 1
                if b.literal & a.literal:
                    continue
                lo, hi = (a, b) if a.start <= b.start else (b, a)
                gap = range(lo.end, hi.start)
                if len(gap) > rule.reach or hi.start < lo.end:
                    continue
                if sent_of[lo.start] != sent_of[hi.end - 1] or ends.intersection(gap):
                    continue
                if any(doc[i].text in _STOP for i in gap):
                    continue
                if _rival_nearer(b, len(gap), rivals, rival_starts, a, sent_of, ends):
                    continue
                out.append(
                    (rule, lo.start, hi.end, a.literal | b.literal, f"{a.pattern} + {b.pattern}")
                )
    return out


def _rival_nearer(
    obj: PartHit,
    distance: int,
    rivals: list[PartHit],
    starts: list[int],
    own: PartHit,
    sent_of: list[int],
    ends: set[int],
) -> bool:
    """A rival word stands closer to ``obj`` than ``distance`` tokens, in its clause."""
    if not rivals:
        return False
    k = bisect_left(starts, obj.start - distance - MAX_SPAN)
    while k < len(rivals) and rivals[k].start <= obj.end + distance:
        r = rivals[k]
        k += 1
        if r.literal & (obj.literal | own.literal):
            continue
        lo, hi = (r, obj) if r.start <= obj.start else (obj, r)
        gap = range(lo.end, hi.start)
        if hi.start < lo.end or len(gap) >= distance:
            continue
        if sent_of[lo.start] == sent_of[hi.end - 1] and not ends.intersection(gap):
            return True
    return False


MAX_SPAN = 12  # the longest part match looked back over, in tokens
_STOP = {".", "!", "?", ";"}
