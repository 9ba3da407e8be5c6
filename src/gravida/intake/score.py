"""Scoring parsed findings against a vignette's case (``eval --mode narrative``).

A parsed boolean finding is correct when the expected case lists it with the
same polarity; a parsed number is correct when the expected case has it within
0.5. Anything else parsed is a false positive (including findings the case
leaves unknown: the parser should state only what the text states), and every
expected entry not recovered is a false negative. Callers micro-average the
counts over a file into finding precision and recall.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

NUMBER_TOLERANCE = 0.5


def _split(case: Mapping[str, Any]) -> tuple[set[str], set[str], dict[str, float]]:
    present = {str(x) for x in case.get("present") or []}
    absent = {str(x) for x in case.get("absent") or []}
    numbers: dict[str, float] = {}
    for k, v in case.items():
        if k in ("present", "absent"):
            continue
        if isinstance(v, bool) or not isinstance(v, int | float):
            continue
        numbers[str(k)] = float(v)
    return present, absent, numbers


def narrative_metrics(
    parsed_case: Mapping[str, Any], expected_case: Mapping[str, Any]
) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) of one parsed case."""
    p_pres, p_abs, p_num = _split(parsed_case)
    e_pres, e_abs, e_num = _split(expected_case)
    tp = len(p_pres & e_pres) + len(p_abs & e_abs)
    for k, v in p_num.items():
        if k in e_num and abs(e_num[k] - v) <= NUMBER_TOLERANCE:
            tp += 1
    parsed_total = len(p_pres) + len(p_abs) + len(p_num)
    expected_total = len(e_pres) + len(e_abs) + len(e_num)
    return tp, parsed_total - tp, expected_total - tp


def precision_recall(tp: int, fp: int, fn: int) -> tuple[float, float]:
    """Micro precision and recall; an empty denominator scores 1.0 (nothing to get wrong)."""
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def score_file(path: str) -> tuple[int, int, int, list[str]]:
    """Micro counts of ``parse_text`` over every narrative of a vignette file, and the
    ids of narratives in which no weeks of pregnancy were found."""
    from pathlib import Path

    import yaml

    from gravida.intake.parse import parse_text
    from gravida.knowledge.load import default_pack

    pack = default_pack()
    vignettes = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    tp = fp = fn = 0
    no_weeks: list[str] = []
    for v in vignettes:
        result = parse_text(str(v.get("narrative") or ""), pack)
        a, b, c = narrative_metrics(result.case, v.get("case") or {})
        tp, fp, fn = tp + a, fp + b, fn + c
        if "gestational_weeks" not in result.case.numbers:
            no_weeks.append(str(v.get("id")))
    return tp, fp, fn, no_weeks


def reading(case: Mapping[str, Any], finding: str) -> str | float:
    """What a case says about one finding: "present", "absent", its number or "unset"."""
    present, absent, numbers = _split(case)
    if finding in present:
        return "present"
    if finding in absent:
        return "absent"
    return numbers.get(finding, "unset")


def read_right(got: str | float, want: Any) -> bool:
    """A table row is read right when the reading is what it wants; a near miss
    ("not present") is anything but present, a number is within the tolerance."""
    if want == "not present":
        return got != "present"
    if isinstance(want, int | float) and not isinstance(want, bool):
        return isinstance(got, float) and abs(got - want) <= NUMBER_TOLERANCE
    return bool(got == want)
