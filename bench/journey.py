"""AWS calls of the citizen's journey around a case (python -m bench.journey): opening a
checkout, a gateway callback settling it (and a duplicate), the case stream's SMS for one
transition (and a redelivery), an heir's consent. Counted with the same botocore hook as
bench/aws_calls.py, against moto, with the SSLCommerz simulator as the gateway (its HTTP calls
are not AWS calls and are listed separately)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from bench.aws_calls import _calls, _env, _install_counter
from local.sample_papers import give_papers, papers_for
from local.samples import HOLDER, code_from_sms


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _call(client: Any, method: str, path: str, body: Any = None, token: str = "", form: str = "") -> Any:
    headers = {"Content-Type": "application/x-www-form-urlencoded" if form else "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    r = getattr(client.http, method.lower())(path, headers=headers, body=form or (json.dumps(body) if body else None))
    assert r.status_code < 400, (path, r.status_code, r.body)
    return json.loads(r.body)


def _measure(name: str, work: Any, results: dict[str, tuple[list[str], float]]) -> Any:
    _calls.clear()
    start = time.perf_counter()
    out = work()
    results[name] = (list(_calls), (time.perf_counter() - start) * 1000)
    return out


def measure() -> dict[str, tuple[list[str], float]]:
    _env()
    _install_counter()
    from chalice.test import Client
    from moto import mock_aws

    from local import payment_gateway

    sim = payment_gateway.start()
    os.environ.update(SSLCOMMERZ_BASE_URL=sim.base_url, API_BASE_URL="http://127.0.0.1:9")
    results: dict[str, tuple[list[str], float]] = {}
    try:
        with mock_aws(), tempfile.TemporaryDirectory() as tmp:
            from app import app
            from local import demo, resources

            resources.reset_process_caches()
            resources.create_all()
            demo.load(Path(tmp) / "demo.json")
            with Client(app) as client:
                _journey(client, results)
    finally:
        sim.stop()
    return results


def _journey(client: Any, results: dict[str, tuple[list[str], float]]) -> None:
    from chalicelib.adapters.tables import CaseRecord
    from chalicelib.api.events import case_changes
    from chalicelib.services import notifications

    phone = "01711000001"
    give_papers(phone)  # uploaded once before; the applications name them
    _call(client, "POST", "/v1/auth/otp", {"phone": phone})
    code = code_from_sms(_call(client, "GET", f"/v1/_local/outbox?phone={phone}")["items"][0]["text"])
    token = _call(client, "POST", "/v1/auth/otp/verify", {"phone": phone, "code": code})["access_token"]
    body = {
        "office_id": "union-1",
        "type": "citizenship",
        "ward": 1,
        "fields": HOLDER,
        "papers": papers_for("citizenship"),
    }
    for _ in range(2):  # the second application is measured warm
        case = _call(client, "POST", "/v1/applications", body, token)
        pay = _measure(
            "POST /v1/applications/{id}/payment",
            lambda c=case: _call(
                client, "POST", f"/v1/applications/{c['id']}/payment", {"method": "sslcommerz"}, token
            ),
            results,
        )
    try:
        urllib.request.build_opener(_NoRedirect).open(pay["redirect_url"] + "?outcome=success", timeout=30)
    except urllib.error.HTTPError as back:
        query = str(back.headers["Location"]).split("?", 1)[1]
    for label in ("POST /v1/payments/{gw}/ipn (settles)", "POST /v1/payments/{gw}/ipn (duplicate)"):
        _measure(label, lambda: _call(client, "POST", "/v1/payments/sslcommerz/ipn", form=query), results)
    record = CaseRecord.get(case["id"])  # the row: its stream image
    assert record.status == "submitted"
    image = {"Records": [{"dynamodb": {"NewImage": record.serialize(), "OldImage": {"status": {"S": "x"}}}}]}
    for label in ("case stream: SMS for one transition", "case stream: the same record redelivered"):
        _measure(label, lambda: notifications.on_case_changes(case_changes(image["Records"])), results)


def main() -> int:
    results = measure()
    width = max(len(name) for name in results)
    print(f"{'operation':<{width}}  calls    ms  AWS calls (moto; ms are moto's, not DynamoDB's)")
    for name, (calls, ms) in results.items():
        print(f"{name:<{width}}  {len(calls):>5}  {ms:>4.0f}  {', '.join(calls) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
