"""medicines.yaml: its checks, and the resolved book the checker reads (its shape is
in ``medicine_file.py``).

Three things are resolved here, once per loaded pack, so the checker only
matches and picks:

- a medicine with a ``class`` (nsaid, opioid, fluoroquinolone...) and no
  stages of its own takes the class's stages; with stages of its own it may
  never be milder than its class at any week;
- a combination product lists its ``ingredients`` (pack ids); with no stages
  of its own it takes, week by week, the stages of the ingredient that needs
  most care, with a reason that names every ingredient; with stages of its
  own it may never be milder than any ingredient;
- a class is itself an entry (so "NSAID" or "opioid" typed as a name gets
  the class's verdict) and carries INN suffixes (WHO stems such as
  "-profen", "-oxacin") that give an unnamed member its class's verdict.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from gravida.advice._pack import PackRef, as_pack, check_sources, weeks_text
from gravida.advice.medicine_file import (
    FILE,
    SEVERITY,
    Medicine,
    MedicineClass,
    MedicinesFile,
    Stage,
    Words,
)
from gravida.knowledge.load import Pack, PackError, validate
from gravida.knowledge.schema import Source

# --- the loaded book ---------------------------------------------------------------------


@dataclass(frozen=True)
class Alias:
    text: str  # as written in the pack, for showing
    compact: str  # normalised, without spaces: what is compared
    tokens: int
    words: tuple[str, ...]
    digits: tuple[str, ...]
    medicine: str


@dataclass(frozen=True)
class MedicineBook:
    """medicines.yaml, validated, resolved (classes, combinations) and indexed for matching."""

    directory: Path
    data: MedicinesFile
    sources: dict[str, Source]
    weeks_lo: float
    weeks_hi: float
    entries: dict[str, Medicine]  # every medicine and every class, stages resolved
    suffixes: tuple[tuple[str, str], ...]  # (normalised INN stem, class id), longest first
    aliases: tuple[Alias, ...]
    compacts: tuple[str, ...]
    by_compact: dict[str, Alias]
    max_alias_tokens: int

    @property
    def medicines(self) -> dict[str, Medicine]:
        return self.entries

    @property
    def classes(self) -> dict[str, MedicineClass]:
        return self.data.classes

    @property
    def words(self) -> Words:
        return self.data.words


_DIGITS = re.compile(r"\d+")
_UNIT = re.compile(r"(\d+)\s+(mg|mcg|g|ml|iu|мг|мкг|г|мл)(?!\w)")


def tokens(text: str) -> list[str]:
    """Lower-case words of letters and digits (any script); "500 mg" becomes "500mg"."""
    t = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    t = "".join(ch if ch.isalnum() else " " for ch in t)
    t = _UNIT.sub(r"\1\2", t)
    return t.split()


def stage_at(med: Medicine, weeks: float | None) -> Stage:
    """The stage in force at ``weeks``; with no weeks, the one that needs most care."""
    if weeks is None:
        return max(med.stages, key=lambda s: SEVERITY[s.verdict])  # first of the worst
    for st in med.stages:
        if st.weeks[0] <= weeks < st.weeks[1]:
            return st
    return med.stages[-1]  # unreachable once the pack is validated; safest is the last


def join_and(items: Sequence[str], words: Words) -> str:
    """"a", "a and b", "a, b and c": a list as a person writes it."""
    if len(items) <= 1:
        return "".join(items)
    return words.list_and.format(first=", ".join(items[:-1]), last=items[-1])


# --- checks --------------------------------------------------------------------------------


def _check_stages(where: str, stages: list[Stage], sources: dict[str, Source],
                  lo: float, hi: float) -> None:
    prev_end = lo
    for i, st in enumerate(stages):
        start, end = st.weeks
        if not start < end:
            raise PackError(FILE, f"{where}.stages[{i}]", f"weeks {list(st.weeks)} is empty")
        if start != prev_end:
            problem = "overlaps the stage before" if start < prev_end else "leaves a gap"
            raise PackError(
                FILE, f"{where}.stages[{i}]",
                f"weeks {list(st.weeks)} {problem} (expected to start at {weeks_text(prev_end)})",
            )
        prev_end = end
        check_sources(st.sources, sources, FILE, f"{where}.stages[{i}]")
    if prev_end <= hi:
        raise PackError(
            FILE, f"{where}.stages",
            f"weeks end at {weeks_text(prev_end)}; they must cover up to week {weeks_text(hi)}",
        )


def _check_parts(where: str, med: Medicine, sources: dict[str, Source]) -> None:
    if med.dose is not None:
        check_sources(med.dose.sources, sources, FILE, f"{where}.dose")
    if med.note is not None:
        check_sources(med.note.sources, sources, FILE, f"{where}.note")


def _never_milder(where: str, med: Medicine, ref: Medicine, what: str) -> None:
    """A medicine is never milder than its class, nor a combination than an ingredient."""
    for w in sorted({st.weeks[0] for st in (*med.stages, *ref.stages)}):
        mine, theirs = stage_at(med, w), stage_at(ref, w)
        if SEVERITY[mine.verdict] < SEVERITY[theirs.verdict]:
            raise PackError(
                FILE, f"{where}.stages",
                f"{mine.verdict} at {weeks_text(w)} weeks is milder than {what} "
                f"({theirs.verdict})",
            )


def _check_templates(words: Words) -> None:
    """A template with a wrong placeholder must fail at load, not in front of a user."""
    samples: dict[str, dict[str, str]] = {
        "at_weeks": {"weeks": "1"},
        "several": {"others": "x"},
        "fuzzy": {"query": "x", "alias": "y"},
        "by_class": {"word": "x", "group": "y"},
        "combination": {"ingredients": "x", "worst": "y"},
        "list_and": {"first": "x", "last": "y"},
        "ingredients": {"ingredients": "x"},
        "range_before": {"end": "1"},
        "range_from": {"start": "1"},
        "range_between": {"start": "1", "end": "2"},
    }
    for name, kwargs in samples.items():
        try:
            getattr(words, name).format(**kwargs)
        except (KeyError, IndexError, ValueError) as exc:
            raise PackError(FILE, f"words.{name}", f"bad placeholder: {exc}") from None
    missing = set(SEVERITY) | {"unknown"}
    missing -= set(words.verdicts)
    if missing:
        raise PackError(FILE, "words.verdicts", f"missing words for {sorted(missing)}")


# --- resolution ------------------------------------------------------------------------------


def _with_class(mid: str, med: Medicine, classes: dict[str, MedicineClass]) -> Medicine:
    """A class member without stages of its own (and no ingredients) takes the class's."""
    where = f"medicines.{mid}"
    if med.group is None:
        if not med.stages and not med.ingredients:
            raise PackError(FILE, f"{where}.stages", "needs stages, a class or ingredients")
        return med
    group = classes.get(med.group)
    if group is None:
        raise PackError(FILE, f"{where}.class",
                        f"unknown class {med.group!r} (known: {sorted(classes)})")
    if med.stages or med.ingredients:
        return med
    return med.model_copy(update={"stages": list(group.stages)})


