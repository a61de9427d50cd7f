"""Integration fixtures: moto-backed AWS with every table, the secret and a small set of offices
and staff; a Chalice test client; helpers to sign in."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from moto import mock_aws

from chalicelib.adapters import tables
from local import demo, moto_server, resources
from local import stack as local_stack
from local.gateway import Client  # Chalice's test client, answering gateway refusals as the cloud does
from tests.integration.flows import code_from_sms, give_papers
from tests.integration.infra_template import template  # noqa: F401 - the infra tests' shared fixture

reset_caches = resources.reset_process_caches


@pytest.fixture()
def aws_env(tmp_path: Path) -> Iterator[dict[str, Any]]:
    with mock_aws():
        reset_caches()
        resources.create_all()
        yield demo.load(tmp_path / "demo.json")
        reset_caches()


@pytest.fixture()
def serial_aws(aws_env: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """`aws_env` answering one request at a time, as DynamoDB makes each request atomic (and the
    embedded AWS of `make run` serves them): for tests whose threads race through moto."""
    with moto_server.one_request_at_a_time():
        yield aws_env


@pytest.fixture()
def client(aws_env: dict[str, Any]) -> Iterator[Client]:
    from app import app

    with Client(app) as c:
        yield c


class Api:
    """Thin JSON helpers over the Chalice test client."""

    def __init__(self, client: Client, demo_data: dict[str, Any]):
        self.c = client
        self.demo = demo_data

    def call(
        self, method: str, path: str, body: Any = None, token: str | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, Any]:
        h = {"Content-Type": "application/json", **(headers or {})}
        if token:
            h["Authorization"] = f"Bearer {token}"
        data = json.dumps(body) if body is not None else None
        r = getattr(self.c.http, method.lower())(path, headers=h, body=data)
        try:
            parsed = json.loads(r.body) if r.body else None
        except ValueError:
            parsed = r.body
        return r.status_code, parsed

    @staticmethod
    def through_cloudfront(viewer: str, edge_key: str | None = None) -> dict[str, str]:
        """The headers our CloudFront adds on /v1/* (infra/web.py): the viewer's address, and the
        edge key that makes the API believe it (the stage's own unless another is given)."""
        from chalicelib.adapters.keys import app_keys

        return {"X-Sonod-Viewer": viewer, "X-Sonod-Edge": edge_key or str(app_keys().edge_key)}

    def citizen_token(self, phone: str = "01711000001", papers: bool = True) -> str:
        """A signed-in citizen; with `papers`, one who has uploaded the sample papers (flows.give_papers)."""
        if papers:
            give_papers(phone)
        status, _ = self.call("POST", "/v1/auth/otp", {"phone": phone})
        assert status == 202
        status, box = self.call("GET", f"/v1/_local/outbox?phone={phone}")
        code = code_from_sms(box["items"][0]["text"])
        status, body = self.call("POST", "/v1/auth/otp/verify", {"phone": phone, "code": code})
        assert status == 200, body
        return str(body["access_token"])

    def first_sign_in(self, username: str, first: str, own: str) -> str:
        """An official whose password someone else chose signs in and chooses their own: a token."""
        status, body = self.call("POST", "/v1/auth/login", {"username": username, "password": first})
        assert status == 200 and body["must_change_password"] is True, body
        change = {"current_password": first, "new_password": own}
        status, body = self.call("POST", "/v1/auth/password", change, body["access_token"])
        assert status == 200, body
        return str(body["access_token"])

    def staff_token(self, office_id: str, role: str, ward: int | None = None) -> str:
        account = next(
            a
            for a in self.demo["accounts"]
            if a["office_id"] == office_id and a["role"] == role and (ward is None or a["ward"] == ward)
        )
        status, body = self.call(
            "POST", "/v1/auth/login", {"username": account["username"], "password": account["password"]}
        )
        assert status == 200, body
        return str(body["access_token"])


@pytest.fixture()
def api(client: Client, aws_env: dict[str, Any]) -> Api:
    return Api(client, aws_env)


@pytest.fixture()
def live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[local_stack.Stack]:
    """The whole local stack in this process, on free ports; its event pump turns only when a test asks."""
    for name in local_stack.LOCAL_ENV:
        monkeypatch.setenv(name, local_stack.LOCAL_ENV[name])
    reset_caches()
    running = local_stack.start(
        api_port=0, aws_port=0, demo_path=tmp_path / "demo.json", pump_interval=3600, country=False
    )
    try:
        yield running
    finally:
        running.stop()
        for name in ("AWS_ENDPOINT_URL", "SSLCOMMERZ_BASE_URL", "API_BASE_URL"):
            os.environ.pop(name, None)  # set by start(); botocore itself reads the first
        tables.bind(None)
        reset_caches()
