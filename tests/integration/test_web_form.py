"""Issue 12 items 5 and 6: the citizen's application form on a phone, in Bengali and English.

The date of birth is three fields (দিন / মাস / বছর) typed in Bengali digits; a date that does not
exist gets one error for the whole date; the NID and the birth registration number are one
"one of these" group whose error sits on the group; the messages name their field once; the
submitted case holds the ISO date. axe-core finds nothing serious on the way."""

from __future__ import annotations

from typing import Any

from local import stack as local_stack
from tests.integration.flows import HOLDER
from tests.integration.test_web_app import sign_in_citizen
from tests.integration.web_browser import (
    browser,
    fill_field,
    needs_chromium,
    phone,
    screenshot,
    serious_violations,
)

__all__ = ["browser"]
pytestmark = needs_chromium
BN = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def error_of(page: Any, testid: str) -> str:
    box = page.get_by_test_id(testid)
    assert box.get_attribute("aria-invalid") == "true", testid
    return str(page.locator(f"#{box.get_attribute('id')}-error").inner_text())


def summary(page: Any) -> list[str]:
    return [str(t) for t in page.get_by_test_id("error-summary").locator("li").all_inner_texts()]


def open_form(page: Any, base: str) -> None:
    page.goto(f"{base}/#/apply/union-1/citizenship")
    page.get_by_test_id("apply-form").wait_for()
    page.wait_for_load_state("networkidle")


def test_date_in_bengali_digits_and_the_one_of_group(live: local_stack.Stack, browser: Any) -> None:
    base = live.api_url
    context = phone(browser)
    page = context.new_page()
    page.goto(f"{base}/")
    sign_in_citizen(page, base)
    open_form(page, base)

    # Neither number is "(optional)": they are one group that says "one of these".
    group = page.get_by_test_id("one-of-holder_nid")
    assert "ঐচ্ছিক" not in group.inner_text()
    assert "যেকোনো একটি" in page.locator("#f-one-of-holder_nid-hint").inner_text()
    # The date of birth is three labelled fields that ask the browser for the user's birthday.
    date = page.get_by_test_id("field-holder_dob")
    assert date.evaluate("e => e.tagName") == "FIELDSET"
    assert date.locator("legend").inner_text().startswith("জন্ম তারিখ")
    for part, label in (("day", "দিন"), ("month", "মাস"), ("year", "বছর")):
        control = page.get_by_test_id(f"field-holder_dob-{part}")
        assert control.get_attribute("autocomplete") == f"bday-{part}"
        assert page.locator(f"label[for='{control.get_attribute('id')}']").inner_text() == label
    assert page.get_by_test_id("field-holder_dob-day").get_attribute("inputmode") == "numeric"
    assert page.get_by_test_id("field-holder_dob-month").locator("option").nth(2).inner_text() == "ফেব্রুয়ারি"

    # 31 February in Bengali digits, and no NID or birth registration number.
    fill_field(page, "ward", "1")
    for name, value in HOLDER.items():
        if name != "holder_nid":
            fill_field(page, name, str(value).translate(BN) if name == "holder_dob" else str(value))
    fill_field(page, "holder_dob", "১৯৯০-০২-৩১")
    page.get_by_test_id("apply-submit").click()
    page.get_by_test_id("error-summary").wait_for()
    assert error_of(page, "field-holder_dob") == "জন্ম তারিখ: সঠিক তারিখ নয় — ফেব্রুয়ারি ১৯৯০ মাসে ২৮ দিন"
    group_error = "জাতীয় পরিচয়পত্র নম্বর অথবা জন্ম নিবন্ধন নম্বর — অন্তত একটি দিন"
    assert error_of(page, "one-of-holder_nid") == group_error
    assert page.get_by_test_id("field-holder_nid").get_attribute("aria-invalid") is None  # on the group, once
    assert summary(page) == [group_error, "জন্ম তারিখ: সঠিক তারিখ নয় — ফেব্রুয়ারি ১৯৯০ মাসে ২৮ দিন"]
    assert serious_violations(page) == []
    screenshot(page, "citizen-form-errors")

    # A wrong NID says what is wrong without repeating its label; the right one clears the group.
    nid = page.get_by_test_id("field-holder_nid")
    nid.fill("১২৩৪৫")
    page.get_by_test_id("field-holder_brn").focus()
    assert page.locator("#f-holder_nid-error").inner_text() == "জাতীয় পরিচয়পত্র নম্বর: ১০, ১৩ বা ১৭ অঙ্কের হতে হবে"
    nid.fill(str(HOLDER["holder_nid"]).translate(BN))
    assert page.get_by_test_id("one-of-holder_nid").get_attribute("aria-invalid") is None
    # The date fixed in Bengali digits: its error goes when the citizen leaves the three fields.
    page.get_by_test_id("field-holder_dob-day").fill("১৪")
    page.get_by_test_id("field-holder_dob-month").select_option("4")
    page.get_by_test_id("field-gender").focus()
    assert date.get_attribute("aria-invalid") is None
    date.scroll_into_view_if_needed()
    assert serious_violations(page) == []
    screenshot(page, "citizen-form-date")

    page.get_by_test_id("apply-submit").click()
    status = page.get_by_test_id("case-status")
    status.wait_for()
    assert status.get_attribute("data-status") == "awaiting_payment"
    # The API got the ISO date; the case page says it in words with Bengali digits.
    page.locator("details.panel > summary").click()
    facts = page.get_by_test_id("case-fields").inner_text()
    assert "১৪ এপ্রিল ১৯৯০" in facts and "1990-04-14" not in facts
    context.close()


