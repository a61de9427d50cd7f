"""AWS API calls per API operation, counted with botocore events.

Run: python -m bench.aws_calls [--standing-expired]

`--standing-expired` sets ACCOUNT_CACHE_SECONDS=0: every official's request then pays the read
of their account's standing (decision 41), as it does when they last acted more than
ACCOUNT_CACHE_SECONDS ago in that container.

Every botocore client (boto3's and PynamoDB's) gets a `before-call` handler, so each request
to AWS is counted by service and operation. Most operations run twice in one "container"
(workflow actions once, since they move the case): `cold` is the first run (it may fetch the
secret or an office into the container's caches), `warm` the second, which is what nearly every
request pays.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from local.sample_papers import give_papers, papers_for
from local.samples import HOLDER, code_from_sms

Calls = list[str]
_calls: Calls = []


def _count(model: Any, **_: Any) -> None:
    _calls.append(f"{model.service_model.service_name}.{model.name}")


def _install_counter() -> None:
    import botocore.handlers

    if ("before-call", _count) not in botocore.handlers.BUILTIN_HANDLERS:
        botocore.handlers.BUILTIN_HANDLERS.append(("before-call", _count))


def _env() -> None:
    os.environ.update(
        AWS_ACCESS_KEY_ID="bench",
        AWS_SECRET_ACCESS_KEY="bench",
        AWS_DEFAULT_REGION="ap-south-1",
        AWS_REGION="ap-south-1",
        STAGE="local",
        POWERTOOLS_TRACE_DISABLED="true",
        POWERTOOLS_METRICS_NAMESPACE="Bench",
    )
    os.environ.pop("AWS_ENDPOINT_URL", None)


WARM_STANDING_SECONDS = 3600


def measure(account_cache_seconds: int | None = None) -> dict[str, dict[str, Calls]]:
    """{operation: {"cold": [calls], "warm": [calls]}} for every API operation. The environment
    is as it was afterwards (tests run this in the same process as others). By default the
    standing cache outlives the run (`WARM_STANDING_SECONDS`): "warm" means within the cache
    window, which a busy machine's seconds between two runs must not lapse."""
    saved = dict(os.environ)
    try:
        return _measure(account_cache_seconds)
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _measure(account_cache_seconds: int | None) -> dict[str, dict[str, Calls]]:
    _env()
    seconds = WARM_STANDING_SECONDS if account_cache_seconds is None else account_cache_seconds
    os.environ["ACCOUNT_CACHE_SECONDS"] = str(seconds)
    _install_counter()
    from chalice.test import Client
    from moto import mock_aws

    from local import payment_gateway

    gateway = payment_gateway.start()
    # Checkouts go to the SSLCommerz simulator; its IPNs go nowhere (the bench posts them itself).
    os.environ.update(SSLCOMMERZ_BASE_URL=gateway.base_url, API_BASE_URL="http://127.0.0.1:9")
    try:
        with mock_aws(), tempfile.TemporaryDirectory() as tmp:
            from app import app
            from local import demo, resources

            resources.reset_process_caches()
            resources.create_all()
            demo_data = demo.load(Path(tmp) / "demo.json")
            with Client(app) as client:
                return _run(client, demo_data["agency_api_key"])
    finally:
        gateway.stop()


