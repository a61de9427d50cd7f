"""`make run`: the whole system on this machine.

Embedded AWS (moto server on loopback) → tables, secret from the cloud's own definitions → demo
data → the event pump → the API on http://127.0.0.1:8000 (Chalice's local server, the same
app object Lambda runs). Ctrl-C stops everything.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LOCAL_ENV = {
    "AWS_ACCESS_KEY_ID": "local",
    "AWS_SECRET_ACCESS_KEY": "local",
    "AWS_DEFAULT_REGION": "ap-south-1",
    "AWS_REGION": "ap-south-1",
    "STAGE": "local",
    "SMS_ADAPTER": "local_outbox",
    "POWERTOOLS_TRACE_DISABLED": "true",
    "POWERTOOLS_METRICS_NAMESPACE": "SonodShebaLocal",
}


@dataclass
class Stack:
    aws: Any
    api: Any
    api_thread: threading.Thread
    pump: Any
    demo: dict[str, Any]
    gateway: Any  # the SSLCommerz simulator (local/payment_gateway.py)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api.server.server_port}"

    def stop(self) -> None:
        self.pump.stop()
        self.api.shutdown()
        self.api.server.server_close()
        self.api_thread.join(timeout=5)
        self.gateway.stop()
        self.aws.stop()


def _chalice_config(app: Any) -> Any:
    from chalice.config import Config

    disk = json.loads((ROOT / ".chalice" / "config.json").read_text())
    return Config.create(chalice_stage="local", app_name=disk["app_name"], chalice_app=app, config_from_disk=disk)


def start(
    api_port: int = 8000,
    aws_port: int = 0,
    demo_path: Path | None = None,
    pump_interval: float = 0.3,
    gateway_port: int = 0,
    country: bool = True,
) -> Stack:
    """Start everything in this process; returns once the API accepts requests."""
    from local import moto_server, payment_gateway

    aws = moto_server.start(aws_port)
    gateway = payment_gateway.start(gateway_port)
    os.environ.update(LOCAL_ENV)
    os.environ["AWS_ENDPOINT_URL"] = aws.endpoint_url
    os.environ["SSLCOMMERZ_BASE_URL"] = gateway.base_url

    from chalice.local import CustomLocalChalice, LocalChalice, LocalDevServer

    from chalicelib.adapters import aws as aws_clients
    from chalicelib.adapters import tables
    from chalicelib.config import settings

    settings.cache_clear()
    aws_clients.client.cache_clear()
    tables.bind(aws.endpoint_url)

    from app import app
    from local import demo, pump, resources

    resources.create_all()
    if country:  # every union, pourashava and city corporation (tests skip it: ~7 s)
        from ops import onboard

        onboard.onboard(onboard.country())
    demo_data = demo.load(demo_path or ROOT / ".local" / "demo.json")
    events = pump.EventPump(app, interval=pump_interval)
    events.attach_streams()
    events.attach_queues()
    events.start()
    config = _chalice_config(app)
    # create_local_server swaps the app's class for a thread-safe one; only once per process. The
    # server then gets our handler, which serves the web app's files on the same port.
    if not isinstance(app, LocalChalice):
        CustomLocalChalice.__bases__ = (LocalChalice, app.__class__)
        app.__class__ = CustomLocalChalice
    from chalicelib.services import publication
    from local import web
    from local.gateway import GatewayHandler

    web.root_pin = str(publication.trust_list()["root"].get("sha256", ""))

    server = LocalDevServer(app, config, "127.0.0.1", api_port, handler_cls=GatewayHandler)
    # Gateways call back and browsers return to the API's own address, known once it is bound.
    os.environ["API_BASE_URL"] = f"http://127.0.0.1:{server.server.server_port}"
    settings.cache_clear()
    thread = threading.Thread(target=server.serve_forever, name="api", daemon=True)
    thread.start()
    return Stack(aws, server, thread, events, demo_data, gateway)


def _demo_holdings(demo: dict[str, Any]) -> None:
    """The demo offices' registers (local/demo_holdings.py), loaded while the stack already serves:
    a few hundred holdings per office through the office import take a few minutes."""
    from local import demo_holdings

    offices = [(o["office_id"], o["kind"], int(o["wards"])) for o in demo["offices"]]
    done = demo_holdings.load(offices, ROOT / ".local")
    summary = "; ".join(f"{office}: {counts['created'] + counts['unchanged']}" for office, counts in done.items())
    print(f"  demo holdings   {summary} (CSV in .local/; python -m ops.holdings import)", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run Sonod Sheba locally")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--aws-port", type=int, default=int(os.environ.get("LOCAL_AWS_PORT", "4566")))
    parser.add_argument("--gateway-port", type=int, default=int(os.environ.get("LOCAL_GATEWAY_PORT", "8001")))
    args = parser.parse_args(argv)
    stack = start(args.port, args.aws_port, gateway_port=args.gateway_port)
    demo_path = ROOT / ".local" / "demo.json"
    threading.Thread(target=_demo_holdings, args=(stack.demo,), name="demo-holdings", daemon=True).start()
    print(
        f"\nSonod Sheba is running (stage: local)\n"
        f"  web app         {stack.api_url}/   (citizens, officials, monitors; verifier at /verify)\n"
        f"  API             {stack.api_url}/v1   (try {stack.api_url}/v1/health)\n"
        f"  OpenAPI         {stack.api_url}/v1/openapi.json\n"
        f"  SMS outbox      {stack.api_url}/v1/_local/outbox?phone=01XXXXXXXXX\n"
        f"  embedded AWS    {stack.aws.endpoint_url}   (moto server; credentials 'local'/'local')\n"
        f"  payment gateway {stack.gateway.base_url}   (SSLCommerz simulator: open a payment's redirect_url\n"
        f"                  with ?outcome=success|fail|cancel)\n"
        f"  NID service     local simulator (numbers ending 0000: not found; 9999: service down)\n"
        f"  offices         every union, pourashava and city corporation (python -m ops.onboard)\n"
        f"  demo data       {demo_path}\n"
        f"                  ({len(stack.demo['offices'])} offices with staff, {len(stack.demo['accounts'])} accounts)\n"
        f"  event pump      DynamoDB streams and schedules → the same handlers as in Lambda\n"
        f"  demo holdings   loading in the background through the office import (a few minutes)\n"
        f"Press Ctrl-C to stop.\n",
        flush=True,
    )
    stopped = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stopped.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    stopped.wait()
    print("stopping…", flush=True)
    stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
