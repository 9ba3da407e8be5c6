"""Russian sentences for session 13: Latin typing, clinical notes, and what is still misread.

Written by helper `ru` BEFORE the reader was changed this session, from the brief's
classes (the lead's words; no blind text, no vignette and no near-miss set was read
while writing them):

- Russian typed in Latin letters, in several schemes ("ya"/"ja", "sh"/"w", "zh",
  "ch"/"4", apostrophes or nothing for the soft sign, Czech-style "š ž č"), mixed with
  Cyrillic words and English loan words; beside them real English messages that must
  stay English (the "language" key: the language the text was read in);
- Russian clinical notation as a midwife or obstetrician writes it («Берем. 32 нед.»,
  «t 38,3», «ЧСС 112», «АД 150/100», «симптом Пастернацкого (+)», «ОАМ: лейкоциты
  20–25 в п/зр», «в анамнезе», «отрицает», «б/о»), with what must not be read (the
  fetal heart rate is not her pulse, a past birth's weeks are not this pregnancy's);
- a relative's or friend's story over two clauses («у сестры было то же самое, её
  положили с пиелонефритом»), with her own findings after it that must still be read
  and someone writing for her;
- lab values stated as normal («лейкоциты в моче в норме», «анализ мочи чистый»),
  with abnormal ones that must still be read;
- sequences with «потом» / «сначала … потом».

``CLASSES13`` was measured before the reader was changed (``bench/ru_classes.py --set
13``); ``AFTER13`` was written after the change and never tuned on.

Rows: (text, expected) as in ``ru_tables.py``; "language" is the language the text
was read in.
"""

from __future__ import annotations

from .ru_tables import NP, A, P, Row

L = "language"
GW, AGE, TEMP, FEV, HR = "gestational_weeks", "maternal_age", "temperature_c", "fever", "heart_rate"
SYS, DIA = "systolic_bp", "diastolic_bp"
CENTRAL, RIGHT, LEFT, FLANK = (
    "pain_lower_back_central", "pain_right_side", "pain_left_side", "pain_flank",
)
SACRUM, PUBIC, LOWABD = "pain_sacrum_buttock", "pain_pubic_symphysis", "pain_lower_abdomen"
DYS, FREQ, BLOODU, CLOUDY, LEUK = (
    "painful_urination", "urinary_frequency_urgency", "blood_in_urine", "cloudy_urine",
    "urinalysis_leukocytes",
)
V, LEAK, DISCH, DINF = "vaginal_bleeding", "fluid_leak", "discharge_change", "discharge_infected"
MOVES, HARD, REG, IRR = (
    "reduced_fetal_movements", "uterus_hard_persistent", "contractions_regular",
    "contractions_irregular",
)
CHILLS, NAUSEA, FAINT = "chills_rigors", "nausea_vomiting", "faint_or_dizzy"
NUMB, BOTH, SADDLE, BLADDER = (
    "leg_numbness_tingling", "both_legs_affected", "saddle_numbness",
    "new_bladder_bowel_dysfunction",
)
HEAD, SWELL, HTN = "severe_headache", "sudden_swelling", "hypertension_in_pregnancy"
TRAUMA, LIFT, BELOW, BUTTOCK = (
    "recent_trauma", "heavy_lifting_or_strain", "radiates_leg_below_knee",
    "radiates_buttock_thigh",
)
REST, NIGHT, DUR, SEV = (
    "pain_relieved_by_rest", "pain_at_night", "pain_duration_over_2_weeks", "pain_severity",
)
SUD, WORSE, CONST, DULL = (
    "pain_onset_sudden", "pain_worsening_over_hours", "pain_constant_unrelieved",
    "pain_dull_aching",
)
KIDNEY, STONES = "history_kidney_infection", "history_kidney_stones"
KTAP = "kidney_tender_on_tapping"
PRETERM, CS, CANCER, TWINS = (
    "previous_preterm_birth", "previous_caesarean", "history_cancer", "multiple_pregnancy",
)
STAIRS, RADLEG = "pain_worse_weight_bearing_one_leg", "radiates_leg_below_knee"

