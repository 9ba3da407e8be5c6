"""Records built by quick_init (knowledge/frozen.py, speed) keep the frozen dataclass's contract.

Every class given a quick ``__init__`` is checked against the ``__init__`` the
dataclass itself would have generated: the same fields set from the same
arguments (by position and by keyword, defaults and default factories
included), nothing else in the instance, equality, hash, ``replace``, and
assignment refused.
"""

from __future__ import annotations

import dataclasses
import inspect

import pytest

import gravida.advice.plan
import gravida.advice.workup
import gravida.engine
import gravida.interview.question
import gravida.report
import gravida.store.repo  # noqa: F401  (importing them registers their records)
from gravida.engine.assess import Factor, RankedCondition
from gravida.engine.triage import TriageReason
from gravida.knowledge.frozen import QUICK, quick_init


def test_the_full_result_s_records_are_quick():
    names = {c.__name__ for c in QUICK}
    assert {"RankedCondition", "Factor", "TriageReason", "Triage", "Explanation",
            "Assessment", "Evidence", "Case", "Why", "Report", "Plan",
            "PatientExpectations", "_Histories"} <= names
    assert {RankedCondition, Factor, TriageReason} <= set(QUICK)


def test_the_interview_answer_s_records_are_quick():
    # an interview request makes four Batch, three Option a decision (and about ten
    # Scored, a NamedTuple: cheaper still)
    names = {c.__name__ for c in QUICK}
    assert {"QuestionPlan", "State", "Batch", "_Derived", "Session", "Answer",
            "Option", "Question", "StoredInterview"} <= names


def reference(cls):
    """The same class with the dataclass's own generated __init__."""
    return dataclasses.dataclass(frozen=True)(type(cls.__name__, (), {
        "__annotations__": {f.name: f.type for f in dataclasses.fields(cls)},
        **{f.name: dataclasses.field(default=f.default, default_factory=f.default_factory,
                                     kw_only=f.kw_only)
           for f in dataclasses.fields(cls)},
    }))


@pytest.mark.parametrize("cls", QUICK, ids=lambda c: c.__qualname__)
def test_quick_init_sets_every_field_as_the_dataclass_would(cls):
    assert inspect.signature(cls.__init__).parameters.keys() == inspect.signature(
        reference(cls).__init__).parameters.keys()
    fields = dataclasses.fields(cls)
    required = [f for f in fields if f.default is dataclasses.MISSING
                and f.default_factory is dataclasses.MISSING]
    values = {f.name: f"v{i}" for i, f in enumerate(fields)}
    positional = [values[f.name] for f in fields if not f.kw_only]
    keywords = {f.name: values[f.name] for f in fields if f.kw_only}
    by_keyword, by_position = cls(**values), cls(*positional, **keywords)
    assert by_keyword == by_position
    assert vars(by_keyword) == values  # every field, nothing else
    assert hash(by_keyword) == hash(by_position) or not cls.__dataclass_params__.eq
    # defaults and factories as the dataclass's own __init__ fills them
    minimal = {f.name: values[f.name] for f in required}
    assert vars(cls(**minimal)) == vars(reference(cls)(**minimal))
    first = fields[0].name
    assert vars(dataclasses.replace(by_keyword, **{first: "x"})) == {**values, first: "x"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(by_keyword, first, "y")
    with pytest.raises(TypeError):
        cls(*positional, "one too many", **keywords)
    if required:
        with pytest.raises(TypeError):
            cls(**{k: v for k, v in minimal.items() if k != required[0].name})


def test_a_default_factory_makes_a_new_value_each_time():
    @quick_init
    @dataclasses.dataclass(frozen=True)
    class Listed:
        name: str
        items: list[str] = dataclasses.field(default_factory=list)
        note: str = dataclasses.field(default="", kw_only=True)

    a, b = Listed("a"), Listed("b", note="n")
    assert a.items == [] and a.items is not b.items
    assert (a.note, b.note) == ("", "n")
    with pytest.raises(TypeError):
        Listed("c", [], "positional")  # keyword-only stays keyword-only
    QUICK.remove(Listed)


def test_what_it_cannot_do_is_refused():
    @dataclasses.dataclass
    class Mutable:
        x: int

    @dataclasses.dataclass(frozen=True)
    class Post:
        x: int

        def __post_init__(self) -> None:
            pass

    @dataclasses.dataclass(frozen=True)
    class Hidden:
        x: int
        y: int = dataclasses.field(default=0, init=False)

    for cls in (Mutable, Post, Hidden):
        with pytest.raises(TypeError):
            quick_init(cls)
