"""The web app on a cheap phone, against the live stack: static files compressed (brotli or gzip)
with validators as CloudFront serves them, the start page's text painted before any script runs,
and the application form fetching only its own type's charter."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from typing import Any

import brotli

from local import stack as local_stack
from local.web import WEB
from tests.integration.live import sign_in
from tests.integration.web_browser import browser, needs_chromium, phone, screenshot, serious_violations

__all__ = ["browser"]


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def test_static_files_are_compressed_and_revalidate(live: local_stack.Stack) -> None:
    url = f"{live.api_url}/app/i18n.mjs"
    raw = (WEB / "app" / "i18n.mjs").read_bytes()
    status, headers, body = _get(url, **{"Accept-Encoding": "gzip, deflate, br"})
    assert (status, headers["content-encoding"]) == (200, "br")
    assert brotli.decompress(body) == raw and len(body) * 3 < len(raw)
    assert headers["vary"] == "Accept-Encoding" and headers["etag"].startswith('W/"')
    status, zipped, body = _get(url, **{"Accept-Encoding": "gzip"})
    assert zipped["content-encoding"] == "gzip" and gzip.decompress(body) == raw
    assert zipped["etag"] == headers["etag"]  # one validator for every coding of the file
    status, plain, body = _get(url)
    assert "content-encoding" not in plain and body == raw
    status, again, body = _get(url, **{"If-None-Match": headers["etag"], "Accept-Encoding": "br"})
    assert (status, body) == (304, b"") and again["etag"] == headers["etag"]
    assert again["cache-control"] == "no-cache"
    assert _get(url, **{"If-None-Match": 'W/"old"'})[0] == 200


def test_the_verifier_page_and_the_favicon_are_served(live: local_stack.Stack) -> None:
    status, headers, body = _get(f"{live.api_url}/favicon.ico")
    assert (status, headers["content-type"]) == (200, "image/x-icon")
    assert body == (WEB / "favicon.ico").read_bytes() and body[:4] == b"\x00\x00\x01\x00"
    status, headers, _ = _get(f"{live.api_url}/verify", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip" and headers["etag"]
    assert _get(f"{live.api_url}/verify", **{"If-None-Match": headers["etag"]})[0] == 304
    tiny = _get(f"{live.api_url}/shared/dom.mjs", **{"Accept-Encoding": "br"})[1]
    assert "content-encoding" not in tiny or (WEB / "shared" / "dom.mjs").stat().st_size >= 1000


@needs_chromium
def test_the_start_page_paints_its_text_before_any_script(live: local_stack.Stack, browser: Any) -> None:
    context = phone(browser)
    page = context.new_page()
    page.route("**/*.mjs", lambda route: route.abort())  # as if no script had arrived yet
    page.goto(f"{live.api_url}/")
    main = page.locator("main")
    assert page.locator("h1").inner_text() == "সনদ সেবা"
    assert "ঘরে বসে আবেদন করুন" in main.inner_text() and page.locator(".spinner").count() == 0
    assert page.get_by_role("link", name="আবেদন শুরু করুন").is_visible()
    assert page.get_by_role("navigation").get_by_role("link", name="সাইন ইন").is_visible()
    assert serious_violations(page) == []
    screenshot(page, "start-first-paint")
    page.unroute("**/*.mjs")
    page.reload()
    page.get_by_test_id("start-apply").wait_for()  # then the app draws the same page itself
    assert page.locator("[data-shell]").count() == 0 and page.locator("h1").count() == 1
    context.close()


@needs_chromium
def test_the_form_fetches_only_its_types_charter(live: local_stack.Stack, browser: Any) -> None:
    token = sign_in(live.api_url, "01711000001")
    context = phone(browser)
    context.add_init_script(f"sessionStorage.setItem('sonod.token', {token!r})")
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url.split("://", 1)[1].split("/", 1)[1]) if "/v1/" in r.url else None)
    page.goto(f"{live.api_url}/#/apply/union-1/character")
    page.get_by_test_id("field-ward").wait_for()
    page.wait_for_load_state("networkidle")
    charters = [path for path in asked if "/charter" in path]
    assert charters == ["v1/offices/union-1/charter/character"], asked
    assert serious_violations(page) == []
    context.close()
