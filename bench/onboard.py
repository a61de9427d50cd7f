"""Onboarding the country on the local stack's embedded AWS (python -m bench.onboard): the first
load of every union, pourashava and city corporation, a second (idempotent) run, and one office
added or updated alone — through the onboarding command and through the settings API."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from local.stack import LOCAL_ENV


def _timed(work: object) -> float:
    start = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> int:
    os.environ.update(LOCAL_ENV)
    from local import moto_server

    aws = moto_server.start(0)
    os.environ["AWS_ENDPOINT_URL"] = aws.endpoint_url
    from chalice.test import Client

    from chalicelib.adapters import tables
    from local import demo, resources
    from ops import onboard

    tables.bind(aws.endpoint_url)
    resources.reset_process_caches()
    resources.create_all()
    build = time.perf_counter()
    records = onboard.country()
    built = time.perf_counter() - build
    first = onboard.onboard(records)
    again = onboard.onboard(onboard.country())
    one = _timed(lambda: onboard.main(["--only", "union-1"]))
    with tempfile.TemporaryDirectory() as tmp:
        demo.load(Path(tmp) / "demo.json")
    from app import app

    with Client(app, stage_name="local") as client:
        body = json.dumps({"username": "union-1.office-admin", "password": demo.DEMO_PASSWORD})
        login = client.http.post("/v1/auth/login", headers={"Content-Type": "application/json"}, body=body)
        token = json.loads(login.body)["access_token"]
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
        change = json.dumps({"overrides": {"citizenship": {"fee_poisha": 6000}}})
        api = _timed(lambda: client.http.put("/v1/offices/union-1/settings", headers=headers, body=change))
    aws.stop()
    print(f"offices in the country                 {len(records)}  (map built in {built:.1f} s)")
    print(f"first load (created {first.created})           {first.seconds:6.1f} s")
    print(f"second run (unchanged {again.unchanged})        {again.seconds:6.1f} s")
    print(f"one office: python -m ops.onboard --only union-1   {one:6.2f} s")
    print(f"one office: PUT /v1/offices/union-1/settings        {api:6.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
