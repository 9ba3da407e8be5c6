"""The composed result: assessment + plain-words reasons + the advice plan."""

from __future__ import annotations

from gravida.engine import Factor
from gravida.report import build_report, factor_words


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
    assert factor_words(f) == "no fever"
    assert factor_words(Factor("fever", "a fever", "present", 3.0)) == "a fever"
