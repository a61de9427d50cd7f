"""The verifier page in Chromium on the live stack: a QR credential checked in the browser (WebCrypto),
again offline from the service worker's cache, and revocation seen from the status list."""

from __future__ import annotations

import tempfile
import urllib.request
from pathlib import Path
from typing import Any

from local import stack as local_stack
from tests.integration.flows import HOLDER, application
from tests.integration.live import http, login, sign_in
from tests.integration.web_browser import browser, drain, needs_chromium, phone, screenshot, serious_violations
from verifier.pdf import payloads_from_image

__all__ = ["browser"]
pytestmark = needs_chromium
STEPS = (
    ("union-1.secretary", "record_payment"),
    ("union-1.ward-member1", "ward_verify"),
    ("union-1.secretary", "verify"),
    ("union-1.signatory", "approve"),
)


def issued_certificate(live: local_stack.Stack) -> tuple[str, str]:
    """(certificate number, the QR text printed on its PDF) of a freshly issued certificate."""
    base = live.api_url
    citizen = sign_in(base, "01711000001")
    _, case = http(base, "POST", "/v1/applications", application("citizenship", HOLDER), citizen)
    for username, action in STEPS:
        body = {"action": action, "version": case["version"], "note": "ok"}
        status, case = http(base, "POST", f"/v1/applications/{case['id']}/actions", body, login(base, username))
        assert status == 200, case
    drain(live, 4)
    return certificate_qr(live, case["id"])


def certificate_qr(live: local_stack.Stack, case_id: str) -> tuple[str, str]:
    """(certificate number, QR text) of an issued case, read from its PDF as a scanner would."""
    base = live.api_url
    citizen = sign_in(base, "01711000001")
    _, link = http(base, "GET", f"/v1/applications/{case_id}/certificate", token=citizen)
    with urllib.request.urlopen(link["url"], timeout=30) as response, tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "sonod.pdf"
        pdf.write_bytes(response.read())
        [qr] = payloads_from_image(pdf)  # the QR as printed on page 1 (poppler + zbar)
    return str(link["certificate_no"]), qr


def fragment(qr: str) -> str:
    """The QR text as printed after '#' in a verify URL: only '%' and ' ' percent-encoded."""
    return qr.replace("%", "%25").replace(" ", "%20")


def verdict(page: Any) -> str:
    """The page's verdict word, from its technical details line ("valid: …")."""
    page.wait_for_selector("#result-body details p", state="attached", timeout=20_000)
    return str(page.locator("#result-body details p").first.text_content()).split(":", 1)[0]


def test_a_certificate_verifies_in_the_browser_online_then_offline(live: local_stack.Stack, browser: Any) -> None:
    number, qr = issued_certificate(live)
    context = phone(browser)
    page = context.new_page()
    page.goto(f"{live.api_url}/v#{fragment(qr)}")
    assert verdict(page) == "valid"
    assert number.replace("-", "") in page.locator("#result-body").inner_text().replace("-", "")
    assert serious_violations(page) == []
    screenshot(page, "verify-valid")
    page.wait_for_function("navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready")

    context.set_offline(True)  # the phone loses its connection: the page and the lists come from its cache
    page.reload()
    assert verdict(page) == "valid"
    context.set_offline(False)

    chairman = login(live.api_url, "union-1.signatory")
    status, _ = http(live.api_url, "POST", f"/v1/certificates/{number}/revoke", {"reason": "forged papers"}, chairman)
    assert status == 200
    drain(live, 2)  # the case stream republishes the status list
    page.reload()
    assert verdict(page) == "revoked"
    screenshot(page, "verify-revoked")
    context.close()


def test_a_tampered_credential_is_not_genuine(live: local_stack.Stack, browser: Any) -> None:
    _, qr = issued_certificate(live)
    context = phone(browser)
    page = context.new_page()
    page.goto(f"{live.api_url}/v#{fragment(qr[:-3] + 'AAA')}")
    assert verdict(page) in ("tampered", "bad_format")
    context.close()


def test_a_typed_number_is_checked_online_and_the_lists_can_be_updated(live: local_stack.Stack, browser: Any) -> None:
    number, _ = issued_certificate(live)
    context = phone(browser)
    page = context.new_page()
    page.goto(f"{live.api_url}/verify")
    field, submit = page.locator("#number"), page.locator("#by-number button[type=submit]")
    typo = number[:-1] + ("0" if number[-1] != "0" else "1")  # the check character catches it
    field.fill(typo)
    submit.click()
    assert page.locator("#number-error").inner_text() == "সনদ নম্বরটি সঠিক নয়। আবার দেখে লিখুন।"
    assert field.get_attribute("aria-invalid") == "true"
    page.locator("#lang").click()  # the message follows the language
    assert (
        page.locator("#number-error").inner_text()
        == "This certificate number is not right. Check it and type it again."
    )
    field.fill(number.lower())
    submit.click()
    page.wait_for_selector("#result-body .verdict", timeout=20_000)
    assert page.locator("#result-body .verdict").get_attribute("data-status") == "valid"
    assert "Checked online with the server." in page.locator("#result-body").inner_text()
    assert field.get_attribute("aria-invalid") is None and page.locator("#number-error").inner_text() == ""
    page.locator("#refresh").click()
    page.wait_for_selector("#scan-status:text-is('The lists are up to date.')", timeout=20_000)
    assert "Signing keys of" in page.locator("#lists-status").inner_text()
    assert serious_violations(page) == []
    context.close()