class _Session:
    """One warm container's worth of API calls, counting the AWS calls of each."""

    def __init__(self, client: Any):
        self.client = client
        self.results: dict[str, dict[str, Calls]] = {}
        self.code = ""
        self.case: dict[str, Any] = {}

    def call(
        self, method: str, path: str, body: Any = None, token: str | None = None, headers: dict[str, str] | None = None
    ) -> Any:
        h = {"Content-Type": "application/json", **(headers or {})}
        if token:
            h["Authorization"] = f"Bearer {token}"
        data = json.dumps(body) if body is not None else None
        r = getattr(self.client.http, method.lower())(path, headers=h, body=data)
        assert r.status_code < 400, (path, r.status_code, r.body)
        return json.loads(r.body)

    def op(self, name: str, work: Callable[[], Any], runs: int = 2, prepare: Callable[[], Any] | None = None) -> Any:
        out = None
        for run in range(runs):
            if prepare:
                prepare()
            _calls.clear()
            out = work()
            self.results.setdefault(name, {})["cold" if run == 0 else "warm"] = list(_calls)
        self.results[name].setdefault("warm", self.results[name]["cold"])
        return out

    def send_code(self, phone: str = "01711000001") -> None:
        self.call("POST", "/v1/auth/otp", {"phone": phone})
        box = self.call("GET", f"/v1/_local/outbox?phone={phone}")
        self.code = code_from_sms(box["items"][0]["text"])

    def verify(self, phone: str = "01711000001") -> str:
        return str(self.call("POST", "/v1/auth/otp/verify", {"phone": phone, "code": self.code})["access_token"])

    def login(self, username: str) -> str:
        body = {"username": username, "password": "sonod-demo-2026"}
        return str(self.call("POST", "/v1/auth/login", body)["access_token"])

    def public(self) -> None:
        for name, path in (
            ("GET /v1/certificate-types", "/v1/certificate-types"),
            ("GET /v1/certificate-types/{code}", "/v1/certificate-types/warish"),
            ("GET /v1/offices?q=", "/v1/offices?q=sub"),
            ("GET /v1/offices?district=", "/v1/offices?district=47"),
            ("GET /v1/offices/{id}", "/v1/offices/union-1"),
            ("GET /v1/offices/{id}/charter", "/v1/offices/union-1/charter"),
        ):
            self.op(name, functools.partial(self.call, "GET", path))

    def citizen(self) -> str:
        give_papers("01711000001")  # the signed-in citizen uploaded these once (not measured)
        self.op("POST /v1/auth/otp", lambda: self.call("POST", "/v1/auth/otp", {"phone": "01711000099"}))
        token: str = self.op("POST /v1/auth/otp/verify", self.verify, prepare=self.send_code)
        self.op("GET /v1/me", lambda: self.call("GET", "/v1/me", token=token))
        profile = {"name_bn": "রাবেয়া খাতুন", "name_en": "Rabeya Khatun", "nid": "1987654321"}
        self.op("PUT /v1/me", lambda: self.call("PUT", "/v1/me", profile, token))
        return token

    def case_flow(self, citizen: str) -> None:
        body = {
            "office_id": "union-1",
            "type": "citizenship",
            "ward": 1,
            "fields": HOLDER,
            "papers": papers_for("citizenship"),
        }
        self.op("POST /v1/applications", lambda: self.call("POST", "/v1/applications", body, citizen))
        keys = iter(["k1", "k2"])
        self.case = self.op(
            "POST /v1/applications (Idempotency-Key)",
            lambda: self.call("POST", "/v1/applications", body, citizen, {"Idempotency-Key": next(keys)}),
        )
        case_path = f"/v1/applications/{self.case['id']}"
        self.op("GET /v1/applications", lambda: self.call("GET", "/v1/applications", token=citizen))
        self.op("GET /v1/applications/{id}", lambda: self.call("GET", case_path, token=citizen))
        staff = {
            who: self.op("POST /v1/auth/login", functools.partial(self.login, who))
            for who in ("union-1.secretary", "union-1.ward-member1", "union-1.signatory")
        }
        steps = (
            ("record_payment", "union-1.secretary"),
            ("ward_verify", "union-1.ward-member1"),
            ("verify", "union-1.secretary"),
            ("approve", "union-1.signatory"),
        )
        for action, who in steps:
            self.op(f"POST .../actions {action}", functools.partial(self.move, case_path, action, staff[who]), runs=1)
        queue = "/v1/offices/union-1/applications?status=approved"
        self.op("GET /v1/offices/{id}/applications", lambda: self.call("GET", queue, token=staff["union-1.secretary"]))
        self.op(
            "GET /v1/applications/{id} (official)",
            lambda: self.call("GET", case_path, token=staff["union-1.secretary"]),
        )

    def certificates(self, citizen: str, agency_key: str) -> None:
        from chalicelib.services.issuance import issue

        number = issue(self.case["id"])
        case_path = f"/v1/applications/{self.case['id']}"
        self.op(
            "GET /v1/applications/{id}/certificate",
            functools.partial(self.call, "GET", f"{case_path}/certificate", None, citizen),
        )
        self.op("GET /v1/verify/{no}", functools.partial(self.call, "GET", f"/v1/verify/{number}"))
        # Through CloudFront: the viewer's budget and the edge's, the edge key from the cached secret.
        from chalicelib.adapters.keys import app_keys

        edge = {"X-Sonod-Viewer": "203.0.113.7", "X-Sonod-Edge": str(app_keys().edge_key)}
        self.op(
            "GET /v1/verify/{no} via CloudFront",
            functools.partial(self.call, "GET", f"/v1/verify/{number}", None, None, edge),
        )
        self.op("GET /v1/trust-list", functools.partial(self.call, "GET", "/v1/trust-list"))
        self.op("GET /v1/status-list/{id}", functools.partial(self.call, "GET", "/v1/status-list/s1"))
        lookup = {"certificate_no": number, "holder_dob": HOLDER["holder_dob"], "purpose": "police verification"}
        self.op(
            "POST /v1/agency/lookup",
            functools.partial(self.call, "POST", "/v1/agency/lookup", lookup, None, {"X-Api-Key": agency_key}),
        )
        self.op("GET /v1/me/access-log", functools.partial(self.call, "GET", "/v1/me/access-log", None, citizen))
        chairman = self.login("union-1.signatory")
        self.op(
            "POST /v1/certificates/{no}/revoke",
            functools.partial(
                self.call, "POST", f"/v1/certificates/{number}/revoke", {"reason": "benchmark"}, chairman
            ),
            runs=1,
        )

    def payments(self, citizen: str) -> None:
        """Opening a checkout (the second one supersedes the first) and the gateway's IPN for a
        payment made at the simulator (each run a new case, paid once)."""
        body = {
            "office_id": "union-1",
            "type": "citizenship",
            "ward": 1,
            "fields": HOLDER,
            "papers": papers_for("citizenship"),
        }
        case = self.call("POST", "/v1/applications", body, citizen)
        keys = iter(["p1", "p2"])
        self.op(
            "POST /v1/applications/{id}/payment (Idempotency-Key)",
            lambda: self.call(
                "POST",
                f"/v1/applications/{case['id']}/payment",
                {"method": "sslcommerz"},
                citizen,
                {"Idempotency-Key": next(keys)},
            ),
        )
        self.op(
            "POST /v1/applications/{id}/payment (no key)",
            lambda: self.call("POST", f"/v1/applications/{case['id']}/payment", {"method": "sslcommerz"}, citizen),
        )
        form: dict[str, str] = {}

        def paid_checkout() -> None:
            fresh = self.call("POST", "/v1/applications", body, citizen)
            pay = self.call("POST", f"/v1/applications/{fresh['id']}/payment", {"method": "sslcommerz"}, citizen)
            form.clear()
            form.update(_pay_at_simulator(str(pay["redirect_url"])))

        self.op("POST /v1/payments/{gateway}/ipn", lambda: self.ipn(form), prepare=paid_checkout)

    def ipn(self, form: dict[str, str]) -> Any:
        r = self.client.http.post(
            "/v1/payments/sslcommerz/ipn",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            body=urllib.parse.urlencode(form),
        )
        assert r.status_code == 200, r.body
        return json.loads(r.body)

    def move(self, case_path: str, action: str, token: str) -> Any:
        body = {"action": action, "version": self.case["version"]}
        self.case = self.call("POST", f"{case_path}/actions", body, token)
        return self.case


