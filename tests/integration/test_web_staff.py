"""The office admin's staff page in Chromium on a phone-sized screen, in Bengali, against the live
stack: the admin sees the office's staff, adds a secretary who can then sign in, deactivates them
with a reason, and sets a new password for a UDC operator who forgot theirs. The new secretary,
whose password the admin chose, must choose their own before anything else. axe-core checks the
pages with their forms open."""

from __future__ import annotations

from typing import Any

from local import stack as local_stack
from tests.integration.live import http, login
from tests.integration.web_browser import browser, needs_chromium, phone, screenshot, serious_violations, sign_in_staff

__all__ = ["browser"]
pytestmark = needs_chromium
ADMIN = "union-1.office-admin"
NEW = {
    "username": "union-1.secretary-2",
    "password": "a long password 1",
    "name_bn": "রহিমা খাতুন",
    "name_en": "Rahima Khatun",
    "designation_bn": "হিসাব সহকারী কাম কম্পিউটার অপারেটর",
}
OWN = "আমার নিজের পাসওয়ার্ড ২০২৬"  # the secretary's own choice: Bengali, and long enough


def row(page: Any, username: str) -> Any:
    return page.locator(f'[data-testid="staff-row"][data-username="{username}"]')


def refused(base: str, username: str, password: str) -> bool:
    status, _ = http(base, "POST", "/v1/auth/login", {"username": username, "password": password})
    return status == 401


def choose_own_password(browser: Any, base: str, found: dict[str, list[str]]) -> None:
    """The new secretary signs in on their own phone: the page to choose their own password comes
    first (a reload does not skip it), checks what it can in the browser, and then lets them in."""
    context = phone(browser)
    page = context.new_page()
    sign_in_staff(page, base, NEW["username"], NEW["password"])
    page.get_by_test_id("password-forced").wait_for()
    assert "#/staff/password" in page.url
    assert page.get_by_test_id("nav-queue").count() == 0
    page.reload()
    page.get_by_test_id("password-forced").wait_for()
    page.wait_for_load_state("networkidle")
    screenshot(page, "staff-password")

    # A too-short new password and a mistyped repeat: said inline, in Bengali, before any request.
    page.get_by_test_id("password-current").fill(NEW["password"])
    page.get_by_test_id("password-new").fill("ছোট")
    page.get_by_test_id("password-again").fill("ছোটো")
    page.get_by_test_id("password-save").click()
    assert page.get_by_test_id("error-summary").is_visible()
    assert "১২ অক্ষর" in page.locator("#pw-new-error").inner_text()
    assert "মেলেনি" in page.locator("#pw-again-error").inner_text()
    found["own-password"] = serious_violations(page)

    # A wrong current password: the server's 403, said next to that field.
    page.get_by_test_id("password-current").fill("not my password")
    page.get_by_test_id("password-new").fill(OWN)
    page.get_by_test_id("password-again").fill(OWN)
    page.get_by_test_id("password-save").click()
    page.locator("#pw-current-error").wait_for()
    assert "সঠিক নয়" in page.locator("#pw-current-error").inner_text()
    assert page.get_by_test_id("password-current").get_attribute("aria-invalid") == "true"
    assert page.get_by_test_id("password-forced").is_visible()  # still asked

    page.get_by_test_id("password-current").fill(NEW["password"])
    page.get_by_test_id("password-save").click()
    page.get_by_test_id("filter-apply").wait_for()  # in: the applications queue
    assert page.url.endswith("#/office") and page.get_by_test_id("nav-queue").is_visible()
    assert refused(base, NEW["username"], NEW["password"])

    # Their own password now: straight in, and the page stays in the menu for later.
    page.get_by_test_id("signout").click()
    sign_in_staff(page, base, NEW["username"], OWN)
    page.get_by_test_id("filter-apply").wait_for()
    assert page.get_by_test_id("password-form").count() == 0
    page.get_by_test_id("nav-password").click()
    page.get_by_test_id("password-form").wait_for()
    assert page.get_by_test_id("password-forced").count() == 0
    context.close()


