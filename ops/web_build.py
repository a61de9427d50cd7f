"""Build the web app for S3 (python -m ops.web_build --out build/web --root-pin <sha256 hex>).

The app has no compile step; this lays the files out as CloudFront serves them: `index.html`,
`favicon.ico` and `app/` at the root, the modules both pages share under `shared/`, the verifier
under `verify/` with jsQR in `verify/vendor/` and cborg in `node_modules/cborg/`, and its service
worker at `/sw.js`. It writes the stage's root fingerprint into the verifier page (the pin) and a
content hash into the service worker's cache name, so every release replaces what phones cached.
Upload with `docs/operations.md` (HTML and sw.js never cached; the rest briefly, the names are not
hashed)."""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
JSQR = WEB / "node_modules" / "jsqr" / "dist" / "jsQR.js"
# The verifier imports cborg's ES modules by their path in node_modules (web/verify/core/cbor.mjs).
CBORG = WEB / "node_modules" / "cborg"
PIN_META = '<meta name="sonod-root-fingerprint" content="">'
SW_VERSION = re.compile(r"const VERSION = '[^']*';")


def _content_hash(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _copy_cborg(to: Path) -> None:
    """cborg's entry module and its lib/ (not its command-line tool, tests or types)."""
    (to / "lib").mkdir(parents=True)
    shutil.copy2(CBORG / "cborg.js", to / "cborg.js")
    shutil.copy2(CBORG / "LICENSE", to / "LICENSE")
    for module in (CBORG / "lib").glob("*.js"):
        if module.name != "bin.js" and not module.name.endswith("_test.js"):
            shutil.copy2(module, to / "lib" / module.name)


def build(out: Path, root_pin: str) -> list[Path]:
    if not re.fullmatch(r"[0-9a-f]{64}", root_pin):
        raise ValueError("the root pin is the root certificate's SHA-256 in lowercase hex (64 characters)")
    if not JSQR.is_file() or not (CBORG / "cborg.js").is_file():
        raise FileNotFoundError("web/node_modules is missing: run `make web-deps` (npm ci) first")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(WEB / "app", out / "app")
    shutil.copytree(WEB / "shared", out / "shared")
    shutil.copy2(WEB / "index.html", out / "index.html")
    shutil.copy2(WEB / "favicon.ico", out / "favicon.ico")  # asked for by every browser, at the root
    shutil.copytree(WEB / "verify", out / "verify", ignore=shutil.ignore_patterns("README.md", "sw.js", "vendor"))
    (out / "verify" / "vendor").mkdir()
    _copy_cborg(out / "node_modules" / "cborg")
    shutil.copy2(JSQR, out / "verify" / "vendor" / "jsQR.js")
    page = out / "verify" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(PIN_META, PIN_META.replace('content=""', f'content="{root_pin}"')),
        encoding="utf-8",
    )
    offline = [p for folder in ("verify", "shared", "node_modules") for p in (out / folder).rglob("*") if p.is_file()]
    version = _content_hash(offline)
    worker = (WEB / "verify" / "sw.js").read_text(encoding="utf-8")
    (out / "sw.js").write_text(SW_VERSION.sub(f"const VERSION = '{version}';", worker), encoding="utf-8")
    return sorted(p for p in out.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Lay out the web app for S3 + CloudFront")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "web")
    parser.add_argument("--root-pin", required=True, help="SHA-256 (hex) of the stage's root certificate")
    args = parser.parse_args(argv)
    try:
        files = build(args.out, args.root_pin)
    except (ValueError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{len(files)} files in {args.out} ({sum(p.stat().st_size for p in files) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
