"""The OpenAPI document: FastAPI's, completed from the knowledge pack and the running code.

- Request bodies are read by the service (to give field-level errors with
  suggestions), so their schemas are written here, from the pack: which ids
  are findings, which are numbers and their ranges, which questions exist.
- Every error is application/problem+json; FastAPI's default 422 entry is
  replaced accordingly.
- Response examples are computed by calling the service on the request
  examples, so they cannot drift from what the API really returns.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from gravida.api import examples, schemas
from gravida.api.problems import (
    PROBLEM_MEDIA_TYPE,
    ApiProblem,
    FieldProblem,
    Problem,
    problem_json,
)
from gravida.service import Service, cds_models
from gravida.service.errors import ServiceError
from gravida.service.requests import MAX_QUERY_CHARS, MAX_TEXT_CHARS
from gravida.service.results import InterviewView

log = logging.getLogger("gravida.api")

REF = "#/components/schemas/"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": REF + name}


def _both(first: str, second: str) -> dict[str, Any]:
    """A body listing ``first`` under present and ``second`` under absent."""
    return {
        "required": ["present", "absent"],
        "properties": {
            "present": {"type": "array", "contains": {"const": first}},
            "absent": {"type": "array", "contains": {"const": second}},
        },
    }


def _inconsistent(pack: Any, booleans: list[str]) -> dict[str, Any]:
    """What the case validation refuses beyond types and ranges, as JSON Schema (under
    ``not``): a finding both present and absent, or present while one it implies is absent.
    One ``not`` of an ``anyOf``: schemathesis cannot generate from many ``not``s in an
    ``allOf``."""
    rules = [_both(f, f) for f in booleans]
    rules += [_both(imp.if_, imp.then) for imp in pack.implies if not imp.soft]
    return {"anyOf": rules}


def request_schemas(service: Service) -> dict[str, Any]:
    from gravida.interview.session import catalogue

    pack = service.pack
    weeks_lo, weeks_hi = pack.weeks_range
    booleans = sorted(f for f, d in pack.findings.items() if d.kind == "boolean")
    finding_list = {
        "type": "array", "items": _ref("BooleanFindingId"), "uniqueItems": True,
    }
    props: dict[str, Any] = {}
    for f in pack.vocabulary.findings:
        if f.kind == "number" and f.range is not None:
            props[f.id] = {
                "type": "number", "minimum": f.range[0], "maximum": f.range[1],
                "description": f"{f.meaning} ({f.unit})",
            }
    lang = {"type": "string", "enum": list(pack.languages),
            "description": "The language of the texts in the reply (and, for an interview, "
            "of all its replies); overrides Accept-Language."}
    # null, like an empty list, says nothing (YAML vignettes write an empty list so)
    props["present"] = {"anyOf": [finding_list, {"type": "null"}],
                        "description": "Findings she has."}
    props["absent"] = {"anyOf": [finding_list, {"type": "null"}],
                       "description": "Findings she does not have."}
    props["lang"] = lang
    case = {
        "type": "object",
        "not": _inconsistent(pack, booleans),
        "description": "What is known: numbers as `id: value`, yes/no findings under present "
        "and absent, everything else unknown. Ids: GET /v1/vocabulary.",
        "properties": props,
        "required": ["gestational_weeks"],
        "additionalProperties": False,
    }
    cat = catalogue(service.engine)
    groups = sorted(q.id for q in cat.questions.values() if q.kind == "group")
    start = {
        "type": "object",
        "not": case["not"],
        "description": "Initial evidence in the /v1/assess format, optionally with her own "
        "words in `text`. gestational_weeks is required (given, or read from the text: a "
        "text that does not state it, without gestational_weeks, is 422).",
        "anyOf": [{"required": ["gestational_weeks"]},
                  {"required": ["text"], "properties": {"text": {"type": "string"}}}],
        "properties": {
            **props,
            "text": {"anyOf": [{"type": "string", "maxLength": MAX_TEXT_CHARS},
                               {"type": "null"}],
                     "description": "Free text to read findings from (not stored unless "
                     "keep_text is true); null: no text."},
            "keep_text": {"type": "boolean", "default": False,
                          "description": "Store the text with the interview (true without "
                          "text: nothing to store, nothing stored)."},
            "volunteered": {"anyOf": [{"type": "array", "uniqueItems": True,
                                       "items": {"type": "string", "enum": groups}},
                                      {"type": "null"}],
                            "description": "Question groups she has already answered in her "
                            "own words (null or left out: those the text speaks to)."},
            "unset": {"type": "array", "uniqueItems": True, "items": {"type": "string"},
                      "description": "Findings read from `text` that she unticked in "
                      "\"What we understood\": left unknown, so they are asked. An id the "
                      "text was not read as stating is 422."},
        },
        "additionalProperties": False,
    }
    return {
        "BooleanFindingId": {"type": "string", "enum": booleans},
        "Case": case,
        "InterviewStart": start,
        "AnswerRequest": {
            "type": "object",
            "properties": {
                "question": {"type": "string", "enum": sorted(cat.questions),
                             "description": "The id of the question answered."},
                "answer": {"description": "yes/no: true, false or null (don't know); number: "
                           "a number, or {finding: value} for several; group: false (none), "
                           "null, true, or the list of option findings that apply."},
                "version": {"type": "integer", "minimum": 1,
                            "description": "The interview's version as last read."},
            },
            "required": ["question", "answer", "version"],
            "additionalProperties": False,
        },
        "BackRequest": {
            "type": "object",
            "properties": {"version": {"type": "integer", "minimum": 1}},
            "required": ["version"],
            "additionalProperties": False,
        },
        "ParseRequest": {
            "type": "object",
            "properties": {"text": {"type": "string", "maxLength": MAX_TEXT_CHARS},
                           "lang": lang},
            "required": ["text"],
            "additionalProperties": False,
        },
        "MedicineCheckRequest": {
            "type": "object",
            "properties": {
                "query": {"type": "string", "maxLength": MAX_QUERY_CHARS,
                          "description": "A medicine's name, brand or active ingredient."},
                "weeks": {"anyOf": [{"type": "number", "minimum": weeks_lo, "maximum": weeks_hi},
                                    {"type": "null"}],
                          "description": "Completed weeks of pregnancy; null if not known."},
                "lang": lang,
            },
            "required": ["query"],
            "additionalProperties": False,
        },
    }


def _examples(service: Service) -> dict[str, tuple[dict[str, Any] | None, dict[str, Any]]]:
    """operation id -> (request examples, {status: response example})."""
    from gravida.interview import next_question
    from gravida.interview import start as start_interview

    def safe(call: Callable[[], Any]) -> Any:
        try:
            return call()
        except Exception as exc:  # an example must never stop the document
            log.warning("could not compute an OpenAPI example: %s", exc)
            return None

    assess_ok = safe(lambda: service.assess(examples.POSTURAL).to_json())
    invalid_problem = problem_json(422, "The case is not valid", kind="invalid-case")
    try:
        service.case(examples.INVALID_CASE["value"])
    except ServiceError as exc:
        invalid_problem = ApiProblem.from_service(exc).to_json("/v1/assess")

    session = safe(lambda: start_interview(service.engine, examples.START["structured"]["value"]))
    q = safe(lambda: next_question(session)) if session is not None else None
    now = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    interview: dict[str, Any] | None = None
    answer_req: dict[str, Any] = {"question": "fever", "answer": False, "version": 1}
    if session is not None:
        interview = InterviewView(
            id="Xq3v9-EXAMPLE-ONLY-aP0s7Kx2wLmN4cR",
            version=1, lang="en", finished=False,
            question=None if q is None else q.to_json(),
            questions_asked=0, case=session.case.to_json(), answers=[],
            volunteered=[], result=None, pack_version=service.pack.version,
            text_kept=False, created_at=now, updated_at=now,
        ).to_json()
        if q is not None:
            reply: Any = False  # yes/no: no
            if q.kind == "number":
                reply = None  # don't know
            elif q.options:
                reply = [q.options[0].finding]  # the first that applies
            answer_req = {"question": q.id, "answer": reply, "version": 1}
    result_example = None
    if session is not None:
        from gravida.interview import result as interview_result

        result_example = safe(lambda: interview_result(session).to_json())
    stale = problem_json(
        409, "The interview cannot be resumed",
        "The knowledge pack changed since this interview was stored and its answers no "
        "longer fit; please start a new interview.", "interview-stale",
    )
    conflict = problem_json(
        409, "The interview has changed",
        "You sent version 1 but the interview is at version 2: another answer arrived first.",
        "version-conflict",
    )
    vocab = service.vocabulary().to_json()
    vocab_example = {k: (v[:2] if isinstance(v, list) else v) for k, v in vocab.items()}
    med_ok = safe(lambda: service.check_medicine(
        examples.MEDICINES["paracetamol"]["value"]).to_json())
    parse_ok = safe(lambda: service.parse(examples.PARSE["narrative"]["value"]).to_dict())
    return {
        "assess": (examples.ASSESS, {"200": assess_ok, "422": invalid_problem}),
        "parse_text": (examples.PARSE, {"200": parse_ok}),
        "start_interview": (examples.START, {"201": interview}),
        "get_interview": (None, {"200": interview}),
        "answer_interview": (
            {"answer": {"summary": "Answer the current question", "value": answer_req}},
            {"200": interview, "409": conflict},
        ),
        "back_interview": (
            {"back": {"summary": "Undo the last answer", "value": {"version": 2}}},
            {"200": interview, "409": conflict},
        ),
        "get_interview_result": (None, {"200": result_example, "409": stale}),
        "check_medicine": (examples.MEDICINES, {"200": med_ok}),
        "get_vocabulary": (None, {"200": vocab_example}),
        "healthz": (None, {"200": {"status": "ok", "database": "ok",
                                   "pack_version": service.pack.version}}),
    }


def _titled_names() -> dict[str, str]:
    """Python name -> component name of the response models whose class name differs from
    the name clients see (``FactorOut`` is ``Factor``: the core's ``Factor`` keeps the name)."""
    names: dict[str, str] = {}
    for module in (*schemas.MODULES, cds_models):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel):
                title = value.model_config.get("title")
                if title and title != value.__name__:
                    names[value.__name__] = title
    return names


