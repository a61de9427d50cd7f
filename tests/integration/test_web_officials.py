"""The officials' dashboard in Chromium against the live stack (issue 12, items 10 and 11): the
ward member's tabs carry counts; the secretary verifies cases one after the other with "next
case"; the chairman reads the certificate preview and ticks "I have read it" before approving one
case, then approves the others together with a result per case (one fails: it moved meanwhile);
the revoke panel's error clears as a reason is typed; the heirs table reads as cards on a phone;
nav links show their focus ring; at 1280 px the decision sits beside the evidence. axe-core
checks every page on the way, and no screen shows internal words (`union-1`, ISO dates)."""

from __future__ import annotations

import re
from typing import Any

from local import stack as local_stack
from tests.integration.flows import DECEASED, HOLDER, application
from tests.integration.live import http, login, sign_in
from tests.integration.web_browser import (
    browser,
    drain,
    needs_chromium,
    phone,
    screenshot,
    serious_violations,
    sign_in_staff,
)

__all__ = ["browser"]
pytestmark = needs_chromium
CITIZEN = "01711000001"
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


class Checks:
    """axe-core's serious findings per page, and internal words seen on any screen."""

    def __init__(self) -> None:
        self.axe: dict[str, list[str]] = {}
        self.words: dict[str, list[str]] = {}

    def page(self, page: Any, name: str, shot: str | None = None, settle: bool = True) -> None:
        if settle:  # (a frame showing a PDF never lets the network idle: its viewer keeps a request open)
            page.wait_for_load_state("networkidle")
        self.axe[name] = serious_violations(page)
        text = page.locator("body").inner_text()
        self.words[name] = [w for w in ("union-1",) if w in text] + ISO_DATE.findall(text)
        if shot:
            screenshot(page, shot)

    def assert_clean(self) -> None:
        assert {k: v for k, v in self.axe.items() if v} == {}
        assert {k: v for k, v in self.words.items() if v} == {}


def _cases(base: str, count: int) -> list[dict[str, Any]]:
    """Citizenship cases of union-1, ward 1, paid at the counter; the first `count - 1` ward-verified."""
    citizen = sign_in(base, CITIZEN)
    secretary = login(base, "union-1.secretary")
    ward = login(base, "union-1.ward-member1")
    made = []
    for index in range(count):
        status, case = http(base, "POST", "/v1/applications", application("citizenship", HOLDER), citizen)
        assert status == 201, case
        steps = [(secretary, "record_payment", "cash")] + ([(ward, "ward_verify", None)] if index < count - 1 else [])
        for token, action, note in steps:
            body = {"action": action, "version": case["version"], **({"note": note} if note else {})}
            status, case = http(base, "POST", f"/v1/applications/{case['id']}/actions", body, token)
            assert status == 200, case
        made.append(case)
    return made


def _ward_tabs(page: Any, base: str, checks: Checks) -> None:
    sign_in_staff(page, base, "union-1.ward-member1")
    page.get_by_test_id("queue").or_(page.get_by_test_id("queue-empty")).wait_for()
    assert page.get_by_test_id("count-submitted").inner_text().startswith(" ১")
    assert page.get_by_test_id("count-ward_verified").inner_text().startswith(" ৩")
    checks.page(page, "ward-tabs", "ward-tabs")
    page.get_by_test_id("signout").click()


def _secretary_verifies_in_turn(page: Any, base: str, ids: list[str], checks: Checks) -> None:
    sign_in_staff(page, base, "union-1.secretary")
    page.goto(f"{base}/#/office?status=ward_verified")
    page.locator(f'[data-testid="queue-item"][data-id="{ids[0]}"]').click()
    seen = []
    for turn in range(len(ids)):
        page.get_by_test_id("action-verify").wait_for()
        seen.append(page.url.rsplit("/", 1)[1])
        if turn == 0:
            # Evidence comes before the decision on the page.
            evidence = page.locator("#id-h").bounding_box()
            decision = page.get_by_test_id("action-panel").bounding_box()
            assert evidence["y"] < decision["y"]
            checks.page(page, "official-case-secretary")
        page.get_by_test_id("action-verify").click()
        page.get_by_test_id("action-done").wait_for()
        if turn < len(ids) - 1:
            page.get_by_test_id("next-case").click()
    page.get_by_test_id("next-none").wait_for()  # the list is done
    assert sorted(seen) == sorted(ids)
    page.get_by_test_id("signout").click()


def _focus_ring_on_nav(page: Any) -> dict[str, str]:
    """Tab to the queue link in the white nav; its computed outline while focused."""
    page.locator("#skip").focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement?.dataset?.testid") == "nav-queue":
            break
    return dict(
        page.evaluate(
            """() => { const s = getComputedStyle(document.activeElement);
            return {style: s.outlineStyle, color: s.outlineColor, width: s.outlineWidth,
                    visible: String(document.activeElement.matches(':focus-visible'))}; }"""
        )
    )


def _chairman_previews_and_approves(page: Any, base: str, case_id: str, checks: Checks) -> None:
    page.goto(f"{base}/#/office/cases/{case_id}")
    page.get_by_test_id("action-approve").click()
    page.get_by_test_id("approve-preview").wait_for()
    page.get_by_test_id("preview-open").wait_for()  # the rendered PDF is there to open
    href = page.get_by_test_id("preview-open").get_attribute("href")
    assert href.startswith("blob:")
    assert int(page.get_by_test_id("preview-open").get_attribute("data-bytes")) > 10_000
    # Not without saying they read it.
    page.get_by_test_id("action-approve-confirm").click()
    assert page.locator("#approve-read-error").is_visible()
    checks.page(page, "official-preview", "official-preview")
    page.get_by_test_id("approve-read").check()
    page.get_by_test_id("action-approve-confirm").click()
    page.get_by_test_id("action-done").wait_for()


