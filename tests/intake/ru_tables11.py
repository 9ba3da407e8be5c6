"""Russian sentences for session 11: the classes Russian narratives still miss.

Written by helper `ru` BEFORE the reader was changed this session and before the
phrase file was opened, from the brief's counts and the few wording shapes it
names (no blind text, no vignette and no near-miss set was read while writing
them), in messenger style: no capitals, run-on commas, slang, typos, Latin
typing, a husband or mother writing for her.

- denials in lists («ни крови, ни температуры», «не тянет, не отдаёт»,
  «кровянки, подтеканий, схваток нет»), each finding of the list denied;
- what eases it («полежу — отпускает», «дома отпускает», «встану, пройдусь —
  отпускает»: a change of position is relief by the vocabulary's definition);
- how long (over two weeks, and short durations stated absent), worse after a
  long stretch, long hours on her feet or seat, a dull ache, the central low
  back, lifting, occasional tightenings, a sudden onset, worse with movement,
  sore to press, cramping in waves, after fatty food, at night;
- denials read the wrong way round: a pain not on one side, no dizziness, a
  belly that does not hurt, a baby moving as usual;
- each class has near misses that must NOT be read as it.

``CLASSES11`` was measured before the reader was changed (``bench/ru_classes.py
--set 11``); ``AFTER11`` was written after the change and never tuned on.

Rows: (text, expected) as in ``ru_tables.py``: "present", "absent", a number,
None (nothing stated) or "not present" (absent or unstated).
"""

from __future__ import annotations

from .ru_tables import NP, A, P, Row

REST, DUR = "pain_relieved_by_rest", "pain_duration_over_2_weeks"
LONG, PROL = "pain_worse_standing_sitting_long", "prolonged_sitting_or_standing"
URI, REG, IRR = "painful_urination", "contractions_regular", "contractions_irregular"
DULL, CEN, LIFT = "pain_dull_aching", "pain_lower_back_central", "heavy_lifting_or_strain"
SUD, MOVE, TEND = "pain_onset_sudden", "pain_worse_with_movement", "lumbar_tenderness"
CRAMP, WEAK, HEAVY = "pain_rhythmic_cramping", "leg_weakness", "heavy_vaginal_bleeding"
FEV, HAEM, BOTH = "fever", "blood_in_urine", "both_legs_affected"
LEAK, KNEE, FAT = "fluid_leak", "radiates_leg_below_knee", "pain_after_fatty_meals"
PRESS, JAUN, NIGHT = "pelvic_pressure", "jaundice", "pain_at_night"
ONE, FAINT, BELLY = "pain_one_side", "faint_or_dizzy", "pain_lower_abdomen"
MOVES, V, BUTT = "reduced_fetal_movements", "vaginal_bleeding", "radiates_buttock_thigh"

DENIAL_LISTS: list[Row] = [
    ("ни крови, ни температуры, ни тонуса, просто спина болит", {V: A, FEV: A}),
    ("кровянки, подтеканий, схваток нет", {V: A, LEAK: A, REG: A}),
    ("поясница ноет, не тянет, не отдаёт никуда", {KNEE: A}),
    ("ни температуры ни жжения при мочеиспускании нет", {FEV: A, URI: A}),
    ("писать не больно, кровь в моче не видела", {URI: A, HAEM: A}),
    ("без температуры, без кровянки, воды не подтекают", {FEV: A, V: A, LEAK: A}),
    ("ни кровотечения, ни подтекания, ни схваток", {V: A, LEAK: A, REG: A}),
    ("в туалет хожу нормально, не жжёт, не режет", {URI: A}),
    ("ноги не немеют, не слабеют, ходить могу", {WEAK: A}),
    ("слабости в ногах нет, онемения тоже", {WEAK: A}),
    ("в ноги не отдает ни в одну ни в другую", {KNEE: A, BOTH: A}),
    ("желтушности нет, глаза белые", {JAUN: A}),
    ("кожа не желтая, моча светлая", {JAUN: A, HAEM: A}),
    ("t нет, выделения обычные, ничего не подтекает", {FEV: A, LEAK: A}),
    ("кровотечения обильного нет, даже мазни нет", {HEAVY: A, V: A}),
    ("давления внизу нет, как будто ничего не давит", {PRESS: A}),
    ("схваток регулярных нет, тонуса нет", {REG: A}),
    ("жена пишет: ни крови ни воды ни температуры", {V: A, LEAK: A, FEV: A}),
    ("нет ни жара, ни озноба", {FEV: A}),
    ("моча нормального цвета, без крови, писать не больно", {HAEM: A, URI: A}),
    ("ne tyanet, ne otdaet, krovi net", {V: A, KNEE: A}),
    ("температуры нету, кровить не кровит, воды целы", {FEV: A, V: A, LEAK: A}),
    ("никаких выделений, ни кровянистых, ни водянистых", {V: A, LEAK: A}),
    ("ноги обе в порядке, не немеют", {BOTH: A}),
    ("ничего не подтекает и не кровит", {LEAK: A, V: A}),
]
DENIAL_LISTS_NEAR: list[Row] = [
    ("ни крови ни температуры нет, но поясница ноет и отдаёт в ногу", {V: A, FEV: A}),
    ("нет температуры, а вот писать больно", {FEV: A, URI: P}),
    ("не тянет, а прям режет в пояснице", {KNEE: None}),
    ("схваток нет, но воды вроде подтекают", {LEAK: None, REG: A}),
    ("ни сесть ни встать, так болит спина", {V: None, FEV: None}),
    ("крови нет, а температура 38,2", {V: A, FEV: P}),
]

