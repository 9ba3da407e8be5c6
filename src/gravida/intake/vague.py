"""Vague places: a place said only loosely yields to a more specific one.

"Back pain" or "my back aches" is read as the lower back when it is all she
says of where it hurts. Beside a place that is clearly somewhere else ("pain at
the top of my tummy and my back aches", "back pain going down my right leg"),
the loose words name no place of their own: the lower back is then not stated,
and the interview asks if it matters. A mention keeps its place when its own
words are specific (``specific``: "lower", "low down", "spine"...). The rules
are clinical content, so they live in the phrase file (section ``vague``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from gravida.intake.evidence import TextEvidence
from gravida.intake.patterns import check_booleans, err, regex, sourced_section

LOOK_BACK = 12  # characters before a mention read with it: "lower " and "my "


@dataclass(frozen=True)
class VagueRule:
    """Mentions of ``finding`` whose words lack ``specific`` are not used when a
    finding of ``unless_present`` is stated present."""

    finding: str
    specific: re.Pattern[str]
    unless_present: frozenset[str]


def vague_rules(raw: Any, booleans: list[str], known: set[str]) -> list[VagueRule]:
    """The ``vague`` section, checked."""
    section = sourced_section(raw, "vague", known)
    if section is None:
        return []
    out: list[VagueRule] = []
    for i, r in enumerate(section.get("rules") or []):
        name = f"vague.rules[{i}]"
        if not isinstance(r, dict) or set(r) != {"finding", "specific", "unless_present"}:
            raise err(name, "expected keys finding, specific, unless_present")
        check_booleans(name, [r["finding"], *(r["unless_present"] or [])], booleans)
        out.append(
            VagueRule(
                str(r["finding"]),
                regex(str(r["specific"]), f"{name}.specific"),
                frozenset(str(x) for x in r["unless_present"] or []),
            )
        )
    return out


def yield_vague(
    evidence: list[TextEvidence], rules: list[VagueRule], text: str
) -> list[TextEvidence]:
    """The evidence with loose mentions of a place set aside (``used`` False, flagged
    ``vague_beside:<finding>``) where a more specific place is stated present. A
    mention's words are read with the few characters before it ("my *lower* back
    hurts on the right", where another phrase holds "lower back")."""
    if not rules:
        return evidence
    stated = {e.finding for e in evidence if e.used and e.polarity == "present"}
    out = evidence
    for rule in rules:
        beside = sorted(rule.unless_present & stated)
        if rule.finding not in stated or not beside:
            continue
        mine = [e for e in out if e.finding == rule.finding and e.used and e.polarity == "present"]
        if any(rule.specific.search(text, max(0, e.start - LOOK_BACK), e.end) for e in mine):
            continue
        flag = f"vague_beside:{beside[0]}"
        out = [
            replace(e, used=False, flags=(*e.flags, flag)) if any(e is m for m in mine) else e
            for e in out
        ]
    return out
