"""One error catalog keyed by code; HTTP statuses chosen only in chalicelib/api (decision 57)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from chalicelib.api.problems import STATUS, problem_body, status_of
from chalicelib.domain import errors
from chalicelib.domain.errors import CATALOG, AppError, Kind

CHALICELIB = Path(__file__).resolve().parents[2] / "chalicelib"
BENGALI = re.compile("[\u0980-\u09ff]")
# The constructors in domain/errors.py, and the code argument's position in each that takes one.
CODE_AT = {"AppError": 0, "conflict": 0, "bad_request": 1}


def _modules() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(CHALICELIB.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _codes_raised() -> dict[str, set[str]]:
    """Each literal code given to an error constructor in chalicelib, by constructor."""
    found: dict[str, set[str]] = {name: set() for name in CODE_AT}
    for _, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node) in CODE_AT:
                args = [*node.args, *(k.value for k in node.keywords if k.arg == "code")]
                at = CODE_AT[_name(node)]
                pick = args[at] if len(args) > at else None
                if isinstance(pick, ast.Constant) and isinstance(pick.value, str):
                    found[_name(node)].add(pick.value)
    return found


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_every_code_has_both_titles_and_a_status(code: str) -> None:
    err = AppError(code, "what happened", subject="Office")
    assert err.title.strip() and "{" not in err.title
    assert BENGALI.search(err.title_bn), err.title_bn
    assert 400 <= status_of(err) <= 599
    assert problem_body(err)["status"] == status_of(err)


def test_every_kind_has_one_status() -> None:
    assert set(STATUS) == set(Kind)


def test_every_code_raised_is_in_the_catalog_with_its_constructors_kind() -> None:
    raised = _codes_raised()
    assert raised["AppError"] and raised["conflict"]
    assert set().union(*raised.values()) <= set(CATALOG)
    assert {CATALOG[code].kind for code in raised["conflict"]} == {Kind.CONFLICT}
    assert {CATALOG[code].kind for code in raised["bad_request"]} <= {Kind.MALFORMED}


def test_an_unknown_code_is_refused_and_a_title_names_its_subject() -> None:
    with pytest.raises(ValueError, match="catalog"):
        AppError("no_such_code")
    err = errors.not_found("Office")
    assert (err.title, err.detail, status_of(err)) == ("Office not found", "No such office", 404)


def _status_numbers(node: ast.AST) -> list[int]:
    return [
        n.value
        for n in ast.walk(node)
        if isinstance(n, ast.Constant) and type(n.value) is int and 100 <= n.value <= 599
    ]


def _handled_as(handler: ast.ExceptHandler) -> bool:
    return handler.name is not None and handler.type is not None and "AppError" in ast.unparse(handler.type)


def _violations(path: Path, tree: ast.Module) -> Iterator[str]:
    where = path.relative_to(CHALICELIB.parent)
    constructors = {"AppError", *(name for name in dir(errors) if not name.startswith("_"))}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node) in constructors:
            if numbers := _status_numbers(ast.Module([ast.Expr(a) for a in node.args], [])):
                yield f"{where}:{node.lineno} passes {numbers} to {_name(node)}"
            if numbers := _status_numbers(ast.Module([ast.Expr(k.value) for k in node.keywords], [])):
                yield f"{where}:{node.lineno} passes {numbers} to {_name(node)}"
        if isinstance(node, ast.ExceptHandler) and _handled_as(node):
            for inner in ast.walk(ast.Module(node.body, [])):
                if isinstance(inner, ast.Attribute) and inner.attr == "status":
                    yield f"{where}:{inner.lineno} reads an error's status"
                if isinstance(inner, ast.Compare) and _status_numbers(inner):
                    yield f"{where}:{inner.lineno} compares with a status: {ast.unparse(inner)}"


def test_no_module_outside_api_chooses_an_http_status_for_an_error() -> None:
    outside = [(p, t) for p, t in _modules() if "api" not in p.relative_to(CHALICELIB).parts[:1]]
    assert len(outside) > 50
    assert [v for path, tree in outside for v in _violations(path, tree)] == []


def test_an_error_stores_no_status() -> None:
    stored = {f.name for f in AppError.__dataclass_fields__.values()}
    assert "status" not in stored and not hasattr(AppError("forbidden"), "status")
    assert all(type(value) is not int for value in vars(AppError("forbidden", extra={"n": "x"})).values())


def test_every_code_the_web_app_branches_on_is_in_the_catalog() -> None:
    web = CHALICELIB.parent / "web"
    said = {
        code
        for part in ("app", "verify", "shared")
        for path in (web / part).rglob("*.mjs")
        for code in re.findall(r"\.code === '([a-z_]+)'", path.read_text(encoding="utf-8"))
    }
    assert said and said <= set(CATALOG), sorted(said - set(CATALOG))


def test_every_ledger_refusal_is_in_the_catalog() -> None:
    from chalicelib.domain.revenue.ledger import ERROR_CODES

    assert set(CATALOG) >= ERROR_CODES
