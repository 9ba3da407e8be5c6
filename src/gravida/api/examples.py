"""Request examples for the OpenAPI document.

Response examples are not written here: they are computed from these
requests by the running code when the document is built, so they are always
true. A test sends every request example and expects success.
"""

from __future__ import annotations

from typing import Any

POSTURAL: dict[str, Any] = {
    "gestational_weeks": 28,
    "maternal_age": 31,
    "pain_severity": 4,
    "present": [
        "pain_lower_back_central", "pain_dull_aching", "pain_worse_standing_sitting_long",
        "pain_relieved_by_rest",
    ],
    "absent": [
        "fever", "vaginal_bleeding", "painful_urination", "pain_flank",
        "radiates_leg_below_knee", "contractions_regular", "reduced_fetal_movements",
    ],
}

KIDNEY: dict[str, Any] = {
    "gestational_weeks": 30,
    "temperature_c": 38.6,
    "present": ["pain_flank", "pain_one_side", "chills_rigors", "painful_urination"],
    "absent": ["vaginal_bleeding", "contractions_regular"],
}

ASSESS = {
    "postural": {"summary": "Postural low back pain at 28 weeks", "value": POSTURAL},
    "kidney": {"summary": "Flank pain with fever at 30 weeks", "value": KIDNEY},
    "minimal": {"summary": "Only what is required", "value": {"gestational_weeks": 20}},
}

# POST /v1/assess?detail=...
DETAIL: dict[str, Any] = {
    "full": {"summary": "The full result: engine, why, plan, what to expect, work-up "
                        "(the default)", "value": "full"},
    "core": {"summary": "The engine's result only (ranked causes, triage, explanations)",
             "value": "core"},
}

INVALID_CASE = {
    "summary": "An unknown id, a number out of range, a contradiction",
    "value": {
        "gestational_weeks": 50,
        "present": ["fevr", "pain_flank"],
        "absent": ["pain_flank"],
    },
}

PARSE = {
    "narrative": {
        "summary": "Her own words",
        "value": {
            "text": "I'm 30 weeks pregnant. Since yesterday I have a pain in my right side "
                    "at the back, under the ribs, and a temperature of 38.4. No bleeding.",
        },
    },
}

START = {
    "structured": {
        "summary": "Start from what is known",
        "value": {"gestational_weeks": 24, "present": ["pain_lower_back_central"]},
    },
    "text": {
        "summary": "Start from her own words",
        "value": {
            "text": "I'm 26 weeks pregnant and my lower back has ached for a week, "
                    "worse after standing all day.",
        },
    },
}

MEDICINES = {
    "paracetamol": {"summary": "A brand name, with weeks",
                    "value": {"query": "Panadol", "weeks": 30}},
    "ibuprofen": {"summary": "Without weeks: the most cautious verdict",
                  "value": {"query": "ibuprofen", "weeks": None}},
}
