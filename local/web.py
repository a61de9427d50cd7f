"""Serves the static web app beside the API on the same port under `make run`, as CloudFront does
in the cloud (S3 for the app, API Gateway for /v1): `/` the citizen and officials' app,
`/verify` and `/v` the offline verifier, `/sw.js` its service worker. Everything else goes to
Chalice's local gateway."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from chalice.local import ChaliceRequestHandler

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
EXACT = {
    "/": WEB / "index.html",
    "/index.html": WEB / "index.html",
    "/c": WEB / "index.html",  # an heir's consent link (/c#<token>); CloudFront serves it as any app path
    "/verify": WEB / "verify" / "index.html",
    "/v": WEB / "verify" / "index.html",
    "/sw.js": WEB / "verify" / "sw.js",
    "/verify/vendor/jsQR.js": WEB / "node_modules" / "jsqr" / "dist" / "jsQR.js",
}
PREFIXES = {"/app/": WEB / "app", "/verify/": WEB / "verify"}
TYPES = {".mjs": "text/javascript", ".js": "text/javascript", ".webmanifest": "application/manifest+json"}
# What the deployed app gets from CloudFront's response headers policy (infra/web.py), locally too.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        "media-src 'self' blob:; connect-src 'self' http://127.0.0.1:*; worker-src 'self'; "
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self' http://127.0.0.1:*"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(self)",
    "Cache-Control": "no-cache",
}


# The platform root's SHA-256, pinned in the verifier page as a deploy writes it (the stack sets it
# once the root exists).
root_pin = ""
PIN_META = '<meta name="sonod-root-fingerprint" content="">'


def web_file(path: str) -> Path | None:
    """The file a web path names, or None (then the API answers). Never outside web/."""
    path = path.split("?", 1)[0].split("#", 1)[0]
    found = EXACT.get(path)
    if found is None:
        for prefix, base in PREFIXES.items():
            if path.startswith(prefix):
                candidate = (base / path[len(prefix) :]).resolve()
                found = candidate if candidate.is_relative_to(base.resolve()) else None
                break
    return found if found is not None and found.is_file() else None


class WebAndApiHandler(ChaliceRequestHandler):
    def do_GET(self) -> None:
        found = web_file(self.path)
        if found is None:
            self._generic_handle()
            return
        body = found.read_bytes()
        if root_pin and found.name == "index.html" and found.parent.name == "verify":
            body = body.replace(PIN_META.encode(), PIN_META.replace('content=""', f'content="{root_pin}"').encode())
        self.send_response(200)
        ctype = TYPES.get(found.suffix) or mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        self.send_header("Content-Type", f"{ctype}; charset=utf-8" if ctype.startswith("text/") else ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        if found.name == "sw.js":
            self.send_header("Service-Worker-Allowed", "/")
        self.end_headers()
        self.wfile.write(body)

    def do_HEAD(self) -> None:
        self.do_GET()
