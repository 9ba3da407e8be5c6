"""Boundary audit of the triage floors and condition rows (issue: safety at its edges).

For every row of ../shared/triage-policy.md (v2) that a floor rule or a condition
adjustment in triage.yaml encodes: structured cases (findings only, no text) just
INSIDE and just OUTSIDE each criterion the row states -- numbers at and either side of
each threshold, weeks at 19+6 / 20+0, 21+6 / 22, 23+6 / 24, 36+6 / 37 (given as
decimals: 19.86 is 19 completed weeks and 6 days), each "and" / "or" part alone, the
row's finding without its qualifier (bleeding not heavy, tightenings not regular,
swelling not sudden, one leg not both) and the qualifier on an ordinary ache.

Each case sits on an ordinary mechanical back ache (ACHE, 4/10) unless it is a
condition row's own picture, so the expected level is what the policy's rows give:
the quoted row inside, the remaining rows (usually none: self-care) outside. Written
from the policy's words, never from a vignette. Rows marked OPEN are where the policy
gives no level and the differential decides; their reading is in docs/model.md
("Boundary audit").
"""

from __future__ import annotations

from typing import Any

import pytest

ACHE = ["pain_lower_back_central", "pain_dull_aching", "pain_worse_standing_sitting_long"]
PGP = ["pain_sacrum_buttock", "pain_worse_weight_bearing_one_leg", "pain_pubic_symphysis"]
PYELO = ["pain_flank", "kidney_tender_on_tapping", "fever"]
STONE = ["pain_colicky_waves", "pain_flank", "radiates_groin", "blood_in_urine"]
NO_PE_SYMPTOMS = ["severe_headache", "visual_disturbance", "pain_upper_abdomen", "sudden_swelling"]
NO_LOIN = ["pain_flank", "chills_rigors", "kidney_tender_on_tapping"]

AMB, EM, C24, CONS, SELF = (
    "emergency_ambulance", "emergency", "consultation_24", "consultation", "self_care")


def ache(weeks: float, present: tuple[str, ...] = (), absent: tuple[str, ...] = (),
         severity: float = 4, **numbers: float) -> dict[str, Any]:
    """A case on the ordinary ache: the row's findings added, its near miss denied."""
    return {"gestational_weeks": weeks, "present": [*ACHE, *present], "absent": list(absent),
            "pain_severity": severity, **numbers}


def own(weeks: float, present: list[str], absent: tuple[str, ...] = (),
        severity: float | None = None, **numbers: float) -> dict[str, Any]:
    """A condition row's own picture (no ordinary ache added)."""
    out: dict[str, Any] = {"gestational_weeks": weeks, "present": present,
                           "absent": list(absent), **numbers}
    if severity is not None:
        out["pain_severity"] = severity
    return out