RELIEF: list[Row] = [
    ("полежу — отпускает", {REST: P}),
    ("дома отпускает, на работе снова ноет", {REST: P}),
    ("встану, пройдусь — отпускает", {REST: P}),
    ("поменяю позу и легче", {REST: P}),
    ("приду домой, лягу, и через час норм", {REST: P}),
    ("лежу на боку с подушкой — почти не чувствую", {REST: P}),
    ("если прилечь, то проходит минут через 10", {REST: P}),
    ("отлежалась и отпустило", {REST: P}),
    ("в выходные отдохнула — вообще не болело", {REST: P}),
    ("посижу чуть-чуть, и отходит", {REST: P}),
    ("на фитболе покачаюсь — отпускает", {REST: P}),
    ("когда отдыхаю — проходит", {REST: P}),
    ("после ночного сна отпускает", {REST: P}),
    ("как лягу, так сразу легчает", {REST: P}),
    ("ляжешь — и вроде как отпустило", {REST: P}),
    ("ploho kogda hozhu, polezhu - otpuskaet", {REST: P}),
    ("перевернусь на другой бок, и проходит", {REST: P}),
    ("отдых помогает, отпускает", {REST: P}),
    ("лягу на диван, и через полчасика отходит", {REST: P}),
    ("пока лежу, вообще ничего не беспокоит", {REST: P}),
]
RELIEF_NEAR: list[Row] = [
    ("полежу — не отпускает", {REST: A}),
    ("лежу, а боль не проходит", {REST: NP}),
    ("отпускает только после но-шпы", {REST: None}),
    ("живот каменеет, полежу — отпускает", {REST: NP}),
    ("дома лежу, всё равно болит", {REST: NP}),
    ("отпуск скоро, спина болит", {REST: None}),
]

DURATION: list[Row] = [
    ("поясница болит уже больше месяца", {DUR: P}),
    ("третья неделя пошла как болит спина", {DUR: P}),
    ("болит давно, наверно с начала беременности", {DUR: P}),
    ("спина ноет почти всю беременность", {DUR: P}),
    ("с прошлого месяца тянет поясницу", {DUR: P}),
    ("болит уже несколько недель", {DUR: P}),
    ("спина беспокоит недели 2,5", {DUR: P}),
    ("мучаюсь со спиной где-то месяц", {DUR: P}),
    ("недели три как тянет крестец", {DUR: P}),
    ("уже пару недель с лишним ноет", {DUR: P}),
    ("болит спина неделю", {DUR: A}),
    ("поясница ноет дня 4", {DUR: A}),
    ("болит пару дней", {DUR: A}),
    ("спина заболела дней пять назад", {DUR: A}),
    ("третий день болит поясница", {DUR: A}),
    ("болит с выходных, уже 3 дня", {DUR: A}),
    ("ноет неделю, может дней 8", {DUR: A}),
]
DURATION_NEAR: list[Row] = [
    ("три недели назад была у врача, сегодня заболела спина", {DUR: NP}),
    ("спина болит со вчера, срок 28 недель", {DUR: None}),
    ("на больничном месяц, спина заболела вчера", {DUR: NP}),
    ("муж в командировке две недели, а у меня спина болит с утра", {DUR: NP}),
]

