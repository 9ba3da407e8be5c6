"""The interview's questions, read from the pack's questions.yaml and checked whole.

A question the interview cannot word, a group member that is not a finding,
or a number range wider than the vocabulary allows would only show up in the
middle of a woman's interview; checking the file once at load makes it fail
at start-up instead, naming the entry.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import Field

from gravida.knowledge import expr
from gravida.knowledge.load import Pack, PackError, derived, validate
from gravida.knowledge.schema import Strict

FILE = "questions.yaml"

Kind = Literal["yes_no", "number", "group"]


class _Part(Strict):
    finding: str
    label: str
    unit: str
    range: tuple[float, float]


Answerable = Annotated[float, Field(gt=0.0, le=1.0)]


class _QuestionDef(Strict):
    text: str
    help: str | None = None
    finding: str | None = None
    unit: str | None = None
    range: tuple[float, float] | None = None
    parts: list[_Part] | None = None
    answerable: Answerable = 1.0
    when: list[str] | None = None
    volunteered: bool = False  # a number she states before any question (her weeks)
    src: str | None = None


class _GroupDef(Strict):
    text: str
    help: str | None = None
    members: dict[str, str] = Field(min_length=2)
    volunteered: bool = False
    answerable: Answerable = 1.0
    when: list[str] | None = None
    src: str | None = None


class _Params(Strict):
    max_questions: int = Field(ge=1, le=100)
    plausible_answer: float = Field(ge=0.0, lt=1.0)
    lead_probability: float = Field(gt=0.0, le=1.0)
    lead_change: float = Field(gt=0.0, le=1.0)
    level_weight: float = Field(ge=0.0)
    leader_questions: int = Field(ge=0, le=25)
    emergency_checks: int = Field(ge=0, le=100)
    confirm_readings: int = Field(default=0, ge=0, le=25)
    src: str


class _ConfirmDef(Strict):
    # {finding}: the finding's plain words; {question}: its own question
    text: str


class _CatalogueFile(Strict):
    interview: _Params
    confirm: _ConfirmDef | None = None
    questions: dict[str, _QuestionDef]
    groups: dict[str, _GroupDef] = Field(default_factory=dict)


@dataclass(frozen=True)
class NumberPart:
    """One number a question asks for, with its unit and the range it accepts."""

    finding: str
    label: str
    unit: str
    lo: float
    hi: float

    def to_json(self) -> dict[str, Any]:
        return {"finding": self.finding, "label": self.label, "unit": self.unit,
                "range": [self.lo, self.hi]}


@dataclass(frozen=True)
class QuestionSpec:
    """One askable question: a yes/no finding, a number (or two), or a group."""

    id: str
    kind: Kind
    text: str
    help: str | None
    findings: tuple[str, ...]  # the finding, the number parts, or the group members
    items: tuple[str, ...] = ()  # group members' short words, aligned with findings
    parts: tuple[NumberPart, ...] = ()
    volunteered: bool = False
    answerable: float = 1.0  # how often a woman at home can answer it (not clinical)
    # A follow-up: asked only once one of these findings is present (heavy
    # bleeding only after bleeding); empty for a question that is always askable.
    when: tuple[str, ...] = ()

    @property
    def must_choose(self) -> bool:
        """A group she must pick from: where the pain is (she has pain somewhere).

        A volunteered follow-up (which side) can truly be "none of these".
        """
        return self.kind == "group" and self.volunteered and not self.when

    def applies(self, present: frozenset[str] | set[str]) -> bool:
        """Whether the question may be asked given the findings present so far."""
        return not self.when or any(f in present for f in self.when)

    @property
    def unit(self) -> str | None:
        return ", ".join(dict.fromkeys(p.unit for p in self.parts)) if self.parts else None


@dataclass(frozen=True)
class Params:
    max_questions: int
    plausible_answer: float
    lead_probability: float
    level_weight: float
    lead_change: float
    leader_questions: int = 0
    emergency_checks: int = 100
    confirm_readings: int = 0  # readings of her words asked back (confirm.py)


# Asking back a reading of her words (confirm.py) when questions.yaml has no sentence.
CONFIRM_TEXT = "{question}"


@dataclass(frozen=True)
class Catalogue:
    questions: dict[str, QuestionSpec]
    by_finding: dict[str, str]  # finding -> its own (non-group) question id
    params: Params
    # how a reading of her words is asked back: {finding} and {question} filled in
    confirm_text: str = CONFIRM_TEXT

    @property
    def volunteered(self) -> tuple[str, ...]:
        """The groups she describes before any question (where the pain is, which side)."""
        return tuple(q.id for q in self.questions.values()
                     if q.volunteered and q.kind == "group")

    @property
    def volunteered_numbers(self) -> tuple[str, ...]:
        """The numbers she states before any question when she knows them (her weeks
        of pregnancy, her age): the simulated patient of the evaluator gives them."""
        return tuple(q.findings[0] for q in self.questions.values()
                     if q.volunteered and q.kind == "number")

    def get(self, question_id: str) -> QuestionSpec | None:
        return self.questions.get(question_id)


@derived
def load_catalogue(pack: Pack) -> Catalogue:
    """Read and check questions.yaml of ``pack`` (once per loaded Pack); raises
    PackError naming the entry."""
    raw: Any = pack.read(FILE)
    data = validate(_CatalogueFile, raw, FILE)
    _check_src(pack, data.interview.src, "interview")
    booleans = {f for f, d in pack.findings.items() if d.kind == "boolean"}
    numbers = set(pack.numbers)
    questions: dict[str, QuestionSpec] = {}
    by_finding: dict[str, str] = {}
    for qid, q in data.questions.items():
        where = f"questions.{qid}"
        if q.src is not None:
            _check_src(pack, q.src, where)
        if q.parts is not None:
            if q.unit is not None or q.range is not None or q.finding is not None:
                raise PackError(FILE, where, "give unit and range for each part")
            parts = [
                _number_part(pack, part.finding, part.label, part.unit, part.range,
                             f"{where}.{part.finding}")
                for part in q.parts
            ]
            spec = QuestionSpec(qid, "number", q.text, q.help, tuple(p.finding for p in parts),
                                parts=tuple(parts), answerable=q.answerable,
                                when=_when(q.when, booleans, where))
        else:
            fid = q.finding or qid
            if fid in booleans:
                if q.unit is not None or q.range is not None:
                    raise PackError(FILE, where, "a yes/no question has no unit or range")
                spec = QuestionSpec(qid, "yes_no", q.text, q.help, (fid,),
                                    answerable=q.answerable,
                                    when=_when(q.when, booleans, where))
            elif fid in numbers:
                if q.unit is None or q.range is None:
                    raise PackError(FILE, where, "a number question needs unit and range")
                part = _number_part(pack, fid, pack.label(fid), q.unit, q.range, where)
                spec = QuestionSpec(qid, "number", q.text, q.help, (fid,), parts=(part,),
                                    answerable=q.answerable, volunteered=q.volunteered,
                                    when=_when(q.when, booleans, where))
            else:
                raise PackError(FILE, where, f"{fid!r} is not a vocabulary finding")
        if q.volunteered and (spec.kind != "number" or len(spec.findings) != 1):
            raise PackError(FILE, where, "only a single number (or a group) is volunteered")
        for fid in spec.findings:
            if fid in by_finding:
                raise PackError(FILE, where, f"{fid} already has question {by_finding[fid]}")
            by_finding[fid] = qid
        questions[qid] = spec
    for fid in sorted(booleans):
        if fid not in by_finding:
            raise PackError(FILE, fid, "boolean finding has no question")
    for gid, g in data.groups.items():
        where = f"groups.{gid}"
        if gid in questions:
            raise PackError(FILE, where, "group id clashes with a question id")
        if g.src is not None:
            _check_src(pack, g.src, where)
        for fid in g.members:
            if fid not in booleans:
                raise PackError(FILE, f"{where}.{fid}", "group members must be yes/no findings")
        questions[gid] = QuestionSpec(
            gid, "group", g.text, g.help, tuple(g.members), items=tuple(g.members.values()),
            volunteered=g.volunteered, answerable=g.answerable,
            when=_when(g.when, booleans, where),
        )
    p = data.interview
    confirm = data.confirm.text if data.confirm is not None else CONFIRM_TEXT
    try:
        confirm.format(finding="", question="")
    except (KeyError, IndexError, ValueError):
        raise PackError(FILE, "confirm.text", "only {finding} and {question} may be "
                        "filled in") from None
    return Catalogue(questions, by_finding,
                     Params(p.max_questions, p.plausible_answer, p.lead_probability,
                            p.level_weight, p.lead_change, p.leader_questions,
                            p.emergency_checks, p.confirm_readings), confirm)


def _when(parents: list[str] | None, booleans: set[str], where: str) -> tuple[str, ...]:
    """A question's condition: yes/no findings, any one of which present lets it be asked."""
    for fid in parents or ():
        if fid not in booleans:
            raise PackError(FILE, f"{where}.when", f"{fid!r} is not a yes/no finding")
    return tuple(parents or ())


