"""A refund retried is never a refund paid twice (services/refunds.py, DESIGN: money moves once).

The outcome of a refund request can be unknown: the call timed out after the gateway accepted, or
the Lambda died between the call and the record. The retry then asks the gateway before sending
(bKash: refund status by payment; SSLCommerz: a repeated request with the same refe_id, which it
recognises). Tested against two gateways: `Ledger`, a bKash-like gateway that pays every request
it gets (so a second request shows as a second payment), and the SSLCommerz simulator over HTTP.
The race runs against the embedded AWS (moto server, one request at a time, as DynamoDB is atomic).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from chalicelib.adapters import payment_records as repo
from chalicelib.adapters.http_client import PartyUnavailable
from chalicelib.adapters.payments.base import NO_REFUND, GatewayPayment, RefundResult, refund_reference
from chalicelib.adapters.payments.sslcommerz import SslCommerzGateway
from chalicelib.adapters.tables import Payment
from chalicelib.domain import codes
from chalicelib.domain.clock import utc_stamp
from chalicelib.services import reconciliation, refunds
from local import payment_gateway
from local.payment_gateway import LOCAL_STORE_ID, LOCAL_STORE_PASSWORD, Session, SimulatorHandle

PAST = "2000-01-01T00:00:00+00:00"
REFUND = 4000  # under half of what was paid: a second refund would go through if it were sent


class Ledger:
    """A gateway that knows refunds by payment (as bKash does) and pays every request it gets.
    `faults` are the next requests' fates: "lost" (paid, the answer never arrives), "down" (never
    arrives), "crash" is not a gateway fault (see the test)."""

    def __init__(self, *faults: str) -> None:
        self.faults = list(faults)
        self.paid: dict[str, list[int]] = {}
        self.requests = 0
        self.queries = 0
        self.status_down = False

    def refund(self, paid: GatewayPayment, amount_poisha: int, reason: str, reference: str) -> RefundResult:
        self.requests += 1
        fault = self.faults.pop(0) if self.faults else ""
        if fault == "down":
            raise PartyUnavailable("timeout")
        self.paid.setdefault(paid.payment_id, []).append(amount_poisha)
        if fault == "lost":
            raise PartyUnavailable("timeout")
        return RefundResult("refunded", f"R{self.requests}", "Completed")

    def refund_status(self, paid: GatewayPayment, refund_ref: str) -> RefundResult:
        self.queries += 1
        if self.status_down:
            raise PartyUnavailable("timeout")
        if paid.payment_id in self.paid:
            return RefundResult("refunded", f"R{len(self.paid[paid.payment_id])}", "Completed")
        return RefundResult(NO_REFUND, "", "2033 Transaction not found")


@pytest.fixture()
def stale_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reconciliation looks at every open payment whose check_at has come."""
    from chalicelib.config import settings

    monkeypatch.setenv("PAYMENT_STALE_SECONDS", "0")
    settings.cache_clear()


def use(monkeypatch: pytest.MonkeyPatch, gateway: Any) -> None:
    monkeypatch.setattr(refunds, "gateway", lambda name: gateway)


def paid_payment(gateway: str, confirmation: dict[str, Any], amount: int = 10000) -> Payment:
    stamp = utc_stamp()
    payment = Payment(
        codes.new_code(),
        case_id="NO-SUCH-CASE",  # nobody to tell: these tests are about the money
        gateway=gateway,
        amount=amount,
        state="paid",
        created_at=stamp,
        paid_at=stamp,
        confirmation=confirmation,
    )
    repo.create(payment)
    return Payment.get(payment.payment_id)


def bkash_payment() -> Payment:
    return paid_payment("bkash", {"gateway_txn": "BFF50JQ7LB", "method": "bKash", "extra": {"paymentID": "TR001"}})


def due_now(payment_id: str, lease_ran_out: bool = False) -> Payment:
    """Time passes: the retry is due (and, for a holder that died, its lease has run out)."""
    payment = Payment.get(payment_id)
    actions = [Payment.check_at.set(PAST)]
    if lease_ran_out:
        actions.append(Payment.refund_lease_until.set(0))
    payment.update(actions=actions)
    return payment


def row(payment_id: str) -> Payment:
    return Payment.get(payment_id)


# ---- the retry asks first (a bKash-like gateway)