# (policy row, quoted; case label; case; expected level)
FLOORS: list[tuple[str, str, dict[str, Any], str]] = [
    # --- heavy bleeding with faintness ----------------------------------------------
    ("heavy_vaginal_bleeding with faint_or_dizzy | emergency_ambulance",
     "both at 10 weeks", ache(10, ("heavy_vaginal_bleeding", "faint_or_dizzy")), AMB),
    ("heavy_vaginal_bleeding with faint_or_dizzy | emergency_ambulance",
     "both at 30 weeks", ache(30, ("heavy_vaginal_bleeding", "faint_or_dizzy")), AMB),
    ("heavy_vaginal_bleeding | emergency",
     "heavy bleeding, not faint, at 10 weeks",
     ache(10, ("heavy_vaginal_bleeding",), ("faint_or_dizzy",)), EM),
    ("heavy_vaginal_bleeding | emergency",
     "heavy bleeding, not faint, at 18 weeks",
     ache(18, ("heavy_vaginal_bleeding",), ("faint_or_dizzy",)), EM),
    ("heavy_vaginal_bleeding with faint_or_dizzy | emergency_ambulance",
     "faint without bleeding at 30 weeks", ache(30, ("faint_or_dizzy",), ("vaginal_bleeding",)),
     SELF),
    ("vaginal_bleeding before 22 weeks | consultation_24",
     "faint with bleeding that is not heavy at 16 weeks",
     ache(16, ("vaginal_bleeding", "faint_or_dizzy"), ("heavy_vaginal_bleeding",)), C24),
    # --- tearing pain ---------------------------------------------------------------
    ("pain_tearing with pain_onset_sudden | emergency_ambulance", "tearing and sudden",
     ache(30, ("pain_tearing", "pain_onset_sudden"), ("chest_pain",)), AMB),
    ("pain_tearing with chest_pain | emergency_ambulance", "tearing with chest pain",
     ache(30, ("pain_tearing", "chest_pain"), ("pain_onset_sudden",)), AMB),
    ("OPEN: pain_tearing alone", "tearing, gradual, no chest pain",
     ache(30, ("pain_tearing",), ("pain_onset_sudden", "chest_pain")), SELF),
    ("pain_tearing with pain_onset_sudden | emergency_ambulance", "sudden, not tearing",
     ache(30, ("pain_onset_sudden",), ("pain_tearing", "chest_pain")), SELF),
    # --- shock ----------------------------------------------------------------------
    ("faint_or_dizzy with heart_rate >= 130 (shock) | emergency_ambulance", "faint, pulse 130",
     ache(30, ("faint_or_dizzy",), heart_rate=130), AMB),
    ("faint_or_dizzy with heart_rate >= 130 (shock) | emergency_ambulance", "faint, pulse 129",
     ache(30, ("faint_or_dizzy",), heart_rate=129), SELF),
    ("faint_or_dizzy with systolic_bp <= 90 (shock) | emergency_ambulance", "faint, 90 systolic",
     ache(30, ("faint_or_dizzy",), systolic_bp=90, diastolic_bp=60), AMB),
    ("faint_or_dizzy with systolic_bp <= 90 (shock) | emergency_ambulance", "faint, 91 systolic",
     ache(30, ("faint_or_dizzy",), systolic_bp=91, diastolic_bp=60), SELF),
    ("faint_or_dizzy with heart_rate >= 130 (shock) | emergency_ambulance",
     "pulse 130, not faint", ache(30, (), ("faint_or_dizzy",), heart_rate=130), SELF),
    ("systolic_bp <= 90 | emergency", "90 systolic, not faint",
     ache(30, (), ("faint_or_dizzy",), systolic_bp=90, diastolic_bp=60), EM),
    ("systolic_bp <= 90 | emergency", "91 systolic, not faint",
     ache(30, (), ("faint_or_dizzy",), systolic_bp=91, diastolic_bp=60), SELF),
    # --- cauda equina ---------------------------------------------------------------
    ("saddle_numbness, or new_bladder_bowel_dysfunction | emergency", "saddle numbness",
     ache(30, ("saddle_numbness",)), EM),
    ("saddle_numbness, or new_bladder_bowel_dysfunction | emergency", "new bladder trouble",
     ache(30, ("new_bladder_bowel_dysfunction",)), EM),
    ("saddle_numbness, or new_bladder_bowel_dysfunction | emergency",
     "tingling in one leg, not the saddle",
     ache(30, ("leg_numbness_tingling",), ("both_legs_affected", "saddle_numbness")), SELF),
    # --- bleeding by weeks ----------------------------------------------------------
    ("any vaginal_bleeding from 22 weeks | emergency", "light bleeding at 22+0",
     ache(22, ("vaginal_bleeding",), ("heavy_vaginal_bleeding",)), EM),
    ("any vaginal_bleeding from 22 weeks | emergency (placental_abruption | ambulance)",
     "OPEN: light bleeding at 30, faint, no shock sign",
     ache(30, ("vaginal_bleeding", "faint_or_dizzy"), ("heavy_vaginal_bleeding",)), AMB),
    ("heavy_vaginal_bleeding | emergency (placental_abruption | emergency_ambulance)",
     "OPEN: heavy bleeding, not faint, at 30",
     ache(30, ("heavy_vaginal_bleeding",), ("faint_or_dizzy",)), AMB),
    ("vaginal_bleeding before 22 weeks | consultation_24", "light bleeding at 21+6",
     ache(21.86, ("vaginal_bleeding",), ("heavy_vaginal_bleeding",)), C24),
    ("vaginal_bleeding before 22 weeks | consultation_24", "light bleeding at 16+0",
     ache(16, ("vaginal_bleeding",), ("heavy_vaginal_bleeding",)), C24),
    ("vaginal_bleeding before 22 weeks | consultation_24", "light bleeding at 15+6",
     ache(15.86, ("vaginal_bleeding",), ("heavy_vaginal_bleeding",)), C24),
    ("vaginal_bleeding before 22 weeks | consultation_24", "light bleeding at 6",
     ache(6, ("vaginal_bleeding",), ("heavy_vaginal_bleeding",)), C24),
    ("vaginal_bleeding before 14 weeks with pain_one_side | emergency", "at 13+6",
     ache(13.86, ("vaginal_bleeding", "pain_one_side"), ("heavy_vaginal_bleeding",)), EM),
    ("vaginal_bleeding before 14 weeks with pain_one_side | emergency", "at 14+0",
     ache(14, ("vaginal_bleeding", "pain_one_side"), ("heavy_vaginal_bleeding",)), C24),
    ("OPEN: pain_one_side before 14 weeks without bleeding", "at 8 weeks",
     ache(8, ("pain_one_side",), ("vaginal_bleeding",)), SELF),
    # --- labour signs ---------------------------------------------------------------
    ("contractions_regular or fluid_leak before 37 weeks | emergency", "regular at 36+6",
     ache(36.86, ("contractions_regular",)), EM),
    ("contractions_regular or fluid_leak from 37 weeks | emergency", "regular at 37+0",
     ache(37, ("contractions_regular",)), EM),
    ("contractions_regular or fluid_leak before 37 weeks | emergency", "regular at 12",
     ache(12, ("contractions_regular",)), EM),
    ("contractions_regular or fluid_leak before 37 weeks | emergency", "leak at 30",
     ache(30, ("fluid_leak",)), EM),
    ("contractions_regular or fluid_leak from 37 weeks | emergency", "leak at 38",
     ache(38, ("fluid_leak",)), EM),
    ("contractions_regular ... | emergency", "irregular tightenings at 30 (Braxton Hicks)",
     ache(30, ("contractions_irregular",), ("contractions_regular",)), SELF),
    ("contractions_regular ... | emergency", "irregular tightenings at 38",
     ache(38, ("contractions_irregular",), ("contractions_regular",)), SELF),
    ("fluid_leak ... | emergency", "more discharge, not a leak, at 30",
     ache(30, ("discharge_change",), ("fluid_leak",)), SELF),
    ("pelvic_pressure from 16 to 36 weeks | emergency", "pressure at 15+6",
     ache(15.86, ("pelvic_pressure",)), SELF),
    ("pelvic_pressure from 16 to 36 weeks | emergency", "pressure at 16+0",
     ache(16, ("pelvic_pressure",)), EM),
    ("pelvic_pressure from 16 to 36 weeks | emergency", "pressure at 36+6",
     ache(36.86, ("pelvic_pressure",)), EM),
    ("pelvic_pressure from 16 to 36 weeks | emergency", "pressure at 37+0, no labour signs",
     ache(37, ("pelvic_pressure",), ("contractions_regular", "fluid_leak")), SELF),
    # --- movements, uterus ----------------------------------------------------------
    ("reduced_fetal_movements from 24 weeks | emergency", "at 24+0",
     ache(24, ("reduced_fetal_movements",)), EM),
    ("reduced_fetal_movements from 24 weeks | emergency", "at 23+6",
     ache(23.86, ("reduced_fetal_movements",)), SELF),
    ("uterus_hard_persistent | emergency (placental_abruption | emergency_ambulance)",
     "OPEN: hard uterus on an ordinary ache at 30", ache(30, ("uterus_hard_persistent",)), AMB),
    # --- fever ----------------------------------------------------------------------
    ("fever (>= 38.0 °C) with pain_flank ... | emergency", "38.0 with loin pain",
     ache(30, ("pain_flank",), temperature_c=38.0), EM),
    ("fever (>= 38.0 °C) with pain_flank ... | emergency", "OPEN: 37.9 with loin pain",
     ache(30, ("pain_flank",), temperature_c=37.9), SELF),
    ("fever with kidney_tender_on_tapping | emergency", "fever, tender on tapping",
     ache(30, ("fever", "kidney_tender_on_tapping")), EM),
    ("fever with chills_rigors | emergency", "fever and chills",
     ache(30, ("fever", "chills_rigors")), EM),
    ("fever with ... chills_rigors | emergency", "OPEN: chills without a fever",
     ache(30, ("chills_rigors",), ("fever",)), SELF),
    ("fever (any other case) | consultation_24", "38.0, no loin signs, at 12",
     ache(12, (), NO_LOIN, temperature_c=38.0), C24),
    ("fever (any other case) | consultation_24", "fever, leak denied, at 30",
     ache(30, ("fever",), ("fluid_leak", "uterus_hard_persistent")), C24),
    ("fever (any other case) | consultation_24", "37.9, no loin signs",
     ache(30, (), temperature_c=37.9), SELF),
    ("fever (any other case) | consultation_24", "37.4",
     ache(30, (), temperature_c=37.4), SELF),
    ("fever (any other case) | consultation_24 (chorioamnionitis | emergency)",
     "OPEN: 38.0, no loin signs, leak unknown, at 30",
     ache(30, (), NO_LOIN, temperature_c=38.0), EM),
    # --- pre-eclampsia --------------------------------------------------------------
    ("severe_headache ... with systolic_bp >= 140 | emergency", "headache, 140/80 at 16",
     ache(16, ("severe_headache",), systolic_bp=140, diastolic_bp=80), EM),
    ("severe_headache ... with diastolic_bp >= 90 | emergency", "headache, 130/90 at 16",
     ache(16, ("severe_headache",), systolic_bp=130, diastolic_bp=90), EM),
    ("severe_headache ... with systolic_bp >= 140 or diastolic_bp >= 90 | emergency",
     "headache, 139/89 at 16", ache(16, ("severe_headache",), systolic_bp=139, diastolic_bp=89),
     SELF),
    ("visual_disturbance ... with systolic_bp >= 140 | emergency", "vision, 140/80 at 16",
     ache(16, ("visual_disturbance",), systolic_bp=140, diastolic_bp=80), EM),
    ("pain_upper_abdomen ... with systolic_bp >= 140 | emergency", "upper belly, 140/80 at 16",
     ache(16, ("pain_upper_abdomen",), systolic_bp=140, diastolic_bp=80), EM),
    ("... or sudden_swelling with systolic_bp >= 140 | emergency", "swelling, 140/80 at 16",
     ache(16, ("sudden_swelling",), systolic_bp=140, diastolic_bp=80), EM),
    ("... or sudden_swelling with diastolic_bp >= 90 | emergency", "swelling, 130/90 at 30",
     ache(30, ("sudden_swelling",), systolic_bp=130, diastolic_bp=90), EM),
    ("sudden_swelling from 20 weeks | consultation_24", "swelling, 139/89 at 30",
     ache(30, ("sudden_swelling",), systolic_bp=139, diastolic_bp=89), C24),
    ("sudden_swelling from 20 weeks | consultation_24", "swelling, 139/89 at 16",
     ache(16, ("sudden_swelling",), systolic_bp=139, diastolic_bp=89), SELF),
    ("systolic_bp >= 160 or diastolic_bp >= 110 alone | emergency", "160/100, no symptoms",
     ache(30, (), NO_PE_SYMPTOMS, systolic_bp=160, diastolic_bp=100), EM),
    ("systolic_bp >= 160 or diastolic_bp >= 110 alone | emergency", "150/110, no symptoms",
     ache(30, (), NO_PE_SYMPTOMS, systolic_bp=150, diastolic_bp=110), EM),
    ("systolic_bp 140-159 or diastolic_bp 90-109, without those symptoms | consultation_24",
     "159/109", ache(30, (), NO_PE_SYMPTOMS, systolic_bp=159, diastolic_bp=109), C24),
    ("systolic_bp 140-159 ... | consultation_24", "140/80",
     ache(30, (), NO_PE_SYMPTOMS, systolic_bp=140, diastolic_bp=80), C24),
    ("diastolic_bp 90-109 ... | consultation_24", "130/90",
     ache(30, (), NO_PE_SYMPTOMS, systolic_bp=130, diastolic_bp=90), C24),
    ("systolic_bp 140-159 or diastolic_bp 90-109 | consultation_24", "139/89",
     ache(30, (), NO_PE_SYMPTOMS, systolic_bp=139, diastolic_bp=89), SELF),
    ("severe_headache ... from 20 weeks, whatever the blood pressure | emergency",
     "headache at 20+0", ache(20, ("severe_headache",)), EM),
    ("severe_headache ... from 20 weeks | emergency", "headache at 19+6",
     ache(19.86, ("severe_headache",)), SELF),
    ("visual_disturbance ... from 20 weeks | emergency", "vision at 20+0",
     ache(20, ("visual_disturbance",)), EM),
    ("visual_disturbance ... from 20 weeks | emergency", "vision at 19+6",
     ache(19.86, ("visual_disturbance",)), SELF),
    ("pain_upper_abdomen from 20 weeks | emergency", "upper belly at 20+0",
     ache(20, ("pain_upper_abdomen",)), EM),
    ("pain_upper_abdomen from 20 weeks | emergency", "OPEN: upper belly at 19+6",
     ache(19.86, ("pain_upper_abdomen",)), SELF),
    ("severe_headache ... from 20 weeks | emergency", "a headache that is not severe, at 30",
     ache(30, (), ("severe_headache",)), SELF),
    ("sudden_swelling from 20 weeks | consultation_24", "swelling at 20+0",
     ache(20, ("sudden_swelling",)), C24),
    ("sudden_swelling from 20 weeks | consultation_24", "swelling at 19+6",
     ache(19.86, ("sudden_swelling",)), SELF),
    ("sudden_swelling from 20 weeks | consultation_24", "swelling that is not sudden, at 30",
     ache(30, (), ("sudden_swelling",)), SELF),
    # --- colic, legs ----------------------------------------------------------------
    ("pain_colicky_waves | emergency", "pain in waves", ache(30, ("pain_colicky_waves",)), EM),
    ("leg_weakness with both_legs_affected | emergency", "weak, both legs",
     ache(30, ("leg_weakness", "both_legs_affected")), EM),
    ("leg_weakness in one leg | consultation_24", "weak, one leg",
     ache(30, ("leg_weakness",), ("both_legs_affected",)), C24),
    ("both_legs_affected with radiates_leg_below_knee | emergency", "below the knee, both",
     ache(30, ("both_legs_affected", "radiates_leg_below_knee"), ("leg_weakness",)), EM),
    ("both_legs_affected with leg_numbness_tingling | emergency", "tingling, both",
     ache(30, ("both_legs_affected", "leg_numbness_tingling"), ("leg_weakness",)), EM),
    ("both_legs_affected with radiates_leg_below_knee | emergency",
     "below the knee, one leg (sciatica: consultation)",
     ache(30, ("radiates_leg_below_knee",), ("both_legs_affected", "leg_weakness")), CONS),
    ("both_legs_affected with radiates_leg_below_knee or leg_numbness_tingling | emergency",
     "both legs, into the thighs only (pelvic girdle pain: consultation)",
     ache(30, ("both_legs_affected", "radiates_buttock_thigh"),
          ("leg_weakness", "radiates_leg_below_knee", "leg_numbness_tingling")), CONS),
    # --- urine ----------------------------------------------------------------------
    ("painful_urination ... with cloudy_urine | consultation_24", "burning, cloudy",
     ache(30, ("painful_urination", "cloudy_urine")), C24),
    ("urinary_frequency_urgency with urinalysis_leukocytes | consultation_24",
     "frequency, positive dipstick", ache(30, ("urinary_frequency_urgency",
                                               "urinalysis_leukocytes")), C24),
    ("urinary_frequency_urgency with blood_in_urine | consultation_24", "frequency, blood",
     ache(30, ("urinary_frequency_urgency", "blood_in_urine")), C24),
    ("urinary_frequency_urgency with ... | consultation_24", "frequency alone",
     ache(30, ("urinary_frequency_urgency",),
          ("painful_urination", "cloudy_urine", "urinalysis_leukocytes", "blood_in_urine")),
     SELF),
    ("OPEN: painful_urination alone", "burning, urine clear and test negative",
     ache(30, ("painful_urination",), ("cloudy_urine", "urinalysis_leukocytes",
                                       "blood_in_urine")), SELF),
    # --- trauma ---------------------------------------------------------------------
    ("recent_trauma with pain_severity >= 7 | emergency", "fall, 7/10, at 10",
     ache(10, ("recent_trauma",), severity=7), EM),
    ("recent_trauma with pain_severity >= 7 | emergency", "fall, 6/10, at 10",
     ache(10, ("recent_trauma",), severity=6), SELF),
    ("recent_trauma from 20 weeks, whatever the pain | emergency", "fall, 2/10, at 20+0",
     ache(20, ("recent_trauma",), severity=2), EM),
    ("recent_trauma from 20 weeks | emergency", "fall, 6/10, at 19+6",
     ache(19.86, ("recent_trauma",), severity=6), SELF),
    ("recent_trauma with pain_severity >= 7 | emergency", "7/10 without a fall, at 10",
     ache(10, (), ("recent_trauma",), severity=7), CONS),
    # --- cancer ---------------------------------------------------------------------
    ("history_cancer with pain_at_night | consultation_24", "cancer, night pain",
     ache(30, ("history_cancer", "pain_at_night")), C24),
    ("history_cancer with pain_constant_unrelieved | consultation_24", "cancer, constant",
     ache(30, ("history_cancer", "pain_constant_unrelieved")), C24),
    ("history_cancer with unexplained_weight_loss | consultation_24", "cancer, weight loss",
     ache(30, ("history_cancer", "unexplained_weight_loss")), C24),
    ("history_cancer with ... | consultation_24", "cancer, mechanical pain",
     ache(30, ("history_cancer", "pain_relieved_by_rest"),
          ("pain_at_night", "pain_constant_unrelieved", "unexplained_weight_loss")), SELF),
    ("history_cancer with pain_at_night | consultation_24", "night pain, no cancer",
     ache(30, ("pain_at_night",), ("history_cancer",)), SELF),
    # --- chest, clot ----------------------------------------------------------------
    ("chest_pain with shortness_of_breath | emergency_ambulance", "both",
     ache(30, ("chest_pain", "shortness_of_breath")), AMB),
    ("chest_pain, or shortness_of_breath (at rest) | emergency", "chest pain alone",
     ache(30, ("chest_pain",), ("shortness_of_breath",)), EM),
    ("chest_pain, or shortness_of_breath (at rest) | emergency", "breathless alone",
     ache(30, ("shortness_of_breath",), ("chest_pain",)), EM),
    ("coughing_blood | emergency", "coughing blood", ache(30, ("coughing_blood",)), EM),
    ("calf_swelling_one_leg | consultation_24 (venous_thromboembolism | emergency)",
     "one swollen calf (decided: the clot's same-day level, docs/model.md)",
     ache(30, ("calf_swelling_one_leg",)), EM),
    # --- sudden severe pain ---------------------------------------------------------
    ("pain_onset_sudden with pain_severity >= 8 from 20 weeks, none mechanical | emergency",
     "sudden 8/10 at 20+0", ache(20, ("pain_onset_sudden",), severity=8), EM),
    ("pain_onset_sudden with pain_severity >= 8 from 20 weeks | emergency",
     "sudden 8/10 at 19+6", ache(19.86, ("pain_onset_sudden",), severity=8), CONS),
    ("pain_onset_sudden with pain_severity >= 8 | emergency", "sudden 7/10 at 30",
     ache(30, ("pain_onset_sudden",), severity=7), CONS),
    ("... when none of heavy_lifting_or_strain ... | emergency", "sudden 8/10 after a lift",
     ache(30, ("pain_onset_sudden", "heavy_lifting_or_strain"), severity=8), CONS),
    ("... when none of pain_worse_with_movement ... | emergency", "sudden 8/10, worse moving",
     ache(30, ("pain_onset_sudden", "pain_worse_with_movement"), severity=8), CONS),
    ("... when none of lumbar_tenderness ... | emergency", "sudden 8/10, tender back",
     ache(30, ("pain_onset_sudden", "lumbar_tenderness"), severity=8), CONS),
    ("pain_onset_sudden with pain_severity >= 8 | emergency", "gradual 8/10 at 30",
     ache(30, (), ("pain_onset_sudden",), severity=8), CONS),
    # --- early pregnancy ------------------------------------------------------------
    ("before 14 weeks, faint_or_dizzy with pain_one_side | emergency_ambulance", "at 13+6",
     ache(13.86, ("faint_or_dizzy", "pain_one_side")), AMB),
    ("before 14 weeks, faint_or_dizzy with pain_lower_abdomen | emergency_ambulance",
     "at 13+6", ache(13.86, ("faint_or_dizzy", "pain_lower_abdomen")), AMB),
    ("before 14 weeks, faint_or_dizzy with vaginal_bleeding | emergency_ambulance", "at 13+6",
     ache(13.86, ("faint_or_dizzy", "vaginal_bleeding"), ("heavy_vaginal_bleeding",)), AMB),
    ("before 14 weeks, faint_or_dizzy with shoulder_tip_pain | emergency_ambulance",
     "at 13+6", ache(13.86, ("faint_or_dizzy", "shoulder_tip_pain")), AMB),
    ("before 14 weeks, faint_or_dizzy with pain_one_side | emergency_ambulance",
     "OPEN: at 14+0", ache(14, ("faint_or_dizzy", "pain_one_side")), SELF),
    ("before 14 weeks, shoulder_tip_pain | emergency", "at 13+6",
     ache(13.86, ("shoulder_tip_pain",), ("faint_or_dizzy",)), EM),
    ("before 14 weeks, shoulder_tip_pain | emergency", "at 14+0",
     ache(14, ("shoulder_tip_pain",), ("faint_or_dizzy",)), SELF),
    # --- jaundice -------------------------------------------------------------------
    ("jaundice | emergency from 20 weeks", "at 20+0", ache(20, ("jaundice",)), EM),
    ("jaundice | consultation_24 before", "at 19+6", ache(19.86, ("jaundice",)), C24),
]

