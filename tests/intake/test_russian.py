"""Russian free text: one pipeline over the Russian phrase data (issue 16).

Each test is a class of wording (inflection, negation before and after the
word, clause boundaries, Russian numbers and dates, lay words), not a
sentence from a vignette set.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from gravida.intake import parse_text
from gravida.intake.language import LanguageNotRead, detect, load_languages
from gravida.intake.lexicon import lexicon_for, load_lexicon
from gravida.intake.morph import lemma
from gravida.knowledge.load import PackError, default_pack_dir, load_pack

from ..helpers import states


@pytest.fixture(scope="module")
def ru(ipack):
    def run(text):
        return parse_text(text, ipack)

    return run


# --- the dictionary form carries every inflected form --------------------------


def test_lemmas_join_inflected_forms():
    assert {lemma(w) for w in ("поясница", "поясницу", "пояснице", "поясницей")} == {"поясница"}
    assert {lemma(w) for w in ("болит", "болело", "болят")} == {"болеть"}
    assert lemma("ЁЛКА") == lemma("елка")
    assert lemma("nurofen") == "nurofen"


@pytest.mark.parametrize(
    "text",
    [
        "Болит поясница.",
        "Поясницу ломит.",
        "В пояснице тянет.",
        "Боль в пояснице.",
        "Спина болит внизу.",
        "Болит низ спины.",
    ],
)
def test_lower_back_in_any_case(ru, text):
    assert states(ru(f"Срок 30 недель. {text}"), "pain_lower_back_central") == "present"


# --- ConText in Russian ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Нет температуры.",
        "Температуры нет.",
        "Без температуры.",
        "Не было температуры.",
        "Ни температуры, ни озноба нет.",
        "Температура нормальная.",
    ],
)
def test_denied_fever(ru, text):
    assert states(ru(text), "fever") == "absent"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Нет ни температуры, ни озноба, ни кровотечения.", "vaginal_bleeding"),
        ("Нет температуры, озноба и кровотечения.", "vaginal_bleeding"),
        ("Кровотечения нет.", "vaginal_bleeding"),
        ("Подтекания вод нет.", "fluid_leak"),
        ("Кровянистые выделения отсутствуют.", "vaginal_bleeding"),
    ],
)
def test_every_item_of_a_denied_list(ru, text, finding):
    assert states(ru(text), finding) == "absent"


@pytest.mark.parametrize(
    "text",
    [
        "Живот не болит, спина болит.",
        "Температуры нет, поясницу ломит.",
        "Нет температуры, но болит поясница.",
        "Крови нет, а спина болит сильно.",
    ],
)
def test_a_denial_ends_with_its_clause(ru, text):
    assert states(ru(text), "pain_lower_back_central") == "present"


@pytest.mark.parametrize(
    "text",
    ["Вроде температура поднялась.", "Кажется, знобит.", "Может быть, был озноб."],
)
def test_hedged_findings_are_left_to_ask(ru, text):
    result = ru(text)
    assert states(result, "fever") is None and states(result, "chills_rigors") is None
    assert any(not e.used and "uncertain" in e.flags for e in result.evidence)


@pytest.mark.parametrize(
    "text",
    ["У мамы был пиелонефрит.", "У сестры камни в почках.", "В семье у многих грыжа диска."],
)
def test_someone_elses_history_is_not_hers(ru, text):
    result = ru(text)
    assert not result.case["present"]
    assert any(not e.used and "family" in e.flags for e in result.evidence)


def test_her_own_past_counts_for_history(ru):
    result = ru("Два года назад у меня был пиелонефрит.")
    assert states(result, "history_kidney_infection") == "present"


# --- numbers and dates -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "weeks"),
    [
        ("Срок 36 недель.", 36),
        ("Я на 32 неделе.", 32),
        ("Беременность 28 недель, болит спина.", 28),
        ("34+5, болит поясница.", 34),
        ("Сейчас 30-я неделя.", 30),
        ("Мы на тридцать второй неделе.", 32),
        ("36 недель беременности.", 36),
    ],
)
def test_weeks_of_pregnancy(ru, text, weeks):
    assert ru(text).case.get("gestational_weeks") == weeks


@pytest.mark.parametrize("text", ["Я на 7 месяце.", "Я на седьмом месяце беременности."])
def test_months_are_a_flagged_estimate(ru, text):
    """The seventh month under way is six and a half months (session 16): 28 weeks."""
    result = ru(text)
    assert result.case.get("gestational_weeks") == 28
    assert result.estimates() == ["gestational_weeks"]


def test_second_trimester_is_an_estimate(ru):
    result = ru("Второй триместр, болит поясница.")
    assert result.case.get("gestational_weeks") == 20
    assert "gestational_weeks" in result.estimates()


@pytest.mark.parametrize(
    "text", ["Уже 3 недели болит спина.", "Спина болит 2 недели назад началось."]
)
def test_a_stretch_of_weeks_is_not_the_pregnancy(ru, text):
    assert "gestational_weeks" not in ru(text).case


@pytest.mark.parametrize(
    ("text", "finding", "value"),
    [
        ("Температура 38,5.", "temperature_c", 38.5),
        ("Мерила: 37.9, знобит.", "temperature_c", 37.9),
        ("Давление 140 на 90.", "systolic_bp", 140),
        ("Давление 140 на 90.", "diastolic_bp", 90),
        ("АД 150/100.", "systolic_bp", 150),
        ("Пульс 120.", "heart_rate", 120),
        ("Мне 31 год.", "maternal_age", 31),
        ("Боль на 7 из 10.", "pain_severity", 7),
        ("Болит спина, оцениваю на 6.", "pain_severity", 6),
        ("Давление верхнее 150, нижнее 100.", "systolic_bp", 150),
        ("Срок 30, болит спина.", "gestational_weeks", 30),
    ],
)
def test_numbers_in_russian_usage(ru, text, finding, value):
    assert ru(text).case.get(finding) == value


def test_a_temperature_said_in_two_parts_is_not_misread(ru):
    # "37 и 9" is 37.9, a decimal said aloud; never 37.0, which would deny a fever
    assert ru("Температура 37 и 9.").case.get("temperature_c") == 37.9
    assert ru("Температура тридцать восемь и две.").case.get("temperature_c") == 38.2
    # "и" before anything but one digit is not a decimal
    assert ru("Температура 37 и 12 дней болит спина.").case.get("temperature_c") != 37.12


def test_the_babys_heart_rate_is_not_her_pulse(ru):
    assert "heart_rate" not in ru("Сердцебиение плода 140.").case


@pytest.mark.parametrize(
    ("text", "over_two_weeks"),
    [
        ("Поясница болит вторую неделю.", "absent"),
        ("Поясница болит уже третью неделю.", "present"),
        ("Спина болит уже месяц.", "present"),
        ("Спина болит больше двух недель.", "present"),
        ("Спина болит уже 5 дней.", "absent"),
        ("Спина болит со вчерашнего дня.", None),
    ],
)
def test_how_long_it_has_hurt(ru, text, over_two_weeks):
    assert states(ru(text), "pain_duration_over_2_weeks") == over_two_weeks


# --- lay words and euphemisms -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("Писать больно.", "painful_urination"),
        ("Больно писать, жжёт.", "painful_urination"),
        ("Воды подтекают.", "fluid_leak"),
        ("Онемело между ног.", "saddle_numbness"),
        ("Не чувствую, когда подтираюсь.", "saddle_numbness"),
        ("Тянет низ живота.", "pain_lower_abdomen"),
        ("Кровянистые выделения с утра.", "vaginal_bleeding"),
        ("Мажет коричневым.", "vaginal_bleeding"),
        ("Живот иногда каменеет.", "contractions_irregular"),
        ("Схватки каждые 5 минут.", "contractions_regular"),
        ("Малыш почти не шевелится.", "reduced_fetal_movements"),
        ("Отдаёт в ногу до стопы.", "radiates_leg_below_knee"),
        ("Мушки перед глазами.", "visual_disturbance"),
        ("Колю клексан.", "osteoporosis_risk"),
        ("Колю clexane.", "osteoporosis_risk"),
    ],
)
def test_lay_words(ru, text, finding):
    assert states(ru(f"Срок 30 недель. {text}"), finding) == "present"


def test_a_pain_word_names_the_place_and_the_kind(ru):
    case = ru("Срок 30 недель. Спина ноет, тянет низ живота.").case
    assert {"pain_lower_back_central", "pain_lower_abdomen", "pain_dull_aching"} <= set(
        case["present"]
    )


def test_baby_moving_as_usual_is_a_normal_finding(ru):
    assert states(ru("Ребёнок шевелится как обычно."), "reduced_fetal_movements") == "absent"


def test_moving_less_wins_over_moving(ru):
    result = ru("Ребёнок шевелится меньше, чем вчера.")
    assert states(result, "reduced_fetal_movements") == "present"


def test_spans_point_into_the_text(ru):
    text = "Срок 33 недели. Со вчерашнего дня болит поясница справа, температура 38,2, знобит."
    result = ru(text)
    assert result.language == "ru"
    for e in result.evidence:
        assert text[e.start : e.end] == e.text


# --- which language ------------------------------------------------------------------


@pytest.fixture(scope="module")
def langs(ipack):
    return load_languages(ipack)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Болит спина, срок 30 недель, пила nurofen.", "ru"),
        ("My back hurts, I'm 30 weeks, took Нурофен.", "en"),
        ("38.5", "en"),
        ("", "en"),
    ],
)
def test_the_majority_script_picks_the_language(langs, text, code):
    assert detect(text, langs).code == code


@pytest.mark.parametrize(
    "text",
    [
        "Είμαι έγκυος 30 εβδομάδων και πονάει η πλάτη μου.",
        "我怀孕三十周了，腰很疼。",
        "Ich bin in der dreißigsten Woche schwanger und habe seit gestern Rückenschmerzen.",
    ],
)
def test_text_gravida_cannot_read_says_so(ipack, text):
    result = parse_text(text, ipack)
    assert result.language is None
    assert result.case == {"present": [], "absent": []}
    assert result.warnings and "cannot read" in result.warnings[0]


def test_a_neighbour_language_is_read_with_a_doubt(ipack):
    result = parse_text("Я вагітна, болить спина, температури немає, відчуваю поштовхи.", ipack)
    assert result.language in (None, "ru")
    assert "may not be in Русский" in result.warnings[0] or "cannot read" in result.warnings[0]


def test_english_shorthand_is_still_english(ipack):
    result = parse_text("G2P1, 29/40. LBP x 5/7, central, dull. Afebrile. BP 118/72.", ipack)
    assert result.language == "en"
    assert result.case.get("gestational_weeks") == 29


def test_a_language_can_be_named(ipack):
    assert parse_text("36 недель", ipack, "ru").case.get("gestational_weeks") == 36
    assert parse_text("36 недель", ipack, " RU ").language == "ru"
    with pytest.raises(LanguageNotRead) as info:
        parse_text("Rückenschmerzen", ipack, "de")
    assert info.value.known == ("en", "ru")


def test_cli_lang_option():
    from gravida.cli.parse import parse

    runner = CliRunner()
    ok = runner.invoke(parse, ["--lang", "ru", "--json", "Срок 36 недель, поясницу ломит."])
    assert ok.exit_code == 0 and '"language": "ru"' in ok.output
    bad = runner.invoke(parse, ["--lang", "de", "Rückenschmerzen"])
    assert bad.exit_code == 2 and "cannot be read" in bad.output


# --- the phrase data is checked like the English ---------------------------------------


def _pack_copy(tmp_path: Path) -> Path:
    d = tmp_path / "pack"
    shutil.copytree(default_pack_dir(), d)
    return d


def test_a_broken_russian_pattern_names_its_file(tmp_path):
    d = _pack_copy(tmp_path)
    f = d / "phrases" / "ru.yaml"
    f.write_text(
        f.read_text(encoding="utf-8").replace(
            'present: ["озноб', 'present: ["/(/ озноб', 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(PackError) as info:
        load_lexicon(load_pack(d), "ru")
    assert info.value.file == "phrases/ru.yaml" and "chills_rigors" in info.value.entry


def test_a_lemma_language_needs_a_normaliser(tmp_path):
    d = _pack_copy(tmp_path)
    f = d / "phrases" / "ru.yaml"
    f.write_text(
        f.read_text(encoding="utf-8").replace("normaliser: pymorphy3\n", "", 1),
        encoding="utf-8",
    )
    with pytest.raises(PackError) as info:
        load_lexicon(load_pack(d), "ru")
    assert info.value.file == "phrases/ru.yaml" and info.value.entry == "normaliser"


def test_a_language_without_its_script_fails_naming_the_file(tmp_path):
    d = _pack_copy(tmp_path)
    f = d / "phrases" / "ru.yaml"
    f.write_text(
        f.read_text(encoding="utf-8").replace("script: CYRILLIC\n", "", 1), encoding="utf-8"
    )
    with pytest.raises(PackError) as info:
        load_languages(load_pack(d))
    assert info.value.file == "phrases/ru.yaml" and info.value.entry == "script"


def test_every_english_finding_has_russian_phrases(ipack):
    en = {r.finding for r in lexicon_for(ipack, "en").target_rules.values()}
    ru = {r.finding for r in lexicon_for(ipack, "ru").target_rules.values()}
    assert en - {"_mask"} <= ru


# --- classes found on the independent set (wording, not its sentences) ------------


def test_russian_typed_in_latin_letters(ipack):
    text = "srok 29 nedel, bolit pojasnica, temperatury net, pisat' bol'no"
    result = parse_text(text, ipack)
    assert result.language == "ru"
    assert result.case.get("gestational_weeks") == 29
    assert states(result, "pain_lower_back_central") == "present"
    assert states(result, "fever") == "absent"
    assert states(result, "painful_urination") == "present"
    assert "Latin letters" in result.warnings[0]
    for e in result.evidence:
        assert text[e.start : e.end] == e.text  # her own Latin words


@pytest.mark.parametrize(
    ("text", "finding", "state"),
    [
        ("Поясница не болит.", "pain_lower_back_central", "absent"),
        ("Низ живота не тянет.", "pain_lower_abdomen", "absent"),
        ("Ниже колена не идёт.", "radiates_leg_below_knee", "absent"),
        ("Парацетамол не помогает, мушки перед глазами.", "visual_disturbance", "present"),
        ("Чуть не упала, так закружилась голова.", "recent_trauma", None),
        ("Бегаю в туалет каждые 15 минут.", "contractions_regular", None),
        ("Бегаю в туалет каждые 15 минут.", "urinary_frequency_urgency", "present"),
        ("Ноги к вечеру немного отекают.", "sudden_swelling", "absent"),
        ("С ночи болит поясница.", "pain_at_night", None),
        ("Ночью не сплю от боли.", "pain_at_night", "present"),
        ("Лёжа не проходит.", "pain_relieved_by_rest", "absent"),
    ],
)
def test_a_negation_reaches_its_own_words_only(ru, text, finding, state):
    assert states(ru(f"Срок 30 недель. {text}"), finding) == state


def test_a_short_message_in_latin_letters(ipack):
    result = parse_text("srok 30 nedel, bolit pojasnica", ipack)
    assert result.language == "ru"
    assert result.case.get("gestational_weeks") == 30
    assert "pain_lower_back_central" in result.case["present"]


@pytest.mark.parametrize("text", ["Болит поясница слева.", "В пояснице справа тянет."])
def test_a_back_pain_with_its_side_is_one_sided(ru, text):
    case = ru(f"Срок 30 недель. {text}").case
    assert "pain_one_side" in case["present"]
    assert "pain_lower_back_central" not in case["present"]


@pytest.mark.parametrize(
    ("text", "weeks"),
    [
        ("В 10 недель лечила цистит, сейчас 25 недель.", 25),
        ("Я на 7 месяце (28 нед).", 28),
        ("35 нед. С 30 недель гестационная гипертензия.", 35),
    ],
)
def test_the_weeks_now_beat_an_earlier_date_and_an_estimate(ru, text, weeks):
    assert ru(text).case.get("gestational_weeks") == weeks
