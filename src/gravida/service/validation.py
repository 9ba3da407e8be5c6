"""Pydantic's validation errors in words people read, in their language.

Pydantic describes a bad field in English ("Input should be a valid string").
The API's problem details show every field message in the caller's language,
so each kind of pydantic error (its ``type``) is given a message of ours,
marked for translation, with pydantic's values (a limit, the expected values)
kept as values. A kind not listed says only that the value is not valid.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from gravida.knowledge.i18n import N_
from gravida.service.errors import FieldError

# pydantic error type -> (message template, the ctx values it shows)
TEMPLATES: dict[str, tuple[str, tuple[str, ...]]] = {
    "missing": (N_("Field required"), ()),
    "extra_forbidden": (N_("is not a field of this request"), ()),
    "string_type": (N_("must be text"), ()),
    "string_unicode": (N_("must be text"), ()),
    "int_type": (N_("must be a whole number"), ()),
    "int_parsing": (N_("must be a whole number"), ()),
    "int_from_float": (N_("must be a whole number"), ()),
    "float_type": (N_("must be a number"), ()),
    "float_parsing": (N_("must be a number"), ()),
    "finite_number": (N_("must be a finite number"), ()),
    "decimal_type": (N_("must be a number"), ()),
    "decimal_parsing": (N_("must be a number"), ()),
    "bool_type": (N_("must be true or false"), ()),
    "bool_parsing": (N_("must be true or false"), ()),
    "list_type": (N_("must be a list"), ()),
    "tuple_type": (N_("must be a list"), ()),
    "dict_type": (N_("must be a JSON object"), ()),
    "model_type": (N_("must be a JSON object"), ()),
    "model_attributes_type": (N_("must be a JSON object"), ()),
    "literal_error": (N_("must be one of %(expected)s"), ("expected",)),
    "enum": (N_("must be one of %(expected)s"), ("expected",)),
    "string_too_short": (N_("must be at least %(min_length)s characters long"), ("min_length",)),
    "string_too_long": (N_("must be at most %(max_length)s characters long"), ("max_length",)),
    "too_short": (N_("must have at least %(min_length)s items"), ("min_length",)),
    "too_long": (N_("must have at most %(max_length)s items"), ("max_length",)),
    "greater_than": (N_("must be greater than %(gt)s"), ("gt",)),
    "greater_than_equal": (N_("must be at least %(ge)s"), ("ge",)),
    "less_than": (N_("must be less than %(lt)s"), ("lt",)),
    "less_than_equal": (N_("must be at most %(le)s"), ("le",)),
    "string_pattern_mismatch": (N_("does not have the expected form"), ()),
    "url_type": (N_("must be a URL"), ()),
    "url_parsing": (N_("must be a URL"), ()),
    "url_scheme": (N_("must be a URL"), ()),
    "date_type": (N_("must be a date"), ()),
    "date_parsing": (N_("must be a date"), ()),
    "date_from_datetime_parsing": (N_("must be a date"), ()),
    "datetime_type": (N_("must be a date and time"), ()),
    "datetime_parsing": (N_("must be a date and time"), ()),
    "datetime_from_date_parsing": (N_("must be a date and time"), ()),
    "json_invalid": (N_("is not valid JSON"), ()),
}
OTHERWISE = N_("is not valid")


def field_errors(errors: Iterable[Mapping[str, Any]], skip_first: Iterable[str] = (),
                 limit: int = 20) -> list[FieldError]:
    """Pydantic's ``errors()`` as field errors with translatable messages.

    ``skip_first``: a leading location part to drop ("body" of a FastAPI request)."""
    skip = set(skip_first)
    out: list[FieldError] = []
    for e in errors:
        loc = [str(x) for x in e.get("loc", ())]
        if loc and loc[0] in skip:
            loc = loc[1:]
        template, keys = TEMPLATES.get(str(e.get("type", "")), (OTHERWISE, ()))
        ctx = e.get("ctx") or {}
        values = {k: _value(ctx.get(k)) for k in keys}
        field = ".".join(loc) or "body"
        out.append(FieldError.of(field, template, (), **values) if values
                   else FieldError(field, template))
        if len(out) >= limit:
            break
    return out


def _value(v: Any) -> str:
    return "" if v is None else str(v)
