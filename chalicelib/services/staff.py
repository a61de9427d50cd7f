"""An office's staff who do not sign: secretaries, office admins and UDC operators (DESIGN §3).

Office admins run their own office's secretaries and UDC operators; LGD's admins run every office
and appoint office admins. Signing seats (the head, ward members) change hands only through a
handover (services/administration.py), which also moves the signing key.
"""

from __future__ import annotations

import time
from typing import Any

from chalicelib.adapters import accounts
from chalicelib.adapters import offices as office_repo
from chalicelib.adapters import signing_keys as key_repo
from chalicelib.adapters.accounts import StaffMember
from chalicelib.adapters.offices import Office
from chalicelib.domain import passwords, path_ids
from chalicelib.domain.actors import Actor, is_national_admin
from chalicelib.domain.canonical import is_unsafe_text, text_errors
from chalicelib.domain.clock import utc_stamp
from chalicelib.domain.errors import (
    AppError,
    FieldError,
    conflict,
    forbidden,
    not_found,
    unauthorized,
    validation_failed,
)
from chalicelib.domain.revenue.access import REVENUE_ROLES
from chalicelib.observability import logger, metrics
from chalicelib.services import throttle
from chalicelib.services.auth import hash_password, sign_in_budget
from chalicelib.services.offices import require_office

USERNAME = path_ids.USERNAME
OFFICE_ROLES = ("secretary", "udc_operator", "office_admin", *REVENUE_ROLES)
SIGNING_ROLES = ("signatory", "ward_member")
# How a list reads: who signs first, then wards in order, then the office's own staff.
ROLE_ORDER = ("signatory", "ward_member", "secretary", "office_admin", "udc_operator", *REVENUE_ROLES)
NATIONAL = "lgd"  # LGD's own accounts (admins, monitors) belong to this office id


def _version() -> int:
    return time.time_ns() // 1_000_000


def current_account(actor: Actor, *, pending_password: bool = False) -> accounts.Standing | None:
    """The official's account standing, if their token still speaks for it: the account is
    active, its password has not changed since the token was issued, and (unless
    `pending_password`) they have chosen their own password. Every protected route asks this
    before its view runs (the `account_standing` middleware, api/http.py). The standing is read
    consistently and kept for `account_cache_seconds` per container (decision 41). None for a
    citizen (no password) and for an operator's command, which has no account (it runs with the
    stage's credentials)."""
    if actor.kind == "operator" or actor.is_citizen:
        return None
    account = accounts.standing(actor.id) if actor.is_staff else None
    # 401, not 403: the token no longer speaks for anyone, and clients sign in again on a 401.
    if account is None or not account.active:
        raise unauthorized("this account was handed over or deactivated; sign in as the current holder")
    if actor.credentials != account.credentials_version:
        raise unauthorized("the password of this account changed after you signed in; sign in again")
    if account.must_change_password and not pending_password:
        raise AppError("password_change_required", "someone else chose this password: POST /v1/auth/password")
    return account


def require_office_admin(actor: Actor, office_id: str) -> Office:
    """The office, if the caller is its admin or LGD's, with a token that still speaks for them."""
    own = actor.is_staff and actor.role == "office_admin" and actor.office_id == office_id
    if not (own or is_national_admin(actor)):
        raise forbidden("only this office's admin (or LGD) may run it")
    current_account(actor)
    return require_office(office_id)


def _require_manager(actor: Actor, office_id: str) -> None:
    """Staff of an office: its admin or LGD's; LGD's own accounts (admins, monitors): LGD's admins."""
    if office_id != NATIONAL:
        require_office_admin(actor, office_id)
        return
    if not is_national_admin(actor):
        raise forbidden("only LGD's admins manage LGD's accounts")
    current_account(actor)


def _username_errors(username: Any, office_id: str) -> list[FieldError]:
    """Usernames name the office and the role (decision 38): one that begins with another office's
    id (`union-2.secretary` made by union-1) would pass for that office's staff."""
    if not isinstance(username, str) or not USERNAME.fullmatch(username):
        return [FieldError("username", "3–64 lowercase letters, digits, '.' or '-'", "ব্যবহারকারী নাম সঠিক নয়")]
    prefix = username.split(".", 1)[0]
    if prefix != office_id and (prefix == NATIONAL or office_repo.get(prefix) is not None):
        return [
            FieldError(
                "username",
                f"begins with another office's id ({prefix}): use {office_id}.<role> or a name of this office",
                "ব্যবহারকারী নাম অন্য অফিসের আইডি দিয়ে শুরু হতে পারে না",
            )
        ]
    return []