# Russian typed in Latin letters, several schemes; read as Russian.
LATIN: list[Row] = [
    ("u menya bolit poyasnitsa, 32 nedeli, temperatura 38,2",
     {L: "ru", GW: 32, TEMP: 38.2, FEV: P, CENTRAL: P}),
    ("bolit spina sprava, pisat' bol'no", {L: "ru", RIGHT: P, DYS: P}),
    ("shevelitsya malo", {L: "ru", MOVES: P}),
    ("srok 30 nedel, noet pojasnica k vecheru", {L: "ru", GW: 30, CENTRAL: P}),
    ("ja na 34 nedele, zhivot kameneet i ne otpuskaet", {L: "ru", GW: 34, HARD: P}),
    ("devochki, 28 ned, krovit nemnogo i tyanet niz zhivota", {L: "ru", GW: 28, V: P, LOWABD: P}),
    ("temperatura 38.5, znob, bolit pravyj bok", {L: "ru", TEMP: 38.5, FEV: P, CHILLS: P}),
    ("4to delat, bolit poyasnica uzhe 3 nedeli", {L: "ru", DUR: P}),
    ("shvatki kazhdye 5 minut, 36 nedel", {L: "ru", GW: 36, REG: P}),
    ("podtekayut vody, 35 nedel", {L: "ru", GW: 35, LEAK: P}),
    ("nogi nemeyut, obe, i ne mogu pisat'", {L: "ru", NUMB: P, BOTH: P, BLADDER: P}),
    ("onemenie v promezhnosti", {L: "ru", SADDLE: P}),
    ("davlenie 150/100, golova bolit sil'no", {L: "ru", SYS: 150, DIA: 100, HEAD: P}),
    ("s utra toshnota i rvota, pojasnica bolit", {L: "ru", NAUSEA: P}),
    ("bolit vnizu, malysh wevelitsya malo", {L: "ru", MOVES: P}),
    ("krov' v moche i bolit bok", {L: "ru", BLOODU: P}),
    ("pisayu chasto i bol'no", {L: "ru", FREQ: P, DYS: P}),
    ("mocha mutnaya uzhe dva dnya", {L: "ru", CLOUDY: P}),
    ("upala na zhivot vchera, teper' bolit spina", {L: "ru", TRAUMA: P}),
    ("podnyala tyazheloe i prostrelilo v poyasnice", {L: "ru", LIFT: P}),
    ("otdaet v nogu nizhe kolena", {L: "ru", BELOW: P}),
    ("lezhu - legche", {L: "ru", REST: P}),
    ("30 недель, shvatki каждые 10 минут", {L: "ru", GW: 30, REG: P}),
    ("rebenok ne shevelitsya s utra", {L: "ru", MOVES: P}),
    ("ya 33 nedeli, temperatura 39, znobit, toshnit", {L: "ru", GW: 33, TEMP: 39, CHILLS: P,
                                                       NAUSEA: P}),
    ("posle fitnesa bolit poyasnica, 25 nedel", {L: "ru", GW: 25, CENTRAL: P}),
    ("krovyanistye vydeleniya, 30 ned", {L: "ru", GW: 30, V: P}),
    ("temperatury net, krovi net, vody ne tekut", {L: "ru", FEV: A, V: A, LEAK: A}),
    ("ne lihoradit, pisat' ne bol'no", {L: "ru", FEV: A, DYS: A}),
    ("bol' v spine 8 iz 10", {L: "ru", SEV: 8}),
    ("golova kruzhitsya, chut' ne upala v obmorok", {L: "ru", FAINT: P, TRAUMA: NP}),
    ("nochyu bolit sil'nee, ne splyu iz-za spiny", {L: "ru", NIGHT: P}),
    ("mne 38 let, 31 nedelya, tyanet poyasnicu", {L: "ru", AGE: 38, GW: 31, CENTRAL: P}),
    ("dvojnya, 30 nedel', spina otvalivaetsya", {L: "ru", TWINS: P, GW: 30}),
    ("ran'she byl pielonefrit", {L: "ru", KIDNEY: P}),
    ("ranshe byli kamni v pochkah", {L: "ru", STONES: P}),
    ("kesarevo v proshlom, sejchas 37 nedel", {L: "ru", CS: P, GW: 37}),
    ("Ya beremenna 24 nedeli. Bolit krestets, otdaet v yagoditsu", {L: "ru", GW: 24, SACRUM: P}),
    ("bolit lobok, tyazhelo hodit' po lestnice", {L: "ru", PUBIC: P, STAIRS: P}),
    ("pisat bolno i chasto begayu v tualet", {L: "ru", DYS: P, FREQ: P}),
    ("Devochki pomogite!!! 32 nedeli, SIL'NO bolit spina i krov'", {L: "ru", GW: 32, V: P}),
    ("shvatki čerez každye 7 minut, 38 nedel", {L: "ru", GW: 38, REG: P}),
    ("delala stretching, teper' bolit spina sprava", {L: "ru", RIGHT: P}),
    ("na UZI vse ok, no spina bolit uzhe mesyac", {L: "ru", DUR: P}),
    ("zhzhenie pri mocheispuskanii, 29 nedel", {L: "ru", GW: 29, DYS: P}),
]

