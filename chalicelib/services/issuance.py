"""Issuing certificates: approval hands the case to the renderer, which renders and signs the PDF
and moves the case to `issued`.

approve ─► case stream ─► S3 render/<case>.json ─► SQS ─► renderer ─► S3 PDF (versioned) ─► issued

Every step may run again (stream and queue redeliver): a case already issued is skipped, and the
certificate number and status-list index are reserved on the case first, so a retry re-renders the
same certificate instead of issuing a second one.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import urllib.parse
from dataclasses import replace
from typing import Any

from chalicelib.adapters import accounts, cases, kms, storage
from chalicelib.adapters import offices as office_repo
from chalicelib.adapters.case_writes import IssueCertificate
from chalicelib.adapters.certificates import Certificate
from chalicelib.config import settings
from chalicelib.domain import codes
from chalicelib.domain.access import case_relations, may
from chalicelib.domain.actors import Actor
from chalicelib.domain.case import Case
from chalicelib.domain.catalog import CertificateType, catalog
from chalicelib.domain.certificate import CertificateDocument, SignatoryInfo, mask_name
from chalicelib.domain.changes import CaseChange
from chalicelib.domain.clock import today_bd
from chalicelib.domain.errors import conflict, forbidden
from chalicelib.domain.forms import NAME_FIELDS, subject_identity
from chalicelib.domain.workflow import workflows
from chalicelib.observability import logger, metrics
from chalicelib.services import receipt_documents, status_lists
from chalicelib.services.administration import seat_holders
from chalicelib.services.cases import case_ref, load, move
from chalicelib.services.offices import header_of
from chalicelib.services.publication import publish_status_list
from chalicelib.services.signing_keys import certificate_der, ensure_root, signing_key_of
from chalicelib.services.verification import certificate, second_fact_hashes

RENDERER = Actor(kind="system", id="renderer", role="system")
PRINTED_NAME_FIELDS = (*NAME_FIELDS, "holder_name_en")  # the holder's name as the certificate prints it


# --- stream: hand approved cases to the renderer, publish revocations ---------------------------


def on_case_changes(changes: list[CaseChange]) -> int:
    handed = 0
    for change in changes:
        new = change.new
        if not change.moved:
            continue
        if new.status == "approved":
            storage.put_render_request(str(new.case_id), new.version or 0)
            handed += 1
        elif new.status == "revoked" and new.certificate_no:
            cert = certificate(new.certificate_no)
            publish_status_list(cert.status_list)
    return handed


# --- queue: render and sign ----------------------------------------------------------------------


def on_render_messages(bodies: list[str]) -> int:
    """SQS bodies are S3 event notifications (plus S3's one-off test event, which is ignored).
    The render queue also carries receipts (render/receipt-<no>.json): their documents are settled."""
    issued = 0
    for body in bodies:
        for s3_record in json.loads(body).get("Records", []):
            bucket = s3_record["s3"]["bucket"]["name"]
            key = urllib.parse.unquote_plus(s3_record["s3"]["object"]["key"])
            request = storage.read_json(bucket, key)
            if "receipt_no" in request:  # a receipt to sign or cancel (services/receipt_documents.py)
                receipt_documents.settle(str(request["receipt_no"]))
            elif issue(str(request["case_id"])):
                issued += 1
    return issued


def issue(case_id: str) -> str | None:
    """Render, sign, store and issue the certificate of an approved case; None if there is nothing to do."""
    case = cases.get(case_id)
    if case is None or case.status != "approved":
        logger.info("render request skipped", extra={"case_id": case_id, "status": case.status if case else None})
        return None
    ctype = catalog().get(case.type_code)
    office = office_repo.get(case.office_id)
    if ctype is None or office is None:
        raise RuntimeError(f"case {case_id} refers to a missing type or office")
    approver = _approver(case)
    key = signing_key_of(approver)
    case = _reserve(case)
    number = str(case.reserved_no)
    issued_on = today_bd()
    record = _record(case, ctype, number, int(case.status_index or 0), issued_on, key.kid)
    pdf = _signed_pdf(case, ctype, office, record, approver, key)
    record = replace(record, pdf_version=storage.put_pdf(number, pdf))
    step = workflows().plan(case_ref(case), "issue", RENDERER, None)
    move(case, step, RENDERER, {"certificate_no": number}, (IssueCertificate(record),))
    metrics.add_metric(name="CertificateIssued", unit="Count", value=1)
    logger.info("certificate issued", extra={"case_id": case_id, "certificate_no": number, "kid": key.kid})
    return number


def _approver(case: Case) -> str:
    approvals = [e for e in cases.timeline(case.case_id) if e.action == "approve"]
    if not approvals:
        raise RuntimeError(f"approved case {case.case_id} has no approval event")
    return str(approvals[-1].actor_id)


def _reserve(case: Case) -> Case:
    """Reserve a certificate number and a place in a status list on the case, once (another
    renderer's reservation stands if it reserved first)."""
    if case.reserved_no and case.status_index is not None:
        return case
    number = codes.new_code()
    list_id, index = status_lists.reserve(number)
    return cases.reserve_certificate(case, number, list_id, index)


def _valid_until(ctype: CertificateType, issued_on: dt.date) -> dt.date | None:
    kind = ctype.validity.get("kind")
    if kind == "days":
        return issued_on + dt.timedelta(days=int(ctype.validity["days"]))
    if kind == "fiscal_year":
        return dt.date(issued_on.year + (1 if issued_on.month >= 7 else 0), 6, 30)
    return None


def _record(case: Case, ctype: CertificateType, number: str, index: int, issued_on: dt.date, kid: str) -> Certificate:
    from chalicelib.domain.credentials import record_hash

    fields = dict(case.fields)
    holder = next((str(fields[n]) for n in PRINTED_NAME_FIELDS if fields.get(n)), "")
    until = _valid_until(ctype, issued_on)
    digest = record_hash(
        {
            "certificate_no": number,
            "type": ctype.code,
            "office_id": case.office_id,
            "ward": int(case.ward),
            "fields": fields,
            "issued_on": issued_on.isoformat(),
        }
    )
    return Certificate(
        number,
        case_id=case.case_id,
        citizen_id=case.citizen_id,
        office_id=case.office_id,
        type_code=ctype.code,
        issued_on=issued_on.isoformat(),
        expires_on=until.isoformat() if until else None,
        status="valid",
        holder_name=holder,
        holder_masked=mask_name(holder),
        second_facts=second_fact_hashes(fields, subject_identity(ctype, fields)),
        kid=kid,
        status_list=case.status_list or settings().status_list_id,  # reserved before lists rolled over
        status_index=index,
        record_hash=digest.hex(),
        pdf_key=storage.pdf_key(number),
    )


def _signed_pdf(case: Case, ctype: CertificateType, office: Any, record: Certificate, approver: str, key: Any) -> bytes:
    from chalicelib.domain.credentials import CertificateClaims, encode_qr, verify_url
    from chalicelib.rendering.pdf import render_certificate
    from chalicelib.signing.pades import sign_pdf

    issued_on = dt.date.fromisoformat(record.issued_on)
    until = dt.date.fromisoformat(record.expires_on) if record.expires_on else None
    claims = CertificateClaims(
        certificate_no=record.certificate_no,
        type_code=ctype.code,
        office_id=case.office_id,
        issued_on=issued_on,
        holder_name=record.holder_name,
        record_hash=bytes.fromhex(record.record_hash),
        status_list_id=record.status_list,
        status_index=int(record.status_index),
        expires_on=until,
    )
    sign = kms.signer(key.kms_key_id)
    qr = encode_qr(claims, bytes.fromhex(key.kid), sign)
    doc = CertificateDocument(
        certificate_no=codes.display(record.certificate_no),
        type_code=ctype.code,
        office=header_of(office),
        ward=int(case.ward),
        fields=dict(case.fields),
        issued_on=issued_on,
        valid_until=until,
        signatory=_signatory_info(approver, office),
        verify_text=verify_url(settings().verify_base_url, qr),
    )
    root = ensure_root()
    return sign_pdf(
        render_certificate(doc, ctype),
        sign,
        certificate_der(key),
        certificate_der(root),
        reason=f"{ctype.name_en} {doc.certificate_no}",
        tsa_url=settings().tsa_url,
    )


HEAD_EN = {"chairman": "Chairman", "mayor": "Mayor", "administrator": "Administrator"}


def _signatory_info(username: str, office: Any) -> SignatoryInfo:
    staff = accounts.staff(username)
    if staff is None:
        raise RuntimeError("the approving signatory's account is missing")
    if staff.role == "ward_member":
        designation_en = f"{'Councillor' if office.kind == 'city_corporation' else 'Member'}, Ward {staff.ward}"
    else:
        designation_en = HEAD_EN.get(office.head_designation, "Chairman")
    return SignatoryInfo(staff.name_bn, staff.name_en, staff.designation_bn, designation_en)


# --- preview: what the signatory reads before approving -------------------------------------------

PREVIEW_NO = "নমুনা-PREVIEW"


def preview(actor: Actor, case_id: str) -> dict[str, Any]:
    """GET /v1/applications/{id}/preview: the certificate drawn as it would be issued today, through
    the same renderer, marked "not valid" on every page, with no number, QR or signature. Made on
    request, never stored; only the case's secretary and signatory may ask (domain/access.py), and a
    ward member where the workflow has them sign (the one who may approve it now)."""
    from chalicelib.rendering.pdf import render_certificate

    case = load(actor, case_id, "case.read")
    signs = "approve" in workflows().available(case_ref(case), actor)
    if not signs and not may("case.preview", case_relations(actor, case_ref(case))):
        raise forbidden("only the case's secretary and the one who signs it see its preview")
    if not workflows().waiting_on_office(case.status):
        raise conflict("not_previewable", "only a case awaiting its decision has a preview", case_status=case.status)
    ctype = catalog().get(case.type_code)
    office = office_repo.get(case.office_id)
    if ctype is None or office is None:
        raise RuntimeError(f"case {case_id} refers to a missing type or office")
    issued_on = today_bd()
    doc = CertificateDocument(
        certificate_no=PREVIEW_NO,
        type_code=ctype.code,
        office=header_of(office),
        ward=int(case.ward),
        fields=dict(case.fields),
        issued_on=issued_on,
        valid_until=_valid_until(ctype, issued_on),
        signatory=_preview_signatory(actor, case, office),
        verify_text="",
    )
    pdf = render_certificate(doc, ctype, preview=True)
    logger.info("certificate preview drawn", extra={"case_id": case.case_id, "bytes": len(pdf)})
    return {"content_type": "application/pdf", "pdf_base64": base64.b64encode(pdf).decode("ascii")}


def _preview_signatory(actor: Actor, case: Case, office: Any) -> SignatoryInfo:
    """Whoever would sign: the caller if it is their signature, else the seat's holder now."""
    ward_signs = case.signatory == "ward"
    role, ward = ("ward_member", int(case.ward)) if ward_signs else ("signatory", None)
    signs = actor.role == role and (not ward_signs or actor.ward == ward)
    holders = [actor.id] if signs else seat_holders(case.office_id, role, ward)
    if not holders:
        return SignatoryInfo("", "", "", "")
    return _signatory_info(holders[0], office)
