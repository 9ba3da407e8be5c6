"""What intake returns: the case, and the evidence behind every entry in it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from gravida.engine.case import Findings
from gravida.intake.reasons import reason

if TYPE_CHECKING:
    from gravida.intake.medicines import NamedMedicine


@dataclass(frozen=True)
class TextEvidence:
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

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """As JSON; a mention not taken says why, in ``lang`` (default: the current one)."""
        d = asdict(self)
        d["span"] = [self.start, self.end]
        d["flags"] = list(self.flags)
        del d["start"], d["end"]
        if self.value is None:
            del d["value"]
        if self.polarity is None:
            del d["polarity"]
        if not self.used:
            d["reason"] = reason(self.flags, lang)  # for people, in the caller's language
        return d


@dataclass
class ParseResult:
    """The case (vignette ``case`` format) and the evidence behind every entry."""

    case: Findings  # what her words state, in the order the pack lists the findings
    evidence: list[TextEvidence]
    warnings: list[str] = field(default_factory=list)
    truncated: bool = False
    # the language the text was read in; None when it is in none Gravida reads
    language: str | None = "en"
    # medicines she names, for the medicine check ("I'm on Fragmin")
    medicines: list[NamedMedicine] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.case.to_json(),
            # why a mention was not taken: in the language her words were read in
            "evidence": [e.to_dict(self.language) for e in self.evidence],
            "warnings": list(self.warnings),
            "truncated": self.truncated,
            "language": self.language,
            "medicines": [m.to_dict() for m in self.medicines],
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


def fmt(v: float) -> float | int:
    """A number as the case shows it: 28, not 28.0."""
    return int(v) if float(v).is_integer() else round(v, 1)
