"""Russian sentences for session 8: numbers as people write them, false urgent readings, migration.

Written by helper `ru` BEFORE the phrase file's number rules were opened, from
the letter-masked SHAPES the blind Russian sets showed missed (counts and
shapes only; no blind text, no vignette and not the phrase file were read
while writing them):

- a pain score with no "/10": a short sentence of one or two words and the
  number, at the end of a sentence or message («Боль на 4.», «Терпимо, 3.»),
  ranges («2-3»: the upper value), «N из/от 10» in words around;
- a temperature as a COMMA decimal after a comma or after an abbreviation or a
  sentence break («Знобит, 38,4.», «темп. 38,2»);
- weeks without «недель» after «срок» («срок 25», «(срок 36)») or with an
  abbreviation («30 нед.»);

with near misses (numbers that are NOT a score, a temperature or weeks: a
date, a time, a price, a phone, an age, a blood pressure, «3 дня», «2 раза»);
then the urgent findings read falsely (someone else's fever, the past said
after a comma) and where a pain moved (navel → right, across a comma).

``*8`` tables were measured before the reader was changed; ``AFTER8`` was
written after the change and never tuned on. ``bench/ru_classes.py --set 8``
prints both.

Rows: (text, expected) as in ``ru_tables.py``: "present", "absent", a number,
None (nothing stated) or "not present" (absent or unstated).
"""

from __future__ import annotations

from .ru_tables import NP, P, Row

SEV, TEMP, WEEKS, AGE = "pain_severity", "temperature_c", "gestational_weeks", "maternal_age"
FEV, V, M = "fever", "vaginal_bleeding", "reduced_fetal_movements"
U, C, ONE = "uterus_hard_persistent", "contractions_regular", "pain_one_side"
RLA, RS = "pain_right_lower_abdomen", "pain_right_side"

SEVERITY8: list[Row] = [
    ("Боль на 4.", {SEV: 4}),
    ("Поясница ноет. Оцениваю в 3.", {SEV: 3}),
    ("Спина болит. Сейчас где-то 4.", {SEV: 4}),
    ("Болит справа. По шкале 6.", {SEV: 6}),
    ("Терпимо, 3.", {SEV: 3}),
    ("Болит спина, баллов 5", {SEV: 5}),
    ("Болит на троечку", {SEV: 3}),
    ("Поясница, 4 балла", {SEV: 4}),
    ("Боль слабая, 2-3, не больше", {SEV: 3}),
    ("Боль 5-6.", {SEV: 6}),
    ("Тянет поясницу. Где-то 3-4.", {SEV: 4}),
    ("Болит сильно, 8.", {SEV: 8}),
    ("Болит где-то на 7 из 10", {SEV: 7}),
    ("Оценила бы на 5 из десяти", {SEV: 5}),
    ("Боль сейчас на 6 примерно", {SEV: 6}),
    ("Болит. Сильно, 9.\n", {SEV: 9}),
    ("Ноет спина. Сила 4.", {SEV: 4}),
    ("Поясница болит, интенсивность 5", {SEV: 5}),
    ("Болит, на 2 наверное", {SEV: 2}),
    ("Болит средне, 5 где-то.", {SEV: 5}),
    ("Боль — 6.", {SEV: 6}),
    ("Спина болит уже неделю. Боль 4.", {SEV: 4}),
    ("Оценка боли 7", {SEV: 7}),
    ("Болит на твёрдую семёрку", {SEV: 7}),
    ("Болит прилично. Если от 0 до 10, то 6.", {SEV: 6}),
    ("Ноет постоянно, баллов на 4-5", {SEV: 5}),
    ("Боль ну примерно 3", {SEV: 3}),
    ("Болит. Думаю, 5.", {SEV: 5}),
]
SEVERITY8_NEAR: list[Row] = [
    ("Болит с 4 утра.", {SEV: None}),
    ("Болит спина, 3 дня уже", {SEV: None}),
    ("Болит 2 раза в день", {SEV: None}),
    ("Поясница болит, мне 32.", {SEV: None, AGE: 32}),
    ("Спина болит, давление 120/80", {SEV: None}),
    ("Болит спина, срок 30.", {SEV: None, WEEKS: 30}),
    ("Болит, температура 37,5", {SEV: None}),
    ("Болит с 5 числа", {SEV: None}),
    ("Болит, купила пояс за 2500", {SEV: None}),
    ("Боль в пояснице, 2 беременность", {SEV: None}),
    ("Болит, мой телефон 89161234567", {SEV: None}),
    ("Болит спина, в 10 у меня приём", {SEV: None}),
    ("Болит в 3 местах", {SEV: None}),
    ("Болит после 2 часов сидения", {SEV: None}),
    ("Болит уже 2-3 недели", {SEV: None}),
    ("Болит, выпила 2 таблетки", {SEV: None}),
    ("Болит спина. 12 лет назад была травма.", {SEV: None}),
    ("Боль 1 раз в час", {SEV: None}),
    ("Болит, пульс 90", {SEV: None}),
    ("Болит, третий день", {SEV: None}),
    ("Болит спина. Схватки через 7-8 минут.", {SEV: None}),
    ("Болит. Родила 2 года назад первого.", {SEV: None}),
]

