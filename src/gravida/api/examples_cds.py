"""Examples for the CDS Hooks routes' OpenAPI document (made by running the services).

Requests shaped like the CDS Hooks 2.0 examples; responses as Gravida answered them
(the knowledge-pack version shortened). Documentation only: tests/api/test_cds.py
checks the behaviour.
"""

from __future__ import annotations

from typing import Any

null, true, false = None, True, False  # so the examples read as the JSON they are

_PATIENT = "1288992"
_TAKEN = "2026-12-06T14:07:06.573378+00:00"  # when the example's observations were taken


def _searchset(*resources: dict[str, Any]) -> dict[str, Any]:
    """A FHIR searchset Bundle holding *resources*, as a CDS client prefetches it."""
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [{"resource": r} for r in resources],
    }


def _observation(loinc: str, taken: str, **value: Any) -> dict[str, Any]:
    """A final Observation coded by LOINC; *value* is its value[x] element."""
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": loinc}]},
        "effectiveDateTime": taken,
        **value,
    }


def _gestation(weeks: int) -> dict[str, Any]:
    """The gestational-age Observation (LOINC 49051-6) the hooks prefetch."""
    unit = {"unit": "wk", "system": "http://unitsofmeasure.org", "code": "wk"}
    return _observation(
        "49051-6", "2026-12-06T11:00:00+00:00", valueQuantity={"value": weeks, **unit}
    )


def _condition(snomed: str) -> dict[str, Any]:
    """An active Condition coded by SNOMED CT."""
    return {
        "resourceType": "Condition",
        "clinicalStatus": {"coding": [{"code": "active"}]},
        "code": {"coding": [{"system": "http://snomed.info/sct", "code": snomed}]},
        "onsetDateTime": "2026-12-06T15:07:06.573378+00:00",
    }


MEDICATION_REQUEST: dict[str, Any] = {
    "hook": "order-select",
    "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
    "fhirServer": "https://ehr.example/fhir",
    "context": {
        "userId": "Practitioner/example",
        "patientId": _PATIENT,
        "encounterId": "89284",
        "selections": ["MedicationRequest/request-123"],
        "draftOrders": _searchset(
            {
                "resourceType": "MedicationRequest",
                "id": "request-123",
                "status": "draft",
                "intent": "order",
                "subject": {"reference": f"Patient/{_PATIENT}"},
                "medicationCodeableConcept": {
                    "coding": [
                        {
                            "system": "http://www.nlm.nih.gov/research/umls/rxnorm",
                            "code": "197806",
                            "display": "ibuprofen 400 MG Oral Tablet",
                        }
                    ],
                    "text": "ibuprofen 400 MG Oral Tablet",
                },
            }
        ),
    },
    "prefetch": {"gestation": _searchset(_gestation(24)), "pregnancy": _searchset()},
}

TRIAGE_REQUEST: dict[str, Any] = {
    "hook": "patient-view",
    "hookInstance": "hk-1",
    "context": {"userId": "Practitioner/example", "patientId": _PATIENT},
    "prefetch": {
        "gestation": _searchset(_gestation(26)),
        "pregnancy": _searchset(),
        "observations": _searchset(
            _observation(
                "8310-5", _TAKEN, valueQuantity={"value": 38.9, "unit": "°C", "code": "Cel"}
            ),
            _observation(
                "8867-4", _TAKEN, valueQuantity={"value": 112, "unit": "/min", "code": "/min"}
            ),
            _observation(
                "5799-2",
                _TAKEN,
                valueCodeableConcept={
                    "coding": [{"system": "http://snomed.info/sct", "code": "10828004"}]
                },
            ),
        ),
        "conditions": _searchset(
            *(_condition(c) for c in ("49650001", "247355005", "43724002", "386661006"))
        ),
    },
}

