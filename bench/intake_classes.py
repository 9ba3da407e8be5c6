"""Miss rate of the English reader per class of wording, on sentences written for it.

Reads tests/data/intake-classes-en.yaml (a table per class: rows of text,
finding and what the reader must give) and prints, per class, how many rows
the reader gets wrong: the stated findings it misses and the near misses it
over-reads. The sentences are new to the reader, so this is the
generalisation figure that the measuring sets, read while the phrase lists
were written, cannot give. Prints figures; asserts nothing
(tests/intake/test_generalisation.py holds the table).

    .venv/bin/python bench/intake_classes.py [TABLE.yaml] [--rows]

TABLE defaults to that file; tests/intake/classes_s6_*.yaml are the session-6
tables (a first batch written before the fixes, a second after).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from gravida.intake import parse_text
from gravida.intake.score import read_right, reading
from gravida.knowledge.load import default_pack

TABLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "intake-classes-en.yaml"


def rows(table: Path = TABLE) -> dict[str, list[tuple[str, str, Any]]]:
    data = yaml.safe_load(table.read_text(encoding="utf-8"))
    return {name: [(str(t), str(f), w) for t, f, w in table] for name, table in data.items()}


def main(argv: list[str]) -> None:
    pack = default_pack()
    show = "--rows" in argv
    files = [Path(a) for a in argv if not a.startswith("--")]
    total = wrong = 0
    print(f"{'class':<22}{'rows':>6}{'wrong':>7}{'miss rate':>11}")
    for name, table in rows(*files[:1]).items():
        bad = []
        for text, finding, want in table:
            got = reading(parse_text(text, pack, "en").case, finding)
            if not read_right(got, want):
                bad.append(f"    {text!r}: {finding} want {want}, got {got}")
        total += len(table)
        wrong += len(bad)
        print(f"{name:<22}{len(table):>6}{len(bad):>7}{len(bad) / len(table):>11.3f}")
        if show:
            print("\n".join(bad))
    print(f"{'all':<22}{total:>6}{wrong:>7}{wrong / total:>11.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