def test_accepted_but_the_answer_lost_is_found_and_not_sent_again(
    aws_env: Any, stale_now: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = Ledger("lost")
    use(monkeypatch, ledger)
    payment = bkash_payment()
    assert refunds.start(payment, REFUND)
    left = row(payment.payment_id)
    assert (left.refund_state, left.open, left.refund_attempts) == ("retry", "pending", 1)
    assert left.refund_sent_at and left.refund_reference == refund_reference(payment.payment_id)

    due_now(payment.payment_id)
    assert reconciliation.reconcile()["refunds"] == 1
    assert ledger.paid == {payment.payment_id: [REFUND]}  # paid once
    assert (ledger.requests, ledger.queries) == (1, 1)  # asked, and sent nothing
    done = row(payment.payment_id)
    assert (done.refund_state, done.open, done.check_at, done.refund_attempts) == ("refunded", None, None, 1)
    assert done.refund["state"] == "refunded" and done.refund_gateway_ref == "R1"


def test_never_arrived_is_sent_exactly_once_more(
    aws_env: Any, stale_now: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = Ledger("down")
    use(monkeypatch, ledger)
    payment = bkash_payment()
    refunds.start(payment, REFUND)
    assert row(payment.payment_id).refund_state == "retry"

    due_now(payment.payment_id)
    reconciliation.reconcile()
    assert ledger.paid == {payment.payment_id: [REFUND]}
    assert (ledger.requests, ledger.queries) == (2, 1)  # the lost one, then exactly one after asking
    done = row(payment.payment_id)
    assert (done.refund_state, done.refund_attempts, done.open) == ("refunded", 2, None)
    due_now(payment.payment_id)  # nothing is left open: later runs find nothing to do
    assert reconciliation.reconcile()["refunds"] == 0 and ledger.requests == 2


def test_a_crash_between_the_call_and_the_record_is_found_after_the_lease(
    aws_env: Any, stale_now: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = Ledger()
    use(monkeypatch, ledger)
    payment = bkash_payment()
    real_record = repo.record_refund

    def die(*args: Any, **kwargs: Any) -> bool:
        raise RuntimeError("the Lambda was stopped")

    monkeypatch.setattr(repo, "record_refund", die)
    with pytest.raises(RuntimeError):
        refunds.start(payment, REFUND)
    monkeypatch.setattr(repo, "record_refund", real_record)
    held = row(payment.payment_id)
    assert held.refund_state == "sending" and held.refund_sent_at  # the mark outlived the sender
    assert ledger.paid == {payment.payment_id: [REFUND]}

    due_now(payment.payment_id)
    reconciliation.reconcile()  # the dead sender's lease still holds: nobody touches it
    assert (ledger.requests, ledger.queries) == (1, 0)
    due_now(payment.payment_id, lease_ran_out=True)
    reconciliation.reconcile()
    assert (ledger.requests, ledger.queries) == (1, 1)
    assert row(payment.payment_id).refund_state == "refunded"


def test_a_status_query_that_cannot_be_answered_sends_nothing(
    aws_env: Any, stale_now: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = Ledger("down")
    use(monkeypatch, ledger)
    payment = bkash_payment()
    refunds.start(payment, REFUND)
    ledger.status_down = True
    due_now(payment.payment_id)
    reconciliation.reconcile()
    assert (ledger.requests, ledger.queries) == (1, 1)  # unknown is not "no refund"
    assert row(payment.payment_id).refund_state == "retry"
    ledger.status_down = False
    due_now(payment.payment_id)
    reconciliation.reconcile()
    assert ledger.paid == {payment.payment_id: [REFUND]} and row(payment.payment_id).refund_state == "refunded"


def test_a_retry_left_from_before_the_mark_existed_asks_first(
    aws_env: Any, stale_now: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = Ledger()
    use(monkeypatch, ledger)
    payment = bkash_payment()
    ledger.paid[payment.payment_id] = [REFUND]  # an earlier request went through; its answer was lost
    left = {"amount": REFUND, "at": PAST, "state": "retry", "error": "PartyUnavailable"}
    payment.update(
        actions=[
            Payment.refund_state.set("retry"),
            Payment.refund_lease_until.set(0),
            Payment.refund.set(left),
            Payment.open.set("pending"),
            Payment.check_at.set(PAST),
        ]
    )
    reconciliation.reconcile()
    assert (ledger.requests, ledger.queries) == (0, 1)
    assert row(payment.payment_id).refund_state == "refunded"


def test_a_holder_whose_lease_was_taken_over_sends_nothing(aws_env: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = Ledger()
    use(monkeypatch, ledger)
    payment = bkash_payment()
    stamp, now = utc_stamp(), 1_000_000
    claimed = repo.claim_refund(payment.payment_id, REFUND, stamp, now)
    assert claimed is not None
    slow = claimed.until
    assert repo.claim_refund(payment.payment_id, REFUND, stamp, now) is None  # held
    later = repo.claim_refund(payment.payment_id, REFUND, stamp, slow + 1)  # it ran out
    assert later is not None and later.until > slow
    assert not repo.mark_refund_sent(payment.payment_id, "RF", slow, stamp)
    stored = repo.get(payment.payment_id)
    assert stored is not None
    refunds._send(stored, REFUND, slow, False)  # the slow one wakes up
    assert ledger.requests == 0
    record = {"amount": REFUND, "at": stamp, "state": "refunded", "ref": "X"}
    assert not repo.record_refund(payment.payment_id, record, "refunded", None, slow)
    assert row(payment.payment_id).refund_state == "sending"  # still the new holder's


# ---- SSLCommerz: the simulator, over HTTP


@pytest.fixture()
def sim() -> Iterator[SimulatorHandle]:
    handle = payment_gateway.start()
    yield handle
    handle.stop()


def ssl_at(base_url: str) -> SslCommerzGateway:
    return SslCommerzGateway(LOCAL_STORE_ID, LOCAL_STORE_PASSWORD, base_url)


def paid_at_simulator(sim: SimulatorHandle) -> tuple[Payment, Session]:
    """A payment the simulator took (100 taka), recorded as paid on our side."""
    payment_id = codes.new_code()
    form = {"store_id": LOCAL_STORE_ID, "store_passwd": LOCAL_STORE_PASSWORD, "tran_id": payment_id}
    opened = sim.simulator.open_session({**form, "total_amount": "100.00", "currency": "BDT"})
    sim.simulator.finish(opened["sessionkey"], "success")
    session = sim.simulator.sessions[opened["sessionkey"]]
    confirmation = {"gateway_txn": session.val_id, "bank_txn": session.bank_tran_id, "method": "BKASH-BKash"}
    return paid_payment("sslcommerz", confirmation), session


def test_sslcommerz_answer_lost_is_recognised_and_paid_once(
    aws_env: Any, stale_now: None, sim: SimulatorHandle, monkeypatch: pytest.MonkeyPatch
) -> None:
    use(monkeypatch, ssl_at(sim.base_url))
    payment, session = paid_at_simulator(sim)
    sim.simulator.lose_refund_answers = 1
    refunds.start(payment, REFUND)
    assert row(payment.payment_id).refund_state == "retry"
    assert len(sim.simulator.refunds) == 1  # the gateway did it; we do not know yet

    due_now(payment.payment_id)
    reconciliation.reconcile()  # no refund_ref_id to ask by: the same refe_id again is recognised
    [refund] = sim.simulator.refunds.values()
    assert (sim.simulator.initiations, session.refunded) == (2, 40)  # asked twice, paid once
    pending = row(payment.payment_id)
    assert (pending.refund_state, pending.open) == ("pending", "pending")
    assert pending.refund_gateway_ref == refund.refund_ref_id

    due_now(payment.payment_id)
    reconciliation.reconcile()  # now asked by refund_ref_id, with the refund query
    done = row(payment.payment_id)
    assert (done.refund_state, done.open, done.refund_attempts) == ("refunded", None, 2)
    assert (sim.simulator.initiations, len(sim.simulator.refunds), session.refunded) == (2, 1, 40)


def test_sslcommerz_unreachable_then_sent_once(
    aws_env: Any, stale_now: None, sim: SimulatorHandle, monkeypatch: pytest.MonkeyPatch
) -> None:
    use(monkeypatch, ssl_at("http://127.0.0.1:9"))  # nobody listens
    payment, session = paid_at_simulator(sim)
    refunds.start(payment, REFUND)
    assert row(payment.payment_id).refund_state == "retry"
    use(monkeypatch, ssl_at(sim.base_url))
    due_now(payment.payment_id)
    reconciliation.reconcile()
    assert (sim.simulator.initiations, len(sim.simulator.refunds), session.refunded) == (1, 1, 40)
    assert row(payment.payment_id).refund_state == "refunded"


# ---- racing reconciliations, against the embedded AWS


@pytest.fixture()
def embedded_aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from chalicelib.adapters import tables
    from local import moto_server, resources

    aws = moto_server.start()
    monkeypatch.setenv("AWS_ENDPOINT_URL", aws.endpoint_url)
    monkeypatch.setenv("PAYMENT_STALE_SECONDS", "0")
    resources.reset_process_caches()
    tables.bind(aws.endpoint_url)
    resources.create_tables()
    yield
    aws.stop()
    monkeypatch.undo()
    tables.bind(None)
    resources.reset_process_caches()


def race(runs: int, job: Callable[[], Any]) -> None:
    start = threading.Barrier(runs)

    def run() -> None:
        start.wait()
        job()

    threads = [threading.Thread(target=run) for _ in range(runs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)


@pytest.mark.parametrize("first", ["lost", "down"])
def test_concurrent_reconciliations_send_one_request(
    embedded_aws: None, sim: SimulatorHandle, monkeypatch: pytest.MonkeyPatch, first: str
) -> None:
    payment, session = paid_at_simulator(sim)
    if first == "lost":  # the gateway paid, the answer was lost
        use(monkeypatch, ssl_at(sim.base_url))
        sim.simulator.lose_refund_answers = 1
    else:  # the request never got there
        use(monkeypatch, ssl_at("http://127.0.0.1:9"))
    refunds.start(payment, REFUND)
    assert row(payment.payment_id).refund_state == "retry"
    use(monkeypatch, ssl_at(sim.base_url))
    before = sim.simulator.initiations
    sim.simulator.refund_delay = 0.3  # the winner is still at the gateway while the others look
    due_now(payment.payment_id)

    race(6, reconciliation.reconcile)
    assert sim.simulator.initiations - before == 1  # one request, from the one lease holder
    assert (len(sim.simulator.refunds), session.refunded) == (1, 40)
    assert row(payment.payment_id).refund_state in ("refunded", "pending")