def _combined(mid: str, med: Medicine, base: dict[str, Medicine], words: Words) -> Medicine:
    """A combination's stages: week by week, those of the ingredient that needs most care."""
    where = f"medicines.{mid}.ingredients"
    if len(med.ingredients) < 2 or len(set(med.ingredients)) != len(med.ingredients):
        raise PackError(FILE, where, "a combination names two or more different ingredients")
    parts: list[tuple[str, Medicine]] = []
    for iid in med.ingredients:
        part = base.get(iid)
        if part is None:
            raise PackError(FILE, where, f"{iid!r} is not a medicine of this file")
        if part.ingredients:
            raise PackError(FILE, where, f"{iid!r} is itself a combination; name its ingredients")
        parts.append((iid, part))
    if med.stages:
        for iid, part in parts:
            _never_milder(f"medicines.{mid}", med, part, f"its ingredient {iid!r}")
        return med
    named = join_and([p.inn for _, p in parts], words)
    cuts = sorted({st.weeks[0] for _, p in parts for st in p.stages})
    end = max(p.stages[-1].weeks[1] for _, p in parts)
    stages: list[Stage] = []
    last: tuple[str, Stage] | None = None
    for start, stop in zip(cuts, [*cuts[1:], end], strict=True):
        iid, part, stage = max(((i, p, stage_at(p, start)) for i, p in parts),
                               key=lambda x: SEVERITY[x[2].verdict])  # first of the worst
        if last is not None and last == (iid, stage):
            stages[-1] = stages[-1].model_copy(update={"weeks": (stages[-1].weeks[0], stop)})
            continue
        lead = words.combination.format(ingredients=named, worst=part.inn)
        stages.append(Stage(weeks=(start, stop), verdict=stage.verdict,
                            reason=f"{lead} {stage.reason}", sources=list(stage.sources)))
        last = (iid, stage)
    return med.model_copy(update={"stages": stages})


