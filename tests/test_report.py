"""The composed result: assessment + plain-words reasons + the advice plan."""

from __future__ import annotations

from gravida.engine import Engine, Factor
from gravida.knowledge import load_pack
from gravida.knowledge.wording import default_wording
from gravida.report import build_report, factor_words

from .helpers import edited_pack


def test_report_has_plan_why_and_medicine_advice(engine):
    r = build_report(engine, {"gestational_weeks": 28, "pain_severity": 4,
                              "present": ["pain_lower_back_central", "pain_relieved_by_rest"],
                              "absent": ["fever", "vaginal_bleeding"]})
    j = r.to_json()
    assert j["plan"]["level"] == j["triage"]["level"] == "self_care"
    assert j["plan"]["self_care"], "a self-care result must say what she can do"
    texts = " ".join(m["text"] for m in j["plan"]["medicine_advice"]).lower()
    assert "paracetamol" in texts
    assert j["plan"]["safety_net"]["signs"]
    assert j["why"][0]["condition"] == j["conditions"][0]["id"]
    assert "_" not in " ".join(j["why"][0]["for"]), "no ids shown to people"


def test_emergency_report_has_no_self_care(engine):
    r = build_report(engine, {"gestational_weeks": 33, "present": ["uterus_hard_persistent",
                                                                  "vaginal_bleeding"]})
    j = r.to_json()
    assert j["triage"]["level"] in ("emergency", "emergency_ambulance")
    assert j["plan"]["self_care"] == []


def test_absent_finding_words():
    f = Factor("fever", "a fever (38 °C or more)", "absent", 0.2)
    assert factor_words(f, default_wording()) == "no fever"
    assert factor_words(Factor("fever", "a fever", "present", 3.0), default_wording()) == "a fever"


def test_a_report_words_absent_findings_with_its_own_packs_wording(tmp_path):
    """A service running another pack directory says "why" in that pack's words,
    not the packaged pack's."""

    def reword(data):
        data["absent"] = {fid: f"(edited) {words}" for fid, words in data["absent"].items()}

    pack = load_pack(edited_pack(tmp_path, "wording.yaml", reword))
    case = {"gestational_weeks": 30, "present": ["pain_flank", "painful_urination"],
            "absent": ["fever", "chills_rigors", "vaginal_bleeding"]}
    r = build_report(Engine(pack), case)
    said = {w for e in r.why() for w in [*e.for_, *e.against]}
    absent = [f for e in r.assessment.explanations for f in [*e.raised, *e.lowered]
              if f.state == "absent"]
    assert absent, "the case has absent findings among the reasons"
    for f in absent:
        assert f"(edited) {default_wording().negated(f.finding, f.label)}" in said, f.finding


def test_her_next_shows_only_what_she_will_meet_at_her_level(engine):
    """Ordinary back pain: no CTG, swabs or scans for her; the clinician keeps the full work-up."""
    r = build_report(engine, {"gestational_weeks": 28, "pain_severity": 4,
                              "present": ["pain_lower_back_central", "pain_relieved_by_rest"],
                              "absent": ["fever", "vaginal_bleeding"]})
    assert r.assessment.triage.level == "self_care"
    assert r.expectations.tests and r.workup  # there was something to cut
    her = r.her_next()
    assert her.conditions == () and her.tests == () and her.imaging_note == ""
    assert her.next_steps == r.expectations.next_steps
    out = r.to_json()
    assert out["what_to_expect"] == her.to_json()  # the API says to her what her page says
    assert out["what_to_expect"]["tests"] == []
    assert len(out["suggested_workup"]) == len(r.workup)  # the clinician keeps it whole


def test_her_next_follows_the_pack_limits_at_every_level(engine, pack):
    from gravida.advice.workup import load_workup

    book = load_workup(pack)
    cases = [
        {"gestational_weeks": 26, "temperature_c": 38.7,
         "present": ["pain_flank", "pain_one_side", "fever", "chills_rigors", "painful_urination"]},
        {"gestational_weeks": 30,
         "present": ["pain_lower_back_central", "radiates_leg_below_knee"]},
        {"gestational_weeks": 33, "present": ["uterus_hard_persistent", "vaginal_bleeding"]},
    ]
    for case in cases:
        r = build_report(engine, case)
        rule = book.data.levels[r.assessment.triage.level].for_her
        her = r.her_next()
        assert len(her.conditions) <= rule.causes
        assert all(len(c.tests) <= rule.tests_per_cause for c in her.conditions)
        assert {t.id for t in her.tests} <= {t.id for t in r.expectations.tests}
        assert all(c.probability >= rule.min_probability for c in her.conditions[1:])
        assert bool(her.imaging_note) == rule.imaging_note


HEADACHE_WITH_ACHE = {"gestational_weeks": 30,
                      "present": ["pain_lower_back_central", "pain_dull_aching", "severe_headache"]}


def test_the_working_diagnosis_says_why_it_is_listed_first(engine):
    report = build_report(engine, HEADACHE_WITH_ACHE)
    why = report.why()
    working = report.assessment.working
    assert working is not None and why[0].condition == working.condition
    assert why[0].first_because == working.says
    assert all(w.first_because is None for w in why[1:])
    assert report.to_json()["why"][0]["first_because"] == working.says


def test_a_list_by_probability_has_no_reason_to_be_first(engine):
    report = build_report(engine, {"gestational_weeks": 30,
                                   "present": ["pain_lower_back_central", "pain_dull_aching"]})
    assert report.assessment.working is None
    assert all(w.first_because is None for w in report.why())