LONG_POSTURE: list[Row] = [
    ("посижу подольше за компом — спина ноет сильнее", {LONG: P}),
    ("постою в очереди полчаса и всё, поясница отваливается", {LONG: P}),
    ("к вечеру, как находишься на ногах, сильнее болит", {LONG: P}),
    ("если долго сижу, потом не разогнуться", {LONG: P}),
    ("стоять долго тяжело, спина ноет", {LONG: P}),
    ("в машине час посидела и поясницу ломит", {LONG: P}),
    ("после рабочего дня в офисе спина болит сильнее", {LONG: P}),
    ("сижу долго — начинает тянуть", {LONG: P}),
    ("постою у плиты подольше — и поясница ноет", {LONG: P}),
    ("долгое сидение усиливает боль", {LONG: P}),
    ("чем дольше стою, тем хуже", {LONG: P}),
    ("к концу смены вообще невыносимо", {LONG: P}),
    ("после долгой дороги в автобусе заболела спина сильнее", {LONG: P}),
    ("на ногах весь день — и к вечеру еле хожу от боли", {LONG: P}),
]
LONG_POSTURE_NEAR: list[Row] = [
    ("долго сидеть не приходится, работаю из дома", {LONG: NP}),
    ("стою у окна, спина болит", {LONG: None}),
    ("сижу дома на больничном, спина болит", {LONG: None}),
    ("долго ждала приёма, спина болит с утра", {LONG: None}),
]

PROLONGED: list[Row] = [
    ("работаю продавцом, весь день на ногах", {PROL: P}),
    ("целый день сижу за компьютером", {PROL: P}),
    ("я бухгалтер, по 8 часов сижу", {PROL: P}),
    ("работа сидячая, за столом с утра до вечера", {PROL: P}),
    ("парикмахер, стою по 10 часов", {PROL: P}),
    ("кассиром работаю, сидя всю смену", {PROL: P}),
    ("каждый день за рулём по 2-3 часа", {PROL: P}),
    ("учитель, весь день на ногах у доски", {PROL: P}),
    ("на работе стою по полдня", {PROL: P}),
    ("офис, сидячая работа", {PROL: P}),
    ("rabota sidyachaya, ves den za kompom", {PROL: P}),
    ("повар, всю смену у плиты стою", {PROL: P}),
]
PROLONGED_NEAR: list[Row] = [
    ("в декрете, дома в основном лежу", {PROL: NP}),
    ("работа не сидячая, много хожу", {PROL: NP}),
    ("весь день дома с ребёнком", {PROL: None}),
    ("сидела на диете, спина болит", {PROL: None}),
]

ACHE: list[Row] = [
    ("поясница ноет", {DULL: P}),
    ("тянущая боль в пояснице", {DULL: P}),
    ("спина тянет, не сильно", {DULL: P}),
    ("боль тупая, ноющая", {DULL: P}),
    ("ломит поясницу", {DULL: P}),
    ("ноющие боли в спине", {DULL: P}),
    ("поясницу тянет как-то тупо", {DULL: P}),
    ("нудит поясница весь день", {DULL: P}),
    ("спину ломит и ноет", {DULL: P}),
    ("tyanet poyasnicu, noet", {DULL: P}),
    ("болит тупо, постоянно", {DULL: P}),
    ("поясница гудит", {DULL: P}),
]
ACHE_NEAR: list[Row] = [
    ("боль острая, стреляющая", {DULL: NP}),
    ("кинжальная боль в пояснице", {DULL: NP}),
    ("тянет на солёное, а спина болит резко", {DULL: NP}),
    ("муж ноет, что я не сплю", {DULL: None}),
]

