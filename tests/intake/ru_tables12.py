"""Russian sentences for session 12: denials read as findings, and what is still missed.

Written by helper `ru` BEFORE the reader was changed this session and before the
phrase file was opened, from the brief's classes (the lead's words, not the blind
narratives: no blind text, no vignette and no near-miss set was read while
writing them), in messenger style: no capitals, run-on commas, slang, typos,
abbreviations, Latin typing, a husband or mother writing for her.

- a denial in a list of reassurances read as the finding («малыш пинается
  нормально», «живот не каменеет», «давления внизу нет», «кровянки нет», «с одного
  боку не болит», «ноги обе нормально двигаются», «онкологии никогда не было», «не
  так чтобы волнами»), each with the true statements that must STILL be read («не
  шевелится с утра», «живот каменный и не отпускает»);
- irregular tightenings («то через 10 минут, то через 40», «без всякой системы»)
  as occasional ones, not regular contractions nor a belly that stays hard, with
  regular ones that must stay regular («схватки каждые 5 минут»);
- someone else's event («подруга родила раньше срока из-за схваток»);
- relief missed, so the pain read as constant and unrelieved («в тёплой ванне
  отпускает», «присяду — всё», «лежу не шевелюсь — не болит»);
- what is under-read: over two weeks through a past event or a shorthand, a
  sudden onset told by the moment («чихнула и что-то хрустнуло»), past injecting
  («кололась»), a temperature alone at the end («…, 38,4»), chest pain on a
  breath («колет в груди при вдохе»).

``CLASSES12`` was measured before the reader was changed (``bench/ru_classes.py
--set 12``); ``AFTER12`` was written after the change and never tuned on.

Rows: (text, expected) as in ``ru_tables.py``: "present", "absent", a number,
None (nothing stated) or "not present" (absent or unstated).
"""

from __future__ import annotations

from .ru_tables import NP, A, P, Row

MOVES, HARD, PRESS = "reduced_fetal_movements", "uterus_hard_persistent", "pelvic_pressure"
V, ONE, BOTH = "vaginal_bleeding", "pain_one_side", "both_legs_affected"
CANCER, WAVES, LEAK = "history_cancer", "pain_colicky_waves", "fluid_leak"
REG, IRR = "contractions_regular", "contractions_irregular"
REST, CONST = "pain_relieved_by_rest", "pain_constant_unrelieved"
DUR, SUD = "pain_duration_over_2_weeks", "pain_onset_sudden"
IVDU = "immunosuppressed_or_iv_drug_use"
FEV, TEMP, CHEST = "fever", "temperature_c", "chest_pain"
PRETERM, MISC, NUMB = "previous_preterm_birth", "previous_miscarriage", "leg_numbness_tingling"
PUBIC, SACRUM, SEV = "pain_pubic_symphysis", "pain_sacrum_buttock", "pain_severity"
TRAUMA = "recent_trauma"

