"""The pack's clinical text in each language: overlays of the English files.

English is written in the pack files themselves; every other language is an
*overlay*: ``pack/i18n/<lang>/<file>`` mirrors the English file but holds only
its text, keyed the same way (list entries that have an ``id`` are keyed by
it; other lists are positional). Which fields are text is declared once, in
``pack/i18n/fields.yaml``. Loading a file in a language merges the overlay over
the English, so every reader of the pack (engine labels, interview, plan,
work-up, medicines) speaks that language without a line of language-specific
code: a third language is a directory of translations and one line in
``pack/i18n/languages.yaml``.

An overlay is checked whole when its language is loaded: a missing text, a
field that is not text, or a ``{placeholder}`` that differs from the English
fails with a PackError naming file and entry. A text whose English entry does
not exist is kept aside (``stale_texts`` lists them), so a translation may land
before its English. A loaded pack reads its overlays through its ``Overlays``
(``Pack.texts``), each file once.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from gravida.knowledge.errors import PackError
from gravida.knowledge.files import default_pack_dir
from gravida.knowledge.i18n import DEFAULT_LANGUAGE, I18N_DIR, read_file, read_languages
from gravida.knowledge.memo import Memo

Address = tuple[str | int, ...]


# --- which fields are text --------------------------------------------------------


def _read_fields(directory: Path) -> dict[str, tuple[tuple[str, ...], ...]]:
    name = f"{I18N_DIR}/fields.yaml"
    path = directory / I18N_DIR / "fields.yaml"
    if not path.exists():
        return {}
    raw = read_file(path, name) or {}
    if not isinstance(raw, dict):
        raise PackError(name, "-", "expected a mapping of pack file -> text paths")
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for file, paths in raw.items():
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise PackError(name, str(file), "expected a list of dotted paths")
        out[str(file)] = tuple(tuple(p.split(".")) for p in paths)
    return out


def text_files(directory: Path | None = None) -> list[str]:
    """The pack files that hold text for people (and so have an overlay per language)."""
    return list(_read_fields((directory or default_pack_dir()).resolve()))


def _key(item: Any, index: int) -> str | int:
    """How a list entry is addressed: its ``id`` when it has one, else its position."""
    if isinstance(item, Mapping) and isinstance(item.get("id"), str):
        return str(item["id"])
    return index


def _items(node: Any) -> Iterator[tuple[str | int, Any]]:
    if isinstance(node, Mapping):
        for k, v in node.items():
            yield str(k), v
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield _key(v, i), v


def texts(data: Any, paths: Sequence[tuple[str, ...]]) -> Iterator[tuple[Address, str]]:
    """Every text of ``data`` at ``paths`` ("*" matches every key or list entry)."""

    def walk(node: Any, path: tuple[str, ...], at: Address) -> Iterator[tuple[Address, str]]:
        if not path:
            if isinstance(node, str):
                yield at, node
            elif isinstance(node, Mapping | list):  # a whole block of text (e.g. words)
                for k, v in _items(node):
                    yield from walk(v, (), (*at, k))
            return
        head, rest = path[0], path[1:]
        if head == "*":
            for k, v in _items(node):
                yield from walk(v, rest, (*at, k))
        elif isinstance(node, Mapping) and head in node:
            yield from walk(node[head], rest, (*at, head))

    seen: set[Address] = set()
    for p in paths:
        for at, text in walk(data, p, ()):
            if at not in seen:
                seen.add(at)
                yield at, text


def _lookup(overlay: Any, at: Address) -> Any:
    node = overlay
    for k in at:
        if isinstance(node, Mapping):
            if k not in node and isinstance(k, int):
                return None
            node = node.get(k) if k in node else node.get(str(k))
        elif isinstance(node, list) and isinstance(k, int) and 0 <= k < len(node):
            node = node[k]
        else:
            return None
        if node is None:
            return None
    return node


def _replace(data: Any, at: Address, text: str) -> Any:
    """A copy of ``data`` with the string at ``at`` replaced (shared YAML anchors untouched)."""
    if not at:
        return text
    head, rest = at[0], at[1:]
    if isinstance(data, Mapping):
        copy = dict(data)
        copy[head] = _replace(data[head], rest, text)
        return copy
    items = list(data)
    for i, item in enumerate(items):
        if _key(item, i) == head:
            items[i] = _replace(item, rest, text)
            return items
    raise KeyError(head)  # pragma: no cover - addresses come from the data itself


def _placeholders(text: str) -> set[str]:
    try:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}
    except ValueError:
        return set()


def where(at: Address) -> str:
    return ".".join(str(k) for k in at)


def _read_overlay(directory: Path, lang: str, name: str) -> Any:
    rel = f"{I18N_DIR}/{lang}/{name}"
    path = directory / I18N_DIR / lang / name
    if not path.exists():
        raise PackError(rel, "-", f"the {lang!r} translation of {name} is missing")
    return read_file(path, rel) or {}


class Overlays:
    """A pack directory's languages, text fields and overlays, each file read once.

    Held by the loaded Pack (``Pack.texts``) and shared by its languages, so it
    lives and dies with the pack like the rest of the pack's memo: a test's
    altered copy of the pack never sees the packaged pack's translations.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory.resolve()
        self._memo = Memo()

    @property
    def languages(self) -> dict[str, str]:
        """Code -> the language's own name ("ru" -> "Русский"), English first."""
        return dict(self._memo.get("languages", read_languages, self.directory))

    @property
    def fields(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """Pack file -> the paths of its texts (``pack/i18n/fields.yaml``)."""
        return self._memo.get("fields", _read_fields, self.directory)

    def overlay(self, lang: str, name: str) -> Any:
        """The texts of pack file ``name`` in ``lang`` (its overlay file, as read)."""
        return self._memo.get(("overlay", lang, name), _read_overlay, self.directory, lang, name)

    def localise(self, data: Any, name: str, lang: str) -> Any:
        """``data`` (English, as read from pack file ``name``) with the texts of ``lang``.

        Raises PackError naming the entry when a text is missing, its {placeholders}
        differ from the English, or the overlay has a field that is not text.
        """
        if lang == DEFAULT_LANGUAGE:
            return data
        paths = self.fields.get(name)
        if not paths:
            return data
        rel = f"{I18N_DIR}/{lang}/{name}"
        overlay = self.overlay(lang, name)
        out = data
        for at, english in texts(data, paths):
            if not english.strip():  # nothing to say (e.g. no button at a level that calls no one)
                continue
            text = _lookup(overlay, at)
            if not isinstance(text, str) or not text.strip():
                raise PackError(rel, where(at), f"no {lang!r} text (English: {english[:60]!r})")
            if _placeholders(text) != _placeholders(english):
                raise PackError(rel, where(at), "placeholders differ from the English: "
                                  f"{sorted(_placeholders(english))}")
            out = _replace(out, at, text.strip() if "\n" not in english else text)
        # A text for an entry the English does not have (yet) is kept aside, not an error:
        # translations may land before the English they belong to (stale_texts lists them).
        allowed = {at for at, _ in texts(overlay, paths)}
        for at, value in _leaves(overlay, ()):
            if at not in allowed:  # e.g. a comma splitting an unquoted {label: a, b}
                raise PackError(rel, where(at), f"not a text field of {name} ({value!r})")
        return out

    def stale_texts(self, lang: str) -> list[str]:
        """Overlay texts of ``lang`` whose English entry does not exist: "file: entry" each.

        Not an error (a translation may be written before its English lands), but
        worth a look: an entry renamed in English leaves its old translation here.
        """
        out: list[str] = []
        for name, paths in self.fields.items():
            english = {at for at, _ in texts(read_file(self.directory / name, name), paths)}
            out += [f"{I18N_DIR}/{lang}/{name}: {where(at)}"
                    for at, _ in texts(self.overlay(lang, name), paths) if at not in english]
        return out


def stale_texts(lang: str, directory: Path | None = None) -> list[str]:
    """``Overlays.stale_texts`` of a pack directory (the packaged one by default)."""
    return Overlays(directory or default_pack_dir()).stale_texts(lang)


def _leaves(node: Any, at: Address) -> Iterator[tuple[Address, Any]]:
    if isinstance(node, Mapping | list):
        for k, v in _items(node):
            yield from _leaves(v, (*at, k))
    else:
        yield at, node