MEDICATION_RESPONSE: dict[str, Any] = {
    "cards": [
        {
            "uuid": "6ec4f06a-3659-5a83-b0aa-43f3a51d35f5",
            "summary": "Ibuprofen: Avoid at 24 weeks of pregnancy",
            "detail": "From 20 weeks NSAIDs can affect the baby's kidneys and lower the fluid around the baby. Do not take it unless a doctor prescribes it and checks on the baby.\n\nGestational age 24 weeks, from the recorded gestational age.\n\nSources: FDA recommends avoiding use of NSAIDs in pregnancy at 20 weeks or later because they can result in low amniotic fluid; British National Formulary: drug monographs, pregnancy sections; Best use of medicines in pregnancy (bumps): information leaflets by medicine.",  # noqa: E501
            "indicator": "warning",
            "source": {"label": "Gravida, knowledge pack 2026.11.1"},
            "suggestions": [
                {
                    "label": "Order paracetamol instead",
                    "uuid": "dd0f93ff-0783-5354-ae92-ee0a13e8a9e8",
                    "isRecommended": true,
                    "actions": [
                        {
                            "type": "delete",
                            "description": "Remove the draft order for Ibuprofen",
                            "resourceId": ["MedicationRequest/request-123"],
                        },
                        {
                            "type": "create",
                            "description": "Add Paracetamol",
                            "resource": {
                                "resourceType": "MedicationRequest",
                                "status": "draft",
                                "intent": "order",
                                "medicationCodeableConcept": {
                                    "coding": [
                                        {
                                            "system": "http://www.nlm.nih.gov/research/umls/rxnorm",
                                            "code": "161",
                                            "display": "acetaminophen",
                                        }
                                    ],
                                    "text": "Paracetamol",
                                },
                                "dosageInstruction": [
                                    {
                                        "text": "Paracetamol 500 mg to 1 g by mouth every 4 to 6 hours when needed; no more than 4 g in 24 hours"  # noqa: E501
                                    }
                                ],
                                "subject": {"reference": "Patient/1288992"},
                            },
                        },
                    ],
                }
            ],
            "selectionBehavior": "at-most-one",
        }
    ]
}

TRIAGE_RESPONSE: dict[str, Any] = {
    "cards": [
        {
            "uuid": "e92c773a-b514-5833-9071-9e1ce8ff0ec0",
            "summary": "Back pain in pregnancy: Emergency care now. Most likely: Acute pyelonephritis",  # noqa: E501
            "detail": "Triage: **Emergency care now**. Go to the maternity unit / emergency department now (within hours).\n\nSet by rule fever_with_loin_signs: Fever with loin pain or shaking chills suggests a kidney infection, which in pregnancy needs hospital treatment.\n\nLeading causes: Acute pyelonephritis (100%), Kidney stone (renal colic) (0%), Pelvic infection (adnexitis, cervicitis) (0%).\n\nNext investigations: Urine culture (midstream urine, MSU); Ultrasound of the kidneys and urinary tract; Full blood count and CRP.\n\nRead from the record: pain or burning when passing urine; pain in the loin (under the ribs at the back); shivering or shaking chills; a fever (38 °C or more); temperature; pulse; a urine test showing white cells or nitrites; weeks of pregnancy.\n\nDecision support, not a diagnosis: it uses only what the record holds.",  # noqa: E501
            "indicator": "critical",
            "source": {"label": "Gravida, knowledge pack 2026.11.1"},
            "links": [
                {
                    "label": "Complete Gravida's interview with her (findings missing)",
                    "url": "https://gravida.example/",
                    "type": "smart",
                }
            ],
        }
    ]
}

DISCOVERY: dict[str, Any] = {
    "services": [
        {
            "hook": "order-select",
            "title": "Gravida: medicines in pregnancy",
            "description": "Checks each draft MedicationRequest for a pregnant patient.",
            "id": "gravida-medication-pregnancy",
            "prefetch": {
                "gestation": "Observation?patient={{context.patientId}}&code=http://loinc.org|49051-6",
                "pregnancy": "Condition?patient={{context.patientId}}&code=http://snomed.info/sct|77386006",
            },
        }
    ]
}
