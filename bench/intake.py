"""Intake benchmark: cost of reading free text, per character, ordinary and hostile.

Prints figures; asserts nothing (speed is measured here, never in tests).
Each input is read at several lengths up to the pack's budget
(``limits.max_chars``): a cost per character that stays flat as the text
grows is linear; thread CPU time is the work itself, which stays meaningful
on a busy machine.

    .venv/bin/python bench/intake.py
"""

from __future__ import annotations

import time

from gravida.intake import lexicon_for, parse_text
from gravida.knowledge.load import default_pack

INPUTS = {
    "ordinary": "I'm 30 weeks, my lower back has ached for two weeks, no fever, no bleeding. ",
    "negations": "no ",
    "symbols ‹": "‹",
    "symbols <": "<",
    "one long word": "a",
    "numbers": "38.5 150/100 8/10 30+2 ",
    # Russian: every word lemmatised by pymorphy3 (cached per word form)
    "ordinary (ru)": "Срок 30 недель, поясница ноет уже две недели, температуры нет, не мажет. ",
    # Russian typed in Latin letters: transliterated word by word, then read
    "Latin-typed (ru)": "srok 30 nedel, pojasnica noet, temperatury net, ne mazhet. ",
}


def main() -> None:
    pack = default_pack()
    # start-up: the first text in a language compiles its phrase file (once per process)
    for lang, first in (("en", "warm up"), ("ru", "прогрев")):
        t0 = time.thread_time()
        parse_text(first, pack)
        print(f"first read in {lang} (compiles its phrases): "
              f"{(time.thread_time() - t0) * 1000:.0f} ms cpu")
    budget = lexicon_for(pack).max_chars
    print(f"budget: {budget} characters per read")
    print(f"{'input':<18}{'chars':>8}{'cpu ms':>10}{'µs/char':>10}")
    for name, unit in INPUTS.items():
        for chars in (budget // 4, budget // 2, budget):
            text = (unit * (chars // len(unit) + 1))[:chars]
            t0 = time.thread_time()
            parse_text(text, pack)
            cpu = time.thread_time() - t0
            print(f"{name:<18}{chars:>8}{cpu * 1000:>10.1f}{cpu * 1e6 / chars:>10.1f}")


if __name__ == "__main__":
    main()