def _rename_refs(node: Any, names: dict[str, str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(REF) and ref[len(REF):] in names:
            node["$ref"] = REF + names[ref[len(REF):]]
        for value in node.values():
            _rename_refs(value, names)
    elif isinstance(node, list):
        for value in node:
            _rename_refs(value, names)


def _name_by_title(doc: dict[str, Any]) -> None:
    """Components take their models' titles (pydantic names them by class), kept sorted
    as FastAPI sorts them, so the document is the same whatever the Python names."""
    names = _titled_names()
    components = doc.get("components", {})
    schemas_ = components.get("schemas", {})
    components["schemas"] = {names.get(k, k): v for k, v in schemas_.items()}
    components["schemas"] = dict(sorted(components["schemas"].items()))
    _rename_refs(doc, names)


REQUEST_SCHEMA = {
    "assess": "Case",
    "parse_text": "ParseRequest",
    "start_interview": "InterviewStart",
    "answer_interview": "AnswerRequest",
    "back_interview": "BackRequest",
    "check_medicine": "MedicineCheckRequest",
}


def build_openapi(app: FastAPI, service: Service) -> Callable[[], dict[str, Any]]:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        doc = get_openapi(
            title=app.title, version=app.version, description=app.description,
            routes=app.routes,
        )
        _name_by_title(doc)
        schemas = doc.setdefault("components", {}).setdefault("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        schemas["Problem"] = Problem.model_json_schema(ref_template=REF + "{model}")
        schemas["Problem"].pop("$defs", None)
        schemas["FieldProblem"] = FieldProblem.model_json_schema()
        schemas.update(request_schemas(service))
        ex = _examples(service)
        for path_item in doc.get("paths", {}).values():
            for op in path_item.values():
                op_id = op.get("operationId")
                responses = op.setdefault("responses", {})
                for status in list(responses):
                    if status.startswith(("4", "5")):
                        desc = responses[status].get("description") or "Problem"
                        responses[status] = {
                            "description": desc,
                            "content": {PROBLEM_MEDIA_TYPE: {"schema": _ref("Problem")}},
                        }
                req_examples, resp_examples = ex.get(op_id, (None, {}))
                if op_id in REQUEST_SCHEMA:
                    media: dict[str, Any] = {"schema": _ref(REQUEST_SCHEMA[op_id])}
                    if req_examples:
                        media["examples"] = req_examples
                    op["requestBody"] = {"required": True,
                                         "content": {"application/json": media}}
                for status, example in resp_examples.items():
                    if example is None or status not in responses:
                        continue
                    content = responses[status].setdefault("content", {})
                    for media_type in content.values():
                        media_type["example"] = example
        app.openapi_schema = doc
        return doc

    return openapi