def test_english_messages_and_hints_read_as_sentences(live: local_stack.Stack, browser: Any) -> None:
    base = live.api_url
    context = phone(browser)
    page = context.new_page()
    page.goto(f"{base}/")
    page.evaluate("localStorage.setItem('sonod.lang', 'en')")
    sign_in_citizen(page, base)
    page.reload()
    open_form(page, base)
    assert page.locator("#f-holder_nid-hint").inner_text() == "10, 13 or 17 digits."
    assert page.locator("#f-holder_name_bn-hint").inner_text() == "Write in Bengali."
    assert page.locator("#f-one-of-holder_nid-hint").inner_text() == (
        "Give any one of these; more than one is fine too."
    )
    page.get_by_test_id("field-holder_brn").fill("12345")
    page.get_by_test_id("field-holder_dob-day").fill("5")
    page.get_by_test_id("field-holder_dob-year").focus()
    page.get_by_test_id("field-gender").focus()
    assert page.locator("#f-holder_brn-error").inner_text() == "Birth registration number must be 17 digits"
    assert error_of(page, "field-holder_dob") == "Date of birth must include a month and a year"
    page.get_by_test_id("field-holder_dob-month").select_option("1")
    page.get_by_test_id("field-holder_dob-year").fill("1899")
    page.get_by_test_id("field-gender").focus()
    assert error_of(page, "field-holder_dob") == "Date of birth cannot be before 1900"
    assert serious_violations(page) == []

    # Every date of the catalog is three fields: the date of death, and each heir's date of birth
    # (which does not ask the browser for the user's own birthday).
    page.goto(f"{base}/#/apply/union-1/warish")
    page.get_by_test_id("apply-form").wait_for()
    page.wait_for_load_state("networkidle")
    assert page.get_by_test_id("field-date_of_death-day").get_attribute("autocomplete") == "off"
    assert page.get_by_test_id("field-heirs-0-dob").evaluate("e => e.tagName") == "FIELDSET"
    assert page.get_by_test_id("field-heirs-0-dob-day").get_attribute("autocomplete") == "off"
    page.get_by_test_id("field-heirs-0-dob-day").fill("31")
    page.get_by_test_id("field-heirs-0-dob-month").select_option("4")
    page.get_by_test_id("field-heirs-0-dob-year").fill("2001")
    page.get_by_test_id("field-heirs-0-nid").focus()
    assert error_of(page, "field-heirs-0-dob") == "Date of birth must be a real date: April 2001 has 30 days"
    page.get_by_test_id("add-row-heirs").click()
    assert page.get_by_test_id("field-heirs-1-dob-day").is_visible()
    assert serious_violations(page) == []
    context.close()
