"""Russian sentences by class of wording (session 5): the generalisation tables.

Written by helper `ru` for each class of wording the blind Russian sets showed
the reader missing or over-reading (counts only; no blind text was read), in
the ways women type in messengers: no punctuation, run-on voice-to-text,
typos, abbreviations, Latin-keyboard Russian, diminutives, «чуть-чуть»,
«вроде», hedges. Each class has near misses that must NOT be read as it. None
comes from a vignette set or from the phrase file.

Each row: (text, expected) where expected maps a finding to "present",
"absent", a number, None (nothing stated) or "not present" (absent or
unstated). ``bench/ru_classes.py`` prints the miss rate per class;
``test_russian_tables.py`` holds them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

P, A, NP = "present", "absent", "not present"
Row = tuple[str, dict[str, Any]]

RELIEF: list[Row] = [
    ("поясница ноет но если полежу минут 20 то полегче", {"pain_relieved_by_rest": P}),
    ("лягу на бочок и отпускает", {"pain_relieved_by_rest": P}),
    ("прилягу — проходит", {"pain_relieved_by_rest": P}),
    ("спина болит, отдохну и легче становится", {"pain_relieved_by_rest": P}),
    ("когда лежу почти не болит", {"pain_relieved_by_rest": P}),
    ("лежа норм а как встаю опять болит", {"pain_relieved_by_rest": P}),
    ("посижу немного и стихает", {"pain_relieved_by_rest": P}),
    ("полежала и боль ушла", {"pain_relieved_by_rest": P}),
    ("после отдыха становится лучше", {"pain_relieved_by_rest": P}),
    ("легчает когда ложусь", {"pain_relieved_by_rest": P}),
    ("в горизонтальном положении легче", {"pain_relieved_by_rest": P}),
    ("отпустило как только легла", {"pain_relieved_by_rest": P}),
    ("помогает полежать с подушкой между ног", {"pain_relieved_by_rest": P}),
    ("если сменить позу то проходит", {"pain_relieved_by_rest": P}),
    ("как прилягу так и полегчало", {"pain_relieved_by_rest": P}),
    ("bolit pojasnica, polezhu i prohodit", {"pain_relieved_by_rest": P}),
    ("спинка ноет, отлежусь и норм", {"pain_relieved_by_rest": P}),
    ("в покое проходит", {"pain_relieved_by_rest": P}),
    ("отдыхаю и боль утихает", {"pain_relieved_by_rest": P}),
    ("присяду отдохнуть и отпускает", {"pain_relieved_by_rest": P}),
    ("лёжа на боку боль почти не чувствуется", {"pain_relieved_by_rest": P}),
    ("полежу пару часов и чуть-чуть легче", {"pain_relieved_by_rest": P}),
    ("тёплый душ и полежать помогает", {"pain_relieved_by_rest": P}),
    ("стоит лечь как боль уходит", {"pain_relieved_by_rest": P}),
    ("ложусь и через полчаса проходит", {"pain_relieved_by_rest": P}),
    ("когда отдыхаю не болит", {"pain_relieved_by_rest": P}),
    ("после сна утром почти ничего не болит", {"pain_relieved_by_rest": P}),
]
RELIEF_NEAR: list[Row] = [
    ("даже лёжа не проходит", {"pain_relieved_by_rest": A}),
    ("лежать не помогает", {"pain_relieved_by_rest": A}),
    ("полежала но легче не стало", {"pain_relieved_by_rest": A}),
    ("ни лёжа ни сидя не легче", {"pain_relieved_by_rest": A}),
    ("лежу весь день а всё равно болит", {"pain_relieved_by_rest": NP}),
    ("живот каменеет, полежу и проходит", {"pain_relieved_by_rest": NP}),
    ("хожу на работу, болит спина", {"pain_relieved_by_rest": None}),
    # a hedge leaves it to the question
    ("поясницу ломит а полежишь и вроде отходит", {"pain_relieved_by_rest": None}),
]

STANDING: list[Row] = [
    ("если долго стою начинает ныть поясница", {"pain_worse_standing_sitting_long": P}),
    ("постою полчаса и спина отваливается", {"pain_worse_standing_sitting_long": P}),
    ("от долгого сидения хуже", {"pain_worse_standing_sitting_long": P}),
    ("к концу рабочего дня болит сильнее", {"pain_worse_standing_sitting_long": P}),
    ("после смены поясница гудит", {"pain_worse_standing_sitting_long": P}),
    ("к вечеру спина прям ломит сильнее", {"pain_worse_standing_sitting_long": P}),
    ("стоять долго не могу сразу поясница болит", {"pain_worse_standing_sitting_long": P}),
    ("в очереди постояла и разболелась спина", {"pain_worse_standing_sitting_long": P}),
    ("чем дольше сижу тем хуже", {"pain_worse_standing_sitting_long": P}),
    ("к вечеру усиливается", {"pain_worse_standing_sitting_long": P}),
    ("вечером сильнее болит", {"pain_worse_standing_sitting_long": P}),
    ("долго сидеть больно", {"pain_worse_standing_sitting_long": P}),
    ("сидя долго ноет", {"pain_worse_standing_sitting_long": P}),
    ("если много стою у плиты болит спина", {"pain_worse_standing_sitting_long": P}),
    ("после целого дня на ногах поясницу ломит", {"pain_worse_standing_sitting_long": P}),
    ("в машине больше часа сидеть не могу, спина болит", {"pain_worse_standing_sitting_long": P}),
    ("чуть дольше постою и тянет поясницу", {"pain_worse_standing_sitting_long": P}),
    ("усиливается от долгого стояния", {"pain_worse_standing_sitting_long": P}),
    ("весь день сижу на работе и к вечеру спина отваливается",
     {"pain_worse_standing_sitting_long": P}),
    ("спина ноет когда подолгу сижу", {"pain_worse_standing_sitting_long": P}),
    ("стоя долго начинает тянуть поясницу", {"pain_worse_standing_sitting_long": P}),
    ("вечерком хуже", {"pain_worse_standing_sitting_long": P}),
    ("посидела за компом пару часов и всё, поясница", {"pain_worse_standing_sitting_long": P}),
    ("постоишь у плиты и спина ноет", {"pain_worse_standing_sitting_long": P}),
    ("к ночи болит сильнее после работы", {"pain_worse_standing_sitting_long": P}),
    ("сижу долго и потом встать не могу болит поясница", {"pain_worse_standing_sitting_long": P}),
]
STANDING_NEAR: list[Row] = [
    ("поясница ноет к вечеру", {"pain_worse_standing_sitting_long": None}),
    ("сижу дома в декрете, болит спина", {"pain_worse_standing_sitting_long": None}),
    ("долго не могла уснуть из-за спины", {"pain_worse_standing_sitting_long": None}),
    ("стою на учёте в женской консультации, болит поясница",
     {"pain_worse_standing_sitting_long": None}),
    ("стоять и сидеть нормально, болит при ходьбе", {"pain_worse_standing_sitting_long": NP}),
]

MOVEMENT: list[Row] = [
    ("больно наклоняться", {"pain_worse_with_movement": P}),
    ("при каждом движении стреляет", {"pain_worse_with_movement": P}),
    ("повернуться не могу сразу больно", {"pain_worse_with_movement": P}),
    ("хуже когда двигаюсь", {"pain_worse_with_movement": P}),
    ("кашляну и отдаёт в спину", {"pain_worse_with_movement": P}),
    ("чихать больно", {"pain_worse_with_movement": P}),
    ("нагнуться не могу от боли", {"pain_worse_with_movement": P}),
    ("от движений усиливается", {"pain_worse_with_movement": P}),
    ("двигаться больно", {"pain_worse_with_movement": P}),
    ("любое движение и боль", {"pain_worse_with_movement": P}),
    ("при наклонах тянет поясницу", {"pain_worse_with_movement": P}),
    ("когда наклоняюсь ломит", {"pain_worse_with_movement": P}),
    ("разогнуться не могу", {"pain_worse_with_movement": P}),
    ("при движении хуже", {"pain_worse_with_movement": P}),
    ("как пошевелюсь простреливает", {"pain_worse_with_movement": P}),
    ("движения усиливают боль", {"pain_worse_with_movement": P}),
    ("нагибаюсь и стреляет в пояснице", {"pain_worse_with_movement": P}),
    ("поворачиваться больно", {"pain_worse_with_movement": P}),
    ("с каждым движением сильнее", {"pain_worse_with_movement": P}),
    ("при кашле боль в пояснице", {"pain_worse_with_movement": P}),
    ("когда кашляю сильнее болит", {"pain_worse_with_movement": P}),
    ("двигаюсь еле-еле, больно", {"pain_worse_with_movement": P}),
    ("huzhe pri dvizhenii", {"pain_worse_with_movement": P}),
    ("шевельнуться больно", {"pain_worse_with_movement": P}),
    ("наклониться чтобы обуться целая проблема, болит спина", {"pain_worse_with_movement": P}),
    ("чуть повернусь и прям искры из глаз", {"pain_worse_with_movement": P}),
]
MOVEMENT_NEAR: list[Row] = [
    ("движения малыша хорошие, болит спина", {"pain_worse_with_movement": None}),
    ("боль не зависит от движений", {"pain_worse_with_movement": NP}),
    ("двигаться стараюсь больше, болит спина", {"pain_worse_with_movement": None}),
    ("шевелится малыш активно", {"pain_worse_with_movement": None}),
]

WEIGHT_BEARING: list[Row] = [
    ("по лестнице подниматься больно", {"pain_worse_weight_bearing_one_leg": P}),
    ("ходить больно", {"pain_worse_weight_bearing_one_leg": P}),
    ("при ходьбе хуже", {"pain_worse_weight_bearing_one_leg": P}),
    ("еле хожу", {"pain_worse_weight_bearing_one_leg": P}),
    ("в кровати перевернуться целая история, больно", {"pain_worse_weight_bearing_one_leg": P}),
    ("переворачиваться с боку на бок больно", {"pain_worse_weight_bearing_one_leg": P}),
    ("встать с кровати не могу от боли", {"pain_worse_weight_bearing_one_leg": P}),
    ("из машины вылезаю с трудом, больно", {"pain_worse_weight_bearing_one_leg": P}),
    ("на одну ногу встать больно", {"pain_worse_weight_bearing_one_leg": P}),
    ("хожу как уточка", {"pain_worse_weight_bearing_one_leg": P}),
    ("когда иду хуже", {"pain_worse_weight_bearing_one_leg": P}),
    ("больно шагать", {"pain_worse_weight_bearing_one_leg": P}),
    ("на ступеньках простреливает", {"pain_worse_weight_bearing_one_leg": P}),
    ("каждый шаг отдаётся в пояснице", {"pain_worse_weight_bearing_one_leg": P}),
    ("с дивана встать тяжело, болит", {"pain_worse_weight_bearing_one_leg": P}),
    ("ходить тяжело, тянет поясницу", {"pain_worse_weight_bearing_one_leg": P}),
    ("ночью переворачиваюсь и просыпаюсь от боли", {"pain_worse_weight_bearing_one_leg": P}),
    ("долго ходить не могу, спина", {"pain_worse_weight_bearing_one_leg": P}),
    ("ходьба усиливает боль", {"pain_worse_weight_bearing_one_leg": P}),
    ("хожу с трудом", {"pain_worse_weight_bearing_one_leg": P}),
    ("пройду метров сто и болит", {"pain_worse_weight_bearing_one_leg": P}),
    ("штаны надеть стоя не могу, больно", {"pain_worse_weight_bearing_one_leg": P}),
    ("когда гуляю болит сильнее", {"pain_worse_weight_bearing_one_leg": P}),
    ("поднимаюсь на этаж и еле дышу от боли в спине", {"pain_worse_weight_bearing_one_leg": P}),
    ("при ходьбе тянет поясницу", {"pain_worse_weight_bearing_one_leg": P}),
]
WEIGHT_BEARING_NEAR: list[Row] = [
    ("ходила к врачу, болит спина", {"pain_worse_weight_bearing_one_leg": None}),
    ("хожу в бассейн, болит спина", {"pain_worse_weight_bearing_one_leg": None}),
    ("ходить не больно", {"pain_worse_weight_bearing_one_leg": NP}),
    ("гуляю каждый день, болит поясница", {"pain_worse_weight_bearing_one_leg": None}),
    ("в туалет хожу нормально", {"pain_worse_weight_bearing_one_leg": None}),
]

SEVERITY: list[Row] = [
    ("болит на 7", {"pain_severity": 7}),
    ("баллов 8 из 10", {"pain_severity": 8}),
    ("боль по шкале 6", {"pain_severity": 6}),
    ("ну где-то 5 из 10 болит", {"pain_severity": 5}),
    ("боль 9/10", {"pain_severity": 9}),
    ("если оценивать то на 6", {"pain_severity": 6}),
    ("болит на восьмерку", {"pain_severity": 8}),
    ("7-8 из 10", {"pain_severity": 8}),
    ("оцениваю боль в 7 баллов", {"pain_severity": 7}),
    ("на 4 по десятибалльной шкале", {"pain_severity": 4}),
    ("сила боли 6", {"pain_severity": 6}),
    ("болит баллов на семь", {"pain_severity": 7}),
    ("боль пять из десяти", {"pain_severity": 5}),
    ("восемь из десяти", {"pain_severity": 8}),
    ("болит сильно, на 8", {"pain_severity": 8}),
    ("болит сейчас на 3, ночью было на 7", {"pain_severity": 7}),
    ("спина болит 8 баллов", {"pain_severity": 8}),
    ("ну на 6 наверное болит", {"pain_severity": 6}),
    ("оценила бы боль на 5", {"pain_severity": 5}),
    ("боль на уровне 7", {"pain_severity": 7}),
    ("10 из 10 боль", {"pain_severity": 10}),
    ("по 10-балльной шкале поставлю 6", {"pain_severity": 6}),
    ("самая сильная боль в жизни", {"pain_severity": 10}),
    ("боль адская", {"pain_severity": 9}),
    ("болит терпимо", {"pain_severity": 4}),
    ("боль невыносимая", {"pain_severity": 9}),
    ("балла на 4 ноет", {"pain_severity": 4}),
]
SEVERITY_NEAR: list[Row] = [
    ("30 недель, болит спина", {"pain_severity": None}),
    ("болит на 30 неделе", {"pain_severity": None}),
    ("болит уже 3 дня", {"pain_severity": None}),
    ("на 5 минут отпускает и опять", {"pain_severity": None}),
    ("боль 2 недели", {"pain_severity": None}),
]

TEMPERATURE: list[Row] = [
    ("температура 37 и 8", {"temperature_c": 37.8}),
    ("температура тридцать восемь", {"temperature_c": 38.0}),
    ("температура под 38", {"temperature_c": 38.0}),
    ("температурю со вчера", {"fever": P}),
    ("темп 38,5", {"temperature_c": 38.5}),
    ("t 37.5 знобит", {"temperature_c": 37.5}),
    ("градусник 38.1", {"temperature_c": 38.1}),
    ("температура поднялась до 38.3", {"temperature_c": 38.3}),
    ("температура 37,2 держится третий день", {"temperature_c": 37.2}),
    ("температурка небольшая 37,1", {"temperature_c": 37.1}),
    ("жар, 39", {"temperature_c": 39.0}),
    ("температура 38", {"temperature_c": 38.0}),
    ("тем-ра 38.4", {"temperature_c": 38.4}),
    ("t° 38,2", {"temperature_c": 38.2}),
    ("температура 38 с чем-то", {"temperature_c": 38.0}),
    ("температуру мерила - 37,6", {"temperature_c": 37.6}),
    ("температура тридцать семь и пять", {"temperature_c": 37.5}),
    ("под 39 температура", {"temperature_c": 39.0}),
    ("температура 39 и 2", {"temperature_c": 39.2}),
    ("поднялась температура, 38 с небольшим", {"temperature_c": 38.0}),
    ("меня лихорадит, 38,7", {"temperature_c": 38.7}),
    ("знобит, градусник показал 38", {"temperature_c": 38.0}),
    ("температурю второй день, 37,5", {"temperature_c": 37.5}),
    ("температура около 38", {"temperature_c": 38.0}),
    ("у меня жар", {"fever": P}),
    ("вся горю, знобит", {"fever": P}),
    ("тепмература 38,1", {"temperature_c": 38.1}),
    ("температура тридцать восемь и две", {"temperature_c": 38.2}),
    ("знобит, под 38 держится", {"temperature_c": 38.0}),
]
TEMPERATURE_NEAR: list[Row] = [
    ("температуры нет", {"fever": A}),
    ("температура нормальная 36,6", {"temperature_c": 36.6, "fever": A}),
    ("38 неделя, температура нормальная", {"gestational_weeks": 38, "fever": A}),
    ("вроде температурю", {"fever": None}),
    ("боюсь что поднимется температура", {"fever": None}),
    ("на улице жара под 35", {"temperature_c": None, "fever": None}),
]

ONSET: list[Row] = [
    ("резко прострелило в пояснице", {"pain_onset_sudden": P}),
    ("вдруг заболела спина", {"pain_onset_sudden": P}),
    ("внезапно началась сильная боль", {"pain_onset_sudden": P}),
    ("утром встала и резко схватило спину", {"pain_onset_sudden": P}),
    ("ни с того ни с сего заболела поясница", {"pain_onset_sudden": P}),
    ("боль появилась резко", {"pain_onset_sudden": P}),
    ("вдруг резкая боль в спине", {"pain_onset_sudden": P}),
    ("неожиданно как стрельнуло в поясницу", {"pain_onset_sudden": P}),
    ("в один миг скрутило поясницу", {"pain_onset_sudden": P}),
    ("резко заболело справа", {"pain_onset_sudden": P}),
    ("боль пришла внезапно", {"pain_onset_sudden": P}),
    ("всё было нормально и вдруг раз и болит", {"pain_onset_sudden": P}),
    ("резко началась боль", {"pain_onset_sudden": P}),
    ("скрутило спину внезапно", {"pain_onset_sudden": P}),
    ("вдруг дёрнуло в пояснице", {"pain_onset_sudden": P}),
    ("сегодня резко стало больно", {"pain_onset_sudden": P}),
    ("моментально заболело", {"pain_onset_sudden": P}),
    ("на ровном месте прострелило", {"pain_onset_sudden": P}),
    ("внезапная боль в пояснице", {"pain_onset_sudden": P}),
    ("заболела резко, прям сразу сильно", {"pain_onset_sudden": P}),
    ("rezko zabolela pojasnica", {"pain_onset_sudden": P}),
    ("боль возникла внезапно", {"pain_onset_sudden": P}),
    ("заболело мгновенно, как ножом", {"pain_onset_sudden": P}),
    ("в одну секунду стало очень больно", {"pain_onset_sudden": P}),
    ("резко как стрельнуло в поясницу", {"pain_onset_sudden": P}),
]
ONSET_NEAR: list[Row] = [
    ("болит постепенно всё сильнее", {"pain_onset_sudden": NP}),
    ("началось постепенно", {"pain_onset_sudden": NP}),
    ("встаю резко и темнеет в глазах", {"pain_onset_sudden": None}),
    ("стреляет в ногу", {"pain_onset_sudden": None}),
    ("болит спина не резко а потихоньку", {"pain_onset_sudden": NP}),
    # a jolt told with a movement is how a strain is told: the question asks the onset
    ("прострелило когда нагнулась", {"pain_onset_sudden": None}),
    ("схватило спину, разогнуться не могу", {"pain_onset_sudden": None}),
    ("заклинило спину", {"pain_onset_sudden": None}),
    ("вступило в поясницу", {"pain_onset_sudden": None}),
]

SIDE: list[Row] = [
    ("болит справа в пояснице", {"pain_right_side": P, "pain_one_side": P}),
    ("слева поясница ноет", {"pain_left_side": P}),
    ("с правой стороны болит", {"pain_right_side": P}),
    ("болит правый бок", {"pain_right_side": P}),
    ("в левой части поясницы тянет", {"pain_left_side": P}),
    ("справа сзади под ребрами болит", {"pain_right_side": P}),
    ("ноет только с левой стороны", {"pain_left_side": P, "pain_one_side": P}),
    ("правая сторона поясницы болит", {"pain_right_side": P}),
    ("болит со стороны правой почки", {"pain_right_side": P}),
    ("болит с одного боку", {"pain_one_side": P}),
    ("в пояснице справа тянет", {"pain_right_side": P}),
    ("левый бок болит сзади", {"pain_left_side": P}),
    ("боль в правой ягодице", {"pain_right_side": P}),
    ("отдаёт в левую ногу", {"pain_left_side": P}),
    ("болит поясница справа больше", {"pain_right_side": P}),
    ("справа болит, слева нет", {"pain_right_side": P, "pain_one_side": P}),
    ("ноет с левого бока", {"pain_left_side": P}),
    ("слева внизу спины болит", {"pain_left_side": P}),
    ("правосторонняя боль в спине", {"pain_right_side": P}),
    ("болит на одной стороне", {"pain_one_side": P}),
    ("по правой стороне поясницы тянет", {"pain_right_side": P}),
    ("болит правая сторона спины", {"pain_right_side": P}),
    ("справо болит поясница", {"pain_right_side": P}),
    ("левая половина спины болит", {"pain_left_side": P}),
    ("болит поясница с права", {"pain_right_side": P}),
    ("тянет слева внизу спины, справа нормально", {"pain_left_side": P, "pain_one_side": P}),
]
SIDE_NEAR: list[Row] = [
    ("болит с обеих сторон", {"pain_one_side": A}),
    ("лежу на левом боку, болит поясница", {"pain_left_side": None}),
    ("правая нога отекает", {"pain_right_side": None}),
    ("сплю на правом боку, спина ноет", {"pain_right_side": None}),
    ("поясница вся болит по центру", {"pain_one_side": NP}),
]

DURATION: list[Row] = [
    ("болит третий день", {"pain_duration_over_2_weeks": A}),
    ("спина болит со вчерашнего дня, сегодня хуже", {"pain_duration_over_2_weeks": NP}),
    ("ноет дня 4 уже", {"pain_duration_over_2_weeks": A}),
    ("неделю болит поясница", {"pain_duration_over_2_weeks": A}),
    ("болит с выходных", {"pain_duration_over_2_weeks": A}),
    ("пару дней ноет спина", {"pain_duration_over_2_weeks": A}),
    ("уже 5 дней болит", {"pain_duration_over_2_weeks": A}),
    ("несколько дней болит поясница", {"pain_duration_over_2_weeks": A}),
    ("дня два-три тянет спину", {"pain_duration_over_2_weeks": A}),
    ("началось позавчера, болит поясница", {"pain_duration_over_2_weeks": A}),
    ("болит 10 дней", {"pain_duration_over_2_weeks": A}),
    ("вторые сутки болит спина", {"pain_duration_over_2_weeks": A}),
    ("неделька как болит", {"pain_duration_over_2_weeks": A}),
    ("с прошлой недели болит спина", {"pain_duration_over_2_weeks": A}),
    ("болит уже месяц", {"pain_duration_over_2_weeks": P}),
    ("месяца два болит спина", {"pain_duration_over_2_weeks": P}),
    ("три недели ноет поясница", {"pain_duration_over_2_weeks": P}),
    ("давно болит", {"pain_duration_over_2_weeks": P}),
    ("с начала беременности болит спина", {"pain_duration_over_2_weeks": P}),
    ("уже полтора месяца болит", {"pain_duration_over_2_weeks": P}),
    ("недели 3 ноет", {"pain_duration_over_2_weeks": P}),
    ("больше двух недель болит", {"pain_duration_over_2_weeks": P}),
    ("пятую неделю болит спина", {"pain_duration_over_2_weeks": P}),
    ("месяц как болит поясница", {"pain_duration_over_2_weeks": P}),
    ("болит 2 недели с лишним", {"pain_duration_over_2_weeks": P}),
    ("дней пять ноет", {"pain_duration_over_2_weeks": A}),
    ("с прошлого месяца болит", {"pain_duration_over_2_weeks": P}),
    ("четыре дня как болит поясница", {"pain_duration_over_2_weeks": A}),
]
DURATION_NEAR: list[Row] = [
    ("срок 30 недель, болит спина", {"pain_duration_over_2_weeks": None}),
    ("задержка 2 недели, болит поясница", {"pain_duration_over_2_weeks": None}),
    ("3 дня назад была у врача, всё хорошо", {"pain_duration_over_2_weeks": None}),
]

NERVES: list[Row] = [
    ("ноги не немеют и не слабеют", {"leg_numbness_tingling": A, "leg_weakness": A}),
    ("онемения нет, слабости в ногах нет", {"leg_numbness_tingling": A, "leg_weakness": A}),
    ("ноги не отнимаются", {"leg_numbness_tingling": A}),
    ("ни онемения ни покалывания", {"leg_numbness_tingling": A}),
    ("ноги слушаются", {"leg_weakness": A}),
    ("в ноги не отдает, не немеют", {"radiates_leg_below_knee": A, "leg_numbness_tingling": A}),
    ("слабости в ногах не замечаю", {"leg_weakness": A}),
    ("ноги нормально, не немеют", {"leg_numbness_tingling": A}),
    ("онемений нет", {"leg_numbness_tingling": A}),
    ("мурашек нет", {"leg_numbness_tingling": A}),
    ("покалываний в ногах не было", {"leg_numbness_tingling": A}),
    ("отдаёт только в правую ногу", {"both_legs_affected": A}),
    ("ноги не слабые", {"leg_weakness": A}),
    ("никакой слабости в ногах, онемения", {"leg_weakness": A, "leg_numbness_tingling": A}),
    ("нет онемения в ногах и промежности", {"leg_numbness_tingling": A, "saddle_numbness": A}),
    ("ноги не подкашиваются", {"leg_weakness": A}),
    ("чувствительность в ногах нормальная", {"leg_numbness_tingling": A}),
    ("не немеет ничего", {"leg_numbness_tingling": A}),
    ("ходить могу нормально, ноги держат", {"leg_weakness": A}),
    ("слабости и онемения в ногах нет", {"leg_weakness": A, "leg_numbness_tingling": A}),
    ("ноги не немеют, не покалывает", {"leg_numbness_tingling": A}),
    ("в ногах ничего не немеет и не колет", {"leg_numbness_tingling": A}),
    ("только в левую ногу, вторая нормальная", {"both_legs_affected": A}),
    ("онемение? нет", {"leg_numbness_tingling": A}),
    ("ноги не немеют не слабеют не отнимаются", {"leg_numbness_tingling": A, "leg_weakness": A}),
    ("слабости в ногах нету", {"leg_weakness": A}),
]
NERVES_NEAR: list[Row] = [
    ("немеет левая нога, но не слабеет", {"leg_numbness_tingling": P, "leg_weakness": A}),
    ("ноги не слабеют, но немеют", {"leg_numbness_tingling": P, "leg_weakness": A}),
    ("покалывает в стопе", {"leg_numbness_tingling": P}),
    ("ноги отекают, но не немеют", {"leg_numbness_tingling": A}),
    ("вроде немеет нога", {"leg_numbness_tingling": None}),
    ("немеют обе ноги", {"leg_numbness_tingling": P, "both_legs_affected": P}),
]

CONTRACTIONS: list[Row] = [
    ("схваток нет", {"contractions_regular": A}),
    ("живот не каменеет", {"contractions_regular": A}),
    ("тонуса нет", {"contractions_regular": A}),
    ("схватки не регулярные", {"contractions_regular": A, "contractions_irregular": P}),
    ("матка не напрягается", {"contractions_regular": A}),
    ("живот мягкий, схваток нет", {"contractions_regular": A}),
    ("никаких схваток", {"contractions_regular": A}),
    ("живот не твердеет", {"contractions_regular": A}),
    ("без схваток", {"contractions_regular": A}),
    ("сокращений не чувствую", {"contractions_regular": A}),
    ("тренировочные бывают, но редко", {"contractions_regular": NP, "contractions_irregular": P}),
    ("схваток, подтекания нет", {"contractions_regular": A, "fluid_leak": A}),
    ("живот не напрягается и не болит", {"contractions_regular": A}),
    ("ни схваток ни крови", {"contractions_regular": A}),
    ("шваток нет", {"contractions_regular": A}),
    ("shvatok net", {"contractions_regular": A}),
    ("схваток не было", {"contractions_regular": A}),
    ("регулярных схваток нет", {"contractions_regular": A}),
    ("живот в тонус не приходит", {"contractions_regular": A}),
    ("схватки? нет, только спина", {"contractions_regular": A}),
    ("схваточек нет", {"contractions_regular": A}),
    ("живот не сжимается", {"contractions_regular": A}),
    ("схваток не чувствую", {"contractions_regular": A}),
    ("схватки не начались", {"contractions_regular": A}),
    ("каменения живота нет", {"contractions_regular": A}),
]
CONTRACTIONS_NEAR: list[Row] = [
    ("живот каменеет каждые 5 минут", {"contractions_regular": P}),
    ("схватки каждые 7-8 минут", {"contractions_regular": P}),
    ("тонус бывает пару раз в день", {"contractions_irregular": P}),
    # a denial of tightenings names no rhythm: the irregular kind is not stated
    ("схваток нет", {"contractions_irregular": NP}),
    ("болит спина, живот не каменеет", {"pain_lower_abdomen": None}),
]

# over-reading: what the back, the belly and the legs must not be read as
PLACES: list[Row] = [
    ("поясница болит", {"pain_lower_back_central": P}),
    ("тянет поясницу", {"pain_lower_back_central": P}),
    ("болит крестец", {"pain_lower_back_central": None, "pain_sacrum_buttock": P}),
    ("болит копчик", {"pain_lower_back_central": None}),
    ("болит спина между лопатками", {"pain_lower_back_central": None, "pain_upper_back": P}),
    ("болит в области почки справа", {"pain_lower_back_central": None, "pain_flank": P}),
    ("болит живот, отдаёт в поясницу", {"pain_lower_back_central": None}),
    ("болит правый бок сзади", {"pain_lower_back_central": None, "pain_flank": P}),
    ("внизу спины ноет", {"pain_lower_back_central": P, "pain_lower_abdomen": None}),
    ("живот мягкий, болит поясница", {"pain_lower_abdomen": None}),
    ("живот не болит, поясница ноет", {"pain_lower_abdomen": A}),
    ("малыш в животе шевелится, спина болит", {"pain_lower_abdomen": None}),
    ("живот каменеет иногда", {"pain_lower_abdomen": None}),
    ("живот твердеет но не болит", {"pain_lower_abdomen": NP}),
    ("тянет внизу живота", {"pain_lower_abdomen": P}),
    # session 6: the thigh is the top of the leg, so a spread denied into the leg
    # denies the buttock-and-thigh spread too (the blind sets' authors mark it so)
    ("в ноги не отдаёт", {"radiates_leg_below_knee": A, "radiates_buttock_thigh": A}),
    ("в ногу не отдаёт, болит поясница", {"radiates_buttock_thigh": A}),
    ("в ягодицу не отдаёт", {"radiates_buttock_thigh": A}),
    ("отдаёт в ягодицу", {"radiates_buttock_thigh": P}),
    ("поясница, температуры нет", {"pain_lower_back_central": P, "fever": A}),
    ("спина болит, температуры нет", {"pain_lower_back_central": P, "fever": A}),
    ("поясница болит, живот нет", {"pain_lower_back_central": P, "pain_lower_abdomen": A}),
    ("Поясница. Температуры нет", {"pain_lower_back_central": P, "fever": A}),
    ("поясница, крови нет", {"pain_lower_back_central": P, "vaginal_bleeding": A}),
    ("крови, воды нет", {"vaginal_bleeding": A, "fluid_leak": A}),
]

PRESSURE: list[Row] = [
    ("давление сто сорок на девяносто", {"systolic_bp": 140, "diastolic_bp": 90}),
    ("верхнее 150", {"systolic_bp": 150}),
    ("давление сто тридцать на восемьдесят пять", {"systolic_bp": 130, "diastolic_bp": 85}),
    ("ад 130/85", {"systolic_bp": 130, "diastolic_bp": 85}),
    ("верхнее давление 160", {"systolic_bp": 160}),
    ("давление 120 на 80 нормальное", {"systolic_bp": 120, "diastolic_bp": 80}),
    ("давление 150 на 100", {"systolic_bp": 150, "diastolic_bp": 100}),
    ("давление было сто пятьдесят на сто", {"systolic_bp": 150, "diastolic_bp": 100}),
    ("верхнее сто шестьдесят", {"systolic_bp": 160}),
    ("давление 145/95, голова болит", {"systolic_bp": 145, "diastolic_bp": 95}),
    ("тонометр показал 140 на 95", {"systolic_bp": 140, "diastolic_bp": 95}),
    ("верхнее 150, нижнее не помню", {"systolic_bp": 150}),
    ("давление сто двадцать на восемьдесят", {"systolic_bp": 120, "diastolic_bp": 80}),
    ("нижнее 100", {"diastolic_bp": 100}),
    # written after the reader was changed: a small check that it generalises
    ("давление 130 на 80", {"systolic_bp": 130, "diastolic_bp": 80}),
    ("АД 150/95", {"systolic_bp": 150, "diastolic_bp": 95}),
    ("давление под 140 на 90", {"systolic_bp": 140, "diastolic_bp": 90}),
    ("верхнее 140 нижнее 90", {"systolic_bp": 140, "diastolic_bp": 90}),
    ("давление сто пятьдесят на девяносто пять", {"systolic_bp": 150, "diastolic_bp": 95}),
    ("давление 160/100 мерила дважды", {"systolic_bp": 160, "diastolic_bp": 100}),
    ("давление было 145 на 90, голова болит", {"systolic_bp": 145, "diastolic_bp": 90}),
    ("тонометр 138/88", {"systolic_bp": 138, "diastolic_bp": 88}),
    ("давление сто сорок пять на девяносто", {"systolic_bp": 145, "diastolic_bp": 90}),
    ("верхнее сто сорок", {"systolic_bp": 140}),
    ("мерила давление - 150 на 100", {"systolic_bp": 150, "diastolic_bp": 100}),
]
PRESSURE_NEAR: list[Row] = [
    ("давление нормальное", {"systolic_bp": None}),
    ("верхний этаж, 150 ступенек", {"systolic_bp": None}),
    ("сто раз мерила давление, нормальное", {"systolic_bp": None}),
]

CLASSES: dict[str, tuple[list[Row], list[Row]]] = {
    "relief by rest": (RELIEF, RELIEF_NEAR),
    "worse standing/sitting long": (STANDING, STANDING_NEAR),
    "worse with movement": (MOVEMENT, MOVEMENT_NEAR),
    "worse walking/stairs/turning": (WEIGHT_BEARING, WEIGHT_BEARING_NEAR),
    "pain severity": (SEVERITY, SEVERITY_NEAR),
    "temperature": (TEMPERATURE, TEMPERATURE_NEAR),
    "sudden onset": (ONSET, ONSET_NEAR),
    "side": (SIDE, SIDE_NEAR),
    "duration": (DURATION, DURATION_NEAR),
    "nerve-symptom denials": (NERVES, NERVES_NEAR),
    "tightenings denied": (CONTRACTIONS, CONTRACTIONS_NEAR),
    "places (over-reading)": (PLACES, []),
    "spoken blood pressure": (PRESSURE, PRESSURE_NEAR),
}


def table_params(classes: Iterable[tuple[str, tuple[list[Row], list[Row]]]],
                 known: set[str]) -> list[Any]:
    """pytest params of every row and near miss, the ``known`` misreadings xfail(strict)."""
    import pytest  # only the tests build params; bench/ru_classes.py reads the rows

    return [
        pytest.param(
            text,
            expected,
            id=f"{name}:{text[:40]}",
            marks=[pytest.mark.xfail(strict=True)] if text in known else [],
        )
        for name, (rows, near) in classes
        for text, expected in rows + near
    ]


def mismatch(
    case: dict[str, Any], expected: dict[str, Any], language: str | None = None
) -> dict[str, tuple[Any, Any]]:
    """What a parsed case gets wrong against one row: {finding: (got, wanted)}.

    A row's "language" key is the language the text must be read in (``language``)."""
    wrong: dict[str, tuple[Any, Any]] = {}
    for finding, want in expected.items():
        if finding == "language":
            if language != want:
                wrong[finding] = (language, want)
            continue
        if finding in case.get("present", []):
            got: Any = P
        elif finding in case.get("absent", []):
            got = A
        else:
            got = case.get(finding)
        if isinstance(want, (int, float)) and not isinstance(want, bool):
            ok = isinstance(got, (int, float)) and abs(float(got) - want) <= 0.25
        elif want == NP:
            ok = got != P
        else:
            ok = got == want
        if not ok:
            wrong[finding] = (got, want)
    return wrong

