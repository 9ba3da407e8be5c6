"""Is this medicine all right at this stage of pregnancy?

A woman types what is on the packet: an INN, a brand, a Cyrillic brand, with
typos. The answer must never be "safe" by accident, so matching is strict
enough that an unrelated word finds nothing (and nothing found means
"unknown: ask a pharmacist"), and when a query names several medicines the
answer is for the one that needs most care. Every verdict, reason, dose limit
and source comes from ``medicines.yaml``; this module only matches and picks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from gravida.advice._pack import PackRef, check_weeks_in, weeks_text
from gravida.advice.medicine_book import (
    _DIGITS,
    Alias,
    MedicineBook,
    join_and,
    load_medicines,
    stage_at,
    tokens,
)
from gravida.advice.medicine_file import SEVERITY, Answer, Dose, Medicine, Note, Stage, Words
from gravida.knowledge.schema import Source

__all__ = [
    "SEVERITY", "Hit", "IngredientVerdict", "Medicine", "MedicineBook", "MedicineVerdict",
    "StageVerdict", "check", "check_weeks", "find", "load_medicines", "stage_at", "tokens",
    "verdict_for",
]


# --- verdicts by stage ---------------------------------------------------------------------


def check_weeks(weeks: float | None, book: MedicineBook) -> float | None:
    """Weeks as a float in the vocabulary's range, or a ValueError that says what is wrong."""
    if weeks is None:
        return None
    return check_weeks_in(weeks, book.weeks_lo, book.weeks_hi)


def range_text(stage: Stage, med: Medicine, words: Words) -> str:
    start, end = stage.weeks
    first, last = med.stages[0], med.stages[-1]
    if stage is first and stage is last:
        return words.range_any
    if stage is first:
        return words.range_before.format(end=weeks_text(end))
    if stage is last:
        return words.range_from.format(start=weeks_text(start))
    return words.range_between.format(start=weeks_text(start), end=weeks_text(end))


# --- matching -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    alias: Alias
    score: float
    start: int
    width: int
    by_suffix: bool = False  # an unnamed word whose INN stem shows its class


    def overlaps(self, other: Hit) -> bool:
        return self.start < other.start + other.width and other.start < self.start + self.width


def find(query_tokens: list[str], book: MedicineBook) -> list[Hit]:
    """Medicines named in the query: distinct, on non-overlapping words, best first.

    Every run of words is compared with every alias of a similar number of
    words, spaces ignored (so "no-shpa", "noshpa" and "no shpa" agree). A
    longer run that matches wins over a shorter one inside it, so "nurofen gel"
    is the gel, not the tablets. Numbers must agree exactly, so "aspirin
    300mg" can never be read as "aspirin 75mg", and very short words must be
    there exactly, so "vitamin a" is never read as "vitamin d".
    """
    m = book.data.match
    hits: list[Hit] = []
    n = len(query_tokens)
    for width in range(1, min(n, book.max_alias_tokens + 1) + 1):
        for start in range(n - width + 1):
            compact = "".join(query_tokens[start:start + width])
            digits = tuple(_DIGITS.findall(compact))
            window = query_tokens[start:start + width]
            short = {t for t in window if len(t) < m.exact_word_below}
            exact = book.by_compact.get(compact)
            if exact is not None:
                hits.append(Hit(exact, 100.0, start, width))
            for _, score, idx in process.extract(
                compact, book.compacts, scorer=fuzz.ratio,
                score_cutoff=m.score_cutoff, limit=None,
            ):
                alias = book.aliases[idx]
                if (
                    alias is exact
                    or abs(alias.tokens - width) > 1
                    or alias.digits != digits
                    or len(alias.compact) < m.exact_only_below
                    or len(compact) < m.exact_only_below
                    or short != {t for t in alias.words if len(t) < m.exact_word_below}
                ):
                    continue
                hits.append(Hit(alias, float(score), start, width))
    hits.sort(key=lambda h: (-h.width, -h.score, -len(h.alias.compact), h.start))
    chosen: list[Hit] = []
    for h in hits:
        if any(h.overlaps(c) or h.alias.medicine == c.alias.medicine for c in chosen):
            continue
        chosen.append(h)
    for h in _by_suffix(query_tokens, book):
        if not any(h.overlaps(c) or h.alias.medicine == c.alias.medicine for c in chosen):
            chosen.append(h)
    return chosen


