"""The whole municipal revenue path through the API (issue 14, "done when"): an assessor registers
a holding and runs the year's demand, its owner sees the dues on their phone and pays part online,
the tax collector takes part in cash, both receipts are signed and verify offline with the published
trust and status lists, the office cancels one with a reason and adjusts the holding — and the
ledger adds up at every step."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from chalicelib.adapters import certificates, ledger
from chalicelib.domain.clock import today_bd
from chalicelib.domain.revenue.fiscal import fiscal_year_of
from local import stack as local_stack
from tests.integration.live import http, login, sign_in
from tests.integration.test_citizen_journey import open_checkout
from tests.integration.test_receipt_documents import _office_key_name, _qr_of, offline, stored_pdf

OFFICE = "pourashava-savar"
OWNER = "01711000001"
HOLDING = {
    "number": "৭/১২-খ",
    "ward": 2,
    "village": "ব্যাংক কলোনি",
    "owners": [{"name": "রহিমা খাতুন", "phone": OWNER, "share": "1/1"}],
    "use": "residential",
    "land_area_sqm": 160,
    "construction_class": "pucca",
    "floors": [
        {"built_area_sqm": 90, "use": "residential", "occupancy": "owner"},
        {"built_area_sqm": 90, "use": "residential", "occupancy": "rented", "monthly_rent": 1_200_000},
    ],
}


def ok(result: tuple[int, Any], status: int = 200) -> Any:
    assert result[0] == status, result
    return result[1]


def _render_and_read(live: local_stack.Stack, receipt_no: str, token: str, tmp_path: Path, taka: str) -> str:
    """The receipt's signed PDF, made from the revenue stream: its QR as zbarimg reads it."""
    live.pump.drain(4)
    receipt = ok(http(live.api_url, "GET", f"/v1/receipts/{receipt_no}", token=token))
    assert receipt["pdf_url"], receipt
    record = certificates.get(receipt_no)
    assert record is not None
    tmp_path.mkdir(parents=True, exist_ok=True)
    return _qr_of(stored_pdf(record), tmp_path, receipt_no, _office_key_name(record.kid), ("রহিমা খাতুন", taka))


def test_register_assess_bill_pay_verify_cancel_adjust(live: local_stack.Stack, tmp_path: Path) -> None:
    base = live.api_url

    def api(method: str, path: str, body: Any = None, token: str | None = None) -> tuple[int, Any]:
        return http(base, method, path, body, token)

    assessor = login(base, f"{OFFICE}.assessor")
    collector = login(base, f"{OFFICE}.tax-collector")
    head = login(base, f"{OFFICE}.signatory")
    year = fiscal_year_of(today_bd())

    # register and assess
    holding = ok(api("POST", f"/v1/offices/{OFFICE}/holdings", HOLDING, assessor), 201)
    hid = holding["holding_id"]
    assessment = ok(api("GET", f"/v1/holdings/{hid}/assessment", token=assessor))
    # owner-occupied 90 m² at the standard Tk 40/m² a month + Tk 12,000 rent, less 2 months' repairs
    assert assessment["annual_value"] == (90 * 4_000 + 1_200_000) * 10
    assert assessment["tax"] == {"holding_tax": 1_092_000, "conservancy": 1_092_000, "lighting": 468_000}

    # the year's demand, fanned out through the queue
    run = ok(api("POST", f"/v1/offices/{OFFICE}/demand-runs", {"fiscal_year": year}, assessor), 202)
    live.pump.drain(4)
    progress = ok(api("GET", f"/v1/offices/{OFFICE}/demand-runs/{run['run_id']}", token=assessor))
    assert progress["state"] == "done" and progress["failed"] == 0 and progress["done"] == progress["total"] >= 1

    # the owner sees the holding and its dues on their phone
    citizen = sign_in(base, OWNER, papers=False)
    mine = ok(api("GET", "/v1/me/holdings", token=citizen))
    assert hid in [h["holding_id"] for h in mine["items"]]
    dues = ok(api("GET", f"/v1/holdings/{hid}/dues", token=citizen))
    assert dues["total_due"] == assessment["total"] == 2_652_000
    assert len(dues["lines"]) == 12  # three heads, four quarters

    # part online, confirmed with the gateway (the simulator's IPN, checked with the gateway)
    payments = f"/v1/holdings/{hid}/payments"
    checkout = ok(api("POST", payments, {"method": "sslcommerz", "amount": 700_000}, citizen), 201)
    open_checkout(checkout["redirect_url"], "success")
    for _ in range(50):  # the simulator's IPN reaches the API on its own thread
        if api("GET", f"/v1/receipts/{checkout['payment_id']}", token=citizen)[0] == 200:
            break
        time.sleep(0.2)
    online = ok(api("GET", f"/v1/receipts/{checkout['payment_id']}", token=citizen))
    assert online["amount"] == 700_000 and sum(a["poisha"] for a in online["allocations"]) == 700_000

    # part in cash at the counter
    cash = ok(api("POST", payments, {"method": "cash", "amount": 300_000}, collector), 201)
    assert cash["status"] == "issued" and sum(a["poisha"] for a in cash["allocations"]) == 300_000
    assert ok(api("GET", f"/v1/holdings/{hid}/dues", token=citizen))["total_due"] == 1_652_000

    # both receipts signed with the office's key; they verify offline and by number (masked)
    for number, taka in ((online["receipt_no"], "৭,০০০.০০"), (cash["receipt_no"], "৩,০০০.০০")):
        qr = _render_and_read(live, number, citizen, tmp_path / number, taka)
        record = certificates.get(number)
        assert record is not None and offline(qr, record.status_list).ok
        public = ok(api("GET", f"/v1/verify/{number}"))
        assert public["status"] == "valid" and "রহিমা খাতুন" not in str(public)

    # the office cancels the cash receipt with a reason: the ledger reverses, the receipt reads cancelled
    reason = {"reason": "entered against the wrong holding"}
    cancelled = ok(api("POST", f"/v1/receipts/{cash['receipt_no']}/cancel", reason, head))
    assert cancelled["status"] == "cancelled" and cancelled["cancellation"]["reason"] == reason["reason"]
    assert ok(api("GET", f"/v1/holdings/{hid}/dues", token=citizen))["total_due"] == 1_952_000
    live.pump.drain(4)
    assert ok(api("GET", f"/v1/verify/{cash['receipt_no']}"))["status"] == "cancelled"
    record = certificates.get(cash["receipt_no"])
    assert record is not None
    (tmp_path / "again").mkdir()
    qr = _qr_of(stored_pdf(record), tmp_path / "again", cash["receipt_no"], _office_key_name(record.kid), ("৩,০০০.০০",))
    assert offline(qr, record.status_list).status == "revoked"  # the published status list says so offline

    # an adjustment (a waiver) with its reason code and the approver
    waiver = {"reason_code": "waiver", "amount": 52_000, "note": "freedom fighter's family"}
    ok(api("POST", f"/v1/holdings/{hid}/adjustments", waiver, head), 201)
    assert ok(api("GET", f"/v1/holdings/{hid}/dues", token=citizen))["total_due"] == 1_900_000

    # nothing was deleted: every event is on the ledger, and folding it gives the stored lines
    refs = [e.ref for e in ledger.events(hid, newest_first=False)]
    assert online["receipt_no"] in refs and cash["receipt_no"] in refs and len(refs) == 5
