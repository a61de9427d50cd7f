"""Checking a certificate: public verification by number, and agency lookups with a second fact."""

from __future__ import annotations

import hmac
from typing import Any

from chalicelib.adapters import certificates as repo
from chalicelib.adapters import offices as office_repo
from chalicelib.adapters import receipts, storage
from chalicelib.adapters.certificates import AgencyKey, Certificate
from chalicelib.adapters.keys import keyed_hash
from chalicelib.config import settings
from chalicelib.domain import codes, path_ids
from chalicelib.domain.canonical import ascii_digits, fold
from chalicelib.domain.catalog import catalog
from chalicelib.domain.clock import today_bd
from chalicelib.domain.errors import AppError, FieldError, in_bengali, not_found, unauthorized, validation_failed
from chalicelib.domain.revenue.documents import RECEIPT_NAMES, is_receipt
from chalicelib.domain.revenue.receipts import CANCELLED
from chalicelib.domain.throttle import Budget, Caller
from chalicelib.observability import logger, metrics
from chalicelib.services import receipt_documents, throttle

STATUS_LABELS = {
    "valid": ("বৈধ", "Valid"),
    "revoked": ("বাতিল করা হয়েছে", "Revoked"),
    "expired": ("মেয়াদোত্তীর্ণ", "Expired"),
    "cancelled": ("বাতিল", "Cancelled"),  # a receipt the office cancelled
}


def _today() -> str:
    return today_bd().isoformat()


def status_of(record: Certificate) -> str:
    if record.status == "revoked":
        return "revoked"
    if record.expires_on and record.expires_on < _today():
        return "expired"
    return "valid"


def certificate(certificate_no: str) -> Certificate:
    """The certificate with this number (any spelling a person might type), or 404."""
    record = repo.get(path_ids.code(certificate_no, "Certificate"))
    if record is None:
        raise not_found("Certificate")
    return record


def _rate_limit(scope: str, caller: Caller) -> None:
    s = settings()
    what = "too many verifications from this address"
    if caller.viewer is None:
        throttle.spend([Budget(scope, caller.address(), s.verify_rate_per_minute, 60, "hits")], what)
        return
    # Every viewer of a CloudFront edge shares its few addresses: each gets their own budget, and
    # only what a viewer's budget lets through counts against the edge's (one greedy viewer cannot
    # spend it for everyone).
    own = Budget(scope, caller.address(), s.verify_rate_per_minute, 60, "hits")
    edge = Budget(f"{scope}-edge", caller.source, s.verify_edge_rate_per_minute, 60, "hits")
    throttle.spend([own, edge], what)


def _office_view(office_id: str) -> dict[str, str]:
    office = office_repo.get(office_id)
    return {
        "office_id": office_id,
        "name_bn": office.name_bn if office else "",
        "name_en": office.name_en if office else "",
    }


def public_view(certificate_no: str, caller: Caller) -> dict[str, Any]:
    """What anyone may see: status, type, office, issue date and a masked name. Nothing else."""
    number = path_ids.code(certificate_no, "Certificate")  # not a number at all: 404 before any call
    _rate_limit("verify", caller)
    record = repo.get(number)
    if record is None:
        _not_yet_signed(number)
        raise not_found("Certificate")
    metrics.add_metric(name="Verified", unit="Count", value=1)
    if is_receipt(record.type_code):
        return _receipt_view(record)
    status = status_of(record)
    ctype = catalog().get(record.type_code)
    return _view(record, status, (ctype.name_bn, ctype.name_en) if ctype else ("", ""))


def _not_yet_signed(number: str) -> None:
    """A receipt is verifiable once its signed copy is made (decision 69: from the revenue stream,
    within a minute): until then its number answers so, not "no such certificate"."""
    if receipts.get(number) is not None:
        raise AppError(
            "receipt_being_signed",
            "the receipt is recorded; its signed copy follows within a minute",
            extra=in_bengali("রসিদটি নথিভুক্ত হয়েছে; এক মিনিটের মধ্যে এর স্বাক্ষরিত কপি তৈরি হবে"),
        )


def _view(record: Certificate, status: str, type_names: tuple[str, str]) -> dict[str, Any]:
    return {
        "certificate_no": codes.display(record.certificate_no),
        "status": status,
        "status_bn": STATUS_LABELS[status][0],
        "status_en": STATUS_LABELS[status][1],
        "type": record.type_code,
        "type_name_bn": type_names[0],
        "type_name_en": type_names[1],
        "office": _office_view(record.office_id),
        "issued_on": record.issued_on,
        "expires_on": record.expires_on,
        "holder": record.holder_masked,
    }


def _receipt_view(record: Certificate) -> dict[str, Any]:
    """A receipt reads as a receipt: "cancelled" once the office cancelled it (the receipt item is
    read too: it says so before the renderer has revoked the record), the masked payer, the amount."""
    receipt = receipts.get(record.certificate_no)
    if receipt is not None:
        receipt_documents.catch_up(receipt, record)  # a cancellation the status list has not had yet
    cancelled = record.status == "revoked" or (receipt is not None and receipt.status == CANCELLED)
    view = _view(record, "cancelled" if cancelled else "valid", RECEIPT_NAMES)
    return view | {"amount": receipt.amount if receipt else None}


