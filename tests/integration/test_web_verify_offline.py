"""The verifier offline, in Chromium on the live stack: the result names the office (never its
code), the lists panel speaks plainly, a revocation list saved more than a day ago turns "valid"
into "valid as of <date>; check online" (the phone's clock moved two days on), and a revoked
result shows the day and the category of the revocation."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from local import stack as local_stack
from tests.integration.live import http, login
from tests.integration.test_web_verify import fragment, issued_certificate, verdict
from tests.integration.web_browser import browser, drain, needs_chromium, phone, screenshot, serious_violations

__all__ = ["browser"]
pytestmark = needs_chromium


def _status(page: Any) -> str:
    verdict(page)
    return str(page.locator("#result-body .verdict").get_attribute("data-status"))


def test_offline_results_name_the_office_and_an_old_list_warns(live: local_stack.Stack, browser: Any) -> None:
    number, qr = issued_certificate(live)
    office = next(o for o in live.demo["offices"] if o["office_id"] == "union-1")
    context = phone(browser)
    page = context.new_page()
    page.goto(f"{live.api_url}/v#{fragment(qr)}")
    assert _status(page) == "valid"
    page.wait_for_function("navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready")
    page.wait_for_load_state("networkidle")  # the lists and the offices' names are saved

    context.set_offline(True)
    page.reload()
    assert _status(page) == "valid"
    assert page.get_by_test_id("office-name").inner_text() == office["name_bn"]
    result = page.locator("#result-body").inner_text()
    assert "union-1" not in result
    lists = page.locator("#lists-status").inner_text()
    assert "s1" not in lists and "বাতিল সনদের তালিকা, সংরক্ষিত" in lists
    assert re.search("[০-৯]+টি কার্যালয়ের স্বাক্ষর-চাবির তালিকা", lists), lists
    assert page.locator("#root-status span.code").count() == 0  # no fingerprint
    assert page.get_by_test_id("lists-old").count() == 0

    # Two days later, still offline: the saved list can no longer vouch for an unconditional "valid".
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    old = context.new_page()
    old.clock.install(time=later)
    old.goto(f"{live.api_url}/v#{fragment(qr)}")
    assert _status(old) == "valid_old"
    box = old.locator("#result-body .verdict")
    assert "পর্যন্ত বৈধ" in box.inner_text() and "ইন্টারনেটে যুক্ত হয়ে আবার যাচাই করুন" in box.inner_text()
    assert "Valid as of" in box.inner_text()  # the other language's word beside it
    assert old.get_by_test_id("lists-old").is_visible()
    assert old.get_by_test_id("office-name").inner_text() == office["name_bn"]
    assert serious_violations(old) == []
    screenshot(old, "verify-offline-old-list")
    old.locator("#lang").click()
    assert "Valid as of" in old.locator("#result-body .verdict .big").inner_text()
    assert old.get_by_test_id("office-name").inner_text() == office["name_en"]
    old.close()

    # Back online, today: the office revokes it; the result says when, and why in words.
    context.set_offline(False)
    chairman = login(live.api_url, "union-1.signatory")
    body = {"reason": "the trade licence was forged", "reason_code": "forged_papers"}
    assert http(live.api_url, "POST", f"/v1/certificates/{number}/revoke", body, chairman)[0] == 200
    drain(live, 2)  # the case stream republishes the status list
    page.reload()
    assert _status(page) == "revoked"
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=6))).date()
    # (English: the language chosen on the other page is remembered)
    assert page.get_by_test_id("revoked-on").inner_text() == f"{today.day} {today:%B %Y}"
    assert page.get_by_test_id("revoked-reason").inner_text() == "Forged papers"
    page.locator("#lang").click()
    revoked_on = page.get_by_test_id("revoked-on").inner_text()
    assert revoked_on.startswith(bn_digits(today.day) + " ") and revoked_on.endswith(bn_digits(today.year)), revoked_on
    assert page.get_by_test_id("revoked-reason").inner_text() == "জাল কাগজপত্র"
    assert "trade licence" not in page.locator("#result-body").inner_text()  # the free text stays with the case
    assert serious_violations(page) == []
    screenshot(page, "verify-revoked")
    context.close()


def bn_digits(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"))
