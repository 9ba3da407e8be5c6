"""The loaded knowledge pack: its typed values, and the memo of what is derived from them.

``load.py`` reads and cross-checks the files and builds a ``Pack``; everything
else computed from a pack (the compiled model, the books of the other files,
code tables, the intake's lexicons, the interview's catalogue) is built once in
the Pack's memo, never in a cache of its own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from gravida.knowledge import expr, i18n
from gravida.knowledge.errors import PackError
from gravida.knowledge.files import read_yaml
from gravida.knowledge.memo import MISSING as _MISSING
from gravida.knowledge.memo import Memo as Memo
from gravida.knowledge.overlays import Overlays
from gravida.knowledge.schema import (
    Cited,
    Coexistence,
    ConditionInfo,
    DerivedFinding,
    FindingDef,
    FindingInfo,
    Implication,
    NumberMap,
    Rule,
    Source,
    Vocabulary,
)

PACK_VERSION = "2026.11.1"

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class CompiledRule:
    rule: Rule
    node: expr.Node
    test: expr.Test = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "test", expr.compile_node(self.node))


@dataclass(frozen=True)
class ConditionLevel:
    level: str
    src: str
    adjust: tuple[CompiledRule, ...]
    threshold: float | None = None  # overrides its level's threshold (lower only)
    # the signs that make it suspected (triage.yaml `requires`): none holding, a
    # condition that does not lead asks for no level; None: always suspected
    requires: CompiledRule | None = None


@dataclass(frozen=True)
class Form:
    """One form of a condition (schema.ConditionForm), its table merged: ``likelihoods``
    holds the condition's rates and the form's own."""

    id: str
    share: Cited
    likelihoods: dict[str, Cited]


@dataclass(frozen=True)
class Pack:
    """The loaded, cross-checked knowledge pack: read-only for the whole process."""

    directory: Path
    vocabulary: Vocabulary
    findings: dict[str, FindingDef]
    info: dict[str, FindingInfo]
    derived: tuple[DerivedFinding, ...]
    derived_nodes: dict[str, expr.Node]
    number_maps: tuple[tuple[NumberMap, expr.Node, expr.Node | None], ...]
    implies: tuple[Implication, ...]
    conditions: dict[str, ConditionInfo]
    likelihoods: dict[str, dict[str, Cited]]
    sources: dict[str, Source]
    levels: tuple[str, ...]
    thresholds: dict[str, float]
    cumulative_levels: tuple[str, ...]
    cumulative_src: str
    cumulative_says: str
    working_says: str
    working_strong_evidence: float | None
    red_flags: tuple[str, ...]
    definitions: dict[str, expr.Node]
    floors: tuple[CompiledRule, ...]
    condition_levels: dict[str, ConditionLevel]
    digest: str
    # the directory's languages and their text overlays, each file read once, kept
    # with the pack and shared by its languages (``load_pack(..., like=)``)
    texts: Overlays = field(repr=False, compare=False)
    lang: str = i18n.DEFAULT_LANGUAGE
    # the common condition that rarer ones often come with (conditions.yaml)
    coexisting: Coexistence | None = None
    # a condition that presents in distinct forms (likelihoods/: forms): its forms,
    # each with its share and its whole table (the condition's rates and its own)
    forms: dict[str, tuple[Form, ...]] = field(default_factory=dict)
    # what is built from the files whatever the language of the texts (the intake's
    # phrase lexicons): shared by this pack's languages (``load_pack(..., like=)``)
    files_memo: Memo = field(default_factory=Memo, repr=False, compare=False)
    _memo: Memo = field(default_factory=Memo, init=False, repr=False, compare=False)

    def memo(self, build: Callable[[Pack], T]) -> T:
        """``build(self)``, computed once for this pack and kept with it.

        The one cache of everything derived from a loaded pack (issue 14):
        the compiled model, the books of the other pack files, code tables,
        the interview's catalogue and selector. It lives and dies with the
        Pack, so a test's altered pack never sees the packaged pack's values
        and nothing is keyed on ids or directories. Thread-safe; a builder
        may itself use other memos.
        """
        hit = self._memo.values.get(build, _MISSING)  # the hot path: one dict read
        if hit is not _MISSING:
            return cast(T, hit)
        return self._memo.get(build, build, self)

    def memo_files(self, build: Callable[[Pack, K], T], key: K) -> T:
        """``build(self, key)`` once per ``key`` for this pack's files, in any language.

        For what depends on the files but not on the language of their texts
        (a phrase file's compiled lexicon): the packs of one directory in
        several languages build it once between them, not once each.
        """
        return self.files_memo.get((build, key), build, self, key)

    @property
    def version(self) -> str:
        return f"{PACK_VERSION}+{self.digest[:12]}"

    @property
    def booleans(self) -> list[str]:
        """Every boolean finding the model can hold: vocabulary first, then derived."""
        vocab = [f.id for f in self.vocabulary.findings if f.kind == "boolean"]
        return vocab + [d.id for d in self.derived]

    @property
    def numbers(self) -> list[str]:
        return [f.id for f in self.vocabulary.findings if f.kind == "number"]

    def label(self, finding: str) -> str:
        """Plain words for a finding, for people (ids are never shown to them)."""
        if finding in self.info:
            return self.info[finding].label
        for d in self.derived:
            if d.id == finding:
                return d.label
        return finding.replace("_", " ")

    def level_rank(self, level: str) -> int:
        """Higher is more urgent."""
        return self.level_ranks[level]

    @property
    def level_ranks(self) -> dict[str, int]:
        """Every triage level's rank (higher is more urgent); triage asks it many times."""
        return self.memo(_level_ranks)

    @property
    def weeks_range(self) -> tuple[float, float]:
        """The valid gestational weeks, as the vocabulary defines them (no range in code)."""
        return self.memo(_weeks_range)

    @property
    def languages(self) -> dict[str, str]:
        """The languages this pack speaks, code -> its own name, English first."""
        return self.texts.languages

    def read(self, name: str) -> Any:
        """Read another pack file (questions, phrases, advice...) in the pack's language."""
        return self.texts.localise(read_yaml(self.directory, name), name, self.lang)


def derived(build: Callable[[Pack], T]) -> Callable[[Pack], T]:
    """Decorator: ``build(pack)`` runs once per loaded Pack (see ``Pack.memo``)."""

    @functools.wraps(build)
    def get(pack: Pack) -> T:
        return pack.memo(build)

    return get


def _level_ranks(pack: Pack) -> dict[str, int]:
    return {lvl: len(pack.levels) - 1 - i for i, lvl in enumerate(pack.levels)}


def _weeks_range(pack: Pack) -> tuple[float, float]:
    rng = pack.findings["gestational_weeks"].range
    if rng is None:  # load_pack refuses such a pack; a hand-built one gets a clear error
        raise PackError("vocabulary.yaml", "gestational_weeks", "needs a range")
    return float(rng[0]), float(rng[1])
