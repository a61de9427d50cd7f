"""chalicelib/services is imported lazily (PEP 562): a route's `services.<name>` resolves only if
the name is in `_MODULES`. One missing (receipt_documents) answered 500 on a cold container whose
first call was GET /v1/bills/{id}/notice, and passed every test that had imported it already."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from chalicelib import services

ROOT = Path(__file__).resolve().parents[2]


def test_every_service_a_route_names_is_known_to_the_lazy_loader() -> None:
    named = {
        m
        for path in [ROOT / "app.py", *(ROOT / "chalicelib" / "api").rglob("*.py")]
        for m in re.findall(r"\bservices\.([a-z_]+)\.", path.read_text(encoding="utf-8"))
    }
    assert named and named <= services._MODULES, sorted(named - services._MODULES)


def test_a_cold_process_resolves_the_revenue_documents_service() -> None:
    code = "from chalicelib import services; print(services.receipt_documents.__name__)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "chalicelib.services.receipt_documents"