def _pay_at_simulator(redirect_url: str) -> dict[str, str]:
    """The citizen pays on the simulator's page; the fields its redirect carries back."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    try:
        urllib.request.build_opener(NoRedirect).open(f"{redirect_url}?outcome=success", timeout=30)
    except urllib.error.HTTPError as back:
        return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(str(back.headers["Location"])).query))
    raise AssertionError("the simulator did not redirect")


def _run(client: Any, agency_key: str) -> dict[str, dict[str, Calls]]:
    session = _Session(client)
    session.public()
    citizen = session.citizen()
    session.case_flow(citizen)
    session.payments(citizen)
    session.certificates(citizen, agency_key)
    return session.results


def main() -> int:
    results = measure(0 if "--standing-expired" in sys.argv[1:] else None)
    width = max(len(name) for name in results)
    print(f"{'operation':<{width}}  warm  cold  warm calls")
    worst = 0
    for name, runs in results.items():
        warm, cold = runs["warm"], runs["cold"]
        worst = max(worst, len(warm))
        print(f"{name:<{width}}  {len(warm):>4}  {len(cold):>4}  {', '.join(warm) or '-'}")
    scans = [c for r in results.values() for calls in r.values() for c in calls if c.endswith(".Scan")]
    print(f"\nmost AWS calls in a warm operation: {worst}; Scan calls: {len(scans)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
