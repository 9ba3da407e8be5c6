"""Russian sentences for session 15: women's own messages as a messenger carries them.

Written by helper `narrru` BEFORE the reader was changed this session and before the
phrase file was opened for it, from the brief's classes (the lead's words; no blind
text and no vignette was read while writing them):

- emergencies said in everyday words («кровит», «воды подтекают», «малыш затих»,
  «живот как камень», «в глазах потемнело»);
- diminutives, slang and typos, and Latin letters that look like Cyrillic ones typed
  inside a Russian word («нe болит» with a Latin "e", «крoвь» with a Latin "o");
- Russian typed in Latin letters;
- denials said loosely («крови нет», «не тянет», «вроде не», «ни разу не»);
- someone else's symptoms (a husband's, a child's, a friend's fever) and hers after;
- what was and is over (a bleed at an earlier week of this pregnancy, a value that was
  normal and now is not, a pain begun by a sneeze told with a dash).

``CLASSES15`` was measured before the reader was changed (``bench/ru_classes.py --set
15``); ``AFTER15`` was written after the change and never tuned on.

Rows: (text, expected) as in ``ru_tables.py``.
"""

from __future__ import annotations

from .ru_tables import NP, A, P, Row

GW, TEMP, FEV, CHILLS = "gestational_weeks", "temperature_c", "fever", "chills_rigors"
V, HEAVY, LEAK, MOVES = (
    "vaginal_bleeding", "heavy_vaginal_bleeding", "fluid_leak", "reduced_fetal_movements",
)
HARD, REG, FAINT, BREATH = (
    "uterus_hard_persistent", "contractions_regular", "faint_or_dizzy",
    "pain_worse_breathing_in",
)
SUD, MOVE, LEUK, DYS = (
    "pain_onset_sudden", "pain_worse_with_movement", "urinalysis_leukocytes",
    "painful_urination",
)
BOTH, SADDLE, BLADDER, HEAD = (
    "both_legs_affected", "saddle_numbness", "new_bladder_bowel_dysfunction",
    "severe_headache",
)
CENTRAL, DULL, SYS = "pain_lower_back_central", "pain_dull_aching", "systolic_bp"

EVERYDAY: list[Row] = [
    ("кровит с утра, прокладку поменяла уже", {V: P}),
    ("пошла кровь алая, 32 недели", {V: P}),
    ("трусы мокрые, подтекает водичка прозрачная", {LEAK: P}),
    ("малыш со вчера затих, почти не пинается", {MOVES: P}),
    ("живот как камень и не отпускает", {HARD: P}),
    ("в глазах потемнело и чуть не упала", {FAINT: P}),
    ("обе ноги онемели", {BOTH: P}),
    ("не могу пописать с утра, хотя хочу", {BLADDER: P}),
    ("башка раскалывается", {HEAD: P}),
    ("температурка 38,2 и трясёт", {FEV: P, TEMP: 38.2, CHILLS: P}),
]
EVERYDAY_NEAR: list[Row] = [
    ("кровь из носа шла утром", {V: NP}),
    ("водичку пью много", {LEAK: NP}),
    ("в глазах не темнеет", {FAINT: NP}),
    ("у малыша всё как обычно, пинается", {MOVES: NP}),
    ("живот мягкий, не каменеет", {HARD: NP}),
]

TYPING: list[Row] = [
    # Latin letters that look like Cyrillic ones, typed inside a Russian word
    ("на вдохе нe болит, поясница ноет", {BREATH: A, CENTRAL: P}),
    ("крoвь на прокладке", {V: P}),
    ("крови нeт, воды не подтекают", {V: A, LEAK: A}),
    ("темпеpатуpа 38,5", {TEMP: 38.5, FEV: P}),
    ("поясница нoет третий день", {CENTRAL: P, DULL: P}),
    ("спинка болит, животик не тянет", {CENTRAL: P}),
    ("паясница ноит", {CENTRAL: P}),
    ("srok 30 nedel, krov ne idet", {GW: 30, V: A}),
    ("temperatura 38 i znobit", {TEMP: 38, FEV: P, CHILLS: P}),
]
TYPING_NEAR: list[Row] = [
    # an English word in a Russian message stays as typed, nothing read from it
    ("у меня dr appointment завтра, поясница ноет", {CENTRAL: P, V: NP}),
    ("ok, крови нет", {V: A}),
]

