"""Miss rate of the Russian reader per class of wording (session 5 tables).

Reads every sentence of ``tests/intake/ru_tables.py`` (written by class, none
from a vignette set) and prints, per class, how many sentences the reader gets
wrong: the class's own wordings and its near misses (what must not be read as
it) separately. ``--cases`` prints each miss with what was read. Prints
figures; asserts nothing (``tests/intake/test_russian_tables.py`` holds them).

    .venv/bin/python bench/ru_classes.py [--set 6|7|7b|8|8b|9|9b|10|11|12|13|14|15] [--cases]

``--set 6`` reads the session-6 tables (``ru_tables6.py``), ``--set 7`` the
urgent findings' tables (``ru_tables7.py``), ``--set 7b`` its tables of the
largest misses instead, ``--set 8`` the session-8 tables (numbers
without "/10", false urgent readings, where a pain moved), ``--set 8b`` its
short durations and relief by rest, ``--set 9`` the session-9 tables (tearing and
sudden pain, chest pain, a weak leg, numbers in context, false urgent readings,
then relief, tightenings denied and long posture), ``--set 9b`` the sentences
written after its rounds 2 and 3, ``--set 10`` the session-10 tables (long
durations, score lead-ins, false urgent readings), ``--set 11`` the session-11
tables (denial lists, relief, the classes narratives still missed, denials read
the wrong way round), ``--set 12`` the session-12 tables (reassurances read as
the finding, irregular tightenings, someone else's event, relief, and what is
still missed), ``--set 13`` the session-13 tables (Russian typed in Latin letters
beside English that must stay English, clinical notation, someone else's story
over two clauses, values stated as normal, sequences with «потом»), ``--set 14`` the
session-14 clinical summaries, ``--set 15`` the session-15 messages (emergencies in
everyday words, look-alike Latin letters, loose denials, someone else's symptoms,
what was and is over).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.intake import (
    ru_tables,
    ru_tables6,
    ru_tables7,
    ru_tables8,
    ru_tables9,
    ru_tables10,
    ru_tables11,
    ru_tables12,
    ru_tables13,
    ru_tables14,
    ru_tables15,
)
from tests.intake.ru_tables import Row, mismatch

from gravida.intake import parse_text
from gravida.knowledge.load import Pack, default_pack


def misses(table: list[Row], pack: Pack, show: bool, label: str) -> int:
    """How many sentences of ``table`` the reader gets wrong (each printed if ``show``)."""
    bad = 0
    for text, expected in table:
        result = parse_text(text, pack)
        wrong = mismatch(result.case, expected, result.language)
        if wrong:
            bad += 1
            if show:
                print(f"    {label}{text!r}: {wrong}")
    return bad


def main(argv: list[str]) -> None:
    pack = default_pack()
    show = "--cases" in argv
    which = argv[argv.index("--set") + 1] if "--set" in argv else "5"
    classes, after = {
        "6": (ru_tables6.CLASSES6, ru_tables6.AFTER6),
        "7": (ru_tables7.URGENT, getattr(ru_tables7, "URGENT_AFTER", [])),
        "7b": (ru_tables7.MISSED, getattr(ru_tables7, "MISSED_AFTER", [])),
        "8": (ru_tables8.CLASSES8, ru_tables8.AFTER8),
        "8b": (ru_tables8.CLASSES8B, getattr(ru_tables8, "AFTER8B", [])),
        "9": (ru_tables9.CLASSES9, ru_tables9.AFTER9),
        "9b": ({}, ru_tables9.AFTER9B),
        "10": (ru_tables10.CLASSES10, ru_tables10.AFTER10),
        "11": (ru_tables11.CLASSES11, ru_tables11.AFTER11),
        "12": (ru_tables12.CLASSES12, ru_tables12.AFTER12),
        "13": (ru_tables13.CLASSES13, ru_tables13.AFTER13),
        "14": (ru_tables14.CLASSES14, ru_tables14.AFTER14 + ru_tables14.AFTER14_2
               + ru_tables14.AFTER14_3),
        "15": (ru_tables15.CLASSES15, ru_tables15.AFTER15 + ru_tables15.AFTER15_2
               + ru_tables15.AFTER15_3),
    }.get(which, (ru_tables.CLASSES, ru_tables.AFTER))
    total = [0, 0, 0, 0]
    print(f"{'class':32} {'missed':>9} {'rate':>6} {'near-miss wrong':>16} {'rate':>6}")
    for name, (rows, near) in classes.items():
        b1, n1 = misses(rows, pack, show, ""), len(rows)
        b2, n2 = misses(near, pack, show, "NEAR "), len(near)
        total = [total[0] + b1, total[1] + n1, total[2] + b2, total[3] + n2]
        r1 = f"{b1 / n1:.2f}" if n1 else "-"
        r2 = f"{b2 / n2:.2f}" if n2 else "-"
        print(f"{name:32} {b1:>4}/{n1:<4} {r1:>6} {b2:>10}/{n2:<5} {r2:>6}")
    if total[1] and total[3]:
        print(f"{'all':32} {total[0]:>4}/{total[1]:<4} {total[0] / total[1]:>6.2f} "
              f"{total[2]:>10}/{total[3]:<5} {total[2] / total[3]:>6.2f}")
    if after:
        bad = misses(after, pack, show, "AFTER ")
        print(f"{'written after the changes':32} {bad:>4}/{len(after):<4} {bad / len(after):>6.2f}")

if __name__ == "__main__":
    main(sys.argv[1:])
