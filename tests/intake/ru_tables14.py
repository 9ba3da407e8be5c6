"""Russian sentences for session 14: clinical summaries as a midwife, GP or obstetrician
writes them.

Written by helper `hardru` BEFORE the reader was changed this session and before the
phrase file or any Russian set was opened for it, from the brief's classes (the
lead's words; no blind text and no vignette was read while writing them):

- the weeks in every form a note gives them («Б-ть 32 нед.», «Берем-ть 30-31 нед.»,
  «срок гестации 29 нед. 4 дн.», «Б. 27 нед.», «в сроке 33 нед.», «бер. 36/0»), also
  right after a relative's past illness («мама болела пиелонефритом, 31 нед.»);
- a relative's history (the family's, and the woman's own after it);
- what was and is over (an episode treated, a value that was normal and now is not);
- the abbreviations of a note: «с-м», «(+)/(-)», «п/з», «ОАМ», «ОАК», «СРБ», «КТГ»,
  «ПИОВ», «в/в», «отрицает», «в анамнезе», «без патологии», «б/о», «N»;
- vitals with the numbers that are not hers (the fetal heart, breaths, saturation);
- swelling of both legs (the usual swelling) beside a sudden one;
- a Latin-typed short word («znob»).

``CLASSES14`` was measured before the reader was changed (``bench/ru_classes.py --set
14``); ``AFTER14`` was written after the change and never tuned on.

Rows: (text, expected) as in ``ru_tables.py``.
"""

from __future__ import annotations

from .ru_tables import NP, A, P, Row

L = "language"
GW, TEMP, FEV, HR = "gestational_weeks", "temperature_c", "fever", "heart_rate"
SYS, DIA, SEV = "systolic_bp", "diastolic_bp", "pain_severity"
CENTRAL, RIGHT, LEFT, FLANK, ONE = (
    "pain_lower_back_central", "pain_right_side", "pain_left_side", "pain_flank",
    "pain_one_side",
)
GROIN, LOWABD = "radiates_groin", "pain_lower_abdomen"
DYS, FREQ, BLOODU, CLOUDY, LEUK = (
    "painful_urination", "urinary_frequency_urgency", "blood_in_urine", "cloudy_urine",
    "urinalysis_leukocytes",
)
V, LEAK = "vaginal_bleeding", "fluid_leak"
MOVES, HARD, REG, IRR = (
    "reduced_fetal_movements", "uterus_hard_persistent", "contractions_regular",
    "contractions_irregular",
)
CHILLS, NAUSEA, UNWELL = "chills_rigors", "nausea_vomiting", "feeling_very_unwell"
NUMB, WEAK, BOTH, SADDLE, BLADDER = (
    "leg_numbness_tingling", "leg_weakness", "both_legs_affected", "saddle_numbness",
    "new_bladder_bowel_dysfunction",
)
HEAD, VISION, SWELL, HTN = (
    "severe_headache", "visual_disturbance", "sudden_swelling", "hypertension_in_pregnancy",
)
TRAUMA, KTAP, CALF = "recent_trauma", "kidney_tender_on_tapping", "calf_swelling_one_leg"
KIDNEY, STONES, PRETERM, CS, CANCER, IVDU, SPINE = (
    "history_kidney_infection", "history_kidney_stones", "previous_preterm_birth",
    "previous_caesarean", "history_cancer", "immunosuppressed_or_iv_drug_use",
    "history_spine_disorder",
)
DUR, SUD = "pain_duration_over_2_weeks", "pain_onset_sudden"
PRESSURE, CHEST, BELOW, BUTTOCK = (
    "pelvic_pressure", "chest_pain", "radiates_leg_below_knee", "radiates_buttock_thigh",
)
OSTEO, COLD, SHOOT = "osteoporosis_risk", "cold_exposure", "pain_shooting_electric"