CONDITIONS: list[tuple[str, str, dict[str, Any], str]] = [
    ("pelvic_girdle_pain: self_care when pain_severity <= 3 with pain_relieved_by_rest",
     "3/10, eased by rest", own(30, [*PGP, "pain_relieved_by_rest"], severity=3), SELF),
    ("pelvic_girdle_pain | consultation", "4/10, eased by rest",
     own(30, [*PGP, "pain_relieved_by_rest"], severity=4), CONS),
    ("pelvic_girdle_pain | consultation", "3/10, not eased by rest",
     own(30, PGP, ("pain_relieved_by_rest",), severity=3), CONS),
    ("pregnancy_lumbar_pain: consultation when pain_severity >= 7", "7/10",
     ache(30, severity=7), CONS),
    ("pregnancy_lumbar_pain | self_care", "6/10", ache(30, severity=6), SELF),
    ("pregnancy_lumbar_pain: consultation when pain_duration_over_2_weeks", "over 2 weeks",
     ache(30, ("pain_duration_over_2_weeks",)), CONS),
    ("muscle_strain: consultation when pain_severity >= 7", "strain, 7/10",
     ache(30, ("heavy_lifting_or_strain", "lumbar_tenderness", "pain_worse_with_movement"),
          severity=7), CONS),
    ("muscle_strain | self_care", "strain, 6/10",
     ache(30, ("heavy_lifting_or_strain", "lumbar_tenderness", "pain_worse_with_movement"),
          severity=6), SELF),
    ("disc_herniation_sciatica: consultation_24 with leg weakness in one leg", "weak leg",
     own(30, ["radiates_leg_below_knee", "pain_shooting_electric", "leg_weakness"],
         ("both_legs_affected",)), C24),
    ("threatened_miscarriage: emergency when pain_severity >= 7", "bleeding, 7/10 at 10",
     own(10, ["vaginal_bleeding", "pain_rhythmic_cramping", "pain_lower_abdomen"],
         ("heavy_vaginal_bleeding", "pain_one_side"), severity=7), EM),
    ("threatened_miscarriage | consultation_24", "bleeding, 6/10 at 10",
     own(10, ["vaginal_bleeding", "pain_rhythmic_cramping", "pain_lower_abdomen"],
         ("heavy_vaginal_bleeding", "pain_one_side"), severity=6), C24),
    ("threatened_miscarriage: emergency_ambulance with heavy bleeding and faint_or_dizzy",
     "heavy, faint at 10",
     own(10, ["heavy_vaginal_bleeding", "pain_rhythmic_cramping", "faint_or_dizzy"],
         severity=5), AMB),
    ("pyelonephritis | emergency", "no sepsis sign", own(26, PYELO, ("faint_or_dizzy",)), EM),
    ("pyelonephritis: emergency_ambulance with signs of sepsis (faint_or_dizzy)", "faint",
     own(26, [*PYELO, "faint_or_dizzy"]), AMB),
    ("pyelonephritis: ... signs of sepsis (heart_rate >= 130)", "pulse 130",
     own(26, PYELO, ("faint_or_dizzy",), heart_rate=130), AMB),
    ("pyelonephritis: ... signs of sepsis (heart_rate >= 130)", "pulse 129",
     own(26, PYELO, ("faint_or_dizzy",), heart_rate=129), EM),
    ("pyelonephritis: ... signs of sepsis (systolic_bp <= 90)", "90 systolic",
     own(26, PYELO, ("faint_or_dizzy",), systolic_bp=90, diastolic_bp=55), AMB),
    ("pyelonephritis: ... signs of sepsis (systolic_bp <= 90)", "91 systolic",
     own(26, PYELO, ("faint_or_dizzy",), systolic_bp=91, diastolic_bp=55), EM),
    ("signs of sepsis: ... in a woman with fever or chills_rigors", "chills, no fever, faint",
     own(26, ["pain_flank", "kidney_tender_on_tapping", "chills_rigors", "faint_or_dizzy"],
         ("fever",)), AMB),
    ("kidney_stone | emergency", "no fever", own(26, STONE, ("fever", "faint_or_dizzy")), EM),
    ("kidney_stone: emergency_ambulance with fever with signs of sepsis", "fever, faint",
     own(26, [*STONE, "fever", "faint_or_dizzy"]), AMB),
    ("kidney_stone: emergency_ambulance with fever with signs of sepsis", "fever, pulse 130",
     own(26, [*STONE, "fever"], ("faint_or_dizzy",), heart_rate=130), AMB),
    ("kidney_stone: emergency_ambulance with fever with signs of sepsis", "fever, pulse 129",
     own(26, [*STONE, "fever"], ("faint_or_dizzy",), heart_rate=129), EM),
    ("kidney_stone: emergency_ambulance with fever with signs of sepsis",
     "faint, no fever, no chills", own(26, [*STONE, "faint_or_dizzy"],
                                       ("fever", "chills_rigors")), EM),
    ("pelvic_infection | consultation_24", "no fever at 12",
     own(12, ["pain_lower_abdomen", "discharge_infected"], ("fever", "vaginal_bleeding")), C24),
    ("pelvic_infection: emergency with fever", "fever at 12",
     own(12, ["pain_lower_abdomen", "discharge_infected", "fever"], ("vaginal_bleeding",)), EM),
    ("biliary_disease | consultation_24", "colic at 15",
     own(15, ["pain_upper_abdomen", "pain_right_side", "pain_after_fatty_meals",
              "nausea_vomiting"], ("fever", "jaundice", "chills_rigors")), C24),
    ("biliary_disease: emergency with fever", "fever at 15",
     own(15, ["pain_upper_abdomen", "pain_right_side", "pain_after_fatty_meals",
              "nausea_vomiting", "fever"], ("jaundice",)), EM),
    ("biliary_disease: emergency with jaundice", "jaundice at 15",
     own(15, ["pain_upper_abdomen", "pain_right_side", "pain_after_fatty_meals",
              "nausea_vomiting", "jaundice"], ("fever",)), EM),
    ("vertebral_fracture: emergency with recent_trauma and pain_severity >= 7", "7/10",
     own(12, ["recent_trauma", "pain_lower_back_central", "pain_onset_sudden", "pain_sharp",
              "lumbar_tenderness"], severity=7), EM),
    ("spinal_malignancy: emergency with leg_weakness", "weak leg",
     own(24, ["history_cancer", "pain_lower_back_central", "pain_constant_unrelieved",
              "pain_at_night", "unexplained_weight_loss", "leg_weakness"]), EM),
    ("spinal_malignancy | consultation_24", "no cord signs",
     own(24, ["history_cancer", "pain_lower_back_central", "pain_constant_unrelieved",
              "pain_at_night", "unexplained_weight_loss"],
         ("leg_weakness", "saddle_numbness", "new_bladder_bowel_dysfunction")), C24),
]


def _params(rows: list[tuple[str, str, dict[str, Any], str]]) -> list[Any]:
    return [pytest.param(data, level, id=f"{row} / {label}") for row, label, data, level in rows]


@pytest.mark.parametrize(("data", "expected"), _params(FLOORS))
def test_floor_rows_at_their_boundaries(engine, data, expected):
    got = engine.triage(engine.case(data))
    assert got.level == expected, (got.set_by.id, got.set_by.probability)


@pytest.mark.parametrize(("data", "expected"), _params(CONDITIONS))
def test_condition_rows_at_their_boundaries(engine, data, expected):
    got = engine.triage(engine.case(data))
    assert got.level == expected, (got.set_by.id, got.set_by.probability)