# Real English messages, some with words that are Russian in Latin letters ("u",
# "ya", "da", "ja", "ne", "no", "to"): they must stay English.
ENGLISH: list[Row] = [
    ("I'm 30 weeks, my lower back aches, no fever", {L: "en", GW: 30, FEV: A}),
    ("Back pain since Monday, 28 weeks, no bleeding", {L: "en", GW: 28, V: A}),
    ("my back is killing me, 32 wks pregnant", {L: "en", GW: 32}),
    ("pain on my right side when I pee, temp 38.2", {L: "en", DYS: P, TEMP: 38.2}),
    ("baby moving less today, 34 weeks", {L: "en", MOVES: P, GW: 34}),
    ("Nina here, 29 weeks, sciatica down my left leg", {L: "en", GW: 29}),
    ("ya know it's been a rough week, back pain 6/10", {L: "en", SEV: 6}),
    ("da pain is bad on my right side", {L: "en", RIGHT: P}),
    ("ok so 31 weeks and my bump goes hard every 5 min", {L: "en", GW: 31}),
    ("contractions every 10 mins, waters not broken", {L: "en", LEAK: A}),
    ("Natasha from Leeds, 26 weeks, pelvic girdle pain", {L: "en", GW: 26}),
    ("no fever no chills no burning when peeing", {L: "en", FEV: A, CHILLS: A, DYS: A}),
    ("I'm Olga, pregnant with twins, 27 weeks, lower back pain", {L: "en", TWINS: P, GW: 27}),
    ("lol my back hurts so much, 20 weeks", {L: "en", GW: 20}),
    ("u no wat, my back hurts at nite, ne1 else?", {L: "en"}),
    ("ja I am from Germany, 30 weeks, back pain", {L: "en", GW: 30}),
    ("ya my back hurts on the right and I feel sick", {L: "en", RIGHT: P, NAUSEA: P}),
    ("Bolton midwife said it's SPD, 22 weeks", {L: "en", GW: 22}),
    ("No pain at night, only when standing long", {L: "en", NIGHT: A}),
    ("tea, rest, hot bath, nothing helps the pain", {L: "en", REST: NP}),
    ("da baby is kicking less, 35 wks", {L: "en", MOVES: P, GW: 35}),
]

