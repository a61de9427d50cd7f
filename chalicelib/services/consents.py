"""Heir consent for inheritance cases (DESIGN §5, warish and succession).

When such a case is submitted, every adult heir listed with a mobile number gets an SMS code; the
heir answers with `POST /v1/applications/{id}/consents {phone, code}`. The signatory cannot
approve until every one of them has consented, or the secretary records an exception with a
reason (`record_consent_exception`). A heir added by a resubmission is asked then; nobody is
asked twice.

The SMS carries a short link (`<web>/c#<token>`, issue 12): the token is random (65 bits), is not
the code, and only its keyed hash is stored. Whoever holds the link may read the names on the case
(the deceased and the heirs, nothing else) while it waits for a decision, for `LINK_DAYS`; unknown
tokens count against the caller's address like wrong codes.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
import secrets
import string
import time
from typing import Any

from chalicelib.adapters import cases as cases_repo
from chalicelib.adapters import consents as repo
from chalicelib.adapters.keys import keyed_hash
from chalicelib.config import settings
from chalicelib.domain import codes
from chalicelib.domain.bangla import bn_digits
from chalicelib.domain.canonical import fold, normalise_phone
from chalicelib.domain.case import Case
from chalicelib.domain.catalog import catalog, sms_texts
from chalicelib.domain.changes import CaseChange
from chalicelib.domain.clock import today_bd, utc_stamp
from chalicelib.domain.consent import HeirToAsk, heirs_to_ask, outstanding
from chalicelib.domain.errors import AppError, FieldError, conflict, not_found, unauthorized, validation_failed
from chalicelib.domain.throttle import Caller
from chalicelib.observability import logger, metrics
from chalicelib.services import notifications, throttle
from chalicelib.services.auth import one_time_code

LINK_ALPHABET = string.ascii_letters + string.digits
LINK_LENGTH = 11  # 11 x log2(62) = 65.5 bits; short enough for a one-segment Bengali SMS
LINK_TOKEN = re.compile(f"[A-Za-z0-9]{{{LINK_LENGTH}}}")
LINK_DAYS = 30
# While a case waits for a decision its heirs' answers matter; after it, the link shows nothing.
LINK_OPEN_STATUSES = ("submitted", "ward_verified", "office_verified", "inspected", "changes_requested")


def _today() -> dt.date:
    return today_bd()


def _code_hash(case_id: str, phone: str, code: str) -> str:
    return keyed_hash("consent", f"{case_id}:{phone}:{code}")


def link_url(token: str) -> str:
    """The consent page for `token`, on the web app's public address (where QR codes point too).
    The token is after '#', so it never reaches a server or its logs."""
    return f"{settings().verify_base_url.rstrip('/')}/c#{token}"


def _ask(case_id: str, heir: HeirToAsk, stamp: str) -> bool:
    code = one_time_code()
    token = "".join(secrets.choice(LINK_ALPHABET) for _ in range(LINK_LENGTH))
    heir_key = keyed_hash("phone", heir.phone)
    asked = repo.Ask(
        case_id=case_id,
        heir_key=heir_key,
        phone=heir.phone,
        row=heir.row,
        code_hash=_code_hash(case_id, heir.phone, code),
        requested_at=stamp,
        link_hash=keyed_hash("consent-link", token),
        link_expires_at=int(time.time()) + LINK_DAYS * 24 * 3600,
    )
    text = sms_texts()["heir_consent"].format(
        tracking_no=codes.display(case_id), code=bn_digits(code), link=link_url(token)
    )
    notice = notifications.new_notice(f"consent#{case_id}#{heir_key}", heir.phone, text, "heir_consent")
    if not repo.ask(asked, notice):
        return False
    notifications.attempt(notice)
    return True


def on_case_changes(changes: list[CaseChange]) -> int:
    """The case stream: ask the heirs of an inheritance case once it is submitted."""
    asked = 0
    for change in changes:
        if not change.entered("submitted"):
            continue
        ctype = catalog().get(str(change.new.type_code))
        if ctype is None or not ctype.requires_heir_consent:
            continue
        case_id, fields = str(change.new.case_id), change.new.fields
        stamp = utc_stamp()
        asked += sum(_ask(case_id, heir, stamp) for heir in heirs_to_ask(fields, _today()))
    if asked:
        metrics.add_metric(name="HeirConsentRequested", unit="Count", value=asked)
    return asked


def give(case_id: str, body: dict[str, Any], caller: Caller) -> dict[str, Any]:
    """An heir answers with the code they received. Wrong number or wrong code look the same.
    Wrong answers count against the caller's address too (each heir's code allows 5 tries); the
    consent row is read with the address's failures in one call."""
    case_id = codes.normalise(case_id)
    if not codes.is_valid(case_id):  # cannot be a case: the same answer as a wrong code, before any call
        raise _wrong()
    phone = normalise_phone(str(body.get("phone") or ""))
    code = fold(str(body.get("code") or ""))
    if phone is None or not (code.isascii() and code.isdigit()):
        raise validation_failed(
            [FieldError("code", "phone (01XXXXXXXXX) and the 6-digit code are required", "মোবাইল নম্বর ও কোড দিন")]
        )
    budgets = throttle.per_address("consent", caller, settings().consent_failures_per_address_per_hour)
    row = [repo.consent_read(case_id, keyed_hash("phone", phone))]
    tries = throttle.attempt(budgets, "too many wrong consent codes from this address", also=row)
    consent: repo.Consent | None = tries.items[0]
    # A number that is not an heir's, a wrong code, and tries that ran out all get the same answer,
    # so the endpoint never tells who the heirs are.
    right = consent is not None and hmac.compare_digest(consent.code_hash, _code_hash(case_id, phone, code))
    if consent is not None and consent.state == "given" and right:
        return _answer(case_id, already=True)
    if consent is None or consent.state == "given" or not repo.spend_attempt(consent) or not right:
        metrics.add_metric(name="HeirConsentRejected", unit="Count", value=1)
        tries.failed()
        raise _wrong()
    repo.give(consent, utc_stamp())
    logger.info("heir consented", extra={"case_id": case_id, "row": int(consent.row)})
    return _answer(case_id, already=False)


