"""The embedded AWS's fast paths (local/moto_speed.py) answer exactly what moto as it ships
answers: the same calls are made against both and boto3's readings compared — base-table and
index Queries paged forwards and backwards from every start key, with filters and projections,
and the hot item operations."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from local import moto_speed

Call = Callable[[Any], Any]
KEY = {"pk": {"S": "item"}, "sk": {"S": "calls"}}
ITEM = {**KEY, "n": {"N": "10"}, "m": {"M": {"l": {"L": [{"S": "x"}, {"NULL": True}]}}}}  # the item calls' own


@pytest.fixture()
def dynamodb() -> Iterator[Any]:
    with mock_aws():
        client = boto3.client("dynamodb", region_name="ap-south-1")
        client.create_table(
            TableName="t",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            AttributeDefinitions=[{"AttributeName": a, "AttributeType": "S"} for a in ("pk", "sk", "g", "gs")],
            GlobalSecondaryIndexes=[
                {
                    "IndexName": "by_g",
                    "KeySchema": [
                        {"AttributeName": "g", "KeyType": "HASH"},
                        {"AttributeName": "gs", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ],
            BillingMode="PAY_PER_REQUEST",
        )
        rnd = random.Random(7)
        for i in range(120):
            item = {
                "pk": {"S": f"p{i % 9}"},
                "sk": {"S": f"s{i:03d}"},
                "n": {"N": str(i)},
                "m": {"M": {"l": {"L": [{"S": "x"}, {"NULL": True}]}}},
            }
            if i % 4:  # a sparse index, with sort keys that repeat (the table's keys order them then)
                item |= {"g": {"S": f"o{i % 2}"}, "gs": {"S": f"{rnd.randrange(30):03d}"}}
            client.put_item(TableName="t", Item=item)
        client.put_item(TableName="t", Item=ITEM)
        yield client


def _pages(client: Any, **query: Any) -> list[Any]:
    pages, start = [], None
    while True:
        page = client.query(TableName="t", **query, **({"ExclusiveStartKey": start} if start else {}))
        page.pop("ResponseMetadata")
        pages.append(page)
        start = page.get("LastEvaluatedKey")
        if not start:
            return pages


def _q(condition: str, values: dict[str, str], **more: Any) -> dict[str, Any]:
    """A Query's parameters: a key condition and its string values (":n" a number)."""
    typed = {name: {"N" if name == ":n" else "S": value} for name, value in values.items()}
    return {"KeyConditionExpression": condition, "ExpressionAttributeValues": typed, **more}


BY_G = {"IndexName": "by_g"}
QUERIES: list[dict[str, Any]] = [
    _q("pk = :p", {":p": "p3"}, Limit=4),
    _q("pk = :p AND begins_with(sk, :s)", {":p": "p1", ":s": "s1"}),
    _q("pk = :p", {":p": "p2"}, ScanIndexForward=False, Limit=3),
    _q("g = :g", {":g": "o1"}, Limit=7, **BY_G),
    _q("g = :g", {":g": "o0"}, Limit=5, ScanIndexForward=False, **BY_G),
    _q("g = :g", {":g": "o1", ":n": "50"}, FilterExpression="n > :n", Limit=6, **BY_G),
    _q("g = :g", {":g": "o0"}, ProjectionExpression="pk, sk, gs", **BY_G),
    _q("g = :g", {":g": "o0"}, ProjectionExpression="pk, sk, gs", Limit=9, ScanIndexForward=False, **BY_G),
    _q("g = :g AND gs > :s", {":g": "o1", ":s": "010"}, Limit=4, **BY_G),
    _q("g = :g", {":g": "none"}, **BY_G),
]


