"""Reading level of every text a woman reads, in every language of the pack.

    python bench/readability.py [--json] [--worst N]

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
import re
import statistics
import sys
from collections.abc import Iterable, Iterator
from typing import Any

import textstat

from gravida.knowledge import i18n, overlays
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


def located(lang: str, name: str, paths: list[str]) -> Iterator[tuple[str, str]]:
    """(where in the pack, text) for every text she reads under ``paths`` of ``name``."""
    data: Any = default_pack(lang).read(name)
    for at, text in overlays.texts(data, [tuple(p.split(".")) for p in paths]):
        if text.strip():
            yield f"{name}:{'.'.join(str(k) for k in at)}", " ".join(text.split())


def texts(lang: str, name: str, paths: list[str]) -> Iterator[str]:
    for _at, text in located(lang, name, paths):
        yield text


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZА-ЯЁ])")


def hardest(lang: str, n: int) -> list[tuple[float, int, str, str]]:
    """The ``n`` hardest sentences she reads: (grade or -ease, words, where, sentence).

    English: Flesch-Kincaid grade per sentence; other languages: lowest reading
    ease first. Sentences under 8 words are left out (a formula says little
    about a label). The list to reword first, not a score.
    """
    textstat.set_lang(lang)
    out: list[tuple[float, int, str, str]] = []
    for _group, name, paths in GROUPS:
        for where, text in located(lang, name, paths):
            for sentence in SENTENCE_END.split(text):
                words = textstat.lexicon_count(sentence)
                if words < 8:
                    continue
                score = (float(textstat.flesch_kincaid_grade(sentence)) if lang == "en"
                         else -float(textstat.flesch_reading_ease(sentence)))
                out.append((score, words, where, sentence))
    return sorted(set(out), reverse=True)[:n]


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
    parser.add_argument("--worst", type=int, default=0, metavar="N",
                        help="also list the N hardest sentences per language, with where "
                        "they are in the pack")
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
    for lang in i18n.languages() if args.worst else ():
        print(f"\n{lang}: the {args.worst} hardest sentences "
              + ("(Flesch-Kincaid grade)" if lang == "en" else "(reading ease)"))
        for score, words, where, sentence in hardest(lang, args.worst):
            shown = score if lang == "en" else -score  # the grade, or the reading ease
            print(f"  {shown:6.1f}  {words:3d} words  {where}\n          {sentence}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
