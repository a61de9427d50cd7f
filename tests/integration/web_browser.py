"""Playwright driving Debian's chromium (a downloaded browser does not install here), phone-sized,
and axe-core's verdict on a page."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(os.environ.get("SCREENSHOTS_DIR", "build/screenshots"))

needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="needs Debian's chromium (scripts/install-system-deps.sh)"
)


@pytest.fixture()
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


def drain(live: Any, turns: int) -> None:
    """Deliver pending events on another thread: Playwright's sync API keeps an asyncio loop running
    on this one, and the renderer (pyHanko) starts its own with asyncio.run()."""
    worker = threading.Thread(target=live.pump.drain, args=(turns,))
    worker.start()
    worker.join()


def phone(browser: Any) -> Any:
    """A fresh phone-sized context (its own storage, cache and service workers)."""
    return browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="bn-BD")


def serious_violations(page: Any) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    found = results.response.get("violations", [])
    return [f"{v['id']}: {v['help']}" for v in found if v.get("impact") in ("serious", "critical")]


def axe_checked(page: Any, found: dict[str, list[str]], name: str) -> None:
    """Once the page is settled: axe-core's serious findings on it kept in `found[name]`, and a screenshot."""
    page.wait_for_load_state("networkidle")
    found[name] = serious_violations(page)
    screenshot(page, name)


def screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def sign_in_staff(page: Any, base: str, username: str, password: str = "sonod-demo-2026") -> None:
    """Sign in on the officials' page and wait until the app has settled."""
    page.goto(f"{base}/#/staff/signin")
    page.get_by_test_id("staff-username").fill(username)
    page.get_by_test_id("staff-password").fill(password)
    page.get_by_test_id("staff-signin").click()
    page.get_by_test_id("signout").wait_for()
    page.wait_for_load_state("networkidle")


def fill_field(page: Any, name: str, value: str) -> None:
    """Fill one field of an application form by its name (`field-<name>`): a select is chosen, a
    date (three fields: day, month by name, year) takes 'YYYY-MM-DD' in any digit script."""
    field = page.get_by_test_id(f"field-{name}")
    tag = field.evaluate("e => e.tagName")
    if tag == "SELECT":
        field.select_option(value)
    elif tag == "FIELDSET" and page.get_by_test_id(f"field-{name}-day").count():
        year, month, day = value.split("-")
        page.get_by_test_id(f"field-{name}-day").fill(day)
        page.get_by_test_id(f"field-{name}-month").select_option(str(int(month)))  # int() reads Bengali digits
        page.get_by_test_id(f"field-{name}-year").fill(year)
    else:
        field.fill(value)
