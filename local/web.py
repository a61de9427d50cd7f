"""Serves the static web app beside the API on the same port under `make run`, as CloudFront does
in the cloud (S3 for the app, API Gateway for /v1): `/` the citizen and officials' app,
`/verify` and `/v` the offline verifier, `/sw.js` its service worker, `/favicon.ico`, `/shared/` the
modules both share and `/node_modules/cborg/` the verifier's CBOR library. Everything
else goes to Chalice's local gateway.

Like CloudFront in front of S3 (infra/web.py: `Compress`), text files of 1 KB or more are sent
compressed when the browser accepts it (brotli first, then gzip) with `Vary: Accept-Encoding`,
and every file carries a validator (ETag) so a revalidation costs a 304 and no body."""

from __future__ import annotations

import functools
import gzip
import hashlib
import mimetypes
from pathlib import Path

import brotli
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
    "/favicon.ico": WEB / "favicon.ico",
    "/verify/vendor/jsQR.js": WEB / "node_modules" / "jsqr" / "dist" / "jsQR.js",
}
# cborg (npm, the verifier's CBOR) is imported from web/verify/core/ by the relative path
# ../../node_modules/cborg/, which the browser asks for as /node_modules/cborg/.
PREFIXES = {
    "/app/": WEB / "app",
    "/shared/": WEB / "shared",
    "/verify/": WEB / "verify",
    "/node_modules/cborg/": WEB / "node_modules" / "cborg",
}
TYPES = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".webmanifest": "application/manifest+json",
    ".ico": "image/x-icon",
}
# CloudFront compresses these types from 1,000 bytes up; so do we (images are compressed already).
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/manifest+json", "image/svg+xml")
MIN_COMPRESS_BYTES = 1000
# What the deployed app gets from CloudFront's response headers policy (infra/web.py), locally too.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        "media-src 'self' blob:; connect-src 'self' http://127.0.0.1:*; worker-src 'self'; frame-src 'self' blob:; "
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


def content_type(found: Path) -> str:
    ctype = TYPES.get(found.suffix) or mimetypes.guess_type(found.name)[0] or "application/octet-stream"
    return f"{ctype}; charset=utf-8" if ctype.startswith("text/") else ctype


def _body(found: Path) -> bytes:
    body = found.read_bytes()
    if root_pin and found.name == "index.html" and found.parent.name == "verify":
        body = body.replace(PIN_META.encode(), PIN_META.replace('content=""', f'content="{root_pin}"').encode())
    return body


@functools.lru_cache(maxsize=256)
def _encoded(body: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return bytes(brotli.compress(body, quality=11))
    return gzip.compress(body, 9, mtime=0)


def choose_encoding(accept_encoding: str, ctype: str, size: int) -> str | None:
    """The coding to send: br, then gzip, if the browser accepts it and the file is worth it."""
    if size < MIN_COMPRESS_BYTES or not ctype.startswith(COMPRESSIBLE):
        return None
    offered = {
        part.split(";")[0].strip().lower(): ("q=0" not in part.replace(" ", "")) for part in accept_encoding.split(",")
    }
    return next((coding for coding in ("br", "gzip") if offered.get(coding)), None)


def etag(body: bytes) -> str:
    """A weak validator, the same for every coding of the same file (RFC 9110 8.8.1)."""
    return f'W/"{hashlib.sha256(body).hexdigest()[:20]}"'


def not_modified(if_none_match: str, tag: str) -> bool:
    wanted = [part.strip() for part in if_none_match.split(",") if part.strip()]
    return "*" in wanted or any(part.removeprefix("W/") == tag.removeprefix("W/") for part in wanted)


class WebAndApiHandler(ChaliceRequestHandler):
    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def _serve(self, head: bool) -> None:
        found = web_file(self.path)
        if found is None:
            self._generic_handle()
            return
        body = _body(found)
        ctype = content_type(found)
        tag = etag(body)
        if not_modified(self.headers.get("If-None-Match", ""), tag):
            self.send_response(304)
            self._common_headers(found, tag)
            self.end_headers()
            return
        coding = choose_encoding(self.headers.get("Accept-Encoding", ""), ctype, len(body))
        if coding:
            body = _encoded(body, coding)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if coding:
            self.send_header("Content-Encoding", coding)
        self._common_headers(found, tag)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _common_headers(self, found: Path, tag: str) -> None:
        self.send_header("ETag", tag)
        self.send_header("Vary", "Accept-Encoding")
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        if found.name == "sw.js":
            self.send_header("Service-Worker-Allowed", "/")
