"""Why a mention in her text was not taken as a finding of hers now, in her language.

The reader keeps every mention it found, with flags saying what the words
around it did ("family": said of her mother; "uncertain": "вроде"). Flags are
for programs; people read these reasons instead: `gravida parse`, the API's
parse evidence and "What we understood" show them in the caller's language.
"""

from __future__ import annotations

from collections.abc import Iterable

from gravida.knowledge.i18n import N_, current, say

# flag -> the reason a person reads (gettext msgids; `make messages` extracts them)
REASONS = {
    "family": N_("said of someone else"),
    "historical": N_("in the past, not now"),
    "uncertain": N_("said with doubt"),
    "hypothetical": N_("a possibility or a question, not a fact"),
    "negated": N_("denied"),
    "loose": N_("a loose word: an explicit denial in the text wins"),
    "about_cue": N_("read as part of another finding"),
    "not_chosen": N_("another number was taken"),
}
OTHERWISE = N_("changed by the words around it")


def reason(flags: Iterable[str], lang: str | None = None) -> str:
    """The reasons of a mention's flags, one per kind of flag, in ``lang`` (by default
    the current context's language)."""
    code = lang or current()
    out = [say(code, REASONS[f]) for f in dict.fromkeys(flags) if f in REASONS]
    return "; ".join(out) if out else say(code, OTHERWISE)
