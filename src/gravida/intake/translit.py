"""Text typed in Latin letters for a language written in another script.

Women write Russian on a Latin keyboard ("srok 30 nedel, noet pojasnica k
vecheru"). The ``transliterate`` library turns such words back into Cyrillic
(its reversed scheme for the language); the phrase file's ``latin_typing``
names the scheme and the few informal spellings to settle first ("ya" for
"я", "shch" for "щ", "'" for "ь"), which the library reads otherwise. Words
are converted one by one, so every position of the new text maps back to
her own words and every span still points into what she wrote.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

# Latin letters, with the accented ones of scholarly spellings ("poležu")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f']*")


@dataclass(frozen=True)
class Retyped:
    """The text in the language's own script, and where each position came from."""

    text: str
    back: tuple[int, ...]  # one entry per position of ``text`` and one for its end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span of ``text`` as the span of the original it was made from."""
        return self.back[start], self.back[end]


@lru_cache(maxsize=8)
def _scheme(scheme: str) -> Callable[[str], str]:
    """The library's function for one scheme, made once: ``transliterate.translit``
    builds the scheme's tables again for every word it is given."""
    from transliterate.utils import get_translit_function

    return get_translit_function(scheme)  # type: ignore[no-any-return]


def _word(word: str, scheme: str, before: Sequence[tuple[str, str]]) -> str:
    low = word.lower()
    for latin, native in before:
        low = low.replace(latin, native)
    out = str(_scheme(scheme)(low))
    return out if word.islower() else out[:1].upper() + out[1:]


def retype(text: str, scheme: str, before: Sequence[tuple[str, str]]) -> Retyped:
    """Every Latin word of ``text`` in the scheme's script; everything else as it is."""
    parts: list[str] = []
    back: list[int] = []
    pos = 0
    for m in _LATIN_WORD.finditer(text):
        a, b = m.span()
        parts.append(text[pos:a])
        back.extend(range(pos, a))
        new = _word(m.group(0), scheme, before)
        parts.append(new)
        back.extend(min(a + k, b - 1) for k in range(len(new)))
        pos = b
    parts.append(text[pos:])
    back.extend(range(pos, len(text)))
    back.append(len(text))
    return Retyped("".join(parts), tuple(back))
