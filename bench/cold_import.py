"""Cold import of app.py against `import boto3`, in the same run (python -m bench.cold_import).

Each sample is a fresh interpreter (what a Lambda cold start pays for imports), alternating the
two so that machine noise hits both alike; the median of each is reported. The environment is a
deployed stage's (tracing on), so the lazily created Tracer is not hidden by a local switch.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = "import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
SAMPLES = 15


def sample(module: str) -> float:
    env = {**os.environ, "STAGE": "dev", "AWS_DEFAULT_REGION": "ap-south-1", "PYTHONDONTWRITEBYTECODE": "0"}
    env.pop("POWERTOOLS_TRACE_DISABLED", None)
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    )
    return float(out.stdout.strip().splitlines()[-1])


def measure(samples: int = SAMPLES) -> dict[str, float]:
    sample("app")  # warm the bytecode caches once, as a deployed package ships them
    sample("boto3")
    app_times, boto_times = [], []
    for _ in range(samples):
        app_times.append(sample("app"))
        boto_times.append(sample("boto3"))
    return {"app": statistics.median(app_times), "boto3": statistics.median(boto_times)}


def main() -> int:
    result = measure()
    ratio = result["app"] / result["boto3"]
    print(f"cold import, median of {SAMPLES} fresh interpreters each")
    print(f"  import app    {result['app'] * 1000:7.1f} ms")
    print(f"  import boto3  {result['boto3'] * 1000:7.1f} ms")
    print(f"  ratio         {ratio:7.2f}   (goal: at most 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
