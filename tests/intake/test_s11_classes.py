"""Session 11: weeks of pregnancy in every form she writes them (English and
Russian), v2 red flags in everyday English, and denials in lists.

Tables of the intake helper's own sentences (``classes_s11_*.yaml``): the first
(``classes_s11_first.yaml``, ``classes_s11_ru_first.yaml``) written before this
session's reader was opened, the second after the fixes and before it was run;
none copied from a measuring set. ``python bench/intake_classes.py TABLE --rows
--today=2026-12-07 --lang=auto`` prints them; here no class may be read worse than
measured. Due dates in the tables count from 7 December 2026.
"""

from __future__ import annotations

from datetime import date

import pytest

from gravida.intake import parse_text, settle
from gravida.intake.rules import load_number_rules
from gravida.knowledge import PackError
from tests.intake.measured import measured_tests

TODAY = date(2026, 12, 7)

# per table and class: (statements missed, near misses over-read), measured
MEASURED: dict[str, dict[str, tuple[int, int]]] = {
    "classes_s11_first.yaml": {
        # "at 30 weeks with my first she was breech", "back pain at 30 weeks last
        # time" (one week, of a past pregnancy, left as the reader read it)
        "weeks_forms": (0, 2),
        "weeks_for_her": (0, 0),
        "weeks_scan": (0, 0),
        "weeks_due": (0, 0),
        # before this session: 4 of 10 missed ("my legs keep giving way, both sides"
        # still is: "both sides" there is taken by the one-sided pain's words)
        "both_legs": (1, 0),
        "trauma": (0, 0),  # before: 1, 0
        "pelvic_pressure": (0, 0),  # before: 3, 1 ("under a lot of pressure at work")
        "cough_blood": (0, 0),  # before: 2, 0
        "calf": (0, 0),  # before: 1, 0
        "sudden_swelling": (0, 0),  # before: 1, 0
        "v2_denials": (0, 0),  # before: 3, 1 ("lost weight because of morning sickness")
        "headache_denied": (0, 0),
        # left as the own sets read them (their authors' convention): "no
        # tightenings" denies regular contractions, not the irregular; a bleed
        # denied leaves the heavy bleed unstated; "peeing fine" is the bladder's
        "denial_lists": (4, 0),
        "relief_and_posture": (0, 0),
    },
    # first run (after the fixes, honest): 5 of 74 statements missed, 1 of 26 near
    # misses over-read; then "my 28 week check this morning" and "he pushed me into
    # the door" were read (3, 1)
    "classes_s11_second.yaml": {
        # "she had her 12 week scan today (my sister)"; "due a week on Friday" is read
        # since session 12 (before: 1, 1)
        "weeks_forms": (0, 1),
        "weeks_ru": (0, 0),
        # "the baby's head is right down there pushing"
        "red_flags": (1, 0),
        # "I can feel everything down below"
        "denials": (1, 0),
    },
    "classes_s11_ru_first.yaml": {
        "weeks_forms_ru": (0, 0),
        "weeks_for_her_ru": (0, 0),
        "weeks_due_ru": (0, 0),
    },
}
test_every_class_is_measured, test_a_class_is_read_at_least_as_well_as_measured = (
    measured_tests(MEASURED)
)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tables' due dates count from one fixed day."""
    monkeypatch.setattr(settle, "today", lambda: TODAY)


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        # a day of the year by its name: its next coming, the term less the weeks to it
        ("due on Valentine's day, back ache", "en", 30),
        ("due on valentines day, back ache", "en", 30),
        ("my due date is Christmas Eve", "en", 37),
        ("рожать на Новый год, болит спина", "ru", 36),
        ("ПДР на Рождество, ноет поясница", "ru", 35),
        # a due date gone by is the term; one a day off, a week less one day
        ("my due date was yesterday and my back aches", "en", 40),
        ("EDD tomorrow, back pain", "en", 39),
        ("ПДР вчера был, поясницу тянет", "ru", 40),
        ("завтра ПДР, болит спина", "ru", 39),
        # a bill, a sister's or a friend's due date is not hers
        ("my rent is due on Valentine's day, pregnant and my back hurts", "en", None),
        ("my sister is due at Christmas, I'm pregnant and my back hurts", "en", None),
        # a scan to come: its week less the weeks until it
        ("my 20 week scan is in 3 weeks, back pain", "en", 17),
        ("off to my 32 week growth scan, my back is killing me", "en", 32),
        # obstetric notation before "with my first" is now, not a past pregnancy
        ("33+2 with my first, back pain", "en", 33),
        ("with my first I bled at 30 weeks", "en", None),
        # someone writing for her gives her weeks
        ("my sister is 32 weeks, her back is agony", "en", 32),
        ("сестра на 31 неделе, сильно болит спина", "ru", 31),
        # ...but a relative's other times stay theirs
        ("my back has hurt for 3 days since my sister's wedding 2 months ago", "en", None),
        # months after "pregnant", and as an item of its own in Russian
        ("Pregnant. Baby 7 month. Back hurt.", "en", 30),
        ("кассир, 7 мес. поясница ноет", "ru", 30),
        ("поясница ноет, 3 мес.", "ru", None),
        ("Болит поясница уже 1,5 месяца", "ru", None),
        ("pregnant again, my baby is 7 months old", "en", None),
        # a half
        ("twenty two and a half weeks, back aching", "en", 22),
        ("двадцать две с половиной недели, тянет поясницу", "ru", 22),
        ("I'm 24 and a half weeks", "en", 24),
        # a few weeks right after a word of pain are how long it hurt; many, her weeks
        ("Back pain. 4 weeks. Getting worse.", "en", None),
        ("back pain, 8 weeks", "en", None),
        ("Sore back, 28 weeks, first baby", "en", 28),
        ("30 weeks. back pain", "en", 30),
        # what came back is hers now
        ("I had a slipped disc years ago and at 22 weeks it's come back", "en", 22),
    ],
)
def test_weeks_in_every_form(ipack, text: str, lang: str, want: int | None) -> None:
    got = parse_text(text, ipack, lang).case.numbers.get("gestational_weeks")
    assert got == want, (text, got)