def _by_suffix(query_tokens: list[str], book: MedicineBook) -> list[Hit]:
    """Words the list does not name whose INN stem (e.g. "-oxacin") shows their class.

    Only whole words of letters with a real stem before the ending count, so
    "Ciprofloxacin" by any spelling, or an unlisted "gatifloxacin", gets the
    fluoroquinolone verdict instead of "unknown".
    """
    least = book.data.match.suffix_min_stem
    found: list[Hit] = []
    for i, tok in enumerate(query_tokens):
        if not tok.isalpha():
            continue
        for stem, cid in book.suffixes:
            if tok.endswith(stem) and len(tok) - len(stem) >= least:
                alias = Alias(tok, tok, 1, (tok,), (), cid)
                found.append(Hit(alias, 0.0, i, 1, by_suffix=True))
                break
    return found


# --- the answer ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StageVerdict:
    weeks: tuple[float, float]
    range: str
    verdict: str
    verdict_text: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"weeks": list(self.weeks), "range": self.range, "verdict": self.verdict,
                "verdict_text": self.verdict_text, "reason": self.reason}


@dataclass(frozen=True)
class IngredientVerdict:
    """One ingredient of a combination product and its own verdict at the same weeks."""

    id: str
    name: str
    verdict: str
    verdict_text: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "verdict": self.verdict,
                "verdict_text": self.verdict_text}


@dataclass(frozen=True)
class MedicineVerdict:
    """The answer for one query: what it matched, the verdict, why, and on whose word."""

    query: str
    medicine: str | None  # the INN matched, or None
    medicine_id: str | None
    name: str | None
    kind: str | None
    matched_alias: str | None
    match_score: float | None
    weeks: float | None
    verdict: Answer
    verdict_text: str
    reason: str
    stage_note: str
    sources: tuple[str, ...]
    references: tuple[Source, ...] = ()
    dose: Dose | None = None
    note: Note | None = None
    prescription_only: bool = False
    prescription_text: str | None = None
    match_note: str | None = None
    also_named: tuple[str, ...] = ()
    by_stage: tuple[StageVerdict, ...] = field(default_factory=tuple)
    group: str | None = None  # the class whose verdict applies (nsaid, opioid...)
    ingredients: tuple[IngredientVerdict, ...] = ()
    ingredients_text: str | None = None

    @property
    def found(self) -> bool:
        return self.medicine is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "medicine": self.medicine,
            "medicine_id": self.medicine_id,
            "name": self.name,
            "kind": self.kind,
            "matched_alias": self.matched_alias,
            "match_score": self.match_score,
            "weeks": self.weeks,
            "verdict": self.verdict,
            "verdict_text": self.verdict_text,
            "reason": self.reason,
            "stage_note": self.stage_note,
            "dose": None if self.dose is None else {
                "text": self.dose.text,
                "max_per_dose": self.dose.max_per_dose,
                "max_per_24h": self.dose.max_per_24h,
                "min_hours_between_doses": self.dose.min_hours_between_doses,
            },
            "dose_limit": None if self.dose is None else self.dose.text,
            "note": None if self.note is None else self.note.text,
            "prescription_only": self.prescription_only,
            "match_note": self.match_note,
            "also_named": list(self.also_named),
            "class": self.group,
            "ingredients": [i.to_json() for i in self.ingredients],
            "by_stage": [s.to_json() for s in self.by_stage],
            "sources": list(self.sources),
            "references": [
                {"id": sid, **ref.model_dump(exclude_none=True)}
                for sid, ref in zip(self.sources, self.references, strict=True)
            ],
        }


def _echo(query: str, limit: int) -> str:
    """The query as it is safe to show back: printable characters only, bounded."""
    clean = "".join(ch if ch.isprintable() else " " for ch in query[: limit * 2])
    clean = " ".join(clean.split())
    return clean[:limit] + ("…" if len(clean) > limit else "")


def _unknown(query: str, weeks: float | None, reason: str, book: MedicineBook) -> MedicineVerdict:
    w = book.words
    return MedicineVerdict(
        query=query, medicine=None, medicine_id=None, name=None, kind=None,
        matched_alias=None, match_score=None, weeks=weeks, verdict="unknown",
        verdict_text=w.verdicts["unknown"], reason=reason,
        stage_note="" if weeks is None else w.at_weeks.format(weeks=weeks_text(weeks)),
        sources=(),
    )


