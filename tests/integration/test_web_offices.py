"""Finding an office and its certificate on a phone (issue 12, items 3 and 4): the five Rampur
unions are told apart by upazila and district, and an office page lists its most requested types
first, the others behind a disclosure, with the filter searching them all. axe-core stays clean."""

from __future__ import annotations

from typing import Any

from local import demo
from local import stack as local_stack
from tests.integration.test_office_search import received
from tests.integration.web_browser import browser, needs_chromium, phone, screenshot, serious_violations

__all__ = ["browser"]
pytestmark = needs_chromium
BN_DIGITS = "০১২৩৪৫৬৭৮৯"


def search(page: Any, q: str) -> list[Any]:
    page.get_by_test_id("office-search").fill(q)
    page.get_by_test_id("office-search-submit").click()
    page.get_by_test_id("office-result").first.wait_for()
    page.wait_for_load_state("networkidle")
    return list(page.get_by_test_id("office-result").all())


def test_a_citizen_finds_the_right_rampur_and_its_most_requested_types(live: local_stack.Stack, browser: Any) -> None:
    # Applications this office received, as the case stream counts them (before its page is read).
    received("union-1", "death", 7)
    received("union-1", "farmer", 4)
    base = live.api_url
    page = phone(browser).new_page()
    page.goto(f"{base}/#/offices")
    results = search(page, "রামপুর")
    assert {r.get_attribute("data-office") for r in results} == {f"union-{n}" for n in demo.SAME_NAMED}
    places = [r.get_by_test_id("office-result-place").inner_text() for r in results]
    assert len(set(places)) == 5, places  # each names its upazila and district
    assert "কোম্পানীগঞ্জ উপজেলা, নোয়াখালী জেলা" in places
    assert all("ইউনিয়ন পরিষদ" in r.inner_text() for r in results)
    assert page.get_by_test_id("office-search-count").inner_text().startswith("৫")
    assert page.get_by_test_id("office-search-more").count() == 0  # all five on the first page
    assert serious_violations(page) == []
    screenshot(page, "citizen-office-search")

    # By upazila name: two Companiganj, in two districts.
    results = search(page, "Companiganj")
    assert {r.get_attribute("data-office") for r in results} == {"union-405", "union-2468"}

    page.goto(f"{base}/#/offices?q=Subil")
    page.locator('[data-testid="office-result"][data-office="union-1"]').click()
    popular = page.get_by_test_id("types-popular")
    popular.wait_for()
    shown = [a.get_attribute("data-type") for a in popular.locator("a").all()]
    assert shown[:2] == ["death", "farmer"] and len(shown) == 6
    others = page.get_by_test_id("types-others")
    assert others.get_attribute("open") is None  # the other 42 wait behind the disclosure
    toggle = page.get_by_test_id("types-others-toggle").inner_text()
    assert any(d in toggle for d in BN_DIGITS) and not any(d in toggle for d in "0123456789")
    assert serious_violations(page) == []
    screenshot(page, "citizen-office-types")
    page.get_by_test_id("types-others-toggle").click()
    assert page.get_by_test_id("type-widow").is_visible()
    assert page.locator('[data-testid="type-death"]').count() == 1  # each type listed once
    assert serious_violations(page) == []

    page.get_by_test_id("type-filter").fill("বিধবা")  # the filter searches every type
    page.get_by_test_id("type-widow").wait_for()
    assert page.get_by_test_id("types-popular").count() == 0
    page.get_by_test_id("type-filter").fill("")
    page.get_by_test_id("type-death").click()
    page.get_by_test_id("apply-start").wait_for()
