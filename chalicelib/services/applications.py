"""Applications (cases): apply, read, act on, and list — the workflow of DESIGN §5."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from pynamodb.transactions import TransactWrite

from chalicelib.adapters import cases as repo
from chalicelib.adapters import certificates, idempotency, storage
from chalicelib.adapters.keys import keyed_hash
from chalicelib.adapters.tables import CaseEvent, CaseRecord, Claim
from chalicelib.config import settings
from chalicelib.domain import codes, path_ids
from chalicelib.domain.access import case_relations, may
from chalicelib.domain.actors import Actor
from chalicelib.domain.canonical import ascii_digits, text_errors
from chalicelib.domain.catalog import CertificateType, catalog
from chalicelib.domain.claims import claim_keys
from chalicelib.domain.clock import now_bd, utc_stamp
from chalicelib.domain.errors import (
    AppError,
    FieldError,
    conflict,
    forbidden,
    not_found,
    validation_failed,
)
from chalicelib.domain.forms import subject_aliases, subject_identity, validate_form
from chalicelib.domain.payment_methods import method_of_note
from chalicelib.domain.trustlists import REVOCATION_REASONS
from chalicelib.domain.workflow import CaseRef, Step, workflows
from chalicelib.observability import logger, metrics
from chalicelib.services import consents, identity, papers, payments, udc
from chalicelib.services.catalog import terms
from chalicelib.services.offices import require_office

WAITING_ON_OFFICE = ("submitted", "ward_verified", "office_verified", "inspected")  # the SLA clock runs


def _stamp(moment: dt.datetime) -> str:
    return utc_stamp(moment, milliseconds=True)


def _index_keys(office_id: str, ward: int, status: str, case_id: str, stamp: str) -> dict[str, str]:
    return {
        "office_status": f"{office_id}#{status}",
        "ward_status": f"{office_id}#{ward}#{status}",
        "queued_at": f"{stamp}#{case_id}",
    }


# --- apply ---------------------------------------------------------------------------------------


def _parse_application(body: dict[str, Any]) -> tuple[CertificateType, Any, int, dict[str, Any]]:
    errors: list[FieldError] = []
    type_code = body.get("type")
    ctype = catalog().get(type_code) if isinstance(type_code, str) else None
    if ctype is None:
        errors.append(FieldError("type", "unknown certificate type", "সনদের ধরন সঠিক নয়"))
    office_id = body.get("office_id")
    office = None
    if not isinstance(office_id, str) or not office_id:
        errors.append(FieldError("office_id", "is required", "কার্যালয় নির্বাচন করুন"))
    else:
        try:
            office = require_office(office_id)
        except AppError:
            errors.append(FieldError("office_id", "unknown office", "কার্যালয়টি খুঁজে পাওয়া যায়নি"))
    ward = body.get("ward")
    if isinstance(ward, str) and (digits := ascii_digits(ward).strip()).isascii() and digits.isdigit():
        ward = int(digits)
    if not isinstance(ward, int) or isinstance(ward, bool) or (office and not 1 <= ward <= int(office.wards)):
        top = int(office.wards) if office else "N"
        errors.append(FieldError("ward", f"must be a ward number from 1 to {top}", "সঠিক ওয়ার্ড নম্বর দিন"))
    clean: dict[str, Any] = {}
    if ctype is not None:
        clean, form_errors = validate_form(ctype, body.get("fields"), now_bd().date())
        errors.extend(form_errors)
    if errors or ctype is None or office is None or not isinstance(ward, int):
        raise validation_failed(errors)
    return ctype, office, ward, clean


def apply(actor: Actor, body: dict[str, Any], key: str | None, lambda_context: Any = None) -> dict[str, Any]:
    if not actor.is_citizen and not (actor.is_staff and actor.role == "udc_operator"):
        raise forbidden("only a signed-in citizen, or a UDC operator with the citizen's consent, can apply")
    return idempotency.once("apply", actor.id, key, body, lambda: _apply(actor, body), lambda_context)


def _apply(actor: Actor, body: dict[str, Any]) -> dict[str, Any]:
    ctype, office, ward, clean = _parse_application(body)
    applicant = udc.applicant(actor, body.get("on_behalf_of"))
    attached, applicant = udc.with_papers(actor, applicant, ctype, body.get("papers"))
    checked = identity.check(ctype, clean)
    people_checked = identity.check_people(clean, now_bd().date())
    office_terms = terms(ctype, office.overrides)
    subject = subject_identity(ctype, clean)
    subject_hash = keyed_hash("subject", subject) if subject else None
    now = now_bd()
    stamp = _stamp(now)
    aliases = [keyed_hash("subject", alias) for alias in subject_aliases(subject)] if subject else []
    keys = claim_keys(ctype, aliases, office.office_id, now.date())
    status = "draft" if body.get("draft") is True else workflows().initial
    for _attempt in range(3):
        case_id = codes.new_code()
        case = CaseRecord(
            case_id,
            office_id=office.office_id,
            type_code=ctype.code,
            ward=ward,
            status=status,
            version=1,
            citizen_id=applicant.citizen_id,
            account=applicant.account,
            filed_by={"kind": actor.kind, "id": actor.id, "role": actor.role, "office_id": actor.office_id},
            filer=actor.id if actor.is_staff else None,
            papers=attached,
            identity_check=checked,
            identity_checks=people_checked,
            subject_hash=subject_hash,
            claims=keys,
            fields=clean,
            fee=office_terms.fee(),
            workflow=ctype.workflow,
            signatory=office_terms.signatory,
            created_at=stamp,
            updated_at=stamp,
            due_on=(now.date() + dt.timedelta(days=office_terms.sla_days)).isoformat(),
        )
        for name, value in _index_keys(office.office_id, ward, status, case_id, stamp).items():
            setattr(case, name, value)
        claims = [
            Claim(k, case_id=case_id, office_id=office.office_id, type_code=ctype.code, created_at=stamp) for k in keys
        ]
        event = CaseEvent(
            case_id,
            1,
            action="apply",
            from_status=None,
            to_status=status,
            actor_kind=actor.kind,
            actor_role=actor.role,
            actor_id=actor.id,
            at=stamp,
        )
        try:
            # A UDC filing's scans are written by `consume` (one transaction touches an item once);
            # papers already the applicant's are condition-checked by the case's transaction.
            repo.create(case, claims, event, applicant.consume, papers=applicant.own_papers)
            break
        except repo.CaseIdTaken:
            continue
        except Exception as exc:
            # A refused UDC filing leaves no copy of its scans behind, unless it lost a race for the
            # scan or the code: the winner of a race for the same citizen owns the same object.
            if not isinstance(exc, repo.AlsoRefused):
                applicant.forget_copies()
            refusal = _refusal(ctype, exc)
            if refusal is None:
                raise
            raise refusal from None
    else:  # pragma: no cover - three random 64-bit collisions in a row
        raise AppError("try_again", "could not allocate a tracking number")
    metrics.add_metric(name="ApplicationCreated", unit="Count", value=1)
    logger.info("application created", extra={"case_id": case_id, "office_id": office.office_id, "type": ctype.code})
    return summary(case)


def _refusal(ctype: CertificateType, exc: Exception) -> AppError | None:
    """The answer to a case's creation the transaction refused (None: not a refusal)."""
    if isinstance(exc, repo.PapersRefused):
        return validation_failed([papers.not_theirs(doc) for doc in exc.documents])
    if isinstance(exc, repo.AlsoRefused):
        return udc.code_refused("the citizen's code was already used (or a scan was filed meanwhile)")
    if isinstance(exc, repo.ClaimTaken):
        metrics.add_metric(name="DuplicateRefused", unit="Count", value=1)
        return _duplicate(ctype, exc)
    return None


