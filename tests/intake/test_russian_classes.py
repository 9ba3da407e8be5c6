"""Russian free text by classes of wording (issue 15/16, session 3).

Each narrative below was written for its class, in the way women write on
forums and in messages; none is taken from a vignette set. A class is the
general form (a lay word, an inflection pymorphy3 reads as another word, a
denial that shares its subject with the clause before, a hedge, a number or a
date in Russian usage, Latin-keyboard typing, a slip of the keyboard), and the
assertions name what the words state and what they must not.
"""

from __future__ import annotations

from typing import Any

import pytest

from gravida.intake import ParseResult, parse_text
from gravida.intake.morph import lemma, pattern_lemmas
from gravida.knowledge.load import Pack

from ..helpers import states as state


@pytest.fixture(scope="module")
def ru(ipack: Pack) -> Any:
    def run(text: str) -> ParseResult:
        return parse_text(text, ipack, "ru")

    return run


def check(result: ParseResult, expected: dict[str, str | None]) -> None:
    got = {f: state(result, f) for f in expected}
    assert got == expected, (result.case, [e.to_dict() for e in result.evidence])


# --- the dictionary form and pymorphy3's first reading --------------------------


def test_a_pattern_word_names_its_own_dictionary_word() -> None:
    # "стопа" reads first as a form of "стоп", but "стопы", "стопу" read as "стопа"
    assert lemma("стопы") == "стопа"
    assert "стопа" in pattern_lemmas("стопа")
    # a form she types that is not a dictionary form of its own adds nothing
    assert pattern_lemmas("ногу") == (lemma("ногу"),)