# A reassurance in a list («пинается нормально, живот мягкий»): not the finding.
REASSURE: list[Row] = [
    ("малыш пинается нормально, шевелится хорошо, активный", {MOVES: NP}),
    ("спина болит, а так всё ок: пинается как обычно, живот мягкий", {MOVES: NP, HARD: NP}),
    ("ребенок шевелится хорошо, даже слишком активно", {MOVES: NP}),
    ("шевеления хорошие, активные", {MOVES: NP}),
    ("малая толкается вовсю", {MOVES: NP}),
    ("пинается нормально, кровянки нет, воды не подтекают", {MOVES: NP, V: A, LEAK: A}),
    ("малыш активный, по ночам особенно", {MOVES: NP}),
    ("шевелится как всегда", {MOVES: NP}),
    ("ребёнок двигается нормально", {MOVES: NP}),
    ("pinaetsya normalno, shevelitsya horosho", {MOVES: NP}),
    ("пишу за жену: малыш шевелится хорошо, активный, а спина болит", {MOVES: NP}),
    ("шевеления чувствую хорошо", {MOVES: NP}),
    ("по шевелениям всё норм", {MOVES: NP}),
    ("живот не каменеет, мягкий", {HARD: NP}),
    ("живот не каменеет и не твердеет", {HARD: NP}),
    ("живот мягкий, не напрягается", {HARD: NP}),
    ("тонуса нет, живот не каменеет, схваток нет", {HARD: NP, REG: A}),
    ("живот не каменеет, только спина болит", {HARD: NP}),
    ("живот не твердый", {HARD: NP}),
    ("живот не каменный, спокойный", {HARD: NP}),
    ("давления внизу нет", {PRESS: A}),
    ("на низ не давит", {PRESS: A}),
    ("ничего вниз не давит, просто поясница", {PRESS: NP}),
    ("ощущения давления на низ нету", {PRESS: NP}),
    ("внизу ничего не давит и не распирает", {PRESS: NP}),
    ("на промежность не давит", {PRESS: NP}),
    ("кровянки нет", {V: A}),
    ("крови не видно", {V: A}),
    ("кровян. нет", {V: A}),
    ("кровянистых нет", {V: A}),
    ("на прокладке чисто, крови не видно", {V: A}),
    ("мазни нет, кровянки нет", {V: A}),
    ("krovi net", {V: A}),
    ("крови на белье не видно", {V: A}),
    ("не кровит", {V: A}),
    ("крови никакой", {V: A}),
    ("выделения обычные, без крови", {V: NP}),
    ("с одного боку не болит, болит по центру", {ONE: NP}),
    ("с одной стороны не болит, вся поясница", {ONE: NP}),
    ("не с одной стороны, а вся поясница ноет", {ONE: NP}),
    ("болит не сбоку, а посередине", {ONE: NP}),
    ("не с одного боку", {ONE: NP}),
    ("сбоку не болит", {ONE: NP}),
    ("ноги обе нормально двигаются, левая не болит", {BOTH: NP}),
    ("обе ноги в порядке, не немеют", {BOTH: NP}),
    ("ноги обе чувствую хорошо", {BOTH: NP}),
    ("ни левая, ни правая нога не болят", {BOTH: NP}),
    ("в обе ноги не отдаёт", {BOTH: NP}),
    ("обе ноги двигаются нормально", {BOTH: NP}),
    ("онкологии никогда не было", {CANCER: A}),
    ("онкологии нет", {CANCER: A}),
    ("никакой онкологии", {CANCER: A}),
    ("онкологией не болела", {CANCER: A}),
    ("онкология была у мамы, у меня нет", {CANCER: NP}),
    ("опухолей не находили", {CANCER: NP}),
    ("не так чтобы волнами, просто ноет", {WAVES: NP}),
    ("не волнами, а постоянно", {WAVES: NP}),
    ("боль не накатывает, просто ноет", {WAVES: NP}),
    ("волнами не идет", {WAVES: NP}),
]
# The true statements that must still be read.
REASSURE_TRUE: list[Row] = [
    ("не шевелится с утра", {MOVES: P}),
    ("малыш сегодня почти не шевелится", {MOVES: P}),
    ("шевелится меньше чем обычно", {MOVES: P}),
    ("с вечера не чувствую шевелений", {MOVES: P}),
    ("пинается слабее, чем вчера", {MOVES: P}),
    ("раньше был активный, а сегодня затих", {MOVES: P}),
    ("живот каменный и не отпускает", {HARD: P}),
    ("живот твёрдый всё время, даже между схватками", {HARD: P}),
    ("живот как камень уже час и болит", {HARD: P}),
    ("живот стал твердый и не расслабляется", {HARD: P}),
    ("давит вниз, как будто ребёнок выходит", {PRESS: P}),
    ("сильно давит на низ", {PRESS: P}),
    ("ощущение, что внизу давит на промежность", {PRESS: P}),
    ("мажет кровью с утра", {V: P}),
    ("кровянка на прокладке", {V: P}),
    ("кровит немного, алая кровь", {V: P}),
    ("болит только с одного боку, справа", {ONE: P}),
    ("болит с одной стороны, слева", {ONE: P}),
    ("немеют обе ноги", {BOTH: P}),
    ("отдаёт в обе ноги", {BOTH: P}),
    ("обе ноги как ватные", {BOTH: P}),
    ("в 2019 лечилась от рака груди", {CANCER: P}),
    ("была онкология, лимфома, сейчас ремиссия", {CANCER: P}),
    ("накатывает волнами, не могу найти положение", {WAVES: P}),
    ("боль волнами, очень сильная", {WAVES: P}),
]