def _duplicate(ctype: CertificateType, taken: repo.ClaimTaken) -> AppError:
    existing = {
        "tracking_no": codes.display(taken.holder["case_id"]) if taken.holder.get("case_id") else None,
        "office_id": taken.holder.get("office_id"),
        "type": taken.holder.get("type"),
    }
    policy = ctype.policy.get("kind")
    detail = {
        "unique_subject": f"a {ctype.code} certificate or application already exists for this person",
        "conflict_group": "an active certificate or application of a conflicting kind exists; it must be revoked first",
        "renewable": "this certificate was already applied for in this fiscal year",
    }.get(str(policy), "a conflicting application exists")
    return conflict("duplicate_application", detail, existing=existing)


# --- read ----------------------------------------------------------------------------------------


def case_ref(case: CaseRecord) -> CaseRef:
    ctype = catalog().get(case.type_code)
    traits = frozenset({"heir_consent"}) if ctype is not None and ctype.requires_heir_consent else frozenset()
    filed = case.filed_by or {}
    filer = str(filed.get("id") or "") if filed.get("role") == "udc_operator" else ""
    return CaseRef(
        case.status, case.office_id, int(case.ward), case.citizen_id, case.workflow, case.signatory, traits, filer
    )


def _load(actor: Actor, case_id: str, operation: str = "case.read") -> CaseRecord:
    """The case, if the access policy (domain/access.py) lets the actor read it and do `operation`."""
    case = repo.get(path_ids.code(case_id, "Application"))
    relations = case_relations(actor, case_ref(case)) if case is not None else frozenset()
    # A case the caller may not read is reported as missing, so ids cannot be probed.
    if case is None or not may("case.read", relations):
        raise not_found("Application")
    if not may(operation, relations):
        raise forbidden("your role may not do this with this case")
    return case


