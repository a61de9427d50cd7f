"""The real SSLCommerz adapter against the local simulator: the whole hosted-checkout round trip."""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from chalicelib.adapters.payments.base import CheckoutRequest, GatewayRefused
from chalicelib.adapters.payments.sslcommerz import SslCommerzGateway, ipn_fields
from local import payment_gateway
from local.payment_gateway import SimulatorHandle

RETURN = "https://sonod.example/v1/payments/sslcommerz/return"


class IpnReceiver:
    """A loopback merchant endpoint that keeps every IPN form it is sent."""

    def __init__(self) -> None:
        self.forms: list[dict[str, str]] = []
        self.arrived = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                receiver.forms.append(dict(urllib.parse.parse_qsl(body)))
                receiver.arrived.set()
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/v1/payments/sslcommerz/ipn"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def open_page(url: str) -> tuple[int, str, str]:
    """GET without following redirects → (status, Location, body)."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=5) as response:
            return response.status, response.headers.get("Location", ""), response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location", ""), exc.read().decode()


def returned(location: str) -> dict[str, str]:
    assert location.startswith(RETURN + "?")
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))


@pytest.fixture(scope="module")
def sim() -> Iterator[SimulatorHandle]:
    handle = payment_gateway.start()
    yield handle
    handle.stop()


@pytest.fixture
def receiver() -> Iterator[IpnReceiver]:
    server = IpnReceiver()
    yield server
    server.stop()


def gateway(sim: SimulatorHandle, password: str = payment_gateway.LOCAL_STORE_PASSWORD) -> SslCommerzGateway:
    return SslCommerzGateway(payment_gateway.LOCAL_STORE_ID, password, sim.base_url)


def request(payment_id: str, ipn_url: str = "", poisha: int = 11000) -> CheckoutRequest:
    return CheckoutRequest(payment_id, poisha, "Sonod Sheba fee: citizenship", "01712345678", RETURN, ipn_url)


def test_success_round_trip_is_paid_with_the_right_amount(sim: SimulatorHandle) -> None:
    ssl = gateway(sim)
    started = ssl.start(request("PAY-SIM-OK"))
    assert started.redirect_url == f"{sim.base_url}/pay/{started.gateway_ref}"
    status, location, _ = open_page(started.redirect_url + "?outcome=success")
    assert status == 303
    back = returned(location)
    assert back["tran_id"] == "PAY-SIM-OK" and back["status"] == "VALID" and back["val_id"]

    paid = ssl.confirm("PAY-SIM-OK", started.gateway_ref, back)
    assert (paid.state, paid.payment_id, paid.amount_poisha, paid.currency) == ("paid", "PAY-SIM-OK", 11000, "BDT")
    assert (paid.gateway_txn, paid.raw_status, paid.method) == (back["val_id"], "VALID", "BKASH-BKash")
    again = ssl.confirm("PAY-SIM-OK", started.gateway_ref, back)
    assert (again.state, again.raw_status) == ("paid", "VALIDATED")
    found = ssl.query("PAY-SIM-OK", started.gateway_ref)
    assert (found.state, found.bank_txn) == ("paid", paid.bank_txn)

    refund = ssl.refund(paid, 11000, "withdrawn", "RFPAY-SIM-OK")
    assert refund.state == "refunded" and refund.refund_ref
    assert ssl.refund(paid, 1, "once more", "RFPAY-SIM-OK-2").state == "failed"  # never more than was paid


@pytest.mark.parametrize(
    ("outcome", "status", "state"), [("fail", "FAILED", "failed"), ("cancel", "CANCELLED", "cancelled")]
)
def test_fail_and_cancel_outcomes(sim: SimulatorHandle, outcome: str, status: str, state: str) -> None:
    ssl = gateway(sim)
    payment_id = f"PAY-SIM-{outcome}"
    started = ssl.start(request(payment_id))
    assert ssl.query(payment_id, started.gateway_ref).state == "pending"  # not attempted yet
    code, location, _ = open_page(started.redirect_url + f"?outcome={outcome}")
    back = returned(location)
    assert (code, back) == (303, {"tran_id": payment_id, "status": status})
    found = ssl.confirm(payment_id, started.gateway_ref, back)
    assert (found.state, found.raw_status, found.gateway_txn) == (state, status, "")


def test_forged_val_id_is_refused(sim: SimulatorHandle) -> None:
    with pytest.raises(GatewayRefused):
        gateway(sim).confirm("PAY-SIM-OK", "x", {"val_id": "2406151230451FORGED", "status": "VALID"})


def test_wrong_store_password_is_refused(sim: SimulatorHandle) -> None:
    with pytest.raises(GatewayRefused, match="Store Credential"):
        gateway(sim, password="guess").start(request("PAY-SIM-BAD"))
    with pytest.raises(GatewayRefused, match="INVALID_REQUEST"):
        gateway(sim, password="guess").query("PAY-SIM-BAD", "")


def test_too_small_an_amount_is_refused(sim: SimulatorHandle) -> None:
    with pytest.raises(GatewayRefused, match="Invalid Information"):
        gateway(sim).start(request("PAY-SIM-TINY", poisha=500))


def test_pages_for_open_unknown_and_finished_sessions(sim: SimulatorHandle) -> None:
    started = gateway(sim).start(request("PAY-SIM-PAGE"))
    status, _, body = open_page(started.redirect_url)
    assert status == 200 and "110.00" in body and "?outcome=success" in body and "পরিশোধ" in body
    assert open_page(f"{sim.base_url}/pay/UNKNOWN?outcome=success")[0] == 404
    assert open_page(started.redirect_url + "?outcome=cancel")[0] == 303
    assert open_page(started.redirect_url + "?outcome=success")[0] == 409
    assert open_page(started.redirect_url)[0] == 409


def test_ipn_is_delivered_and_confirms_the_payment(sim: SimulatorHandle, receiver: IpnReceiver) -> None:
    ssl = gateway(sim)
    started = ssl.start(request("PAY-SIM-IPN", ipn_url=receiver.url))
    open_page(started.redirect_url + "?outcome=success")
    assert receiver.arrived.wait(5)
    form = receiver.forms[0]
    assert {k: form[k] for k in ("tran_id", "status", "amount", "currency", "card_type")} == {
        "tran_id": "PAY-SIM-IPN",
        "status": "VALID",
        "amount": "110.00",
        "currency": "BDT",
        "card_type": "BKASH-BKash",
    }
    assert form["val_id"] and form["bank_tran_id"] and form["store_amount"] == "107.25"
    assert form["verify_sign"] and "val_id" in form["verify_key"].split(",")
    payment_id, callback = ipn_fields(form)
    assert ssl.confirm(payment_id, started.gateway_ref, callback).state == "paid"


def test_cancel_ipn_carries_no_val_id(sim: SimulatorHandle, receiver: IpnReceiver) -> None:
    started = gateway(sim).start(request("PAY-SIM-IPN-CANCEL", ipn_url=receiver.url))
    open_page(started.redirect_url + "?outcome=cancel")
    assert receiver.arrived.wait(5)
    assert receiver.forms[0]["status"] == "CANCELLED" and "val_id" not in receiver.forms[0]


def test_an_unreachable_ipn_url_does_not_break_the_return(sim: SimulatorHandle) -> None:
    started = gateway(sim).start(request("PAY-SIM-NO-IPN", ipn_url="http://127.0.0.1:9/ipn"))
    assert open_page(started.redirect_url + "?outcome=success")[0] == 303
