"""codes.yaml: complete for the vocabulary, well-formed codes, failures named on load."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gravida.knowledge import PackError, load_pack
from gravida.knowledge.codes import (
    FILE,
    ICD10CM,
    WHO_ICD10,
    load_codes,
    loinc_ok,
    missing_icd10,
    sctid_ok,
    verhoeff_ok,
)

from ..helpers import edited_pack


@pytest.fixture(scope="module")
def codes(pack):
    return load_codes(pack)


def test_every_vocabulary_condition_has_an_icd10_code(pack, codes):
    assert missing_icd10(pack, codes) == []
    for c in pack.vocabulary.conditions:
        code = codes.conditions[c.id].icd10
        assert WHO_ICD10.match(code.code), (c.id, code.code)
        assert code.display and code.src in pack.sources


def test_every_number_finding_has_an_observation_code(pack, codes):
    for f in pack.vocabulary.findings:
        if f.kind == "number":
            oc = codes.observations[f.id]
            assert loinc_ok(oc.loinc) and oc.unit


def test_the_required_loinc_codes_and_ucum_units(codes):
    """The vital-signs profile fixes these; a change here is a change of meaning."""
    o = codes.observations
    assert (o["temperature_c"].loinc, o["temperature_c"].unit) == ("8310-5", "Cel")
    assert (o["heart_rate"].loinc, o["heart_rate"].unit) == ("8867-4", "/min")
    assert (o["systolic_bp"].loinc, o["diastolic_bp"].loinc) == ("8480-6", "8462-4")
    assert o["systolic_bp"].unit == o["diastolic_bp"].unit == "mm[Hg]"
    assert codes.panels[o["systolic_bp"].panel or ""].loinc == "85354-9"
    assert (o["pain_severity"].loinc, o["pain_severity"].unit) == ("72514-3", "{score}")
    assert (o["gestational_weeks"].loinc, o["gestational_weeks"].unit) == ("49051-6", "wk")


def test_code_systems_are_the_hl7_uris(codes):
    s = codes.systems
    assert s.icd10.uri == "http://hl7.org/fhir/sid/icd-10"
    assert s.icd10cm.uri == "http://hl7.org/fhir/sid/icd-10-cm"
    assert s.snomed.uri == "http://snomed.info/sct"
    assert s.loinc.uri == "http://loinc.org"
    assert s.ucum.uri == "http://unitsofmeasure.org"
    assert codes.triage_system.startswith(codes.base + "/CodeSystem/")


def test_optional_codes_are_well_formed_and_never_claim_more(codes):
    for cid, cc in codes.conditions.items():
        if cc.icd10cm is not None:
            assert ICD10CM.match(cc.icd10cm.code), cid
        if cc.snomed is not None:
            assert sctid_ok(cc.snomed.code), cid
            assert cc.snomed.match in ("equivalent", "wider"), cid
        for code in (cc.icd10, cc.icd10cm, cc.snomed):
            if code is not None and code.match in ("narrower", "inexact"):
                assert code.note, f"{cid}: an approximate code must say what to use instead"


def test_every_triage_level_has_a_display(pack, codes):
    assert set(codes.triage_levels) == set(pack.levels)


# --- check digits --------------------------------------------------------------------

KNOWN_SCTIDS = ["138875005", "404684003", "22298006", "73211009", "38341003", "279039007"]
KNOWN_LOINC = ["8310-5", "8867-4", "85354-9", "8480-6", "8462-4", "72514-3", "49051-6", "11884-4"]


@pytest.mark.parametrize("sctid", KNOWN_SCTIDS)
def test_known_snomed_ids_pass(sctid):
    assert verhoeff_ok(sctid) and sctid_ok(sctid)


@pytest.mark.parametrize("code", KNOWN_LOINC)
def test_known_loinc_codes_pass(code):
    assert loinc_ok(code)


def _pack_sctids():
    from gravida.knowledge import default_pack

    c = load_codes(default_pack())
    return [cc.snomed.code for cc in c.conditions.values() if cc.snomed is not None]


@given(st.sampled_from(KNOWN_SCTIDS + _pack_sctids()), st.data())
def test_any_single_digit_error_in_a_snomed_id_is_caught(sctid, data):
    i = data.draw(st.integers(0, len(sctid) - 1))
    d = data.draw(st.sampled_from([c for c in "0123456789" if c != sctid[i]]))
    assert not verhoeff_ok(sctid[:i] + d + sctid[i + 1 :])


@given(st.sampled_from(KNOWN_SCTIDS + _pack_sctids()), st.data())
def test_any_adjacent_transposition_in_a_snomed_id_is_caught(sctid, data):
    i = data.draw(st.integers(0, len(sctid) - 2))
    swapped = sctid[:i] + sctid[i + 1] + sctid[i] + sctid[i + 2 :]
    assert swapped == sctid or not verhoeff_ok(swapped)


@given(st.sampled_from(KNOWN_LOINC), st.data())
def test_any_single_digit_error_in_a_loinc_code_is_caught(code, data):
    i = data.draw(st.sampled_from([k for k, ch in enumerate(code) if ch.isdigit()]))
    d = data.draw(st.sampled_from([c for c in "0123456789" if c != code[i]]))
    assert not loinc_ok(code[:i] + d + code[i + 1 :])


# --- a broken codes.yaml fails on load, naming file, entry and problem ---------------------


def _broken(tmp_path: Path, pack, edit) -> Path:
    return edited_pack(tmp_path, FILE, edit, pack.directory)


def _error(tmp_path, pack, edit) -> PackError:
    d = _broken(tmp_path, pack, edit)
    with pytest.raises(PackError) as info:
        load_codes(load_pack(d))
    assert info.value.file == FILE
    return info.value


def test_a_condition_without_icd10_fails(tmp_path, pack):
    e = _error(tmp_path, pack, lambda d: d["conditions"].pop("appendicitis"))
    assert "appendicitis" in e.entry and "ICD-10" in e.problem


def test_a_mistyped_snomed_id_fails(tmp_path, pack):
    def edit(d):
        d["conditions"]["appendicitis"]["snomed"]["code"] = "85189002"

    e = _error(tmp_path, pack, edit)
    assert "appendicitis" in e.entry and "check" in e.problem


def test_a_mistyped_loinc_code_fails(tmp_path, pack):
    def edit(d):
        d["observations"]["heart_rate"]["loinc"] = "8867-5"

    e = _error(tmp_path, pack, edit)
    assert "heart_rate" in e.entry and "check digit" in e.problem


def test_a_malformed_icd10_code_fails(tmp_path, pack):
    def edit(d):
        d["conditions"]["labour"]["icd10"]["code"] = "O8O"

    e = _error(tmp_path, pack, edit)
    assert "labour" in e.entry and "ICD-10" in e.problem


def test_an_unknown_source_fails(tmp_path, pack):
    def edit(d):
        d["conditions"]["labour"]["icd10"]["src"] = "no-such-source"

    e = _error(tmp_path, pack, edit)
    assert e.entry == "conditions.labour.icd10" and "no-such-source" in e.problem


def test_an_approximate_code_without_a_note_fails(tmp_path, pack):
    def edit(d):
        d["conditions"]["labour"]["icd10"].pop("note")

    e = _error(tmp_path, pack, edit)
    assert "labour" in e.entry and "note" in e.problem


def test_a_number_finding_without_an_observation_code_fails(tmp_path, pack):
    e = _error(tmp_path, pack, lambda d: d["observations"].pop("pain_severity"))
    assert "pain_severity" in e.entry


def test_a_missing_triage_display_fails(tmp_path, pack):
    e = _error(tmp_path, pack, lambda d: d["triage_levels"].pop("emergency"))
    assert "emergency" in e.entry
