"""The embedded AWS at the speed DynamoDB's own design promises, where moto is general and slow.

moto is a faithful emulator but not a fast one, and three of its costs grow with what the local
stack holds rather than with what a request asks (measured with py-spy on the moto process during
`python -m bench.demand_run`; decision 75, docs/performance.md):

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
goes. `tests/integration/test_embedded_aws_speed.py` runs the same calls with and without these and
compares what boto3 reads.
"""

from __future__ import annotations

import bisect
import copy
import functools
import itertools
import json
import threading
from collections.abc import Callable
from typing import Any

from moto import backends as moto_backends
from moto.core.responses import ActionResult, BaseResponse
from moto.dynamodb import comparisons
from moto.dynamodb import responses as dynamodb_responses
from moto.dynamodb.models import DynamoDBBackend
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
_moto_put = Table.put_item
_moto_delete = Table.delete_item
_moto_update = DynamoDBBackend.update_item
_moto_parser = comparisons.create_condition_expression_parser
_moto_list_modules = moto_backends.list_of_moto_modules
_moto_all_items = Table.all_items
_moto_parse = BaseResponse.parse_parameters
_moto_serialized = BaseResponse.serialized
_partition = threading.local()  # the partition a base-table Query on this thread reads


def _all_items(self: Table) -> list[Item]:
    """moto's all_items, or, inside a base-table Query, only the partition it asked for."""
    if getattr(_partition, "table", None) is self:
        found = self.items.get(_partition.hash_key)
        if found is None:
            return []
        return list(found.values()) if self.range_key_attr else [found]
    return _moto_all_items(self)


# --- which index keys changed: a plan pages one index key ~70 times while batches write the table


def _index_hashes(table: Table) -> frozenset[str]:
    return frozenset(k["AttributeName"] for i in table.global_indexes or [] for k in i.schema if k["KeyType"] == "HASH")


def touched(table: Table, names: Any) -> None:
    """Items holding any of these attribute names were written: the sorted pages kept for the
    indexes they key are stale."""
    hit = _index_hashes(table).intersection(names)
    if hit:
        generations = table.__dict__.setdefault("_speed_generations", {})
        for name in hit:
            generations[name] = generations.get(name, 0) + 1


def _names_at(table: Table, hash_key: Any, range_key: Any) -> set[str]:
    found = table.items.get(hash_key)
    item = found.get(range_key) if isinstance(found, dict) and range_key is not None else found
    return set(item.attrs) if isinstance(item, Item) else set()


def _put_item(self: Table, item_attrs: dict[str, Any], *args: Any, **kwargs: Any) -> Item:
    key = item_attrs.get(self.hash_key_attr)
    sort = item_attrs.get(self.range_key_attr) if self.range_key_attr else None
    before = _names_at(self, DynamoType(key), DynamoType(sort) if sort else None) if key else set()
    item = _moto_put(self, item_attrs, *args, **kwargs)
    touched(self, before | set(item_attrs))
    return item


def _delete_item(self: Table, hash_key: DynamoType, range_key: DynamoType | None) -> Item | None:
    item = _moto_delete(self, hash_key, range_key)
    if item is not None:
        touched(self, item.attrs)
    return item


def _update_item(self: Any, table_name: str, key: dict[str, Any], *args: Any, **kwargs: Any) -> Item:
    table = self.get_table(table_name)
    hash_key, range_key = self.get_keys_value(table, key)
    before = _names_at(table, hash_key, range_key)  # an update changes the item in place
    item = _moto_update(self, table_name, key, *args, **kwargs)
    touched(table, before | set(item.attrs))
    return item


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


def _kept_index(
    table: Table, index_name: str, hash_attr: str, range_attr: str, hash_key: DynamoType
) -> list[tuple[Any, ...]] | None:
    """`_sorted_index`, kept until an item with the index's hash attribute is written (`touched`)."""
    generation = table.__dict__.get("_speed_generations", {}).get(hash_attr, 0)
    kept = table.__dict__.setdefault("_speed_index_pages", {})
    cache_key = (index_name, hash_key.type, str(hash_key.value))
    if cache_key in kept and kept[cache_key][0] == generation:
        return kept[cache_key][1]  # type: ignore[no-any-return]
    rows = _sorted_index(table, hash_attr, range_attr, hash_key)
    kept[cache_key] = (generation, rows)
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
    rows = _kept_index(table, index_name or "", *keys, hash_key)
    start = _start_key(exclusive_start_key, table, keys[1]) if exclusive_start_key else None
    if rows is None or (exclusive_start_key and start is None):
        return None

    def sort_key(row: tuple[Any, ...]) -> tuple[Any, ...]:
        return row[:3]

    if forward:
        at = bisect.bisect_right(rows, start, key=sort_key) if start else 0
        items: Any = (row[3] for row in itertools.islice(rows, at, None))
    else:
        at = bisect.bisect_left(rows, start, key=sort_key) if start else len(rows)
        items = (rows[i][3] for i in range(at - 1, -1, -1))
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


class _ParsedCondition:
    """A condition parsed once: what moto's parser gives its callers (the operation tree, and the
    names the expression used, a fresh list each time because callers extend it)."""

    def __init__(self, expression: str, names: dict[str, str] | None, values: dict[str, Any] | None) -> None:
        parser = _moto_parser(expression, names, values)
        self._op = parser.parse()
        self._names = tuple(parser.expr_attr_names_found)
        self._values = tuple(parser.expr_attr_values_found)

    def parse(self) -> Any:
        return self._op

    @property
    def expr_attr_names_found(self) -> list[str]:
        return list(self._names)

    @property
    def expr_attr_values_found(self) -> list[str]:
        return list(self._values)


@functools.lru_cache(maxsize=4096)
def _parsed(expression: str, names: str, values: str) -> _ParsedCondition:
    return _ParsedCondition(expression, json.loads(names), json.loads(values))


def _condition_parser(expression: str | None, names: dict[str, str] | None, values: dict[str, Any] | None) -> Any:
    """A condition or filter expression parsed once per text, names and values: a run writes the
    same few conditions on every account, and moto parsed each one twice per item (to check the
    request, then to apply it): a third of a transaction."""
    if expression is None:
        return _moto_parser(expression, names, values)
    try:
        key = json.dumps(names, sort_keys=True), json.dumps(values, sort_keys=True)
    except TypeError:  # a binary value (bytes): moto's own way
        return _moto_parser(expression, names, values)
    return _parsed(expression, *key)


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


@functools.cache
def _moto_modules() -> tuple[str, ...]:
    """moto's service packages, listed once (moto lists its own directory on every request)."""
    return tuple(_moto_list_modules())


_PATCHES: tuple[tuple[Any, str, Callable[..., Any]], ...] = (
    (Table, "query", _query),
    (Table, "put_item", _put_item),
    (Table, "delete_item", _delete_item),
    (DynamoDBBackend, "update_item", _update_item),
    (Table, "all_items", _all_items),
    (BaseResponse, "parse_parameters", _parse_parameters),
    (BaseResponse, "serialized", _serialized),
    (moto_backends, "list_of_moto_modules", _moto_modules),
    (comparisons, "create_condition_expression_parser", _condition_parser),
    (dynamodb_responses, "create_condition_expression_parser", _condition_parser),
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