def _account_errors(office_id: str, body: dict[str, Any]) -> list[FieldError]:
    username, password = body.get("username"), body.get("password")
    errors = _username_errors(username, office_id)
    errors += passwords.problems(password, username if isinstance(username, str) else "", office_id)
    for name in ("name_bn", "name_en"):
        if not isinstance(body.get(name), str) or not 2 <= len(body[name].strip()) <= 100:
            errors.append(FieldError(name, "the person's name (2–100 characters)", "নাম লিখুন"))
    return errors


def new_account(
    office_id: str, role: str, ward: int | None, body: dict[str, Any], errors: list[FieldError] | None = None
) -> StaffMember:
    """A checked new account (password hashed); raises 422 with every problem at once, `errors`
    (the caller's own findings) included."""
    errors = [
        *(errors or []),
        *_account_errors(office_id, body),
        *text_errors(body, ("name_bn", "name_en", "designation_bn")),
    ]
    if errors:
        raise validation_failed(errors)
    return StaffMember(
        str(body["username"]),
        password_hash=hash_password(str(body["password"])),
        role=role,
        office_id=office_id,
        ward=ward,
        name_bn=body["name_bn"].strip(),
        name_en=body["name_en"].strip(),
        designation_bn=str(body.get("designation_bn") or "")[:100],
        must_change_password=True,  # chosen by an admin or an operator: theirs at the next sign-in
    )


def _office_role(actor: Actor, body: dict[str, Any], office: Office) -> str:
    role = body.get("role")
    if role in REVENUE_ROLES and office.kind == "union":
        detail = "a union has no assessor or tax collector: its secretary does the revenue work"
        raise validation_failed([FieldError("role", detail, "ইউনিয়নে কর নির্ধারক বা কর আদায়কারী নেই; সচিব এ কাজ করেন")])
    if role in SIGNING_ROLES:
        detail = "signing seats change hands by handover: POST /v1/offices/{office_id}/signatories"
        raise validation_failed([FieldError("role", detail, "স্বাক্ষরকারী পরিবর্তন হস্তান্তরের মাধ্যমে হয়")])
    if role not in OFFICE_ROLES:
        raise validation_failed([FieldError("role", f"one of {', '.join(OFFICE_ROLES)}", "পদ সঠিক নয়")])
    if role == "office_admin" and not is_national_admin(actor):
        raise forbidden("only LGD appoints an office's admins")
    return str(role)