# Russian clinical notation.
CLINICAL: list[Row] = [
    ("Берем. 32 нед., жалобы на боли в пояснице справа, t 38,3, ЧСС 112, АД 110/70",
     {GW: 32, TEMP: 38.3, FEV: P, HR: 112, SYS: 110, DIA: 70, RIGHT: P}),
    ("АД 150/100 мм рт.ст.", {SYS: 150, DIA: 100}),
    ("Т-38.3, озноб", {TEMP: 38.3, FEV: P, CHILLS: P}),
    ("t тела 38,6", {TEMP: 38.6, FEV: P}),
    ("Т 37,2", {TEMP: 37.2, FEV: NP}),
    ("ЧСС 118 в мин", {HR: 118}),
    ("пульс 120 уд/мин", {HR: 120}),
    ("Ps 108, АД 100/60", {HR: 108, SYS: 100, DIA: 60}),
    ("Берем. 32 нед. Жалобы на тянущие боли в пояснице", {GW: 32, CENTRAL: P, DULL: P}),
    ("Беременность 32-33 нед.", {GW: 32}),
    ("срок 32 нед, боли в крестце", {GW: 32, SACRUM: P}),
    ("G2P1, берем. 29 нед.", {GW: 29}),
    ("симптом Пастернацкого (+) справа", {KTAP: P}),
    ("симптом Пастернацкого положительный справа", {KTAP: P}),
    ("с-м Пастернацкого положит. с обеих сторон", {KTAP: P}),
    ("Пастернацкий + слева", {KTAP: P}),
    ("симптом поколачивания положительный справа", {KTAP: P}),
    ("симптом Пастернацкого отрицательный с обеих сторон", {KTAP: A}),
    ("с-м Пастернацкого (-)", {KTAP: A}),
    ("ОАМ: лейкоциты 20-25 в п/зр", {LEUK: P}),
    ("ОАМ: лейк. сплошь в п/зр, бактерии ++", {LEUK: P}),
    ("ОАМ: нитриты +", {LEUK: P}),
    ("выделения кровянистые, скудные", {V: P}),
    ("выделения слизистые, умеренные", {V: NP, LEAK: NP}),
    ("выделения светлые, без запаха", {V: NP, LEAK: NP, DINF: NP}),
    ("выделения творожистые, зуд", {DINF: P}),
    ("шевеления плода ощущает хорошо", {MOVES: NP}),
    ("шевеления плода ослаблены со вчерашнего дня", {MOVES: P}),
    ("с/б плода ясное, ритмичное, 140 уд/мин", {HR: None}),
    ("ЧСС плода 150 в мин", {HR: None}),
    ("в анамнезе пиелонефрит", {KIDNEY: P}),
    ("в анамнезе хр. пиелонефрит, МКБ", {KIDNEY: P, STONES: P}),
    ("в анамнезе КС в 2021 г.", {CS: P}),
    ("Берем. 28 нед. В анамнезе преждевременные роды в 32 нед.", {GW: 28, PRETERM: P}),
    ("кровотечение отрицает", {V: A}),
    ("подтекание вод отрицает", {LEAK: A}),
    ("отрицает дизурию", {DYS: A}),
    ("дизурия, учащенное мочеиспускание", {DYS: P, FREQ: P}),
    ("мочеиспускание б/о, стул в норме", {DYS: NP, BLADDER: NP}),
    ("живот мягкий, безболезненный, матка в нормотонусе", {HARD: NP}),
    ("матка в тонусе, не расслабляется между схватками", {HARD: P}),
    ("жалобы на схваткообразные боли внизу живота каждые 5-7 мин", {REG: P, LOWABD: P}),
    ("ЧДД 22, SpO2 97%", {HR: None}),
    ("АД 140/90, отёки лица и кистей", {SYS: 140, DIA: 90, SWELL: P}),
    ("со слов, 2 дня назад упала на улице", {TRAUMA: P}),
    ("отмечает онемение в промежности", {SADDLE: P}),
    ("нарушений мочеиспускания нет", {BLADDER: NP, DYS: NP}),
    ("Берем. 34 нед. Жалоб нет. t 36,6. АД 120/80. Выделения б/о.",
     {GW: 34, TEMP: 36.6, FEV: NP, V: NP, LEAK: NP}),
]

# Someone else's story over two clauses; and her own findings after it (read).
RELATIVE: list[Row] = [
    ("у сестры было то же самое, её положили с пиелонефритом", {KIDNEY: NP}),
    ("у подруги тоже так болела спина, а потом оказалось что камни в почках", {STONES: NP}),
    ("мама рассказывала, у неё были преждевременные роды, родила меня в 32 недели",
     {PRETERM: NP, GW: None}),
    ("у соседки было кровотечение, её увезли на скорой", {V: NP}),
    ("у свекрови онкология, она сейчас лечится", {CANCER: NP}),
    ("сестра рожала в 30 недель, у неё отошли воды", {LEAK: NP, PRETERM: NP, GW: None}),
    ("у подруги была температура 39, её положили в больницу", {FEV: NP, TEMP: None}),
    ("у мужа грипп, он лежит с температурой", {FEV: NP}),
    ("старшая дочка болеет, у неё температура 38", {FEV: NP, TEMP: None}),
    ("подруга рассказала, что у неё так начинались роды, схватки каждые 5 минут", {REG: NP}),
    ("у сестры было то же, в итоге её прокесарили", {CS: NP}),
]
RELATIVE_OWN: list[Row] = [
    ("у сестры был пиелонефрит, а у меня теперь тоже температура 38,5",
     {FEV: P, TEMP: 38.5, KIDNEY: NP}),
    ("у подруги было то же самое, а у меня ещё и кровит", {V: P}),
    ("мама говорит у неё так же было, но у меня вчера ещё воды подтекают", {LEAK: P}),
    ("пишу за сестру: у неё 32 недели, температура 38,7", {GW: 32, TEMP: 38.7, FEV: P}),
    ("у жены температура 38, болит поясница справа", {FEV: P, RIGHT: P}),
    ("у дочки 30 недель, кровит", {GW: 30, V: P}),
    ("у мамы был пиелонефрит, а у меня в анамнезе камни в почках", {STONES: P, KIDNEY: NP}),
]