def test_an_office_admin_runs_the_staff_on_a_phone(live: local_stack.Stack, browser: Any) -> None:
    base = live.api_url
    found: dict[str, list[str]] = {}
    context = phone(browser)
    page = context.new_page()
    sign_in_staff(page, base, ADMIN)
    page.get_by_test_id("nav-staff").click()
    page.get_by_test_id("staff-list").wait_for()
    page.wait_for_load_state("networkidle")
    found["list"] = serious_violations(page)
    screenshot(page, "office-staff")

    usernames = page.get_by_test_id("staff-row").evaluate_all("rows => rows.map(r => r.dataset.username)")
    assert {"union-1.signatory", "union-1.secretary", "union-1.ward-member1", ADMIN} <= set(usernames)
    head = row(page, "union-1.signatory")
    assert head.get_by_test_id("staff-signs").is_visible()
    assert head.get_by_test_id("staff-by-handover").is_visible()  # signing seats change by handover
    assert head.get_by_test_id("staff-deactivate").count() == 0
    assert row(page, "union-1.ward-member1").get_by_test_id("staff-deactivate").count() == 0
    assert row(page, ADMIN).get_by_test_id("staff-deactivate").count() == 0  # not one's own account
    assert page.get_by_test_id("staff-password-pending").count() == 0  # the demo staff chose theirs

    # Add a secretary: the form first says what is missing, in Bengali, next to each field.
    page.get_by_test_id("staff-add-open").click()
    page.get_by_test_id("staff-add-submit").click()
    assert page.get_by_test_id("error-summary").is_visible()
    assert "১২ অক্ষর" in page.locator("#sa-password-error").inner_text()
    assert page.get_by_test_id("staff-add-role").evaluate("s => [...s.options].map(o => o.value)") == [
        "secretary",
        "udc_operator",
    ]
    page.get_by_test_id("staff-add-name-bn").fill(NEW["name_bn"])
    page.get_by_test_id("staff-add-name-en").fill(NEW["name_en"])
    page.get_by_test_id("staff-add-designation").fill(NEW["designation_bn"])
    page.get_by_test_id("staff-add-username").fill("union-1.secretary")  # taken
    page.get_by_test_id("staff-add-password").fill(NEW["password"])
    page.get_by_test_id("staff-add-submit").click()
    page.locator("#sa-username-error").wait_for()
    assert "নেওয়া হয়েছে" in page.locator("#sa-username-error").inner_text()
    page.get_by_test_id("staff-add-username").fill(NEW["username"])
    page.get_by_test_id("staff-add-password").fill(NEW["password"])
    page.get_by_test_id("staff-add-submit").click()
    page.get_by_test_id("staff-added").wait_for()
    found["add"] = serious_violations(page)
    added = row(page, NEW["username"])
    assert added.get_attribute("data-active") == "true" and NEW["name_bn"] in added.inner_text()
    login(base, NEW["username"], NEW["password"])  # the new secretary can sign in
    assert added.get_by_test_id("staff-password-pending").is_visible()  # on the admin's choice so far

    choose_own_password(browser, base, found)
    page.reload()
    page.get_by_test_id("staff-list").wait_for()
    assert added.get_by_test_id("staff-password-pending").count() == 0

    # Deactivate them: a reason is required, and the form itself is the confirmation step.
    added.get_by_test_id("staff-deactivate").click()
    added.get_by_test_id("staff-deactivate-confirm").click()
    assert added.get_by_test_id("staff-reason").get_attribute("aria-invalid") == "true"
    found["deactivate"] = serious_violations(page)
    added.get_by_test_id("staff-reason").fill("অন্য ইউনিয়নে বদলি")
    added.get_by_test_id("staff-deactivate-confirm").click()
    page.get_by_test_id("staff-deactivated").wait_for()
    retired = row(page, NEW["username"])
    assert retired.get_attribute("data-active") == "false"
    assert "অন্য ইউনিয়নে বদলি" in retired.get_by_test_id("staff-retired").inner_text()
    assert retired.get_by_test_id("staff-reset-password").count() == 0
    assert refused(base, NEW["username"], OWN)

    # A UDC operator forgot their password: the admin sets a new one.
    operator = row(page, "union-1.udc-operator")
    operator.get_by_test_id("staff-reset-password").click()
    operator.get_by_test_id("staff-new-password").fill("short")
    operator.get_by_test_id("staff-password-save").click()
    assert operator.get_by_test_id("staff-new-password").get_attribute("aria-invalid") == "true"
    found["password"] = serious_violations(page)
    operator.get_by_test_id("staff-new-password").fill("a fresh password 2026")
    operator.get_by_test_id("staff-password-save").click()
    operator.get_by_test_id("staff-password-done").wait_for()
    assert operator.get_by_test_id("staff-password-pending").is_visible()  # theirs to replace next time
    login(base, "union-1.udc-operator", "a fresh password 2026")
    assert refused(base, "union-1.udc-operator", "sonod-demo-2026")  # the old password is gone

    # The English switch: names and labels follow the language; retired rows stay listed.
    page.get_by_test_id("lang-switch").click()
    page.get_by_test_id("staff-list").wait_for()
    assert "Md. Abdul Karim" in row(page, "union-1.signatory").inner_text()
    assert "Reason:" in row(page, NEW["username"]).get_by_test_id("staff-retired").inner_text()

    # LGD's admin names the office, may appoint and remove office admins, and is sent to that
    # office's handover form.
    page.get_by_test_id("signout").click()
    sign_in_staff(page, base, "lgd.admin")
    page.get_by_test_id("nav-staff").click()
    page.get_by_test_id("settings-office").fill("union-1")
    page.get_by_test_id("settings-office-go").click()
    page.get_by_test_id("staff-list").wait_for()
    assert "office_admin" in page.get_by_test_id("staff-add-role").evaluate("s => [...s.options].map(o => o.value)")
    assert row(page, ADMIN).get_by_test_id("staff-deactivate").count() == 1
    link = row(page, "union-1.signatory").get_by_test_id("staff-by-handover").locator("a")
    assert link.get_attribute("href") == "#/office/signatories?office=union-1"
    context.close()
    assert {name: v for name, v in found.items() if v} == {}