def render_page(view: dict[str, Any] | None, pending: bool = False) -> str:
    """The Bengali verification page (Accept: text/html); `pending`: a receipt not signed yet."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    from chalicelib.domain.catalog import DATA_DIR

    env = Environment(loader=FileSystemLoader(DATA_DIR / "pages"), autoescape=select_autoescape(["html"]))
    return env.get_template("verify.html").render(v=view, pending=pending)


# --- agencies ------------------------------------------------------------------------------------

SECOND_FACTS = ("holder_dob", "nid_last4")


def second_fact_hashes(fields: dict[str, Any], subject_identity: str | None) -> dict[str, str]:
    """Keyed hashes of what an agency may be asked to know about the holder (never the values)."""
    facts: dict[str, str] = {}
    if fields.get("holder_dob"):
        facts["holder_dob"] = _fact_hash("holder_dob", str(fields["holder_dob"]))
    if subject_identity and subject_identity.startswith("nid:"):
        facts["nid_last4"] = _fact_hash("nid_last4", subject_identity[-4:])
    return facts


def _fact_hash(name: str, value: str) -> str:
    """One hashing rule for what is stored at issue time and what an agency presents."""
    if name == "holder_dob":
        return keyed_hash("fact", f"dob:{ascii_digits(value).strip()}")
    return keyed_hash("fact", f"nid4:{fold(value)}")


def _parse_lookup(body: dict[str, Any]) -> tuple[str, str, str, str]:
    errors = []
    number, purpose = body.get("certificate_no"), body.get("purpose")
    if not isinstance(number, str) or not number.strip():
        errors.append(FieldError("certificate_no", "is required", "সনদ নম্বর দিন"))
    if not isinstance(purpose, str) or not 5 <= len(purpose.strip()) <= 300:
        errors.append(FieldError("purpose", "state the purpose in 5 to 300 characters", "উদ্দেশ্য লিখুন"))
    given = [(name, body[name]) for name in SECOND_FACTS if isinstance(body.get(name), str) and body[name].strip()]
    if len(given) != 1:
        errors.append(
            FieldError("holder_dob", "give exactly one of holder_dob or nid_last4", "জন্মতারিখ অথবা এনআইডির শেষ ৪ অঙ্ক দিন")
        )
    if errors:
        raise validation_failed(errors)
    return str(number), str(purpose).strip(), given[0][0], str(given[0][1])


def _agency_attempt(key_hash: str, number: str) -> throttle.Attempt:
    """The agency (read with its failure budgets in one call): 401 for an unknown key, 429 while
    the key or the certificate has run out of wrong second facts."""
    s = settings()
    budgets = [
        Budget("agency-key", key_hash, s.agency_failures_per_key_per_day, throttle.DAY),
        Budget("agency-certificate", codes.normalise(number), s.agency_failures_per_certificate_per_day, throttle.DAY),
    ]
    tries = throttle.read(budgets, "too many wrong second facts", also=[repo.agency_read(key_hash)])
    agency = tries.items[0]
    if agency is None or not agency.active:
        raise unauthorized("a valid X-Api-Key is required")
    tries.check()
    return tries


def _check_scope(agency: AgencyKey, record: Certificate) -> None:
    if is_receipt(record.type_code):  # receipts are verified by anyone, never looked up by agencies
        raise not_found("Certificate")
    scopes = set(agency.scopes or ())
    if "*" not in scopes and record.type_code not in scopes:
        raise AppError("out_of_scope", f"allowed: {', '.join(sorted(scopes))}")


def agency_lookup(api_key: str | None, body: dict[str, Any]) -> dict[str, Any]:
    if not api_key:
        raise unauthorized("a valid X-Api-Key is required")
    number, purpose, fact_name, fact_value = _parse_lookup(body)
    tries = _agency_attempt(keyed_hash("apikey", api_key), number)
    agency: AgencyKey = tries.items[0]
    try:
        record = certificate(number)
    except AppError:
        tries.failed()  # guessing numbers costs the same budget as guessing facts
        raise
    _check_scope(agency, record)
    expected = (record.second_facts or {}).get(fact_name)
    matched = expected is not None and hmac.compare_digest(expected, _fact_hash(fact_name, fact_value))
    who = {"kind": "agency", "id": agency.agency_id, "name_bn": agency.name_bn, "name_en": agency.name_en}
    repo.log_access(record.citizen_id, who, purpose, record.certificate_no, "matched" if matched else "mismatch")
    logger.info("agency lookup", extra={"agency": agency.agency_id, "matched": matched})
    metrics.add_metric(name="AgencyLookup", unit="Count", value=1)
    if not matched:
        tries.failed()
        raise not_found("Certificate")  # the same answer as an unknown number: nothing is revealed
    status = status_of(record)
    return {
        "certificate_no": codes.display(record.certificate_no),
        "status": status,
        "type": record.type_code,
        "office": _office_view(record.office_id),
        "issued_at": record.issued_on,
        "expires_on": record.expires_on,
        "holder_name": record.holder_name,
        "pdf_url": storage.pdf_link(record.pdf_key, record.pdf_version, settings().pdf_link_seconds),
        "pdf_url_expires_in": settings().pdf_link_seconds,
    }