# Written after the reader was changed for the tables above, and not tuned on:
# the figure `bench/ru_classes.py` prints for it is the honest one for wording
# nobody fitted (the same author, so still an optimistic one).
AFTER: list[Row] = [
    ("если прилечь на часик то отпускает", {"pain_relieved_by_rest": P}),
    ("в кровати полежу и вроде норм", {"pain_relieved_by_rest": None}),
    ("отдых помогает", {"pain_relieved_by_rest": P}),
    ("лежа становится легче", {"pain_relieved_by_rest": P}),
    ("ночью лежу и всё равно ноет", {"pain_relieved_by_rest": NP}),
    ("как постою минут 15 сразу начинает болеть поясница", {"pain_worse_standing_sitting_long": P}),
    ("долгое стояние у плиты даёт о себе знать, спина ноет",
     {"pain_worse_standing_sitting_long": P}),
    ("после работы за компом поясница ноет сильнее", {"pain_worse_standing_sitting_long": P}),
    ("сижу на больничном, болит спина", {"pain_worse_standing_sitting_long": None}),
    ("при наклоне вперёд прям простреливает", {"pain_worse_with_movement": P}),
    ("кашлять больно в пояснице", {"pain_worse_with_movement": P}),
    ("любое резкое движение отдаётся в спину", {"pain_worse_with_movement": P}),
    ("по ступенькам подниматься тяжело, тянет лобок", {"pain_worse_weight_bearing_one_leg": P}),
    ("переворачиваюсь в постели со стоном", {"pain_worse_weight_bearing_one_leg": P}),
    ("ходить могу, но больно", {"pain_worse_weight_bearing_one_leg": P}),
    ("хожу на работу пешком", {"pain_worse_weight_bearing_one_leg": None}),
    ("боль где-то на шестёрку", {"pain_severity": 6}),
    ("боль по шкале от 1 до 10 на 8", {"pain_severity": 8}),
    ("оценю на 5 баллов", {"pain_severity": 5}),
    ("боль просто адская, не могу", {"pain_severity": 9}),
    ("температура 37.9 с утра", {"temperature_c": 37.9}),
    ("градусник показывает тридцать восемь и три", {"temperature_c": 38.3}),
    ("температура была под 38, сейчас 37,4", {"temperature_c": 38.0}),
    ("горю вся, 39 на градуснике", {"temperature_c": 39.0}),
    ("вдруг резко стрельнуло в пояснице", {"pain_onset_sudden": P}),
    ("боль началась внезапно час назад", {"pain_onset_sudden": P}),
    ("болит постепенно, нарастает", {"pain_onset_sudden": NP}),
    ("болит справа под ребрами сзади", {"pain_right_side": P}),
    ("тянет в левом боку", {"pain_left_side": P}),
    ("болит и справа и слева", {"pain_one_side": NP}),
    ("ноет уже недели две-три", {"pain_duration_over_2_weeks": P}),
    ("болит 3-й день", {"pain_duration_over_2_weeks": A}),
    ("с позапрошлой недели болит", {"pain_duration_over_2_weeks": NP}),
    ("ноги не немеют, слабости нет", {"leg_numbness_tingling": A, "leg_weakness": A}),
    ("ни онемения, ни слабости в ногах", {"leg_numbness_tingling": A, "leg_weakness": A}),
    ("онемения в ногах не бывает", {"leg_numbness_tingling": A}),
    ("живот не твердеет, схваток нет", {"contractions_regular": A}),
    ("схваточки бывают редко, нерегулярно", {"contractions_irregular": P}),
    ("поясница ноет, температуры, озноба нет",
     {"pain_lower_back_central": P, "fever": A, "chills_rigors": A}),
    ("давление сто тридцать пять на восемьдесят", {"systolic_bp": 135, "diastolic_bp": 80}),
]
