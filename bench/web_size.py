"""What the citizen's start page loads, gzipped (python -m bench.web_size): index.html, its
stylesheets and module scripts and everything they import statically (dynamic `import()` is
loaded later, only for officials and monitors, and is listed apart). Budget: 150 KB."""

from __future__ import annotations

import gzip
import re
import sys

from local.web import web_file

BUDGET_BYTES = 150 * 1024
ASSET = re.compile(r'<(?:script[^>]+src|link[^>]+href)="([^"]+)"')
STATIC_IMPORT = re.compile(
    r'(?:^|;|\n)\s*(?:import|export)\s[^;]*?\bfrom\s*["\']([^"\']+)["\']|import\s*["\']([^"\']+)["\']'
)
DYNAMIC_IMPORT = re.compile(r'import\(\s*["\']([^"\']+)["\']\s*\)')


def _url(base: str, ref: str) -> str:
    if ref.startswith("/"):
        return ref
    parts = base.rsplit("/", 1)[0].split("/") + ref.split("/")
    out: list[str] = []
    for part in parts:
        if part == "..":
            out.pop()
        elif part not in (".", ""):
            out.append(part)
    return "/" + "/".join(out)


def start_page(entry: str = "/") -> tuple[dict[str, int], dict[str, int]]:
    """({url: gzipped bytes} loaded at start, {url: gzipped bytes} loaded on demand)."""
    loaded: dict[str, int] = {}
    later: dict[str, int] = {}
    queue = [entry]
    while queue:
        url = queue.pop()
        path = web_file(url)
        if path is None or url in loaded:
            continue
        text = path.read_text(encoding="utf-8")
        loaded[url] = len(gzip.compress(text.encode(), 9))
        refs = ASSET.findall(text) if path.suffix == ".html" else [a or b for a, b in STATIC_IMPORT.findall(text)]
        queue += [_url(url, ref) for ref in refs if not ref.startswith(("http:", "https:", "data:"))]
        for ref in DYNAMIC_IMPORT.findall(text):
            dynamic = web_file(_url(url, ref))
            if dynamic is not None:
                later[_url(url, ref)] = len(gzip.compress(dynamic.read_bytes(), 9))
    return loaded, {k: v for k, v in later.items() if k not in loaded}


def main() -> int:
    for entry in ("/", "/verify"):
        loaded, later = start_page(entry)
        total = sum(loaded.values())
        print(f"{entry}: {len(loaded)} files, {total / 1024:.1f} KB gzipped (budget {BUDGET_BYTES // 1024} KB)")
        for url, size in sorted(loaded.items(), key=lambda kv: -kv[1]):
            print(f"  {size / 1024:6.1f} KB  {url}")
        if later:
            print(f"  on demand (dynamic import): {sum(later.values()) / 1024:.1f} KB in {len(later)} modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
