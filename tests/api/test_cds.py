"""CDS Hooks 2.0: discovery, medicine cards on orders, triage card on opening the record.

Requests are shaped like the specification's examples (order-select with
draftOrders and selections, patient-view with prefetch), adapted to a
pregnant patient.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from gravida.api.app import create_app
from gravida.engine import Engine
from gravida.service.cds import MEDICATION, MEDICATION_SIGN, TRIAGE, MissingPrefetch, call
from gravida.service.cds_models import HookRequest, HookResponse

from .conftest import make_settings, problem_of

NOW = datetime.now(UTC)
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
ATC = "http://www.whocc.no/atc"
LOINC = "http://loinc.org"
SCT = "http://snomed.info/sct"

IBUPROFEN = {"coding": [{"system": RXNORM, "code": "197806",
                         "display": "ibuprofen 400 MG Oral Tablet"}],
             "text": "ibuprofen 400 MG Oral Tablet"}
PARACETAMOL = {"coding": [{"system": ATC, "code": "N02BE01", "display": "paracetamol"}]}


def bundle(*resources: dict[str, Any]) -> dict[str, Any]:
    return {"resourceType": "Bundle", "type": "searchset",
            "entry": [{"resource": r} for r in resources]}


def obs(code: str, system: str = LOINC, hours_ago: float = 1, **value: Any) -> dict[str, Any]:
    return {"resourceType": "Observation", "status": "final",
            "code": {"coding": [{"system": system, "code": code}]},
            "effectiveDateTime": (NOW - timedelta(hours=hours_ago)).isoformat(), **value}


def weeks_obs(weeks: float, hours_ago: float = 1) -> dict[str, Any]:
    return obs("49051-6", hours_ago=hours_ago, valueQuantity={
        "value": weeks, "unit": "wk", "system": "http://unitsofmeasure.org", "code": "wk"})


def condition(code: str, days_ago: float = 0) -> dict[str, Any]:
    return {"resourceType": "Condition",
            "clinicalStatus": {"coding": [{"code": "active"}]},
            "code": {"coding": [{"system": SCT, "code": code}]},
            "onsetDateTime": (NOW - timedelta(days=days_ago)).isoformat()}


def order_request(medicine: dict[str, Any], gestation: list[dict[str, Any]],
                  hook: str = "order-select", **extra: Any) -> dict[str, Any]:
    return {
        "hook": hook,
        "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        "fhirServer": "https://ehr.example/fhir",
        "context": {
            "userId": "Practitioner/example", "patientId": "1288992",
            "encounterId": "89284",
            "selections": ["MedicationRequest/request-123"],
            "draftOrders": bundle({
                "resourceType": "MedicationRequest", "id": "request-123", "status": "draft",
                "intent": "order", "subject": {"reference": "Patient/1288992"},
                "medicationCodeableConcept": medicine}),
        },
        "prefetch": {"gestation": bundle(*gestation), "pregnancy": None},
        **extra,
    }


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine()


@pytest.fixture()
def cds(tmp_path) -> Any:
    with TestClient(create_app(make_settings(tmp_path))) as c:
        yield c


def cards_of(r: Any) -> list[dict[str, Any]]:
    assert r.status_code == 200, r.text
    body = r.json()
    HookResponse.model_validate(body)
    cards: list[dict[str, Any]] = body["cards"]
    return cards


# --- discovery -------------------------------------------------------------------------


def test_discovery_lists_the_services_with_prefetch_templates(cds):
    r = cds.get("/cds-services")
    assert r.status_code == 200
    services = {s["id"]: s for s in r.json()["services"]}
    assert services[MEDICATION]["hook"] == "order-select"
    assert services[MEDICATION_SIGN]["hook"] == "order-sign"
    assert services[TRIAGE]["hook"] == "patient-view"
    gestation = services[MEDICATION]["prefetch"]["gestation"]
    assert "{{context.patientId}}" in gestation
    for code in ("11884-4", "49051-6", "18185-9", "11778-8", "82810-3"):
        assert code in gestation
    assert set(services[TRIAGE]["prefetch"]) >= {"observations", "conditions", "gestation"}


# --- medicines on orders ---------------------------------------------------------------


def test_nsaid_at_24_weeks_gives_a_warning_card_with_paracetamol_instead(cds):
    cards = cards_of(cds.post(f"/cds-services/{MEDICATION}",
                              json=order_request(IBUPROFEN, [weeks_obs(24)])))
    assert len(cards) == 1
    card = cards[0]
    assert card["indicator"] == "warning"
    assert len(card["summary"]) < 140 and "Ibuprofen" in card["summary"]
    assert "24 weeks" in card["summary"]
    assert "20 weeks" in card["detail"] and "FDA" in card["detail"]  # the reason and source
    assert card["source"]["label"].startswith("Gravida")
    (suggestion,) = card["suggestions"]
    assert "paracetamol" in suggestion["label"].lower()
    kinds = {a["type"]: a for a in suggestion["actions"]}
    assert kinds["delete"]["resourceId"] == ["MedicationRequest/request-123"]
    created = kinds["create"]["resource"]
    assert created["resourceType"] == "MedicationRequest"
    assert created["medicationCodeableConcept"]["coding"][0] == {
        "system": RXNORM, "code": "161", "display": "acetaminophen"}
    assert created["subject"] == {"reference": "Patient/1288992"}
    assert card["selectionBehavior"] == "at-most-one"


@pytest.mark.parametrize("weeks,indicator,words", [(10, "warning", "miscarriage"),
                                                   (30, "critical", "ductus arteriosus")])
def test_an_nsaid_gets_the_verdict_for_her_week(cds, weeks, indicator, words):
    med = {"coding": [{"system": ATC, "code": "M01AE01"}]}  # by ATC code alone
    (card,) = cards_of(cds.post(f"/cds-services/{MEDICATION}",
                                json=order_request(med, [weeks_obs(weeks)])))
    assert card["indicator"] == indicator and words in card["detail"]
    assert f"{weeks} weeks" in card["summary"]


def test_no_card_for_paracetamol(cds):
    assert cards_of(cds.post(f"/cds-services/{MEDICATION}",
                             json=order_request(PARACETAMOL, [weeks_obs(24)]))) == []


def test_an_unlisted_nsaid_is_read_by_its_atc_group(engine):
    med = {"coding": [{"system": ATC, "code": "M01AE14", "display": "dexibuprofen"}]}
    body = HookRequest.model_validate(order_request(med, [weeks_obs(30)]))
    (card,) = call(engine, make_settings_obj(), MEDICATION, body, "http://x/", NOW).cards
    assert card.indicator == "critical"


def make_settings_obj(**overrides: Any) -> Any:
    from pathlib import Path

    return make_settings(Path("/nonexistent-gravida-test"), **overrides)


def test_the_due_date_gives_the_week(engine):
    due = (NOW + timedelta(weeks=16)).date().isoformat()
    edd = obs("11778-8", valueDateTime=due)
    body = HookRequest.model_validate(order_request(IBUPROFEN, [edd]))
    (card,) = call(engine, make_settings_obj(), MEDICATION, body, "http://x/", NOW).cards
    assert "24 weeks" in card.summary and "date of delivery" in (card.detail or "")


def test_an_old_gestational_age_is_moved_on_to_today(engine):
    body = HookRequest.model_validate(order_request(IBUPROFEN, [weeks_obs(20, 24 * 7 * 9)]))
    (card,) = call(engine, make_settings_obj(), MEDICATION, body, "http://x/", NOW).cards
    assert card.indicator == "critical" and "29 weeks" in card.summary


def test_pregnant_without_weeks_gets_the_most_cautious_verdict(engine):
    status = obs("82810-3", valueCodeableConcept={"coding": [{"system": LOINC,
                                                              "code": "LA15173-0"}]})
    body = HookRequest.model_validate(order_request(IBUPROFEN, [status]))
    (card,) = call(engine, make_settings_obj(), MEDICATION, body, "http://x/", NOW).cards
    assert card.indicator == "critical" and "not recorded" in card.summary


def test_not_pregnant_or_unknown_gives_no_card(engine):
    status = obs("82810-3", valueCodeableConcept={"coding": [{"system": LOINC,
                                                              "code": "LA26683-5"}]})
    for gestation in ([status], []):
        body = HookRequest.model_validate(order_request(IBUPROFEN, gestation))
        assert call(engine, make_settings_obj(), MEDICATION, body, "http://x/", NOW).cards == []


def test_order_select_checks_only_the_selected_orders(engine):
    req = order_request(PARACETAMOL, [weeks_obs(30)])
    req["context"]["draftOrders"]["entry"].append({"resource": {
        "resourceType": "MedicationRequest", "id": "other", "status": "draft", "intent": "order",
        "medicationCodeableConcept": IBUPROFEN}})
    body = HookRequest.model_validate(req)
    assert call(engine, make_settings_obj(), MEDICATION, body, "http://x/", NOW).cards == []
    signed = HookRequest.model_validate({**req, "hook": "order-sign"})
    cards = call(engine, make_settings_obj(), MEDICATION_SIGN, signed, "http://x/", NOW).cards
    assert [c.indicator for c in cards] == ["critical"]  # on signing every order is checked


def test_a_combination_card_names_every_ingredient(cds):
    (card,) = cards_of(cds.post(f"/cds-services/{MEDICATION}", json=order_request(
        {"text": "Pentalgin tablets"}, [weeks_obs(30)])))
    for ingredient in ("paracetamol", "naproxen", "caffeine", "drotaverine", "pheniramine"):
        assert ingredient in card["detail"]


# --- errors and privacy ----------------------------------------------------------------


def test_missing_prefetch_without_a_fhir_server_is_412(cds):
    req = order_request(IBUPROFEN, [weeks_obs(24)])
    del req["prefetch"]
    r = cds.post(f"/cds-services/{MEDICATION}", json=req)
    assert r.status_code == 412
    assert "prefetch" in problem_of(r)["detail"]


def test_gravida_never_fetches_unless_the_setting_allows_it(engine):
    req = order_request(IBUPROFEN, [], fhirAuthorization={
        "access_token": "t", "token_type": "Bearer", "expires_in": 300,
        "scope": "patient/Observation.read", "subject": "cds"})
    del req["prefetch"]
    calls: list[str] = []

    def fetch(server: str, token: str, query: str) -> Any:
        calls.append(query)
        return bundle(weeks_obs(24))

    body = HookRequest.model_validate(req)
    with pytest.raises(MissingPrefetch):
        call(engine, make_settings_obj(), MEDICATION, body, "http://x/", NOW, fetch)
    assert calls == []
    allowed = make_settings_obj(cds_fetch_from_fhir_server=True)
    (card,) = call(engine, allowed, MEDICATION, body, "http://x/", NOW, fetch).cards
    assert card.indicator == "warning"
    assert calls and all(q.startswith(("Observation?patient=1288992",
                                       "Condition?patient=1288992")) for q in calls)


def test_unknown_service_is_404_and_a_wrong_hook_is_a_clear_error(cds):
    req = order_request(IBUPROFEN, [weeks_obs(24)])
    assert cds.post("/cds-services/nope", json=req).status_code == 404
    r = cds.post(f"/cds-services/{TRIAGE}", json=req)
    assert r.status_code == 422 and "patient-view" in problem_of(r)["detail"]
    bad = cds.post(f"/cds-services/{MEDICATION}", json={"hook": "order-select"})
    assert bad.status_code == 400 and "hookInstance" in problem_of(bad)["detail"]


# --- back-pain triage on opening the record ----------------------------------------------


def patient_view(*resources: dict[str, Any], gestation: list[dict[str, Any]] | None = None
                 ) -> dict[str, Any]:
    return {"hook": "patient-view", "hookInstance": "hk-1",
            "context": {"userId": "Practitioner/example", "patientId": "1288992"},
            "prefetch": {"gestation": bundle(*(gestation if gestation is not None
                                               else [weeks_obs(26)])),
                         "pregnancy": None,
                         "observations": bundle(*[r for r in resources
                                                  if r["resourceType"] == "Observation"]),
                         "conditions": bundle(*[r for r in resources
                                                if r["resourceType"] == "Condition"])}}


PYELONEPHRITIS = [
    obs("8310-5", valueQuantity={"value": 38.9, "unit": "°C", "code": "Cel"}),
    obs("8867-4", valueQuantity={"value": 112, "unit": "/min", "code": "/min"}),
    obs("5799-2", valueCodeableConcept={"coding": [{"system": SCT, "code": "10828004"}]}),
    condition("49650001"), condition("247355005"), condition("43724002"),
    condition("386661006"),
]


def test_pyelonephritis_findings_give_an_emergency_card(cds):
    (card,) = cards_of(cds.post(f"/cds-services/{TRIAGE}",
                                json=patient_view(*PYELONEPHRITIS)))
    assert card["indicator"] == "critical"
    assert "Emergency" in card["summary"] or "Ambulance" in card["summary"]
    assert "Kidney infection" in card["summary"] or "pyelonephritis" in card["detail"].lower()
    assert "Next investigations" in card["detail"]
    assert len(card["summary"]) < 140


def test_findings_missing_add_a_smart_link_to_the_interview(cds):
    (card,) = cards_of(cds.post(f"/cds-services/{TRIAGE}", json=patient_view()))
    (link,) = card["links"]
    assert link["type"] == "smart" and link["url"].startswith("http://testserver/")


def test_no_gestational_age_asks_for_it_with_the_interview_link(cds):
    (card,) = cards_of(cds.post(f"/cds-services/{TRIAGE}", json=patient_view(gestation=[])))
    assert card["indicator"] == "info" and card["links"][0]["type"] == "smart"


def test_an_old_symptom_is_not_todays(engine):
    old = patient_view(condition("386661006", days_ago=40), condition("49650001", days_ago=40))
    new = patient_view(condition("386661006"), condition("49650001"))
    settings = make_settings_obj()
    (a,) = call(engine, settings, TRIAGE, HookRequest.model_validate(old), "x", NOW).cards
    (b,) = call(engine, settings, TRIAGE, HookRequest.model_validate(new), "x", NOW).cards
    assert "fever" not in (a.detail or "") and "fever" in (b.detail or "")


@pytest.mark.parametrize("code", ["128053003", "59282003"])  # DVT, PE
def test_a_clot_on_her_record_years_ago_is_a_previous_clot(engine, code):
    # a history: counts whenever recorded, unlike a symptom
    view = patient_view(condition(code, days_ago=900))
    (card,) = call(engine, make_settings_obj(), TRIAGE, HookRequest.model_validate(view), "x",
                   NOW).cards
    assert "blood clot" in (card.detail or "")


def test_openapi_documents_both_with_stable_operation_ids(cds):
    spec = cds.get("/openapi.json").json()
    ops = {op["operationId"] for path in spec["paths"].values() for op in path.values()
           if isinstance(op, dict) and "operationId" in op}
    assert {"cds_discovery", "cds_medication_pregnancy", "cds_medication_pregnancy_sign",
            "cds_back_pain_triage", "sdc_next_question"} <= ops

