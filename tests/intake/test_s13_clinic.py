"""Session 13 (helper clinic): a clinician's note read as well as her own words.

Tables of the helper's own lines in clinical notation (``classes_s13_clinic_*.yaml``):
the first written before the phrase file was opened, the second after the fixes and
before it was first run; none copied from a measuring set. ``python
bench/intake_classes.py TABLE --rows --today=2026-12-07`` prints them; here no class
may be read worse than measured.
"""

from __future__ import annotations

from datetime import date

import pytest

from gravida.intake import parse_text
from gravida.intake.lexicon import load_lexicon
from gravida.intake.score import reading
from gravida.knowledge.load import Pack
from tests.intake.measured import measured_tests

# per table and class: (statements missed, near misses over-read), measured
MEASURED: dict[str, dict[str, tuple[int, int]]] = {
    # before this session's changes: 20 of 87 statements missed, 4 of 40 near misses
    # over-read (a past "PTB at 33/40" read as her weeks, "safety-netted re PV
    # bleeding and RFM" and "advised to return if pyrexial" read as findings);
    # after: 0 / 0
    "classes_s13_clinic_first.yaml": {
        "dating": (0, 0),  # before: (1, 1), "T+5" and "previous PTB at 33/40"
        "vitals": (0, 0),  # before: (1, 0), "P 118"
        "negation": (0, 0),  # before: (5, 0), "-ve", "NAD", "FM ++", "no PV loss"
        "findings": (0, 0),  # before: (8, 3)
        "durations": (0, 0),  # before: (3, 0), "LBP 3/52" (no pain word but "LBP")
        "history": (0, 0),  # before: (2, 0), "PMH breast ca", "previous PTB"
    },
    # written after the fixes; first run (honest): 2 of 39 statements missed, 3 of 18
    # near misses over-read ("renal angles non-tender" read as tender, "lying on R side
    # for CTG" as a right-sided pain, "FHx breast ca (mother)" and "hx of PE in mother"
    # as her own history); then "non-tender", the side she lies on without "her" and
    # a note's relative ("FHx", "(mother)", "in mother") were read: 1 / 0
    "classes_s13_clinic_second.yaml": {
        "dating": (0, 0),
        "vitals": (0, 0),
        "negation": (0, 0),  # first run: (1, 0)
        # "L calf measured, no swelling": a bare "no swelling" is tied to no place
        "findings": (1, 0),  # first run: (1, 1)
        "durations": (0, 0),
        "history": (0, 0),  # first run: (0, 2)
    },
}
test_every_class_is_measured, test_a_class_is_read_at_least_as_well_as_measured = (
    measured_tests(MEASURED)
)

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("text", "finding", "want"),
    [
        # days past the due date are weeks past 40; a past event's gestation is no dating
        ("G2P1, T+5. LBP since midnight", "gestational_weeks", 40),
        ("T + 12, SROM this am", "gestational_weeks", 41),
        ("G3P2, hx PTB at 33/40, LBP", "gestational_weeks", "unset"),
        ("29/40, PPROM at 27/40", "gestational_weeks", 29),
        ("On LMWH since 12/40, now 36/40", "gestational_weeks", 36),
        ("EDD 14/1/27, LBP 2/7", "gestational_weeks", 34),
        # a note's pulse; "P4" is the pelvic test and "G2P1" her parity
        ("Obs: T 36.9, P 88, BP 110/68", "heart_rate", 88),
        ("G2P1, P4 +ve R", "heart_rate", "unset"),
        ("G2P1, P4 +ve R", "pelvic_provocation_test_positive", "present"),
        ("pain 6/10, P 5/10 on movement", "heart_rate", "unset"),
        # a query is a question: "?SROM" is not a leak; "Bleeding? No." still answers
        ("?SROM, for speculum", "fluid_leak", "unset"),
        ("r/o SROM", "fluid_leak", "unset"),
        ("SROM 02:00, clear liquor", "fluid_leak", "present"),
        ("?renal colic", "history_kidney_stones", "unset"),
        ("Bleeding? No.", "vaginal_bleeding", "absent"),
        ("Fever? yes", "fever", "present"),
        # what a medicine did not do is no denial of the list after it; rest is
        ("headache not relieved by paracetamol, flashing lights and epigastric pain",
         "visual_disturbance", "present"),
        ("headache not relieved by paracetamol, flashing lights and epigastric pain",
         "severe_headache", "present"),
        ("pain not relieved by rest", "pain_relieved_by_rest", "absent"),
        ("headache, settled with paracetamol", "severe_headache", "absent"),
        # a result after what was checked
        ("CVA tenderness -ve", "kidney_tender_on_tapping", "absent"),
        ("renal angle tender R", "kidney_tender_on_tapping", "present"),
        ("Urine dip blood +++, leucs neg, nitrites neg", "urinalysis_leukocytes", "absent"),
        ("Urine dip blood +++, leucs neg, nitrites neg", "blood_in_urine", "present"),
        ("urine dip leuc ++ nit +", "urinalysis_leukocytes", "present"),
        # a side letter before a place; a side she lies on is no side of her pain
        ("R loin pain", "pain_right_side", "present"),
        ("R loin pain", "pain_flank", "present"),
        ("L iliac fossa pain", "pain_lower_abdomen", "present"),
        ("L iliac fossa pain", "pain_left_side", "present"),
        ("eased lying on her L side", "pain_left_side", "unset"),
        ("L calf swollen and tender", "pain_left_side", "unset"),
        # power in a note
        ("power 4/5 L ankle dorsiflexion", "leg_weakness", "present"),
        ("power 5/5 both legs", "leg_weakness", "absent"),
        # a safety net or plan names what she has not got
        ("safety-netted re PV bleeding and RFM", "reduced_fetal_movements", "unset"),
        ("advised to return if pyrexial", "fever", "unset"),
        ("Pyrexial 38.6 with rigors", "temperature_c", 38.6),
        # a note's denial of trauma; a fall stated beside it stands
        ("No trauma. Neuro intact.", "recent_trauma", "absent"),
        ("fell down the stairs, no injury to the bump", "recent_trauma", "present"),
        # "a 4/52 hx of LBP" is her pain now, for four weeks; "hx of" alone is past
        ("G2P1 at 23/40 with a 4/52 hx of LBP", "gestational_weeks", 23),
        ("G2P1 at 23/40 with a 4/52 hx of LBP", "pain_duration_over_2_weeks", "present"),
        ("30/40, 3 day history of R loin pain", "pain_flank", "present"),
        ("30/40, hx of renal calculi", "history_kidney_stones", "present"),
        # a note's "anorexia" is appetite, not the eating disorder
        ("RIF pain, anorexia, nausea", "osteoporosis_risk", "unset"),
        # round 3: liquor, a soft uterus, a past clot, the right iliac fossa
        ("Speculum: os closed, no liquor", "fluid_leak", "absent"),
        ("liquor draining on speculum", "fluid_leak", "present"),
        ("liquor volume normal on scan", "fluid_leak", "unset"),
        ("o/e: uterus SNT", "uterus_hard_persistent", "absent"),
        ("hx DVT 2019", "history_vte", "present"),
        ("?DVT", "history_vte", "unset"),
        ("R iliac fossa pain", "pain_right_lower_abdomen", "present"),
        # a result "negative for" a list, after the check it is of
        ("the dipstick is negative for leucocytes, nitrites and blood",
         "urinalysis_leukocytes", "absent"),
        ("the dipstick is negative for leucocytes, nitrites and blood",
         "vaginal_bleeding", "unset"),
        ("negative for leucocytes, positive for nitrites", "urinalysis_leukocytes",
         "present"),
    ],
)
def test_clinical_notation(ipack: Pack, text: str, finding: str, want: object) -> None:
    got = reading(parse_text(text, ipack, "en", today=TODAY).case, finding)
    assert got == want, (text, got)


def test_a_query_mark_stays_in_the_sentence_of_the_word_it_queries(ipack: Pack) -> None:
    nlp = load_lexicon(ipack, "en").nlp
    glued = [s.text for s in nlp("28/40 ?pyelo, for MSU").sents]
    assert glued == ["28/40 ?pyelo, for MSU"]
    asked = [s.text for s in nlp("Any bleeding? No.").sents]
    assert asked == ["Any bleeding?", "No."]
