"""The web app in Chromium on a phone-sized screen, in Bengali, against the live stack: a citizen
applies and pays, the ward member, secretary and chairman act in the dashboard, and the issued
certificate verifies on the verifier page. axe-core checks each page on the way."""

from __future__ import annotations

import urllib.parse
from typing import Any

from local import stack as local_stack
from tests.integration.flows import HOLDER, give_papers
from tests.integration.live import http
from tests.integration.test_web_verify import certificate_qr, fragment, verdict
from tests.integration.web_browser import (
    axe_checked,
    browser,
    drain,
    fill_field,
    needs_chromium,
    phone,
    sign_in_staff,
)

__all__ = ["browser"]
pytestmark = needs_chromium
PHONE = "01711000001"
CHECKED: dict[str, list[str]] = {}


def checked(page: Any, name: str) -> None:
    """Record axe-core's serious findings on this page and keep a screenshot of it."""
    axe_checked(page, CHECKED, name)


def fill(page: Any, name: str, value: str) -> None:
    fill_field(page, name, value)  # a date is three fields now (issue 12 item 5)


def sign_in_citizen(page: Any, base: str) -> None:
    give_papers(PHONE)  # uploaded before: the form offers them for each required paper
    page.goto(f"{base}/#/signin")
    page.get_by_test_id("signin-phone").fill(PHONE)
    checked(page, "citizen-signin")
    page.get_by_test_id("signin-send").click()
    page.get_by_test_id("signin-code").wait_for()
    _, box = http(base, "GET", f"/v1/_local/outbox?phone={PHONE}")
    code = box["items"][0]["text"].translate(str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789"))
    page.get_by_test_id("signin-code").fill("".join(ch for ch in code if ch.isdigit())[:6])
    page.get_by_test_id("signin-verify").click()
    page.get_by_test_id("signout").wait_for()  # signed in; the app has moved on from the sign-in page
    page.wait_for_load_state("networkidle")


def apply_for_citizenship(page: Any, base: str) -> str:
    page.goto(f"{base}/#/offices?q=Subil")
    page.locator('[data-testid="office-result"][data-office="union-1"]').click()
    page.get_by_test_id("type-citizenship").click()
    checked(page, "citizen-charter")
    page.get_by_test_id("apply-start").click()
    page.get_by_test_id("apply-form").wait_for()
    fill(page, "ward", "1")
    for name, value in HOLDER.items():
        fill(page, name, str(value))
    checked(page, "citizen-form")
    page.get_by_test_id("apply-submit").click()
    status = page.get_by_test_id("case-status")
    status.wait_for()
    assert status.get_attribute("data-status") == "awaiting_payment"
    return str(page.url.rsplit("/", 1)[1].split("?", 1)[0])


def pay_in_the_simulator(page: Any, base: str, case_id: str) -> None:
    page.get_by_test_id("pay-button").click()
    page.wait_for_url("**/pay/**")
    page.locator("a[href='?outcome=success']").click()  # the simulated gateway's "pay" link
    # Back from the gateway, back on the case page with the outcome (decision 45).
    page.wait_for_url(f"**/#/applications/{case_id}?payment=paid")
    page.wait_for_selector('[data-testid="payment-outcome"][data-outcome="paid"]')
    page.wait_for_selector('[data-testid="case-status"][data-status="submitted"]')
    checked(page, "citizen-case")


def act_as(page: Any, base: str, username: str, case_id: str, action: str) -> None:
    sign_in_staff(page, base, username)
    if username.endswith(".secretary"):
        checked(page, "official-queue")
    page.goto(f"{base}/#/office/cases/{case_id}")
    page.get_by_test_id(f"action-{action}").click()
    if action == "approve":  # the chairman reads the certificate preview and says so first
        page.get_by_test_id("preview-open").wait_for()
        page.get_by_test_id("approve-read").check()
        page.get_by_test_id("action-approve-confirm").click()
    page.get_by_test_id("action-done").wait_for()
    if action == "approve":
        checked(page, "official-case")
    page.get_by_test_id("signout").click()


def test_apply_pay_approve_and_verify_on_a_phone(live: local_stack.Stack, browser: Any) -> None:
    base = live.api_url
    context = phone(browser)
    page = context.new_page()
    page.goto(f"{base}/")
    checked(page, "start")
    sign_in_citizen(page, base)
    case_id = apply_for_citizenship(page, base)
    pay_in_the_simulator(page, base, case_id)
    page.get_by_test_id("signout").click()

    for username, action in (
        ("union-1.ward-member1", "ward_verify"),
        ("union-1.secretary", "verify"),
        ("union-1.signatory", "approve"),
    ):
        act_as(page, base, username, case_id, action)
    drain(live, 4)  # the case stream hands the approved case to the renderer, which issues it

    sign_in_citizen(page, base)
    page.goto(f"{base}/#/applications/{case_id}")
    page.wait_for_selector('[data-testid="case-status"][data-status="issued"]')
    number = page.get_by_test_id("certificate-no").inner_text()
    checked(page, "citizen-issued")

    certificate_no, qr = certificate_qr(live, case_id)
    assert number.replace("-", "") == certificate_no.replace("-", "")
    page.goto(f"{base}/v#{fragment(qr)}")
    assert verdict(page) == "valid"

    page.goto(f"{base}/#/staff/signin")
    page.get_by_test_id("staff-username").fill("lgd.monitor")
    page.get_by_test_id("staff-password").fill("sonod-demo-2026")
    page.get_by_test_id("staff-signin").click()
    page.get_by_test_id("signout").wait_for()
    page.wait_for_load_state("networkidle")
    page.goto(f"{base}/#/stats?{urllib.parse.urlencode({'area': 'national'})}")
    page.get_by_test_id("stats-table").wait_for()
    checked(page, "monitor-stats")
    context.close()
    assert {name: found for name, found in CHECKED.items() if found} == {}
