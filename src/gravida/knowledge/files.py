"""Reading pack files: one YAML file, its texts in a language, validated against a schema.

Every reader of the pack goes through these, so a missing, unparsable or
ill-shaped file is always a ``PackError`` naming the file and the entry.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from gravida.knowledge import i18n
from gravida.knowledge.errors import PackError

if TYPE_CHECKING:
    from gravida.knowledge.overlays import Overlays

M = TypeVar("M", bound=BaseModel)


def default_pack_dir() -> Path:
    return Path(str(resources.files("gravida.knowledge") / "pack"))


def read_yaml(directory: Path, name: str) -> Any:
    """Read one pack file; a missing or unparsable file is a PackError."""
    return i18n.read_file(directory / name, name)


def read_text_yaml(texts: Overlays, name: str, lang: str) -> Any:
    """Read one pack file with its texts in ``lang`` (the overlay of pack/i18n/<lang>/)."""
    return texts.localise(read_yaml(texts.directory, name), name, lang)


def validate(model: type[M], data: Any, file: str) -> M:
    """Validate a file's data, turning pydantic's report into a PackError."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        entry = ".".join(str(x) for x in first["loc"]) or "-"
        raise PackError(file, entry, first["msg"]) from None
