"""Union Digital Centre filing (DESIGN §3): an operator applies for a citizen who is present and
confirms with a code sent to their own phone. The case belongs to the citizen (their lifetime
account, their SMS notices) and records who filed it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from chalicelib.adapters.case_writes import FileScan, Side, SpendConsentCode
from chalicelib.adapters.keys import keyed_hash
from chalicelib.config import settings
from chalicelib.domain.actors import Actor
from chalicelib.domain.bangla import bn_digits
from chalicelib.domain.catalog import CertificateType, sms_texts
from chalicelib.domain.errors import AppError, FieldError, Kind, forbidden, validation_failed
from chalicelib.domain.throttle import Budget
from chalicelib.services.auth import check_code, citizen_account, phone_or_error, send_code
from chalicelib.services.throttle import DAY, HOUR


@dataclass(frozen=True)
class Applicant:
    citizen_id: str
    account: str  # keyed hash of the phone: the citizen's account row and where notices go
    consent_key: str | None = None  # the UDC consent code, consumed in the case's own transaction
    consent_hash: str = ""
    papers_moved: tuple[FileScan, ...] = ()  # counter scans becoming the citizen's
    own_papers: dict[str, str] | None = None  # papers already the citizen's: checked in the case's transaction
    papers_undo: Callable[[], None] | None = None  # a refused filing takes its scans' copies back

    def forget_copies(self) -> None:
        if self.papers_undo is not None:
            self.papers_undo()

    @property
    def side(self) -> tuple[Side, ...]:
        """What the filing's transaction also writes: the consent code spent, the scans filed."""
        spent: tuple[Side, ...] = (SpendConsentCode(self.consent_key, self.consent_hash),) if self.consent_key else ()
        return spent + self.papers_moved


def code_refused(detail: str) -> AppError:
    """A wrong, spent or expired consent code is the operator's input to fix, not their sign-in:
    a 422 on the code (a 401 would end the operator's own session in the web app)."""
    return validation_failed(
        [
            FieldError(
                "on_behalf_of.code",
                f"{detail}; ask the citizen for the code again, or send a new one",
                "কোডটি সঠিক নয় বা মেয়াদ শেষ; নাগরিকের কাছ থেকে কোডটি আবার শুনুন বা নতুন কোড পাঠান",
            )
        ]
    )


def _require_operator(actor: Actor) -> None:
    from chalicelib.services.staff import current_account

    if not (actor.is_staff and actor.role == "udc_operator"):
        raise forbidden("only a UDC operator files for a citizen")
    current_account(actor)  # a deactivated operator's token files nothing


def _consent_key(actor: Actor, phone: str) -> str:
    return keyed_hash("udc-consent", f"{actor.id}:{phone}")


def request_consent(actor: Actor, body: dict[str, Any]) -> dict[str, Any]:
    """POST /v1/udc/consent-codes {phone}: the citizen gets a code to give the operator."""
    _require_operator(actor)
    phone = phone_or_error(body.get("phone"))
    ttl = settings().otp_ttl_seconds * 2  # the citizen reads it out at the counter
    text = sms_texts()["udc_filing_consent"]
    minutes = bn_digits(ttl // 60)
    s = settings()
    per_operator = [
        Budget("udc-consent-hour", actor.id, s.udc_consent_sms_per_hour, HOUR, "hits"),
        Budget("udc-consent-day", actor.id, s.udc_consent_sms_per_day, DAY, "hits"),
    ]
    send_code(
        _consent_key(actor, phone),
        phone,
        "udc_filing_consent",
        lambda c: text.format(code=c, minutes=minutes),
        ttl,
        per_operator,
    )
    return {"sent": True, "expires_in": ttl}


def applicant(actor: Actor, on_behalf_of: Any) -> Applicant:
    """Whose application this is: the signed-in citizen, or the consenting citizen of a UDC filing."""
    if actor.is_citizen:
        if on_behalf_of is not None:
            raise validation_failed([FieldError("on_behalf_of", "only a UDC operator files for another person")])
        return Applicant(actor.id, actor.account)
    _require_operator(actor)
    if not isinstance(on_behalf_of, dict):
        raise validation_failed(
            [FieldError("on_behalf_of", "the citizen's phone and the code they received", "নাগরিকের মোবাইল ও কোড দিন")]
        )
    phone = phone_or_error(on_behalf_of.get("phone"))
    key = _consent_key(actor, phone)
    try:
        code_hash = check_code(key, str(on_behalf_of.get("code", "")))
    except AppError as err:
        if err.kind is not Kind.UNAUTHORIZED:
            raise
        raise code_refused(err.detail) from None
    citizen = citizen_account(phone)
    return Applicant(citizen.citizen_id, citizen.phone_hash, key, code_hash)


def with_papers(actor: Actor, who: Applicant, ctype: CertificateType, chosen: Any) -> tuple[dict[str, str], Applicant]:
    """The application's papers: the citizen's own, or (a UDC filing, its code already checked)
    the scans of the operator's counter, which become the citizen's in the case's transaction."""
    from chalicelib.services import papers

    if not who.consent_key:
        attached = papers.attach(who.citizen_id, ctype, chosen)
        return attached, replace(who, own_papers=attached)
    counter = papers.from_counter(actor, who.citizen_id, ctype, chosen)
    return counter.attached, replace(who, papers_moved=counter.scans, own_papers=counter.own, papers_undo=counter.undo)
