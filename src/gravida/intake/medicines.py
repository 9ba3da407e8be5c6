"""Medicine names in her text, found through the pack's medicine list.

"I'm on Fragmin", "took two Nurofen", "no-spa didn't help": the names and
aliases of ``medicines.yaml`` (Latin and Cyrillic, brand and generic) are
matched as whole words on the tokens of her text, so the medicine check can
be offered for them and a name is never read as a symptom (the spelling reader
knows every one of these words). What a medicine implies about her (long-term
heparin is a risk for osteoporosis) is in the phrase lists, as any other
finding's wording. Intake reads the list from the knowledge pack itself; it
does not use the advice layer that judges the medicines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from gravida.intake import context as ctx
from gravida.intake.text import normalise


@dataclass(frozen=True)
class NamedMedicine:
    """A medicine named in her text: the list's id, its name, and her words."""

    medicine: str
    name: str
    start: int
    end: int
    text: str
    # negated ("not taking nurofen"), uncertain, someone else's or hypothetical
    flags: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "medicine": self.medicine,
            "name": self.name,
            "span": [self.start, self.end],
            "text": self.text,
            "flags": list(self.flags),
        }


@dataclass
class MedicineMatcher:
    matcher: PhraseMatcher
    names: dict[str, str]  # id -> display name


def medicine_matcher(nlp: Language, raw: Any) -> MedicineMatcher | None:
    """A phrase matcher over every name and alias of ``medicines.yaml``."""
    entries = (raw or {}).get("medicines") if isinstance(raw, dict) else None
    if not isinstance(entries, dict):
        return None
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    names: dict[str, str] = {}
    for mid, entry in entries.items():
        if not isinstance(entry, dict):
            continue
        names[str(mid)] = str(entry.get("name") or mid)
        aliases = {entry.get("inn"), entry.get("name"), *(entry.get("aliases") or [])}
        docs = [nlp.make_doc(normalise(a)) for a in aliases if isinstance(a, str) and a.strip()]
        matcher.add(str(mid), docs)
    return MedicineMatcher(matcher, names)


def medicine_spans(doc: Doc, found: MedicineMatcher | None) -> list[tuple[str, int, int]]:
    """(id, first token, end token) of every medicine named, longest name first where
    names overlap ("nurofen gel"). Their words are a name, not triggers: the "No" of
    "No-Spa" negates nothing."""
    if found is None or not len(doc):
        return []
    hits = sorted(found.matcher(doc), key=lambda h: (h[1], -(h[2] - h[1])))
    out: list[tuple[str, int, int]] = []
    taken_until = -1
    for match_id, start, end in hits:
        if start >= taken_until:
            taken_until = end
            out.append((doc.vocab.strings[match_id], start, end))
    return out


def find_medicines(
    doc: Doc,
    found: MedicineMatcher | None,
    spans: list[tuple[str, int, int]],
    scopes: Sequence[ctx.Scope],
    text: str,
) -> list[NamedMedicine]:
    """The medicines named, each with what modifies it (negated, someone else's...)."""
    names = found.names if found is not None else {}
    out: list[NamedMedicine] = []
    for mid, start, end in spans:
        span = doc[start:end]
        flags = tuple(
            sorted({s.trigger.category for s in ctx.modifiers_of(start, end, scopes)})
        )
        out.append(
            NamedMedicine(
                mid, names.get(mid, mid), span.start_char, span.end_char,
                text[span.start_char : span.end_char], flags,
            )
        )
    return out