def open_link(body: dict[str, Any], caller: Caller) -> dict[str, Any]:
    """POST /v1/consent-links {token}: what an heir sees before giving the code — the case's tracking
    number and type, the deceased's name and the heirs' names (no numbers, no dates, no phones).
    An unknown, expired or closed link is a 404, counted against the caller's address."""
    token = body.get("token")
    if not isinstance(token, str):
        raise validation_failed([FieldError("token", "the token from the link is required", "লিংকের টোকেন দিন")])
    if not LINK_TOKEN.fullmatch(token):  # cannot be a link: the same answer as an unknown one, before any call
        raise not_found("Consent link")
    budgets = throttle.per_address("consent-link", caller, settings().consent_failures_per_address_per_hour)
    row = [repo.link_read(keyed_hash("consent-link", token))]
    tries = throttle.attempt(budgets, "too many unknown consent links from this address", also=row)
    link: repo.Link | None = tries.items[0]
    case = cases_repo.get(link.case_id) if link is not None and int(link.expires_at) > time.time() else None
    ctype = catalog().get(case.type_code) if case is not None else None
    if case is None or ctype is None or not ctype.requires_heir_consent or case.status not in LINK_OPEN_STATUSES:
        tries.failed()
        raise not_found("Consent link")
    fields = case.fields or {}
    return {
        "tracking_no": codes.display(case.case_id),
        "type": ctype.code,
        "type_name_bn": ctype.name_bn,
        "type_name_en": ctype.name_en,
        "deceased_name_bn": fields.get("deceased_name_bn"),
        "deceased_name_en": fields.get("deceased_name_en"),
        "heirs": [{"name_bn": heir.get("name_bn")} for heir in fields.get("heirs") or [] if isinstance(heir, dict)],
    }


def _wrong() -> AppError:
    return unauthorized("the phone number or the code is not correct (after 5 tries, ask the office)")


def _answer(case_id: str, already: bool) -> dict[str, Any]:
    return {"tracking_no": codes.display(case_id), "consented": True, "already": already}


def view(case: Case) -> list[dict[str, Any]]:
    """For the case page: which heir rows were asked and which answered (no numbers shown)."""
    return [
        {"row": int(c.row), "state": c.state, "requested_at": c.requested_at, "given_at": c.given_at}
        for c in sorted(repo.of_case(case.case_id), key=lambda c: int(c.row))
    ]


def check_complete(case: Case) -> None:
    """The approve guard: 409 while an adult heir with a phone has not consented (and no exception)."""
    if case.consent_exception:
        return
    given = {c.phone for c in repo.of_case(case.case_id) if c.state == "given"}
    missing = outstanding(heirs_to_ask(case.fields, _today()), given)
    if missing:
        raise conflict(
            "consent_outstanding",
            f"{len(missing)} heir(s) have not consented yet; wait, or record an exception with a reason",
            heir_rows=[heir.row for heir in missing],
        )
