"""Certificate rendering cost (python -m bench.render [-n N]): a warish certificate with six heirs.

Prints the first render in this process (imports, font parsing and template compilation included:
what a cold rendering Lambda pays once), the median and 90th percentile of N warm renders, the PDF
size, and the QR version and payload length for a verify text shaped like the real one (DESIGN §6).
Unsigned: signing is a separate step with its own cost.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from chalicelib.domain.catalog import catalog
from chalicelib.domain.forms import validate_form
from chalicelib.rendering.qr import MAX_VERSION, qr_version
from local.rendering_samples import HEIRS, ISSUED_ON, WARISH_FIELDS, document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-n", type=int, default=50, help="warm renders to time (default 50)")
    args = parser.parse_args(argv)

    ctype = catalog().get("warish")
    assert ctype is not None
    fields, errors = validate_form(ctype, {**WARISH_FIELDS, "heirs": list(HEIRS)}, ISSUED_ON)
    assert not errors, errors
    doc = document(ctype, fields)

    started = time.perf_counter()
    from chalicelib.rendering.pdf import render_certificate

    pdf = render_certificate(doc, ctype)
    first = time.perf_counter() - started
    times = []
    for _ in range(args.n):
        started = time.perf_counter()
        pdf = render_certificate(doc, ctype)
        times.append(time.perf_counter() - started)
    p90 = statistics.quantiles(times, n=10)[-1] if len(times) > 1 else times[0]

    version = qr_version(doc.verify_text)
    print(f"warish certificate, {len(HEIRS)} heirs, Bengali, unsigned; {args.n} renders")
    print(f"  first render (imports, fonts)  {first * 1000:7.1f} ms")
    print(f"  median render                  {statistics.median(times) * 1000:7.1f} ms")
    print(f"  90th percentile                {p90 * 1000:7.1f} ms")
    print(f"  PDF size                       {len(pdf) / 1024:7.1f} KB   (limit 150)")
    print(f"  QR version at EC level Q       {version:7d}      (target at most {MAX_VERSION})")
    print(f"  QR payload length              {len(doc.verify_text):7d} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
