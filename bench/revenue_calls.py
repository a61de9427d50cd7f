"""AWS API calls per municipal revenue operation (issue 14: ≤ 3 warm for reads and payments).

Run: python -m bench.revenue_calls

The same counting as bench/aws_calls.py (botocore `before-call`, each operation run twice in one
"container": `cold`, then `warm`), over the revenue routes: an assessor registers a holding and
runs the year's demand (the queue drained, not counted), then the owner's and the office's reads,
a bill, a cash payment, an adjustment and a cancellation.
"""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.aws_calls import Calls, _env, _install_counter, _Session

OFFICE = "pourashava-savar"
OWNER = "01711000001"
HOLDING = {
    "ward": 1,
    "village": "ব্যাংক কলোনি",
    "owners": [{"name": "রহিমা খাতুন", "phone": OWNER}],
    "use": "residential",
    "land_area_sqm": 120,
    "construction_class": "pucca",
    "floors": [{"built_area_sqm": 80, "use": "residential", "occupancy": "owner"}],
}


def measure() -> dict[str, dict[str, Calls]]:
    saved = dict(os.environ)
    try:
        _env()
        os.environ["ACCOUNT_CACHE_SECONDS"] = "3600"
        _install_counter()
        from chalice.test import Client
        from moto import mock_aws

        with mock_aws(), tempfile.TemporaryDirectory() as tmp:
            from app import app
            from local import demo, resources

            resources.reset_process_caches()
            resources.create_all()
            demo.load(Path(tmp) / "demo.json")
            with Client(app) as client:
                return _run(_Session(client), app)
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _run(s: _Session, app: Any) -> dict[str, dict[str, Calls]]:
    from chalicelib.domain.clock import today_bd
    from chalicelib.domain.revenue.fiscal import fiscal_year_of
    from local.pump import EventPump

    assessor, collector = s.login(f"{OFFICE}.assessor"), s.login(f"{OFFICE}.tax-collector")
    head = s.login(f"{OFFICE}.signatory")
    numbers = (f"99/{n}" for n in itertools.count(1))
    register = f"/v1/offices/{OFFICE}/holdings"
    holding = s.op(
        "POST /v1/offices/{id}/holdings",
        lambda: s.call("POST", register, {**HOLDING, "number": next(numbers)}, assessor),
    )
    path = f"/v1/holdings/{holding['holding_id']}"
    year = fiscal_year_of(today_bd())
    s.op("GET /v1/offices/{id}/tax-schedules/{fy}", lambda: s.call("GET", f"/v1/offices/{OFFICE}/tax-schedules/{year}"))
    run = s.call("POST", f"/v1/offices/{OFFICE}/demand-runs", {"fiscal_year": year}, assessor)
    pump = EventPump(app)
    pump.attach_queues()
    while pump.turn() > 0:
        pass
    runs = f"/v1/offices/{OFFICE}/demand-runs/{run['run_id']}"
    s.op("GET /v1/offices/{id}/demand-runs/{run_id}", lambda: s.call("GET", runs, token=assessor))
    s.send_code(OWNER)
    owner = s.verify(OWNER)
    s.op("GET /v1/me/holdings", lambda: s.call("GET", "/v1/me/holdings", token=owner))
    s.op("GET /v1/holdings/{id}", lambda: s.call("GET", path, token=owner))
    s.op("GET /v1/holdings/{id}/dues", lambda: s.call("GET", f"{path}/dues", token=owner))
    s.op("GET /v1/holdings/{id}/assessment", lambda: s.call("GET", f"{path}/assessment", token=owner))
    s.op("POST /v1/holdings/{id}/bills", lambda: s.call("POST", f"{path}/bills", None, owner))
    s.op("GET /v1/offices/{id}/holdings?ward=", lambda: s.call("GET", f"{register}?ward=1", token=collector))
    cash = {"method": "cash", "amount": 10_000}
    receipt = s.op(
        "POST /v1/holdings/{id}/payments (cash)", lambda: s.call("POST", f"{path}/payments", cash, collector)
    )
    no = receipt["receipt_no"]
    s.op("GET /v1/receipts/{no}", lambda: s.call("GET", f"/v1/receipts/{no}", token=owner))
    s.op(
        "GET /v1/offices/{id}/collections", lambda: s.call("GET", f"/v1/offices/{OFFICE}/collections", token=collector)
    )
    waiver = {"reason_code": "waiver", "amount": 100, "note": "rounding"}
    s.op("POST /v1/holdings/{id}/adjustments", lambda: s.call("POST", f"{path}/adjustments", waiver, head))
    paid = iter([no, s.call("POST", f"{path}/payments", cash, collector)["receipt_no"]])
    reason = {"reason": "entered twice"}
    s.op("POST /v1/receipts/{no}/cancel", lambda: s.call("POST", f"/v1/receipts/{next(paid)}/cancel", reason, head))
    return s.results


def main() -> int:
    results = measure()
    width = max(len(name) for name in results)
    print(f"{'operation':<{width}}  warm  cold  warm calls")
    for name, runs in results.items():
        print(f"{name:<{width}}  {len(runs['warm']):>4}  {len(runs['cold']):>4}  {', '.join(runs['warm']) or '-'}")
    worst = max(len(r["warm"]) for r in results.values())
    scans = [c for r in results.values() for calls in r.values() for c in calls if c.endswith(".Scan")]
    print(f"\nmost AWS calls in a warm revenue operation: {worst}; Scan calls: {len(scans)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
