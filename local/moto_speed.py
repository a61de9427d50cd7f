"""The embedded AWS at the speed DynamoDB's own design promises, where moto is general and slow.

moto is a faithful emulator but not a fast one, and three of its costs grow with what the local
stack holds rather than with what a request asks (measured with py-spy on the moto process during
`python -m bench.demand_run`, decision 72's notes in docs/performance.md):

- every Query sorts the whole table (every item of every partition) before looking at the one
  partition or index key it was asked for, and an index Query compares each item against the
  ExclusiveStartKey with DynamoType objects to find where the page starts;
- responses go through moto's generic, shape-driven serializer (a third of its time), where
  DynamoDB's JSON protocol is the result as JSON;
- requests go through the same generic parser, where the body is the parameters as JSON.

Here a Query reads only its partition (a base-table Query) or the index key's items sorted once
with plain string keys (a GSI Query on string keys, the only kind the project makes), and finds
its start by bisection. Hot DynamoDB operations are parsed and answered with `json`. Anything else
(binary values, key conditions on the range key of an index, other services) goes the way moto
goes. `tests/integration/test_embedded_aws.py` runs the same calls with and without these and
compares what boto3 reads.
"""

from __future__ import annotations

import bisect
import copy
import functools
import json
import threading
from collections.abc import Callable
from typing import Any

from moto.core.responses import ActionResult, BaseResponse
from moto.dynamodb import comparisons
from moto.dynamodb import models as dynamodb_models
from moto.dynamodb.models import table as dynamodb_table
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import RESULT_SIZE_LIMIT, GlobalSecondaryIndex, Table
from moto.dynamodb.responses import DynamoHandler, DynamoResult

# Operations whose requests and results hold only attribute values, keys and counts: their JSON
# is what moto's parser and serializer produce, unless a binary value is in it.
JSON_OPERATIONS = frozenset(
    {
        "BatchGetItem",
        "BatchWriteItem",
        "DeleteItem",
        "GetItem",
        "PutItem",
        "Query",
        "TransactGetItems",
        "TransactWriteItems",
        "UpdateItem",
    }
)
_BINARY = ('"B"', '"BS"')

_moto_query = Table.query
_moto_condition = comparisons.get_filter_expression  # as moto's models imported it
_moto_all_items = Table.all_items
_moto_parse = BaseResponse.parse_parameters
_moto_serialized = BaseResponse.serialized
_partition = threading.local()  # the partition a base-table Query on this thread reads


def _all_items(self: Table) -> list[Item]:
    """moto's all_items, or, inside a base-table Query, only the partition it asked for."""
    if getattr(_partition, "table", None) is self:
        return list(self.items.get(_partition.hash_key, {}).values())
    return _moto_all_items(self)


def _string_gsi(table: Table, index_name: str | None) -> tuple[str, str] | None:
    """The (hash, range) attribute names of a GSI of all attributes with a string range key, on a
    table with both keys."""
    if not index_name or not table.range_key_attr:
        return None
    index = next((i for i in table.global_indexes or [] if i.name == index_name), None)
    if not isinstance(index, GlobalSecondaryIndex) or (index.projection or {}).get("ProjectionType") != "ALL":
        return None
    kinds = {k["KeyType"]: k["AttributeName"] for k in index.schema}
    if len(index.schema) != 2 or set(kinds) != {"HASH", "RANGE"}:
        return None
    return kinds["HASH"], kinds["RANGE"]


def _sorted_index(table: Table, hash_attr: str, range_attr: str, hash_key: DynamoType) -> list[tuple[Any, ...]] | None:
    """The items under this index key, sorted as moto sorts them, with their plain string keys;
    None when a key is not a string (moto's own way handles it)."""
    rows = []
    for part in table.items.values():
        for item in part.values():
            value = item.attrs.get(hash_attr)
            if value is None or value != hash_key:
                continue
            sort = item.attrs.get(range_attr)
            if sort is None:
                continue
            if sort.type != "S" or item.hash_key.type != "S" or item.range_key is None or item.range_key.type != "S":
                return None
            rows.append((sort.value, item.hash_key.value, item.range_key.value, item))
    rows.sort(key=lambda row: row[:3])
    return rows


def _start_key(esk: dict[str, Any], table: Table, range_attr: str) -> tuple[str, str, str] | None:
    try:
        return (esk[range_attr]["S"], esk[table.hash_key_attr]["S"], esk[table.range_key_attr]["S"])  # type: ignore[index]
    except (KeyError, TypeError):
        return None


def _index_page(
    table: Table,
    hash_key: DynamoType | None,
    limit: int | None,
    exclusive_start_key: dict[str, Any] | None,
    forward: bool,
    index_name: str | None,
) -> tuple[list[Item], dict[str, Any] | None] | None:
    """One page of a GSI Query by its hash key alone (None: not a Query this path serves)."""
    keys = _string_gsi(table, index_name)
    if keys is None or hash_key is None:
        return None
    rows = _sorted_index(table, *keys, hash_key)
    start = _start_key(exclusive_start_key, table, keys[1]) if exclusive_start_key else None
    if rows is None or (exclusive_start_key and start is None):
        return None
    ordered = [row[:3] for row in rows]
    if forward:
        items = [row[3] for row in rows[bisect.bisect_right(ordered, start) if start else 0 :]]
    else:
        items = [row[3] for row in reversed(rows[: bisect.bisect_left(ordered, start) if start else len(rows)])]
    page: list[Item] = []
    size = 0
    for item in items:
        if len(page) == limit or size + item.size() > RESULT_SIZE_LIMIT:
            return page, table._get_last_evaluated_key(page[-1], index_name)
        page.append(item)
        size += item.size()
    return page, None


