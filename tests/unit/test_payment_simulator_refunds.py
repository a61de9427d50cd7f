"""The simulator's refunds, through the real SSLCommerz adapter: it remembers every refund, answers
the refund query, and recognises a repeated request by its refe_id, as the gateway does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from chalicelib.adapters.http_client import PartyUnavailable
from chalicelib.adapters.payments.base import GatewayPayment, GatewayRefused
from chalicelib.adapters.payments.sslcommerz import SslCommerzGateway
from local import payment_gateway
from local.payment_gateway import LOCAL_STORE_ID, LOCAL_STORE_PASSWORD, Session, SimulatorHandle


@pytest.fixture()
def sim() -> Iterator[SimulatorHandle]:
    handle = payment_gateway.start()
    yield handle
    handle.stop()


def paid(sim: SimulatorHandle, tran_id: str) -> tuple[GatewayPayment, Session]:
    form = {"store_id": LOCAL_STORE_ID, "store_passwd": LOCAL_STORE_PASSWORD, "tran_id": tran_id}
    opened = sim.simulator.open_session({**form, "total_amount": "100.00", "currency": "BDT"})
    sim.simulator.finish(opened["sessionkey"], "success")
    session = sim.simulator.sessions[opened["sessionkey"]]
    said = GatewayPayment("paid", tran_id, 10000, "BDT", session.val_id, bank_txn=session.bank_tran_id)
    return said, session


def ssl(sim: SimulatorHandle) -> SslCommerzGateway:
    return SslCommerzGateway(LOCAL_STORE_ID, LOCAL_STORE_PASSWORD, sim.base_url)


def test_a_repeated_refe_id_names_the_refund_it_has_and_pays_nothing(sim: SimulatorHandle) -> None:
    payment, session = paid(sim, "PAY-R1")
    first = ssl(sim).refund(payment, 4000, "rejected", "RFPAY-R1")
    again = ssl(sim).refund(payment, 4000, "rejected", "RFPAY-R1")
    assert (first.state, again.state) == ("refunded", "pending")
    assert again.refund_ref == first.refund_ref and again.raw_status == "processing"
    assert (session.refunded, len(sim.simulator.refunds), sim.simulator.initiations) == (40, 1, 2)
    other = ssl(sim).refund(payment, 4000, "rejected", "RFPAY-R1-second")  # a new refund is another matter
    assert other.state == "refunded" and session.refunded == 80


def test_a_refe_id_of_another_transaction_is_refused(sim: SimulatorHandle) -> None:
    one, _ = paid(sim, "PAY-R2")
    two, session = paid(sim, "PAY-R3")
    assert ssl(sim).refund(one, 1000, "rejected", "RFPAY-R2").state == "refunded"
    assert ssl(sim).refund(two, 1000, "rejected", "RFPAY-R2").state == "failed"
    assert session.refunded == 0


def test_the_refund_query_answers_by_refund_ref_id(sim: SimulatorHandle) -> None:
    payment, _ = paid(sim, "PAY-R4")
    done = ssl(sim).refund(payment, 10000, "rejected", "RFPAY-R4")
    said = ssl(sim).refund_status(payment, done.refund_ref)
    assert (said.state, said.refund_ref, said.raw_status) == ("refunded", done.refund_ref, "refunded")
    with pytest.raises(GatewayRefused):  # an id it never gave: not read as "no refund"
        ssl(sim).refund_status(payment, "RFNOSUCHREF")


def test_a_lost_answer_still_pays_and_the_caller_sees_the_line_drop(sim: SimulatorHandle) -> None:
    payment, session = paid(sim, "PAY-R5")
    sim.simulator.lose_refund_answers = 1
    with pytest.raises(PartyUnavailable):
        ssl(sim).refund(payment, 4000, "rejected", "RFPAY-R5")
    assert session.refunded == 40 and sim.simulator.lose_refund_answers == 0
    again = ssl(sim).refund(payment, 4000, "rejected", "RFPAY-R5")
    assert again.state == "pending" and session.refunded == 40
