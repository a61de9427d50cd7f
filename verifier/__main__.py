"""python -m verifier verify <pdf-or-qr-text> --trust-list FILE --status-list FILE [...]
                                [--root-fingerprint HEX] [--at ISO-8601]

Prints a one-line verdict and the certificate's claims; exit status 0 when valid, 1 otherwise
(2 for usage errors). The subject may be a certificate PDF, a file holding the QR text, the QR
text itself ("SS1:...") or a verify URL. The trust list may be either form: the full one
(GET /v1/trust-list) or the compact one (GET /v1/trust-list?form=keys); the verdicts are the same.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from chalicelib.domain import codes
from chalicelib.domain.credentials import (
    ListError,
    StatusList,
    TrustList,
    Verdict,
    load_status_list,
    load_trust_list,
    verify_credential,
)
from verifier import pdf as pdf_reader


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m verifier", description="Verify a Sonod Sheba certificate offline.")
    commands = parser.add_subparsers(dest="command", required=True)
    verify = commands.add_parser("verify", help="verify a certificate PDF or its QR text")
    verify.add_argument("subject", help="certificate PDF, file with QR text, QR text, or verify URL")
    verify.add_argument(
        "--trust-list",
        required=True,
        type=Path,
        help="trust list JSON, full or compact (GET /v1/trust-list[?form=keys])",
    )
    verify.add_argument("--status-list", action="append", default=[], type=Path, help="status list JSON (repeatable)")
    verify.add_argument("--root-fingerprint", help="SHA-256 of the root certificate in hex (pins the root)")
    verify.add_argument("--at", help="verify as of this ISO 8601 time instead of now")
    return parser


def _status_lookup(files: list[Path], trust: TrustList) -> Any:
    # Keyed by the JSON wrapper's list_id only to find the file; the signed list id is what counts
    # (verify_credential refuses a list whose signed id differs from the certificate's).
    docs = {}
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        docs[str(doc.get("list_id"))] = doc

    def lookup(list_id: str) -> StatusList | None:
        return load_status_list(docs[list_id], trust) if list_id in docs else None

    return lookup


def _is_pdf(subject: str) -> bool:
    path = Path(subject)
    if len(subject) > 4096 or not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(5) == b"%PDF-"


def _qr_text(subject: str) -> str:
    path = Path(subject)
    if len(subject) <= 4096 and path.is_file():
        return path.read_text(encoding="utf-8").strip()
    return subject


def _pdf_payload(path: Path) -> tuple[str | None, str]:
    data = path.read_bytes()
    found = pdf_reader.payloads_from_metadata(data) | pdf_reader.payloads_from_image(path)
    if not found:
        return None, "no Sonod Sheba QR found in the PDF (metadata or page 1)"
    if len(found) > 1:
        return None, "the PDF carries different QR payloads (picture and metadata disagree)"
    return found.pop(), ""


def _print_claims(verdict: Verdict, trust: TrustList) -> None:
    claims = verdict.claims
    if claims is None:
        return
    rows = [
        ("certificate", codes.display(claims.certificate_no)),
        ("type", claims.type_code),
        ("office", claims.office_id),
        ("issued on", claims.issued_on.isoformat()),
        ("holder", claims.holder_name),
    ]
    if claims.expires_on:
        rows.append(("expires on", claims.expires_on.isoformat()))
    if verdict.kid is not None and verdict.signed_at is not None:
        key = trust.keys.get(verdict.kid)
        retired = f" (key retired {key.valid_to:%Y-%m-%d})" if key and key.valid_to else ""
        rows.append(("signed", f"{verdict.signed_at:%Y-%m-%d %H:%M} UTC by key {verdict.kid.hex()}{retired}"))
    rows.append(("record hash", claims.record_hash.hex()))
    rows.append(("status list", f"{claims.status_list_id} #{claims.status_index}"))
    for label, value in rows:
        print(f"  {label:<12} {value}")


def _headline(verdict: Verdict) -> str:
    claims = verdict.claims
    what = f"{claims.type_code} {codes.display(claims.certificate_no)}, {claims.office_id}" if claims else ""
    if verdict.ok:
        retired = " (signed by a since-retired key, before its retirement)" if verdict.retired_key else ""
        return f"VALID — {what}{retired}"
    return f"{verdict.status.upper()} — {verdict.reason}" + (f" ({what})" if what else "")


def run(args: argparse.Namespace) -> int:
    pin = bytes.fromhex(args.root_fingerprint.replace(":", "")) if args.root_fingerprint else None
    now = dt.datetime.fromisoformat(args.at) if args.at else dt.datetime.now(dt.UTC)
    try:
        trust = load_trust_list(args.trust_list.read_text(encoding="utf-8"), pin)
    except ListError as exc:
        print(f"UNTRUSTED: {exc}")
        return 1
    if pin is None:
        print(f"note: root not pinned; trusting {trust.root_fingerprint.hex()} as found", file=sys.stderr)
    pdf_check = None
    if _is_pdf(args.subject):
        text, problem = _pdf_payload(Path(args.subject))
        if text is None:
            print(f"BAD_FORMAT: {problem}")
            return 1
        pdf_check = pdf_reader.check_signature(Path(args.subject).read_bytes(), trust)
    else:
        text = _qr_text(args.subject)
    verdict = verify_credential(text, trust, _status_lookup(args.status_list, trust), now)
    if verdict.ok and pdf_check is not None and not (pdf_check.ok and pdf_check.kid == verdict.kid):
        detail = pdf_check.detail if not pdf_check.ok else "the PDF and its QR are signed by different keys"
        verdict = Verdict("pdf_not_valid", detail, verdict.claims, verdict.kid, verdict.signed_at)
    print(_headline(verdict))
    _print_claims(verdict, trust)
    if pdf_check is not None:
        print(f"  {'pdf':<12} {pdf_check.detail}")
    return 0 if verdict.ok else 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