DENIALS: list[Row] = [
    ("крови нет, воды не отходили", {V: A, LEAK: A}),
    ("живот не тянет, не каменеет", {HARD: A}),
    ("температуры вроде нет", {FEV: None}),
    ("ни разу не было крови", {V: A}),
    ("писать не больно", {DYS: A}),
    ("шевелится как обычно, активно", {MOVES: A}),
    ("кровянки никакой", {V: A}),
    ("в глазах не мушки, просто голова побаливает", {HEAD: NP}),
]
DENIALS_NEAR: list[Row] = [
    # a denial of another thing must not take the red flag with it
    ("крови нет, но воды подтекают", {V: A, LEAK: P}),
    ("температуры нет, а писать больно", {FEV: A, DYS: P}),
    ("не знаю, кровь или нет, что-то коричневое мажет", {V: NP}),
]

SOMEONE: list[Row] = [
    ("Муж болеет ОРВИ, t 38", {FEV: NP}),
    ("муж заболел, у него температура 39", {FEV: NP, TEMP: None}),
    ("сын простыл, температура 38,5 была ночью", {FEV: NP}),
    ("у мамы давление 160 было", {SYS: None}),
    ("подруга лежала с пиелонефритом, температура 39 была, трясло. у меня температуры нет",
     {FEV: A, CHILLS: NP}),
    ("у сестры на 30 неделе пошла кровь", {V: NP}),
]
SOMEONE_OWN: list[Row] = [
    # her own after someone else's
    ("муж болеет, а у меня теперь тоже температура 38", {FEV: P}),
    ("дочка болеет, и я заразилась, температура 38,4", {FEV: P}),
    ("у мужа всё хорошо, а у меня кровит", {V: P}),
]

PAST: list[Row] = [
    ("В 7 нед. были мажущие выделения, к 8 нед. прекратились. Сейчас 30 нед., крови нет",
     {V: A, GW: 30}),
    ("в первом триместре была кровь, сейчас 28 недель, всё чисто", {V: NP, GW: 28}),
    ("лейкоциты в моче были в норме, а теперь 25", {LEUK: P}),
    ("чихнула — и прострелило поясницу", {SUD: P}),
    ("при чихании — резкая боль в пояснице", {SUD: P}),
    ("кашлянула — и боль в спине", {SUD: P}),
    ("температура была на прошлой неделе, сейчас нет", {FEV: NP}),
]
PAST_NEAR: list[Row] = [
    # now, not the past: a bleed at her current week
    ("на 34 неделе пошла кровь, сейчас 34 нед.", {V: P}),
    ("чихаю и болит поясница", {SUD: NP}),
    ("при кашле болит поясница", {SUD: NP}),
    ("лейкоциты в моче в норме", {LEUK: NP}),
]

CLASSES15: dict[str, tuple[list[Row], list[Row]]] = {
    "emergencies in everyday words": (EVERYDAY, EVERYDAY_NEAR),
    "typing: look-alike letters, slips": (TYPING, TYPING_NEAR),
    "denials said loosely": (DENIALS, DENIALS_NEAR),
    "someone else's symptoms": (SOMEONE, SOMEONE_OWN),
    "past and over": (PAST, PAST_NEAR),
}

SUD_, HEAVYLIFT = SUD, "heavy_lifting_or_strain"
THIGH, BELOW, COUGHB, JAUND, DYSP = (
    "radiates_buttock_thigh", "radiates_leg_below_knee", "coughing_blood", "jaundice",
    "shortness_of_breath",
)

# written after the change, never tuned on (3 of 22 wrong on the first run: an angle
# said «угол», fixed since; a mother-in-law's «у неё жар» in the present, kept)
AFTER15: list[Row] = [
    ("папа заболел, температура 38,6", {FEV: NP}),
    ("свекровь болеет, у неё жар и кашель", {FEV: NP}),
    ("муж простыл, а у меня поясница болит и 38,1", {FEV: P, TEMP: 38.1}),
    # someone writing for her sister gives her weeks: the sister is the patient
    ("сестра на 30 неделе, болеет, температура 38", {FEV: P}),
    ("нe тянет живот, крoви нет", {V: A}),
    ("пoясница бoлит 3 дня", {CENTRAL: P}),
    ("СРОК 30 НЕД, КРOВИ НЕТ", {GW: 30, V: A}),
    ("iPhone-ом сфоткала, болит спина", {CENTRAL: P}),
    ("подняла пакеты – и прострелило поясницу", {SUD_: P, HEAVYLIFT: P}),
    ("Две недели назад при подъёме сумки — боль в пояснице", {SUD_: P}),
    ("при наклоне — боль в пояснице", {SUD_: NP, MOVE: P}),
    ("в 10 недель была кровь, сейчас 25 недель, всё чисто", {V: NP, GW: 25}),
    ("на 25 неделе мазало, сейчас 26 недель", {V: P, GW: 26}),
    ("Сейчас 38,2.", {TEMP: 38.2, FEV: P}),
    ("Вес 38,4.", {TEMP: None}),
    ("угол 40°, боль при подъеме ноги", {TEMP: None}),
    ("ноги мазала кремом от растяжек", {V: NP}),
    ("отдает до колена", {THIGH: P, BELOW: NP}),
    ("отдает ниже колена", {BELOW: P}),
    ("в мокроте кровь", {COUGHB: P, V: NP}),
    ("иктеричность кожи", {JAUND: P}),
    ("дышать тяжело, давит в груди", {DYSP: P}),
]

