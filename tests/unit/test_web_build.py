"""The deployable web app: files where CloudFront serves them, the root pinned, the service
worker's cache named after the release."""

from __future__ import annotations

from pathlib import Path

import pytest

from ops import web_build

PIN = "ab" * 32


@pytest.mark.skipif(not web_build.JSQR.is_file(), reason="needs web/node_modules (make web-deps)")
def test_build_lays_out_the_app_and_pins_the_root(tmp_path: Path) -> None:
    out = tmp_path / "web"
    files = {p.relative_to(out).as_posix() for p in web_build.build(out, PIN)}
    expected = {"index.html", "favicon.ico", "app/main.mjs", "verify/index.html", "verify/verify-core.mjs", "sw.js"}
    expected |= {"shared/dom.mjs", "shared/i18n.mjs", "shared/format.mjs", "node_modules/cborg/lib/decode.js"}
    assert expected <= files
    assert "verify/vendor/jsQR.js" in files and "verify/README.md" not in files and "verify/sw.js" not in files
    assert f'content="{PIN}"' in (out / "verify" / "index.html").read_text(encoding="utf-8")
    worker = (out / "sw.js").read_text(encoding="utf-8")
    assert "const VERSION = 'v2';" not in worker and web_build.SW_VERSION.search(worker)
    again = tmp_path / "again"
    web_build.build(again, PIN)
    assert (again / "sw.js").read_text(encoding="utf-8") == worker  # the same release, the same cache name


def test_a_bad_pin_is_refused(tmp_path: Path) -> None:
    assert web_build.main(["--out", str(tmp_path / "x"), "--root-pin", "not-hex"]) == 2
