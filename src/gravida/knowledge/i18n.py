"""Languages: which the pack speaks, and the interface's gettext messages.

Clinical text (question wording, labels, advice, work-up, medicine verdicts...)
lives in the knowledge pack, English in the pack files themselves and every
other language as an overlay of those files (``overlays.py``). The languages
are listed in ``pack/i18n/languages.yaml``; a loaded pack keeps them
(``Pack.languages``), and ``negotiate`` picks one from an Accept-Language header.

Interface strings (web pages, CLI output, API problem details) are gettext
messages, extracted with Babel into ``gravida/locale`` (docs/i18n.md).
"""

from __future__ import annotations

import gettext as _gettext
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from gravida.knowledge.errors import PackError
from gravida.knowledge.yamlio import load_strict

if TYPE_CHECKING:
    from babel.numbers import NumberPattern

DEFAULT_LANGUAGE = "en"
I18N_DIR = "i18n"
DOMAIN = "gravida"

class LanguageError(ValueError):
    """A language Gravida does not speak (names the language and those it does)."""

    def __init__(self, lang: str, known: Sequence[str]) -> None:
        self.lang, self.known = lang, tuple(known)
        super().__init__(f"unknown language {lang!r}; use one of: {', '.join(known)}")


def parse_yaml(text: str) -> Any:
    """``yaml.safe_load`` of a pack file's text (C parser where there is one), but a key
    repeated within one mapping is an error instead of silently replacing the first."""
    return load_strict(text)


def read_file(path: Path, name: str) -> Any:
    """One pack file's data; a missing or unparsable file is a PackError naming ``name``."""
    try:
        return parse_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PackError(name, "-", "file is missing") from None
    except yaml.YAMLError as exc:
        raise PackError(name, "-", f"not valid YAML: {exc}") from None


def read_languages(directory: Path) -> dict[str, str]:
    """The languages of a pack directory (``pack/i18n/languages.yaml``), read afresh."""
    path = directory / I18N_DIR / "languages.yaml"
    if not path.exists():
        return {DEFAULT_LANGUAGE: "English"}
    raw = read_file(path, f"{I18N_DIR}/languages.yaml") or {}
    langs = raw.get("languages") if isinstance(raw, dict) else None
    if not isinstance(langs, dict) or DEFAULT_LANGUAGE not in langs:
        raise PackError(f"{I18N_DIR}/languages.yaml", "languages",
                          f"a mapping of language codes to names, with {DEFAULT_LANGUAGE!r}")
    return {str(k): str(v) for k, v in langs.items()}


def _default_dir() -> Path:
    return Path(str(resources.files("gravida.knowledge") / "pack"))


def languages(directory: Path | None = None) -> dict[str, str]:
    """The languages of a pack directory (the packaged one by default), read afresh:
    code -> its own name ("ru" -> "Русский"), English first. A loaded pack keeps
    its own (``Pack.languages``); this is for what runs before or without one."""
    return read_languages((directory or _default_dir()).resolve())


def check_language(lang: str, known: Iterable[str]) -> str:
    """``lang`` if it is one of the ``known`` languages, else a LanguageError."""
    known = list(known)
    if lang not in known:
        raise LanguageError(lang, known)
    return lang


def negotiate(accept_language: str | None, known: Iterable[str]) -> str | None:
    """The best language of an ``Accept-Language`` header among ``known``, or None.

    Quality values are honoured; a region ("ru-RU") matches its language ("ru").
    """
    if not accept_language:
        return None
    known = set(known)
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        m = re.search(r"q\s*=\s*([0-9.]+)", params)
        if m:
            try:
                q = float(m.group(1))
            except ValueError:
                q = 0.0
        code = tag.strip().lower().split("-")[0]
        if code and q > 0:
            ranked.append((-q, i, code))
    for _, _, code in sorted(ranked):
        if code in known:
            return code
    return None


# --- interface messages (gettext) ------------------------------------------------
#
# Interface code marks its words with ``_("...")`` (or ``N_`` where the words are
# defined before the language is known). The language is the current context's:
# the CLI sets it once from --lang / GRAVIDA_LANG, the API and web per request,
# so a service error raised deep down speaks the caller's language.

_current: ContextVar[str] = ContextVar("gravida_language", default=DEFAULT_LANGUAGE)


def locale_dir() -> Path:
    return Path(str(resources.files("gravida") / "locale"))


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The gettext catalog of ``lang`` (English: the messages themselves)."""
    if lang == DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, locale_dir(), languages=[lang], fallback=False)


def current() -> str:
    """The language of the current context (request, command)."""
    return _current.get()


def set_language(lang: str) -> None:
    """Make ``lang`` the language of the current context (and the tasks it starts)."""
    _current.set(lang)


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Speak ``lang`` inside the block, then go back to the previous language."""
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def _(message: str) -> str:
    """``message`` in the current language."""
    return translations(_current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural of a message for ``n``, in the current language."""
    return translations(_current.get()).ngettext(singular, plural, n)


def percent(p: float, decimals: int = 0, lang: str | None = None) -> str:
    """``p`` (0..1) as a percentage written the language's way ("42%", "42 %",
    "99,4 %"), by Babel's locale data: the sign and the decimal mark are not English
    in every language.

    Babel's formatting costs about 12 µs a call (it parses the locale and the
    pattern each time) and a full result writes twenty percentages, so the value
    is rounded here exactly as Babel rounds it (the pattern's scale, then its
    fraction digits, half to even) and the text of each rounded value is kept: a
    few hundred distinct texts per language."""
    code = lang or _current.get()
    pattern = _percent_pattern(code, decimals)
    value = Decimal(str(p)).scaleb(pattern.scale)
    if not value.is_finite():
        return str(pattern.apply(p, code))
    rounded = value.quantize(Decimal(1).scaleb(-pattern.frac_prec[1]))
    return _percent_text(rounded, rounded.is_signed(), code, decimals)


@cache
def _percent_pattern(code: str, decimals: int) -> NumberPattern:
    from babel import Locale
    from babel.numbers import parse_pattern

    pattern = Locale.parse(code).percent_formats[None].pattern
    if decimals:
        pattern = pattern.replace("0", "0." + "0" * decimals, 1) if "." not in pattern else pattern
    return parse_pattern(pattern)


@lru_cache(maxsize=4096)
def _percent_text(rounded: Decimal, signed: bool, code: str, decimals: int) -> str:
    # signed: a key of its own, as -0 and 0 are equal Decimals but Babel writes "-0%"
    pattern = _percent_pattern(code, decimals)
    return str(pattern.apply(rounded.scaleb(-pattern.scale), code))


def say(lang: str, message: str) -> str:
    """``message`` in ``lang``: for words built with a pack, which knows its language."""
    return translations(lang).gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it yet."""
    return message