# Irregular tightenings: occasional ones, not labour nor a belly that stays hard.
IRREGULAR: list[Row] = [
    ("твердеет то через 10 минут, то через 40", {IRR: P, REG: NP, HARD: NP}),
    ("живот каменеет без всякой системы", {IRR: P, REG: NP, HARD: NP}),
    ("живот твердеет не по порядку, то часто то редко", {IRR: P, REG: NP, HARD: NP}),
    ("живот напрягается раз в полчаса, потом час ничего", {IRR: P, REG: NP, HARD: NP}),
    ("тянет живот и твердеет иногда, нерегулярно", {IRR: P, REG: NP}),
    ("тренировочные схватки, то есть, то нет", {IRR: P, REG: NP}),
    ("живот каменеет пару раз за вечер, в тёплом душе проходит", {IRR: P, REG: NP, HARD: NP}),
    ("напрягается живот, если лечь на левый бок — отпускает", {IRR: P, REG: NP, HARD: NP}),
    ("каменеет живот когда как, то через 15 мин, то через час", {IRR: P, REG: NP}),
    ("живот твердеет неравномерно, интервалы разные", {IRR: P, REG: NP}),
    ("тонус бывает, редко, без системы", {IRR: P, REG: NP, HARD: NP}),
    ("схватки ложные, не регулярные", {IRR: P, REG: NP}),
    ("потягивает и живот твердеет, но не регулярно и не усиливается", {IRR: P, REG: NP}),
    ("живот каменеет раз в час-два", {IRR: P, REG: NP}),
    ("живот каменеет, интервалы скачут: 10, 25, 40 минут", {IRR: P, REG: NP}),
    ("zhivot kameneet to cherez 10 minut to cherez 40", {IRR: P, REG: NP}),
    ("пишу за жену: живот напрягается иногда, непонятно через сколько", {IRR: P, REG: NP}),
    ("схватки какие-то, но без периодичности", {IRR: P, REG: NP}),
    ("каменеет живот, полежу на боку и всё", {IRR: P, HARD: NP}),
    ("живот твердеет то через 20 минут то через час, приняла душ и прошло",
     {IRR: P, REG: NP, HARD: NP}),
]
IRREGULAR_TRUE: list[Row] = [
    ("схватки каждые 5 минут", {REG: P}),
    ("живот каменеет каждые 7-8 минут, уже два часа", {REG: P}),
    ("схватки регулярные, через 10 минут, усиливаются", {REG: P}),
    ("схватки через каждые 4 минуты и всё сильнее", {REG: P}),
    ("живот твердеет каждые 10 минут ровно", {REG: P}),
    ("схватки стали чаще: было 15 минут, теперь 6", {REG: P}),
    ("живот каменный и не отпускает, болит постоянно", {HARD: P}),
]