# The weeks of this pregnancy in the forms a note gives them.
WEEKS: list[Row] = [
    ("Б-ть 32 нед., жалобы на боли в пояснице справа", {GW: 32, RIGHT: P}),
    ("Берем-ть 30-31 нед. Жалобы на ноющие боли в пояснице.", {GW: 30, CENTRAL: P}),
    ("Срок гестации 29 нед. 4 дн. Боли в крестце.", {GW: 29}),
    ("Б. 27 нед. Жалоб активно не предъявляет.", {GW: 27}),
    ("Беременная в сроке 33 нед. поступила с жалобами на боли в пояснице", {GW: 33}),
    ("Беременность 36 нед. 2 дня, t 36,7", {GW: 36, TEMP: 36.7}),
    ("Повторнородящая, б-ть 38 нед., схватки через 5 мин", {GW: 38, REG: P}),
    ("Бер-ть 24 нед., ОАМ без патологии", {GW: 24, LEUK: NP}),
    ("Беременность II, 31 неделя. Жалобы на боли в пояснице слева.", {GW: 31, LEFT: P}),
    ("Пациентка 28 лет, б-ть 26 нед., жалобы на боль в спине", {GW: 26}),
    ("Б-ть 34-35 нед. по УЗИ", {GW: 34}),
]
# A past pregnancy's or a relative's weeks are not hers now; her own weeks still are.
WEEKS_NEAR: list[Row] = [
    ("Мама болела пиелонефритом, 31 нед.", {GW: 31, KIDNEY: NP}),
    ("У сестры — преждевременные роды в 32 нед. Б-ть 28 нед.", {GW: 28, PRETERM: NP}),
    ("Мать — рак молочной железы. Срок 30 нед.", {GW: 30, CANCER: NP}),
    ("В анамнезе роды в 35 нед. Настоящая б-ть 29 нед.", {GW: 29, PRETERM: P}),
    ("Отец — МКБ. Беременность 25 нед.", {GW: 25, STONES: NP}),
    ("У мамы был тромбоз, 33 нед., жалобы на боли в пояснице", {GW: 33}),
]

# A relative's history, and hers after it.
RELATIVE: list[Row] = [
    ("Наследственность: у матери рак молочной железы.", {CANCER: NP}),
    ("Семейный анамнез: у отца МКБ", {STONES: NP}),
    ("Мама болела пиелонефритом, у неё была высокая температура", {KIDNEY: NP, FEV: NP}),
    ("Со слов, у сестры был пиелонефрит в беременность", {KIDNEY: NP}),
    ("Муж болеет ОРВИ, t 38", {FEV: NP}),
]
RELATIVE_HERS: list[Row] = [
    ("Мама болела пиелонефритом. Сейчас t 38,5, озноб.",
     {KIDNEY: NP, TEMP: 38.5, FEV: P, CHILLS: P}),
    ("У сестры МКБ. У пациентки боли в пояснице справа, t 38,1",
     {STONES: NP, RIGHT: P, FEV: P}),
    ("Мать — пиелонефрит. Жалобы на озноб, боли в пояснице справа, дизурию",
     {KIDNEY: NP, CHILLS: P, RIGHT: P, DYS: P}),
    ("В анамнезе у самой хр. пиелонефрит, у мамы тоже", {KIDNEY: P}),
]

# What was and is over, and what was normal and is not now.
RESOLVED: list[Row] = [
    ("Кровянистые выделения в 12 нед., купированы, сейчас не беспокоят", {V: NP}),
    ("ОРВИ 2 недели назад, t до 38,5, в настоящее время t N", {FEV: NP}),
    ("Угроза прерывания в 20 нед., пролечена в стационаре", {V: NP, REG: NP}),
    ("Эпизод повышения АД до 140/90 неделю назад, сейчас АД 115/70",
     {SYS: 115, DIA: 70}),
]
NOW_NOT_NORMAL: list[Row] = [
    ("Пиелонефрит в 22 нед. этой беременности, пролечена", {KIDNEY: P}),
    ("Анализы мочи были в норме, сейчас лейк. 30-40 в п/з", {LEUK: P}),
    ("Раньше АД было в норме, теперь 150/100", {SYS: 150, DIA: 100}),
    ("Температура была нормальная, с утра 38,4", {TEMP: 38.4, FEV: P}),
    ("Шевеления были обычные, со вчера ослаблены", {MOVES: P}),
]

