"""Replay recorded protocol exchanges on a loopback HTTP server.

A recording (tests/exchanges/*.json) is a list of exchanges, each
`{"request": {"method", "path", "query"?, "form"?, "json"?, "headers"?},
  "response": {"status", "json"? | "text"?, "headers"?}}`.
The server answers the requests in order and records what it received; request fields are a
subset match (every recorded key must be present with that value; "*" matches any value), so
a test fails when an adapter sends something the other side would not accept.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

EXCHANGES = Path(__file__).parent / "exchanges"


def load(name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((EXCHANGES / name).read_text(encoding="utf-8"))
    return data


def _matches(expected: Any, got: Any) -> bool:
    if expected == "*":
        return got is not None
    if isinstance(expected, dict):
        return isinstance(got, dict) and all(_matches(v, got.get(k)) for k, v in expected.items())
    return bool(expected == got)


class Replay:
    def __init__(self, exchanges: list[dict[str, Any]]):
        self.exchanges = list(exchanges)
        self.received: list[dict[str, Any]] = []
        self.mismatches: list[str] = []
        self.base_url = ""

    def answer(self, got: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
        self.received.append(got)
        index = len(self.received) - 1
        if index >= len(self.exchanges):
            self.mismatches.append(f"unexpected request #{index}: {got['method']} {got['path']}")
            return 599, {}, b""
        want = self.exchanges[index]["request"]
        for key in ("method", "path", "query", "form", "json", "headers"):
            if key in want and not _matches(want[key], got.get(key)):
                self.mismatches.append(f"request #{index} {key}: expected {want[key]!r}, got {got.get(key)!r}")
        response = self.exchanges[index]["response"]
        headers = dict(response.get("headers", {}))
        if "json" in response:
            headers.setdefault("Content-Type", "application/json")
            return int(response["status"]), headers, json.dumps(response["json"], ensure_ascii=False).encode()
        return int(response["status"]), headers, str(response.get("text", "")).encode()

    def assert_all_used(self) -> None:
        assert not self.mismatches, self.mismatches
        assert len(self.received) == len(self.exchanges), (
            f"{len(self.exchanges) - len(self.received)} recorded exchange(s) were never requested"
        )


@contextmanager
def serve(exchanges: list[dict[str, Any]]) -> Iterator[Replay]:
    """Serve `exchanges` on 127.0.0.1 (a free port); `replay.base_url` is where to point the adapter."""
    replay = Replay(exchanges)

    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            parsed = urllib.parse.urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            got: dict[str, Any] = {
                "method": self.command,
                "path": parsed.path,
                "query": dict(urllib.parse.parse_qsl(parsed.query)),
                "headers": {k.lower(): v for k, v in self.headers.items()},
            }
            ctype = self.headers.get("Content-Type", "")
            if raw and ctype.startswith("application/json"):
                got["json"] = json.loads(raw)
            elif raw and ctype.startswith("application/x-www-form-urlencoded"):
                got["form"] = dict(urllib.parse.parse_qsl(raw.decode()))
            status, headers, body = replay.answer(got)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_PUT = do_DELETE = _handle

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    replay.base_url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield replay
    finally:
        server.shutdown()
        server.server_close()
