"""Russian sentences for session 16: the classes ru-notes-dev's first run showed.

Written by helper `narrru2` after the first run of ``tests/data/ru-notes-dev.yaml``
(recorded before anything was changed for it), one class per misread case, in the
helper's own words (no case's wording copied), each with near misses that must keep
their reading:

- a note's list of denials whose items are three words long («…, мушек перед глазами,
  болей в эпигастрии нет»), and «нарушения зрения»;
- «грудо-поясничный» (the thoracolumbar spine) is no chest pain;
- «это всё беременность?» (is it all the pregnancy?) is no duration;
- a headache told in the past as all gone («болела голова, … всё прошло»);
- «из-за того падения»: a fall already told, named again;
- «тазовые функции в норме»;
- the moment told with a dash and the pain's kind between («вчера при чихании —
  острая боль»).

Rows: (text, expected) as in ``ru_tables.py``.
"""

from __future__ import annotations

from .ru_tables import NP, A, P, Row

HEAD, VIS, FEV, V = "severe_headache", "visual_disturbance", "fever", "vaginal_bleeding"
CHEST, CENTRAL, LOWER = "chest_pain", "pain_lower_back_central", "pain_lower_abdomen"
DUR, TRAUMA, BLADDER = (
    "pain_duration_over_2_weeks", "recent_trauma", "new_bladder_bowel_dysfunction",
)

LISTS: list[Row] = [
    ("Нарушений зрения, головной боли, отёков нет.", {VIS: A, HEAD: A}),
    ("Головной боли, пелены перед глазами, отёков на лице нет", {HEAD: A, VIS: A}),
    ("Мушек перед глазами, болей в животе, кровотечения нет", {VIS: A, V: A}),
    ("жалоб на головную боль нет, нарушение зрения отрицает", {VIS: A}),
    ("со вчера нарушение зрения, всё как в тумане", {VIS: P}),
]
LISTS_NEAR: list[Row] = [
    ("Боли внизу живота, кровотечения нет", {LOWER: P, V: A}),
    ("Мушки перед глазами, температуры нет", {VIS: P, FEV: A}),
    ("Сильные боли в пояснице, температуры нет", {CENTRAL: P, FEV: A}),
]
PLACES: list[Row] = [
    ("боль в грудо-поясничном отделе позвоночника", {CHEST: NP, CENTRAL: P}),
    ("ноет в грудо-поясничном переходе после подъёма сумки", {CHEST: NP}),
]
PLACES_NEAR: list[Row] = [
    ("боль в груди и в пояснице", {CHEST: P, CENTRAL: P}),
]
WHOLE: list[Row] = [
    ("Поясница ноет. Это всё беременность виновата?", {DUR: NP}),
    ("это все беременность так влияет? спина болит", {DUR: NP}),
]
WHOLE_NEAR: list[Row] = [
    ("болит поясница всю беременность", {DUR: P}),
    ("всю эту беременность ноет спина", {DUR: P}),
]
GONE: list[Row] = [
    ("вчера болела голова, но поспала и всё прошло", {HEAD: A}),
    ("днём разболелась голова и всё прошло само", {HEAD: A}),
]
GONE_NEAR: list[Row] = [
    ("болит голова, всё никак не пройдёт", {HEAD: P}),
    ("болит голова, но спина всё прошла", {HEAD: P}),
]
THAT_FALL: list[Row] = [
    ("два месяца назад упала на льду. может поясница из-за того падения болит?",
     {TRAUMA: A}),
]
THAT_FALL_NEAR: list[Row] = [
    ("вчера упала на спину, после этого падения болит поясница", {TRAUMA: P}),
]
MOMENT: list[Row] = [
    ("позавчера при кашле — острая боль в пояснице", {"pain_onset_sudden": P}),
    ("Вчера при подъёме сумки — резкая боль в спине, 7/10", {"pain_onset_sudden": P}),
]
MOMENT_NEAR: list[Row] = [
    # no time gone by: it may be what makes it worse
    ("при кашле — острая боль в пояснице", {"pain_onset_sudden": NP}),
]
NOTES: list[Row] = [
    ("Тазовые функции в норме, чувствительность сохранена.", {BLADDER: A}),
    ("функции тазовых органов сохранены", {BLADDER: A}),
]
NOTES_NEAR: list[Row] = [
    ("не может помочиться с утра", {BLADDER: P}),
]

CLASSES16: dict[str, tuple[list[Row], list[Row]]] = {
    "denial lists of three-word items": (LISTS, LISTS_NEAR),
    "the thoracolumbar spine": (PLACES, PLACES_NEAR),
    "all of it the pregnancy": (WHOLE, WHOLE_NEAR),
    "a headache all gone": (GONE, GONE_NEAR),
    "that fall again": (THAT_FALL, THAT_FALL_NEAR),
    "a note's pelvic functions": (NOTES, NOTES_NEAR),
    "the moment with the pain's kind": (MOMENT, MOMENT_NEAR),
}