def _item_calls() -> list[Call]:
    t, key, other = "t", KEY, {"pk": {"S": "x"}, "sk": {"S": "y"}}
    add_one = {"UpdateExpression": "ADD n :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}
    refused_update = {"TableName": t, "Key": key, "UpdateExpression": "SET n = :n", "ConditionExpression": "n = :n"}
    refused_update["ExpressionAttributeValues"] = {":n": {"N": "1"}}
    return [
        lambda c: c.get_item(TableName=t, Key=key),
        lambda c: c.batch_get_item(RequestItems={t: {"Keys": [key, {"pk": {"S": "p0"}, "sk": {"S": "nope"}}]}}),
        lambda c: c.update_item(TableName=t, Key=key, ReturnValues="ALL_NEW", **add_one),
        lambda c: c.put_item(TableName=t, Item={**key, "b": {"B": b"\x00\xff"}}, ReturnValues="ALL_OLD"),
        lambda c: c.get_item(TableName=t, Key=key),  # a binary value: moto's own way both times
        lambda c: c.transact_write_items(TransactItems=[{"Put": {"TableName": t, "Item": other}}]),
        lambda c: c.delete_item(TableName=t, Key=other, ReturnValues="ALL_OLD"),
        *[_refused(new) for _ in range(2)],  # the same condition parsed once: kept, then refused
        *[_refused(versioned(v)) for v in ("11", "11", "12")],
        _refused(lambda c: c.transact_write_items(TransactItems=[{"Update": refused_update}])),
    ]


def new(c: Any) -> Any:
    item = {"pk": {"S": "new"}, "sk": {"S": "once"}}
    return c.put_item(TableName="t", Item=item, ConditionExpression="attribute_not_exists(pk)")


def versioned(version: str) -> Call:
    def call(c: Any) -> Any:
        return c.update_item(
            TableName="t",
            Key=KEY,
            UpdateExpression="ADD n :one",
            ConditionExpression="n = :v",
            ExpressionAttributeValues={":one": {"N": "1"}, ":v": {"N": version}},
        )

    return call


def _refused(call: Call) -> Call:
    """The call's answer, or the error code and reasons DynamoDB refused it with."""

    def wrapped(c: Any) -> Any:
        try:
            return call(c)
        except ClientError as exc:
            return {
                "ResponseMetadata": None,
                "Error": exc.response["Error"]["Code"],
                "Reasons": exc.response.get("CancellationReasons"),
            }

    return wrapped


def _index_writes() -> list[Call]:
    """Writes that change what an index key holds: each is followed by the index read again (the
    fast path keeps an index key's sorted items until such a write)."""
    key = {"pk": {"S": "p5"}, "sk": {"S": "s005"}}  # an item under o1
    moved = {"UpdateExpression": "SET gs = :s", "ExpressionAttributeValues": {":s": {"S": "000"}}}
    back = {"Put": {"TableName": "t", "Item": {**key, "g": {"S": "o1"}, "gs": {"S": "999"}}}}
    return [
        lambda c: c.put_item(TableName="t", Item={**KEY, "g": {"S": "o1"}, "gs": {"S": "015"}}),
        lambda c: c.update_item(TableName="t", Key=key, **moved),
        lambda c: c.update_item(TableName="t", Key=key, UpdateExpression="REMOVE g"),
        lambda c: c.delete_item(TableName="t", Key=KEY),
        lambda c: c.transact_write_items(TransactItems=[back]),
    ]  # fmt: skip


def _readings(client: Any) -> list[Any]:
    out: list[Any] = [_pages(client, **q) for q in QUERIES]
    for call in _item_calls():
        answer = call(client)
        answer.pop("ResponseMetadata")
        out.append(answer)
    for write in _index_writes():
        write(client)
        out.append(_pages(client, **QUERIES[3]))
    return out


def test_the_fast_paths_read_what_moto_reads(dynamodb: Any) -> None:
    p5 = dynamodb.get_item(TableName="t", Key={"pk": {"S": "p5"}, "sk": {"S": "s005"}})["Item"]
    was = moto_speed.installed()  # a live stack earlier in the session installed them
    moto_speed.uninstall()
    shipped = _readings(dynamodb)
    dynamodb.put_item(TableName="t", Item=ITEM)  # as they were before the calls changed them
    dynamodb.put_item(TableName="t", Item=p5)
    dynamodb.delete_item(TableName="t", Key={"pk": {"S": "new"}, "sk": {"S": "once"}})
    moto_speed.install()
    try:
        fast = _readings(dynamodb)
    finally:
        if not was:
            moto_speed.uninstall()
    assert [len(q) for q in shipped[: len(QUERIES)]] != [1] * len(QUERIES)  # the queries did page
    assert fast == shipped


def test_a_table_of_hash_keys_only_and_a_binary_condition_read_as_moto_reads(dynamodb: Any) -> None:
    dynamodb.create_table(
        TableName="h",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    dynamodb.put_item(TableName="h", Item={"pk": {"S": "a"}, "b": {"B": b"\x01"}})
    binary = {":b": {"B": b"\x01"}, ":c": {"B": b"\x02"}}

    def readings() -> list[Any]:
        query = dynamodb.query(
            TableName="h", KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "a"}}
        )
        query.pop("ResponseMetadata")
        update = _refused(
            lambda c: c.update_item(
                TableName="h",
                Key={"pk": {"S": "a"}},
                UpdateExpression="SET b = :c",
                ConditionExpression="b = :b",
                ExpressionAttributeValues=binary,
            )
        )(dynamodb)
        update.pop("ResponseMetadata", None)
        dynamodb.put_item(TableName="h", Item={"pk": {"S": "a"}, "b": {"B": b"\x01"}})  # as it was
        return [query, update]

    was = moto_speed.installed()
    moto_speed.uninstall()
    shipped = readings()
    moto_speed.install()
    try:
        fast = readings()
    finally:
        if not was:
            moto_speed.uninstall()
    assert shipped[0]["Count"] == 1 and fast == shipped
