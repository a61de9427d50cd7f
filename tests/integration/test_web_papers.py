"""Required papers on a phone (issue 12, item 2; decision 46): the form names each missing required
paper before anything is sent; a case that lacks one says so where the pay button would be; the
secretary sees each paper attached, missing or waived, and waives one with a note. axe-core checks
each page."""

from __future__ import annotations

from typing import Any

from local import stack as local_stack
from tests.integration.flows import HOLDER, application, papers_for
from tests.integration.live import http, sign_in
from tests.integration.web_browser import (
    browser,
    fill_field,
    needs_chromium,
    phone,
    screenshot,
    serious_violations,
    sign_in_staff,
)

__all__ = ["browser"]
pytestmark = needs_chromium
PHONE = "01711000061"
PHOTO_BN = "সদ্য তোলা পাসপোর্ট সাইজের রঙিন ছবি"


def _browser_sign_in(page: Any, base: str) -> None:
    page.goto(f"{base}/#/signin")
    page.get_by_test_id("signin-phone").fill(PHONE)
    page.get_by_test_id("signin-send").click()
    page.get_by_test_id("signin-code").wait_for()
    _, box = http(base, "GET", f"/v1/_local/outbox?phone={PHONE}")
    code = box["items"][0]["text"].translate(str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789"))
    page.get_by_test_id("signin-code").fill("".join(ch for ch in code if ch.isdigit())[:6])
    page.get_by_test_id("signin-verify").click()
    page.get_by_test_id("signout").wait_for()
    page.wait_for_load_state("networkidle")


def _fill(page: Any, name: str, value: str) -> None:
    fill_field(page, name, value)  # a date is three fields now (web_browser.fill_field)


def test_missing_papers_are_named_and_the_secretary_waives_one(live: local_stack.Stack, browser: Any) -> None:
    base = live.api_url
    found: dict[str, list[str]] = {}
    context = phone(browser)
    page = context.new_page()

    # The form: nothing uploaded yet, so it names both required papers before sending anything.
    _browser_sign_in(page, base)
    page.goto(f"{base}/#/apply/union-1/character")
    page.get_by_test_id("apply-form").wait_for()
    _fill(page, "ward", "1")
    for name, value in HOLDER.items():
        _fill(page, name, str(value))
    page.get_by_test_id("apply-submit").click()
    summary = page.get_by_test_id("error-summary")
    summary.wait_for()
    assert PHOTO_BN in summary.inner_text()
    assert "জাতীয় পরিচয়পত্র অথবা অনলাইন জন্ম নিবন্ধন সনদের কপি" in summary.inner_text()
    page.wait_for_load_state("networkidle")
    found["form"] = serious_violations(page)

    # A case filed without its photo (say at a counter): the case page says what is missing
    # instead of offering to take the fee.
    citizen = sign_in(base, PHONE)
    body = application("character", HOLDER, papers=False)
    body["papers"] = {"nid_or_brn_copy": papers_for("character")["nid_or_brn_copy"]}
    status, case = http(base, "POST", "/v1/applications", body, citizen)
    assert status == 201, case
    page.goto(f"{base}/#/applications/{case['id']}")
    block = page.get_by_test_id("pay-papers-missing")
    block.wait_for()
    assert PHOTO_BN in block.inner_text()
    assert page.get_by_test_id("pay-button").count() == 0
    assert page.get_by_test_id("paper-photo").get_attribute("data-state") == "missing"
    page.wait_for_load_state("networkidle")
    found["citizen-case"] = serious_violations(page)
    screenshot(page, "citizen-missing-papers")
    page.get_by_test_id("signout").click()

    # The secretary: attached (with a link), missing (with a waiver), optional; a waiver needs a note.
    sign_in_staff(page, base, "union-1.secretary")
    page.goto(f"{base}/#/office/cases/{case['id']}")
    page.get_by_test_id("papers").wait_for()
    assert page.get_by_test_id("paper-nid_or_brn_copy").get_attribute("data-state") == "attached"
    assert page.get_by_test_id("paper-link-nid_or_brn_copy").get_attribute("href").startswith("http")
    assert page.get_by_test_id("paper-photo").get_attribute("data-state") == "missing"
    assert page.get_by_test_id("waive-holding_tax_receipt").count() == 0  # optional: nothing to waive
    assert page.get_by_test_id("action-waive_paper").count() == 0  # not among the workflow buttons
    page.get_by_test_id("waive-photo").click()
    assert page.get_by_test_id("waive-note-photo").get_attribute("aria-invalid") == "true"
    page.get_by_test_id("waive-note-photo").fill("মূল ছবি কাউন্টারে দেখা হয়েছে")
    assert page.get_by_test_id("waive-note-photo").get_attribute("aria-invalid") != "true"
    page.get_by_test_id("waive-photo").click()
    page.get_by_test_id("action-done").wait_for()
    assert "মওকুফ করা হয়েছে" in page.get_by_test_id("action-done").inner_text()  # says what was done
    photo = page.get_by_test_id("paper-photo")
    assert photo.get_attribute("data-state") == "waived"
    assert "মূল ছবি কাউন্টারে দেখা হয়েছে" in photo.inner_text()
    assert page.locator('[data-testid="timeline"] li[data-action="waive_paper"]').count() == 1
    page.wait_for_load_state("networkidle")
    found["official-case"] = serious_violations(page)
    screenshot(page, "official-papers")
    context.close()

    # The applicant may pay now.
    status, checkout = http(base, "POST", f"/v1/applications/{case['id']}/payment", {"method": "sslcommerz"}, citizen)
    assert status == 201, checkout
    assert found == {name: [] for name in found}, found
