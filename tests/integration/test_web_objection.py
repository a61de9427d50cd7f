"""An owner's objection to an assessment in Chromium on a phone against the live stack (decision 73).

The demo citizen 01711000001 owns holding 1/0001 of pourashava-savar (local/demo_holdings.py; its
first row is brought in here through the office import, as `make run` does for the whole register).
The citizen opens the holding, reads this year's assessment, follows "object to this year's
assessment" to the application form (holding number and fiscal year filled in, the assessment shown
above it), files and pays the fee through the gateway simulator. The office's assessor finds the
objection in their queue (and nothing else), reads the holding, the assessment and the grounds,
decides a new annual value in taka with a note; the citizen then sees the decision on the case and
the reviewed assessment (value and tax) on the holding. axe-core checks every page."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

from chalicelib.domain.clock import today_bd
from chalicelib.domain.revenue.fiscal import fiscal_year_of
from local import demo_holdings
from local import stack as local_stack
from ops.holdings import import_file
from tests.integration import web_browser as web
from tests.integration.flows import application
from tests.integration.live import http, login, sign_in
from tests.integration.test_web_app import PHONE, sign_in_citizen
from tests.integration.web_browser import browser

__all__ = ["browser"]
pytestmark = web.needs_chromium
OFFICE = "pourashava-savar"
NUMBER = "1/0001"
GROUNDS = "নিচতলা মালিক নিজে থাকেন, ভাড়া দেওয়া নয়; বার্ষিক মূল্য বেশি ধরা হয়েছে।"
FOUND: dict[str, list[str]] = {}


def checked(page: Any, name: str) -> None:
    web.axe_checked(page, FOUND, f"objection-live-{name}")


def demo_holding(base: str, tmp_path: Path) -> str:
    """Holding 1/0001 of the office's demo register, owned by the demo citizen: its id."""
    header, body = demo_holdings.rows(OFFICE, "pourashava", 9, 1, date.today())
    path = tmp_path / "holdings.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, body[0]])
    imported = import_file(OFFICE, path, report=lambda line: None)
    assert imported.counts["created"] == 1, imported
    assessor = login(base, f"{OFFICE}.assessor")
    status, found = http(base, "GET", f"/v1/offices/{OFFICE}/holdings?q={NUMBER}", token=assessor)
    assert status == 200, found
    return str(next(x["holding_id"] for x in found["items"] if x["number"] == NUMBER))


def file_the_objection(page: Any, base: str, holding_id: str) -> tuple[str, int]:
    """From the holding page, the objection filed and its fee paid: its case id and the value objected to."""
    sign_in_citizen(page, base)
    page.get_by_test_id("nav-holdings").click()
    page.locator(f'[data-testid="my-holding"][data-id="{holding_id}"]').click()
    page.get_by_test_id("assessment").wait_for()
    before = int(page.get_by_test_id("annual-value").get_attribute("data-poisha"))
    checked(page, "holding")
    page.get_by_test_id("object-link").click()
    page.get_by_test_id("apply-form").wait_for()
    page.get_by_test_id("objected-assessment").wait_for()
    assert page.get_by_test_id("field-holding_number").input_value() == NUMBER
    assert (
        page.get_by_test_id("field-fiscal_year").input_value()
        == http(base, "GET", f"/v1/holdings/{holding_id}/assessment", token=login(base, f"{OFFICE}.assessor"))[1][
            "fiscal_year"
        ]
    )
    assert int(page.get_by_test_id("annual-value").get_attribute("data-poisha")) == before
    web.fill_field(page, "grounds_bn", GROUNDS)
    checked(page, "form")
    page.get_by_test_id("apply-submit").click()
    page.wait_for_selector('[data-testid="case-status"][data-status="awaiting_payment"]')
    case_id = str(page.url.rsplit("/", 1)[1].split("?", 1)[0])
    page.get_by_test_id("objection-holding").wait_for()
    page.get_by_test_id("pay-button").click()
    page.wait_for_url("**/pay/**")
    page.locator("a[href='?outcome=success']").click()
    page.wait_for_selector('[data-testid="case-status"][data-status="submitted"]')
    checked(page, "filed")
    page.get_by_test_id("signout").click()
    return case_id, before