TEMPERATURE8: list[Row] = [
    ("Знобит, 38,4.", {TEMP: 38.4}),
    ("Темп. 38,2", {TEMP: 38.2}),
    ("т. 39,1, болит поясница", {TEMP: 39.1}),
    ("Температура поднялась. 38,5 вечером.", {TEMP: 38.5}),
    ("Жар, 39,2", {TEMP: 39.2}),
    ("Морозит, градусник показал 38,7", {TEMP: 38.7}),
    ("Меня трясёт, 38,9 под мышкой", {TEMP: 38.9}),
    ("Температурю. 37,8.", {TEMP: 37.8}),
    ("Мерила — 38,1", {TEMP: 38.1}),
    ("t 38,3", {TEMP: 38.3}),
    ("темп 37,9 с утра", {TEMP: 37.9}),
    ("Озноб, 39,0", {TEMP: 39.0}),
    ("Температура с утра, сейчас 38,6", {TEMP: 38.6}),
    ("Бьёт озноб. Померила, 38,4.", {TEMP: 38.4}),
    ("Лихорадит, 38,8 было час назад", {TEMP: 38.8}),
    ("Поясница справа болит, знобит. 38,3.", {TEMP: 38.3}),
]
TEMPERATURE8_NEAR: list[Row] = [
    ("Вес 68,4 кг, болит спина", {TEMP: None}),
    ("Срок 38,5 недель, болит спина", {TEMP: None}),
    ("Гемоглобин 110, лейкоциты 9,8", {TEMP: None}),
    ("Знобит, выпила 1,5 литра воды", {TEMP: None}),
    ("у ребёнка 38,5, у меня болит спина", {TEMP: None}),
    ("у мужа температура 38,7", {TEMP: None}),
    ("Давление 120/80, пульс 88, сахар 5,4", {TEMP: None}),
    ("Прибавила 3,5 кг за месяц", {TEMP: None}),
    ("Знобит. Болит 2,5 часа уже.", {TEMP: None}),
    ("Рост 1,65, вес 70", {TEMP: None}),
]

