"""advice.yaml as a checked book: its schema, its cross-checks against the pack, and
its items, medicine advice and signs compiled for selection (once per loaded Pack)."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, NamedTuple

from pydantic import Field

from gravida.advice._pack import PackRef, as_pack, check_sources
from gravida.advice.medicines import MedicineBook, load_medicines, stage_at, verdict_for
from gravida.advice.plan_parts import MedicineAdvice, MedicineMention, PlanItem, Sign
from gravida.knowledge import expr
from gravida.knowledge.load import Pack, PackError, validate
from gravida.knowledge.schema import Source, Strict

FILE = "advice.yaml"
# How many gestational ages a book keeps what a plan reads at them (``at_weeks``); not
# clinical: a bound on memory.
WEEKS_KEPT = 512


class AtWeeks(NamedTuple):
    """What a plan takes from the book at one gestational age (``AdviceBook.at_weeks``)."""

    signs: tuple[Sign, ...]  # the safety net's signs in force, in the book's order
    medicine_advice: dict[str, MedicineAdvice]  # every medicine advice, by id


# How many (leading conditions, level) pairs a book keeps what a plan selects for
# (``AdviceBook.chosen``); not clinical: a bound on memory.
CHOSEN_KEPT = 4096

Span = tuple[float, float] | None  # weeks [from, to), or None: any


class Chosen(NamedTuple):
    """What a plan selects for a set of leading conditions and a level, before her weeks
    are read (``AdviceBook.chosen``): each item and medicine advice whose other parts
    hold, with the weeks of its ``applies_when`` and of its ``not_when``."""

    items: tuple[tuple[PlanItem, Span, Span], ...]
    medicine_advice: tuple[tuple[str, Span, Span], ...]  # by medicine advice id


class When(Strict):
    conditions: list[str] | None = None
    levels: list[str] | None = None
    weeks: tuple[float, float] | None = None


class ItemDef(Strict):
    id: str = Field(min_length=1)
    topic: str = Field(min_length=1)
    kind: Literal["do", "avoid"]
    text: str = Field(min_length=1)
    applies_when: When = When()
    not_when: When | None = None
    sources: list[str]


class MedicineAdviceDef(Strict):
    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    medicines: list[str]
    applies_when: When = When()
    not_when: When | None = None
    sources: list[str]


class EarlyNow(Strict):
    """What to do now before the weeks at which maternity triage takes women."""

    before_weeks: float = Field(gt=0.0, le=45.0)
    now: str = Field(min_length=1)
    sources: list[str]


class LevelDef(Strict):
    urgent: bool
    now: str = Field(min_length=1)
    sources: list[str]
    early: EarlyNow | None = None

    def at(self, weeks: float) -> tuple[str, list[str]]:
        """The words and sources at her weeks: early in pregnancy another place sees her."""
        if self.early is not None and weeks < self.early.before_weeks:
            return self.early.now, self.early.sources
        return self.now, self.sources


class SignDef(Strict):
    """A warning sign: the words she reads, and what they mean in findings.

    ``when`` is the sign as a triage expression over the vocabulary's findings
    (gravida.knowledge.expr) and ``level`` the level its words tell her to act
    on; a test holds triage to it (a case showing the sign is never triaged
    below ``level``), so the safety net can never contradict the triage.
    """

    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    weeks: tuple[float, float] | None = None
    level: str = Field(min_length=1)
    when: Any
    sources: list[str]


class SafetyNetDef(Strict):
    intro: str = Field(min_length=1)
    signs: list[SignDef] = Field(min_length=1)


class LeadingDef(Strict):
    top: int = Field(ge=1, le=10)
    min_probability: float = Field(ge=0.0, le=1.0)


class AdviceFile(Strict):
    leading: LeadingDef
    levels: dict[str, LevelDef]
    groups: dict[str, list[str]] = Field(default_factory=dict)
    items: list[ItemDef]
    medicine_advice: list[MedicineAdviceDef]
    safety_net: SafetyNetDef


@dataclass(frozen=True)
class AdviceBook:
    """advice.yaml, cross-checked against the vocabulary, the sources and medicines.yaml."""

    directory: Path
    data: AdviceFile
    medicines: MedicineBook
    sources: dict[str, Source]
    conditions: tuple[str, ...]
    lay_names: dict[str, str]
    levels: tuple[str, ...]
    weeks_lo: float
    weeks_hi: float
    # each safety-net sign's ``when``, parsed (by sign id)
    sign_nodes: dict[str, expr.Node]
    # medicine mentions by (medicine id, stage index): they depend on nothing else
    _mentions: dict[tuple[str, int], MedicineMention] = field(
        default_factory=dict, repr=False, compare=False
    )
    # what a plan takes from the book at a week (``at_weeks``): it depends on nothing else
    _at_weeks: dict[float, AtWeeks] = field(default_factory=dict, repr=False, compare=False)
    # what a plan selects for (leading conditions, level) but for the weeks (``chosen``)
    _chosen: dict[tuple[frozenset[str], str], Chosen] = field(
        default_factory=dict, repr=False, compare=False)

    @property
    def calm_levels(self) -> tuple[str, ...]:
        """The levels at which self-care may be offered (the non-urgent ones)."""
        return self.selection.calm

    @cached_property
    def selection(self) -> _Selection:
        """Items, medicine advice and signs compiled for selection (once per book)."""
        return _Selection.compile(self)

    def at_weeks(self, weeks: float) -> AtWeeks:
        """The safety net's signs in force at ``weeks``, and each medicine advice with its
        medicines named as at ``weeks`` (by advice id): a plan reads them, and they depend
        on the weeks alone, so they are kept per week (bounded; a miss only costs the
        computation)."""
        hit = self._at_weeks.get(weeks)
        if hit is None:
            sel = self.selection
            hit = AtWeeks(
                tuple(sign for sign, span in sel.signs if in_span(weeks, span)),
                {ma.id: MedicineAdvice(ma.id, ma.text,
                                       tuple(self.mention(mid, weeks) for mid in ma.medicines),
                                       tuple(ma.sources))
                 for ma, _, _ in sel.medicine_advice})
            if len(self._at_weeks) >= WEEKS_KEPT:
                self._at_weeks.clear()
            self._at_weeks[weeks] = hit
        return hit

    def chosen(self, leading: frozenset[str], level: str) -> Chosen:
        """The items and medicine advice a plan may offer with these leading conditions at
        this level, each with the weeks that still decide it (``Chosen``).

        An item is offered when every stated part of its ``applies_when`` holds and no
        stated part of its ``not_when`` does (``CompiledWhen``); only the weeks parts
        read her weeks, so the rest is worked out once per (leading conditions, level)
        and kept (bounded; a miss only costs the computation).
        """
        key = (leading, level)
        hit = self._chosen.get(key)
        if hit is None:
            sel = self.selection

            def other_parts(applies: CompiledWhen, not_when: CompiledWhen | None) -> bool:
                return applies.holds_but_weeks(leading, level, sel.calm_set) and not (
                    not_when is not None and not_when.excludes_but_weeks(leading, level))

            def spans(not_when: CompiledWhen | None) -> Span:
                return None if not_when is None else not_when.weeks

            hit = Chosen(
                tuple((it, a.weeks, spans(n)) for it, a, n in sel.items if other_parts(a, n)),
                tuple((ma.id, a.weeks, spans(n)) for ma, a, n in sel.medicine_advice
                      if other_parts(a, n)))
            if len(self._chosen) >= CHOSEN_KEPT:
                self._chosen.clear()
            self._chosen[key] = hit
        return hit

    def mention(self, medicine_id: str, weeks: float) -> MedicineMention:
        """How a plan names a medicine at ``weeks``: the verdict of the stage in force."""
        med = self.medicines.medicines[medicine_id]
        stage = stage_at(med, weeks)
        index = next(i for i, st in enumerate(med.stages) if st is stage)
        hit = self._mentions.get((medicine_id, index))
        if hit is None:
            v = verdict_for(medicine_id, weeks, self.medicines)
            hit = MedicineMention(medicine_id, v.name or medicine_id, v.medicine or medicine_id,
                                  v.verdict, v.verdict_text)
            self._mentions[(medicine_id, index)] = hit
        return hit


def _check_when(when: When | None, entry: str, book: dict[str, Any]) -> None:
    if when is None:
        return
    for c in when.conditions or []:
        if c not in book["conditions"]:
            raise PackError(FILE, entry, f"unknown condition id {c!r}")
    for lv in when.levels or []:
        if lv not in book["levels"]:
            raise PackError(FILE, entry, f"unknown triage level {lv!r}")
    if when.weeks is not None:
        start, end = when.weeks
        if not (book["lo"] <= start < end):
            raise PackError(FILE, entry, f"weeks {list(when.weeks)} is not a valid range")


def _check_selectable(defn: ItemDef | MedicineAdviceDef, entry: str, seen: set[str],
                      book: dict[str, Any], twice: str) -> None:
    """Items and medicine advice share one id space and one applies_when/not_when grammar."""
    if defn.id in seen:
        raise PackError(FILE, entry, twice)
    seen.add(defn.id)
    _check_when(defn.applies_when, f"{entry}.applies_when", book)
    _check_when(defn.not_when, f"{entry}.not_when", book)


def _load_advice(pack: Pack) -> AdviceBook:
    data = validate(AdviceFile, pack.read(FILE), FILE)
    sources = pack.sources
    lo, hi = pack.weeks_range
    conditions = tuple(c.id for c in pack.vocabulary.conditions)
    levels = tuple(t.id for t in pack.vocabulary.triage_levels)
    medicines = load_medicines(pack)
    ctx: dict[str, Any] = {"conditions": set(conditions), "levels": set(levels), "lo": lo}

    if set(data.levels) != set(levels):
        raise PackError(FILE, "levels", f"needs exactly the triage levels {list(levels)}")
    for lv, ld in data.levels.items():
        check_sources(ld.sources, sources, FILE, f"levels.{lv}")
        if ld.early is not None:
            check_sources(ld.early.sources, sources, FILE, f"levels.{lv}.early")
    if all(ld.urgent for ld in data.levels.values()):
        raise PackError(FILE, "levels", "at least one level must be non-urgent")
    calm = {lv for lv, ld in data.levels.items() if not ld.urgent}
    for g, ids in data.groups.items():
        _check_when(When(conditions=ids), f"groups.{g}", ctx)

    seen: set[str] = set()
    for i, item in enumerate(data.items):
        entry = f"items[{i}] ({item.id})"
        _check_selectable(item, entry, seen, ctx, twice="item id used twice")
        urgent = set(item.applies_when.levels or []) - calm
        if urgent:
            raise PackError(
                FILE, entry,
                f"self-care may not be offered at urgent levels {sorted(urgent)}",
            )
        check_sources(item.sources, sources, FILE, entry)
    for i, ma in enumerate(data.medicine_advice):
        entry = f"medicine_advice[{i}] ({ma.id})"
        _check_selectable(ma, entry, seen, ctx, twice="id used twice")
        for mid in ma.medicines:
            if mid not in medicines.medicines:
                raise PackError(FILE, entry, f"unknown medicine {mid!r} (not in medicines.yaml)")
        check_sources(ma.sources, sources, FILE, entry)
    booleans = {f.id for f in pack.vocabulary.findings if f.kind == "boolean"}
    numbers = set(pack.numbers)
    sign_nodes: dict[str, expr.Node] = {}
    for i, sign in enumerate(data.safety_net.signs):
        entry = f"safety_net.signs[{i}] ({sign.id})"
        if sign.id in sign_nodes:
            raise PackError(FILE, entry, "sign id used twice")
        _check_when(When(weeks=sign.weeks, levels=[sign.level]), entry, ctx)
        try:
            sign_nodes[sign.id] = expr.parse(sign.when, booleans, numbers)
        except expr.ExprError as exc:
            raise PackError(FILE, f"{entry}.when", str(exc)) from None
        check_sources(sign.sources, sources, FILE, entry)

    lay_names = {cid: pack.conditions[cid].lay_name or pack.conditions[cid].name
                 for cid in conditions}
    return AdviceBook(pack.directory, data, medicines, sources, conditions, lay_names, levels,
                      lo, hi, sign_nodes)


def load_advice(pack: PackRef = None) -> AdviceBook:
    """The advice book of a pack, built once per loaded Pack (its memo); see ``as_pack``
    for directories."""
    return as_pack(pack).memo(_load_advice)


# --- compiled for selection ---------------------------------------------------------------


def in_weeks(weeks: float, span: tuple[float, float]) -> bool:
    return span[0] <= weeks < span[1]


def in_span(weeks: float, span: Span) -> bool:
    """Whether ``weeks`` is within a stated span: any weeks are where none is stated."""
    return span is None or in_weeks(weeks, span)


@dataclass(frozen=True)
class CompiledWhen:
    """An applies_when / not_when block with its lists as sets, compiled once per book."""

    conditions: frozenset[str] | None
    levels: frozenset[str] | None
    weeks: tuple[float, float] | None

    @classmethod
    def of(cls, when: When) -> CompiledWhen:
        return cls(None if when.conditions is None else frozenset(when.conditions),
                   None if when.levels is None else frozenset(when.levels), when.weeks)

    def holds(self, weeks: float, leading: AbstractSet[str], level: str,
              default_levels: frozenset[str]) -> bool:
        """applies_when semantics: every stated part must hold."""
        return self.holds_but_weeks(leading, level, default_levels) and in_span(weeks,
                                                                                self.weeks)

    def holds_but_weeks(self, leading: AbstractSet[str], level: str,
                        default_levels: frozenset[str]) -> bool:
        """Whether every stated part but the weeks holds (``holds``)."""
        if self.conditions is not None and self.conditions.isdisjoint(leading):
            return False
        return level in (self.levels if self.levels is not None else default_levels)

    def excludes(self, weeks: float, leading: AbstractSet[str], level: str) -> bool:
        """not_when semantics: any stated part that holds excludes the item."""
        return self.excludes_but_weeks(leading, level) or (
            self.weeks is not None and in_weeks(weeks, self.weeks))

    def excludes_but_weeks(self, leading: AbstractSet[str], level: str) -> bool:
        """Whether a stated part other than the weeks holds (``excludes``)."""
        if self.conditions is not None and not self.conditions.isdisjoint(leading):
            return True
        return self.levels is not None and level in self.levels


@dataclass(frozen=True)
class _Selection:
    """The book's items, medicine advice and signs, ready to select from."""

    calm: tuple[str, ...]
    calm_set: frozenset[str]
    items: tuple[tuple[PlanItem, CompiledWhen, CompiledWhen | None], ...]
    medicine_advice: tuple[tuple[MedicineAdviceDef, CompiledWhen, CompiledWhen | None], ...]
    signs: tuple[tuple[Sign, tuple[float, float] | None], ...]

    @classmethod
    def compile(cls, book: AdviceBook) -> _Selection:
        def nw(when: When | None) -> CompiledWhen | None:
            return None if when is None else CompiledWhen.of(when)

        calm = tuple(lv for lv in book.levels if not book.data.levels[lv].urgent)
        return cls(
            calm, frozenset(calm),
            tuple((PlanItem(it.id, it.topic, it.kind, it.text, tuple(it.sources)),
                   CompiledWhen.of(it.applies_when), nw(it.not_when)) for it in book.data.items),
            tuple((ma, CompiledWhen.of(ma.applies_when), nw(ma.not_when))
                  for ma in book.data.medicine_advice),
            tuple((Sign(sg.id, sg.text, sg.level, tuple(sg.sources)), sg.weeks)
                  for sg in book.data.safety_net.signs),
        )