# Lab values and signs stated as normal; and abnormal ones (read).
NORMAL: list[Row] = [
    ("лейкоциты в моче в норме", {LEUK: NP}),
    ("анализ мочи чистый", {LEUK: NP}),
    ("ОАМ без патологии", {LEUK: NP}),
    ("моча хорошая, сдавала вчера", {LEUK: NP, CLOUDY: NP}),
    ("в моче всё чисто, лейкоцитов нет", {LEUK: NP}),
    ("по анализам всё хорошо, а спина болит", {LEUK: NP}),
    ("лейкоциты 2-3 в п/зр", {LEUK: NP}),
    ("нитриты отрицательные", {LEUK: NP}),
    ("белка и лейкоцитов в моче нет", {LEUK: NP}),
    ("анализ мочи нормальный, но болит бок", {LEUK: NP}),
    ("давление в норме", {SYS: None, HTN: NP}),
    ("давление нормальное, 115/75", {SYS: 115, DIA: 75, HTN: NP}),
    ("температура в норме, 36,6", {FEV: NP, TEMP: 36.6}),
    ("температура нормальная", {FEV: NP}),
    ("лейкоциты в крови в норме, СРБ не повышен", {LEUK: NP, FEV: NP}),
]
NORMAL_ABNORMAL: list[Row] = [
    ("в моче лейкоциты повышены", {LEUK: P}),
    ("лейкоциты в моче 30-40", {LEUK: P}),
    ("в анализе мочи нашли лейкоциты и бактерии", {LEUK: P}),
    ("плохой анализ мочи, лейкоциты", {LEUK: P}),
    ("в моче лейкоциты, врач сказала не норма", {LEUK: P}),
    ("анализ мочи не очень, лейкоциты выше нормы", {LEUK: P}),
    ("нитриты положительные", {LEUK: P}),
    ("лейкоциты в моче были в норме, а теперь 25", {LEUK: P}),
]

# Onset and course told with «потом».
SEQUENCE: list[Row] = [
    ("сначала болело писать, а потом появилась боль в боку и температура",
     {DYS: P, FEV: P}),
    ("сначала болела спина, потом заболел низ живота", {LOWABD: P}),
    ("а потом отдало в ногу до самой стопы", {BELOW: P}),
    ("поднимала сына, а потом спину прихватило", {LIFT: P}),
    ("потом легла и всё прошло", {REST: P}),
    ("началось резко, потом постепенно усиливалось", {SUD: P, WORSE: P}),
    ("сначала ныло пару дней, потом стало постоянно и не проходит", {CONST: P}),
    ("сначала схватки были через 20 минут, потом через 10, потом через 5", {REG: P}),
    ("схватки были через 10 минут, потом через 30, потом совсем прошли", {REG: NP}),
    ("потом схожу к врачу, пока просто тянет поясницу", {CENTRAL: P}),
    ("если не пройдёт, потом поеду в роддом", {REG: NP, V: NP}),
    ("сначала тянуло поясницу, потом потекла вода", {LEAK: P}),
    ("сначала была кровь, потом вроде перестала", {V: P}),
    ("а потом онемела нога", {NUMB: P}),
    ("вчера вечером начало тянуть, а потом ночью стало сильно болеть", {NIGHT: P}),
    ("сначала думала что просто устала, потом поняла что живот каменеет и не отпускает",
     {HARD: P}),
]

CLASSES13: dict[str, tuple[list[Row], list[Row]]] = {
    "latin typing / English stays": (LATIN, ENGLISH),
    "clinical notation": (CLINICAL, []),
    "someone else's story / hers": (RELATIVE, RELATIVE_OWN),
    "stated normal / abnormal": (NORMAL, NORMAL_ABNORMAL),
    "sequences with потом": (SEQUENCE, []),
}