WEEKS8: list[Row] = [
    ("Болит спина, срок 25.", {WEEKS: 25}),
    ("Поясница болит (срок 36)", {WEEKS: 36}),
    ("Беременность 30 нед. Болит спина.", {WEEKS: 30}),
    ("30 нед, болит поясница", {WEEKS: 30}),
    ("Срок 32, вторая беременность", {WEEKS: 32}),
    ("На сроке 28.", {WEEKS: 28}),
    ("Мне 29 лет, срок 33.", {WEEKS: 33, AGE: 29}),
    ("33 неделя.", {WEEKS: 33}),
    ("Сейчас 26 нед", {WEEKS: 26}),
    ("Я на 31-й", {WEEKS: 31}),
    ("Срок: 22", {WEEKS: 22}),
    ("у меня 37 неделя", {WEEKS: 37}),
    ("срок по УЗИ 29", {WEEKS: 29}),
    ("Болит поясница (36 нед.)", {WEEKS: 36}),
    ("Нам 24 недели", {WEEKS: 24}),
    ("Срок 34 нед., болит спина", {WEEKS: 34}),
    ("Беременна, срок 27, первая", {WEEKS: 27}),
]
WEEKS8_NEAR: list[Row] = [
    ("Срок сдачи проекта 25 марта, нервничаю", {WEEKS: None}),
    ("Болит 2 недели, срок 30", {WEEKS: 30}),
    ("Мне 36, болит спина", {WEEKS: None, AGE: 36}),
    ("Первый ребёнок родился на 36 неделе, сейчас срок 30", {WEEKS: 30}),
    ("Болит уже 3 недели", {WEEKS: None}),
    ("Отпуск через 25 дней", {WEEKS: None}),
    ("Схватки через 30 минут", {WEEKS: None}),
    ("Срок больничного 10 дней", {WEEKS: None}),
    ("Болит спина, 30 лет", {WEEKS: None, AGE: 30}),
]

# Urgent findings read falsely: someone else's, the past said after a comma.
# «ребёнок» is also the baby inside her: his movements stay hers to report.
URGENT8_NEAR: list[Row] = [
    ("у ребёнка температура 39", {FEV: NP, TEMP: None}),
    ("у сына температура 38,5, а у меня болит спина", {FEV: NP, TEMP: None}),
    ("сынок заболел, температура 39, я от него не отхожу", {FEV: NP}),
    ("старший заболел, жар 39, болит поясница", {FEV: NP}),
    ("кровь шла на 8 неделе, давно прошло", {V: NP}),
    ("мазало, это было в первую беременность", {V: NP}),
    ("была кровь, но это было месяц назад, сейчас ничего", {V: NP}),
    ("кровило немного, уже давно прошло", {V: NP}),
    ("болела одна сторона, это было в первую беременность", {ONE: NP}),
    ("живот каменел, это было в прошлую беременность", {U: NP}),
    ("схватки регулярные были, когда рожала первого", {C: NP}),
    ("у подруги кровотечение было на таком же сроке", {V: NP}),
    ("ребёнок мало шевелился, это было неделю назад, сейчас активный", {M: NP}),
    ("кровянистые выделения были в начале беременности, сейчас нет", {V: NP}),
]
URGENT8: list[Row] = [
    ("ребёнок почти не шевелится", {M: P}),
    ("ребёнок стал меньше шевелиться со вчера", {M: P}),
    ("у меня температура 38,5, у ребёнка тоже", {FEV: P}),
    ("кровь пошла час назад и продолжается", {V: P}),
    ("в прошлую беременность было всё хорошо, а сейчас мажет кровью", {V: P}),
    ("живот каменеет и не отпускает", {U: P}),
    ("температура 38,6, знобит", {FEV: P}),
]

# Where a pain moved: navel → right, across a comma and a few words.
MIGRATION8: list[Row] = [
    ("боль началась около пупка, потом, через несколько часов, ушла вправо вниз", {RLA: P}),
    ("сначала болело вокруг пупка, а теперь справа внизу живота", {RLA: P}),
    ("сначала болел живот в районе пупка, ночью боль сместилась вправо", {RLA: P}),
    ("болело возле пупка, потом, часа через три, спустилось в правую часть живота", {RLA: P}),
    ("от пупка, постепенно, переместилась вниз направо", {RLA: P}),
    ("началось с боли у пупка, к утру, как будто, перешло вправо", {RLA: P}),
]
# Written after the first figure, when probing showed the miss is not the comma but a
# low back pain stated besides (nearly always, in pregnancy): measured before the fix.
MIGRATION8_BACK: list[Row] = [
    ("Болит поясница. Вчера вечером заболел живот около пупка, ночью, ближе к утру, "
     "боль ушла вправо вниз.", {RLA: P}),
    ("Сначала болел живот у пупка, потом, к обеду, боль спустилась вправо. Поясница "
     "тоже болит.", {RLA: P}),
    ("спина ноет давно, а со вчера болело у пупка, теперь, часов через пять, справа", {RLA: P}),
]
MIGRATION8_BACK_NEAR: list[Row] = [
    ("Поясница ноет. Около пупка болит. Справа в спине тоже.", {RLA: NP}),
    ("Болит поясница, у пупка растяжки чешутся, болит справа", {RLA: NP}),
    ("Болит поясница. Пупок чешется. Болит справа.", {RLA: NP}),
    ("болит спина, у пупка тянет, и отдаёт в правую ногу", {RLA: NP}),
]
MIGRATION8_NEAR: list[Row] = [
    ("болело у пупка, потом заболела спина справа", {RLA: NP}),
    ("пупок чешется, поясница справа болит", {RLA: NP}),
    ("вокруг пупка растяжки, а нога справа немеет", {RLA: NP}),
    ("начиналось у пупка, потом отдало в правую ногу", {RLA: NP}),
    ("у пупка болело, прошло, теперь поясница справа ноет", {RLA: NP}),
]