def load(actor: Actor, case_id: str, operation: str) -> CaseRecord:
    """The case for another service, through the same access policy as every route here."""
    return _load(actor, case_id, operation)


def _status_labels(status: str) -> dict[str, str]:
    info = workflows().statuses[status]
    return {"status_bn": info["label_bn"], "status_en": info["label_en"]}


def summary(case: CaseRecord) -> dict[str, Any]:
    return {
        "id": case.case_id,
        "tracking_no": codes.display(case.case_id),
        "office_id": case.office_id,
        "type": case.type_code,
        "ward": int(case.ward),
        "status": case.status,
        **_status_labels(case.status),
        "version": int(case.version),
        "fee": case.fee,
        "created_at": case.created_at,
        "updated_at": case.updated_at,
        "due_on": case.due_on,
        "certificate_no": case.certificate_no,
    }


def is_overdue(case: CaseRecord, today: str) -> bool:
    """Past the charter's time limit and still waiting on the office."""
    return case.status not in ("approved", "issued", "rejected", "cancelled", "revoked") and case.due_on < today


def _event_view(e: CaseEvent) -> dict[str, Any]:
    view = {
        "seq": int(e.seq),
        "action": e.action,
        "from": e.from_status,
        "to": e.to_status,
        "by": {"kind": e.actor_kind, "role": e.actor_role},
        "note": e.note,
        "paper": e.paper,
        "at": e.at,
    }
    if e.action == "pay":  # the note is the gateway's own text (kept for audit); this is for people
        view["method"] = method_of_note(e.note)
    return view


def _detail(actor: Actor, case: CaseRecord, events: list[CaseEvent]) -> dict[str, Any]:
    relations = case_relations(actor, case_ref(case))
    return {
        **summary(case),
        "fields": case.fields,
        "filed_by": case.filed_by,
        "signatory": case.signatory,
        "identity_check": _identity_view(actor, case.identity_check),
        "identity_checks": case.identity_checks if may("case.identity_checks", relations) else None,
        "payment": case.payment,
        "papers": papers.links(case) if actor.is_staff else case.papers,
        "papers_status": papers.states(case, actor.is_staff),
        "consents": consents.view(case) if case_ref(case).traits else None,
        "consent_exception": case.consent_exception,
        "escalated_at": case.escalated_at,
        "escalated_to": case.escalated_to,
        "overdue": is_overdue(case, now_bd().date().isoformat()),
        "timeline": [_event_view(e) for e in events],
        "actions": workflows().available(case_ref(case), actor),
    }


def _identity_view(actor: Actor, check: dict[str, Any] | None) -> dict[str, Any] | None:
    """Officials see what the registry holds; the applicant only whether and where it differs, so
    typing someone else's NID and birth date never reveals that person's record."""
    if check is None or actor.is_staff:
        return check
    return {k: v for k, v in check.items() if k != "registry"}


