"""The API's serialisation (``to_wire``): the same bytes as ``to_json``'s, pre-serialised parts
and all (issue 18's speed: what the pack fixes is serialised once per pack)."""

from __future__ import annotations

import random

import orjson
import pytest
import yaml

from gravida.api.routes import JSON_OPTIONS
from gravida.engine import Engine
from gravida.knowledge import default_pack
from gravida.knowledge.wire import wired
from gravida.report import build_report

from .conftest import DEV_VIGNETTES


def _dumps(value: object) -> bytes:
    return orjson.dumps(value, option=JSON_OPTIONS)


def _cases() -> list[dict[str, object]]:
    return [v["case"] for v in yaml.safe_load(DEV_VIGNETTES.read_text(encoding="utf-8"))]


def _random_cases(engine: Engine, n: int) -> list[dict[str, object]]:
    """Cases drawn over the vocabulary's findings, some with the red flags' measurements."""
    rng = random.Random(18)
    findings = list(engine.model.findings)
    derived = {d.id for d in engine.pack.derived}
    findings = [f for f in findings if f not in derived]
    out: list[dict[str, object]] = []
    while len(out) < n:
        picked = rng.sample(findings, rng.randint(0, 9))
        split = rng.randint(0, len(picked))
        case: dict[str, object] = {"gestational_weeks": rng.choice([6, 12, 20, 30, 38.5]),
                                   "present": picked[:split], "absent": picked[split:]}
        if rng.random() < 0.3:
            case["temperature_c"] = rng.choice([36.8, 38.0, 39.4])
        if rng.random() < 0.3:
            case["systolic_bp"], case["diastolic_bp"] = rng.choice([(118, 76), (150, 100),
                                                                    (165, 112)])
        try:
            engine.case(case)
        except ValueError:  # an implication the draw broke: not a case she could give
            continue
        out.append(case)
    return out


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_wire_is_the_json_on_dev_and_random_cases(lang: str) -> None:
    engine = Engine(default_pack(lang))
    for case in _cases() + _random_cases(engine, 150):
        report = build_report(engine, case)
        assert _dumps(report.to_wire()) == _dumps(report.to_json()), case
        assessment = engine.assess(case)
        assert _dumps(assessment.to_wire()) == _dumps(assessment.to_json()), case


def test_wire_is_the_json_in_edge_values(engine: Engine) -> None:
    """Probabilities at the formats' edges (tiny, exactly 0 and 1, on a rounding tie)
    and an assessment built without the engine's heads."""
    from dataclasses import replace

    a = engine.assess({"gestational_weeks": 30, "present": ["fever"]})
    values = [0.0, 1.0, 1e-6, 4e-7, 5e-7, 9.9999e-6, 1e-5, 0.0000125, 0.5, 0.1234565,
              0.9999995, 0.33333333333]
    conditions = tuple(replace(c, probability=v)
                       for c, v in zip(a.conditions, values * 3, strict=False))
    edged = replace(a, conditions=conditions)
    assert _dumps(edged.to_wire()) == _dumps(edged.to_json())
    bare = replace(a, heads=None)
    assert _dumps(bare.to_wire()) == _dumps(bare.to_json())


def test_wired_is_kept_on_the_record_and_leaves_it_equal(engine: Engine) -> None:
    report = build_report(engine, {"gestational_weeks": 30, "present": ["fever"]})
    sign = report.plan.safety_net[0]
    before = (repr(sign), hash(sign))
    first = wired(sign)
    assert wired(sign) is first
    assert _dumps([first]) == b"[" + _dumps(sign.to_json()) + b"]"
    assert (repr(sign), hash(sign)) == before
    # the next plan holds the book's same record, already serialised
    again = build_report(engine, {"gestational_weeks": 30, "present": ["fever"]})
    assert again.plan.safety_net[0] is sign
