"""Issue 15, session 6: the English reader on wording it has not seen, per class.

Four tables of the intake helper's own sentences (tests/intake/classes_s6_*.yaml):
the first written before the reader was changed (its miss rate then was the
honest generalisation figure), each later one written after a round of fixes
and measured before the next round looked at its misses. ``bench/intake_classes.py TABLE`` prints
the miss rate per class. Here no class may read worse than measured when the
tables were last worked on, and the mechanisms the session added are pinned
both ways (what they read, and the near misses they must leave alone).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from gravida.intake.score import read_right, reading

HERE = Path(__file__).resolve().parent
TABLES: dict[str, dict[str, list[list[Any]]]] = {
    name: yaml.safe_load((HERE / f"classes_s6_{name}.yaml").read_text(encoding="utf-8"))
    for name in ("first", "second", "third", "fourth")
}

# rows each class may still get wrong (measured; lower these as the reader improves).
# Most misses left are conventions the measuring sets disagree on (an onset within
# a day, "wee normal", "no tightenings" as no irregular ones: docs/intake.md).
# Session 8: "by the evening it's unbearable" names no standing or sitting and is
# no longer read as worse with long posture (the blind sets' convention), +1.
MISSES = {
    "first": {
        "relief_by_rest": 2, "worse_posture_long": 2, "prolonged_posture": 1,
        "duration_short": 25, "severity": 4, "age": 1, "weeks": 0, "deny_urination": 8,
        "lower_abdomen": 1, "one_side": 3, "deny_contractions": 6, "deny_lists": 3,
    },
    "second": {
        "relief_by_rest": 4, "worse_posture_long": 0, "prolonged_posture": 1,
        "duration_short": 3, "severity": 0, "age": 0, "weeks": 1, "deny_urination": 1,
        "lower_abdomen": 0, "one_side": 1, "deny_contractions": 2, "deny_lists": 2,
    },
    "third": {
        "relief_by_rest": 1, "worse_posture_long": 3, "prolonged_posture": 0,
        "duration_short": 0, "severity": 0, "age": 0, "weeks": 0, "deny_urination": 1,
        "lower_abdomen": 0, "one_side": 0, "deny_contractions": 1, "deny_lists": 1,
    },
    "fourth": {
        "relief_by_rest": 1, "worse_posture_long": 1, "prolonged_posture": 1,
        "duration_short": 0, "severity": 0, "age": 0, "weeks": 0, "deny_urination": 0,
        "lower_abdomen": 0, "one_side": 0, "deny_contractions": 1, "deny_lists": 0,
    },
}
MIN_ROWS = {"first": 25, "second": 10, "third": 6, "fourth": 4}


def test_every_class_has_rows_in_both_tables():
    for table, rows in TABLES.items():
        assert set(rows) == set(MISSES[table]), table
        for name, r in rows.items():
            assert len(r) >= MIN_ROWS[table], (table, name)


@pytest.mark.parametrize(
    ("table", "name"), [(t, n) for t in sorted(MISSES) for n in sorted(MISSES[t])]
)
def test_a_class_is_read_at_least_as_well_as_measured(parse, table, name):
    wrong = [
        (text, finding, want, got)
        for text, finding, want in TABLES[table][name]
        if not read_right(got := reading(parse(text).case, finding), want)
    ]
    assert len(wrong) <= MISSES[table][name], wrong


@pytest.mark.parametrize(
    ("text", "finding", "want"),
    [
        # a negation that an overlapping phrase of another finding claims denies both
        ("it doesn't ease when I lie down", "pain_relieved_by_rest", "absent"),
        ("it doesn't ease when I lie down", "pain_constant_unrelieved", "present"),
        ("it doesn't go away when I rest", "pain_relieved_by_rest", "absent"),
        # what the pain does not stop her doing is no unrelieved pain
        ("it eases when I rest, doesn't stop me working", "pain_relieved_by_rest", "present"),
        ("it eases when I rest, doesn't stop me working", "pain_constant_unrelieved", "unset"),
        ("the pain doesn't stop, even lying down", "pain_constant_unrelieved", "present"),
        # relief said with verbs of ending or passing, a state of ease, sleep as rest
        ("it stops if i lay on the sofa", "pain_relieved_by_rest", "present"),
        ("the ache passes once I sit down", "pain_relieved_by_rest", "present"),
        ("goes off after a sleep", "pain_relieved_by_rest", "present"),
        ("she is comfortable at rest", "pain_relieved_by_rest", "present"),
        ("resting makes no difference", "pain_relieved_by_rest", "absent"),
        ("lying down makes a big difference", "pain_relieved_by_rest", "present"),
        # "I'm fine sitting" may be her breath, not her pain
        ("I get breathless on the stairs but I'm fine sitting", "pain_relieved_by_rest", "unset"),
        # frames read across "then" and "and it", not across "but"
        ("I have to lie down then it gets better", "pain_relieved_by_rest", "present"),
        ("I sit down and it passes", "pain_relieved_by_rest", "present"),
        ("it eases but lying down is hard", "pain_relieved_by_rest", "unset"),
        # a long stretch on her feet or seat as an errand, a job, the end of the day
        ("it's worse if I stand at the tills for long", "pain_worse_standing_sitting_long",
         "present"),
        ("cooking standing up makes it ache", "pain_worse_standing_sitting_long", "present"),
        ("after her shift she is in agony", "pain_worse_standing_sitting_long", "present"),
        ("by home time it is really bad", "pain_worse_standing_sitting_long", "present"),
        ("worse by bedtime", "pain_worse_standing_sitting_long", "unset"),
        ("standing for a long time makes no difference", "pain_worse_standing_sitting_long",
         "absent"),
        ("sitting for a long time doesn't bother it", "pain_worse_standing_sitting_long",
         "absent"),
        ("it doesn't bother me at night", "pain_at_night", "absent"),
        ("I work on the tills all day", "prolonged_sitting_or_standing", "present"),
        ("I'm a care assistant", "prolonged_sitting_or_standing", "unset"),
        # someone writing for her: a wife is the patient, a mother is not
        ("my wife says it eases off if she lies on her side", "pain_relieved_by_rest",
         "present"),
        ("my wife has bad back pain", "pain_lower_back_central", "present"),
        ("my mum has bad back pain", "pain_lower_back_central", "unset"),
        # a side that closes its clause, not the side she lies or is better on
        ("it's mostly my right.", "pain_right_side", "present"),
        ("on my left, near my hip", "pain_left_side", "present"),
        ("worse lying on my right, better on my left.", "pain_left_side", "unset"),
        ("lying on my left, it eases", "pain_left_side", "unset"),
        # the low belly in lay landmarks; the baby low is not a pain
        ("pain below my belly button", "pain_lower_abdomen", "present"),
        ("the underneath of my bump is sore", "pain_lower_abdomen", "present"),
        ("baby kicks low in my belly", "pain_lower_abdomen", "unset"),
        # a present phrase inside a longer plain denial of the same finding is part of it
        ("baby still kicking loads", "reduced_fetal_movements", "absent"),
        ("the baby has been still all day", "reduced_fetal_movements", "present"),
        # getting out of a car or bed is worse-on-one-leg only with a word of pain
        ("getting out of bed is agony", "pain_worse_weight_bearing_one_leg", "present"),
        ("I got out of the car and my waters went", "pain_worse_weight_bearing_one_leg",
         "unset"),
        ("getting out of the car is fine", "pain_worse_weight_bearing_one_leg", "absent"),
        ("lying on my left helps the baby", "pain_relieved_by_rest", "unset"),
        # a loose "back pain" beside a clearly other place names no place of its own
        ("pain at the top of my tummy and my back aches", "pain_lower_back_central", "unset"),
        ("back pain going down my right leg", "pain_lower_back_central", "unset"),
        ("my lower back aches and my right leg tingles", "pain_lower_back_central", "present"),
        ("my back aches", "pain_lower_back_central", "present"),
        # denials in lists and in other words
        ("no numbness in my legs or down below", "leg_numbness_tingling", "absent"),
        ("no numbness in my legs or down below", "saddle_numbness", "absent"),
        ("no pain on passing urine", "painful_urination", "absent"),
        ("no trouble with her urine", "painful_urination", "absent"),
        # numbers in everyday forms, never one for another
        ("back pain VAS 6", "pain_severity", 6.0),
        ("pain:8", "pain_severity", 8.0),
        ("pain is 5 of 10", "pain_severity", 5.0),
        ("pain: 2 days", "pain_severity", "unset"),
        ("My wife (36) is having bad back pain", "maternal_age", 36.0),
        ("Hello, I'm Anna, 29, and 31 weeks pregnant", "maternal_age", 29.0),
        ("Hello, I'm Anna, 29, and 31 weeks pregnant", "gestational_weeks", 31.0),
        ("my daughter, who is 19, is 32 weeks", "maternal_age", 19.0),
        # a duration after "been like this", from a weekday, since a week of pregnancy
        ("My back is killing me. Been like this for 3 days.", "pain_duration_over_2_weeks",
         "absent"),
        ("from Thursday my back hurts", "pain_duration_over_2_weeks", "absent"),
        ("I've had this backache since I was 20 weeks. I'm 31 weeks pregnant now.",
         "pain_duration_over_2_weeks", "present"),
        ("Back pain. Been burning when I pee for a few days.", "pain_duration_over_2_weeks",
         "unset"),
    ],
)
def test_session_6_mechanisms(parse, text, finding, want):
    assert reading(parse(text).case, finding) == want


def test_a_bad_vague_rule_is_a_pack_error_naming_it(tmp_path):
    from gravida.intake.lexicon import load_lexicon
    from gravida.knowledge.load import PackError, load_pack

    from ..helpers import edited_pack

    def edit(data: Any) -> None:
        data["vague"]["rules"][0]["unless_present"] = ["no_such_finding"]

    pack = load_pack(edited_pack(tmp_path, "phrases/en.yaml", edit))
    with pytest.raises(PackError, match="no_such_finding") as err:
        load_lexicon(pack, "en")
    assert "vague.rules[0]" in str(err.value)


def test_a_place_set_aside_says_why(parse):
    result = parse("pain at the top of my tummy and my back aches")
    aside = [e for e in result.evidence if e.finding == "pain_lower_back_central"]
    assert aside and not any(e.used for e in aside)
    assert any(f.startswith("vague_beside:pain_upper_abdomen") for e in aside for f in e.flags)
