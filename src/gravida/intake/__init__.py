"""Free-text intake: read a woman's own description into a case with evidence.

One pipeline for every language; a language is a phrase file in the pack
(``phrases/<code>.yaml``).
"""

from gravida.intake.evidence import ParseResult, TextEvidence
from gravida.intake.lexicon import DEFAULT_LANGUAGE, languages, lexicon_for
from gravida.intake.parse import parse_text
from gravida.intake.score import narrative_metrics

__all__ = [
    "DEFAULT_LANGUAGE",
    "ParseResult",
    "TextEvidence",
    "languages",
    "lexicon_for",
    "narrative_metrics",
    "parse_text",
]