# Written after the reader was changed, and not tuned on: Latin-typed and clinical
# Russian again (new sentences, the same classes), a few English beside them.
AFTER13: list[Row] = [
    ("zdravstvujte, u menja 27 nedel, bolit pojasnica sleva uzhe nedelju",
     {L: "ru", GW: 27, LEFT: P}),
    ("malysh pochti ne shevelitsya so vcherashnego vechera", {L: "ru", MOVES: P}),
    ("temperatura 38,9 i bolit v boku sprava, toshnit", {L: "ru", TEMP: 38.9, FEV: P, NAUSEA: P}),
    ("zhivot tverdyj kazhdye 7 minut, 33 nedeli", {L: "ru", GW: 33, REG: P}),
    ("podtekaet chto-to prozrachnoe, 36 nedel", {L: "ru", GW: 36, LEAK: P}),
    ("ne mogu pisat' s utra, i onemela promezhnost", {L: "ru", BLADDER: P, SADDLE: P}),
    ("davlenie 160 na 110, mushki pered glazami", {L: "ru", SYS: 160, DIA: 110}),
    ("bol'no pisat', mocha mutnaya, temperatury net", {L: "ru", DYS: P, CLOUDY: P, FEV: A}),
    ("krovi net, vody ne otoshli, shvatok net", {L: "ru", V: A, LEAK: A}),
    ("spina bolit 2 nedeli, nochyu huzhe", {L: "ru", NIGHT: P}),
    ("ya beremenna dvojnej, 29 nedel, tjanet krestets", {L: "ru", TWINS: P, GW: 29, SACRUM: P}),
    ("upala s lestnicy, udarilas' zhivotom, 31 nedelya", {L: "ru", TRAUMA: P, GW: 31}),
    ("bolit lobok kogda hozhu, osobenno po lestnice", {L: "ru", PUBIC: P}),
    ("4uvstvuyu sebya ploho, znobit, 38", {L: "ru", CHILLS: P}),
    ("ran'she lechila pielonefrit, sejchas opyat' bolit bok", {L: "ru", KIDNEY: P}),
    ("my back hurts so bad, 30 weeks, no bleeding at all", {L: "en", GW: 30, V: A}),
    ("da ya know, baby is quiet today, 32 weeks", {L: "en", GW: 32}),
    ("net pain, just tired lol", {L: "en"}),
    ("Берем. 30 нед. Жалобы на боли в пояснице слева, t 37,1, АД 115/75, ЧСС 84",
     {GW: 30, TEMP: 37.1, FEV: NP, SYS: 115, DIA: 75, HR: 84, LEFT: P}),
    ("Беременность 35-36 нед. Т 38,4. Симптом Пастернацкого положительный слева.",
     {GW: 35, TEMP: 38.4, FEV: P, KTAP: P}),
    ("С-м поколачивания отрицательный с обеих сторон", {KTAP: A}),
    ("ОАМ: лейкоциты 15-20 в п/зр, нитриты +", {LEUK: P}),
    ("ОАМ: лейк. 1-3 в п/зр, белок отр.", {LEUK: NP}),
    ("Выделения кровянистые, умеренные. Кровотечение не отрицает.", {V: P}),
    ("Подтекание околоплодных вод отрицает. Шевеления плода ощущает.", {LEAK: A, MOVES: NP}),
    ("Жалуется на ослабление шевелений плода в течение суток", {MOVES: P}),
    ("ЧСС 124 уд/мин, АД 90/60, кожа бледная", {HR: 124, SYS: 90, DIA: 60}),
    ("Сердцебиение плода 148 уд/мин, ритмичное", {HR: None}),
    ("В анамнезе: хр. пиелонефрит, обострение в 20 нед.", {KIDNEY: P}),
    ("Дизурию отрицает. Стул регулярный.", {DYS: A}),
    ("Матка возбудима, схватки через 3-4 мин по 40 сек", {REG: P}),
    ("Матка в нормотонусе, безболезненна при пальпации", {HARD: NP}),
    ("у свекрови была онкология, она умерла", {CANCER: NP}),
    ("у мамы был пиелонефрит, а у меня сейчас температура 38,3",
     {KIDNEY: NP, FEV: P, TEMP: 38.3}),
    ("брат болеет, у него температура 39", {FEV: NP, TEMP: None}),
    ("анализ мочи хороший, лейкоциты в норме", {LEUK: NP}),
    ("в моче нашли нитриты и лейкоциты 40", {LEUK: P}),
    ("сначала тянуло внизу живота, потом стало больно писать", {LOWABD: P, DYS: P}),
    ("сначала прихватило резко, а потом отпустило, когда легла", {SUD: P, REST: P}),
]
