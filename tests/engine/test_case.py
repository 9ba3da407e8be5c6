"""Input validation: every bad case is refused with a message naming the field."""

from __future__ import annotations

import pytest

from gravida.engine import Case, CaseError, Findings


def problems(pack, data):
    with pytest.raises(CaseError) as exc:
        Case.from_dict(data, pack)
    return {p.field: p for p in exc.value.problems}


def test_valid_case(pack):
    c = Case.from_dict(
        {"gestational_weeks": 20, "present": ["fever"], "absent": ["chills_rigors"]}, pack
    )
    assert c.weeks == 20 and c.state("fever") is True and c.state("chills_rigors") is False
    assert c.state("nausea_vomiting") is None


def test_unknown_id_suggests_nearest(pack):
    p = problems(pack, {"gestational_weeks": 20, "present": ["fevr"]})
    assert "unknown" in p["present[0]"].message
    assert "fever" in p["present[0]"].suggestions


def test_number_out_of_range(pack):
    p = problems(pack, {"gestational_weeks": 50})
    assert "outside" in p["gestational_weeks"].message


@pytest.mark.parametrize("value", ["38", None, True, float("nan"), float("inf")])
def test_number_not_a_number(pack, value):
    p = problems(pack, {"gestational_weeks": 20, "temperature_c": value})
    assert "temperature_c" in p


def test_both_present_and_absent(pack):
    p = problems(pack, {"gestational_weeks": 20, "present": ["fever"], "absent": ["fever"]})
    assert "both present and absent" in p["fever"].message


def test_missing_weeks(pack):
    p = problems(pack, {"present": ["fever"]})
    assert "required" in p["gestational_weeks"].message


def test_number_finding_listed_as_boolean(pack):
    p = problems(pack, {"gestational_weeks": 20, "present": ["temperature_c"]})
    assert "number finding" in p["present[0]"].message


def test_boolean_given_a_value(pack):
    p = problems(pack, {"gestational_weeks": 20, "fever": 1})
    assert "present or absent" in p["fever"].message


def test_derived_finding_cannot_be_given(pack):
    p = problems(pack, {"gestational_weeks": 20, "present": ["tachycardia"]})
    assert "measurement" in p["present[0]"].message


def test_implied_contradiction(pack):
    p = problems(
        pack,
        {
            "gestational_weeks": 20,
            "present": ["heavy_vaginal_bleeding"],
            "absent": ["vaginal_bleeding"],
        },
    )
    assert "heavy_vaginal_bleeding" in p


@pytest.mark.parametrize(
    "data", [None, [], "text", 3, {"gestational_weeks": 20, "present": "fever"}]
)
def test_malformed(pack, data):
    with pytest.raises(CaseError):
        Case.from_dict(data, pack)


def test_all_problems_reported_at_once(pack):
    with pytest.raises(CaseError) as exc:
        Case.from_dict({"present": ["nope"], "heart_rate": 999}, pack)
    fields = {p.field for p in exc.value.problems}
    assert {"present[0]", "heart_rate", "gestational_weeks"} <= fields


def test_with_answer_roundtrip(pack):
    c = Case.from_dict({"gestational_weeks": 20}, pack)
    c2 = c.with_answer("fever", True).with_answer("heart_rate", 110).with_answer("fever", None)
    assert c2.state("fever") is None and c2.state("heart_rate") == 110
    assert Case.from_dict(c2.to_json(), pack) == c2


def test_findings_keep_their_order_and_read_as_the_case_format(pack):
    """What a source states: its order kept (the parser lists findings as the pack
    does), the case format read without a copy, and checked into a Case once."""
    f = Findings({"gestational_weeks": 30, "temperature_c": 38.5},
                 ("pain_flank", "fever"), ("vaginal_bleeding",))
    assert f.to_json() == {"gestational_weeks": 30, "temperature_c": 38.5,
                           "present": ["pain_flank", "fever"], "absent": ["vaginal_bleeding"]}
    assert list(f.to_json()) == ["gestational_weeks", "temperature_c", "present", "absent"]
    assert f["present"] == ["pain_flank", "fever"] and "temperature_c" in f
    case = Case.from_findings(f, pack)
    assert case.present == {"pain_flank", "fever"} and case.weeks == 30
    assert f.with_number("maternal_age", 31).numbers["maternal_age"] == 31


def test_findings_without_weeks_are_not_yet_a_case(pack):
    f = Findings({}, ("fever",))
    assert f.without(["fever"]).to_json() == {"present": [], "absent": []}
    with pytest.raises(CaseError) as err:
        Case.from_findings(f, pack)
    assert [p.field for p in err.value.problems] == ["gestational_weeks"]


def test_a_side_with_one_sided_denied_is_a_pain_on_both_sides(engine):
    """'Mainly on the left' with 'not on one side only' is no contradiction (the
    vocabulary's side is where the pain mainly is): a pain on both sides, worse on the
    left. The denial stands, the other side is not ruled out, and the side says
    nothing more than the pain being on both sides (the soft implication)."""
    case = engine.case({"gestational_weeks": 20, "present": ["pain_left_side"]})
    both = case.with_answer("pain_one_side", False)
    ev = engine.model.evidence(both)
    assert "pain_left_side" in ev.present and "pain_one_side" in ev.absent
    assert "pain_right_side" not in ev.absent
    plain = engine.case({"gestational_weeks": 20, "absent": ["pain_one_side"]})
    after = engine.assess(both, explain=False).conditions
    without_side = engine.assess(plain, explain=False).conditions
    assert [c.id for c in after] == [c.id for c in without_side]
    for a, b in zip(after, without_side, strict=True):
        assert a.probability == pytest.approx(b.probability, abs=1e-12)


def test_a_side_alone_is_read_as_a_one_sided_pain(engine):
    # with nothing said of the other side, "on the right" is the one-sided pain it
    # usually is: the one-sided rows apply (bleeding with one-sided pain before 14
    # weeks: a possible ectopic)
    case = engine.case({"gestational_weeks": 10, "present": ["vaginal_bleeding",
                                                            "pain_right_side"]})
    assert "pain_one_side" in engine.model.evidence(case).present
    assert engine.triage(case).level == "emergency"
    both = case.with_answer("pain_one_side", False)  # both sides, worse on the right
    assert engine.triage(both).level == "consultation_24"


def test_a_denied_parent_rules_out_a_hard_child_but_not_a_side(engine):
    # a hard implication works both ways (no bleeding, no heavy bleeding); a soft one
    # does not (a pain not on one side only can still be mainly on one side)
    ev = engine.model.evidence(engine.case({"gestational_weeks": 20,
                                            "absent": ["vaginal_bleeding"]}))
    assert "heavy_vaginal_bleeding" in ev.absent
    ev = engine.model.evidence(engine.case({"gestational_weeks": 20,
                                            "absent": ["pain_one_side"]}))
    assert "pain_right_side" not in ev.absent and "pain_left_side" not in ev.absent
