"""The municipal revenue pages (issue 14 item 9; decision 70) in Chromium on a phone against a FAKE
API that answers with the JSON shapes the revenue API is built to (notes: shapes.md), so the pages
are checked without the stack: the web files come from web/ as local/web.py serves them (with its
security headers: CSP), every /v1 request is answered here and recorded. A tax collector takes part
cash and sees the receipt; an assessor registers a holding with two floors (the body sent is the
API's) and starts the year's demand run; an approver cancels a receipt; the office admin's schedule
shows a 422 beside the field it names; a citizen pays part online and is back with the receipt; a
monitor sees totals only. axe-core checks every page. tests/integration/test_web_revenue.py walks
the same against the live stack."""

from __future__ import annotations

import base64
import json
import re
import time
from typing import Any
from urllib.parse import urlsplit

import pytest

from local import web
from tests.integration.web_browser import browser, needs_chromium, phone, screenshot, serious_violations

__all__ = ["browser"]
pytestmark = needs_chromium
BASE = "http://sonod.test"
OFFICE = "pourashava-savar"


def line(line_id: str, year: str, head: str, names: tuple[str, str], kind: str, amount: int) -> dict[str, Any]:
    """A dues line as GET /v1/holdings/{id}/dues gives it (nothing paid yet)."""
    due_on = "2026-06-30" if year == "2025-26" else "2026-12-31"
    surcharge = amount if kind == "surcharge" else 0
    return {
        "line_id": line_id,
        "fiscal_year": year,
        "head": head,
        "head_name": names[0],
        "head_name_bn": names[1],
        "instalment": 4 if year == "2025-26" else 2,
        "due_on": due_on,
        "kind": kind,
        "amount": amount,
        "paid": 0,
        "outstanding": amount,
        "rebate": 0,
        "surcharge": surcharge,
        "payable": amount,
    }


TAX = ("Holding tax", "হোল্ডিং কর")
LINES = [
    line("L1", "2025-26", "holding_tax", TAX, "arrear", 60000),
    line("L2", "2025-26", "holding_tax", TAX, "surcharge", 9000),
    line("L3", "2026-27", "conservancy", ("Conservancy rate", "পরিচ্ছন্নতা রেট"), "current", 31000),
]
DUES = {
    "holding_id": "H1",
    "as_of": "2026-12-07",
    "lines": LINES,
    "total_due": 100000,
    "advance": 0,
    "minimum_payment": 10000,
}
HOLDING = {
    "holding_id": "H1",
    "office_id": OFFICE,
    "number": "12/3",
    "ward": 4,
    "village": "মধ্যপাড়া",
    "owners": [{"name": "রহিমা বেগম", "phone": "01711000001", "share": 100}],
    "use": "residential",
    "land_area_sqm": 150,
    "construction_class": "pucca",
    "floors": [{"built_area_sqm": 90, "use": "residential", "occupancy": "rented", "monthly_rent": 800000}],
    "version": 3,
    "created_at": "2026-11-01T04:00:00Z",
    "updated_at": "2026-11-20T04:00:00Z",
}


def receipt(no: str, amount: int, method: str, status: str = "issued") -> dict[str, Any]:
    return {
        "receipt_no": no,
        "holding_id": "H1",
        "office_id": OFFICE,
        "holding_number": "12/3",
        "ward": 4,
        "payer_name": "রহিমা বেগম",
        "amount": amount,
        "allocations": [
            {
                "line_id": "L1",
                "fiscal_year": "2025-26",
                "head": "holding_tax",
                "instalment": 4,
                "kind": "arrear",
                "poisha": amount,
            }
        ],
        "advance": 0,
        "method": method,
        "received_by": "pourashava-savar.tax-collector",
        "received_at": "2026-12-07T05:10:00Z",
        "status": status,
        "cancellation": {"reason": "ভুল হোল্ডিং", "by": "x", "at": "2026-12-07T06:00:00Z"}
        if status == "cancelled"
        else None,
        "pdf_url": "/files/receipt.pdf" if status == "issued" else None,
    }


