"""A local SSLCommerz: the v4 session, hosted page, IPN, validation, query, refund and refund query APIs.

It speaks the same HTTP as SSLCommerz, so the real adapter (`SslCommerzGateway`) runs against it
unchanged, and `make run` users can pay without a sandbox account: the "hosted page" is three
links (success, fail, cancel). What the real gateway does differently, on purpose not copied: it
POSTs the browser back to success_url/fail_url/cancel_url; here the browser is sent back with a
303 and the fields in the query string, which is all the service reads from a return anyway.

State is in memory behind one lock. Nothing personal is logged (nothing is logged at all).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import html
import json
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from chalicelib.adapters.http_client import PartyUnavailable, call

SESSION_PATH = "/gwprocess/v4/api.php"
VALIDATION_PATH = "/validator/api/validationserverAPI.php"
TRANSACTION_PATH = "/validator/api/merchantTransIDvalidationAPI.php"
CARD_TYPE = "BKASH-BKash"
LOCAL_STORE_ID = "sonod-local"  # the local stage's credentials: demo data, not a secret
LOCAL_STORE_PASSWORD = "sonod-local-secret"
FEE = Decimal("0.025")  # what SSLCommerz keeps; store_amount is the rest
OUTCOMES = {"success": "VALID", "fail": "FAILED", "cancel": "CANCELLED"}
PAGE = """<!doctype html><html lang="bn"><head><meta charset="utf-8"><title>SSLCommerz (local)</title></head>
<body><h1>পরীক্ষামূলক পেমেন্ট / Simulated payment</h1><p>৳ {amount} {currency}</p><ul>
<li><a href="?outcome=success">পরিশোধ করুন / Pay</a></li>
<li><a href="?outcome=fail">ব্যর্থ / Fail</a></li>
<li><a href="?outcome=cancel">বাতিল / Cancel</a></li></ul></body></html>"""
CLOSED = "এই পেমেন্ট আর খোলা নেই / This payment is not open"


@dataclass
class Session:
    sessionkey: str
    tran_id: str
    amount: Decimal
    currency: str
    return_urls: dict[str, str]  # VALID/FAILED/CANCELLED → where the browser goes back
    ipn_url: str
    status: str = "PENDING"
    val_id: str = ""
    bank_tran_id: str = ""
    tran_date: str = ""
    validated: bool = False
    refunded: Decimal = Decimal(0)

    def record(self) -> dict[str, str]:
        """The fields the validation and query APIs answer with."""
        status = "VALIDATED" if self.validated else self.status
        return {
            "status": status,
            "tran_date": self.tran_date,
            "tran_id": self.tran_id,
            "val_id": self.val_id,
            "amount": f"{self.amount:.2f}",
            "store_amount": f"{self.amount * (1 - FEE):.2f}",
            "currency": self.currency,
            "bank_tran_id": self.bank_tran_id,
            "card_type": CARD_TYPE,
            "risk_level": "0",
            "risk_title": "Safe",
        }


@dataclass
class Refund:
    refund_ref_id: str  # the gateway's id, which the refund query asks by
    refe_id: str  # the merchant's reference: a second request naming it is the same refund
    bank_tran_id: str
    tran_id: str
    amount: Decimal
    initiated_on: str = field(default_factory=lambda: time.strftime("%Y-%m-%d %H:%M:%S"))


@dataclass
class Simulator:
    store_id: str
    store_password: str
    base_url: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)
    sessions: dict[str, Session] = field(default_factory=dict)
    refunds: dict[str, Refund] = field(default_factory=dict)  # by refund_ref_id: the money paid back
    initiations: int = 0  # refund requests received, repeated ones included
    lose_refund_answers: int = 0  # tests' fault, see refund_answer_lost
    refund_delay: float = 0.0  # seconds each refund answer takes (tests: keep racers in flight)

    def credentials_ok(self, fields: dict[str, str]) -> bool:
        return fields.get("store_id") == self.store_id and secrets.compare_digest(
            fields.get("store_passwd", "").encode(), self.store_password.encode()
        )

    def open_session(self, form: dict[str, str]) -> dict[str, Any]:
        """The session API: remember the checkout, point the browser at /pay/{sessionkey}."""
        if not self.credentials_ok(form):
            return {"status": "FAILED", "failedreason": "Store Credential Error Or Store is De-active"}
        try:
            amount = Decimal(form.get("total_amount", ""))
        except InvalidOperation:
            amount = Decimal(0)
        if not form.get("tran_id") or not amount.is_finite() or amount < 10 or form.get("currency") != "BDT":
            return {"status": "FAILED", "failedreason": "Invalid Information: tran_id, total_amount or currency"}
        urls = {"VALID": "success_url", "FAILED": "fail_url", "CANCELLED": "cancel_url"}
        session = Session(
            sessionkey=secrets.token_hex(16).upper(),
            tran_id=form["tran_id"],
            amount=amount,
            currency="BDT",
            return_urls={status: form.get(key, "") for status, key in urls.items()},
            ipn_url=form.get("ipn_url", ""),
        )
        with self.lock:
            self.sessions[session.sessionkey] = session
        page = f"{self.base_url}/pay/{session.sessionkey}"
        return {"status": "SUCCESS", "failedreason": "", "sessionkey": session.sessionkey, "GatewayPageURL": page}

    def page(self, sessionkey: str) -> tuple[int, str]:
        """The hosted page: 200 and the amount while open, 404 unknown, 409 already finished."""
        with self.lock:
            session = self.sessions.get(sessionkey)
            if session is None or session.status != "PENDING":
                return (404 if session is None else 409), ""
            return 200, f"{session.amount:.2f}"

    def finish(self, sessionkey: str, outcome: str) -> tuple[int, str, str, dict[str, str]]:
        """The citizen's choice on the hosted page → (HTTP status, where the browser goes back,
        the ipn_url, the IPN form). 404 unknown session, 409 already finished."""
        with self.lock:
            session = self.sessions.get(sessionkey)
            if session is None or session.status != "PENDING":
                return (404 if session is None else 409), "", "", {}
            session.status = OUTCOMES[outcome]
            session.tran_date = time.strftime("%Y-%m-%d %H:%M:%S")
            if session.status == "VALID":
                session.val_id = f"{time.strftime('%y%m%d%H%M%S')}{secrets.token_hex(6)}"
                session.bank_tran_id = f"{time.strftime('%y%m%d%H%M%S')}{secrets.randbelow(10**6):06d}"
            fields = {"tran_id": session.tran_id, "val_id": session.val_id, "status": session.status}
            back = _back(session.return_urls[session.status], {k: v for k, v in fields.items() if v})
            return 303, back, session.ipn_url, self.ipn_form(session)

    def validate(self, val_id: str) -> dict[str, Any]:
        """The validation API: VALID the first time, VALIDATED afterwards."""
        with self.lock:
            session = next((s for s in self.sessions.values() if val_id and s.val_id == val_id), None)
            if session is None:
                return {"APIConnect": "DONE", "status": "INVALID_TRANSACTION", "tran_id": "", "val_id": ""}
            answer: dict[str, Any] = {"APIConnect": "DONE", **session.record()}
            session.validated = True
            return answer

    def transactions(self, tran_id: str) -> dict[str, Any]:
        """The transaction query API: every attempt for a tran_id (unattempted sessions are not
        transactions yet)."""
        with self.lock:
            found = [s.record() for s in self.sessions.values() if s.tran_id == tran_id and s.status != "PENDING"]
        return {"APIConnect": "DONE", "no_of_trans_found": len(found), "element": found}

    def refund(self, bank_tran_id: str, amount_text: str, refe_id: str = "") -> dict[str, Any]:
        """The refund API: at most what was paid, in total, over any number of refunds. A request
        naming a refe_id this transaction's refund already has is the same refund asked for again:
        answered `processing` with that refund's refund_ref_id, and nothing more is paid."""
        answer: dict[str, Any] = {
            "APIConnect": "DONE",
            "bank_tran_id": bank_tran_id,
            "trans_id": "",
            "refund_ref_id": "",
        }
        try:
            amount = Decimal(amount_text)
        except InvalidOperation:
            return {**answer, "status": "failed", "errorReason": "Invalid refund_amount"}
        with self.lock:
            self.initiations += 1
            paid = [s for s in self.sessions.values() if s.bank_tran_id and s.bank_tran_id == bank_tran_id]
            if not paid:
                return {**answer, "status": "failed", "errorReason": "Invalid bank_tran_id"}
            session = paid[0]
            earlier = self._refund_named(refe_id)
            if earlier is not None and earlier.bank_tran_id != bank_tran_id:
                return {**answer, "status": "failed", "errorReason": "refe_id already used"}
            if earlier is not None:
                ref = earlier.refund_ref_id
                return {**answer, "trans_id": session.tran_id, "refund_ref_id": ref, "status": "processing"}
            if not amount.is_finite() or amount <= 0 or session.refunded + amount > session.amount:
                return {**answer, "status": "failed", "errorReason": "Refund amount exceeds the paid amount"}
            session.refunded += amount
            refund = Refund(f"RF{secrets.token_hex(6).upper()}", refe_id, bank_tran_id, session.tran_id, amount)
            self.refunds[refund.refund_ref_id] = refund
        return {**answer, "trans_id": session.tran_id, "refund_ref_id": refund.refund_ref_id, "status": "success"}

    def _refund_named(self, refe_id: str) -> Refund | None:
        return next((r for r in self.refunds.values() if refe_id and r.refe_id == refe_id), None)

    def refund_status(self, refund_ref_id: str) -> dict[str, Any]:
        """The refund query API, by the refund_ref_id the refund API answered with. Refunds here
        complete at once; an id it never gave is not a refund (`failed`)."""
        with self.lock:
            refund = self.refunds.get(refund_ref_id)
        if refund is None:
            return {"APIConnect": "DONE", "refund_ref_id": refund_ref_id, "status": "failed", "errorReason": "Invalid"}
        return {
            "APIConnect": "DONE",
            "bank_tran_id": refund.bank_tran_id,
            "tran_id": refund.tran_id,
            "refund_ref_id": refund.refund_ref_id,
            "initiated_on": refund.initiated_on,
            "refunded_on": refund.initiated_on,
            "status": "refunded",
            "errorReason": "",
        }

    def refund_answer_lost(self) -> bool:
        """Tests' fault: the next `lose_refund_answers` refund requests are carried out, and their
        answers never sent (as when the merchant's call times out after the gateway accepted)."""
        with self.lock:
            if self.lose_refund_answers <= 0:
                return False
            self.lose_refund_answers -= 1
            return True

    def ipn_form(self, session: Session) -> dict[str, str]:
        """What SSLCommerz POSTs to the ipn_url, signed the way SSLCommerz signs it: md5 over the
        sorted `key=value` pairs of verify_key plus store_passwd=md5(password)."""
        record = session.record()
        form = {k: record[k] for k in ("tran_id", "val_id", "amount", "currency", "status", "bank_tran_id")}
        form.update(store_amount=record["store_amount"], card_type=CARD_TYPE, tran_date=session.tran_date)
        form = {k: v for k, v in form.items() if v}
        keys = ",".join(form)
        signed = {**form, "store_passwd": _md5(self.store_password)}
        form["verify_sign"] = _md5("&".join(f"{k}={signed[k]}" for k in sorted(signed)))
        form["verify_key"] = keys
        return form


