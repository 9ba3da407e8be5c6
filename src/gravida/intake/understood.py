""""What we understood": every finding her text sets, with the words it came from.

Shown back to her before the questions so she can untick what we misread. A
finding she unticks is taken out of the starting case, so the interview asks
it instead of assuming it (``Understood.case(unset=...)``). The web page, the
API and the CLI all show the same typed list; people read labels and their own
words, never ids.

    result = parse_text(text, pack)
    understood = understand(result, finding_labels(pack))
    understood.items        # UnderstoodItem per finding, in the case's order
    understood.case(unset=["fever"])   # the starting case without what she unticked
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from gravida.engine.case import Findings
from gravida.intake.evidence import ParseResult, TextEvidence
from gravida.intake.reasons import reason
from gravida.knowledge.load import Pack

State = Literal["present", "absent", "value"]


@dataclass(frozen=True)
class UnderstoodItem:
    """One finding the text set: what we took it to mean and the words behind it."""

    finding: str
    label: str
    state: State
    value: float | int | None
    # her words, as she wrote them, with their character spans in the text
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    # a number that is an estimate ("7 months" -> weeks), to check with her
    estimate: bool = False
    # set by a measurement or another finding, not by words of its own
    derived: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "finding": self.finding,
            "label": self.label,
            "state": self.state,
            "words": list(self.words),
            "spans": [list(s) for s in self.spans],
            "estimate": self.estimate,
            "derived": self.derived,
        }
        if self.value is not None:
            out["value"] = self.value
        return out


@dataclass(frozen=True)
class NotTaken:
    """A mention her words made that was not taken as a finding of hers now, and why
    (said of someone else, in the past, with doubt...), the reason in her language."""

    finding: str
    label: str
    words: str
    span: tuple[int, int]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"finding": self.finding, "label": self.label, "words": self.words,
                "span": list(self.span), "reason": self.reason}


@dataclass(frozen=True)
class Understood:
    """What the text set, in order, and the case it gives once she has unticked some."""

    items: tuple[UnderstoodItem, ...]
    warnings: tuple[str, ...]
    parsed_case: Findings
    not_taken: tuple[NotTaken, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": [i.to_dict() for i in self.items],
            "not_taken": [n.to_dict() for n in self.not_taken],
            "warnings": list(self.warnings),
        }

    def case(self, unset: Iterable[str] = ()) -> Findings:
        """The starting case without the findings she unticked (they are then asked)."""
        return self.parsed_case.without(unset)


def finding_labels(pack: Pack) -> dict[str, str]:
    """The label of every finding the pack names (``findings.yaml``), by id."""
    return {fid: info.label for fid, info in pack.info.items()}


def understand(
    result: ParseResult, labels: Mapping[str, str], lang: str | None = None
) -> Understood:
    """Every entry of the parsed case with the used evidence behind it, and the
    mentions not taken with why (in ``lang``, the labels' language; default: current)."""

    def label(fid: str) -> str:
        return labels.get(fid, fid.replace("_", " "))

    used = [e for e in result.evidence if e.used]
    items: list[UnderstoodItem] = []
    case = result.case
    for fid, value in case.numbers.items():
        ev = [e for e in used if e.finding == fid and e.value is not None]
        items.append(
            UnderstoodItem(
                fid, label(fid), "value", value, *_words(ev),
                estimate=any("estimate" in e.flags for e in ev),
                derived=not ev,
            )
        )
    states: tuple[tuple[State, tuple[str, ...]], ...] = (
        ("present", case.present), ("absent", case.absent))
    for state, fids in states:
        for fid in fids:
            ev = [e for e in used if e.finding == fid and e.polarity == state]
            items.append(UnderstoodItem(fid, label(fid), state, None, *_words(ev), derived=not ev))
    not_taken = tuple(
        NotTaken(e.finding, label(e.finding), e.text, (e.start, e.end), reason(e.flags, lang))
        for e in result.evidence
        if not e.used and "not_chosen" not in e.flags
    )
    return Understood(tuple(items), tuple(result.warnings), case, not_taken)


def _words(ev: list[TextEvidence]) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    seen: dict[tuple[int, int], str] = {}
    for e in sorted(ev, key=lambda e: e.start):
        seen.setdefault((e.start, e.end), e.text)
    return tuple(seen.values()), tuple(seen)