def create(actor: Actor, office_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST /v1/offices/{id}/staff."""
    office = require_office_admin(actor, office_id)
    role = _office_role(actor, body, office)
    account = new_account(office_id, role, None, body)
    if not accounts.create_staff(account):
        raise conflict("username_taken", "this username is taken; choose another")
    metrics.add_metric(name="StaffMemberCreated", unit="Count", value=1)
    logger.info("staff account created", extra={"office_id": office_id, "role": role, "by": actor.id})
    return view(account)


def view(account: StaffMember) -> dict[str, Any]:
    """What an admin sees of an account: never its password hash."""
    return {
        "username": account.username,
        "role": account.role,
        "office_id": account.office_id,
        "ward": None if account.ward is None else int(account.ward),
        "name_bn": account.name_bn,
        "name_en": account.name_en,
        "designation_bn": account.designation_bn,
        "active": bool(account.active),
        "retired_at": account.retired_at,
        "retired_reason": account.retired_reason,
        "must_change_password": bool(account.must_change_password),
    }


def list_staff(actor: Actor, office_id: str) -> dict[str, Any]:
    """GET /v1/offices/{id}/staff: active first, then by role (signatories first), ward, username."""
    _require_manager(actor, office_id)
    rank = {role: i for i, role in enumerate(ROLE_ORDER)}
    people = sorted(
        accounts.staff_of_office(office_id),
        key=lambda s: (not s.active, rank.get(s.role, len(rank)), int(s.ward or 0), s.username),
    )
    keyed = key_repo.holders_with_keys([s.username for s in people if s.role in SIGNING_ROLES])
    items = [{**view(s), "signs": bool(s.active) and s.username in keyed} for s in people]
    return {"items": items, "next_cursor": None}


def _member(actor: Actor, office_id: str, username: str) -> StaffMember:
    username = path_ids.plain(username, path_ids.USERNAME, "Staff account")
    _require_manager(actor, office_id)
    account = accounts.staff(username)
    if account is None or account.office_id != office_id:
        raise not_found("Staff account")
    return account


def deactivate(actor: Actor, office_id: str, username: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST /v1/offices/{id}/staff/{username}/deactivate {reason}: they can no longer sign in;
    their record and everything they did stay."""
    account = _member(actor, office_id, username)
    reason = body.get("reason")
    if not isinstance(reason, str) or not 2 <= len(reason.strip()) <= 200 or is_unsafe_text(reason):
        raise validation_failed([FieldError("reason", "why (2–200 characters)", "কারণ লিখুন")])
    if account.role in SIGNING_ROLES:
        raise conflict("signing_seat", "a signatory or ward member leaves by handover to the next holder")
    if account.role == "office_admin" and not is_national_admin(actor):
        raise forbidden("only LGD removes an office's admins")
    if username == actor.id:
        raise conflict("own_account", "you cannot deactivate your own account")
    retired = accounts.retire_staff(account, utc_stamp(), reason.strip())
    if retired is None:
        raise conflict("already_inactive", "this account is already deactivated")
    logger.info("staff account deactivated", extra={"office_id": office_id, "role": account.role, "by": actor.id})
    return view(retired)


def reset_password(actor: Actor, office_id: str, username: str, body: dict[str, Any]) -> dict[str, Any]:
    """PUT /v1/offices/{id}/staff/{username}/password: an admin sets a new password (the person
    forgot theirs); tell them in person, never by SMS. They choose their own at the next sign-in."""
    account = _member(actor, office_id, username)
    if username == actor.id:
        raise forbidden("change your own password with POST /v1/auth/password (it asks for the current one)")
    if account.role in (*SIGNING_ROLES, "office_admin") and not is_national_admin(actor):
        # An office admin who could set the chairman's password could sign in as the chairman.
        raise forbidden("only LGD resets the password of a signatory, ward member or office admin")
    password = body.get("password")
    if errors := passwords.problems(password, username, office_id):
        raise validation_failed(errors)
    updated = accounts.set_password(account, hash_password(str(password)), chosen_by_them=False, version=_version())
    if updated is None:
        raise conflict("already_inactive", "this account is deactivated")
    metrics.add_metric(name="StaffPasswordReset", unit="Count", value=1)
    logger.info("staff password reset", extra={"office_id": office_id, "role": account.role, "by": actor.id})
    return view(updated)  # as updated (read back from the update)


def unlock(actor: Actor, office_id: str, username: str) -> dict[str, Any]:
    """POST /v1/offices/{id}/staff/{username}/unlock: the admin (of the office, or LGD) lifts a
    sign-in lock-out or back-off; the account's failed sign-ins are forgotten."""
    account = _member(actor, office_id, username)
    throttle.lift(sign_in_budget(account.username))
    metrics.add_metric(name="StaffUnlocked", unit="Count", value=1)
    logger.info("staff account unlocked", extra={"office_id": office_id, "role": account.role, "by": actor.id})
    return {**view(account), "unlocked": True}


def change_own_password(actor: Actor, body: dict[str, Any]) -> StaffMember:
    """POST /v1/auth/password {current_password, new_password}: an official chooses their own;
    tokens issued before stop acting (the answer carries a new one)."""
    from chalicelib.services.auth import password_matches

    if not actor.is_staff:
        raise forbidden("only officials have passwords; citizens sign in with a code by SMS")
    current_account(actor, pending_password=True)
    current, new = body.get("current_password"), body.get("new_password")
    errors = passwords.problems(new, actor.id, actor.office_id or "", field="new_password")
    if not errors and new == current:
        errors.append(
            FieldError("new_password", "must differ from the current one", "নতুন পাসওয়ার্ড আগেরটি থেকে আলাদা হতে হবে")
        )
    if errors:
        raise validation_failed(errors)
    # A stolen token must not buy unlimited guesses of the password: the account's sign-in budget.
    own = [sign_in_budget(actor.id)]
    tries = throttle.attempt(own, "too many wrong passwords", also=[accounts.staff_item(actor.id)])
    tries.reserve()
    account = tries.items[0]
    if account is None or not account.active or not password_matches(account, current):
        tries.failed()
        raise forbidden("the current password is not correct")
    tries.succeeded()
    updated = accounts.set_password(account, hash_password(str(new)), chosen_by_them=True, version=_version())
    if updated is None:
        raise forbidden("this account is deactivated")
    logger.info("staff changed their password", extra={"office_id": account.office_id})
    return updated  # as updated: its new credentials version goes into the new token