# Someone else's event: not hers.
OTHERS: list[Row] = [
    ("подруга родила раньше срока из-за схваток", {REG: NP, PRETERM: NP}),
    ("у сестры были схватки на 30 неделе, а у меня просто спина болит", {REG: NP}),
    ("мама говорит, у неё тоже кровило при беременности", {V: NP}),
    ("соседка рассказывала, что у неё отошли воды на 35 неделе", {LEAK: NP}),
    ("у подруги был рак, я переживаю", {CANCER: NP}),
    ("подружка рожала с температурой", {FEV: NP}),
    ("коллега в 33 недели попала в роддом со схватками", {REG: NP}),
    ("по телевизору показывали про отслойку с кровотечением", {V: NP}),
    ("у дочки был грипп с высокой температурой", {FEV: NP}),
    ("свекровь сказала, что у неё тоже ноги немели", {NUMB: NP}),
    ("девочки на форуме пишут, что у них живот каменеет", {HARD: NP, REG: NP}),
    ("знакомая потеряла ребёнка на 20 неделе", {MISC: NP}),
    ("у подруги отслойка была и кровотечение, я боюсь", {V: NP}),
]
OTHERS_TRUE: list[Row] = [
    ("подруга отвезла меня в роддом, у меня кровит", {V: P}),
    ("муж говорит, у меня температура 38", {FEV: P}),
    ("сестра рожала раньше срока, а у меня сейчас схватки каждые 5 минут", {REG: P}),
]

# Relief she tells: a pain that eases is not constant and unrelieved.
RELIEF: list[Row] = [
    ("в тёплой ванне отпускает", {CONST: NP}),
    ("присяду — всё", {REST: P, CONST: NP}),
    ("лягу — проходит", {REST: P, CONST: NP}),
    ("лежу не шевелюсь — не болит", {REST: P, CONST: NP}),
    ("ноет постоянно, но присяду — и проходит", {REST: P, CONST: NP}),
    ("болит целый день, лягу - отпускает", {REST: P, CONST: NP}),
    ("постоянно тянет, в душе тёплом легче", {CONST: NP}),
    ("всё время ноет, на боку полежу — полегче", {REST: P, CONST: NP}),
    ("если сяду, то почти не болит", {REST: P}),
    ("прилегла и отошло", {REST: P}),
    ("стоит прилечь и всё, боль уходит", {REST: P}),
    ("в кровати не болит вообще", {REST: P}),
    ("как лягу, так легче", {REST: P}),
    ("спина болит не переставая, но лежа легче", {REST: P, CONST: NP}),
    ("сяду и всё, не болит", {REST: P, CONST: NP}),
]
RELIEF_TRUE: list[Row] = [
    ("болит постоянно, ни лёжа ни сидя не проходит", {REST: A}),
    ("ничего не помогает, ни ванна, ни лежать", {REST: A}),
    ("болит не переставая, лечь не помогает", {REST: A}),
]

# A mild pubic or sacral ache that passes on sitting.
MILD: list[Row] = [
    ("лобок побаливает, на 2 из 10, сяду — проходит", {PUBIC: P, REST: P, SEV: 2}),
    ("крестец ноет слегка, 2/10, посижу и проходит", {SACRUM: P, REST: P, SEV: 2}),
    ("в области лобка ноет, терпимо, присяду и отпускает", {PUBIC: P, REST: P}),
]

# Over two weeks through a past event or a shorthand.
DURATION: list[Row] = [
    ("три недели назад сорвала спину, до сих пор болит", {DUR: P}),
    ("прошло уже 2,5 недели, а поясница всё болит", {DUR: P}),
    ("болит 2 нед+", {DUR: P}),
    ("месяц назад потянула спину и с тех пор ноет", {DUR: P}),
    ("поясница ноет где-то 3 нед", {DUR: P}),
    ("больше двух недель болит", {DUR: P}),
    ("упала на льду недели три назад, всё болит до сих пор", {DUR: P}),
    ("уже 16 дней болит поясница", {DUR: P}),
    ("третью неделю мучаюсь со спиной", {DUR: P}),
    ("две с половиной недели уже болит", {DUR: P}),
    ("болит 2,5 нед", {DUR: P}),
    ("почти месяц болит спина", {DUR: P}),
    ("недели 3 назад подняла сына и спину прихватило, так и не прошло", {DUR: P}),
    ("bolit spina uzhe 3 nedeli", {DUR: P}),
]
DURATION_NEAR: list[Row] = [
    ("три недели назад была у врача, спина болит со вчера", {DUR: NP}),
    ("неделю назад заболела спина", {DUR: A}),
    ("болит дней 5", {DUR: A}),
    ("2 недели назад делала узи, всё хорошо, а спина заболела позавчера", {DUR: NP}),
]

