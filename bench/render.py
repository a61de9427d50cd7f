"""Certificate rendering and signing cost (python -m bench.render [-n N]): a warish certificate with
six heirs, as the renderer Lambda issues it (chalicelib.services.issuance._signed_pdf).

Prints the first render and the first signature in this process (imports, font parsing, template
compilation: what a cold renderer Lambda pays once), then the median and 90th percentile of N warm
runs of: render alone, PAdES sign alone (pyHanko, the same unsigned PDF each time), and render +
sign one after the other. Then the PDF sizes, and the QR version and payload length of the sample
verify URL (a real credential from encode_qr, local/rendering_samples.py).

Signing uses a local P-256 key (tests/localkeys.py) where production calls KMS: same algorithm and
signature size, but no network. Production makes two KMS Sign calls per certificate (the QR
credential and the PDF signature), each a network round trip (roughly 10-20 ms in-region, an
estimate) that is not in these figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable

from chalicelib.domain.catalog import catalog
from chalicelib.domain.forms import validate_form
from chalicelib.rendering.qr import MAX_VERSION, qr_version
from chalicelib.signing import x509 as sx
from local.rendering_samples import HEIRS, ISSUED_ON, WARISH_FIELDS, document
from tests import localkeys

LIMIT_MS, LIMIT_KB = 150, 150  # the issue's acceptance: render + sign, and the signed PDF


def _times(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def _row(label: str, times: list[float]) -> str:
    p90 = statistics.quantiles(times, n=10)[-1] if len(times) > 1 else times[0]
    return f"  {label:<32}{statistics.median(times) * 1000:7.1f} ms {p90 * 1000:7.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-n", type=int, default=50, help="warm runs to time (default 50)")
    args = parser.parse_args(argv)

    ctype = catalog().get("warish")
    assert ctype is not None
    fields, errors = validate_form(ctype, {**WARISH_FIELDS, "heirs": list(HEIRS)}, ISSUED_ON)
    assert not errors, errors
    doc = document(ctype, fields)  # builds the sample QR credential (cached), outside the timings

    started = time.perf_counter()
    from chalicelib.rendering.pdf import render_certificate

    pdf = render_certificate(doc, ctype)
    first_render = time.perf_counter() - started

    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    root_key, office_key = localkeys.key("bench-root"), localkeys.key("bench-office")
    root = sx.issue_root(localkeys.spki(root_key), localkeys.signer(root_key), not_before=start)
    office = sx.issue_signatory(
        localkeys.spki(office_key), root.der, localkeys.signer(root_key), office_id="union-1", office_name_en="Subil"
    )
    sign_raw, reason = localkeys.signer(office_key), f"{ctype.name_en} {doc.certificate_no}"

    started = time.perf_counter()
    from chalicelib.signing.pades import sign_pdf

    def sign(unsigned: bytes) -> bytes:  # as _signed_pdf calls it, minus KMS
        return sign_pdf(unsigned, sign_raw, office.der, root.der, reason=reason)

    signed = sign(pdf)
    first_sign = time.perf_counter() - started

    renders = _times(lambda: render_certificate(doc, ctype), args.n)
    signs = _times(lambda: sign(pdf), args.n)
    both = _times(lambda: sign(render_certificate(doc, ctype)), args.n)

    print(f"warish certificate, {len(HEIRS)} heirs, Bengali; {args.n} warm runs each; local P-256 key, not KMS")
    print(f"  {'':<32}{'median':>10} {'p90':>10}")
    print(_row("render", renders))
    print(_row("sign (PAdES B-B)", signs))
    print(_row(f"render + sign (limit {LIMIT_MS})", both))
    print(f"  {'first render (imports, fonts)':<32}{first_render * 1000:7.1f} ms")
    print(f"  {'first sign (imports)':<32}{first_sign * 1000:7.1f} ms")
    print("  not included: KMS Sign, two calls per certificate (QR credential, PDF signature), each a")
    print("  network round trip of roughly 10-20 ms in-region (an estimate; not measured here)")
    sizes = f"{len(pdf) / 1024:7.1f} KB {len(signed) / 1024:7.1f} KB"
    print(f"  {'PDF size, unsigned / signed':<32}{sizes}  (limit {LIMIT_KB})")
    print(f"  {'QR version at EC level Q':<32}{qr_version(doc.verify_text):7d}      (target at most {MAX_VERSION})")
    print(f"  {'QR payload length':<32}{len(doc.verify_text):7d} characters (verify URL)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