CENTRAL: list[Row] = [
    ("болит поясница посередине", {CEN: P}),
    ("болит по центру спины внизу", {CEN: P}),
    ("ноет позвоночник в районе поясницы", {CEN: P}),
    ("болит вся поясница", {CEN: P}),
    ("болит внизу спины, прямо по позвоночнику", {CEN: P}),
    ("поясница болит с обеих сторон", {CEN: P}),
    ("ломит поперёк поясницы", {CEN: P}),
    ("болит в пояснице, в самом низу спины", {CEN: P}),
    ("ноет поясничный отдел", {CEN: P}),
    ("больно в районе копчика и поясницы посередине", {CEN: P}),
]
CENTRAL_NEAR: list[Row] = [
    ("болит справа в пояснице, сбоку", {CEN: NP}),
    ("болит между лопаток", {CEN: NP}),
    ("болит левый бок под рёбрами", {CEN: NP}),
    ("болит шея и плечи", {CEN: NP}),
]

LIFTING: list[Row] = [
    ("подняла старшего на руки, и прихватило", {LIFT: P}),
    ("таскала сумки из магазина, после этого болит", {LIFT: P}),
    ("заболело после того как передвигала шкаф", {LIFT: P}),
    ("переезжали, я коробки носила, вот и спина", {LIFT: P}),
    ("подняла ведро с водой, и спину заклинило", {LIFT: P}),
    ("мыла полы, наклонилась и потянула спину", {LIFT: P}),
    ("сына (3 года) таскаю на руках, спина болит", {LIFT: P}),
    ("подняла тяжелое и сорвала спину", {LIFT: P}),
    ("после генеральной уборки заболела поясница", {LIFT: P}),
    ("таскала арбуз с рынка, теперь болит", {LIFT: P}),
    ("двигала диван, потом заболело", {LIFT: P}),
]
LIFTING_NEAR: list[Row] = [
    ("тяжёлое не поднимаю, муж всё носит", {LIFT: NP}),
    ("ничего не поднимала, просто заболело", {LIFT: NP}),
    ("сумки носит муж, спина болит сама по себе", {LIFT: NP}),
    ("подняла руку, и кольнуло в груди", {LIFT: None}),
]

IRREGULAR: list[Row] = [
    ("живот иногда каменеет, потом отпускает", {IRR: P}),
    ("бывает тонус, пару раз в день", {IRR: P}),
    ("тренировочные схватки бывают, нерегулярные", {IRR: P}),
    ("живот твердеет изредка, без системы", {IRR: P}),
    ("иногда живот напрягается, но не регулярно", {IRR: P}),
    ("периодически живот в тонус приходит, полежу и проходит", {IRR: P}),
    ("ложные схватки вечером были, пару штук", {IRR: P}),
    ("матка иногда сжимается, без периодичности", {IRR: P}),
    ("бывает живот как камень, редко", {IRR: P}),
    ("zhivot inogda kameneet", {IRR: P}),
]
IRREGULAR_NEAR: list[Row] = [
    ("живот мягкий, не каменеет", {IRR: NP}),
    ("схватки каждые 5 минут, регулярные", {IRR: NP}),
    ("камень в почке нашли в прошлом году", {IRR: None}),
    ("тонус был в первом триместре, сейчас нет", {IRR: NP}),
]

REGULAR: list[Row] = [
    ("схватки каждые 7 минут уже час", {REG: P}),
    ("живот каменеет каждые 10 минут, регулярно", {REG: P}),
    ("схватки идут через 5 минут, становятся сильнее", {REG: P}),
    ("регулярные схватки с утра", {REG: P}),
    ("каждые минут 8 живот сжимается и спина болит", {REG: P}),
]
REGULAR_NEAR: list[Row] = [
    ("схваток нет вообще", {REG: A}),
    ("регулярных схваток нет", {REG: A}),
    ("схватки? нет, ничего такого", {REG: A}),
    ("боюсь, что начнутся схватки", {REG: NP}),
    ("в первые роды схватки были каждые 5 минут", {REG: NP}),
]

