"""Reading level of every text a woman reads, in every language of the pack.

    python bench/readability.py [--json]

Groups the patient-facing texts of the knowledge pack (questions, plain names,
why a level was set, what to do, self-care, the safety net, what to expect,
medicine verdicts) and prints, per group and language, textstat's Flesch
reading ease (the Russian formula, Oborneva's adaptation, for Russian; higher
is easier: 60-70 is plain language, 80+ is easy), words per sentence, and for
English the Flesch-Kincaid grade. Clinician-only texts (work-up "shows",
treatment, avoid) are left out: they are written for clinicians.

A figure to watch, not a test: reading ease depends on the formula's syllable
counts, and Russian words are longer than English ones by nature.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Iterable, Iterator
from typing import Any

import textstat

from gravida.knowledge import i18n
from gravida.knowledge.load import default_pack

# (group, pack file, dotted paths): the texts she reads. "*" is any key or list entry.
GROUPS: list[tuple[str, str, list[str]]] = [
    ("questions", "questions.yaml",
     ["questions.*.text", "questions.*.help", "groups.*.text", "groups.*.members"]),
    ("causes (plain names)", "conditions.yaml", ["conditions.*.lay_name"]),
    ("why this level", "triage.yaml", ["floors.*.says", "conditions.*.adjust.*.says"]),
    ("what to do now", "advice.yaml", ["levels.*.now"]),
    ("what to do now", "wording.yaml", ["levels.*.action"]),
    ("self-care and avoid", "advice.yaml", ["items.*.text"]),
    ("medicine advice", "advice.yaml", ["medicine_advice.*.text"]),
    ("safety net", "advice.yaml", ["safety_net.intro", "safety_net.signs.*.text"]),
    ("what to expect", "workup.yaml",
     ["levels.*.text", "imaging_note.text", "conditions.*.what_to_expect.text",
      "investigations.*.what_happens", "investigations.*.safety"]),
    ("medicine verdicts", "medicines.yaml",
     ["words", "medicines.*.stages.*.reason", "classes.*.stages.*.reason",
      "medicines.*.dose.text", "medicines.*.note.text"]),
]


def texts(lang: str, name: str, paths: list[str]) -> Iterator[str]:
    data: Any = default_pack(lang).read(name)
    for _at, text in i18n.texts(data, [tuple(p.split(".")) for p in paths]):
        if text.strip():
            yield " ".join(text.split())


def as_sentences(items: Iterable[str]) -> str:
    """Short items (labels, options) become sentences, so they count as what they are."""
    return " ".join(t if t.rstrip()[-1:] in ".?!:" else t + "." for t in items)


def measure(lang: str, corpus: str) -> dict[str, float]:
    textstat.set_lang(lang)
    words = textstat.lexicon_count(corpus)
    sentences = max(1, textstat.sentence_count(corpus))
    out = {
        "flesch_reading_ease": round(float(textstat.flesch_reading_ease(corpus)), 1),
        "words_per_sentence": round(words / sentences, 1),
        "words": float(words),
    }
    if lang == "en":
        out["flesch_kincaid_grade"] = round(float(textstat.flesch_kincaid_grade(corpus)), 1)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    results: dict[str, dict[str, dict[str, float]]] = {}
    for lang in i18n.languages():
        corpora: dict[str, list[str]] = {}
        for group, name, paths in GROUPS:
            corpora.setdefault(group, []).extend(texts(lang, name, paths))
        results[lang] = {g: measure(lang, as_sentences(items)) for g, items in corpora.items()}
        every = [t for items in corpora.values() for t in items]
        results[lang]["ALL patient-facing"] = measure(lang, as_sentences(every))
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
        return 0
    for lang, groups in results.items():
        print(f"\n{lang}: Flesch reading ease (higher is easier), words per sentence"
              + (", Flesch-Kincaid grade" if lang == "en" else ""))
        for group, m in groups.items():
            fk = m.get("flesch_kincaid_grade")
            grade = f"  grade {fk:5.1f}" if fk is not None else ""
            print(f"  {group:24} ease {m['flesch_reading_ease']:6.1f}  "
                  f"words/sentence {m['words_per_sentence']:5.1f}{grade}  ({m['words']:.0f} words)")
    eases = [g["ALL patient-facing"]["flesch_reading_ease"] for g in results.values()]
    print(f"\nmedian over languages: {statistics.median(eases):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
