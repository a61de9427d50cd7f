"""The web app on a throttled cheap phone (python -m bench.phone): Chromium (Playwright, Debian's
chromium) against the whole local stack, each page in a fresh context (cold cache, no service
worker), with Chrome DevTools' emulation: 300 ms latency, 400 kbit/s down and up, CPU 4× slower.

For the start page, one type's application form (a signed-in citizen) and the verifier it prints
first contentful paint (FCP), the moment the page's own content is on screen (`content`: the
start page's heading, the form's first field, the verifier's scan section), the load event and
the bytes transferred (compressed, headers included). Each figure is the median of --runs runs."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LATENCY_MS = 300
KBIT_S = 400
CPU_SLOWDOWN = 4
PHONE = {"width": 390, "height": 844}
OFFICE = "union-1"
TYPE = "character"
CITIZEN = "01711000001"

# Records when the selector first matches (performance.now()), observed from the first byte.
WATCH = """
(selector) => {
  const seen = () => {
    if (window.__contentAt == null && document.querySelector(selector)) {
      window.__contentAt = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
  seen();
}
"""


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    content: str  # the selector of the page's own content
    citizen: bool = False


PAGES = (
    Page("start", "/", "main h1"),
    Page("form", f"/#/apply/{OFFICE}/{TYPE}", "main form input, main form select"),
    Page("verifier", "/verify", "#scan, main h1"),
)


@dataclass
class Run:
    fcp_ms: float
    content_ms: float
    load_ms: float
    kb: float
    requests: int


def _throttle(context: Any, page: Any) -> dict[str, float]:
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    rate = KBIT_S * 1000 / 8  # bytes per second
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": LATENCY_MS, "downloadThroughput": rate, "uploadThroughput": rate},
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    transferred: dict[str, float] = {}
    cdp.on("Network.loadingFinished", lambda e: transferred.__setitem__(e["requestId"], e["encodedDataLength"]))
    return transferred


def _once(browser: Any, base: str, page_def: Page, token: str) -> Run:
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="bn-BD", service_workers="block"
    )
    try:
        if page_def.citizen or token:
            context.add_init_script(f"sessionStorage.setItem('sonod.token', {token!r})")
        context.add_init_script(f"({WATCH})({page_def.content!r})")
        page = context.new_page()
        transferred = _throttle(context, page)
        page.goto(base + page_def.path, wait_until="load", timeout=120_000)
        deadline = time.monotonic() + 120
        while page.evaluate("window.__contentAt") is None and time.monotonic() < deadline:
            page.wait_for_timeout(100)  # (wait_for_function evaluates a string: the CSP forbids it)
        page.wait_for_load_state("networkidle", timeout=120_000)
        timing = page.evaluate(
            """() => ({
              fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || 0,
              load: performance.getEntriesByType('navigation')[0].loadEventEnd,
              content: window.__contentAt,
            })"""
        )
        return Run(
            fcp_ms=timing["fcp"],
            content_ms=max(timing["content"], timing["fcp"]),  # in the DOM, and painted
            load_ms=timing["load"],
            kb=sum(transferred.values()) / 1024,
            requests=len(transferred),
        )
    finally:
        context.close()


def measure(base: str, token: str, runs: int) -> dict[str, list[Run]]:
    from playwright.sync_api import sync_playwright

    from tests.integration.web_browser import ARGS, CHROMIUM

    out: dict[str, list[Run]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for page_def in PAGES:
                out[page_def.name] = [
                    _once(browser, base, page_def, token if page_def.name == "form" else "") for _ in range(runs)
                ]
        finally:
            browser.close()
    return out


def table(results: dict[str, list[Run]]) -> str:
    lines = [
        f"{'page':<10} {'FCP ms':>8} {'content ms':>11} {'load ms':>8} {'KB':>7} {'requests':>9}",
    ]
    for name, runs in results.items():

        def med(field: str, of: list[Run] = runs) -> float:
            return float(statistics.median(getattr(r, field) for r in of))

        lines.append(
            f"{name:<10} {med('fcp_ms'):>8.0f} {med('content_ms'):>11.0f} {med('load_ms'):>8.0f} "
            f"{med('kb'):>7.1f} {med('requests'):>9.0f}"
        )
    return "\n".join(lines)


def _citizen_token(base: str) -> str:
    import json
    import urllib.request

    from local.samples import code_from_sms

    def call(method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            base + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as r:
            return json.loads(r.read() or b"null")

    call("POST", "/v1/auth/otp", {"phone": CITIZEN})
    code = code_from_sms(call("GET", f"/v1/_local/outbox?phone={CITIZEN}")["items"][0]["text"])
    return str(call("POST", "/v1/auth/otp/verify", {"phone": CITIZEN, "code": code})["access_token"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--small", action="store_true", help="demo offices only (the country adds ~7 s at start)")
    args = parser.parse_args(argv)
    from local import stack as local_stack

    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        stack = local_stack.start(
            api_port=0, aws_port=0, demo_path=Path(tmp) / "demo.json", pump_interval=3600, country=not args.small
        )
        print(f"local stack up in {time.perf_counter() - started:.1f} s at {stack.api_url}", file=sys.stderr)
        try:
            results = measure(stack.api_url, _citizen_token(stack.api_url), args.runs)
        finally:
            stack.stop()
            os.environ.pop("AWS_ENDPOINT_URL", None)
    print(
        f"Throttled phone: {LATENCY_MS} ms latency, {KBIT_S} kbit/s down and up, CPU {CPU_SLOWDOWN}x slower; "
        f"390x844, cold cache; median of {args.runs} runs"
    )
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