SUDDEN: list[Row] = [
    ("резко заболела спина, прям в один момент", {SUD: P}),
    ("вдруг схватило поясницу", {SUD: P}),
    ("ни с того ни с сего как прострелило", {SUD: P}),
    ("внезапная боль в пояснице", {SUD: P}),
    ("заболело резко, за минуту", {SUD: P}),
    ("сидела и тут вдруг сильная боль", {SUD: P}),
    ("боль появилась неожиданно и сразу сильная", {SUD: P}),
    ("внезапно заболел живот и спина", {SUD: P}),
    ("rezko zabolela poyasnica", {SUD: P}),
    ("как-то сразу заболело, резко", {SUD: P}),
]
SUDDEN_NEAR: list[Row] = [
    ("заболело постепенно, с утра потихоньку", {SUD: NP}),
    ("началось не резко, нарастало", {SUD: NP}),
    ("болит резко при ходьбе", {SUD: NP}),
    ("вдруг это почки?", {SUD: NP}),
]

MOVEMENT: list[Row] = [
    ("при движении больнее", {MOVE: P}),
    ("повернуться больно", {MOVE: P}),
    ("наклониться не могу, сразу простреливает", {MOVE: P}),
    ("когда нагибаюсь, болит сильнее", {MOVE: P}),
    ("чихнуть больно, отдаёт в поясницу", {MOVE: P}),
    ("любое движение — и боль", {MOVE: P}),
    ("при наклонах и поворотах усиливается", {MOVE: P}),
    ("кашляю — больно в спине", {MOVE: P}),
    ("шевельнуться больно", {MOVE: P}),
    ("встаю с кровати — прям стреляет", {MOVE: P}),
    ("движения усиливают боль", {MOVE: P}),
]
MOVEMENT_NEAR: list[Row] = [
    ("движения малыша чувствую хорошо", {MOVE: None}),
    ("при движении не больнее, болит одинаково", {MOVE: NP}),
    ("двигаться стараюсь больше, врач сказал", {MOVE: None}),
    ("в покое болит так же, как при движении", {MOVE: NP}),
]

TENDER: list[Row] = [
    ("нажимаю на поясницу — больно", {TEND: P}),
    ("больно трогать спину внизу", {TEND: P}),
    ("при надавливании на мышцы поясницы болит", {TEND: P}),
    ("муж массирует — больно, мышцы как каменные", {TEND: P}),
    ("если надавить рядом с позвоночником, больно", {TEND: P}),
    ("прощупываются болезненные точки в пояснице", {TEND: P}),
    ("мышцы в пояснице болят при прикосновении", {TEND: P}),
    ("потрогаю поясницу — болит", {TEND: P}),
]
TENDER_NEAR: list[Row] = [
    ("на живот надавить не больно", {TEND: NP}),
    ("нажимаю на кнопку вызова, спина болит", {TEND: None}),
    ("давление 110 на 70, спина болит", {TEND: None}),
    ("поколачивание по пояснице безболезненно", {TEND: NP}),
]

CRAMPING: list[Row] = [
    ("болит как при месячных, накатывает и отпускает", {CRAMP: P}),
    ("боль волнами, то сильнее, то отпускает", {CRAMP: P}),
    ("схваткообразные боли внизу живота и в пояснице", {CRAMP: P}),
    ("накатывает приступами, потом проходит", {CRAMP: P}),
    ("тянет как перед месячными, периодически", {CRAMP: P}),
    ("спазмами болит, то накатит, то отпустит", {CRAMP: P}),
    ("боль приходит волнами каждые минут 15", {CRAMP: P}),
    ("kak pri mesyachnyh, volnami", {CRAMP: P}),
]
CRAMPING_NEAR: list[Row] = [
    ("болит постоянно, не волнами", {CRAMP: NP}),
    ("месячные до беременности были болезненные", {CRAMP: NP}),
    ("на волнах качаться нравилось, а теперь спина болит", {CRAMP: None}),
]

FATTY: list[Row] = [
    ("после жирного болит справа под рёбрами", {FAT: P}),
    ("поела жареного — и началось", {FAT: P}),
    ("после еды хуже, особенно после жирной", {FAT: P}),
    ("съела шашлык, через час заболело", {FAT: P}),
    ("после плотного ужина болит сильнее", {FAT: P}),
    ("как поем жирное, так и болит", {FAT: P}),
]
FATTY_NEAR: list[Row] = [
    ("жирное не ем, болит спина", {FAT: NP}),
    ("от еды не зависит", {FAT: NP}),
    ("поела, спина болит так же", {FAT: None}),
    ("после еды изжога, а спина болит отдельно", {FAT: NP}),
]

