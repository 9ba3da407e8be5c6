"""Her weeks of pregnancy as the free-text reader reads them, set by set.

For every narrative of the given vignette files, the weeks ``parse_text``
reads against the case's ``gestational_weeks``: none read (narrative mode
fails closed and the conversation must ask), wrong by more than the reading
allows (half a week for a stated number, ``ESTIMATE_SLACK`` for an estimate
such as "7 months" or "third trimester"), or right. ``--cases`` prints each
miss with the words the weeks came from (or the sentences that name a week,
month or trimester when none was read), so misses can be grouped into classes
of wording. ``--table`` reads a table of sentences instead (``{lang: [[text,
weeks or null], ...]}``, as ``tests/intake/weeks_s16_ru.yaml`` and
``weeks_s16_en.yaml``): how many give
the weeks they must, and how many near misses (null) give none. Prints figures;
asserts nothing.

    .venv/bin/python bench/weeks.py tests/data/dev-ru.yaml tests/data/hard-dev.yaml [--cases]
    .venv/bin/python bench/weeks.py --table tests/intake/weeks_s16_ru.yaml [--cases]
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import yaml

from gravida.intake import parse_text
from gravida.intake.score import NUMBER_TOLERANCE
from gravida.knowledge.load import default_pack

# an estimate (months × months_to_weeks, a trimester) may be this far off her
# stated weeks and still be the documented reading (half a month each way)
ESTIMATE_SLACK = 2.5

# words that name a time of pregnancy, to show where a missed week might be
_HINT = re.compile(
    r"\d|нед|мес|трим|срок|бер|пдр|род|сносях|week|wk|month|\bmo\b|tri|due|edd|term|/40",
    re.IGNORECASE,
)


# the day the tables' due dates count from
TABLE_TODAY = date(2026, 12, 8)


def table(path: str, show: bool) -> None:
    """Rows right and wrong of a weeks table, per language, forms and near misses apart."""
    pack = default_pack()
    rows = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    for lang, items in rows.items():
        counts = {"forms": 0, "forms wrong": 0, "near misses": 0, "near misses read": 0}
        for text, want in items:
            got = parse_text(text, pack, lang, today=TABLE_TODAY).case.numbers.get(
                "gestational_weeks")
            kind = "forms" if want is not None else "near misses"
            counts[kind] += 1
            if got != want:
                counts["forms wrong" if want is not None else "near misses read"] += 1
                if show:
                    print(f"  {lang} want {want} got {got}: {text}")
        print(f"{Path(path).name} {lang}: " + "  ".join(f"{k} {v}" for k, v in counts.items()))


def main(argv: list[str]) -> None:
    show = "--cases" in argv
    files = [a for a in argv if not a.startswith("--")]
    if "--table" in argv:
        for path in files:
            table(path, show)
        return
    pack = default_pack()
    total = {"cases": 0, "none": 0, "wrong": 0, "estimate": 0}
    for path in files:
        counts = {"cases": 0, "none": 0, "wrong": 0, "estimate": 0}
        cases = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
        for v in cases if isinstance(cases, list) else []:
            text = str(v.get("narrative") or "")
            want = (v.get("case") or {}).get("gestational_weeks")
            if not text or want is None:
                continue
            counts["cases"] += 1
            result = parse_text(text, pack)
            got = result.case.numbers.get("gestational_weeks")
            used = [e for e in result.evidence if e.finding == "gestational_weeks" and e.used]
            estimate = any("estimate" in e.flags for e in used)
            counts["estimate"] += estimate
            slack = ESTIMATE_SLACK if estimate else NUMBER_TOLERANCE
            if got is None:
                counts["none"] += 1
                kind = "NONE"
            elif abs(got - float(want)) > slack:
                counts["wrong"] += 1
                kind = "WRONG"
            else:
                continue
            if show:
                flat = " ".join(text.split())
                print(f"{kind} {Path(path).name} {v.get('id')}: got {got} want {want}")
                for e in result.evidence:
                    if e.finding == "gestational_weeks":
                        print(f"    {'used' if e.used else 'not used'} {e.value} "
                              f"{e.text!r} {list(e.flags)}")
                hints = [s for s in re.split(r"(?<=[.!?])\s+", flat) if _HINT.search(s)]
                for s in hints[:4]:
                    print(f"    | {s[:160]}")
        for k in total:
            total[k] += counts[k]
        print(f"{Path(path).name:<28} narratives {counts['cases']:>4}  no weeks "
              f"{counts['none']:>3}  wrong {counts['wrong']:>3}  estimates {counts['estimate']:>3}")
    print(f"{'all':<28} narratives {total['cases']:>4}  no weeks {total['none']:>3}  "
          f"wrong {total['wrong']:>3}  estimates {total['estimate']:>3}")


if __name__ == "__main__":
    main(sys.argv[1:])