def _dedupe(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def verdict_for(medicine_id: str, weeks: float | None, book: MedicineBook,
                query: str | None = None, hit: Hit | None = None,
                others: tuple[str, ...] = ()) -> MedicineVerdict:
    """The verdict for a known medicine id at ``weeks`` (None: the most cautious stage)."""
    med = book.medicines[medicine_id]
    w = book.words
    stage = stage_at(med, weeks)
    if weeks is None:
        cited = [s for st in med.stages for s in st.sources]
        same = len({st.verdict for st in med.stages}) == 1
        stage_note = w.stage_same if same else w.stage_unknown
    else:
        cited = list(stage.sources)
        stage_note = w.at_weeks.format(weeks=weeks_text(weeks))
    if med.dose is not None:
        cited += med.dose.sources
    if med.note is not None:
        cited += med.note.sources
    sources = _dedupe(cited)
    ingredients = tuple(
        IngredientVerdict(iid, book.medicines[iid].inn, st.verdict, w.verdicts[st.verdict])
        for iid in med.ingredients
        for st in [stage_at(book.medicines[iid], weeks)]
    )
    match_note = None
    if hit is not None and hit.by_suffix:
        match_note = w.by_class.format(word=hit.alias.text, group=med.name)
    elif hit is not None and hit.score < 100 and query is not None:
        match_note = w.fuzzy.format(query=query, alias=hit.alias.text)
    if others:
        several = w.several.format(others=", ".join(others))
        match_note = f"{match_note} {several}" if match_note else several
    return MedicineVerdict(
        query=query if query is not None else med.name,
        medicine=med.inn,
        medicine_id=medicine_id,
        name=med.name,
        kind=med.kind,
        matched_alias=None if hit is None or hit.by_suffix else hit.alias.text,
        match_score=None if hit is None or hit.by_suffix else round(hit.score, 1),
        weeks=weeks,
        verdict=stage.verdict,
        verdict_text=w.verdicts[stage.verdict],
        reason=stage.reason,
        stage_note=stage_note,
        sources=sources,
        references=tuple(book.sources[s] for s in sources),
        dose=med.dose,
        note=med.note,
        prescription_only=med.prescription_only,
        prescription_text=w.prescription_only if med.prescription_only else None,
        match_note=match_note,
        also_named=others,
        by_stage=tuple(
            StageVerdict(st.weeks, range_text(st, med, w), st.verdict, w.verdicts[st.verdict],
                         st.reason)
            for st in med.stages
        ),
        group=medicine_id if medicine_id in book.classes else med.group,
        ingredients=ingredients,
        ingredients_text=w.ingredients.format(
            ingredients=join_and([i.name for i in ingredients], w)) if ingredients else None,
    )


def check(query: str, weeks: float | None, pack: PackRef = None) -> MedicineVerdict:
    """The verdict for the medicine named in ``query`` at ``weeks`` of pregnancy.

    ``weeks`` None gives the most cautious verdict over the whole pregnancy,
    and says that it depends on the stage. Any text is accepted: what cannot
    be matched is "unknown", never safe. Only an out-of-range ``weeks`` (a
    caller's error, not a user's text) raises ValueError; a broken pack raises
    PackError.
    """
    book = load_medicines(pack)
    w = check_weeks(weeks, book)
    limit = book.data.match.max_query_chars
    text = query if isinstance(query, str) else ""
    shown = _echo(text, limit)
    if not text.strip():
        return _unknown(shown, w, book.words.empty, book)
    if len(text) > limit:
        return _unknown(shown, w, book.words.too_long, book)
    toks = tokens(text)
    if not toks:
        return _unknown(shown, w, book.words.unreadable, book)
    if len(toks) > book.data.match.max_query_words:
        return _unknown(shown, w, book.words.too_long, book)
    hits = find(toks, book)
    if not hits:
        return _unknown(shown, w, book.words.unknown, book)

    def care(h: Hit) -> int:
        return SEVERITY[stage_at(book.medicines[h.alias.medicine], w).verdict]

    primary = max(hits, key=care)  # first of the most cautious, in match order
    others = tuple(book.medicines[h.alias.medicine].name for h in hits if h is not primary)
    return verdict_for(primary.alias.medicine, w, book, shown, primary, others)