NIGHTS: list[Row] = [
    ("ночью сильнее болит", {NIGHT: P}),
    ("просыпаюсь от боли в спине", {NIGHT: P}),
    ("по ночам не сплю из-за поясницы", {NIGHT: P}),
    ("больше всего болит ночью", {NIGHT: P}),
    ("ночами ноет, днём терпимо", {NIGHT: P}),
    ("будит боль среди ночи", {NIGHT: P}),
]
NIGHTS_NEAR: list[Row] = [
    ("ночью не болит, только днём", {NIGHT: A}),
    ("сплю нормально, спина болит днём", {NIGHT: NP}),
    ("ночью малыш пинается, спать не даёт", {NIGHT: None}),
]

WRONG_POLARITY: list[Row] = [
    ("болит не с одной стороны, а по всей пояснице", {ONE: A}),
    ("не справа и не слева, а посередине", {ONE: A}),
    ("болит с двух сторон одинаково", {ONE: A}),
    ("одна сторона не болит больше другой, всё ровно", {ONE: NP}),
    ("голова не кружится", {FAINT: A}),
    ("в обморок не падала, голова не кружилась", {FAINT: A}),
    ("головокружения нет", {FAINT: A}),
    ("ни головокружения, ни слабости", {FAINT: A}),
    ("живот не болит, только спина", {BELLY: A}),
    ("низ живота не тянет", {BELLY: A}),
    ("внизу живота ничего не болит", {BELLY: A}),
    ("живот не тянет, мягкий", {BELLY: A}),
    ("шевелится как обычно", {MOVES: A}),
    ("малыш пинается активно, как всегда", {MOVES: A}),
    ("шевеления нормальные, не меньше", {MOVES: A}),
    ("ребёнок толкается не меньше обычного", {MOVES: A}),
]
WRONG_POLARITY_NEAR: list[Row] = [
    ("болит только справа", {ONE: P}),
    ("голова кружится, когда встаю", {FAINT: P}),
    ("тянет низ живота", {BELLY: P}),
    ("шевелится меньше чем обычно", {MOVES: P}),
]

OVER_READ: list[Row] = [
    # unknown stays unknown: nothing in these says the spread, tightenings, belly,
    # bladder or the side
    ("болит поясница, больше ничего не беспокоит", {BUTT: None, BELLY: NP}),
    ("болит спина, тянет", {BELLY: NP, ONE: None}),
    ("ноет поясница, в туалет хожу часто, как все беременные", {"new_bladder_bowel_dysfunction": NP}),
    ("болит поясница, справа чуть сильнее", {"pain_right_lower_abdomen": NP}),
    ("болит спина, отдает в живот", {"pain_right_lower_abdomen": NP}),
    ("спина болит, малыш толкается вправо", {"pain_right_lower_abdomen": NP, ONE: NP}),
    ("хожу нормально, спина ноет", {"pain_worse_weight_bearing_one_leg": NP}),
]

CLASSES11 = {
    "denial lists": (DENIAL_LISTS, DENIAL_LISTS_NEAR),
    "relief by rest": (RELIEF, RELIEF_NEAR),
    "duration": (DURATION, DURATION_NEAR),
    "worse long posture": (LONG_POSTURE, LONG_POSTURE_NEAR),
    "prolonged posture": (PROLONGED, PROLONGED_NEAR),
    "dull aching": (ACHE, ACHE_NEAR),
    "central low back": (CENTRAL, CENTRAL_NEAR),
    "lifting": (LIFTING, LIFTING_NEAR),
    "irregular tightenings": (IRREGULAR, IRREGULAR_NEAR),
    "regular contractions": (REGULAR, REGULAR_NEAR),
    "sudden onset": (SUDDEN, SUDDEN_NEAR),
    "worse with movement": (MOVEMENT, MOVEMENT_NEAR),
    "tenderness": (TENDER, TENDER_NEAR),
    "cramping": (CRAMPING, CRAMPING_NEAR),
    "fatty meals": (FATTY, FATTY_NEAR),
    "at night": (NIGHTS, NIGHTS_NEAR),
    "wrong polarity": (WRONG_POLARITY, WRONG_POLARITY_NEAR),
    "over-read": (OVER_READ, []),
}

# Written after the reader was changed for the tables above, and not tuned on.
AFTER11: list[Row] = []
