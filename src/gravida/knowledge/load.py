"""Load and cross-check the knowledge pack.

Every file is validated against its schema, then every id is checked against
the vocabulary, so a broken pack fails at start-up with an error that names
the file, the entry and the problem, never later with a wrong answer.
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, cast

import yaml
from pydantic import BaseModel, ValidationError

from gravida.knowledge import expr, i18n
from gravida.knowledge.schema import (
    Cited,
    ConditionInfo,
    ConditionsFile,
    DerivedFinding,
    FindingDef,
    FindingInfo,
    FindingsFile,
    Implication,
    LikelihoodsFile,
    NumberMap,
    Rule,
    Source,
    TriageFile,
    Vocabulary,
)

PACK_VERSION = "2026.11.1"

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")
_MISSING: Any = object()


class PackError(ValueError):
    """A knowledge-pack problem: names the file, the entry and what is wrong."""

    def __init__(self, file: str, entry: str, problem: str) -> None:
        self.file, self.entry, self.problem = file, entry, problem
        super().__init__(f"{file}: {entry}: {problem}")


def default_pack_dir() -> Path:
    return Path(str(resources.files("gravida.knowledge") / "pack"))


def read_yaml(directory: Path, name: str) -> Any:
    """Read one pack file; a missing or unparsable file is a PackError."""
    path = directory / name
    try:
        return i18n.parse_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PackError(name, "-", "file is missing") from None
    except yaml.YAMLError as exc:
        raise PackError(name, "-", f"not valid YAML: {exc}") from None


def read_text_yaml(directory: Path, name: str, lang: str) -> Any:
    """Read one pack file with its texts in ``lang`` (the overlay of pack/i18n/<lang>/)."""
    return i18n.localise(read_yaml(directory, name), name, lang, directory)


def validate(model: type[M], data: Any, file: str) -> M:
    """Validate a file's data, turning pydantic's report into a PackError."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        entry = ".".join(str(x) for x in first["loc"]) or "-"
        raise PackError(file, entry, first["msg"]) from None


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
    red_flags: tuple[str, ...]
    definitions: dict[str, expr.Node]
    floors: tuple[CompiledRule, ...]
    condition_levels: dict[str, ConditionLevel]
    digest: str
    lang: str = i18n.DEFAULT_LANGUAGE
    _memo: dict[Callable[[Pack], Any], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _memo_lock: threading.RLock = field(
        default_factory=threading.RLock, init=False, repr=False, compare=False
    )

    def memo(self, build: Callable[[Pack], T]) -> T:
        """``build(self)``, computed once for this pack and kept with it.

        The one cache of everything derived from a loaded pack (issue 14):
        the compiled model, the books of the other pack files, code tables,
        the interview's catalogue and selector. It lives and dies with the
        Pack, so a test's altered pack never sees the packaged pack's values
        and nothing is keyed on ids or directories. Thread-safe; a builder
        may itself use other memos.
        """
        hit = self._memo.get(build, _MISSING)  # the hot path: no lock once built
        if hit is not _MISSING:
            return cast(T, hit)
        with self._memo_lock:
            if build not in self._memo:
                self._memo[build] = build(self)
            return cast(T, self._memo[build])

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

    def read(self, name: str) -> Any:
        """Read another pack file (questions, phrases, advice...) in the pack's language."""
        return read_text_yaml(self.directory, name, self.lang)


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


def _check_source(src: str, sources: dict[str, Source], file: str, entry: str) -> None:
    if src not in sources:
        raise PackError(file, entry, f"unknown source {src!r}")


def _check_ids(ids: Iterable[str], known: set[str], file: str, what: str) -> None:
    for i in ids:
        if i not in known:
            raise PackError(file, i, f"unknown {what} id")


def load_pack(directory: Path | None = None, lang: str = i18n.DEFAULT_LANGUAGE) -> Pack:
    """Load the pack in ``directory`` (the packaged one by default) and check it whole.

    ``lang`` chooses the language of every text the pack gives people; each of its
    overlay files is checked whole, so a missing translation fails here.
    """
    d = directory or default_pack_dir()
    i18n.check_language(lang, d)
    for name in i18n.text_files(d):
        read_text_yaml(d, name, lang)
    vocab = validate(Vocabulary, read_text_yaml(d, "vocabulary.yaml", lang), "vocabulary.yaml")
    sources: dict[str, Source] = {}
    source_files = ["sources.yaml"] + [
        f"sources/{p.name}" for p in sorted((d / "sources").glob("*.yaml"))
    ]
    for name in source_files:
        raw = read_yaml(d, name) or {}
        for k, v in (raw.get("sources") or {}).items():
            if k in sources:
                raise PackError(name, k, "source id defined twice")
            sources[k] = validate(Source, v, f"{name} ({k})")
    vfind = {f.id: f for f in vocab.findings}
    booleans = {f.id for f in vocab.findings if f.kind == "boolean"}
    numbers = {f.id for f in vocab.findings if f.kind == "number"}
    levels = tuple(t.id for t in vocab.triage_levels)

    # findings
    ff = validate(FindingsFile, read_text_yaml(d, "findings.yaml", lang), "findings.yaml")
    for fid, fi in ff.findings.items():
        if fid not in vfind:
            raise PackError("findings.yaml", fid, "not a vocabulary finding")
        if fi.background is not None:
            if vfind[fid].kind != "boolean":
                raise PackError("findings.yaml", fid, "a number finding has no background rate")
            _check_source(fi.background.src, sources, "findings.yaml", fid)
    for fid in vfind:
        if fid not in ff.findings:
            raise PackError("findings.yaml", fid, "vocabulary finding has no entry (label)")
    derived_nodes: dict[str, expr.Node] = {}
    for dfd in ff.derived:
        if dfd.id in vfind or dfd.id in derived_nodes:
            raise PackError("findings.yaml", dfd.id, "derived id clashes with another finding")
        _check_source(dfd.background.src, sources, "findings.yaml", dfd.id)
        try:
            derived_nodes[dfd.id] = expr.AnyOf(
                tuple(expr.parse(p, set(), numbers) for p in dfd.present_if)
            )
        except expr.ExprError as exc:
            raise PackError("findings.yaml", dfd.id, str(exc)) from None
    for dfd in ff.derived:
        if dfd.within is not None and dfd.within not in derived_nodes:
            raise PackError("findings.yaml", dfd.id, "within: not another derived finding")
    all_booleans = booleans | set(derived_nodes)
    nmaps: list[tuple[NumberMap, expr.Node, expr.Node | None]] = []
    for nm in ff.number_maps:
        if nm.finding not in booleans:
            raise PackError("findings.yaml", nm.finding, "number map target is not boolean")
        _check_source(nm.src, sources, "findings.yaml", nm.finding)
        try:
            p_node = expr.parse(nm.present_if, set(), numbers)
            a_node = expr.parse(nm.absent_if, set(), numbers) if nm.absent_if else None
        except expr.ExprError as exc:
            raise PackError("findings.yaml", nm.finding, str(exc)) from None
        nmaps.append((nm, p_node, a_node))
    for imp in ff.implies:
        _check_ids([imp.if_, imp.then], booleans, "findings.yaml", "finding (implies)")
    for fid in booleans:
        if ff.findings[fid].background is None:
            raise PackError("findings.yaml", fid, "boolean finding has no background rate")

    # conditions
    cf = validate(ConditionsFile, read_text_yaml(d, "conditions.yaml", lang), "conditions.yaml")
    vcond = [c.id for c in vocab.conditions]
    for cid in cf.conditions:
        if cid not in vcond:
            raise PackError("conditions.yaml", cid, "not a vocabulary condition")
    for cid in vcond:
        if cid not in cf.conditions:
            raise PackError("conditions.yaml", cid, "vocabulary condition is missing")
    for cid, ci in cf.conditions.items():
        _check_source(ci.prior.src, sources, "conditions.yaml", f"{cid}.prior")
        if ci.weeks_src:
            _check_source(ci.weeks_src, sources, "conditions.yaml", f"{cid}.weeks")
    conditions = {cid: cf.conditions[cid] for cid in vcond}

    # likelihoods (one or more files under likelihoods/)
    likelihoods: dict[str, dict[str, Cited]] = {}
    files = sorted((d / "likelihoods").glob("*.yaml"))
    if not files:
        raise PackError("likelihoods/", "-", "no likelihood files")
    for path in files:
        name = f"likelihoods/{path.name}"
        lf = validate(LikelihoodsFile, read_yaml(d, name), name)
        for cid, table in lf.likelihoods.items():
            if cid not in conditions:
                raise PackError(name, cid, "unknown condition id")
            if cid in likelihoods:
                raise PackError(name, cid, "condition already has likelihoods in another file")
            for fid, cited in table.items():
                if fid not in all_booleans:
                    raise PackError(name, f"{cid}.{fid}", "unknown (or non-boolean) finding id")
                _check_source(cited.src, sources, name, f"{cid}.{fid}")
            likelihoods[cid] = dict(table)
    for cid in conditions:
        if cid not in likelihoods:
            raise PackError("likelihoods/", cid, "condition has no likelihoods")

    # triage
    tf = validate(TriageFile, read_text_yaml(d, "triage.yaml", lang), "triage.yaml")
    _check_source(tf.thresholds_src, sources, "triage.yaml", "thresholds")
    if set(tf.thresholds) != set(levels):
        raise PackError("triage.yaml", "thresholds", "needs exactly one threshold per level")
    for lv in tf.cumulative_levels:
        if lv not in levels:
            raise PackError("triage.yaml", "cumulative_levels", f"unknown triage level {lv!r}")
    if "{conditions}" not in tf.cumulative_says:
        raise PackError("triage.yaml", "cumulative_says", "needs the {conditions} placeholder")
    if tf.cumulative_levels:
        if tf.cumulative_src is None:
            raise PackError("triage.yaml", "cumulative_levels", "needs cumulative_src")
        _check_source(tf.cumulative_src, sources, "triage.yaml", "cumulative_levels")
    _check_ids(tf.red_flags, booleans, "triage.yaml", "finding (red_flags)")
    if tf.red_flags:
        if tf.red_flags_src is None:
            raise PackError("triage.yaml", "red_flags", "needs red_flags_src")
        _check_source(tf.red_flags_src, sources, "triage.yaml", "red_flags")
    definitions: dict[str, expr.Node] = {}
    for name, raw in tf.definitions.items():
        try:
            definitions[name] = expr.parse(raw, all_booleans, numbers, definitions)
        except expr.ExprError as exc:
            raise PackError("triage.yaml", f"definitions.{name}", str(exc)) from None

    def compile_rule(rule: Rule, where: str) -> CompiledRule:
        if rule.level not in levels:
            raise PackError("triage.yaml", where, f"unknown triage level {rule.level!r}")
        _check_source(rule.src, sources, "triage.yaml", where)
        try:
            return CompiledRule(rule, expr.parse(rule.when, all_booleans, numbers, definitions))
        except expr.ExprError as exc:
            raise PackError("triage.yaml", where, str(exc)) from None

    floors = tuple(compile_rule(r, f"floors.{r.id}") for r in tf.floors)
    clevels: dict[str, ConditionLevel] = {}
    for cid, ct in tf.conditions.items():
        if cid not in conditions:
            raise PackError("triage.yaml", cid, "unknown condition id")
        if ct.level not in levels:
            raise PackError("triage.yaml", cid, f"unknown triage level {ct.level!r}")
        _check_source(ct.src, sources, "triage.yaml", cid)
        adjust = tuple(compile_rule(r, f"conditions.{cid}.{r.id}") for r in ct.adjust)
        if ct.threshold_src is not None:
            _check_source(ct.threshold_src, sources, "triage.yaml", f"{cid}.threshold")
        clevels[cid] = ConditionLevel(ct.level, ct.src, adjust, ct.threshold)
    for cid in conditions:
        if cid not in clevels:
            raise PackError("triage.yaml", cid, "condition has no triage level")

    digest = hashlib.sha256()
    for path in sorted(d.rglob("*.yaml")):
        digest.update(path.relative_to(d).as_posix().encode())
        digest.update(path.read_bytes())

    return Pack(
        directory=d,
        vocabulary=vocab,
        findings=vfind,
        info=dict(ff.findings),
        derived=tuple(ff.derived),
        derived_nodes=derived_nodes,
        number_maps=tuple(nmaps),
        implies=tuple(ff.implies),
        conditions=conditions,
        likelihoods=likelihoods,
        sources=sources,
        levels=levels,
        thresholds=dict(tf.thresholds),
        cumulative_levels=tuple(tf.cumulative_levels),
        cumulative_src=tf.cumulative_src or tf.thresholds_src,
        cumulative_says=tf.cumulative_says,
        red_flags=tuple(tf.red_flags),
        definitions=definitions,
        floors=floors,
        condition_levels=clevels,
        digest=digest.hexdigest(),
        lang=lang,
    )


@cache
def default_pack(lang: str = i18n.DEFAULT_LANGUAGE) -> Pack:
    """The packaged pack in ``lang``, loaded once per process and language."""
    return load_pack(lang=lang)
