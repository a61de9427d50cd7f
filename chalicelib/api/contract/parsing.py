"""Parsing a request through its declared model, and pydantic's refusals as our 422 problem.

Request models declare the JSON shape (which fields, their JSON types, which are required). The
values' meaning (a phone number, a known office, a catalog form's `fields`) stays with the domain
checks behind the services, which explain themselves in Bengali and English.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from chalicelib.domain.errors import FieldError, validation_failed

if TYPE_CHECKING:
    from chalice.app import Request
    from pydantic import TypeAdapter, ValidationError

    from chalicelib.domain.errors import AppError


@cache
def adapter(model: type) -> TypeAdapter[Any]:
    """The model's validator, built once per container on first use (not at import: cold start).

    Lax, as the domain checks behind it were: a number where text is declared is read as text
    (those checks then say what is wrong with it, with every other field's problem at once). The
    setting reaches the nested models through a wrapper (a TypedDict takes its parent's config)."""
    from pydantic import BaseModel, ConfigDict, TypeAdapter, create_model

    wrapper: type[BaseModel] = create_model(
        "Request", __config__=ConfigDict(coerce_numbers_to_str=True), body=(model, ...)
    )
    return TypeAdapter(wrapper)


def parse_body(request: Request, model: type) -> dict[str, Any]:
    """The request's JSON object (api/http.py json_body: 415, 413, 400) checked against `model`:
    what does not fit is a 422 naming each field. The object itself goes on to the service."""
    from chalicelib.api.http import json_body

    body = json_body(request)
    check(body, model)
    return body


def parse_query(request: Request, model: type) -> dict[str, str]:
    """The request's query parameters checked against `model` (limit and cursor aside: the
    table's `paged`, read by api/http.py page_params); they go on to the service as text."""
    from chalicelib.api.http import query

    params = query(request)
    check({k: v for k, v in params.items() if v and k not in ("limit", "cursor")}, model)  # empty: absent
    return params


def check(value: Any, model: type) -> None:
    """Refuse a body that is not of the model's shape, with everything pydantic found. A body
    whose only fault is a missing required field goes on: the domain checks behind the route
    report it in their own words, together with every other problem of the body (decision 56)."""
    from pydantic import ValidationError

    try:
        adapter(model).validate_python({"body": _without_nulls(value)})
    except ValidationError as exc:
        if any(error["type"] != "missing" for error in exc.errors()):
            raise validation_problem(exc) from None


def _without_nulls(value: Any) -> Any:
    """The body as the model checks it: a member that is null is read as absent, as the domain
    checks behind the route read it (`"papers": null` was accepted before the contract, a required
    `"office_id": null` is "missing" and reported by the domain in its own words)."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


# pydantic's error type → our message in English and Bengali ({} is the error's context)
MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("is required", "আবশ্যক"),
    "string_type": ("must be text", "লেখা (টেক্সট) দিন"),
    "int_type": ("must be a whole number", "পূর্ণ সংখ্যা দিন"),
    "int_parsing": ("must be a whole number", "পূর্ণ সংখ্যা দিন"),
    "int_from_float": ("must be a whole number", "পূর্ণ সংখ্যা দিন"),
    "bool_type": ("must be true or false", "true অথবা false দিন"),
    "bool_parsing": ("must be true or false", "true অথবা false দিন"),
    "dict_type": ("must be an object", "একটি অবজেক্ট দিন"),
    "model_type": ("must be an object", "একটি অবজেক্ট দিন"),
    "list_type": ("must be a list", "একটি তালিকা দিন"),
    "literal_error": ("must be one of: {expected}", "এগুলোর একটি দিন: {expected}"),
    "extra_forbidden": ("is not a known field", "অজানা ঘর"),
}
FALLBACK = ("is not valid", "সঠিক নয়")


def validation_problem(exc: ValidationError) -> AppError:
    """A pydantic ValidationError as our 422 `validation_failed` problem: one entry per field,
    its path dotted as the domain checks write them (`on_behalf_of.code`, `heirs[0].relation`)."""
    errors = []
    for error in exc.errors(include_url=False, include_input=False):
        english, bengali = MESSAGES.get(error["type"], FALLBACK)
        context = {k: _listed(str(v)) for k, v in (error.get("ctx") or {}).items()}
        errors.append(FieldError(field_path(error["loc"][1:]), english.format(**context), bengali.format(**context)))
    return validation_failed(errors)


def _listed(expected: str) -> str:
    """pydantic lists a literal's values as "'a', 'b' or 'c'": the same list, in no language."""
    return expected.replace(" or ", ", ")


def field_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path