DUR, REST = "pain_duration_over_2_weeks", "pain_relieved_by_rest"

# A short duration said (the pain has NOT lasted two weeks). A CONVENTION SPLIT, so
# printed by the bench but not tested: the blind Russian sets mark an onset within
# the last day absent, dev-ru leaves it unstated (stating it costs 24 false
# positives there: min_days_to_state kept at 2): written before the
# duration rules were opened, from the brief's class («со вчерашнего дня», «третий
# день», «с утра»).
SHORT8: list[Row] = [
    ("Поясница болит со вчерашнего дня.", {DUR: "absent"}),
    ("Спина болит третий день.", {DUR: "absent"}),
    ("Болит с утра, не проходит.", {DUR: "absent"}),
    ("Болит спина с позавчера", {DUR: "absent"}),
    ("Со вчера ноет поясница", {DUR: "absent"}),
    ("Вчера вечером заболела спина", {DUR: "absent"}),
    ("Поясницу тянет пару дней", {DUR: "absent"}),
    ("Боль началась сегодня утром", {DUR: "absent"}),
    ("Болит уже четвёртые сутки", {DUR: "absent"}),
    ("Спина болит с понедельника", {DUR: "absent"}),
    ("Болит дней 5", {DUR: "absent"}),
    ("Ночью проснулась от боли в спине, до этого ничего не болело", {DUR: "absent"}),
    ("Болит несколько часов", {DUR: "absent"}),
    ("Заболела поясница после обеда", {DUR: "absent"}),
    ("Болит неделю", {DUR: "absent"}),
]
SHORT8_NEAR: list[Row] = [
    ("Болит спина уже месяц, со вчерашнего дня сильнее", {DUR: P}),
    ("Поясница болит с 20 недели", {DUR: NP}),
    ("Болит третью неделю", {DUR: P}),
    # «давно» is over two weeks in the phrase file (fixed: 30 days): the row's
    # expectation was corrected after the first figure
    ("Со вчерашнего дня температура, спина болит давно", {DUR: P}),
    ("Болит почти всю беременность", {DUR: P}),
    ("С утра мажет, спина болит месяц", {DUR: P}),
]

# Rest or a change of position eases the pain: the class the blind sets under-read
# (counts only), written before the frames were opened.
REST8: list[Row] = [
    ("Когда ложусь на бок, становится легче.", {REST: P}),
    ("Полежу с полчасика и отпускает.", {REST: P}),
    ("Если сесть и посидеть, боль проходит.", {REST: P}),
    ("Помогает только лечь.", {REST: P}),
    ("Отдохну - и нормально.", {REST: P}),
    ("Ночью, лёжа, почти не чувствую.", {REST: P}),
    ("Стоит присесть - легче.", {REST: P}),
    ("Меняю позу и боль уходит", {REST: P}),
    ("Легче, когда лежу на левом боку", {REST: P}),
    ("На диване полежала - как рукой сняло", {REST: P}),
    ("В покое болит меньше", {REST: P}),
    ("Утром после сна вообще не болит", {REST: P}),
]
REST8_NEAR: list[Row] = [
    ("Лёжа тоже болит, не проходит", {REST: NP}),
    ("Легче не становится ни в какой позе", {REST: NP}),
    ("Ложусь, а боль не уходит", {REST: NP}),
    ("Полежала, стало только хуже", {REST: NP}),
    ("Лежать на спине не могу, больно", {REST: NP}),
    ("Муж говорит, что ему легче, когда полежит", {REST: NP}),
]

