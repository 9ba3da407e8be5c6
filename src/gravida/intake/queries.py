"""A clinician's query mark stays with what it queries: "?SROM", "(?pyelo)".

In a note "?X" is a differential, a question the writer has not answered, and
the phrase file's uncertainty trigger (``/[?]/``) says so. spaCy's sentencizer,
though, ends a sentence at every "?", which would cut the mark off from the
word it qualifies and leave "SROM" read as a finding. A "?" glued to the word
after it, with a space or a bracket (or nothing) before it, is such a mark, so
the word after it does not start a new sentence. "Headache?no" (the mark glued
to the word before it) is her own question and answer and keeps its break.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

COMPONENT = "gravida_query_marks"


@Language.component(COMPONENT)
def join_query_marks(doc: Doc) -> Doc:
    """Unset the sentence start after a leading "?" glued to its word."""
    for i in range(1, len(doc)):
        mark = doc[i - 1]
        if mark.text != "?" or mark.whitespace_ or not doc[i].is_alpha:
            continue
        before = doc[i - 2] if i >= 2 else None
        if before is None or before.whitespace_ or before.is_punct:
            doc[i].is_sent_start = False
    return doc
