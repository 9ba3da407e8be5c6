"""Reading a JSON request body: one strict reading for every JSON endpoint.

Bodies are read as raw JSON (not by FastAPI's model binding) so that every
input error is reported by the service in the same problem format. The
reading refuses what a lenient parser would silently accept and a later
layer would choke on or misread:

- a content type other than JSON (415): a browser may send ``text/plain``
  cross-site without a preflight, JSON may not be;
- duplicate keys (``gestational_weeks`` twice would otherwise mean the last);
- lone UTF-16 surrogates (``"\\ud800"``), valid JSON escapes but not text:
  they cannot be encoded, stored or tokenised;
- NaN/Infinity constants, and integers too long to be a count.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request

from gravida.api.problems import ApiProblem, FieldError
from gravida.knowledge.i18n import N_

JSON_TYPES = ("application/json",)


def bad_json(detail: str, where: str = "body", **values: object) -> ApiProblem:
    """A 400 for a body that is not JSON; ``detail`` is a msgid (a template with values)."""
    error = FieldError.of(where, detail, (), **values) if values else FieldError(where, detail)
    return ApiProblem.of(400, "malformed-json", "Malformed JSON", detail, [error], None, values)


class _Duplicate(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _int(s: str) -> int | float:
    # Huge integers become floats (inf when too big), which every range check refuses.
    return int(s) if len(s) <= 18 else float(s)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise _Duplicate(k)
        out[k] = v
    return out


def _is_text(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _lone_surrogate(value: Any, path: str) -> str | None:
    """The path of the first key or string that is not encodable text, if any."""
    if isinstance(value, str):
        return None if _is_text(value) else path
    if isinstance(value, dict):
        for k, v in value.items():
            where = f"{path}.{k}" if path else k
            if not _is_text(k):
                return path or "body"
            found = _lone_surrogate(v, where)
            if found is not None:
                return found
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found = _lone_surrogate(v, f"{path}[{i}]")
            if found is not None:
                return found
    return None


def is_json_type(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media in JSON_TYPES or (media.startswith("application/") and media.endswith("+json"))


def parse_json(raw: bytes) -> Any:
    """The body as JSON; anything not strictly JSON text is a 400 problem saying where."""
    if not raw.strip():
        raise bad_json(N_("The request body is empty: send a JSON object."))
    try:
        value = json.loads(raw, parse_constant=_no_constant, parse_int=_int,
                           object_pairs_hook=_object)
    except _Duplicate as exc:
        raise bad_json(N_("The key %(key)s appears more than once in one object."),
                       exc.key if _is_text(exc.key) else "body",
                       key=repr(exc.key) if _is_text(exc.key) else "?") from None
    except json.JSONDecodeError as exc:
        # where, not the parser's English words for what
        raise bad_json(N_("The body is not valid JSON at line %(line)s column %(column)s."),
                       line=exc.lineno, column=exc.colno) from None
    except UnicodeDecodeError:
        raise bad_json(N_("The body is not UTF-8 text.")) from None
    except ValueError:  # NaN, Infinity: not JSON numbers
        raise bad_json(N_("The body is not valid JSON: NaN and Infinity are not JSON "
                          "numbers.")) from None
    except RecursionError:
        raise bad_json(N_("The body is nested too deeply.")) from None
    # A lone surrogate can only arrive as a \u escape (raw bytes must be UTF-8).
    if b"\\u" in raw or b"\\U" in raw:
        where = _lone_surrogate(value, "")
        if where is not None:
            raise bad_json(N_("The body contains a lone UTF-16 surrogate (\\ud800-\\udfff), "
                              "which is not text."), where or "body")
    return value


async def json_body(request: Request) -> Any:
    """The request body as JSON, after checking it was sent as JSON."""
    content_type = request.headers.get("content-type", "")
    if not is_json_type(content_type):
        raise ApiProblem(
            415, "unsupported-media-type", "Unsupported media type",
            "Send the body as JSON with Content-Type: application/json.",
            [FieldError.of("Content-Type", N_("is %(type)s, not application/json"),
                           type=content_type)] if content_type else
            [FieldError("Content-Type", N_("is missing, not application/json"))],
        )
    return parse_json(await request.body())