def _md5(text: str) -> str:
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def _post_ipn(url: str, form: dict[str, str]) -> None:
    """Deliver an IPN; a merchant that is down simply misses it (reconciliation queries later)."""
    with contextlib.suppress(PartyUnavailable, ValueError):
        call("POST", url, form=form, timeout=5)


def _back(url: str, fields: dict[str, str]) -> str:
    return f"{url}{'&' if '?' in url else '?'}{urllib.parse.urlencode(fields)}"


class _Handler(BaseHTTPRequestHandler):
    simulator: Simulator  # set on the subclass made by `start`

    def _send(self, status: int, body: bytes, content_type: str, location: str = "") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _json(self, data: dict[str, Any]) -> None:
        self._send(200, json.dumps(data).encode(), "application/json")

    def _page(self, status: int, text: str) -> None:
        self._send(status, text.encode(), "text/html; charset=utf-8")

    def do_POST(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        length = int(self.headers.get("Content-Length") or 0)
        form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8", "replace")))
        if path != SESSION_PATH:
            self._page(404, "Not found")
            return
        self._json(self.simulator.open_session(form))

    def do_GET(self) -> None:
        parts = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(parts.query))
        if parts.path.startswith("/pay/"):
            self._pay(parts.path.removeprefix("/pay/"), query.get("outcome", ""))
        elif parts.path in (VALIDATION_PATH, TRANSACTION_PATH):
            self._api(parts.path, query)
        else:
            self._page(404, "Not found")

    def _api(self, path: str, query: dict[str, str]) -> None:
        sim = self.simulator
        if not sim.credentials_ok(query):
            self._json({"APIConnect": "INVALID_REQUEST", "status": "INVALID_REQUEST"})
        elif path == VALIDATION_PATH:
            self._json(sim.validate(query.get("val_id", "")))
        elif "refund_ref_id" in query:
            self._json(sim.refund_status(query["refund_ref_id"]))
        elif "bank_tran_id" in query:
            self._refund(query)
        else:
            self._json(sim.transactions(query.get("tran_id", "")))

    def _refund(self, query: dict[str, str]) -> None:
        sim = self.simulator
        answer = sim.refund(query["bank_tran_id"], query.get("refund_amount", ""), query.get("refe_id", ""))
        time.sleep(sim.refund_delay)
        if sim.refund_answer_lost():
            self.close_connection = True  # done, but nothing answered: the caller sees the line drop
            return
        self._json(answer)

    def _pay(self, sessionkey: str, outcome: str) -> None:
        if outcome not in OUTCOMES:
            status, amount = self.simulator.page(sessionkey)
            text = PAGE.format(amount=html.escape(amount), currency="BDT") if status == 200 else CLOSED
            self._page(status, text)
            return
        status, back, ipn_url, form = self.simulator.finish(sessionkey, outcome)
        if status != 303:
            self._page(status, CLOSED)
            return
        if ipn_url:
            threading.Thread(target=_post_ipn, args=(ipn_url, form), daemon=True).start()
        self._send(303, b"", "text/plain", location=back)

    def log_message(self, format: str, *args: Any) -> None:
        return  # request lines carry val_ids and store passwords: log nothing


@dataclass
class SimulatorHandle:
    server: ThreadingHTTPServer
    thread: threading.Thread
    simulator: Simulator

    @property
    def base_url(self) -> str:
        return self.simulator.base_url

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def start(port: int = 0, store_id: str = LOCAL_STORE_ID, store_password: str = LOCAL_STORE_PASSWORD) -> SimulatorHandle:
    """Serve the simulator on 127.0.0.1:`port` (0: any free port) in a daemon thread."""
    simulator = Simulator(store_id, store_password)
    handler = type("SimulatorHandler", (_Handler,), {"simulator": simulator})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    simulator.base_url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, name="sslcommerz-simulator", daemon=True)
    thread.start()
    return SimulatorHandle(server, thread, simulator)


def main() -> None:
    """`python -m local.payment_gateway --port 8089`: the simulator on its own, until Ctrl-C."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--port", type=int, default=8089)
    handle = start(parser.parse_args().port)
    print(f"SSLCommerz simulator on {handle.base_url} (store_id {LOCAL_STORE_ID})")
    with contextlib.suppress(KeyboardInterrupt):
        handle.thread.join()
    handle.stop()


if __name__ == "__main__":
    main()
