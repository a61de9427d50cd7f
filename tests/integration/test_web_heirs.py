"""Issue 12, items 8 and 9 on a phone: a citizen files a warish case, an heir opens the link in
their consent SMS (from the local outbox), sees the deceased and the heirs before giving the code,
and an official sees the identity checks of the deceased and each heir side by side. axe-core
stays clean on every page."""

from __future__ import annotations

import re
from typing import Any

from local import stack as local_stack
from tests.integration.flows import DECEASED
from tests.integration.live import http, login
from tests.integration.test_web_app import fill, sign_in_citizen
from tests.integration.web_browser import browser, drain, needs_chromium, phone, screenshot, serious_violations
from tests.integration.web_browser import sign_in_staff as staff_sign_in

__all__ = ["browser"]
pytestmark = needs_chromium
HEIR_PHONE = "01811000002"  # the son in local/samples.py: adult, with a phone and an NID


def clean(page: Any, name: str) -> None:
    page.wait_for_load_state("networkidle")
    assert serious_violations(page) == [], name
    screenshot(page, name)


def file_warish(page: Any, base: str) -> str:
    page.goto(f"{base}/#/apply/union-1/warish")
    page.get_by_test_id("apply-form").wait_for()
    fill(page, "ward", "1")
    for name, value in DECEASED.items():
        if name != "heirs":
            fill(page, name, str(value))
    page.get_by_test_id("add-row-heirs").click()
    for row, heir in enumerate(DECEASED["heirs"]):
        for column, value in heir.items():
            fill(page, f"heirs-{row}-{column}", str(value))
    page.get_by_test_id("apply-submit").click()
    status = page.get_by_test_id("case-status")
    status.wait_for()
    assert status.get_attribute("data-status") == "awaiting_payment"
    return str(page.url.rsplit("/", 1)[1].split("?", 1)[0])


def consent_link(base: str) -> tuple[str, str]:
    """(the link's path and fragment on this stack, the code) from the heir's consent SMS."""
    _, box = http(base, "GET", f"/v1/_local/outbox?phone={HEIR_PHONE}")
    [sms] = [m for m in box["items"] if m["purpose"] == "heir_consent"]
    text = str(sms["text"])
    found = re.search(r"https?://[^/\s]+(/c#[A-Za-z0-9]{11})$", text)
    assert found, text
    code = "".join(ch for ch in text.translate(str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")) if ch.isdigit())[:6]
    return found.group(1), code


def test_an_heir_consents_from_the_sms_link_and_officials_see_every_check(
    live: local_stack.Stack, browser: Any
) -> None:
    base = live.api_url
    citizen = phone(browser).new_page()
    sign_in_citizen(citizen, base)
    case_id = file_warish(citizen, base)
    secretary = login(base, "union-1.secretary")
    paid = http(
        base, "POST", f"/v1/applications/{case_id}/actions", {"action": "record_payment", "version": 1}, secretary
    )
    assert paid[0] == 200, paid
    drain(live, 3)  # the case stream asks each adult heir with a phone

    path, code = consent_link(base)
    heir = phone(browser).new_page()
    heir.goto(f"{base}{path}")
    heir.get_by_test_id("consent-case").wait_for()
    assert heir.get_by_test_id("consent-deceased").inner_text() == DECEASED["deceased_name_bn"]
    names = heir.get_by_test_id("consent-heirs").locator("li").all_inner_texts()
    assert names == [h["name_bn"] for h in DECEASED["heirs"]]
    page_text = heir.content()
    for private in [DECEASED["deceased_nid"], *(h.get("nid", "") for h in DECEASED["heirs"]), HEIR_PHONE[1:]]:
        assert private not in page_text
    assert heir.get_by_test_id("consent-tracking").count() == 0  # the link names the case
    clean(heir, "heir-consent")
    heir.get_by_test_id("consent-phone").fill(HEIR_PHONE)
    heir.get_by_test_id("consent-code").fill(code)
    heir.get_by_test_id("consent-submit").click()
    heir.get_by_test_id("consent-done").wait_for()

    heir.goto(f"{base}/c#AAAAAAAAAAA")  # a link that is not one
    heir.get_by_test_id("link-gone").wait_for()
    clean(heir, "heir-consent-link-gone")

    official = phone(browser).new_page()
    staff_sign_in(official, base, "union-1.secretary")
    official.goto(f"{base}/#/office/cases/{case_id}")
    table = official.get_by_test_id("people-checks")
    table.wait_for()
    rows = table.locator("tbody tr")
    seen = {r.get_attribute("data-person"): r.get_attribute("data-status") for r in rows.all()}
    assert seen == {"deceased": "matched", "heir-0": "matched", "heir-1": "matched"}
    assert "মিলেছে" in table.inner_text() and DECEASED["deceased_name_bn"] in table.inner_text()
    official.get_by_test_id("people-checks").scroll_into_view_if_needed()
    clean(official, "official-warish-identity")
