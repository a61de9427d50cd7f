"""Sign-in: citizens by mobile number + SMS code, officials by username + password; bearer tokens.

Tokens are JWTs (HS256, PyJWT) signed with a key kept in Secrets Manager. Passwords are argon2id
(argon2-cffi). OTP codes are stored only as keyed hashes, expire, and allow a few attempts.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
import time
import uuid
from functools import lru_cache
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError

from chalicelib.adapters import accounts, sms
from chalicelib.adapters.keys import app_keys, keyed_hash
from chalicelib.config import settings
from chalicelib.domain.bangla import bn_digits
from chalicelib.domain.catalog import sms_texts
from chalicelib.domain.errors import FieldError, too_many, unauthorized, validation_failed
from chalicelib.domain.forms import normalise_phone
from chalicelib.observability import logger, metrics

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


def _phone_or_error(raw: Any) -> str:
    phone = normalise_phone(raw) if isinstance(raw, str) else None
    if phone is None:
        raise validation_failed(
            [FieldError("phone", "must be a Bangladeshi mobile number (01XXXXXXXXX)", "সঠিক মোবাইল নম্বর দিন")]
        )
    return phone


def _otp_hash(phone: str, code: str) -> str:
    return keyed_hash("otp", f"{phone}:{code}")


def request_otp(body: dict[str, Any]) -> None:
    s = settings()
    phone = _phone_or_error(body.get("phone"))
    code = f"{secrets.randbelow(10**6):06d}"
    try:
        accounts.store_otp(
            keyed_hash("phone", phone),
            _otp_hash(phone, code),
            int(time.time()),
            s.otp_ttl_seconds,
            OTP_WINDOW_SECONDS,
            s.otp_max_sends_per_hour,
        )
    except accounts.OtpRefused:
        raise too_many("too many codes were sent to this number; try again in an hour") from None
    text = sms_texts()["otp_login"].format(code=bn_digits(code), minutes=bn_digits(s.otp_ttl_seconds // 60))
    sms.sender().send(phone, text, purpose="otp_login")
    metrics.add_metric(name="OtpSent", unit="Count", value=1)


def verify_otp(body: dict[str, Any]) -> dict[str, Any]:
    s = settings()
    phone = _phone_or_error(body.get("phone"))
    code = str(body.get("code", "")).strip()
    phone_hash = keyed_hash("phone", phone)
    challenge = accounts.spend_otp_attempt(phone_hash, int(time.time()), s.otp_max_attempts)
    if challenge is None:
        raise unauthorized("no valid code is pending for this number; request a new one")
    if not hmac.compare_digest(challenge.code_hash, _otp_hash(phone, code)):
        metrics.add_metric(name="OtpRejected", unit="Count", value=1)
        raise unauthorized("the code is not correct")
    accounts.consume_otp(phone_hash)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    citizen = accounts.ensure_citizen(phone_hash, phone, "c_" + uuid.uuid4().hex, now)
    logger.info("citizen signed in", extra={"citizen_id": citizen.citizen_id})
    return issue_token({"sub": citizen.citizen_id, "kind": "citizen", "role": "citizen", "acct": phone_hash})


def login(body: dict[str, Any]) -> dict[str, Any]:
    username, password = body.get("username"), body.get("password")
    if not isinstance(username, str) or not isinstance(password, str) or not username or not password:
        raise validation_failed(
            [FieldError("username", "username and password are required", "ব্যবহারকারী নাম ও পাসওয়ার্ড দিন")]
        )
    account = accounts.staff(username.strip().lower())
    try:
        _hasher().verify(account.password_hash if account else _dummy_hash(), password)
    except VerificationError:
        account = None
    if account is None or not account.active:
        metrics.add_metric(name="LoginRejected", unit="Count", value=1)
        raise unauthorized("username or password is not correct")
    claims = {
        "sub": account.username,
        "kind": "staff",
        "role": account.role,
        "office_id": account.office_id,
        "ward": int(account.ward) if account.ward is not None else None,
    }
    return issue_token(claims)


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
