"""Reading vignette files: the standardised-patient cases the product is measured on."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


class VignetteFileError(ValueError):
    pass


@dataclass(frozen=True)
class Vignette:
    id: str
    case: dict[str, Any]
    expected_triage: str
    expected_condition: str
    also_acceptable: tuple[str, ...] = ()
    narrative: str = ""
    title: str = ""
    source_file: str = ""
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def acceptable(self) -> set[str]:
        return {self.expected_condition, *self.also_acceptable}


_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_vignettes(path: Path) -> list[Vignette]:
    """Read one file; a malformed file or entry is a VignetteFileError naming it."""
    try:
        # libyaml's parser where installed (the same data; a sixth of the time)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, UnicodeDecodeError) as exc:
        raise VignetteFileError(f"{path}: cannot read: {exc}") from None
    except yaml.YAMLError as exc:
        raise VignetteFileError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, list):
        raise VignetteFileError(f"{path}: expected a list of vignettes")
    out: list[Vignette] = []
    for n, v in enumerate(data):
        where = f"{path}: entry {n}"
        if not isinstance(v, dict):
            raise VignetteFileError(f"{where}: not a mapping")
        expect = v.get("expect")
        case = v.get("case")
        if not isinstance(expect, dict) or not isinstance(case, dict) or "id" not in v:
            raise VignetteFileError(f"{where}: needs id, case and expect")
        try:
            out.append(
                Vignette(
                    id=str(v["id"]),
                    case=case,
                    expected_triage=str(expect["triage"]),
                    expected_condition=str(expect["condition"]),
                    also_acceptable=tuple(expect.get("also_acceptable") or ()),
                    narrative=str(v.get("narrative") or ""),
                    title=str(v.get("title") or ""),
                    source_file=str(path),
                    raw=v,
                )
            )
        except KeyError as exc:
            raise VignetteFileError(f"{where}: expect needs {exc}") from None
    return out
