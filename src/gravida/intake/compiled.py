"""A compiled phrase file: the ``Lexicon`` one language reads with, and its rules.

``lexicon.py`` builds it from the pack (checking every entry); the intake's
readers only use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from spacy.language import Language

from gravida.intake.about import About, Questions
from gravida.intake.anchored import AnchoredMatcher
from gravida.intake.frames import FrameRule
from gravida.intake.rules import AloneRule, NearRule, NumberRule, WideRangeRule
from gravida.intake.spelling import Speller
from gravida.intake.vague import VagueRule

if TYPE_CHECKING:
    from gravida.intake.medicines import MedicineMatcher

Direction = Literal["forward", "backward", "bidirectional"]
CATEGORIES: tuple[str, ...] = ("negation", "uncertainty", "family", "historical", "hypothetical")
# optional categories: a language's file may leave them out
# ("resolved": a symptom she says she got over, "fine since": not hers now when
# stated, while a denial under it stands)
OPTIONAL_CATEGORIES: tuple[str, ...] = ("current", "resolved")
DIRECTIONS: tuple[Direction, ...] = ("forward", "backward", "bidirectional")
POLARITIES: tuple[str, ...] = (
    "present",
    "absent",
    "absent_if_negated",
    "present_only",
    "present_if_negated",
    "absent_only",
    "present_loose",
    "present_cued",
)


@dataclass(frozen=True)
class TargetRule:
    """One phrase pattern that names a finding with a polarity."""

    finding: str
    polarity: str
    pattern: str


@dataclass(frozen=True)
class ModifierRule:
    category: str
    direction: Direction
    pattern: str
    max_scope: int


@dataclass
class Lexicon:
    """One language's compiled phrases: spaCy pipeline, matchers and the rules behind
    each key."""

    language: str
    nlp: Language
    targets: AnchoredMatcher
    modifiers: AnchoredMatcher
    target_rules: dict[str, TargetRule]
    modifier_rules: dict[str, ModifierRule]
    terminators: set[str]
    pseudo: set[str]
    family_breakers: set[str]
    history_findings: frozenset[str]
    # what happened to her (a fall, a faint, a bleed, her waters): "but I'm fine
    # now" after it does not take it back (phrase file key ``event``), unless the
    # words of getting over it match the finding's pattern ("none since")
    event_findings: dict[str, re.Pattern[str] | None]
    booleans: frozenset[str]
    boolean_order: tuple[str, ...]
    numbers: frozenset[str]
    number_ranges: dict[str, tuple[float, float]]
    number_rules: list[NumberRule]
    number_words: dict[str, int]
    all_number_words: dict[str, int]
    cues: dict[str, re.Pattern[str]]
    conversions: dict[str, float]
    months_to_weeks: float
    trimester_weeks: dict[str, float]
    # a month's name in a date ("3 March", «3 марта») -> its number (kind due_date)
    month_names: dict[str, int]
    duration: dict[str, Any]
    max_chars: int
    gaps: dict[str, frozenset[int]] = field(default_factory=dict)
    # a sign read after a text whose last clause has no end typed (``end_mark``,
    # optional): a pattern that names it may end there ("…, сейчас нет")
    end_mark: str = ""
    # her weeks as a range ("28-29 weeks", «30-31 неделя»): the text just before a
    # week's number that names the range's first week (group ``low``, searched as
    # ``(?:regex)\Z``); the completed weeks are that first one (optional)
    weeks_range: re.Pattern[str] | None = None
    # (if, then, soft): a soft implication gives way to "then" stated absent
    implies: list[tuple[str, str, bool]] = field(default_factory=list)
    number_maps: list[dict[str, Any]] = field(default_factory=list)
    near_rules: list[NearRule] = field(default_factory=list)
    alone_rules: list[AloneRule] = field(default_factory=list)
    # a place said loosely yields to a more specific one (vague.py)
    vague_rules: list[VagueRule] = field(default_factory=list)
    wide_ranges: list[WideRangeRule] = field(default_factory=list)
    # what ends backward scopes only (Russian: a comma; "температуры нет")
    backward_breakers: set[str] = field(default_factory=set)
    # a mention with a verb of its own (regex on the word as typed) is a clause of
    # its own: these negation words do not reach it ("болит спина и температуры нет")
    own_clause: re.Pattern[str] | None = None
    own_clause_not_by: frozenset[str] = frozenset()
    # negative concord (context.concord): these negation words ("ни") echo a negation
    # word of the mention's own ("ни лёжа, ни сидя не отпускает"), not deny it again
    concord: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    # a backward negation over a list of bare items of at most this many words
    # ("озноба, тошноты нет"); 0: a comma always ends it (context.backward_lists)
    backward_lists: int = 0
    # ...whose items can be read in one of these grammemes (the normaliser's:
    # Russian names what "нет" denies in the genitive); empty: any item
    backward_list_case: frozenset[str] = frozenset()
    # ...and an item longer than that, of at most this many words, whose first word
    # reads in that case and never in one of ``backward_list_head_never`` (a subject:
    # "мушек перед глазами, болей в эпигастрии нет"; not "Боли внизу живота, крови
    # нет"); 0: none longer (context.backward_list_head: {words, never})
    backward_list_head_words: int = 0
    backward_list_head_never: frozenset[str] = frozenset()
    # ...but after a trigger of one of these lemmas, every word of an item must be
    # readable in that trigger's grammemes ("головную боль, мелькание мушек
    # отрицает": a note's verb names what it denies in the accusative)
    backward_list_case_after: dict[str, frozenset[str]] = field(default_factory=dict)
    # pattern positions of ^words: needed, but not the finding's own words
    marks: dict[str, frozenset[int]] = field(default_factory=dict)
    # lemmas come from the pipeline's normaliser (match: lemma); otherwise each
    # token's lemma is its lower case, spelling slips read by the speller
    lemmas: bool = False
    speller: Speller | None = None
    # findings whose words count even inside another finding's phrase ("my back
    # *aches*": a place and a kind of pain)
    inside_others: frozenset[str] = frozenset()
    # number findings whose highest stated value counts (numbers.prefer_highest)
    prefer_highest: frozenset[str] = frozenset()
    # frames (frames.py): the parts' patterns in one matcher, each key's part
    # name and pattern text, and the findings' frame rules
    frame_parts: AnchoredMatcher | None = None
    frame_keys: dict[str, tuple[str, str]] = field(default_factory=dict)
    frame_rules: list[FrameRule] = field(default_factory=list)
    # a finding's loose denial ("no blood", present_loose or absent_if_negated
    # denied) with one of these words within so many tokens in its sentence is
    # about that other place ("peeing without pain, no blood at all")
    elsewhere: dict[str, About] = field(default_factory=dict)
    # ...and with one of these, even a stated mention ("I cut my finger and it bled")
    elsewhere_stated: dict[str, About] = field(default_factory=dict)
    # a finding's subject: its present_cued patterns count only beside one of these
    # words (about.py: "regularly" of tightenings, not of paracetamol)
    cues_of: dict[str, About] = field(default_factory=dict)
    # questions she asks: the urgent findings they name are left to the interview
    questions: Questions | None = None
    medicines: MedicineMatcher | None = None  # the pack's medicine names