def _index(entries: dict[str, Medicine]) -> tuple[list[Alias], dict[str, Alias]]:
    aliases: list[Alias] = []
    by_compact: dict[str, Alias] = {}
    for mid, med in entries.items():
        for text in [med.inn, med.name, mid, *med.aliases]:
            toks = tokens(text)
            compact = "".join(toks)
            if not compact:
                raise PackError(FILE, f"medicines.{mid}.aliases", f"alias {text!r} has no letters")
            seen = by_compact.get(compact)
            if seen is not None:
                if seen.medicine != mid:
                    raise PackError(
                        FILE, f"medicines.{mid}.aliases",
                        f"alias {text!r} also names {seen.medicine!r}",
                    )
                continue
            alias = Alias(
                text, compact, len(toks), tuple(toks), tuple(_DIGITS.findall(compact)), mid
            )
            by_compact[compact] = alias
            aliases.append(alias)
    return aliases, by_compact


def _suffixes(classes: dict[str, MedicineClass],
              sources: dict[str, Source]) -> tuple[tuple[str, str], ...]:
    found: dict[str, str] = {}
    for cid, group in classes.items():
        if group.suffixes:
            check_sources(group.suffix_sources, sources, FILE, f"classes.{cid}.suffix_sources")
        for s in group.suffixes:
            stem = "".join(tokens(s))
            if not stem.isalpha():
                raise PackError(FILE, f"classes.{cid}.suffixes", f"{s!r} is not a word ending")
            if found.get(stem, cid) != cid:
                raise PackError(FILE, f"classes.{cid}.suffixes",
                                f"{s!r} is also a suffix of {found[stem]!r}")
            found[stem] = cid
    return tuple(sorted(found.items(), key=lambda x: (-len(x[0]), x[0])))


def _load(pack: Pack) -> MedicineBook:
    data = validate(MedicinesFile, pack.read(FILE), FILE)
    sources = pack.sources
    lo, hi = pack.weeks_range
    _check_templates(data.words)
    entries: dict[str, Medicine] = {}
    for cid, group in data.classes.items():
        if cid in data.medicines:
            raise PackError(FILE, f"classes.{cid}", "a class and a medicine share this id")
        if group.group is not None or group.ingredients or not group.stages:
            raise PackError(FILE, f"classes.{cid}",
                            "a class has stages of its own, no class and no ingredients")
        entries[cid] = group
    base = {mid: _with_class(mid, med, data.classes) for mid, med in data.medicines.items()}
    for mid, med in base.items():
        entries[mid] = _combined(mid, med, base, data.words) if med.ingredients else med
    for mid, med in entries.items():
        where = f"classes.{mid}" if mid in data.classes else f"medicines.{mid}"
        _check_stages(where, med.stages, sources, lo, hi)
        _check_parts(where, med, sources)
        if med.group is not None:
            _never_milder(where, med, data.classes[med.group], f"its class {med.group!r}")
    aliases, by_compact = _index(entries)
    return MedicineBook(
        directory=pack.directory,
        data=data,
        sources=sources,
        weeks_lo=lo,
        weeks_hi=hi,
        entries=entries,
        suffixes=_suffixes(data.classes, sources),
        aliases=tuple(aliases),
        compacts=tuple(a.compact for a in aliases),
        by_compact=by_compact,
        max_alias_tokens=max(a.tokens for a in aliases),
    )


def load_medicines(pack: PackRef = None, lang: str | None = None) -> MedicineBook:
    """The medicine book of a pack (or pack directory), in ``lang`` (default: the pack's).

    Built once per loaded Pack (its memo); see ``as_pack`` for directories.
    """
    return as_pack(pack, lang).memo(_load)