def _chairman_batch(page: Any, base: str, ids: list[str], moved: str, checks: Checks) -> None:
    page.goto(f"{base}/#/office?status=office_verified")
    page.get_by_test_id("batch-bar").wait_for()
    for case_id in ids:
        page.locator(f'[data-testid="batch-pick"][data-id="{case_id}"]').check()
    # Meanwhile one of them is sent back by the chairman on another device: its approval must fail.
    chairman = login(base, "union-1.signatory")
    _, case = http(base, "GET", f"/v1/applications/{moved}", token=chairman)
    back = {"action": "request_changes", "version": case["version"], "note": "photo missing"}
    assert http(base, "POST", f"/v1/applications/{moved}/actions", back, chairman)[0] == 200
    page.get_by_test_id("batch-approve").click()
    page.get_by_test_id("batch-confirm").click()
    page.get_by_test_id("batch-results").wait_for()
    outcomes = {
        row.get_attribute("data-id"): row.get_attribute("data-outcome")
        for row in page.get_by_test_id("batch-result").all()
    }
    assert outcomes == {i: ("failed" if i == moved else "ok") for i in ids}
    checks.page(page, "official-batch", "official-batch")


def _revoke_error_clears(page: Any, base: str, case_id: str, checks: Checks) -> None:
    page.goto(f"{base}/#/office/cases/{case_id}")
    page.locator('[data-testid="action-revoke"]').click()
    error = page.locator("#action-note-error")
    assert error.is_visible()
    page.get_by_test_id("action-note").press_sequentially("জাল")
    assert error.is_hidden()
    assert page.get_by_test_id("action-note").get_attribute("aria-invalid") is None
    # The category the verifier will show is chosen beside the note (the note's text stays here).
    page.get_by_test_id("action-reason-code").select_option("forged_papers")
    checks.page(page, "official-issued")


def _heirs_as_cards(page: Any, base: str, checks: Checks) -> None:
    citizen = sign_in(base, "01911000009")
    status, case = http(base, "POST", "/v1/applications", application("warish", DECEASED), citizen)
    assert status == 201, case
    page.goto(f"{base}/#/office/cases/{case['id']}")
    row = page.locator("table.stack tbody tr").first
    row.wait_for()
    assert row.evaluate("e => getComputedStyle(e).display") == "block"
    box = page.locator("table.stack").bounding_box()
    assert box["width"] <= 390  # no sideways scrolling on the phone
    checks.page(page, "official-heirs", "official-heirs")


def _desktop(browser: Any, base: str, checks: Checks) -> None:
    """At 1280 px the decision sits beside the evidence, and the preview shows in the page (CSP
    lets the page frame its own blob: URL, nothing else)."""
    (case,) = _cases(base, 1)
    secretary = login(base, "union-1.secretary")
    ward = login(base, "union-1.ward-member1")
    for token, action in ((ward, "ward_verify"), (secretary, "verify")):
        _, case = http(base, "GET", f"/v1/applications/{case['id']}", token=token)
        body = {"action": action, "version": case["version"]}
        assert http(base, "POST", f"/v1/applications/{case['id']}/actions", body, token)[0] == 200
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="bn-BD")
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    sign_in_staff(page, base, "union-1.signatory")
    page.goto(f"{base}/#/office/cases/{case['id']}")
    page.get_by_test_id("action-approve").click()
    page.get_by_test_id("preview-frame").wait_for()
    assert str(page.get_by_test_id("preview-frame").get_attribute("src")).startswith("blob:")
    main = page.locator("main").bounding_box()
    evidence = page.locator(".case-evidence").bounding_box()
    decision = page.locator(".case-decision").bounding_box()
    assert main["width"] > 1000
    assert decision["x"] > evidence["x"] + evidence["width"] - 1  # side by side
    assert abs(decision["y"] - evidence["y"]) < 5
    checks.page(page, "official-desktop", "official-desktop", settle=False)
    assert refused == []
    context.close()


def test_officials_dashboard_on_a_phone_and_a_laptop(live: local_stack.Stack, browser: Any) -> None:
    base = live.api_url
    checks = Checks()
    cases = _cases(base, 4)  # three ward-verified, one waiting for its ward member (the tab counts)
    verified = [c["id"] for c in cases[:3]]
    drain(live, 4)  # the case stream keeps the tab counts
    context = phone(browser)
    page = context.new_page()

    _ward_tabs(page, base, checks)
    _secretary_verifies_in_turn(page, base, verified, checks)

    sign_in_staff(page, base, "union-1.signatory")
    ring = _focus_ring_on_nav(page)
    assert ring["visible"] == "true" and ring["style"] != "none", ring
    assert ring["color"] not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), ring  # not white on the white nav
    first, *others = verified
    _chairman_previews_and_approves(page, base, first, checks)
    _chairman_batch(page, base, others, others[-1], checks)
    drain(live, 6)  # approval -> renderer -> issued
    _, issued = http(base, "GET", f"/v1/applications/{first}", token=login(base, "union-1.signatory"))
    assert issued["status"] == "issued", issued["status"]
    _revoke_error_clears(page, base, first, checks)
    _heirs_as_cards(page, base, checks)
    context.close()

    _desktop(browser, base, checks)
    checks.assert_clean()
