"""Free-text intake: read a woman's own description into a case with evidence."""

from gravida.intake.lexicon import DirPack, PackLike, lexicon_for
from gravida.intake.parse import Evidence, ParseResult, parse_text
from gravida.intake.score import narrative_metrics

__all__ = [
    "DirPack",
    "Evidence",
    "PackLike",
    "ParseResult",
    "lexicon_for",
    "narrative_metrics",
    "parse_text",
]