def decide(page: Any, base: str, case_id: str, value_taka: int) -> None:
    """The assessor: the queue holds this objection only; the case; the review with a value in taka."""
    web.sign_in_staff(page, base, f"{OFFICE}.assessor")
    page.get_by_test_id("nav-objections").click()
    page.get_by_test_id("queue").wait_for()
    items = page.get_by_test_id("queue-item")
    assert [items.nth(i).get_attribute("data-id") for i in range(items.count())] == [case_id]
    checked(page, "assessor-queue")
    items.first.click()
    page.get_by_test_id("objection-holding").wait_for()
    page.get_by_test_id("assessment").wait_for()
    assert page.get_by_test_id("objection-grounds").inner_text() == GROUNDS
    page.get_by_test_id("action-review").click()  # nothing typed: the value is asked for first
    assert page.get_by_test_id("action-annual-value").get_attribute("aria-invalid") == "true"
    checked(page, "assessor-case")
    page.get_by_test_id("action-annual-value").fill(str(value_taka))
    page.get_by_test_id("action-note").fill("নিচতলা মালিকের বসবাস যাচাই করা হয়েছে; বার্ষিক মূল্য কমানো হলো।")
    page.get_by_test_id("action-review").click()
    page.get_by_test_id("action-done").wait_for()
    decided = page.get_by_test_id("decided-value")
    assert int(decided.get_attribute("data-poisha")) == value_taka * 100
    checked(page, "assessor-decided")
    page.get_by_test_id("signout").click()


def test_an_owner_objects_and_the_assessor_decides(live: local_stack.Stack, browser: Any, tmp_path: Path) -> None:
    base = live.api_url
    holding_id = demo_holding(base, tmp_path)
    page = web.phone(browser).new_page()
    case_id, before = file_the_objection(page, base, holding_id)
    value_taka = max(1, before // 200)  # half the value objected to, in whole taka
    decide(page, base, case_id, value_taka)

    _, reviewed = http(base, "GET", f"/v1/holdings/{holding_id}/assessment", token=login(base, f"{OFFICE}.assessor"))
    assert reviewed["source"] == "review" and reviewed["annual_value"] == value_taka * 100, reviewed
    sign_in_citizen(page, base)
    page.goto(f"{base}/#/applications/{case_id}")
    page.wait_for_selector('[data-testid="case-status"][data-status="office_verified"]')
    assert int(page.get_by_test_id("decided-value").get_attribute("data-poisha")) == value_taka * 100
    assert int(page.get_by_test_id("decided-tax-total").get_attribute("data-poisha")) == reviewed["total"]
    checked(page, "citizen-decided")
    page.get_by_test_id("objection-holding-link").click()
    page.get_by_test_id("assessment").wait_for()
    assert int(page.get_by_test_id("annual-value").get_attribute("data-poisha")) == value_taka * 100
    assert int(page.get_by_test_id("assessment-tax-total").get_attribute("data-poisha")) == reviewed["total"]
    checked(page, "citizen-holding-reviewed")

    assert {name: found for name, found in FOUND.items() if found} == {}


def test_the_assessor_decides_by_revised_facts(live: local_stack.Stack, browser: Any, tmp_path: Path) -> None:
    """The review's other way (decision 73): revised facts, checked in the page (a floor without an
    area is named beside its field), then sent; the value is the one the schedule gives them."""
    base = live.api_url
    holding_id = demo_holding(base, tmp_path)
    year = fiscal_year_of(today_bd())
    fields = {"holding_number": NUMBER, "fiscal_year": year, "grounds_bn": GROUNDS}
    status, case = http(
        base, "POST", "/v1/applications", application("assessment_objection", fields, OFFICE), sign_in(base, PHONE)
    )
    assert status == 201, case
    paid = {"action": "record_payment", "version": case["version"]}
    status, _ = http(base, "POST", f"/v1/applications/{case['id']}/actions", paid, login(base, f"{OFFICE}.secretary"))
    assert status == 200

    page = web.phone(browser).new_page()
    web.sign_in_staff(page, base, f"{OFFICE}.assessor")
    page.goto(f"{base}/#/office/cases/{case['id']}")
    page.get_by_test_id("review-by-facts").check()
    page.get_by_test_id("review-facts").wait_for()
    page.get_by_test_id("facts-class").select_option("kutcha")
    page.get_by_test_id("floor-0-area").fill("0")
    page.get_by_test_id("action-note").fill("কাঁচা ঘর; তলার মাপ যাচাই করা হয়েছে।")
    page.get_by_test_id("action-review").click()
    assert page.get_by_test_id("floor-0-area").get_attribute("aria-invalid") == "true"
    checked(page, "assessor-facts")
    page.get_by_test_id("floor-0-area").fill("৬০")
    page.get_by_test_id("floor-0-occupancy").select_option("owner")
    page.get_by_test_id("action-review").click()
    page.get_by_test_id("action-done").wait_for()

    _, reviewed = http(base, "GET", f"/v1/holdings/{holding_id}/assessment", token=login(base, f"{OFFICE}.assessor"))
    assert reviewed["source"] == "review" and reviewed["inputs"]["construction_class"] == "kutcha", reviewed
    assert reviewed["inputs"]["floors"][0]["built_area_sqm"] == 60, reviewed
    assert int(page.get_by_test_id("decided-value").get_attribute("data-poisha")) == reviewed["annual_value"]
    checked(page, "assessor-facts-decided")
    assert {name: found for name, found in FOUND.items() if found} == {}