CLASSES: list[tuple[str, str, dict[str, str | None]]] = [
    # inflected forms read first as another word
    (
        "lemma",
        "Срок 27 недель. Со вчера стреляет из поясницы вниз до самой стопы, слева.",
        {"radiates_leg_below_knee": "present", "pain_left_side": "present"},
    ),
    (
        "lemma",
        "31 неделя, ноет в правом боку со спины, ближе к рёбрам.",
        {"pain_right_side": "present", "pain_one_side": "present"},
    ),
    (
        "lemma",
        "У меня 22 недели, тянет в паху и отдаёт туда же из поясницы.",
        {"radiates_groin": "present"},
    ),
    # colloquial and lay words
    (
        "lay",
        "36 нед. С обеда хочу в туалет, а пописать не получается, только капает.",
        {"new_bladder_bowel_dysfunction": "present"},
    ),
    (
        "lay",
        "Срок 30 недель, спина ноет, но с мочеиспусканием всё в порядке, и стул обычный.",
        {"new_bladder_bowel_dysfunction": "absent"},
    ),
    (
        "lay",
        "34 недели, отекли ноги и лицо. Вижу хорошо, голова не болит.",
        {"visual_disturbance": "absent", "severe_headache": "absent"},
    ),
    (
        "lay",
        "35 недель, тошнит, под рёбрами справа ноет, и муж говорит, что белки глаз пожелтели.",
        {"jaundice": "present", "pain_upper_abdomen": "present"},
    ),
    (
        "lay",
        "Срок 28 недель, ноет бок. Кожа обычного цвета, не чешется.",
        {"jaundice": "absent"},
    ),
    (
        "lay",
        "24 недели, приступ боли в боку, а моча стала красноватая.",
        {"blood_in_urine": "present"},
    ),
    (
        "lay",
        "Срок 26 недель, писать больно, моча мутноватая, но крови нет, бока не болят.",
        {"painful_urination": "present", "cloudy_urine": "present"},
    ),
    (
        "lay",
        "32 недели, правая голень толще левой, горячая. Дышу нормально, кровью не кашляю.",
        {"calf_swelling_one_leg": "present", "coughing_blood": "absent"},
    ),
    (
        "lay",
        "30 недель, судороги в икрах по ночам. Икры одинаковые, не красные.",
        {"calf_swelling_one_leg": "absent"},
    ),
    (
        "lay",
        "Срок 35 недель. Резко заболело между лопатками и отдаёт в грудь, страшно.",
        {"pain_upper_back": "present", "chest_pain": "present"},
    ),
    (
        "lay",
        "У меня синдром Марфана, сейчас 33 недели, ноет спина.",
        {"connective_tissue_disorder": "present"},
    ),
    (
        "lay",
        "Срок 20 недель, давно болею системной красной волчанкой, ноет поясница.",
        {"connective_tissue_disorder": "present"},
    ),
    (
        "lay",
        "Я уже пять лет на метипреде из-за астмы. Срок 25 недель, болит спина посередине.",
        {"osteoporosis_risk": "present"},
    ),
    (
        "lay",
        "27 недель. Вчера после шашлыков заболело под правыми рёбрами, тошнит.",
        {"pain_after_fatty_meals": "present", "pain_upper_abdomen": "present"},
    ),
    (
        "lay",
        "Срок 29 недель, болит спина по ночам. Вес набираю нормально, аппетит есть.",
        {"unexplained_weight_loss": "absent"},
    ),
    (
        "lay",
        "33 нед, температура, живот болит при прикосновении, ноет поясница.",
        {"uterus_hard_persistent": "present"},
    ),
    # diminutives
    (
        "diminutive",
        "Девочки, 26 недель, спинка болит, ножки к вечеру немного отекают, температурки нет.",
        {"pain_lower_back_central": "present", "sudden_swelling": "absent", "fever": "absent"},
    ),
    # history is not now
    (
        "history",
        "Раньше стреляло в левую ногу, сейчас прошло. 30 недель, ноет поясница.",
        {"radiates_leg_below_knee": None, "pain_lower_back_central": "present"},
    ),
    (
        "history",
        "В прошлую беременность лежала с пиелонефритом. Сейчас 24 недели, температуры нет.",
        {"history_kidney_infection": "present", "fever": "absent"},
    ),
    # negation scope
    (
        "negation",
        "Срок 33 недели, болит поясница, ноги не немеют, не слабеют.",
        {"leg_numbness_tingling": "absent", "leg_weakness": "absent"},
    ),
    (
        "negation",
        "25 недель. Писать не больно, не часто, моча светлая.",
        {"painful_urination": "absent", "urinary_frequency_urgency": "absent"},
    ),
    (
        "negation",
        "36 недель, спина болит. Когда подтираюсь, ничего не чувствую, и с утра не могу "
        "нормально пописать.",
        {"saddle_numbness": "present", "new_bladder_bowel_dysfunction": "present"},
    ),
    (
        "negation",
        "Срок 11 недель, тянет поясницу по центру, не сбоку. Ни крови, ни мазни.",
        {"pain_one_side": "absent", "vaginal_bleeding": "absent"},
    ),
    (
        "negation",
        "9 недель, ноет поясница, сбоку не болит, плечо не болит.",
        {"pain_one_side": "absent", "shoulder_tip_pain": "absent"},
    ),
    # "нет" denies a thing, never a clause with a verb of its own (typed without commas too)
    (
        "run-on",
        "болит спина и температуры нет, 30 недель",
        {"pain_lower_back_central": "present", "fever": "absent"},
    ),
    (
        "run-on",
        "29 нед температуры нет болит поясница справа и писать больно",
        {"pain_right_side": "present", "painful_urination": "present", "fever": "absent"},
    ),
    (
        "run-on",
        "оч болит спина 33 нед в ногу не отдает онемения нет",
        {
            "pain_lower_back_central": "present",
            "radiates_leg_below_knee": "absent",
            "leg_numbness_tingling": "absent",
        },
    ),
    (
        "run-on",
        "30 недель, нет температуры, озноба и рвоты",
        {"fever": "absent", "chills_rigors": "absent", "nausea_vomiting": "absent"},
    ),
    # hedges leave the finding to the questions; a simile is not a hedge
    (
        "hedge",
        "30 недель, вроде подтекает что-то, а может, это выделения. Поясница ноет.",
        {"fluid_leak": None},
    ),
    (
        "hedge",
        "34 недели, воды вроде не подтекают, живот мягкий.",
        {"fluid_leak": None},
    ),
    (
        "simile",
        "37 недель, как будто что-то порвалось внутри между лопатками, боль дикая.",
        {"pain_upper_back": "present"},
    ),
    # a slight headache is not the severe one
    (
        "mild",
        "28 недель, утром немного болела голова, прошла сама. Давление 115 на 75.",
        {"severe_headache": None},
    ),
    (
        "mild",
        "38 недель, очень сильно болит голова с утра, таблетка не помогает.",
        {"severe_headache": "present"},
    ),
    # breathless on stairs only is not short of breath at rest
    (
        "exertion",
        "32 недели, одышка только когда поднимаюсь по лестнице, а в покое дышу спокойно.",
        {"shortness_of_breath": "absent"},
    ),
    (
        "exertion",
        "32 недели, одышка когда поднимаюсь на 3 этаж, в покое дышу нормально.",
        {"shortness_of_breath": "absent", "pain_relieved_by_rest": None},
    ),
    (
        "exertion",
        "31 неделя, одышка в покое и при нагрузке, тянет спину.",
        {"shortness_of_breath": "present"},
    ),
    (
        "exertion",
        "30 недель, задыхаюсь даже лёжа, и болит в груди.",
        {"shortness_of_breath": "present", "chest_pain": "present"},
    ),
    # what someone else saw of her is hers; a relative's own illness is not
    (
        "reported",
        "Срок 31 неделя. Подруга заметила, что у меня глаза жёлтые, и тошнит.",
        {"jaundice": "present"},
    ),
    (
        "family",
        "Срок 31 неделя, у мамы была желтуха, а у меня просто ноет поясница.",
        {"jaundice": None},
    ),
    # an easing right after a tightening is the tightening's, not the back's
    (
        "tightening",
        "32 недели, живот каменеет пару раз в день, полежу на боку - проходит. "
        "Поясница ноет отдельно.",
        {"contractions_irregular": "present", "pain_relieved_by_rest": None},
    ),
    (
        "tightening",
        "29 недель, поясница ноет к вечеру, полежу на боку - проходит.",
        {"pain_relieved_by_rest": "present"},
    ),
    # how long: the time before the pain word; a late period is not the pain
    (
        "duration",
        "Срок 23 недели. Месяц болит спина, ночью тоже.",
        {"pain_duration_over_2_weeks": "present"},
    ),
    (
        "duration",
        "Задержка 10 дней, тест положительный, тянет поясницу.",
        {"pain_duration_over_2_weeks": None},
    ),
    (
        "standing",
        "Срок 21 неделя, поясница болит особенно после того как посижу пару часов.",
        {"pain_worse_standing_sitting_long": "present"},
    ),
    (
        "standing",
        "Срок 21 неделя, к вечеру ноет поясница.",
        {"pain_worse_standing_sitting_long": None},
    ),
]


