"""Miss rate of the English reader per class of wording, on sentences written for it.

Reads tests/data/intake-classes-en.yaml (a table per class: rows of text,
finding and what the reader must give) and prints, per class, how many rows
the reader gets wrong: the stated findings it misses (rows, wrong, miss rate)
and the near misses it over-reads (near misses, over-read). The sentences are
new to the reader, so this is the
generalisation figure that the measuring sets, read while the phrase lists
were written, cannot give. Prints figures; asserts nothing
(tests/intake/test_generalisation.py holds the table).

    .venv/bin/python bench/intake_classes.py [TABLE.yaml] [--rows] [--lang=ru]
        [--today=2026-12-07]

TABLE defaults to that file; tests/intake/classes_s6_*.yaml are the session-6
tables (a first batch written before the fixes, a second after). ``--lang`` reads
the table in another language (default English; ``auto``: each sentence in the
language it is written in, as the tests read it); ``--today`` fixes the day her
dates count from ("due on Valentine's day"; the session-11 tables count from
2026-12-07), else the system date.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from gravida.intake import parse_text
from gravida.intake.score import read_right, reading
from gravida.knowledge.load import default_pack

TABLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "intake-classes-en.yaml"
NEAR = ("not present", "unset")  # rows that state nothing: a reading of present over-reads


def rows(table: Path = TABLE) -> dict[str, list[tuple[str, str, Any]]]:
    data = yaml.safe_load(table.read_text(encoding="utf-8"))
    return {name: [(str(t), str(f), w) for t, f, w in table] for name, table in data.items()}


def main(argv: list[str]) -> None:
    pack = default_pack()
    show = "--rows" in argv
    options = dict(a[2:].split("=", 1) for a in argv if a.startswith("--") and "=" in a)
    lang: str | None = options.get("lang", "en")
    if lang == "auto":  # each sentence in the language it is written in
        lang = None
    today = date.fromisoformat(options["today"]) if "today" in options else None
    files = [Path(a) for a in argv if not a.startswith("--")]
    total = wrong = 0
    near_total = near_wrong = 0
    print(
        f"{'class':<22}{'rows':>6}{'wrong':>7}{'miss rate':>11}"
        f"{'near misses':>13}{'over-read':>11}"
    )
    for name, table in rows(*files[:1]).items():
        bad = []
        near = [row for row in table if row[2] in NEAR]
        near_bad = 0
        for text, finding, want in table:
            got = reading(parse_text(text, pack, lang, today=today).case, finding)
            if not read_right(got, want):
                bad.append(f"    {text!r}: {finding} want {want}, got {got}")
                near_bad += want in NEAR
        total += len(table)
        wrong += len(bad)
        near_total += len(near)
        near_wrong += near_bad
        stated = len(table) - len(near)
        print(
            f"{name:<22}{stated:>6}{len(bad) - near_bad:>7}{_rate(len(bad) - near_bad, stated):>11}"
            f"{len(near):>13}{_rate(near_bad, len(near)):>11}"
        )
        if show:
            print("\n".join(bad))
    print(
        f"{'all':<22}{total - near_total:>6}{wrong - near_wrong:>7}"
        f"{_rate(wrong - near_wrong, total - near_total):>11}{near_total:>13}"
        f"{_rate(near_wrong, near_total):>11}"
    )


def _rate(bad: int, rows: int) -> str:
    return f"{bad / rows:.3f}" if rows else "-"


if __name__ == "__main__":
    main(sys.argv[1:])
