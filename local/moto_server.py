"""The embedded AWS: moto's server on loopback.

It serves one request at a time (waitress with one worker thread) on purpose: moto's backends are
not safe under concurrent requests (a TransactWriteItems could interleave with another), while
real DynamoDB makes every request atomic. Serialising requests gives the API the same guarantees
it has in the cloud, and the clients still race as they would there.
"""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from moto.core.botocore_stubber import BotocoreStubber
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from waitress import wasyncore
from waitress.server import create_server

from local import moto_speed

_moto_transact = DynamoDBBackend.transact_write_items


@dataclass
class EmbeddedAws:
    server: Any  # waitress's server: one worker thread, keep-alive connections
    thread: threading.Thread

    @property
    def port(self) -> int:
        return int(self.server.effective_port)

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.task_dispatcher.shutdown()
        wasyncore.close_all(self.server._map)  # the loop ends once it has nothing left to watch
        self.thread.join(timeout=5)


_in_transaction = threading.local()


def _table_deepcopy(self: Any, memo: dict[int, Any]) -> Any:
    """A table copied as moto copies it (every attribute, deeply), except inside a transaction
    whose items `_transact_write_items` saved one by one: there moto's whole-table backup is the
    table itself, and the saved items are what a cancelled transaction puts back."""
    if getattr(_in_transaction, "active", False):
        return self
    clone = self.__class__.__new__(self.__class__)
    memo[id(self)] = clone
    for name, value in self.__dict__.items():
        setattr(clone, name, copy.deepcopy(value, memo))
    return clone


def _transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
    """moto's TransactWriteItems, rolled back item by item. moto backs up each table the
    transaction touches with a deep copy, once per item: O(table) per item, minutes per
    transaction on a table of 100,000 accounts (bench/demand_run.py). Here only the items the
    transaction writes are saved and put back when it is cancelled, and a table's stream forgets
    the records the cancelled writes made (as moto's whole-table rollback does)."""
    saved: list[tuple[Any, DynamoType, DynamoType | None, Any]] = []
    for entry in transact_items:
        op = next(iter(entry.values()))
        table = self.tables.get(op.get("TableName"))
        if table is None:
            return _moto_transact(self, transact_items)
        key = op.get("Key") or op.get("Item") or {}
        if table.hash_key_attr not in key:
            return _moto_transact(self, transact_items)
        hash_key = DynamoType(key[table.hash_key_attr])
        range_key = DynamoType(key[table.range_key_attr]) if table.range_key_attr in key else None
        saved.append((table, hash_key, range_key, copy.deepcopy(table.get_item(hash_key, range_key))))
    streams = {id(t.stream_shard): (t.stream_shard, len(t.stream_shard.items)) for t, *_ in saved if t.stream_shard}
    _in_transaction.active = True
    try:
        _moto_transact(self, transact_items)
    except Exception:
        for shard, length in streams.values():
            del shard.items[length:]
        for table, hash_key, range_key, before in reversed(saved):
            if range_key is None:
                table.items.pop(hash_key, None)
                if before is not None:
                    table.items[hash_key] = before
            else:
                table.items[hash_key].pop(range_key, None)
                if before is not None:
                    table.items[hash_key][range_key] = before
        raise
    finally:
        _in_transaction.active = False


def install_fast_transactions() -> None:
    """Replace moto's whole-table transaction backup by the item-by-item one (idempotent)."""
    if DynamoDBBackend.transact_write_items is not _transact_write_items:
        Table.__deepcopy__ = _table_deepcopy  # type: ignore[attr-defined]
        DynamoDBBackend.transact_write_items = _transact_write_items  # type: ignore[method-assign]


_one_at_a_time = threading.RLock()


@contextmanager
def one_request_at_a_time() -> Iterator[None]:
    """In-process moto (`mock_aws`, the tests) answering one request at a time, as the embedded
    server does: threads that race through the API then race as they would against DynamoDB,
    where every request is atomic, not inside moto's request handling (where one thread's
    conditional put could land between another's TransactWriteItems check and its write)."""
    process = BotocoreStubber.process_request

    def serialised(self: BotocoreStubber, request: Any) -> Any:
        with _one_at_a_time:
            return process(self, request)

    BotocoreStubber.process_request = serialised  # type: ignore[method-assign]
    try:
        yield
    finally:
        BotocoreStubber.process_request = process  # type: ignore[method-assign]


def start(port: int = 0) -> EmbeddedAws:
    """A fresh embedded AWS: moto keeps its state per process, so anything an earlier embedded
    AWS in this process held (tests start several) is forgotten first."""
    from moto.moto_api._internal.models import moto_api_backend

    moto_api_backend.reset()
    install_fast_transactions()
    moto_speed.install()
    app = DomainDispatcherApplication(create_backend_app)
    # waitress, not werkzeug's development server: that one closes every connection and then
    # waits up to 10 ms for the client to hang up before it takes the next request — the
    # embedded AWS idled a fifth of a demand run (bench/demand_run.py, decision 75).
    server = create_server(
        app, host="127.0.0.1", port=port, threads=1, connection_limit=1000, channel_timeout=300, ident=None
    )
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "Task queue depth" is the design here
    thread = threading.Thread(target=server.run, name="embedded-aws", daemon=True)
    thread.start()
    return EmbeddedAws(server, thread)
