"""Sign-in: citizens by mobile number + SMS code, officials by username + password; bearer tokens.

Tokens are JWTs (HS256, PyJWT) signed with a key kept in Secrets Manager. Passwords are argon2id
(argon2-cffi). OTP codes are stored only as keyed hashes, expire, and allow a few attempts.
"""

from __future__ import annotations

import hmac
import secrets
import time
import uuid
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError

from chalicelib.adapters import accounts, sms
from chalicelib.adapters.accounts import CitizenAccount, StaffMember
from chalicelib.adapters.keys import app_keys, keyed_hash
from chalicelib.config import settings
from chalicelib.domain.bangla import bn_digits
from chalicelib.domain.canonical import fold, normalise_phone
from chalicelib.domain.catalog import sms_texts
from chalicelib.domain.clock import utc_stamp
from chalicelib.domain.errors import FieldError, unauthorized, validation_failed
from chalicelib.domain.throttle import Budget, Caller
from chalicelib.observability import logger, metrics
from chalicelib.services import throttle

ISSUER = "sonod-sheba"
AUDIENCE = "sonod-sheba-api"
OTP_WINDOW_SECONDS = 3600


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    # Verifying against this when the username is unknown keeps timing equal for both cases.
    return _hasher().hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def phone_or_error(raw: Any) -> str:
    phone = normalise_phone(raw) if isinstance(raw, str) else None
    if phone is None:
        raise validation_failed(
            [FieldError("phone", "must be a Bangladeshi mobile number (01XXXXXXXXX)", "সঠিক মোবাইল নম্বর দিন")]
        )
    return phone


def _otp_hash(key: str, code: str) -> str:
    return keyed_hash("otp", f"{key}:{code}")


def _typed_code_hash(key: str, code: str) -> str:
    """The hash of a code as a person typed it: one rule for every check of a code."""
    return _otp_hash(key, fold(code))


def one_time_code() -> str:
    """Six random digits (sign-in, UDC consent, heir consent)."""
    return f"{secrets.randbelow(10**6):06d}"


def send_code(
    key: str,
    phone: str,
    purpose: str,
    text_for: Callable[[str], str],
    ttl: int,
    budgets: Sequence[Budget] = (),
) -> None:
    """Send a one-time code by SMS; only its keyed hash is stored under `key` (one row per
    purpose and number: sign-in, a UDC operator's filing consent). The send counts against the
    number's hourly sends and against `budgets` (`hits` budgets: an address, an operator) in the
    same write: a refused send counts nowhere."""
    s = settings()
    code = one_time_code()
    now = int(time.time())
    try:
        accounts.store_otp(
            key, _otp_hash(key, code), now, ttl, OTP_WINDOW_SECONDS, s.otp_max_sends_per_hour,
            throttle.hit_rows(budgets, now),
        )  # fmt: skip
    except accounts.OtpRefused as refusal:
        if refusal.budget is None:
            per_number = Budget("otp-number", key, s.otp_max_sends_per_hour, OTP_WINDOW_SECONDS, "hits")
            raise throttle.hit_refused(per_number, now, "too many codes were sent to this number") from None
        raise throttle.hit_refused(budgets[refusal.budget], now, "too many codes were sent from here") from None
    sms.sender().send(phone, text_for(bn_digits(code)), purpose=purpose)
    metrics.add_metric(name="OtpSent", unit="Count", value=1)


def check_code(key: str, code: str) -> str:
    """Spend one attempt at the code pending under `key`; 401 when it is wrong, spent or expired.
    Returns the code's stored hash: the caller consumes the code (conditionally on that hash) in
    the same write as what it guards, so a code serves once even under concurrent requests."""
    challenge = accounts.spend_otp_attempt(key, int(time.time()), settings().otp_max_attempts)
    if challenge is None:
        raise unauthorized("no valid code is pending for this number; request a new one")
    if not hmac.compare_digest(challenge.code_hash, _typed_code_hash(key, code)):
        metrics.add_metric(name="OtpRejected", unit="Count", value=1)
        raise unauthorized("the code is not correct")
    return str(challenge.code_hash)


def _use_sign_in_code(phone_hash: str, code: str, caller: Caller) -> None:
    """The sign-in code, checked against the address's wrong codes too: the pending code is read
    with them in one call; a right one is spent in the write that checks it, a wrong one spends
    an attempt and counts against the address (3 calls either way with the sign-in itself)."""
    s, now = settings(), int(time.time())
    budgets = throttle.per_address("otp-verify", caller, s.otp_failures_per_address_per_hour)
    tries = throttle.attempt(budgets, "too many wrong codes from this address", also=[accounts.otp_item(phone_hash)])
    challenge = tries.items[0]
    wanted = _typed_code_hash(phone_hash, code)
    if challenge is not None and hmac.compare_digest(challenge.code_hash, wanted):
        if accounts.use_otp(phone_hash, wanted, now, s.otp_max_attempts, OTP_WINDOW_SECONDS):
            return
    elif challenge is not None and accounts.spend_otp_attempt(phone_hash, now, s.otp_max_attempts) is not None:
        tries.failed()
        metrics.add_metric(name="OtpRejected", unit="Count", value=1)
        raise unauthorized("the code is not correct")
    tries.failed()
    raise unauthorized("no valid code is pending for this number; request a new one")


