"""What intake reads of the loaded pack's vocabulary: its findings by kind, and ranges."""

from __future__ import annotations

from gravida.knowledge.load import Pack


def vocab_findings(pack: Pack) -> tuple[list[str], set[str], dict[str, tuple[float, float]]]:
    """The vocabulary's boolean findings (in order), its number findings and their ranges."""
    booleans: list[str] = []
    numbers: set[str] = set()
    ranges: dict[str, tuple[float, float]] = {}
    for f in pack.vocabulary.findings:
        if f.kind == "number":
            numbers.add(f.id)
            lo, hi = f.range or (float("-inf"), float("inf"))
            ranges[f.id] = (float(lo), float(hi))
        else:
            booleans.append(f.id)
    return booleans, numbers, ranges