@pytest.mark.parametrize(("cls", "text", "expected"), CLASSES, ids=[c[0] for c in CLASSES])
def test_class_of_wording(ru: Any, cls: str, text: str, expected: dict[str, str | None]) -> None:
    check(ru(text), expected)


# --- numbers and dates in Russian usage -----------------------------------------


@pytest.mark.parametrize(
    ("text", "finding", "value"),
    [
        ("Я на 7 месяце, ноет спина", "gestational_weeks", 28),
        ("срок 20 нед, болит поясница", "gestational_weeks", 20),
        ("сейчас 3 триместр, ноет поясница", "gestational_weeks", 33),
        ("на тридцать второй неделе заныла спина", "gestational_weeks", 32),
        ("беременность 34+5, тянет поясницу", "gestational_weeks", 34),
        ("30 нед, температура 38,5, знобит", "temperature_c", 38.5),
        ("30 нед, градусник показал 37.9", "temperature_c", 37.9),
        ("32 недели, давление 150 на 100", "systolic_bp", 150),
        ("32 недели, давление 150 на 100", "diastolic_bp", 100),
        ("27 недель, пульс под 120, слабость", "heart_rate", 120),
        ("25 недель, спина болит на 7 из 10", "pain_severity", 7),
        ("29 нед, температура 38 и 4, знобит", "temperature_c", 38.4),
        ("29 нед, температура тридцать восемь, знобит", "temperature_c", 38),
        ("на 6 мес. ноет поясница", "gestational_weeks", 24),
        ("восьмой месяц пошёл, тянет спину", "gestational_weeks", 33),
        ("у нас 31 акушерская неделя, болит поясница", "gestational_weeks", 31),
        ("уже 37 неделя, ноет спина", "gestational_weeks", 37),
        ("неделя 26, стреляет в ногу", "gestational_weeks", 26),
        ("двадцатая неделя, тянет поясницу", "gestational_weeks", 20),
    ],
)
def test_russian_numbers_and_dates(ru: Any, text: str, finding: str, value: float) -> None:
    assert ru(text).case.get(finding) == pytest.approx(value, abs=0.5)