# The abbreviations and set words of a note.
NOTATION: list[Row] = [
    ("с-м Пастернацкого (+) справа", {KTAP: P}),
    ("С-м Пастернацкого слабоположительный справа", {KTAP: P}),
    ("Пастернацкого (-) с обеих сторон", {KTAP: A}),
    ("ОАМ: лейк. 20–25 в п/з", {LEUK: P}),
    ("ОАМ: лейкоциты на всё п/з", {LEUK: P}),
    ("ОАМ — без патологии", {LEUK: NP}),
    ("ОАК: лейкоциты 16, СРБ 48", {LEUK: NP, FEV: NP}),
    ("КТГ без патологии", {REG: NP, MOVES: NP}),
    ("КТГ: регулярная сократительная активность матки", {REG: P}),
    ("ПИОВ с 6 утра", {LEAK: P}),
    ("ПИОВ отрицает", {LEAK: A}),
    ("Кровянистые выделения отрицает, подтекание вод отрицает", {V: A, LEAK: A}),
    ("В анамнезе в/в наркотики", {IVDU: P}),
    ("Получает в/в антибиотики", {IVDU: NP}),
    ("В анамнезе: КС в 2020 г., МКБ", {CS: P, STONES: P}),
    ("Выделения б/о", {V: NP, LEAK: NP}),
    ("t N, АД N", {FEV: NP, TEMP: None}),
    ("Дизурии нет, мочеиспускание свободное, безболезненное", {DYS: A}),
    ("Шевеления плода ощущает хорошо. Сердцебиение плода ясное, 140 в мин.",
     {MOVES: NP, HR: None}),
    ("ЧДД 20, SpO2 98%, ЧСС 96", {HR: 96}),
    ("Отеков нет", {SWELL: A}),
    ("Жалобы на боли в поясничной области справа с иррадиацией в пах",
     {RIGHT: P, GROIN: P}),
    ("Тошнота, однократная рвота", {NAUSEA: P}),
    ("Жалобы на учащённое болезненное мочеиспускание", {DYS: P, FREQ: P}),
    ("Жалобы на слабость в обеих ногах, онемение в промежности",
     {BOTH: P, WEAK: P, SADDLE: P}),
    ("Со слов, 2 дня назад падение на живот", {TRAUMA: P}),
    ("Жалобы на головную боль, мелькание мушек перед глазами. АД 160/110.",
     {VISION: P, SYS: 160, DIA: 110}),
]
NOTATION_NEAR: list[Row] = [
    ("ЧСС плода 152 уд/мин", {HR: None}),
    ("СРБ 12, лейкоциты крови 11", {LEUK: NP}),
    ("Матка в нормотонусе, безболезненная", {HARD: NP}),
    ("Физиологические отправления в норме", {BLADDER: NP, DYS: NP}),
]

# Swelling of both legs is the usual swelling; a sudden one stays.
SWELLING: list[Row] = [
    ("Отёки голеней к вечеру, обе ноги", {SWELL: NP, CALF: NP}),
    ("ноги отекают, обе", {SWELL: NP, CALF: NP}),
    ("Пастозность голеней и стоп", {SWELL: NP}),
]
SWELLING_NEAR: list[Row] = [
    ("Резко отекли лицо и руки со вчерашнего дня", {SWELL: P}),
    ("Отёк левой голени, болезненность по ходу вен", {CALF: P}),
]

# Latin-typed.
LATIN: list[Row] = [
    ("temperatura 38.5, znob, bolit pravyj bok", {L: "ru", TEMP: 38.5, CHILLS: P}),
    ("srok 32 ned, znob i toshnit", {L: "ru", GW: 32, CHILLS: P, NAUSEA: P}),
]

CLASSES14: dict[str, tuple[list[Row], list[Row]]] = {
    "weeks in a note / not hers": (WEEKS, WEEKS_NEAR),
    "relative's history / hers": (RELATIVE, RELATIVE_HERS),
    "over / now not normal": (RESOLVED, NOW_NOT_NORMAL),
    "notation / numbers not hers": (NOTATION, NOTATION_NEAR),
    "both legs swell / sudden": (SWELLING, SWELLING_NEAR),
    "latin typing": (LATIN, []),
}