CLASSES8B: dict[str, tuple[list[Row], list[Row]]] = {
    "pain_duration_over_2_weeks (short said)": (SHORT8, SHORT8_NEAR),
    "pain_relieved_by_rest": (REST8, REST8_NEAR),
}

CLASSES8: dict[str, tuple[list[Row], list[Row]]] = {
    "pain_severity (no /10)": (SEVERITY8, SEVERITY8_NEAR),
    "temperature_c (comma decimal)": (TEMPERATURE8, TEMPERATURE8_NEAR),
    "gestational_weeks (no «недель»)": (WEEKS8, WEEKS8_NEAR),
    "urgent (someone else, the past)": (URGENT8, URGENT8_NEAR),
    "migration navel → right": (MIGRATION8, MIGRATION8_NEAR),
    "migration, with a back pain": (MIGRATION8_BACK, MIGRATION8_BACK_NEAR),
}

# Written after the changes and not tuned on.
AFTER8: list[Row] = [
    ("Спина ноет с обеда. Примерно 5.", {SEV: 5}),
    ("Болит поясница, наверно 6-7.", {SEV: 7}),
    ("Боль 7 от 10", {SEV: 7}),
    ("Тянет спину. Сейчас 2, не больше.", {SEV: 2}),
    ("Поясница, если честно, на 8.", {SEV: 8}),
    ("Болит. Оценю в 4", {SEV: 4}),
    ("Болит с 9 вечера.", {SEV: None}),
    ("Поясница болит, родила в 2019.", {SEV: None}),
    ("Болит спина. Старшему 5.", {SEV: None}),
    ("Болит, записалась на 10.", {SEV: None}),
    ("Болит, уже 2 дня.", {SEV: None}),
    ("Трясёт, 38,6, болит поясница справа", {TEMP: 38.6}),
    ("Температура. С утра 37,9.", {TEMP: 37.9}),
    ("темп.39,4", {TEMP: 39.4}),
    ("Знобит. Вешу 74,5.", {TEMP: None}),
    ("срок 31, болит спина", {WEEKS: 31}),
    ("Беременность 29 нед., спина", {WEEKS: 29}),
    ("(срок 34) поясница ноет", {WEEKS: 34}),
    ("Выкидыш был на 9 неделе, сейчас срок 22", {WEEKS: 22}),
    ("у дочки жар 38,9, болит спина у меня", {FEV: NP, TEMP: None}),
    ("у меня кровило, это было 2 месяца назад", {V: NP}),
    ("тонус был, когда носила сына", {U: NP}),
    ("кровь пошла утром и идёт до сих пор", {V: P}),
    ("живот у пупка болел, потом, через пару часов, заболел справа внизу", {RLA: P}),
    ("Болит поясница. Сначала ныло у пупка, а сейчас, к вечеру, справа.", {RLA: P}),
    ("Болит у пупка, спина справа ноет.", {RLA: NP}),
]

# A probe batch of relief wordings written after REST8 (which the reader mostly got
# right): measured before the fix, 6 of these 8 were misread («легче становится, если
# полежать»: the verb before the phrase's comma; «почти не ощущаю»; «не легче, если…»).
AFTER8B: list[Row] = [
    ("Стоит полежать, и почти не ощущаю.", {REST: P}),
    ("Легче становится, если сменить положение.", {REST: P}),
    ("Легче становится, когда полежу.", {REST: P}),
    ("Легче бывает, если полежать.", {REST: P}),
    ("Легче, если полежать.", {REST: P}),
    ("Не легче, если полежать.", {REST: "absent"}),
    ("Не легче, когда лежу", {REST: "absent"}),
    ("Когда отдыхаю, боли почти нет.", {REST: P}),
]
