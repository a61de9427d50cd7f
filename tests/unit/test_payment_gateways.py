"""The SSLCommerz and bKash adapters against recorded exchanges in the gateways' documented shapes.

Each recording is a subset match on what the adapter sends, so these tests also pin the request
fields each gateway requires (and that no personal name or e-mail reaches SSLCommerz).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from chalicelib.adapters.payments.base import CheckoutRequest, GatewayPayment, GatewayRefused
from chalicelib.adapters.payments.bkash import BkashGateway
from chalicelib.adapters.payments.sslcommerz import SslCommerzGateway, amount_poisha, amount_string, ipn_fields
from tests.replay import Replay, load, serve

PAY = "PAY01HX5K2ZK8Q3"
VAL = "2406151230451GwHk8fQ2mNpL3x"
BANK = "240615123045pzM4WqT9sJd1Ac"
PID = "TR0011ON1718434238123"
SSL_RETURN = "https://api.sonodsheba.gov.bd/v1/payments/sslcommerz/return"
BKASH_RETURN = "https://api.sonodsheba.gov.bd/v1/payments/bkash/return"


@contextmanager
def replaying(name: str) -> Iterator[Replay]:
    with serve(load(name)) as replay:
        yield replay
    replay.assert_all_used()


def ssl(replay: Replay, password: str = "sonod0test@ssl") -> SslCommerzGateway:
    return SslCommerzGateway("sonod0test", password, replay.base_url)


def bkash(replay: Replay, clock: list[float] | None = None) -> BkashGateway:
    now = clock if clock is not None else [0.0]
    return BkashGateway(
        "sonod-test-app-key",
        "sonod-test-app-secret",
        "sonod-test-merchant",
        "sonod-test-merchant-password",
        replay.base_url,
        clock=lambda: now[0],
    )


def checkout(return_url: str) -> CheckoutRequest:
    return CheckoutRequest(
        payment_id=PAY,
        amount_poisha=11000,
        description="Sonod Sheba fee: citizenship",
        customer_phone="01712345678",
        return_url=return_url,
        ipn_url="https://api.sonodsheba.gov.bd/v1/payments/sslcommerz/ipn",
    )


def paid_bkash() -> GatewayPayment:
    return GatewayPayment("paid", PAY, 11000, "BDT", "BFF50JQ7LB", "bKash", extra={"paymentID": PID})


# ---- amounts


@pytest.mark.parametrize(
    ("poisha", "text"), [(11000, "110.00"), (5, "0.05"), (1050, "10.50"), (0, "0.00"), (123456789, "1234567.89")]
)
def test_amounts_convert_exactly_both_ways(poisha: int, text: str) -> None:
    assert amount_string(poisha) == text
    assert amount_poisha(text) == poisha


def test_gateway_amounts_without_decimals_or_as_numbers_are_read() -> None:
    assert amount_poisha("110") == 11000
    assert amount_poisha(110) == 11000
    assert amount_poisha("0.1") == 10


@pytest.mark.parametrize("text", ["110.005", "abc", "NaN", "Infinity", ""])
def test_amounts_that_are_not_whole_poisha_are_refused(text: str) -> None:
    with pytest.raises(GatewayRefused):
        amount_poisha(text)


# ---- SSLCommerz


def test_sslcommerz_session_start_sends_no_personal_name_and_returns_the_hosted_page() -> None:
    with replaying("sslcommerz_session_success.json") as replay:
        started = ssl(replay).start(checkout(SSL_RETURN))
    assert started.gateway_ref == "8F3C1A9E5B7D2046C1E9A3F5B7D90E21"
    assert started.redirect_url.startswith("https://sandbox.sslcommerz.com/EasyCheckOut/")


def test_sslcommerz_session_refused_with_the_gateways_reason() -> None:
    with replaying("sslcommerz_session_failed.json") as replay, pytest.raises(GatewayRefused, match="Store Credential"):
        ssl(replay, password="wrong-password").start(checkout(SSL_RETURN))


def test_sslcommerz_validation_valid_is_paid() -> None:
    with replaying("sslcommerz_validation_valid.json") as replay:
        paid = ssl(replay).confirm(PAY, "session", {"val_id": VAL, "tran_id": "forged", "amount": "1.00"})
    assert (paid.state, paid.payment_id, paid.amount_poisha, paid.currency) == ("paid", PAY, 11000, "BDT")
    assert (paid.gateway_txn, paid.bank_txn, paid.method, paid.raw_status) == (VAL, BANK, "BKASH-BKash", "VALID")
    assert paid.extra["risk_level"] == "0"


def test_sslcommerz_validation_of_a_duplicate_validated_is_still_paid() -> None:
    with replaying("sslcommerz_validation_validated.json") as replay:
        paid = ssl(replay).confirm(PAY, "session", {"val_id": VAL})
    assert (paid.state, paid.raw_status, paid.amount_poisha) == ("paid", "VALIDATED", 11000)


def test_sslcommerz_forged_val_id_is_refused() -> None:
    with replaying("sslcommerz_validation_invalid.json") as replay, pytest.raises(GatewayRefused):
        ssl(replay).confirm(PAY, "session", {"val_id": "2406151230451FORGEDval0000", "status": "VALID"})


def test_sslcommerz_mismatching_amount_is_reported_as_the_gateway_says() -> None:
    with replaying("sslcommerz_validation_amount_mismatch.json") as replay:
        paid = ssl(replay).confirm(PAY, "session", {"val_id": VAL})
    assert (paid.state, paid.amount_poisha) == ("paid", 1050)


def test_sslcommerz_query_without_any_attempt_is_pending() -> None:
    with replaying("sslcommerz_query_none.json") as replay:
        found = ssl(replay).query(PAY, "session")
    assert (found.state, found.payment_id, found.gateway_txn) == ("pending", PAY, "")


def test_sslcommerz_query_prefers_the_paid_attempt() -> None:
    with replaying("sslcommerz_query_valid.json") as replay:
        found = ssl(replay).query(PAY, "session")
    assert (found.state, found.gateway_txn, found.bank_txn, found.amount_poisha) == ("paid", VAL, BANK, 11000)


def test_sslcommerz_fail_callback_without_val_id_falls_back_to_the_latest_attempt() -> None:
    with replaying("sslcommerz_query_failed.json") as replay:
        found = ssl(replay).confirm(PAY, "session", {"tran_id": PAY, "status": "CANCELLED"})
    assert (found.state, found.raw_status, found.gateway_txn) == ("cancelled", "CANCELLED", "")


def test_sslcommerz_refund_by_bank_transaction() -> None:
    paid = GatewayPayment("paid", PAY, 11000, "BDT", VAL, "BKASH-BKash", bank_txn=BANK)
    with replaying("sslcommerz_refund.json") as replay:
        result = ssl(replay).refund(paid, 11000, "Application withdrawn before review", "RF" + PAY)
    assert (result.state, result.refund_ref, result.raw_status) == ("refunded", "59bd63fea5455", "success")


def test_sslcommerz_refund_needs_the_bank_transaction() -> None:
    with pytest.raises(ValueError, match="bank_tran_id"):
        unpaid = GatewayPayment("paid", PAY, 1, "BDT", VAL)
        SslCommerzGateway("s", "p", "http://127.0.0.1:9").refund(unpaid, 1, "x", "RF" + PAY)


def test_ipn_fields_keep_only_what_confirm_and_support_need() -> None:
    form = {"tran_id": PAY, "val_id": VAL, "status": "VALID", "amount": "110.00", "card_no": "432149XXXXXX0667"}
    payment_id, callback = ipn_fields(form)
    assert payment_id == PAY
    assert callback == {"tran_id": PAY, "val_id": VAL, "status": "VALID", "amount": "110.00"}
    with pytest.raises(ValueError, match="tran_id"):
        ipn_fields({"val_id": VAL})


# ---- bKash


def test_bkash_grant_and_create() -> None:
    with replaying("bkash_create.json") as replay:
        started = bkash(replay).start(checkout(BKASH_RETURN))
    assert started.gateway_ref == PID
    assert started.redirect_url.startswith("https://sandbox.payment.bkash.com/?paymentId=")


def test_bkash_create_refused_carries_the_status_message() -> None:
    with replaying("bkash_create_refused.json") as replay, pytest.raises(GatewayRefused, match="2007 Invalid"):
        bkash(replay).start(checkout(BKASH_RETURN))


def test_bkash_execute_completed_is_paid() -> None:
    with replaying("bkash_execute_completed.json") as replay:
        paid = bkash(replay).confirm(PAY, PID, {"paymentID": PID, "status": "success"})
    assert (paid.state, paid.payment_id, paid.amount_poisha, paid.currency) == ("paid", PAY, 11000, "BDT")
    assert (paid.gateway_txn, paid.method, paid.raw_status) == ("BFF50JQ7LB", "bKash", "Completed")
    assert paid.extra == {"paymentID": PID}


def test_bkash_mismatching_amount_is_reported_as_the_gateway_says() -> None:
    with replaying("bkash_execute_amount_mismatch.json") as replay:
        paid = bkash(replay).confirm(PAY, PID, {"paymentID": PID, "status": "success"})
    assert (paid.state, paid.amount_poisha) == ("paid", 1100)


def test_bkash_execute_failure_falls_back_to_the_status_query() -> None:
    with replaying("bkash_execute_fallback.json") as replay:
        paid = bkash(replay).confirm(PAY, PID, {"paymentID": PID, "status": "success"})
    assert (paid.state, paid.gateway_txn, paid.amount_poisha) == ("paid", "BFF50JQ7LB", 11000)


def test_bkash_cancel_callback_only_queries_and_trusts_the_stored_payment_id() -> None:
    with replaying("bkash_cancel.json") as replay:
        found = bkash(replay).confirm(PAY, PID, {"paymentID": "TR-someone-else", "status": "cancel"})
    assert (found.state, found.raw_status, found.gateway_txn) == ("cancelled", "Cancelled", "")


def test_bkash_refund() -> None:
    with replaying("bkash_refund.json") as replay:
        result = bkash(replay).refund(paid_bkash(), 11000, "Application withdrawn before review", "RF" + PAY)
    assert (result.state, result.refund_ref, result.raw_status) == ("refunded", "BFG60KR8MC", "Completed")


def test_bkash_refund_needs_the_payment_id() -> None:
    unpaid = GatewayPayment("paid", PAY, 11000, "BDT", "BFF50JQ7LB")
    with pytest.raises(ValueError, match="paymentID"):
        BkashGateway("k", "s", "u", "p", "http://127.0.0.1:9").refund(unpaid, 11000, "x", "RF" + PAY)


def test_bkash_token_is_granted_once_for_two_calls() -> None:
    with replaying("bkash_token_reuse.json") as replay:
        gateway = bkash(replay)
        gateway.start(checkout(BKASH_RETURN))
        found = gateway.query(PAY, PID)
    assert found.state == "pending"
    assert [r["path"] for r in replay.received].count("/tokenized/checkout/token/grant") == 1


def test_bkash_token_is_granted_again_before_it_expires() -> None:
    clock = [1000.0]
    with replaying("bkash_token_expiry.json") as replay:
        gateway = bkash(replay, clock)
        gateway.start(checkout(BKASH_RETURN))
        clock[0] += 3600 - 60  # an hour's token, a minute left: too close to use
        assert gateway.query(PAY, PID).state == "paid"


def test_bkash_token_rejected_early_is_granted_again_once() -> None:
    with replaying("bkash_token_revoked.json") as replay:
        assert bkash(replay).query(PAY, PID).state == "paid"
