"""The OpenAPI document: complete, with examples that are true."""

from __future__ import annotations

import pytest

EXPECTED = {
    ("post", "/v1/assess"): "assess",
    ("post", "/v1/parse"): "parse_text",
    ("post", "/v1/interviews"): "start_interview",
    ("get", "/v1/interviews/{interview_id}"): "get_interview",
    ("delete", "/v1/interviews/{interview_id}"): "delete_interview",
    ("post", "/v1/interviews/{interview_id}/answers"): "answer_interview",
    ("post", "/v1/interviews/{interview_id}/back"): "back_interview",
    ("get", "/v1/interviews/{interview_id}/result"): "get_interview_result",
    ("get", "/v1/interviews/{interview_id}/fhir"): "get_interview_fhir",
    ("get", "/v1/interviews/{interview_id}/summary"): "get_interview_summary",
    ("post", "/v1/medicines/check"): "check_medicine",
    ("get", "/v1/vocabulary"): "get_vocabulary",
    ("get", "/healthz"): "healthz",
    ("get", "/cds-services"): "cds_discovery",
    ("post", "/cds-services/gravida-medication-pregnancy"): "cds_medication_pregnancy",
    ("post", "/cds-services/gravida-medication-pregnancy-sign"): "cds_medication_pregnancy_sign",
    ("post", "/cds-services/gravida-back-pain-triage"): "cds_back_pain_triage",
    ("post", "/fhir/Questionnaire/$next-question"): "sdc_next_question",
}


@pytest.fixture()
def doc(client):
    r = client.get("/openapi.json")
    assert r.status_code == 200
    return r.json()


def test_every_endpoint_with_a_stable_operation_id(doc):
    found = {
        (m, p): op["operationId"] for p, item in doc["paths"].items() for m, op in item.items()
    }
    assert found == EXPECTED


def test_every_endpoint_has_examples_and_problem_errors(doc):
    for path, item in doc["paths"].items():
        for method, op in item.items():
            where = f"{method} {path}"
            assert op.get("summary"), where
            if "requestBody" in op:
                media = op["requestBody"]["content"]["application/json"]
                assert media.get("examples"), where
            ok = [s for s in op["responses"] if s.startswith("2")]
            assert ok, where
            assert ok == ["204"] or any("example" in c for s in ok
                       for c in op["responses"][s].get("content", {}).values()), where
            for status, resp in op["responses"].items():
                if status.startswith(("4", "5")):
                    assert list(resp["content"]) == ["application/problem+json"], where
    assert "HTTPValidationError" not in doc["components"]["schemas"]


def test_request_schemas_come_from_the_pack(doc, pack):
    case = doc["components"]["schemas"]["Case"]
    assert case["properties"]["gestational_weeks"]["maximum"] == 44
    assert case["required"] == ["gestational_weeks"]
    ids = doc["components"]["schemas"]["BooleanFindingId"]["enum"]
    assert "fever" in ids and "gestational_weeks" not in ids


def test_every_request_example_is_accepted(client, doc):
    """Examples are sent as they are documented, and must succeed."""
    from gravida.api.examples import START

    interview = client.post("/v1/interviews", json=START["structured"]["value"]).json()
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if "requestBody" not in op:
                continue
            for name, ex in op["requestBody"]["content"]["application/json"]["examples"].items():
                body = ex["value"]
                url = path.replace("{interview_id}", interview["id"])
                if op["operationId"] == "answer_interview":
                    body = {**body, "version": interview["version"]}
                    view = client.get(url.rsplit("/", 1)[0]).json()
                    if body["question"] != view["question"]["id"]:
                        continue  # the example was computed for another start
                if op["operationId"] == "back_interview":
                    body = {"version": interview["version"]}
                r = client.request(method, url, json=body)
                assert r.status_code < 300, (op["operationId"], name, r.text)
                if op["operationId"] in ("answer_interview", "back_interview"):
                    interview = r.json()


def test_the_invalid_example_is_a_real_problem(doc):
    ex = doc["paths"]["/v1/assess"]["post"]["responses"]["422"]["content"][
        "application/problem+json"]["example"]
    fields = {e["field"] for e in ex["errors"]}
    assert {"gestational_weeks", "present[0]", "pain_flank"} <= fields


def test_response_examples_conform_to_their_schemas(doc):
    # schemathesis's own validator (a dependency of it), so no extra package is needed
    from jsonschema_rs import Draft202012Validator

    checked = 0
    for item in doc["paths"].values():
        for op in item.values():
            for status, resp in op["responses"].items():
                for media in resp.get("content", {}).values():
                    if "example" not in media or "schema" not in media:
                        continue
                    schema = {**media["schema"], "components": doc["components"]}
                    errors = list(Draft202012Validator(schema).iter_errors(media["example"]))
                    assert not errors, (op["operationId"], status, errors[0].message)
                    checked += 1
    assert checked >= 12


def test_the_assessment_documents_its_detail_and_report_sections(doc):
    op = doc["paths"]["/v1/assess"]["post"]
    (detail,) = [p for p in op["parameters"] if p["name"] == "detail"]
    assert detail["in"] == "query" and detail["schema"]["enum"] == ["full", "core"]
    assert detail["schema"]["default"] == "full"
    assert set(detail["examples"]) == {"full", "core"}
    props = doc["components"]["schemas"]["Assessment"]["properties"]
    for section in ("why", "plan", "what_to_expect", "suggested_workup"):
        assert "detail=core" in props[section]["description"], section
    example = op["responses"]["200"]["content"]["application/json"]["example"]
    assert {"why", "plan", "what_to_expect", "suggested_workup"} <= set(example)
    assert "for" in doc["components"]["schemas"]["Why"]["properties"]