SCHEDULE = json.loads((web.ROOT / "chalicelib/data/revenue/schedules/pourashava.json").read_text())


class FakeApi:
    """Answers /v1 with shapes.md's JSON; records what the pages sent."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, Any]] = []
        self.cancelled = False
        self.run_polls = 0

    def answer(self, method: str, path: str, body: Any) -> tuple[int, Any]:
        self.sent.append((method, path, body))
        for pattern, handler in self.routes():
            match = re.fullmatch(pattern, f"{method} {path}")
            if match:
                return handler(body, *match.groups())
        return 404, {"code": "not_found", "title": "Not found", "title_bn": "পাওয়া যায়নি"}

    def routes(self) -> list[tuple[str, Any]]:
        ok = lambda data: lambda *_: (200, data)  # noqa: E731
        return [
            (
                rf"GET /v1/offices/{OFFICE}",
                ok({"id": OFFICE, "kind": "pourashava", "name_bn": "সাভার পৌরসভা", "name_en": "Savar"}),
            ),
            (
                r"GET /v1/me/holdings",
                ok({"items": [{k: HOLDING[k] for k in ("holding_id", "office_id", "number", "ward", "village")}]}),
            ),
            (r"GET /v1/holdings/H1", ok(HOLDING)),
            (r"PATCH /v1/holdings/H1", lambda body: (200, {**HOLDING, **body, "version": 4})),
            (r"GET /v1/holdings/H1/dues", ok(DUES)),
            (
                r"GET /v1/holdings/H1/history",
                ok(
                    {
                        "items": [
                            {
                                "at": "2026-11-20T04:00:00Z",
                                "by": "pourashava-savar.assessor",
                                "changes": {"ward": {"before": 3, "after": 4}},
                            }
                        ]
                    }
                ),
            ),
            (r"POST /v1/holdings/H1/payments", self.pay),
            (
                r"POST /v1/holdings/H1/adjustments",
                ok({"adjustment_id": "A1", "settled": [{"line_id": "L2", "poisha": 9000}], "total_due": 91000}),
            ),
            (r"GET /v1/receipts/(\w+)", self.receipt),
            (r"POST /v1/receipts/(\w+)/cancel", self.cancel),
            (
                rf"GET /v1/offices/{OFFICE}/holdings",
                ok(
                    {
                        "items": [
                            {
                                "holding_id": "H1",
                                "number": "12/3",
                                "ward": 4,
                                "village": "মধ্যপাড়া",
                                "owner_names": ["রহিমা বেগম"],
                                "use": "residential",
                            }
                        ],
                        "next_cursor": None,
                    }
                ),
            ),
            (rf"POST /v1/offices/{OFFICE}/holdings", lambda body: (201, {**HOLDING, **body, "holding_id": "H1"})),
            (
                rf"GET /v1/offices/{OFFICE}/collections",
                ok(
                    {
                        "date": "2026-12-07",
                        "total": 40000,
                        "count": 1,
                        "by_method": {"cash": 40000},
                        "items": [
                            {
                                "receipt_no": "R1",
                                "holding_number": "12/3",
                                "ward": 4,
                                "amount": 40000,
                                "method": "cash",
                                "received_by": "pourashava-savar.tax-collector",
                                "received_at": "2026-12-07T05:10:00Z",
                                "status": "issued",
                            }
                        ],
                    }
                ),
            ),
            (
                rf"GET /v1/offices/{OFFICE}/defaulters",
                ok(
                    {
                        "items": [{"holding_id": "H1", "number": "12/3", "ward": 4, "arrears": 69000}],
                        "next_cursor": None,
                    }
                ),
            ),
            (rf"POST /v1/offices/{OFFICE}/demand-runs", lambda body: (202, {"run_id": "RUN1"})),
            (rf"GET /v1/offices/{OFFICE}/demand-runs/RUN1", self.run),
            (
                rf"GET /v1/offices/{OFFICE}/tax-schedules/([\w-]+)",
                lambda _, fy: (
                    200,
                    {
                        "office_id": OFFICE,
                        "fiscal_year": fy,
                        "source": "default",
                        "billed": False,
                        "schedule": SCHEDULE,
                    },
                ),
            ),
            (
                rf"PUT /v1/offices/{OFFICE}/tax-schedules/([\w-]+)",
                lambda *_: (
                    422,
                    {
                        "code": "validation_failed",
                        "title": "Check the fields",
                        "title_bn": "ঘরগুলো দেখুন",
                        "errors": [
                            {
                                "field": "heads.0.rate_bp",
                                "message": "Must be a whole number from 0 to 10000",
                                "message_bn": "০ থেকে ১০০০০ এর মধ্যে পূর্ণসংখ্যা হতে হবে",
                            }
                        ],
                    },
                ),
            ),
            (
                r"GET /v1/stats/revenue",
                ok(
                    {
                        "areas": [
                            {
                                "area_code": "30",
                                "name_en": "Dhaka",
                                "name_bn": "ঢাকা",
                                "collected": 5000000,
                                "arrears": 1200000,
                                "holdings": 420,
                            }
                        ]
                    }
                ),
            ),
        ]

    def pay(self, body: Any) -> tuple[int, Any]:
        if body["method"] == "cash":
            return 201, receipt("R1", body["amount"], "cash")
        return 201, {"payment_id": "PAY1", "redirect_url": f"{BASE}/#/applications?payment=paid&ref=PAY1"}

    def receipt(self, _: Any, no: str) -> tuple[int, Any]:
        method = "bkash" if no == "PAY1" else "cash"
        return 200, receipt(no, 20000 if no == "PAY1" else 40000, method, "cancelled" if self.cancelled else "issued")

    def cancel(self, _: Any, no: str) -> tuple[int, Any]:
        self.cancelled = True
        return self.receipt(None, no)

    def run(self, *_: Any) -> tuple[int, Any]:
        self.run_polls += 1
        state = "running" if self.run_polls < 2 else "done"
        done = 400 if state == "running" else 1000
        return 200, {
            "run_id": "RUN1",
            "office_id": OFFICE,
            "fiscal_year": "2026-27",
            "state": state,
            "total": 1000,
            "done": done,
            "failed": 0,
            "started_at": "2026-12-07T05:00:00Z",
            "finished_at": "2026-12-07T05:01:00Z" if state == "done" else None,
        }


def token(claims: dict[str, Any]) -> str:
    """A token the app decodes for layout (nobody checks its signature here)."""
    part = (
        base64.urlsafe_b64encode(json.dumps({**claims, "exp": int(time.time()) + 3600}).encode()).decode().rstrip("=")
    )
    return f"e30.{part}.sig"


def opened(browser: Any, fake: FakeApi, claims: dict[str, Any]) -> Any:
    context = phone(browser)
    context.add_init_script(f"sessionStorage.setItem('sonod.token', {json.dumps(token(claims))})")

    def serve(route: Any) -> None:
        request = route.request
        path = urlsplit(request.url).path
        if path.startswith("/v1/"):
            body = json.loads(request.post_data) if request.post_data else None
            status, data = fake.answer(request.method, path, body)
            ctype = "application/problem+json" if status >= 400 else "application/json"
            route.fulfill(status=status, headers={"Content-Type": ctype}, body=json.dumps(data))
            return
        found = web.web_file(path)
        if found is None:
            route.fulfill(status=404, body="")
            return
        headers = {**web.SECURITY_HEADERS, "Content-Type": web.content_type(found)}
        headers["Content-Security-Policy"] = headers["Content-Security-Policy"].replace("http://127.0.0.1:*", BASE)
        route.fulfill(status=200, headers=headers, body=found.read_bytes())

    context.route(f"{BASE}/**", serve)
    return context.new_page()


class Axe:
    def __init__(self) -> None:
        self.found: dict[str, list[str]] = {}

    def check(self, page: Any, name: str) -> None:
        page.wait_for_load_state("networkidle")
        self.found[name] = serious_violations(page)
        keys = re.findall(r"\b(?:rev|nav|role)\.[a-z_.]+", page.locator("body").inner_text())
        if keys:  # a string missing from the tables shows as its key
            self.found[f"{name}: keys"] = keys
        screenshot(page, f"revenue-{name}")


@pytest.fixture()
def axe() -> Any:
    checks = Axe()
    yield checks
    assert {k: v for k, v in checks.found.items() if v} == {}


def staff(role: str) -> dict[str, Any]:
    return {"sub": f"{OFFICE}.{role}", "kind": "staff", "role": role, "office_id": OFFICE, "ward": None}


def test_tax_collector_takes_part_cash_and_prints_the_receipt(browser: Any, axe: Axe) -> None:
    fake = FakeApi()
    page = opened(browser, fake, staff("tax_collector"))
    page.goto(f"{BASE}/#/office/holdings")
    page.get_by_test_id("register-item").first.wait_for()
    assert page.get_by_test_id("nav-register").is_visible() and page.get_by_test_id("nav-queue").count() == 0
    axe.check(page, "register")
    page.get_by_test_id("register-ward").fill("৪")
    page.get_by_test_id("register-search").click()
    page.wait_for_url(re.compile(r".*#/office/holdings\?ward="))
    assert ("GET", f"/v1/offices/{OFFICE}/holdings") in [(m, p) for m, p, _ in fake.sent]
    page.get_by_test_id("register-item").first.click()
    page.get_by_test_id("dues").wait_for()
    text = page.get_by_test_id("dues").inner_text()
    assert "বকেয়া" in text and "সারচার্জ" in text and "চলতি বছর" in text and "হোল্ডিং কর" in text
    assert page.get_by_test_id("total-due").inner_text() == "৳১,০০০"
    assert page.get_by_test_id("dues-surcharge").is_visible()
    assert page.get_by_test_id("adjust-section").count() == 0  # a collector does not approve
    assert page.get_by_test_id("history-item").count() == 1
    axe.check(page, "official-holding")
    # Below the minimum part payment: refused here, nothing sent.
    page.get_by_test_id("cash-amount").fill("50")
    page.get_by_test_id("cash-submit").click()
    assert "৳১০০" in page.locator(".field-error:visible").inner_text()
    assert not [b for m, p, b in fake.sent if m == "POST"]
    page.get_by_test_id("cash-amount").fill("৪০০")
    page.get_by_test_id("cash-submit").click()
    page.get_by_test_id("receipt").wait_for()
    assert [b for m, p, b in fake.sent if m == "POST"] == [{"method": "cash", "amount": 40000, "as_of": DUES["as_of"]}]
    assert page.get_by_test_id("receipt-amount").inner_text() == "৳৪০০"
    assert page.get_by_test_id("receipt-office").inner_text() == "সাভার পৌরসভা"
    assert "নগদ" in page.get_by_test_id("receipt").inner_text()
    assert page.get_by_test_id("receipt-print").is_visible() and page.get_by_test_id("receipt-pdf").is_visible()
    assert page.get_by_test_id("cancel-form").count() == 0
    axe.check(page, "cash-receipt")
    page.get_by_test_id("lang-switch").click()
    page.get_by_test_id("receipt").wait_for()
    assert "Cash" in page.get_by_test_id("receipt").inner_text()
    axe.check(page, "cash-receipt-en")
    page.get_by_test_id("lang-switch").click()
    page.goto(f"{BASE}/#/office/collections")
    page.get_by_test_id("collection-row").wait_for()
    assert page.get_by_test_id("collections-total").inner_text() == "৳৪০০"
    axe.check(page, "collections")
    page.goto(f"{BASE}/#/office/defaulters")
    page.get_by_test_id("defaulter-row").wait_for()
    assert "৳৬৯০" in page.get_by_test_id("defaulter-row").inner_text()
    axe.check(page, "defaulters")


def test_assessor_registers_a_holding_and_runs_the_year(browser: Any, axe: Axe) -> None:
    fake = FakeApi()
    page = opened(browser, fake, staff("assessor"))
    page.goto(f"{BASE}/#/office/holdings")
    page.get_by_test_id("new-holding").click()
    page.get_by_test_id("holding-form").wait_for()
    page.get_by_test_id("holding-form-submit").click()  # empty: the problems, by their fields
    page.get_by_test_id("error-summary").wait_for()
    assert page.get_by_test_id("error-summary").locator("li").count() >= 3
    axe.check(page, "new-holding-errors")
    page.get_by_test_id("h-number").fill("৭৭")
    page.get_by_test_id("h-ward").fill("২")
    page.get_by_test_id("h-village").fill("উত্তরপাড়া")
    page.get_by_test_id("h-land").fill("200")
    page.get_by_test_id("owner-0-name").fill("করিম মিয়া")
    page.get_by_test_id("owner-0-phone").fill("01711000009")
    page.get_by_test_id("floor-0-area").fill("100")
    page.get_by_test_id("floors-add").click()
    page.get_by_test_id("floor-1-area").fill("80")
    page.get_by_test_id("floor-1-occupancy").select_option("rented")
    page.get_by_test_id("floor-1-rent").fill("6000")
    assert page.get_by_test_id("floor-0-area").input_value() == "100"  # kept across the redraw
    page.get_by_test_id("holding-form-submit").click()
    page.wait_for_url(re.compile(r".*#/office/holdings/H1$"))
    body = next(b for m, p, b in fake.sent if m == "POST")
    assert body == {
        "number": "77",
        "ward": 2,
        "village": "উত্তরপাড়া",
        "owners": [{"name": "করিম মিয়া", "phone": "01711000009"}],
        "use": "residential",
        "land_area_sqm": 200,
        "construction_class": "pucca",
        "floors": [
            {"built_area_sqm": 100, "use": "residential", "occupancy": "owner"},
            {"built_area_sqm": 80, "use": "residential", "occupancy": "rented", "monthly_rent": 600000},
        ],
    }
    page.get_by_test_id("edit-holding").wait_for()
    assert page.get_by_test_id("cash-section").count() == 0  # an assessor takes no cash
    page.get_by_test_id("edit-holding").click()
    page.get_by_test_id("h-ward").fill("5")
    page.get_by_test_id("holding-form-submit").click()
    page.wait_for_url(re.compile(r".*#/office/holdings/H1$"))
    assert [b for m, p, b in fake.sent if m == "PATCH"] == [{"version": 3, "ward": 5}]
    page.goto(f"{BASE}/#/office/demand-runs")
    page.get_by_test_id("run-start").click()
    page.wait_for_selector('[data-testid="run"][data-state="running"]')
    axe.check(page, "run-running")
    page.wait_for_selector('[data-testid="run"][data-state="done"]', timeout=10000)
    assert ("POST", f"/v1/offices/{OFFICE}/demand-runs", {"fiscal_year": "2026-27"}) in fake.sent


def test_approver_adjusts_and_cancels_a_receipt(browser: Any, axe: Axe) -> None:
    fake = FakeApi()
    page = opened(browser, fake, staff("secretary"))
    page.goto(f"{BASE}/#/office/holdings/H1")
    page.get_by_test_id("adjust-section").wait_for()
    assert page.get_by_test_id("cash-section").count() == 0  # a pourashava's secretary approves only
    page.get_by_test_id("adjust-reason").select_option("waiver")
    page.get_by_test_id("adjust-amount").fill("90")
    page.get_by_test_id("adjust-line").select_option("L2")
    page.get_by_test_id("adjust-note").fill("মেয়রের আদেশ ১২")
    page.get_by_test_id("adjust-submit").click()
    page.get_by_test_id("adjust-done").wait_for()
    assert [b for m, p, b in fake.sent if m == "POST"] == [
        {"reason_code": "waiver", "amount": 9000, "note": "মেয়রের আদেশ ১২", "line_id": "L2"}
    ]
    page.goto(f"{BASE}/#/receipts/R1")
    page.get_by_test_id("cancel-form").wait_for()
    axe.check(page, "receipt-cancel")
    page.get_by_test_id("cancel-submit").click()
    assert page.locator(".field-error:visible").count() == 1  # a reason first
    page.get_by_test_id("cancel-reason").fill("ভুল হোল্ডিং")
    page.get_by_test_id("cancel-submit").click()
    page.wait_for_selector('[data-testid="receipt"][data-status="cancelled"]')
    assert page.get_by_test_id("receipt-cancelled").is_visible()
    assert ("POST", "/v1/receipts/R1/cancel", {"reason": "ভুল হোল্ডিং"}) in fake.sent


def test_office_admin_sees_the_field_a_422_names(browser: Any, axe: Axe) -> None:
    fake = FakeApi()
    page = opened(browser, fake, staff("office_admin"))
    page.goto(f"{BASE}/#/office/tax-schedule")
    page.get_by_test_id("schedule-form").wait_for()
    assert page.get_by_test_id("nav-tax-schedule").is_visible()
    page.get_by_test_id("sch-heads.0.rate_bp").fill("৭৫০")
    page.get_by_test_id("schedule-save").click()
    page.get_by_test_id("error-summary").wait_for()
    rate = page.get_by_test_id("sch-heads.0.rate_bp")
    assert rate.get_attribute("aria-invalid") == "true"
    put = next(b for m, p, b in fake.sent if m == "PUT")
    assert put["heads"][0]["rate_bp"] == 750 and put["sources"] == SCHEDULE["sources"]
    axe.check(page, "schedule-422")
    page.get_by_test_id("lang-switch").click()
    page.get_by_test_id("schedule-form").wait_for()
    assert "Holding tax — Rate" in page.get_by_test_id("schedule-form").inner_text()
    axe.check(page, "schedule-en")


def test_citizen_pays_part_online_and_is_back_with_the_receipt(browser: Any, axe: Axe) -> None:
    fake = FakeApi()
    page = opened(browser, fake, {"sub": "c1", "kind": "citizen"})
    page.goto(f"{BASE}/#/holdings")
    page.get_by_test_id("my-holding").click()
    page.get_by_test_id("pay-section").wait_for()
    assert page.get_by_test_id("pay-amount").input_value() == "১০০০"  # the total by default
    assert page.get_by_test_id("receipts-none").is_visible()
    axe.check(page, "citizen-holding")
    page.get_by_test_id("pay-method").select_option("bkash")
    page.get_by_test_id("pay-amount").fill("২০০")
    page.get_by_test_id("pay-submit").click()
    page.wait_for_url(re.compile(r".*#/holdings/H1\?payment=paid&ref=PAY1$"))
    page.wait_for_selector('[data-testid="payment-outcome"][data-outcome="paid"]')
    paid = {"method": "bkash", "amount": 20000, "as_of": DUES["as_of"]}  # the day the dues shown were priced
    assert ("POST", "/v1/holdings/H1/payments", paid) in fake.sent
    page.get_by_test_id("receipt").wait_for()
    assert "বিকাশ" in page.get_by_test_id("receipt").inner_text()
    assert page.get_by_test_id("receipt-link").count() == 1  # remembered for the holding
    axe.check(page, "citizen-paid")
    page.get_by_test_id("lang-switch").click()
    page.get_by_test_id("dues").wait_for()
    assert "Total due" in page.get_by_test_id("dues").inner_text()


def test_monitor_sees_totals_per_area(browser: Any, axe: Axe) -> None:
    fake = FakeApi()
    page = opened(browser, fake, {"sub": "lgd.monitor", "kind": "staff", "role": "monitor", "office_id": "lgd"})
    page.goto(f"{BASE}/#/stats/revenue")
    page.get_by_test_id("rev-stats-row").wait_for()
    assert "৳৫০,০০০" in page.get_by_test_id("rev-stats-row").inner_text()
    page.get_by_test_id("rev-stats-drill").click()
    page.wait_for_url(re.compile(r".*#/stats/revenue\?division=30$"))
    assert ("GET", "/v1/stats/revenue", None) in fake.sent
    axe.check(page, "monitor")
    page.get_by_test_id("lang-switch").click()
    page.get_by_test_id("rev-stats-row").wait_for()
    assert "Collected" in page.get_by_test_id("rev-stats").inner_text()
    axe.check(page, "monitor-en")