# Written after the reader was changed for hard-ru-dev's first run (the classes it
# showed: a list a note denies with «отрицает», the neurological examination in a
# note's words, pelvic pressure, the chest by its half, a blood test's counts, a
# note's heading weeks), before these sentences were run, and not tuned on.
AFTER14: list[Row] = [
    # a list «отрицает» denies, in the accusative; a subject before it is not denied
    ("Головную боль, тошноту отрицает", {HEAD: A, NAUSEA: A}),
    ("Озноб, рвоту, кровянистые выделения отрицает", {CHILLS: A, NAUSEA: A, V: A}),
    ("Ноющая боль в пояснице, кровотечение отрицает", {CENTRAL: P, V: A}),
    ("Тошнота, подтекание вод отрицает", {NAUSEA: P, LEAK: A}),
    # pelvic pressure as a note puts it
    ("Ощущение давления в промежности с утра", {PRESSURE: P}),
    ("Чувство, будто что-то выпадает из влагалища", {PRESSURE: P}),
    ("Давления на промежность нет", {PRESSURE: A}),
    ("АД 120/80, живот опустился", {PRESSURE: NP}),
    # the chest by its half or region
    ("Боль в правой половине грудной клетки при дыхании", {CHEST: P}),
    ("Боль в грудном отделе позвоночника", {CHEST: NP}),
    # the neurological examination
    ("Парез правой стопы", {WEAK: P}),
    ("Слабость разгибания большого пальца стопы справа", {WEAK: P}),
    ("Общая слабость, ноги отекают", {WEAK: NP}),
    ("Сила в ногах сохранена, чувствительность сохранена", {WEAK: A}),
    ("Гипестезия по наружной поверхности голени", {NUMB: P}),
    ("Чувствительность в ногах сохранена", {NUMB: A}),
    ("Чувствительность промежности не нарушена", {SADDLE: A}),
    ("Седловидная гипестезия", {SADDLE: P}),
    ("Функции тазовых органов не нарушены", {BLADDER: A}),
    ("Иррадиация по задней поверхности голени", {BELOW: P}),
    ("Боль отдаёт по передней поверхности бедра", {BELOW: NP}),
    ("Ниже колена не иррадиирует", {BELOW: A}),
    ("Сила в стопах 5 баллов", {SEV: None, WEAK: A}),
    ("Парез стопы в 2020 г., сила восстановилась", {WEAK: NP}),
    ("Парез стопы, сила не восстановилась", {WEAK: P}),
    # long-term steroids
    ("Длительно принимает метилпреднизолон", {OSTEO: P}),
    ("Преднизолон однократно в/в", {OSTEO: NP}),
    # a note's heading weeks, a range, a week in the past
    ("Б-ть 33-34 нед., жалобы на боли в пояснице", {GW: 33}),
    ("14 нед. В 9 нед. была угроза, пролечена", {GW: 14}),
    ("3 нед. болит поясница", {GW: None}),
    # a blood test's counts; a clot that is one
    ("ОАК: лейкоциты 14, тромб. 210", {LEUK: NP, CALF: NP}),
    ("лейк. 0-2 в п/з", {LEUK: A}),
    ("лейк. 15-20 в п/з", {LEUK: P}),
    ("тромбоз глубоких вен левой голени", {CALF: P}),
    ("за 2 часа промокли 3 прокладки", {COLD: NP}),
    ("ПИОВ в 5:00", {LEAK: P}),
    ("стреляет по задней поверхности бедра до пятки", {SHOOT: P, BELOW: P}),
]

# Round 2 (written after the second change, before its first run): a note's normal
# tone, movements and urine test; the loin by its side; old swelling; "резко" of an
# examination; a quoted score; a duration after the pain or heading a note's item;
# the history's scope ended by a year's abbreviation; a relative's story over a comma.
AFTER14_2: list[Row] = [
    ("Тонус матки не повышен, шевеления (+)", {HARD: A, MOVES: A}),
    ("Матка в нормотонусе. Шевеления плода ощущает.", {HARD: A, MOVES: A}),
    ("Шевеления плода ощущает слабо со вчерашнего вечера", {MOVES: P}),
    # (expected "not present" when written; the vocabulary's uterus_hard_persistent is
    # "hard, tense or tender to touch", so the reader's "present" is right)
    ("Матка в тонусе, болезненная", {HARD: P}),
    ("ОАМ от 05.12 без патологии", {LEUK: A}),
    ("ОАМ: лейк. 40-50 в п/з", {LEUK: P}),
    ("Боль в левой поясничной области, t 38,2", {FLANK: P, CENTRAL: NP, FEV: P}),
    ("Боль в поясничной области, больше к вечеру", {CENTRAL: P, FLANK: NP}),
    ("Отёки стоп давно, без нарастания", {SWELL: A}),
    ("Резко отекло лицо", {SWELL: P}),
    ("Пальпация паравертебральных точек резко болезненна", {SUD: NP}),
    ("Резко заболела поясница при подъёме", {SUD: P}),
    ("Поясница ноет, «на 6»", {SEV: 6}),
    ("Боль в пояснице 4 недели, ноющая", {DUR: P}),
    ("Боль в пояснице 3 дня, ноющая", {DUR: A}),
    ("2 недели — боль в крестце при ходьбе", {DUR: NP}),
    ("Около двух месяцев — ноющая боль в пояснице", {DUR: P}),
    ("В анамнезе МКБ с 2018 г. Сейчас t 37,0.", {STONES: P, TEMP: 37.0}),
    ("Сестра болела пиелонефритом, у неё была температура 39", {KIDNEY: NP, FEV: NP}),
]

# Round 3 (the brief's last two classes, written after the change): a short
# Latin-typed chill, both legs that swell.
AFTER14_3: list[Row] = [
    ("znob, temperatura 38,7", {L: "ru", CHILLS: P, FEV: P}),
    ("bolit spina, znob", {L: "ru", CHILLS: P}),
    ("Стопы отекают, обе, к вечеру", {SWELL: NP}),
    ("Обе ноги резко отекли со вчера", {SWELL: P}),
    ("Ноги отекли, обе, лицо тоже", {SWELL: P}),
]
