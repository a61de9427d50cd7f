"""Back from the gateway, back on the case page (issue 12 item 1; decision 45), in Chromium on a
phone against the live stack: the citizen cancels, fails, tries again and pays in the simulated
gateway, and each time lands on the case with the outcome in words and, when not paid, "try
again". A return naming someone else's payment lands on the citizen's own list. The timeline says
how it was paid in words, and "who saw my data" groups an official's repeated looks. axe-core
checks each page."""

from __future__ import annotations

from typing import Any

from chalicelib.domain import codes
from local import stack as local_stack
from tests.integration.flows import HOLDER, application
from tests.integration.live import http, login, sign_in
from tests.integration.test_web_app import apply_for_citizenship, sign_in_citizen
from tests.integration.web_browser import browser, needs_chromium, phone, screenshot, serious_violations

__all__ = ["browser"]
pytestmark = needs_chromium
FOUND: dict[str, list[str]] = {}


def checked(page: Any, name: str, shot: bool = False) -> None:
    page.wait_for_load_state("networkidle")
    FOUND[name] = serious_violations(page)
    if shot:
        screenshot(page, name)


def through_the_gateway(page: Any, button: str, outcome: str) -> None:
    page.get_by_test_id(button).click()
    page.wait_for_url("**/pay/**")
    page.locator(f"a[href='?outcome={outcome}']").click()


def test_back_from_the_gateway_on_the_case_page(live: local_stack.Stack, browser: Any) -> None:
    base = live.api_url
    page = phone(browser).new_page()
    sign_in_citizen(page, base)
    case_id = apply_for_citizenship(page, base)
    outcome = page.get_by_test_id("payment-outcome")

    # Cancelled on the gateway's page: back on the case, saying so, with "try again".
    through_the_gateway(page, "pay-button", "cancel")
    page.wait_for_url(f"**/#/applications/{case_id}?payment=cancelled")
    assert outcome.get_attribute("data-outcome") == "cancelled"
    assert page.get_by_test_id("case-status").get_attribute("data-status") == "awaiting_payment"
    checked(page, "payment-cancelled")

    # Tried again and failed: the same, in the failure's words.
    through_the_gateway(page, "pay-retry", "fail")
    page.wait_for_url(f"**/#/applications/{case_id}?payment=failed")
    assert outcome.get_attribute("data-outcome") == "failed"
    assert "ফি পরিশোধ হয়নি" in page.get_by_test_id("pay-section").inner_text()
    assert page.get_by_test_id("pay-retry").is_visible()
    assert page.get_by_test_id("payment-pending").count() == 0  # nothing is on its way
    checked(page, "citizen-payment-failed", shot=True)

    # Tried again and paid: submitted, what happens next, the method in words on the timeline.
    through_the_gateway(page, "pay-retry", "success")
    page.wait_for_url(f"**/#/applications/{case_id}?payment=paid")
    page.wait_for_selector('[data-testid="payment-outcome"][data-outcome="paid"]')
    assert page.get_by_test_id("case-status").get_attribute("data-status") == "submitted"
    assert page.get_by_test_id("pay-retry").count() == 0
    assert page.get_by_test_id("paid-with").inner_text() == "মাধ্যম: বিকাশ"
    assert "BKASH" not in page.get_by_test_id("timeline").inner_text()
    page.get_by_test_id("show-receipt").click()
    page.get_by_test_id("receipt").wait_for()
    assert "বিকাশ" in page.get_by_test_id("receipt").inner_text()
    assert "sslcommerz" not in page.get_by_test_id("receipt").inner_text()
    checked(page, "citizen-payment-paid", shot=True)
    # Back (to the gateway's page and here again) or a reload: the true state, still paid.
    page.reload()
    page.wait_for_selector('[data-testid="payment-outcome"][data-outcome="paid"]')

    # Someone else's payment number, and a number nobody has: the citizen's own list, a neutral word.
    other = sign_in(base, "01711000002")
    _, theirs = http(base, "POST", "/v1/applications", application("character", HOLDER), other)
    _, checkout = http(base, "POST", f"/v1/applications/{theirs['id']}/payment", {"method": "sslcommerz"}, other)
    for payment_id in (checkout["payment_id"], codes.new_code()):
        page.goto(f"{base}/v1/payments/sslcommerz/return/{payment_id}")
        page.get_by_test_id("payment-return-neutral").wait_for()
        assert "#/applications?" in page.url and theirs["id"] not in page.url
        assert theirs["tracking_no"] not in page.content()
        items = page.get_by_test_id("application-item")
        assert [items.nth(i).get_attribute("data-id") for i in range(items.count())] == [case_id]
    checked(page, "payment-return-neutral")

    # An official opens the case three times: one row, three times, by role and office.
    secretary = login(base, "union-1.secretary")
    for _ in range(3):
        assert http(base, "GET", f"/v1/applications/{case_id}", token=secretary)[0] == 200
    page.goto(f"{base}/#/access-log")
    group = page.get_by_test_id("access-group")
    group.first.wait_for()
    assert group.count() == 1 and group.first.get_attribute("data-count") == "3"
    text = group.first.inner_text()
    assert "সচিব" in text and "৩ বার" in text and "union-1" not in text
    checked(page, "citizen-access-log", shot=True)
    page.get_by_test_id("lang-switch").click()
    page.get_by_test_id("access-group").first.wait_for()
    assert "3 time(s)" in page.get_by_test_id("access-group").first.inner_text()

    assert {name: found for name, found in FOUND.items() if found} == {}