def test_half_a_week_is_not_her_age(ipack) -> None:
    assert "maternal_age" not in parse_text("I'm 24 and a half weeks", ipack, "en").case.numbers


def test_a_named_day_rule_needs_days_of_the_year() -> None:
    rule = {
        "finding": "gestational_weeks",
        "kind": "due_day",
        "term": 40,
        "regex": "due on (?P<value>christmas)",
        "days": {"christmas": "12-25"},
    }
    assert load_number_rules([rule], {"gestational_weeks"}, {}, "\\d+")[0].days == {
        "christmas": (12, 25)
    }
    for bad in ({"christmas": "13-25"}, {"christmas": "02-30"}, {}, None):
        with pytest.raises(PackError):
            load_number_rules([{**rule, "days": bad}], {"gestational_weeks"}, {}, "\\d+")
    with pytest.raises(PackError):  # days only for due_day
        load_number_rules(
            [{"finding": "gestational_weeks", "regex": "(?P<value>\\d+)", "days": {"x": "01-01"}}],
            {"gestational_weeks"}, {}, "\\d+",
        )


@pytest.mark.parametrize(
    ("text", "finding", "want"),
    [
        # the pressure of work or life is no pelvic pressure; the feeling of pushing is
        ("I'm under a lot of pressure at work", "pelvic_pressure", "unset"),
        ("work pressure is getting to me", "pelvic_pressure", "unset"),
        ("feels like I need to push", "pelvic_pressure", "present"),
        ("like a bowling ball between my legs", "pelvic_pressure", "present"),
        # a blow from a vehicle or a person; a figure of speech is none
        ("I got hit by a cyclist today", "recent_trauma", "present"),
        ("he pushed me into the door", "recent_trauma", "present"),
        ("I feel like I've been hit by a bus", "recent_trauma", "unset"),
        ("my son pushed me to go to the doctor", "recent_trauma", "unset"),
        # both legs in their own words
        ("the pain goes into my legs, both of them", "both_legs_affected", "present"),
        ("numbness down the left and the right leg", "both_legs_affected", "present"),
        ("it runs down the back of both thighs", "both_legs_affected", "present"),
        ("both ankles are swollen", "both_legs_affected", "unset"),
        # blood coughed into a tissue; a dry cough brings none up
        ("there was blood in the tissue when I coughed", "coughing_blood", "present"),
        ("my cough is dry", "coughing_blood", "absent"),
        # swelling that blew up; a calf denied in a list
        ("my feet have blown up like balloons", "sudden_swelling", "present"),
        ("no red or swollen leg", "calf_swelling_one_leg", "absent"),
        # saddle sensation and weight in lay words; weight lost for a reason
        ("I can feel my bum and privates fine", "saddle_numbness", "absent"),
        ("it feels normal when I wipe", "saddle_numbness", "absent"),
        ("weight gain is on track", "unexplained_weight_loss", "absent"),
        ("I've lost weight because of morning sickness", "unexplained_weight_loss", "absent"),
        ("I've lost weight and I don't know why", "unexplained_weight_loss", "present"),
        # a leak denied as a loss of water or nothing coming out
        ("No temperature, no water loss, no blood", "fluid_leak", "absent"),
        ("nothing coming out down below", "fluid_leak", "absent"),
        ("watery stuff coming out down there", "fluid_leak", "present"),
        # a bleed she says is not heavy
        ("spotting, not heavy", "heavy_vaginal_bleeding", "absent"),
        ("some spotting, nothing like a period", "heavy_vaginal_bleeding", "absent"),
        ("spotting, not heavy", "vaginal_bleeding", "present"),
        ("I'm bleeding heavily, it's like a period", "heavy_vaginal_bleeding", "present"),
    ],
)
def test_the_red_flag_mechanisms(parse, text: str, finding: str, want: str) -> None:
    from gravida.intake.score import reading

    got = reading(parse(text).case, finding)
    assert got == want, (text, got)


def test_not_after_below_needs_a_number_beside_a_not_after() -> None:
    rule = {"finding": "gestational_weeks", "regex": "(?P<value>\\d+) weeks",
            "not_after": "pain\\W*$", "not_after_below": 10}
    (loaded,) = load_number_rules([rule], {"gestational_weeks"}, {}, "\\d+")
    assert loaded.not_after_below == 10
    for bad in ({**rule, "not_after_below": "ten"}, {**rule, "not_after": None}):
        with pytest.raises(PackError):
            load_number_rules([bad], {"gestational_weeks"}, {}, "\\d+")
