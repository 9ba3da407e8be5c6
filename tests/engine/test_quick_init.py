"""The engine's hand-written constructors (speed) keep the frozen dataclasses' contract."""

from __future__ import annotations

import dataclasses

import pytest

from gravida.engine.assess import Factor, RankedCondition


@pytest.mark.parametrize("cls", [RankedCondition, Factor])
def test_hand_written_init_sets_every_field_and_stays_frozen(cls):
    names = [f.name for f in dataclasses.fields(cls)]
    values = {n: f"v{i}" for i, n in enumerate(names)}
    by_keyword, by_position = cls(**values), cls(*values.values())
    assert by_keyword == by_position
    assert {n: getattr(by_keyword, n) for n in names} == values
    assert vars(by_keyword) == values  # nothing else in the instance
    assert hash(by_keyword) == hash(by_position)
    assert dataclasses.replace(by_keyword, **{names[0]: "x"}) == cls(**{**values, names[0]: "x"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(by_keyword, names[0], "y")
    with pytest.raises(TypeError):
        cls(*values.values(), "one too many")
