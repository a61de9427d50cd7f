"""Importing app.py (what every Lambda cold start does) loads no AWS SDK client code, crypto or
PDF stack. (Powertools imports the tiny top-level `botocore` package for its user agent.)"""

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("boto3", "botocore.client", "pynamodb", "jwt", "argon2", "aws_xray_sdk", "fpdf", "segno", "jinja2", "pyhanko")


def test_app_import_is_light() -> None:
    probe = f"import json, sys, app; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
