"""Cold import of app.py against `import boto3`, in the same run (python -m bench.cold_import).

Also what the HTTP contract adds on the first request that parses a body (decision 56): the
models (pydantic) are imported and one route's validator is built then, not at import.

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
PROBE = "import time; t = time.perf_counter(); {code}; print(time.perf_counter() - t)"
# app.py, then what the first request with a JSON body adds: the contract's models and the
# validator of POST /v1/applications (the largest request model).
FIRST_PARSE = (
    "import app; from chalicelib.api import contract; from chalicelib.api.contract.parsing import adapter; "
    "adapter(contract.cases.NewApplication)"
)
SAMPLES = 15


def sample(code: str) -> float:
    env = {**os.environ, "STAGE": "dev", "AWS_DEFAULT_REGION": "ap-south-1", "PYTHONDONTWRITEBYTECODE": "0"}
    env.pop("POWERTOOLS_TRACE_DISABLED", None)
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(code=code)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    )
    return float(out.stdout.strip().splitlines()[-1])


def measure(samples: int = SAMPLES) -> dict[str, float]:
    probes = {"app": "import app", "boto3": "import boto3", "parse": FIRST_PARSE}
    for code in probes.values():
        sample(code)  # warm the bytecode caches once, as a deployed package ships them
    times: dict[str, list[float]] = {name: [] for name in probes}
    for _ in range(samples):
        for name, code in probes.items():
            times[name].append(sample(code))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    result = measure()
    ratio = result["app"] / result["boto3"]
    print(f"cold import, median of {SAMPLES} fresh interpreters each")
    print(f"  import app    {result['app'] * 1000:7.1f} ms")
    print(f"  import boto3  {result['boto3'] * 1000:7.1f} ms")
    print(f"  ratio         {ratio:7.2f}   (goal: at most 1.5)")
    parse = result["parse"]
    print(f"  import app + first body parse (contract models, one validator)  {parse * 1000:7.1f} ms")
    print(f"  ratio         {parse / result['boto3']:7.2f}   (the same goal, were they at import)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