def get(actor: Actor, case_id: str) -> dict[str, Any]:
    case = _load(actor, case_id)
    if actor.is_staff:
        # Officials read personal data on a legal basis; the citizen sees each such access.
        who = {"kind": "staff", "id": actor.id, "name_en": actor.role}
        about = {"case_id": case.case_id, "type_code": case.type_code, "office_id": case.office_id}
        certificates.log_access(case.citizen_id, who, "case review", case.certificate_no, "viewed", about)
    return _detail(actor, case, repo.timeline(case.case_id))


# --- act -----------------------------------------------------------------------------------------


def _parse_action(body: dict[str, Any]) -> tuple[str, int, str | None]:
    errors = []
    action, version, note = body.get("action"), body.get("version"), body.get("note")
    if not isinstance(action, str) or not action:
        errors.append(FieldError("action", "is required", "কাজটি উল্লেখ করুন"))
    if not isinstance(version, int) or isinstance(version, bool):
        errors.append(FieldError("version", "is required: the version you last read", "সংস্করণ নম্বর দিন"))
    if note is not None and not isinstance(note, str):
        errors.append(FieldError("note", "must be text", "মন্তব্য লেখা হিসেবে দিন"))
    if errors:
        raise validation_failed(errors)
    return str(action), int(version), note  # type: ignore[arg-type]


def act(actor: Actor, case_id: str, body: dict[str, Any]) -> dict[str, Any]:
    action, version, note = _parse_action(body)
    if action == "waive_paper":  # it names a paper: its own route
        raise validation_failed(
            [FieldError("action", "waive a paper at /papers/{code}/waiver", "কাগজ মওকুফ কাগজের তালিকা থেকে করুন")]
        )
    case = _load(actor, case_id, "case.act")
    step = workflows().plan(case_ref(case), action, actor, note)
    if version != int(case.version):
        raise conflict("stale_version", f"the case is at version {case.version}; reload it", version=int(case.version))
    changes: dict[str, Any] = {}
    also: Callable[[TransactWrite], None] | None = None
    if step.guard == "heir_consent" and "heir_consent" in case_ref(case).traits:
        consents.check_complete(case)
    if step.guard == "papers":
        papers.require(case)
    if action == "record_payment":
        changes["payment"], also = payments.cash(case, actor, step.note)
    if action == "record_consent_exception":
        changes["consent_exception"] = {"by": actor.id, "note": step.note, "at": _stamp(now_bd())}
    if action == "resubmit":
        changes["consent_exception"] = None  # a revised list of heirs is consented to afresh
    if action == "resubmit" and "fields" in body:
        changes["fields"] = _revised_fields(case, body["fields"])
        changes["identity_checks"] = identity.check_people(changes["fields"], now_bd().date())  # a revised list
    if step.to_status == "revoked":
        also = _revocation(case, step.note, _reason_code(body))
    move(case, step, actor, changes, also)
    return summary(case) | {"actions": workflows().available(case_ref(case), actor)}


def move(
    case: CaseRecord,
    step: Step,
    actor: Actor,
    changes: dict[str, Any] | None = None,
    also: Callable[[TransactWrite], None] | None = None,
    paper: str | None = None,
) -> None:
    """Apply a planned step as one conditional transaction (case, timeline event, released claims,
    and `also`'s writes); updates `case` in place. Stale → 409. `paper`: the document code the
    event is about (a waiver)."""
    stamp = _stamp(now_bd())
    updates: dict[str, Any] = {"status": step.to_status, **(changes or {})}
    updates.update(updated_at=stamp, **_index_keys(case.office_id, int(case.ward), step.to_status, case.case_id, stamp))
    escalated = case.escalated_at or updates.get("escalated_at")
    updates["due_key"] = f"due#{case.due_on}" if step.to_status in WAITING_ON_OFFICE and not escalated else None
    release = [str(key) for key in case.claims or []] if step.releases_claims else []
    if release:
        updates["claims"] = []
    event = CaseEvent(
        case.case_id,
        int(case.version) + 1,
        action=step.action,
        from_status=step.from_status,
        to_status=step.to_status,
        actor_kind=actor.kind,
        actor_role=actor.role,
        actor_id=actor.id,
        note=step.note,
        paper=paper,
        at=stamp,
    )
    try:
        repo.transition(case, step.from_status, updates, release, event, also)
    except repo.StaleCase:
        raise conflict("stale_version", "the case changed while you were acting; reload it") from None
    metrics.add_metric(name=f"Action_{step.action}", unit="Count", value=1)
    logger.info("case moved", extra={"case_id": case.case_id, "action": step.action, "to": step.to_status})
    for name, value in updates.items():
        setattr(case, name, value)
    case.version = int(case.version) + 1