def request_otp(body: dict[str, Any], caller: Caller) -> None:
    s = settings()
    phone = phone_or_error(body.get("phone"))
    minutes = bn_digits(s.otp_ttl_seconds // 60)
    text = sms_texts()["otp_login"]
    send_code(
        keyed_hash("phone", phone),
        phone,
        "otp_login",
        lambda code: text.format(code=code, minutes=minutes),
        s.otp_ttl_seconds,
        throttle.per_address("otp-send", caller, s.otp_sends_per_address_per_hour, kind="hits"),
    )


def verify_otp(body: dict[str, Any], caller: Caller) -> dict[str, Any]:
    phone = phone_or_error(body.get("phone"))
    phone_hash = keyed_hash("phone", phone)
    _use_sign_in_code(phone_hash, str(body.get("code", "")), caller)
    citizen = citizen_account(phone)
    logger.info("citizen signed in", extra={"citizen_id": citizen.citizen_id})
    return issue_token({"sub": citizen.citizen_id, "kind": "citizen", "role": "citizen", "acct": phone_hash})


def citizen_account(phone: str) -> CitizenAccount:
    """The lifetime account of this number, created on first use."""
    now = utc_stamp()
    return accounts.ensure_citizen(keyed_hash("phone", phone), phone, "c_" + uuid.uuid4().hex, now)


def sign_in_budget(username: str) -> Budget:
    """An account's failed sign-ins: back-off after a few, then locked until an admin lifts it
    (POST /v1/offices/{id}/staff/{username}/unlock) or the lock-out lapses."""
    s = settings()
    return Budget(
        "login-account",
        username,
        s.login_lockout_failures,
        s.login_lockout_seconds,
        backoff_after=s.login_backoff_after,
        resets_on_success=True,
        lockout_advice=(
            "this username is locked after too many failed sign-ins; your office admin"
            " (or, for an office admin, LGD) can unlock it",
            "বারবার ভুল পাসওয়ার্ডের কারণে এই ব্যবহারকারী নাম লক করা হয়েছে; আপনার অফিস অ্যাডমিন"
            " (অফিস অ্যাডমিনের জন্য এলজিডি) এটি খুলে দিতে পারেন",
        ),
    )


def login(body: dict[str, Any], caller: Caller) -> dict[str, Any]:
    """Checked against the account's and the address's failures before the password is tried: a
    refused attempt (429) never tells whether its password was right. One read for the account
    and its counters, one write that counts the attempt as failed in advance, one that gives it
    back on success: 3 AWS calls."""
    username, password = body.get("username"), body.get("password")
    if not isinstance(username, str) or not isinstance(password, str) or not username or not password:
        raise validation_failed(
            [FieldError("username", "username and password are required", "ব্যবহারকারী নাম ও পাসওয়ার্ড দিন")]
        )
    name = username.strip().lower()
    by_address = throttle.per_address("login-address", caller, settings().login_failures_per_address_per_hour)
    own = sign_in_budget(name)
    tries = throttle.attempt([own, *by_address], "too many failed sign-ins", also=[accounts.staff_item(name)])
    tries.reserve()  # parallel guesses cannot outrun the lock-out
    account = tries.items[0]
    if not password_matches(account, password) or account is None or not account.active:
        metrics.add_metric(name="LoginRejected", unit="Count", value=1)
        if own in tries.failed():
            _locked_out(account)
        raise unauthorized("username or password is not correct")
    tries.succeeded()
    return staff_token(account)


def _locked_out(account: StaffMember | None) -> None:
    """Logged for the admins who lift it: the office and role, never the username (an office may
    choose usernames that name a person) nor the address."""
    metrics.add_metric(name="StaffLockedOut", unit="Count", value=1)
    logger.warning(
        "staff account locked out after failed sign-ins",
        extra={
            "office_id": account.office_id if account else None,
            "role": account.role if account else None,
            "known_account": account is not None,
        },
    )


def staff_token(account: StaffMember) -> dict[str, Any]:
    """A token for an official, and whether they must first choose their own password."""
    claims = {
        "sub": account.username,
        "kind": "staff",
        "role": account.role,
        "office_id": account.office_id,
        "ward": int(account.ward) if account.ward is not None else None,
        "cv": int(account.credentials_version or 0),  # a password change makes older tokens stale
    }
    return {**issue_token(claims), "must_change_password": bool(account.must_change_password)}


def password_matches(account: StaffMember | None, password: Any) -> bool:
    """argon2id check; an unknown account costs the same time as a known one."""
    if not isinstance(password, str):
        return False
    try:
        _hasher().verify(account.password_hash if account else _dummy_hash(), password)
    except VerificationError:
        return False
    return account is not None


def issue_token(claims: dict[str, Any]) -> dict[str, Any]:
    ttl = settings().token_ttl_seconds
    now = int(time.time())
    payload = {**claims, "iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + ttl}
    token = jwt.encode(payload, app_keys().token_signing_key, algorithm="HS256")
    return {"access_token": token, "token_type": "Bearer", "expires_in": ttl}


def read_token(token: str) -> dict[str, Any] | None:
    """The token's claims if it is genuine and current, else None."""
    try:
        return jwt.decode(
            token,
            app_keys().token_signing_key,
            algorithms=["HS256"],
            audience=AUDIENCE,
            issuer=ISSUER,
            options={"require": ["exp", "iat", "sub"]},
        )
    except jwt.PyJWTError:
        return None
