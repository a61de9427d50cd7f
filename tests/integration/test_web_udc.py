"""The UDC counter in Chromium on a phone-sized screen, in Bengali, against the live stack (issue 12,
item 7): an operator signs in, sends the citizen a consent code, types what the citizen reads
out, fills the citizen's form, scans a paper, takes the fee in cash, prints the receipt and finds
the case in their list. axe-core checks each screen on the way."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.config import settings
from local import stack as local_stack
from tests.integration.flows import HOLDER
from tests.integration.live import http
from tests.integration.test_web_app import fill
from tests.integration.web_browser import browser, needs_chromium, phone, screenshot, serious_violations, sign_in_staff

__all__ = ["browser"]
pytestmark = needs_chromium
CITIZEN = "01711000001"
OPERATOR = "union-1.udc-operator"
SCAN = b"%PDF-1.7\n% the citizen's NID card, scanned at the counter\n%%EOF\n"
PHOTO = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00 the citizen's photo, taken at the counter"


def code_for(base: str, phone_no: str) -> str:
    """The newest consent code the local outbox holds for this number, in ASCII digits."""
    _, box = http(base, "GET", f"/v1/_local/outbox?phone={phone_no}")
    text = next(m["text"] for m in box["items"] if m["purpose"] == "udc_filing_consent")
    return "".join(ch for ch in text.translate(str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")) if ch.isdigit())[:6]


def test_an_operator_files_for_a_citizen_at_the_counter(
    live: local_stack.Stack, browser: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = live.api_url
    found: dict[str, list[str]] = {}

    def checked(page: Any, name: str) -> None:
        page.wait_for_load_state("networkidle")
        found[name] = serious_violations(page)
        screenshot(page, name)

    context = phone(browser)
    page = context.new_page()
    sign_in_staff(page, base, OPERATOR)
    assert page.get_by_test_id("nav-udc-new").is_visible() and page.get_by_test_id("nav-queue").count() == 0

    # (1) The citizen's phone; the consent SMS goes out.
    page.get_by_test_id("nav-udc-new").click()
    page.get_by_test_id("udc-phone").fill("০১৭১১০০০০০১")  # typed in Bengali digits
    page.get_by_test_id("udc-send").click()
    page.get_by_test_id("udc-code").wait_for()
    assert "০১৭১১-০০০০০১" in page.get_by_test_id("udc-sent").inner_text()
    checked(page, "udc-consent")

    # (2) A wrong code first: it is refused on the form, the operator stays signed in and keeps
    # what was typed, and the right code files the case.
    right = code_for(base, CITIZEN)
    page.get_by_test_id("udc-code").fill("000000" if right != "000000" else "111111")
    page.get_by_test_id("udc-type").select_option("citizenship")
    page.get_by_test_id("udc-continue").click()

    # (3) The citizen's own application form, (4) a paper scanned at the counter.
    page.get_by_test_id("apply-form").wait_for()
    assert "০১৭১১-০০০০০১" in page.get_by_test_id("udc-for").inner_text()
    fill(page, "ward", "1")
    for name, value in HOLDER.items():
        fill(page, name, str(value))
    page.get_by_test_id("paper-file-nid_or_brn_copy").set_input_files(
        files=[{"name": "nid.pdf", "mimeType": "application/pdf", "buffer": SCAN}]
    )
    page.get_by_test_id("paper-status-nid_or_brn_copy").filter(has_text="nid.pdf").wait_for()
    page.get_by_test_id("paper-file-photo").set_input_files(  # both required papers (decision 46)
        files=[{"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": PHOTO}]
    )
    page.get_by_test_id("paper-status-photo").filter(has_text="photo.jpg").wait_for()
    checked(page, "udc-form")
    page.get_by_test_id("apply-submit").click()
    refused = page.get_by_test_id("udc-code-refused")
    refused.wait_for()
    assert page.get_by_test_id("signout").is_visible()
    found["udc-code-refused"] = serious_violations(page)
    page.get_by_test_id("udc-code-again").fill(right)
    page.get_by_test_id("udc-code-use").click()
    page.get_by_test_id("udc-code-taken").wait_for()
    page.get_by_test_id("apply-submit").click()

    # (5) The fee in cash at the counter.
    page.get_by_test_id("udc-fee").wait_for()
    tracking = page.get_by_test_id("tracking-no").inner_text()
    case_id = page.url.rsplit("/", 1)[1].split("?", 1)[0]
    found["udc-fee"] = serious_violations(page)
    page.get_by_test_id("udc-cash").click()

    # (6) The printable receipt: tracking number, type, fee, date, office, operator; no NID.
    receipt = page.get_by_test_id("udc-receipt")
    receipt.wait_for()
    text = receipt.inner_text()
    assert tracking in text and "নাগরিকত্ব সনদ" in text and "সুমাইয়া খাতুন" in text
    assert "৳" in text and "সুবিল" in text and "২০২৬" in text
    assert HOLDER["holder_nid"] not in text and "union-1" not in text
    page.emulate_media(media="print")
    assert page.get_by_test_id("udc-print").is_hidden() and page.locator("#topbar").is_hidden()
    assert receipt.is_visible() and page.get_by_test_id("udc-next").is_hidden()
    page.emulate_media(media="screen")
    checked(page, "udc-receipt")
    page.get_by_test_id("lang-switch").click()  # the same slip in English: no internal words either
    page.get_by_test_id("udc-receipt").filter(has_text="Fee receipt").wait_for()
    english = page.get_by_test_id("udc-receipt").inner_text()
    assert "Sumaiya Khatun" in english and "Cash at the UDC counter" in english and "2026" in english
    assert "union-1" not in english and "udc-operator" not in english
    page.get_by_test_id("lang-switch").click()
    page.get_by_test_id("udc-receipt").filter(has_text="রসিদ").wait_for()

    # The case is the citizen's, paid, with the scan as their paper.
    _, detail = http(base, "GET", f"/v1/applications/{case_id}", token=live_token(base))
    assert detail["status"] == "submitted" and sorted(detail["papers"]) == ["nid_or_brn_copy", "photo"]

    # The operator's list of what they filed, with the status.
    page.get_by_test_id("nav-udc-filings").click()
    item = page.locator(f'[data-testid="udc-filing"][data-id="{case_id}"]')
    item.wait_for()
    assert tracking in item.inner_text() and "জমা হয়েছে" in item.inner_text()
    checked(page, "udc-filings")

    # The operator's hourly consent SMS are spent: the throttle's wait is shown and counted down.
    monkeypatch.setenv("UDC_CONSENT_SMS_PER_HOUR", "1")
    settings.cache_clear()
    page.get_by_test_id("nav-udc-new").click()
    page.get_by_test_id("udc-phone").fill("01811000002")
    page.get_by_test_id("udc-send").click()
    page.get_by_test_id("error").wait_for()
    assert "পরে আবার চেষ্টা করুন" in page.get_by_test_id("error").inner_text()
    assert "আবার কোড পাঠানো যাবে" in page.get_by_test_id("udc-wait").inner_text()
    assert page.get_by_test_id("udc-send").is_disabled()
    found["udc-throttled"] = serious_violations(page)
    context.close()
    assert {name: v for name, v in found.items() if v} == {}


def live_token(base: str) -> str:
    """The secretary of union-1, who reads the case the operator filed."""
    _, body = http(base, "POST", "/v1/auth/login", {"username": "union-1.secretary", "password": "sonod-demo-2026"})
    return str(body["access_token"])