TEMPR, SHOULDER, SHARP, TRAUMA, COLD, VISION = (
    TEMP, "shoulder_tip_pain", "pain_sharp", "recent_trauma", "cold_exposure",
    "visual_disturbance",
)

# written after the second round (ru-voice-dev's classes: a rise to a number, a
# simile of a stab, the shoulder before its verb, "без" beside a clause of its own,
# a count in the usual range, an idiom of pain, an ointment, an angle), never tuned
# on: 3 of 24 wrong on the first run («в левое плечо отдаёт», «как будто кинжалом
# ударили в спину» read as a blow, «без обуви и простыла» denying the cold), fixed since
AFTER15_2: list[Row] = [
    ("вечером поднялась 37,9 и знобит", {TEMPR: 37.9, CHILLS: P}),
    ("температура подскочила до 39", {TEMPR: 39, FEV: P}),
    ("сахар поднялся 7,8", {TEMPR: None}),
    ("давление поднялось до 140", {TEMPR: None}),
    ("как ножом режет в пояснице", {SHARP: P, CENTRAL: P}),
    ("вдруг как будто кинжалом ударили в спину", {SUD: P, TRAUMA: NP}),
    ("муж ударил меня в живот", {TRAUMA: P}),
    ("боль отдаёт в левое плечо", {SHOULDER: P}),
    ("без мужа тяжело, а сегодня ещё и заболела поясница", {CENTRAL: P}),
    ("ходила без обуви и простыла", {COLD: P}),
    ("лейкоциты 0-1, белок отр.", {LEUK: A}),
    ("лейкоциты 4-6", {LEUK: P}),
    ("лейкоциты 1-2, но бактерии много", {LEUK: P}),
    ("Сдала ОАМ - лейкоциты 10-15, нитриты есть", {LEUK: P}),
    ("когда чихаю искры из глаз", {VISION: NP}),
    ("искры перед глазами", {VISION: P}),
    ("мазала живот маслом от растяжек", {V: NP}),
    ("мажет коричневым с утра", {V: P}),
    ("С-м Ласега (+) 45°", {TEMPR: None}),
    ("t 39°", {TEMPR: 39, FEV: P}),
    ("боль до колена по задней поверхности бедра", {THIGH: P, BELOW: NP}),
    ("сын заболел, кровь идет с утра", {V: P}),
    ("муж говорит, я заболела, температура 38", {FEV: P}),
    ("подруга на 29 неделе лежала в больнице с пиелонефритом, температура под 39 была",
     {FEV: NP}),
]

NIGHT, CONST, TEAR, LONG, SADDLE_ = (
    "pain_at_night", "pain_constant_unrelieved", "pain_tearing",
    "pain_worse_standing_sitting_long", SADDLE,
)

# the third round (sleepless at night beside the pain, no position eases it, «как ни» is
# no denial, a tearing pain a note says she does not call so, «лейк. 2–3» with no field,
# «при долгом стоянии» («долгом» first read as the noun «долг»), the bladder not felt, a
# note's «аногенитальная зона»), written after it
AFTER15_3: list[Row] = [
    ("неделю болит поясница, ночью не могу уснуть от неё", {NIGHT: P}),
    ("ночью не могу уснуть, малыш пинается", {NIGHT: NP, MOVES: NP}),
    ("поясница ноет, как ни повернусь", {CONST: P, MOVE: P}),
    ("как ни ляг, всё неудобно, живот большой", {CONST: NP}),
    ("Рвущей боль не называет.", {TEAR: A, "nausea_vomiting": NP}),
    ("рвущая боль в спине", {TEAR: P}),
    ("ОАМ: лейк. 2–3, эритроциты 0–1", {LEUK: A}),
    ("лейк. 20–25", {LEUK: P}),
    ("боли усиливаются при долгом стоянии", {LONG: P}),
    ("в туалет хочу, а не чувствую, когда идёт моча", {BLADDER: P}),
    ("не чувствую, как идёт время", {BLADDER: NP}),
    ("Чувствительность в перианальной зоне сохранена.", {SADDLE_: A}),
    ("не чувствую, как он пинается", {MOVES: P}),
]