def _reason_code(body: dict[str, Any]) -> str:
    """The revocation's published category (the status list carries it; the reason's text does not)."""
    code = body.get("reason_code", "other")
    if code not in REVOCATION_REASONS:
        raise validation_failed(
            [FieldError("reason_code", f"one of {', '.join(REVOCATION_REASONS)}", "বাতিলের কারণের ধরন সঠিক নয়")]
        )
    return str(code)


def _revocation(case: CaseRecord, reason: str, code: str) -> Callable[[TransactWrite], None]:
    record = certificates.get(case.certificate_no) if case.certificate_no else None
    if record is None:
        raise conflict("no_certificate", "this case has no issued certificate to revoke")
    at = _stamp(now_bd())
    return lambda tx: certificates.add_revocation(tx, record, reason, at, code)


def revoke_certificate(actor: Actor, certificate_no: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST /v1/certificates/{no}/revoke: the signatory's 'revoke' action on the certificate's case."""
    record = certificates.get(path_ids.code(certificate_no, "Certificate"))
    if record is None:
        raise not_found("Certificate")
    case = _load(actor, record.case_id, "case.act")  # its readers; the workflow lets the signatory
    reason = body.get("reason")
    if unsafe := text_errors(body, ("reason",)):
        raise validation_failed(unsafe)
    code = _reason_code(body)
    step = workflows().plan(case_ref(case), "revoke", actor, reason if isinstance(reason, str) else None)
    at = _stamp(now_bd())
    move(case, step, actor, None, lambda tx: certificates.add_revocation(tx, record, step.note, at, code))
    return {"certificate_no": codes.display(record.certificate_no), "status": "revoked", "case": summary(case)}


def _revised_fields(case: CaseRecord, fields: Any) -> dict[str, Any]:
    ctype = catalog().get(case.type_code)
    assert ctype is not None
    clean, errors = validate_form(ctype, fields, now_bd().date())
    if errors:
        raise validation_failed(errors)
    identity = subject_identity(ctype, clean)
    if (keyed_hash("subject", identity) if identity else None) != case.subject_hash:
        raise validation_failed(
            [
                FieldError(
                    "fields",
                    "the person the certificate is about cannot change; apply anew",
                    "যাঁর সনদ, তাঁর পরিচয় বদলানো যাবে না",
                )
            ]
        )
    return clean


def pay(actor: Actor, case_id: str, body: dict[str, Any], key: str | None, context: Any = None) -> dict[str, Any]:
    return payments.start(actor, _load(actor, case_id, "case.pay"), body, key, context)


def payment_receipt(actor: Actor, case_id: str) -> dict[str, Any]:
    return payments.receipt(_load(actor, case_id, "case.payment_receipt"))


def certificate_link(actor: Actor, case_id: str) -> dict[str, Any]:
    """GET /v1/applications/{id}/certificate: a short-lived link to the issued PDF (its readers)."""
    case = _load(actor, case_id, "case.certificate")
    record = certificates.get(case.certificate_no) if case.certificate_no else None
    if record is None:
        raise conflict("not_issued", "the certificate has not been issued yet", case_status=case.status)
    seconds = settings().pdf_link_seconds
    url = storage.pdf_link(record.pdf_key, record.pdf_version, seconds)
    return {"certificate_no": codes.display(record.certificate_no), "url": url, "expires_in": seconds}
