"""Issue 15, session 4: the English reader reads classes of wording, not phrasings.

Each table holds sentences written for this test (varied voices, SMS style,
typos), never copied from a vignette, and near-misses that must NOT set the
finding: a wrongly present red flag sends a healthy woman to hospital, a
wrongly absent one is never asked again.
"""

from __future__ import annotations

import pytest

from ..helpers import states

# --- lay denials ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        # where bleeding would show is clean
        ("pad is clean, back aches", "vaginal_bleeding"),
        ("pants totally clean so far", "vaginal_bleeding"),
        ("knickers dry when I checked", "vaginal_bleeding"),
        ("nothing on the liner this morning", "vaginal_bleeding"),
        ("nothing down there, just my back killing me", "vaginal_bleeding"),
        ("no blood at all thank god", "vaginal_bleeding"),
        ("not a drop of blood", "vaginal_bleeding"),
        # a list answered sign by sign
        ("bleeding none, waters intact, temp fine", "vaginal_bleeding"),
        ("temp: nil. bleeding: nil", "fever"),
        # her wee and the baby in everyday words
        ("peeing normally", "painful_urination"),
        ("no problems with my wee", "painful_urination"),
        ("no trouble peeing", "painful_urination"),
        ("weeing without any pain", "painful_urination"),
        ("babys movements normal", "reduced_fetal_movements"),
        ("baby's been wriggling all day", "reduced_fetal_movements"),
        ("the little one is busy as ever, baby rolling about", "reduced_fetal_movements"),
    ],
)
def test_a_lay_denial_is_the_sign_absent(parse, text, finding):
    assert states(parse(text), finding) == "absent", text


@pytest.mark.parametrize(
    ("text", "findings"),
    [
        ("no bleeding, waters or temp", ["vaginal_bleeding", "fluid_leak", "fever"]),
        ("no fever, bleeding or leaking", ["fever", "vaginal_bleeding", "fluid_leak"]),
        ("havent had any tightenings, bleeding or fluid", ["contractions_regular",
                                                           "vaginal_bleeding", "fluid_leak"]),
    ],
)
def test_a_denial_scopes_over_its_coordinated_list(parse, text, findings):
    result = parse(text)
    assert [states(result, f) for f in findings] == ["absent"] * len(findings), text


@pytest.mark.parametrize(
    ("text", "finding", "expected"),
    [
        # the loss of feeling is the red flag, its "no" is its own word
        ("I have no feeling down there", "saddle_numbness", "present"),
        ("i feel nothing down there when i wipe", "saddle_numbness", "present"),
        ("cant feel anything down below", "saddle_numbness", "present"),
        ("feeling down there is normal", "saddle_numbness", "absent"),
        ("no numbness down below", "saddle_numbness", "absent"),
        # pressure is not feeling lost
        ("no feeling of pressure down below", "saddle_numbness", None),
        # blood in the wee is not bleeding denied
        ("not seen any blood at all in my wee", "vaginal_bleeding", None),
        ("not seen any blood at all in my wee", "blood_in_urine", "absent"),
        # a bare "no blood" in a list about her urine stays a question
        ("peeing a lot, no stinging, no blood, 29 weeks", "vaginal_bleeding", None),
        # problems passing urine are the bladder's, not a burning
        ("no problems passing urine", "painful_urination", None),
        # a clean pad beside a stated bleed: the bleed stands
        ("some spotting this morning, pad clean since", "vaginal_bleeding", "present"),
        # hedges are left for the interview
        ("not sure if my waters went", "fluid_leak", None),
        ("maybe a bit feverish?", "fever", None),
        # a list of one limb's health says nothing of numbness
        ("legs and bladder normal", "leg_numbness_tingling", None),
    ],
)
def test_denials_near_misses(parse, text, finding, expected):
    assert states(parse(text), finding) == expected, text


def test_a_later_denial_wins_over_an_earlier_loose_keyword(parse):
    result = parse(
        "had a bit of blood when i blew my nose earlier lol. no bleeding from down below tho"
    )
    assert states(result, "vaginal_bleeding") == "absent"
