"""Strict YAML reading for the knowledge pack.

PyYAML's ``safe_load`` keeps the LAST of two equal keys in a mapping, so a
likelihood written twice in one condition's block silently replaces the first
(and a reviewer reads the wrong number). The pack is clinical data: a duplicate
key is always an authoring mistake, so the pack's loader refuses it, naming the
key and both lines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode

if TYPE_CHECKING:
    _Base = yaml.SafeLoader
else:  # libyaml's C parser where installed: the same documents, faster start-up
    _Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class UniqueKeyLoader(_Base):
    """A SafeLoader that raises on a key repeated within one mapping."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:  # an unhashable key: the base class reports it
                continue
            line = key_node.start_mark.line + 1
            if first is not None:
                raise ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    f"duplicate key {key!r} (line {line}; first on line {first})",
                    key_node.start_mark,
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def load_strict(text: str) -> Any:
    """Parse YAML text like ``yaml.safe_load`` but reject duplicate mapping keys."""
    return yaml.load(text, Loader=UniqueKeyLoader)
