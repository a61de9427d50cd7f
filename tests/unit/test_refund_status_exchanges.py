"""The refund status queries and repeated refund requests, against recorded exchanges.

A status query must never move money: for bKash it is the refund API itself, told apart from a
refund only by having no amount, so these tests check what was sent exactly, not as a subset.

Sources of the shapes: SSLCommerz v4 refund query (`refund_ref_id` → status refunded/processing/
cancelled) and its refund API's `processing` ("the refund has been initiated already"); bKash
tokenized v1.2.0-beta refund status (the refund API with paymentID and trxID only) and its error
2034 ("the original transaction has been reversed"). bKash documents no answer for a transaction
that has no refund: bkash_refund_status_none.json records an error answer as an assumption
(2033, "Transaction not found"); every other error is "cannot tell", and nothing is sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from chalicelib.adapters.payments.base import ASK_BY_REPEATING, NO_REFUND, GatewayPayment, GatewayRefused
from chalicelib.adapters.payments.bkash import BkashGateway
from chalicelib.adapters.payments.sslcommerz import TRANSACTION_PATH, SslCommerzGateway
from tests.replay import Replay, load, serve

PAY = "PAY01HX5K2ZK8Q3"
BANK = "240615123045pzM4WqT9sJd1Ac"
REFERENCE = "RF" + PAY
SSL_PAID = GatewayPayment("paid", PAY, 11000, "BDT", "2406151230451GwHk8fQ2mNpL3x", "BKASH-BKash", bank_txn=BANK)
PID = "TR0011ON1718434238123"
BKASH_PAID = GatewayPayment("paid", PAY, 11000, "BDT", "BFF50JQ7LB", "bKash", extra={"paymentID": PID})
CREDENTIALS = {"store_id", "store_passwd", "format"}


@contextmanager
def replaying(name: str) -> Iterator[Replay]:
    with serve(load(name)) as replay:
        yield replay
    replay.assert_all_used()


def ssl(replay: Replay) -> SslCommerzGateway:
    return SslCommerzGateway("sonod0test", "sonod0test@ssl", replay.base_url)


def bkash(replay: Replay) -> BkashGateway:
    merchant = ("sonod-test-merchant", "sonod-test-merchant-password")
    return BkashGateway("sonod-test-app-key", "sonod-test-app-secret", *merchant, replay.base_url)


def test_sslcommerz_refund_query_by_refund_ref_id_follows_a_pending_refund() -> None:
    with replaying("sslcommerz_refund_status.json") as replay:
        first = ssl(replay).refund_status(SSL_PAID, "59bd63fea5455")
        second = ssl(replay).refund_status(SSL_PAID, "59bd63fea5455")
    assert (first.state, first.refund_ref, first.raw_status) == ("pending", "59bd63fea5455", "processing")
    assert (second.state, second.refund_ref, second.raw_status) == ("refunded", "59bd63fea5455", "refunded")
    for sent in replay.received:  # a query: nothing that could be read as a refund request
        assert set(sent["query"]) == {"refund_ref_id"} | CREDENTIALS


def test_sslcommerz_without_a_refund_ref_id_asks_by_repeating_and_sends_nothing() -> None:
    with serve([]) as replay:
        said = ssl(replay).refund_status(SSL_PAID, "")
    assert said.state == ASK_BY_REPEATING
    assert replay.received == []


def test_sslcommerz_repeated_request_with_the_same_refe_id_names_the_refund_it_has() -> None:
    with replaying("sslcommerz_refund_repeated.json") as replay:
        result = ssl(replay).refund(SSL_PAID, 11000, "application rejected", REFERENCE)
    assert (result.state, result.refund_ref, result.raw_status) == ("pending", "59bd63fea5455", "processing")


@pytest.mark.parametrize(
    "answer",
    [
        {"APIConnect": "DONE", "refund_ref_id": "59bd63fea5455", "status": "failed", "errorReason": "Invalid"},
        {"APIConnect": "DONE", "refund_ref_id": "59bd63fea5455"},
        {"APIConnect": "INVALID_REQUEST", "status": "INVALID_REQUEST"},
    ],
)
def test_sslcommerz_refund_query_answer_it_cannot_read_is_not_read_as_no_refund(answer: dict[str, str]) -> None:
    exchange = {"request": {"method": "GET", "path": TRANSACTION_PATH}, "response": {"status": 200, "json": answer}}
    with serve([exchange]) as replay, pytest.raises(GatewayRefused):
        ssl(replay).refund_status(SSL_PAID, "59bd63fea5455")


def test_sslcommerz_cancelled_refund_is_failed() -> None:
    answer = {"APIConnect": "DONE", "refund_ref_id": "59bd63fea5455", "status": "cancelled", "errorReason": ""}
    exchange = {"request": {"method": "GET", "path": TRANSACTION_PATH}, "response": {"status": 200, "json": answer}}
    with serve([exchange]) as replay:
        said = ssl(replay).refund_status(SSL_PAID, "59bd63fea5455")
    assert (said.state, said.raw_status) == ("failed", "cancelled")


def test_bkash_refund_status_sends_no_amount_and_finds_the_refund() -> None:
    with replaying("bkash_refund_status.json") as replay:
        said = bkash(replay).refund_status(BKASH_PAID, "")
    assert (said.state, said.refund_ref, said.raw_status) == ("refunded", "BFG60KR8MC", "Completed")
    assert replay.received[1]["json"] == {"paymentID": PID, "trxID": "BFF50JQ7LB"}


def test_bkash_refund_status_without_a_refund_is_no_refund() -> None:
    with replaying("bkash_refund_status_none.json") as replay:
        said = bkash(replay).refund_status(BKASH_PAID, "")
    assert (said.state, said.refund_ref) == (NO_REFUND, "")
    assert said.raw_status.startswith("2033")
    assert set(replay.received[1]["json"]) == {"paymentID", "trxID"}


@pytest.mark.parametrize(
    "answer",
    [
        {},
        {"statusCode": "0000", "statusMessage": "Successful"},
        {"statusCode": "2117", "statusMessage": "Payment execution already been called before"},
        {"statusCode": "9999", "statusMessage": "System Error"},
    ],
)
def test_bkash_refund_status_answer_it_cannot_read_is_not_read_as_no_refund(answer: dict[str, str]) -> None:
    exchanges = load("bkash_refund_status.json")
    exchanges[1] = {**exchanges[1], "response": {"status": 200, "json": answer}}
    with serve(exchanges) as replay, pytest.raises(GatewayRefused):
        bkash(replay).refund_status(BKASH_PAID, "")


def test_bkash_refund_of_an_already_reversed_transaction_is_ours_not_a_failure() -> None:
    with replaying("bkash_refund_repeated.json") as replay:
        result = bkash(replay).refund(BKASH_PAID, 11000, "application rejected", REFERENCE)
    assert (result.state, result.refund_ref) == ("pending", "")  # a status query will name it
    assert result.raw_status.startswith("2034")


def test_bkash_refund_status_needs_both_ids() -> None:
    unpaid = GatewayPayment("paid", PAY, 11000, "BDT", "BFF50JQ7LB")
    with pytest.raises(ValueError, match="paymentID"):
        BkashGateway("k", "s", "u", "p", "http://127.0.0.1:9").refund_status(unpaid, "")
