"""The FHIR R4B hand-off: valid, complete, coded, and faithful to the report."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhir.resources.R4B.riskassessment import RiskAssessment

from gravida.cli.handoff import handoff, handoff_options
from gravida.interview import InterviewError, answer, start
from gravida.knowledge.codes import load_codes
from gravida.report import build_report
from gravida.report.fhir import (
    FhirError,
    bundle_from_report,
    bundle_json,
    entries,
    fhir_for_interview,
    fhir_for_session,
)
from gravida.report.handoff import HandoffError, software_version

from .conftest import DEV_VIGNETTES

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
ICD10 = "http://hl7.org/fhir/sid/icd-10"
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"

PYELO = {
    "gestational_weeks": 26, "maternal_age": 24, "pain_severity": 7, "temperature_c": 38.7,
    "heart_rate": 112, "systolic_bp": 112, "diastolic_bp": 68,
    "present": ["pain_flank", "pain_one_side", "pain_right_side", "fever", "chills_rigors",
                "painful_urination", "kidney_tender_on_tapping"],
    "absent": ["vaginal_bleeding", "faint_or_dizzy", "contractions_regular"],
}


@pytest.fixture(scope="module")
def report(engine):
    return build_report(engine, PYELO)


@pytest.fixture(scope="module")
def bundle(report):
    return bundle_from_report(report, now=NOW, bundle_id="test")


def one(bundle, kind):
    found = list(entries(bundle, kind))
    assert len(found) == 1, kind
    return found[0]


def loinc_of(resource):
    return next(c["code"] for c in resource["code"]["coding"] if c["system"] == LOINC)


# --- valid R4B ---------------------------------------------------------------------------


def test_bundle_parses_back_with_fhir_resources_r4b(report, bundle):
    parsed = Bundle.model_validate(bundle)
    assert parsed.type == "collection"
    again = Bundle.model_validate_json(bundle_json(report, now=NOW, bundle_id="test"))
    assert json.loads(again.model_dump_json()) == bundle
    kinds = sorted(e.resource.get_resource_type() for e in parsed.entry)
    assert kinds == sorted(["RiskAssessment", "QuestionnaireResponse", "Patient", "Device",
                            "CodeSystem", "CodeSystem"] + ["Observation"] * 6)


def test_every_reference_resolves_inside_the_bundle(bundle):
    urls = {e["fullUrl"] for e in bundle["entry"]}
    refs = []

    def walk(x):
        if isinstance(x, dict):
            if isinstance(x.get("reference"), str):
                refs.append(x["reference"])
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(bundle)
    assert refs and set(refs) <= urls
    assert all(e["fullUrl"] == f"urn:uuid:{e['resource']['id']}" for e in bundle["entry"])


def test_same_id_and_time_give_the_same_bundle_and_fresh_ids_differ(report, bundle):
    assert bundle_from_report(report, now=NOW, bundle_id="test") == bundle
    a, b = bundle_from_report(report, now=NOW), bundle_from_report(report, now=NOW)
    assert a["id"] != b["id"]


# --- the RiskAssessment ------------------------------------------------------------------


def test_predictions_are_the_ranked_conditions_in_percent_with_icd10(report, bundle, pack):
    ra = one(bundle, "RiskAssessment")
    RiskAssessment.model_validate(ra)
    codes = load_codes(pack)
    preds = ra["prediction"]
    assert [p["outcome"]["text"] for p in preds] == [c.name for c in report.assessment.conditions]
    for p, c in zip(preds, report.assessment.conditions, strict=True):
        icd = [x for x in p["outcome"]["coding"] if x["system"] == ICD10]
        assert icd and icd[0]["code"] == codes.conditions[c.id].icd10.code
        assert icd[0]["version"] == "2019"
        assert 0 <= p["probabilityDecimal"] <= 100
        assert p["probabilityDecimal"] == pytest.approx(c.probability * 100, abs=1e-4)
    assert sum(p["probabilityDecimal"] for p in preds) == pytest.approx(100, abs=0.01)
    pyelo = next(p for p in preds if p["outcome"]["text"] == "Acute pyelonephritis")
    assert {"system": SNOMED, "code": "36689008", "display": "Acute pyelonephritis"} in \
        pyelo["outcome"]["coding"]
    assert "fever" in pyelo["rationale"]


def test_triage_level_and_rule_travel_with_the_assessment(report, bundle, pack):
    ra = one(bundle, "RiskAssessment")
    t = report.assessment.triage
    ext = next(e for e in ra["extension"] if e["url"].endswith("/StructureDefinition/triage"))
    sub = {e["url"]: e for e in ext["extension"]}
    level = sub["level"]["valueCodeableConcept"]["coding"][0]
    assert level["code"] == t.level and level["system"] == load_codes(pack).triage_system
    assert sub["setBy"]["valueString"] == f"{t.set_by.kind}:{t.set_by.id}"
    assert sub["rule"]["valueString"] == t.set_by.says
    assert ra["mitigation"] == t.meaning
    assert any("not a diagnosis" in n["text"] for n in ra["note"])
    cs = next(r for r in entries(bundle, "CodeSystem") if r["url"] == level["system"])
    assert [c["code"] for c in cs["concept"]] == list(pack.levels)


def test_performer_is_a_device_with_software_and_pack_versions(report, bundle):
    ra = one(bundle, "RiskAssessment")
    device = one(bundle, "Device")
    assert ra["performer"]["reference"] == f"urn:uuid:{device['id']}"
    versions = {v["type"]["text"]: v["value"] for v in device["version"]}
    assert versions == {"software": software_version(),
                        "knowledge-pack": report.assessment.pack_version}
    assert ra["status"] == "final"


# --- the Observations --------------------------------------------------------------------


def test_observations_carry_loinc_codes_and_ucum_units(bundle):
    obs = {loinc_of(o): o for o in entries(bundle, "Observation")}
    assert set(obs) == {"49051-6", "30525-0", "72514-3", "8310-5", "8867-4", "85354-9"}
    assert obs["8310-5"]["valueQuantity"] == {"value": 38.7, "unit": "°C", "system": UCUM,
                                              "code": "Cel"}
    assert obs["8867-4"]["valueQuantity"]["code"] == "/min"
    assert obs["8867-4"]["valueQuantity"]["value"] == 112
    assert obs["49051-6"]["valueQuantity"]["code"] == "wk"
    assert obs["72514-3"]["valueQuantity"]["code"] == "{score}"
    bp = obs["85354-9"]
    comps = {c["code"]["coding"][0]["code"]: c["valueQuantity"] for c in bp["component"]}
    assert comps["8480-6"]["value"] == 112 and comps["8462-4"]["value"] == 68
    assert {q["code"] for q in comps.values()} == {"mm[Hg]"}
    vital = {o["category"][0]["coding"][0]["code"] for o in (obs["8310-5"], obs["8867-4"], bp)}
    assert vital == {"vital-signs"}


def test_half_a_blood_pressure_is_one_component(engine):
    b = bundle_from_report(build_report(engine, {"gestational_weeks": 30, "systolic_bp": 150}),
                           now=NOW)
    obs = [o for o in entries(b, "Observation") if loinc_of(o) == "85354-9"]
    assert len(obs) == 1 and [c["code"]["coding"][0]["code"] for c in obs[0]["component"]] == \
        ["8480-6"]


# --- the QuestionnaireResponse -------------------------------------------------------------


def test_from_a_case_the_questionnaire_response_lists_the_findings_stated(bundle, pack):
    qr = one(bundle, "QuestionnaireResponse")
    QuestionnaireResponse.model_validate(qr)
    items = {i["linkId"]: i for i in qr["item"]}
    assert items["fever"]["answer"] == [{"valueBoolean": True}]
    assert items["vaginal_bleeding"]["answer"] == [{"valueBoolean": False}]
    assert items["fever"]["text"] == pack.label("fever")
    assert items["temperature_c"]["answer"][0]["valueQuantity"]["value"] == 38.7
    assert qr["status"] == "completed"
    assert len(items) == 7 + len(PYELO["present"]) + len(PYELO["absent"])


def _questions(engine):
    """Question ids found by what they ask, so the test survives renamed questions."""
    from gravida.interview.session import catalogue

    cat = catalogue(engine)

    def group(finding):
        return next(q.id for q in cat.questions.values()
                    if q.kind == "group" and finding in q.findings)

    return {"measurements": cat.by_finding["systolic_bp"],
            "nerves": group("saddle_numbness"), "spread": group("radiates_buttock_thigh"),
            "pain": cat.by_finding["pain_severity"],
            "caesarean": cat.by_finding["previous_caesarean"]}, cat


def _session(engine):
    q, _ = _questions(engine)
    s = start(engine, {"gestational_weeks": 30, "present": ["pain_lower_back_central"],
                       "absent": ["leg_weakness"]})
    s = answer(s, q["measurements"], {"temperature_c": 37.1, "systolic_bp": 118,
                                      "diastolic_bp": 76})
    s = answer(s, q["nerves"], False)
    s = answer(s, q["spread"], ["radiates_buttock_thigh"])
    s = answer(s, q["pain"], None)
    return answer(s, q["caesarean"], True)


def test_from_an_interview_the_questions_and_answers_in_order(engine):
    q, cat = _questions(engine)
    s = _session(engine)
    b = fhir_for_session(s, now=NOW)
    qr = one(b, "QuestionnaireResponse")
    items = qr["item"]
    assert [i["linkId"] for i in items] == ["initial", q["measurements"], q["nerves"],
                                            q["spread"], q["pain"], q["caesarean"]]
    assert all(i["text"] == cat.questions[i["linkId"]].text for i in items[1:])
    initial = {i["linkId"]: i["answer"] for i in items[0]["item"]}
    assert initial["initial.pain_lower_back_central"] == [{"valueBoolean": True}]
    assert initial["initial.leg_weakness"] == [{"valueBoolean": False}]
    m = q["measurements"]
    parts = {i["linkId"]: i["answer"][0]["valueQuantity"] for i in items[1]["item"]}
    assert parts[f"{m}.systolic_bp"] == {"value": 118, "unit": "mmHg", "system": UCUM,
                                         "code": "mm[Hg]"}
    assert f"{m}.heart_rate" not in parts  # not given: not invented
    # "none of these": exactly the members still open (leg weakness was already known)
    none_of = {i["linkId"]: i["answer"] for i in items[2]["item"]}
    n = q["nerves"]
    assert none_of == {f"{n}.{f}": [{"valueBoolean": False}]
                       for f in cat.questions[n].findings if f != "leg_weakness"}
    assert f"{n}.saddle_numbness" in none_of
    chosen = items[3]["item"]
    assert [c["linkId"] for c in chosen] == [f"{q['spread']}.radiates_buttock_thigh"]
    assert chosen[0]["answer"] == [{"valueBoolean": True}]
    assert items[4]["answer"][0]["valueCoding"]["code"] == "asked-unknown"
    assert items[5]["answer"] == [{"valueBoolean": True}]
    assert qr["status"] == "in-progress"
    assert one(b, "RiskAssessment")["status"] == "preliminary"


def test_a_finished_interview_is_completed_and_final(engine):
    from gravida.interview import next_question

    s = start(engine, {"gestational_weeks": 30, "present": ["pain_lower_back_central"]})
    for _ in range(100):
        q = next_question(s)
        if q is None:
            break
        if q.kind == "number":
            s = answer(s, q.id, {p.finding: (p.lo + p.hi) / 2 for p in q.parts})
            continue
        try:
            s = answer(s, q.id, False)
        except InterviewError:  # a question that needs a choice ("where is the pain?")
            s = answer(s, q.id, [q.options[0].finding])
    assert next_question(s) is None
    b = fhir_for_session(s, now=NOW)
    Bundle.model_validate(b)
    assert one(b, "QuestionnaireResponse")["status"] == "completed"
    assert one(b, "RiskAssessment")["status"] == "final"
    assert len(one(b, "QuestionnaireResponse")["item"]) == 1 + len(s.answers)


def test_a_group_answered_yes_awaiting_which_is_recorded_as_yes(engine):
    q, _ = _questions(engine)
    s = start(engine, {"gestational_weeks": 30})
    s = answer(s, q["spread"], True)
    items = one(fhir_for_session(s, now=NOW), "QuestionnaireResponse")["item"]
    assert items[-1]["linkId"] == q["spread"]
    assert items[-1]["answer"] == [{"valueBoolean": True}] and "item" not in items[-1]


def test_a_stored_interview_gives_the_same_bundle(engine):
    s = _session(engine)
    stored = json.loads(json.dumps(s.to_json()))
    assert fhir_for_interview(engine, stored, now=NOW, bundle_id="x") == \
        fhir_for_session(s, now=NOW, bundle_id="x")


@pytest.mark.parametrize("state", [None, [], {"format": 99}, {"format": 1, "answers": "x"}])
def test_a_broken_stored_interview_is_a_clear_error(engine, state):
    with pytest.raises(InterviewError) as info:
        fhir_for_interview(engine, state)
    assert str(info.value)


def test_a_naive_time_is_refused(report):
    with pytest.raises(FhirError, match="timezone"):
        bundle_from_report(report, now=datetime(2026, 1, 1))


def test_a_report_of_another_pack_is_refused(report, pack):
    from dataclasses import replace

    other = replace(report, assessment=replace(report.assessment, pack_version="0+other"))
    with pytest.raises(HandoffError, match="knowledge pack"):
        bundle_from_report(other)


# --- round trip of the dev vignettes -----------------------------------------------------


def _values(resource):
    out = {}
    if "valueQuantity" in resource:
        out[loinc_of(resource)] = resource["valueQuantity"]["value"]
    for c in resource.get("component", []):
        out[c["code"]["coding"][0]["code"]] = c["valueQuantity"]["value"]
    return out


@pytest.mark.skipif(not DEV_VIGNETTES.exists(), reason="shared dev vignettes are not present")
def test_round_trip_of_the_dev_vignettes(engine, pack):
    codes = load_codes(pack)
    vignettes = yaml.safe_load(DEV_VIGNETTES.read_text(encoding="utf-8"))
    assert vignettes
    for v in vignettes:
        report = build_report(engine, v["case"])
        text = bundle_json(report, now=NOW)
        parsed = Bundle.model_validate_json(text)  # case -> report -> bundle -> parse
        back = json.loads(parsed.model_dump_json())
        ra = one(back, "RiskAssessment")
        local = codes.condition_system
        got = [
            (next(c["code"] for c in p["outcome"]["coding"] if c["system"] == local),
             p["probabilityDecimal"] / 100)
            for p in ra["prediction"]
        ]
        want = [(c.id, c.probability) for c in report.assessment.conditions]
        assert [g[0] for g in got] == [w[0] for w in want], v["id"]
        for (_, p), (_, q) in zip(got, want, strict=True):
            assert p == pytest.approx(q, abs=1e-6), v["id"]
        values = {}
        for o in entries(back, "Observation"):
            values.update(_values(o))
        expected = {codes.observations[f].loinc: x for f, x in v["case"].items()
                    if f in codes.observations}
        assert values == pytest.approx(expected), v["id"]
        level = next(e for e in ra["extension"][0]["extension"] if e["url"] == "level")
        assert level["valueCodeableConcept"]["coding"][0]["code"] == \
            report.assessment.triage.level, v["id"]


# --- the CLI helpers the lead wires into `gravida assess` ----------------------------------


@click.command()
@click.argument("case")
@handoff_options
def _assess(case: str, fhir: bool, summary: str | None, medicines: tuple[str, ...]) -> None:
    from gravida.engine import Engine

    report = build_report(Engine(), yaml.safe_load(Path(case).read_text()))
    if handoff(report, fhir=fhir, summary=summary, medicines=medicines):
        return
    click.echo("report")


@pytest.fixture()
def case_file(tmp_path):
    p = tmp_path / "case.yaml"
    p.write_text(yaml.safe_dump(PYELO))
    return p


def test_cli_fhir_prints_only_the_bundle(case_file):
    r = CliRunner().invoke(_assess, [str(case_file), "--fhir"])
    assert r.exit_code == 0, r.output
    Bundle.model_validate_json(r.stdout)


def test_cli_summary_writes_the_page_and_then_reports(case_file, tmp_path):
    out = tmp_path / "summary.html"
    r = CliRunner().invoke(_assess, [str(case_file), "--summary", str(out),
                                     "--medicine", "paracetamol"])
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() == "report"
    html = out.read_text(encoding="utf-8")
    assert "Paracetamol" in html and "not a diagnosis" in html


@pytest.mark.parametrize("args", [["--medicine", "paracetamol"],
                                  ["--summary", "/nonexistent-dir/x.html"],
                                  ["--fhir", "--summary", "-"]])
def test_cli_misuse_is_one_line_and_status_2(case_file, args):
    r = CliRunner().invoke(_assess, [str(case_file), *args])
    assert r.exit_code == 2
    assert r.stderr.startswith("error: ") and "Traceback" not in r.output


# --- the API route -------------------------------------------------------------------------


@pytest.fixture()
def client(tmp_path):
    from fastapi.testclient import TestClient

    from gravida.api.app import create_app
    from gravida.settings import Settings

    app = create_app(Settings(data_dir=tmp_path, purge_interval_seconds=0))  # routes_fhir included
    with TestClient(app) as c:
        yield c


def test_api_fhir_of_an_interview(client):
    r = client.post("/v1/interviews", json={"gestational_weeks": 30,
                                            "present": ["pain_lower_back_central"]})
    assert r.status_code == 201
    iid = r.json()["id"]
    r = client.get(f"/v1/interviews/{iid}/fhir")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/fhir+json"
    assert r.headers["cache-control"] == "no-store"
    b = Bundle.model_validate_json(r.text)
    assert b.type == "collection"
    r = client.get(f"/v1/interviews/{iid}/summary")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "script-src" not in r.headers["content-security-policy"]
    assert "not a diagnosis" in r.text


def test_api_unknown_interview_is_a_problem(client):
    for path in ("fhir", "summary"):
        r = client.get(f"/v1/interviews/nope/{path}")
        assert r.status_code == 404
        assert r.headers["content-type"] == "application/problem+json"


def test_api_routes_are_documented_like_the_others(client):
    doc = client.get("/openapi.json").json()
    for path, media in (("/v1/interviews/{interview_id}/fhir", "application/fhir+json"),
                        ("/v1/interviews/{interview_id}/summary", "text/html")):
        op = doc["paths"][path]["get"]
        assert op["summary"] and op["operationId"]
        assert "example" in op["responses"]["200"]["content"][media]
        for status, resp in op["responses"].items():
            if status.startswith(("4", "5")):
                assert list(resp["content"]) == ["application/problem+json"], (path, status)