def _query(
    self: Table,
    hash_key: DynamoType | None,
    range_comparison: str | None,
    range_objs: list[DynamoType],
    limit: int,
    exclusive_start_key: dict[str, Any],
    scan_index_forward: bool,
    projection_expressions: list[list[str]] | None,
    index_name: str | None = None,
    consistent_read: bool = False,
    filter_expression: Any = None,
    hash_key_conditions: list[tuple[str, DynamoType]] | None = None,
    range_key_conditions: list[tuple[str, str, list[DynamoType]]] | None = None,
    **filter_kwargs: Any,
) -> tuple[list[Item], int, dict[str, Any] | None]:
    plain = not (range_comparison or range_key_conditions or filter_kwargs or consistent_read)
    found = _index_page(self, hash_key, limit, exclusive_start_key, scan_index_forward, index_name) if plain else None
    if found is None:
        if index_name is None and hash_key is not None:
            _partition.table, _partition.hash_key = self, hash_key
        try:
            return _moto_query(
                self, hash_key, range_comparison, range_objs, limit, exclusive_start_key, scan_index_forward,
                projection_expressions, index_name, consistent_read, filter_expression,
                hash_key_conditions=hash_key_conditions, range_key_conditions=range_key_conditions, **filter_kwargs,
            )  # fmt: skip
        finally:
            _partition.table = None
    page, last_key = found
    # An ALL-projection index: its items are the table's, so the filter reads them as they are.
    results = [item for item in page if filter_expression is None or filter_expression.expr(item)]
    if _top_level(projection_expressions):
        return [_picked(item, projection_expressions) for item in results], len(page), last_key  # type: ignore[arg-type]
    results = copy.deepcopy(results)
    if projection_expressions:
        results = [item.project(projection_expressions) for item in results]
    return results, len(page), last_key


def _top_level(projection: list[list[str]] | None) -> bool:
    return bool(projection) and all(len(path) == 1 for path in projection or ())


def _picked(item: Item, projection: list[list[str]]) -> Item:
    """A new item of these top-level attributes (what moto's Item.project makes of them, without
    turning the whole item into JSON and back: an index page of full holdings asked for its keys)."""
    attrs = {path[0]: item.attrs[path[0]].to_json() for path in projection if path[0] in item.attrs}
    return Item(hash_key=item.hash_key, range_key=item.range_key, attrs=copy.deepcopy(attrs))


@functools.lru_cache(maxsize=4096)
def _parsed_condition(expression: str, names: str, values: str) -> Any:
    return _moto_condition(expression, json.loads(names), json.loads(values))


def _condition(expression: str | None, names: dict[str, str] | None, values: dict[str, Any] | None) -> Any:
    """A condition or filter expression parsed once per text, names and values: a run writes the
    same few conditions on every account (moto parses each anew: a third of a transaction)."""
    if expression is None:
        return _moto_condition(expression, names, values)
    return _parsed_condition(expression, json.dumps(names, sort_keys=True), json.dumps(values, sort_keys=True))


def _parse_parameters(self: BaseResponse, request: Any) -> None:
    if isinstance(self, DynamoHandler) and self._get_action() in JSON_OPERATIONS:
        body = request.data.decode() if isinstance(request.data, bytes) else str(request.data or "")
        if not any(tag in body for tag in _BINARY):
            self.params = json.loads(body or "{}")
            return
    _moto_parse(self, request)


def _serialized(self: BaseResponse, action_result: ActionResult) -> Any:
    result: Any = action_result.result
    plain = type(action_result) in (ActionResult, DynamoResult) and isinstance(result, dict)
    if plain and isinstance(self, DynamoHandler) and self._get_action() in JSON_OPERATIONS:
        try:
            body = json.dumps({k: v for k, v in result.items() if v is not None}, separators=(",", ":"))
        except (TypeError, ValueError):
            body = ""
        if body and not any(tag in body for tag in _BINARY):
            headers = {"Content-Type": "application/x-amz-json-1.0", **self.response_headers}
            return 200, headers, body
    return _moto_serialized(self, action_result)


_PATCHES: tuple[tuple[Any, str, Callable[..., Any]], ...] = (
    (Table, "query", _query),
    (Table, "all_items", _all_items),
    (BaseResponse, "parse_parameters", _parse_parameters),
    (BaseResponse, "serialized", _serialized),
    (dynamodb_models, "get_filter_expression", _condition),
    (dynamodb_table, "get_filter_expression", _condition),
)
_ORIGINALS = {(owner, name): getattr(owner, name) for owner, name, _ in _PATCHES}


def install() -> None:
    """Use the fast paths in this process (idempotent)."""
    for owner, name, replacement in _PATCHES:
        setattr(owner, name, replacement)


def installed() -> bool:
    return Table.query is _query


def uninstall() -> None:
    """moto as it ships (the comparison test runs both)."""
    for (owner, name), original in _ORIGINALS.items():
        setattr(owner, name, original)