def _check_src(pack: Pack, src: str, where: str) -> None:
    if src not in pack.sources:
        raise PackError(FILE, where, f"unknown source {src!r}")


def _number_part(
    pack: Pack, fid: str, label: str, unit: str, rng: tuple[float, float], where: str
) -> NumberPart:
    fdef = pack.findings.get(fid)
    if fdef is None or fdef.kind != "number" or fdef.range is None:
        raise PackError(FILE, where, f"{fid!r} is not a number finding")
    lo, hi = rng
    vlo, vhi = fdef.range
    if not (math.isfinite(lo) and math.isfinite(hi) and vlo <= lo < hi <= vhi):
        raise PackError(FILE, where, f"range {lo:g}-{hi:g} must lie within {vlo:g}-{vhi:g}")
    return NumberPart(fid, label, unit, lo, hi)


def cut_points(pack: Pack, finding: str) -> list[float]:
    """Every value at which a pack rule about ``finding`` changes its answer.

    The interview tries one value inside each band between these cuts when it
    weighs a number question, so the bands come from the pack's own rules and
    no threshold is repeated in code.
    """
    nodes: list[expr.Node] = [cr.node for cr in pack.floors]
    for cl in pack.condition_levels.values():
        nodes.extend(cr.node for cr in cl.adjust)
    nodes.extend(pack.derived_nodes.values())
    for _, p_node, a_node in pack.number_maps:
        nodes.append(p_node)
        if a_node is not None:
            nodes.append(a_node)
    cuts: set[float] = set()
    for node in nodes:
        _collect_cuts(node, finding, cuts)
    return sorted(cuts)


def _collect_cuts(node: expr.Node, finding: str, out: set[float]) -> None:
    if isinstance(node, expr.Compare):
        if node.finding == finding:
            out.add(node.value)
    elif isinstance(node, expr.All | expr.AnyOf):
        for part in node.parts:
            _collect_cuts(part, finding, out)


def probes(pack: Pack, part: NumberPart) -> list[float]:
    """One representative value inside each band the pack's rules distinguish."""
    points = [part.lo] + [c for c in cut_points(pack, part.finding) if part.lo < c < part.hi]
    points.append(part.hi)
    return [(a + b) / 2.0 for a, b in itertools.pairwise(points)]
