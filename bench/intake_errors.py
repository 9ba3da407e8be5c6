"""Per-finding false positives / false negatives of the free-text reader.

Reads every narrative of the given vignette files the way ``eval --mode
narrative`` does and tabulates, per finding, what the text set wrongly (FP:
present/absent the case does not say, or the wrong polarity) and what it
missed (FN). ``--cases`` also prints each error with the words it came from,
so errors can be grouped into classes of wording. Prints figures; asserts
nothing.

    .venv/bin/python bench/intake_errors.py tests/data/realvoice-en.yaml [--cases]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

from gravida.intake import parse_text
from gravida.intake.score import NUMBER_TOLERANCE
from gravida.knowledge.load import default_pack


def _entries(case: dict[str, object]) -> dict[str, object]:
    """finding -> "present"/"absent" or the number."""
    out: dict[str, object] = {}
    for pol in ("present", "absent"):
        for f in case.get(pol) or []:  # type: ignore[attr-defined]
            out[str(f)] = pol
    for k, v in case.items():
        if k in ("present", "absent") or isinstance(v, bool):
            continue
        if isinstance(v, int | float):
            out[k] = float(v)
    return out


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= NUMBER_TOLERANCE
    return a == b


def main(argv: list[str]) -> None:
    show = "--cases" in argv
    files = [a for a in argv if not a.startswith("--")]
    pack = default_pack()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for path in files:
        for v in yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []:
            text = str(v.get("narrative") or "")
            result = parse_text(text, pack)
            got, want = _entries(result.case), _entries(v.get("case") or {})
            errors = []
            for f, val in got.items():
                if f not in want or not _same(val, want[f]):
                    fp[f"{f}={val}"] += 1
                    words = [e.text for e in result.evidence if e.finding == f and e.used]
                    errors.append(f"  FP {f}={val} (want {want.get(f, '-')}) from {words}")
            for f, val in want.items():
                if f not in got or not _same(val, got[f]):
                    fn[f"{f}={val}"] += 1
                    unused = [e.text for e in result.evidence if e.finding == f and not e.used]
                    errors.append(f"  FN {f}={val}" + (f" (dropped: {unused})" if unused else ""))
            if show and errors:
                print(f"{v.get('id')}: {' '.join(text.split())}")
                print("\n".join(errors))
    print(f"\n{'false positives':<60}n")
    for k, n in fp.most_common():
        print(f"{k:<60}{n}")
    print(f"\n{'false negatives':<60}n")
    for k, n in fn.most_common():
        print(f"{k:<60}{n}")
    print(f"\ntotal FP {sum(fp.values())}  FN {sum(fn.values())}")


if __name__ == "__main__":
    main(sys.argv[1:])