# A sudden onset told by the moment.
SUDDEN: list[Row] = [
    ("чихнула и что-то хрустнуло, резкая боль", {SUD: P}),
    ("нагнулась — и резкая боль", {SUD: P}),
    ("встала с кровати и вдруг как стрельнёт в пояснице", {SUD: P}),
    ("резко заболело, когда поднимала пакет", {SUD: P}),
    ("потянулась за чашкой и резкая боль в спине", {SUD: P}),
    ("кашлянула — и резко прострелило", {SUD: P}),
    ("повернулась и резануло в спину, внезапно", {SUD: P}),
    ("всё было нормально и тут резкая боль справа", {SUD: P}),
]
SUDDEN_NEAR: list[Row] = [
    ("боль нарастала постепенно, за неделю", {SUD: NP}),
    ("резкой боли не было, просто ноет", {SUD: NP}),
    ("резкая боль при нагибании", {SUD: NP}),
    ("иногда резко кольнёт, но быстро проходит", {SUD: NP}),
]

# Injecting, past or present.
IV: list[Row] = [
    ("раньше кололась, сейчас нет", {IVDU: P}),
    ("в молодости кололась героином", {IVDU: P}),
    ("употребляла внутривенно, уже 5 лет чистая", {IVDU: P}),
    ("была наркоманкой, кололась", {IVDU: P}),
]
IV_NEAR: list[Row] = [
    ("кололась прогестероном в первом триместре", {IVDU: NP}),
    ("кололи витамины", {IVDU: NP}),
    ("колется в боку", {IVDU: NP}),
    ("колола фраксипарин", {IVDU: NP}),
]

# A temperature alone at the end of a message.
TEMPERATURE: list[Row] = [
    ("болит поясница справа, знобит. 38,4", {FEV: P, TEMP: 38.4}),
    ("спина справа болит, писать больно, 38,4", {TEMP: 38.4}),
    ("тошнит, слабость, 38,4", {TEMP: 38.4}),
    ("поясница и бок болят второй день. 38,4", {TEMP: 38.4, FEV: P}),
    ("вчера было 37,2, сегодня 38,4", {TEMP: 38.4}),
]
TEMPERATURE_NEAR: list[Row] = [
    ("срок 38, болит 4 дня", {TEMP: None}),
    ("болит спина на 8 из 10", {TEMP: None}),
]

# Chest pain on a breath.
CHEST_PAIN: list[Row] = [
    ("колет в груди при вдохе", {CHEST: P}),
    ("больно в груди, когда вдыхаю", {CHEST: P}),
    ("при глубоком вдохе колет в груди", {CHEST: P}),
    ("покалывает в грудной клетке при дыхании", {CHEST: P}),
    ("в груди колет и одышка", {CHEST: P}),
]
CHEST_NEAR: list[Row] = [
    ("грудь болит, набухла", {CHEST: NP}),
    ("колет в боку при вдохе", {CHEST: NP}),
    ("соски болят", {CHEST: NP}),
]

CLASSES12: dict[str, tuple[list[Row], list[Row]]] = {
    # near misses of the over-read class are its "rows" here: the first column
    # counts the reassurances read as the finding, the second the true ones missed
    "reassurance read as finding": (REASSURE, REASSURE_TRUE),
    "irregular read as labour": (IRREGULAR, IRREGULAR_TRUE),
    "someone else's event": (OTHERS, OTHERS_TRUE),
    "relief missed": (RELIEF, RELIEF_TRUE),
    "mild pubic/sacral": (MILD, []),
    "over two weeks": (DURATION, DURATION_NEAR),
    "sudden onset": (SUDDEN, SUDDEN_NEAR),
    "injecting": (IV, IV_NEAR),
    "temperature at the end": (TEMPERATURE, TEMPERATURE_NEAR),
    "chest on a breath": (CHEST_PAIN, CHEST_NEAR),
}

# Written after the reader was changed and never tuned on.
AFTER12: list[Row] = []
