"""Frozen dataclasses built at the cost of a plain object (issue 18's speed).

A frozen dataclass's generated ``__init__`` sets each field through
``object.__setattr__`` (its ``__setattr__`` refuses assignment): about 0.3 us
a field, so that a nine-field record costs 2.7 us where filling the instance's
dict costs 1 us. A full result builds about a hundred such records (reasons,
explanations, expectations, plans), a few per cent of its CPU. ``quick_init``
replaces the generated ``__init__`` with one that fills the instance's
``__dict__`` directly, with the same parameters (names, order, defaults,
keyword-only fields, default factories) and no other change: the class stays a
frozen dataclass (equality, hash, ``repr``, ``dataclasses.replace``,
``fields``), still refuses assignment, and type checkers read its signature
from the dataclass as before. tests/engine/test_quick_init.py checks every
class that uses it.

It lives in the lowest layer so that every layer's records can use it; it
knows nothing of the pack.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")

QUICK: list[type[Any]] = []  # every class given a quick __init__ (for the tests)


def quick_init(cls: type[T]) -> type[T]:
    """Give a frozen dataclass (without ``__post_init__``, slots or init-less fields) an
    ``__init__`` that fills its ``__dict__`` at once. Use above ``@dataclass(frozen=True)``."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen:
        raise TypeError(f"{cls.__name__}: quick_init is for frozen dataclasses")
    if hasattr(cls, "__post_init__") or "__slots__" in cls.__dict__:
        raise TypeError(f"{cls.__name__}: quick_init does not run __post_init__ or fill slots")
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]  # checked above
    if any(not f.init for f in fields):
        raise TypeError(f"{cls.__name__}: quick_init needs every field in __init__")
    env: dict[str, Any] = {"MISSING": dataclasses.MISSING}
    positional: list[str] = []
    keyword: list[str] = []
    body: list[str] = []
    for f in fields:
        param = f.name
        if f.default is not dataclasses.MISSING:
            env[f"_default_{f.name}"] = f.default
            param += f"=_default_{f.name}"
        elif f.default_factory is not dataclasses.MISSING:
            env[f"_factory_{f.name}"] = f.default_factory
            param += "=MISSING"
            body.append(f"    if {f.name} is MISSING: {f.name} = _factory_{f.name}()")
        (keyword if f.kw_only else positional).append(param)
    body.append("    d = self.__dict__")
    body.extend(f"    d[{f.name!r}] = {f.name}" for f in fields)
    signature = ", ".join(["self", *positional, *(["*", *keyword] if keyword else [])])
    source = f"def __init__({signature}) -> None:\n" + "\n".join(body) + "\n"
    exec(source, env)
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = "Fill the instance's fields (quick_init: no object.__setattr__ per field)."
    setattr(cls, "__init__", init)  # noqa: B010 - mypy reads the dataclass's signature
    QUICK.append(cls)
    return cls