def test_a_duration_is_not_the_weeks_of_pregnancy(ru: Any) -> None:
    result = ru("Срок 30 недель. 3 месяца болит спина, неделю назад упала.")
    assert result.case.get("gestational_weeks") == 30
    check(result, {"pain_duration_over_2_weeks": "present", "recent_trauma": "present"})


def test_a_pulse_in_beats_is_not_a_blow(ru: Any) -> None:
    result = ru("28 недель, пульс 112 ударов в минуту, слабость")
    assert result.case.get("heart_rate") == 112
    check(result, {"recent_trauma": None})


# --- Latin keyboard -----------------------------------------------------------


def test_latin_typed_russian_reads_as_russian(ru: Any, ipack: Pack) -> None:
    text = "srok 29 nedel, bolit pojasnica i streljaet v levuju nogu do stopy, temperatury net"
    result = parse_text(text, ipack)  # language detected, not given
    assert result.language == "ru"
    assert result.case.get("gestational_weeks") == 29
    check(
        result,
        {"radiates_leg_below_knee": "present", "pain_left_side": "present", "fever": "absent"},
    )
    # every span points at her Latin letters
    assert all(text[e.start : e.end] == e.text for e in result.evidence)


# --- slips of the keyboard: only words the dictionary does not know ------------


def test_slips_are_read_as_the_phrase_form_they_are_one_edit_from(ru: Any) -> None:
    text = "32 нидели, паясница ноет, тошнид с утра"
    result = ru(text)
    assert result.case.get("gestational_weeks") == 32
    check(result, {"pain_lower_back_central": "present", "nausea_vomiting": "present"})
    slip = next(e for e in result.evidence if e.finding == "pain_lower_back_central")
    assert slip.text == text[slip.start : slip.end] == "паясница ноет"  # what she typed
    assert "read_as:паясница=поясница" in slip.flags


def test_known_words_and_medicine_names_are_never_corrected(ipack: Pack) -> None:
    from gravida.intake.lexicon import lexicon_for

    speller = lexicon_for(ipack, "ru").speller
    assert speller is not None
    for word in ("полно", "больно", "бочка", "нурофен", "ношпа", "фрагмин"):
        assert speller.read(word) is None, word
    assert speller.read("тимпература") == "температура"
    # two different words one edit away ("смена", "спина"): left as typed
    assert speller.read("спена") is None
    # ...unless one of them only restores a letter slips often drop (the soft sign)
    assert speller.read("болно") == "больно"


@pytest.mark.parametrize(
    ("text", "weeks", "expected"),
    [
        (
            "pomogite, 31 nedel, streljaet iz pojasnicy v pravuju nogu do pjatki",
            31,
            {"radiates_leg_below_knee": "present", "pain_right_side": "present"},
        ),
        ("zhivot kameneet kazhdye 4 minuty, 37 nedel", 37, {"contractions_regular": "present"}),
        # the soft sign left out on a Latin keyboard: "pisat bolno" is "писать больно"
        ("29 ned, noet pojasnica sprava, pisat bolno", 29, {"painful_urination": "present"}),
    ],
)
def test_short_latin_typed_messages(
    ipack: Pack, text: str, weeks: int, expected: dict[str, str | None]
) -> None:
    result = parse_text(text, ipack)
    assert result.language == "ru"
    assert result.case.get("gestational_weeks") == weeks
    check(result, expected)


def test_english_with_short_words_stays_english(ipack: Pack) -> None:
    result = parse_text("I do not know what to do, my back hurts at 30 weeks", ipack)
    assert result.language == "en"
    assert "pain_lower_back_central" in result.case["present"]

