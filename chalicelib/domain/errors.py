"""Errors the API turns into application/problem+json responses, and their one catalog.

An error is raised by its machine code (+ `detail`, field `errors`, `extra` members); the catalog
gives each code its kind and its English and Bengali titles. The kind says what went wrong, never
how HTTP says it: chalicelib/api/problems.py alone maps kinds to statuses (decision 57). `detail`
says what happened in this case and must never contain personal data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from chalicelib.domain.bangla import bn_digits


class Kind(StrEnum):
    MALFORMED = "malformed"  # the request cannot be acted on as sent (syntax, cursor, refused payment)
    INVALID = "invalid"  # readable, but its content is wrong (fields, action, a reused key)
    UNAUTHORIZED = "unauthorized"  # no caller, or one who must sign in again
    FORBIDDEN = "forbidden"  # a known caller who may not do this
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"  # the current state does not allow it
    TOO_LARGE = "too_large"
    UNSUPPORTED = "unsupported"  # a body in a media type the API does not read
    TOO_MANY = "too_many"  # a budget is spent; `extra["retry_after"]` says for how long
    INTERNAL = "internal"
    BAD_GATEWAY = "bad_gateway"  # something in front of the app failed
    UNAVAILABLE = "unavailable"  # a partner or a resource is not answering now; try again
    TIMEOUT = "timeout"  # the app did not answer in time


@dataclass(frozen=True)
class Entry:
    kind: Kind
    title: str  # may name the error's `subject` as {subject}
    title_bn: str


REFUSED = ("Bad request", "অনুরোধটি সঠিক নয়")
CONFLICTED = ("Conflict with the current state", "বর্তমান অবস্থার সাথে সাংঘর্ষিক")
SLOW_DOWN = ("Too many requests", "অনেক বেশি অনুরোধ")
FAILED = ("Something went wrong on our side", "আমাদের দিকে একটি সমস্যা হয়েছে")

_CONFLICTS = (
    "already_inactive",
    "checkout_conflict",
    "handover_conflict",
    "illegal_transition",
    "no_certificate",
    "not_awaiting_payment",
    "not_issued",
    "not_previewable",
    "not_uploaded",
    "own_account",
    "paper_attached",
    "payment_mismatch",
    "signing_seat",
    "stale_version",
    "upload_changed",
    "username_taken",
)
_MALFORMED = ("bad_request", "malformed_json", "invalid_idempotency_key", "invalid_cursor", "unknown_form")

# Every code the API (or API Gateway in front of it, api/gateway_problems.py) can answer.
CATALOG: dict[str, Entry] = {
    **{code: Entry(Kind.MALFORMED, *REFUSED) for code in _MALFORMED},
    "payment_not_confirmed": Entry(
        Kind.MALFORMED, "The gateway does not confirm this payment", "পেমেন্ট গেটওয়ে এই পরিশোধ নিশ্চিত করেনি"
    ),
    "validation_failed": Entry(Kind.INVALID, "Some fields are missing or invalid", "কিছু তথ্য অনুপস্থিত বা সঠিক নয়"),
    "unknown_action": Entry(Kind.INVALID, "This action does not exist for this case", "এই আবেদনে এমন কোনো কাজ নেই"),
    "idempotency_key_reused": Entry(
        Kind.INVALID,
        "This Idempotency-Key was used with a different request",
        "এই Idempotency-Key অন্য অনুরোধে ব্যবহৃত হয়েছে",
    ),
    "unauthorized": Entry(Kind.UNAUTHORIZED, "Sign-in required or failed", "সাইন-ইন প্রয়োজন বা ব্যর্থ হয়েছে"),
    "forbidden": Entry(Kind.FORBIDDEN, "Not allowed", "এই কাজের অনুমতি নেই"),
    "password_change_required": Entry(
        Kind.FORBIDDEN, "Choose your own password first", "আগে নিজের একটি পাসওয়ার্ড বেছে নিন"
    ),
    "out_of_scope": Entry(
        Kind.FORBIDDEN,
        "This agency may not look up this kind of certificate",
        "এই সংস্থা এই ধরনের সনদ দেখতে পারে না",
    ),
    "not_found": Entry(Kind.NOT_FOUND, "{subject} not found", "খুঁজে পাওয়া যায়নি"),
    **{code: Entry(Kind.CONFLICT, *CONFLICTED) for code in _CONFLICTS},
    "duplicate_application": Entry(Kind.CONFLICT, CONFLICTED[0], "এই ব্যক্তির জন্য একই ধরনের সনদ/আবেদন ইতিমধ্যে আছে"),
    "consent_outstanding": Entry(Kind.CONFLICT, CONFLICTED[0], "সকল ওয়ারিশের সম্মতি এখনো পাওয়া যায়নি"),
    "no_signing_key": Entry(
        Kind.CONFLICT, "This signatory has no signing key yet", "এই স্বাক্ষরকারীর স্বাক্ষর-চাবি এখনো তৈরি হয়নি"
    ),
    "request_in_progress": Entry(
        Kind.CONFLICT, "The same request is still being processed", "একই অনুরোধ এখনো প্রক্রিয়াধীন"
    ),
    # municipal revenue (DESIGN §10); the ledger's codes are domain/revenue/ledger.ERROR_CODES
    "payment_not_positive": Entry(
        Kind.INVALID, "A payment must be more than zero", "পরিশোধের পরিমাণ শূন্যের বেশি হতে হবে"
    ),
    "payment_exceeds_due": Entry(Kind.INVALID, "The payment is more than is owed", "পরিশোধের পরিমাণ বকেয়ার চেয়ে বেশি"),
    "below_minimum_payment": Entry(
        Kind.INVALID, "A part payment is below the minimum", "আংশিক পরিশোধ সর্বনিম্ন পরিমাণের কম"
    ),
    "unknown_line": Entry(Kind.INVALID, "No such demand line on this holding", "এই হোল্ডিংয়ে এমন কোনো দাবি নেই"),
    "invalid_adjustment": Entry(Kind.INVALID, "This adjustment cannot be made", "এই সমন্বয় করা যায় না"),
    "invalid_reversal": Entry(Kind.INVALID, "Only payments can be reversed", "শুধু পরিশোধ বাতিল করা যায়"),
    "ledger_inconsistent": Entry(Kind.CONFLICT, CONFLICTED[0], "হিসাবের সাথে মিলছে না; আবার দেখুন"),
    "holding_number_taken": Entry(
        Kind.CONFLICT, "This office already has a holding with this number", "এই নম্বরের হোল্ডিং অফিসে ইতিমধ্যে আছে"
    ),
    "schedule_billed": Entry(
        Kind.CONFLICT,
        "This fiscal year is already billed; its schedule can no longer change",
        "এই অর্থবছরের দাবি তৈরি হয়ে গেছে; কর তফসিল আর বদলানো যায় না",
    ),
    "receipt_cancelled": Entry(Kind.CONFLICT, "This receipt is already cancelled", "এই রসিদ ইতিমধ্যে বাতিল"),
    "account_changed": Entry(
        Kind.CONFLICT, "The holding's account changed meanwhile; try again", "এর মধ্যে হিসাব বদলেছে; আবার চেষ্টা করুন"
    ),
    "demand_run_running": Entry(
        Kind.CONFLICT,
        "A demand run for this office and year is still running",
        "এই অফিস ও অর্থবছরের দাবি তৈরি এখনো চলছে",
    ),
    "receipt_being_signed": Entry(
        Kind.NOT_FOUND,
        "This receipt is being signed; check again in a minute",
        "রসিদটি স্বাক্ষর করা হচ্ছে; এক মিনিট পরে আবার দেখুন",
    ),
    "dues_changed": Entry(
        Kind.CONFLICT,
        "The dues have changed since they were shown; reload them",
        "দেখানোর পর বকেয়া বদলে গেছে; আবার দেখে নিন",
    ),
    "holding_dues_owed": Entry(
        Kind.CONFLICT,
        "The holding named owes tax that has fallen due; it must be paid up first",
        "উল্লিখিত হোল্ডিংয়ের বকেয়া কর আগে পরিশোধ করতে হবে",
    ),
    "payload_too_large": Entry(Kind.TOO_LARGE, "The request body is too large", "অনুরোধটি অনেক বড়"),
    "unsupported_media_type": Entry(Kind.UNSUPPORTED, "Send JSON", "JSON আকারে পাঠান"),
    "too_many_requests": Entry(Kind.TOO_MANY, "Too many attempts", "অনেক বেশি চেষ্টা করা হয়েছে"),
    "account_locked": Entry(Kind.TOO_MANY, "Account locked", "অ্যাকাউন্ট লক করা হয়েছে"),
    "throttled": Entry(Kind.TOO_MANY, *SLOW_DOWN),
    "quota_exceeded": Entry(Kind.TOO_MANY, *SLOW_DOWN),
    "internal_error": Entry(Kind.INTERNAL, *FAILED),
    "gateway_error": Entry(Kind.BAD_GATEWAY, *FAILED),
    "try_again": Entry(Kind.UNAVAILABLE, "Please try again", "আবার চেষ্টা করুন"),
    "gateway_unavailable": Entry(Kind.UNAVAILABLE, "The payment gateway is not answering", "পেমেন্ট গেটওয়ে সাড়া দিচ্ছে না"),
    "upstream_failed": Entry(Kind.TIMEOUT, *FAILED),
    "upstream_timeout": Entry(Kind.TIMEOUT, *FAILED),
}


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str
    message_bn: str = ""

    def as_dict(self) -> dict[str, str]:
        out = {"field": self.field, "message": self.message}
        if self.message_bn:
            out["message_bn"] = self.message_bn
        return out


@dataclass
class AppError(Exception):
    code: str  # a key of CATALOG
    detail: str = ""
    errors: list[FieldError] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # more members of the problem document
    subject: str = ""  # what the title names, e.g. "Office" in "Office not found"

    def __post_init__(self) -> None:
        if self.code not in CATALOG:
            raise ValueError(f"no error {self.code!r} in the catalog (chalicelib/domain/errors.py)")

    @property
    def kind(self) -> Kind:
        return CATALOG[self.code].kind

    @property
    def title(self) -> str:
        return CATALOG[self.code].title.format(subject=self.subject)

    @property
    def title_bn(self) -> str:
        return CATALOG[self.code].title_bn.format(subject=self.subject)

    def __str__(self) -> str:
        return f"{self.code}: {self.detail or self.title}"


# What a 404 names, in Bengali (its `detail_bn`); a subject not here has the title's words only.
SUBJECTS_BN = {
    "Account": "অ্যাকাউন্ট",
    "Application": "আবেদন",
    "Area": "এলাকা",
    "Bill": "বিল",
    "Certificate": "সনদ",
    "Certificate type": "সনদের ধরন",
    "Consent link": "সম্মতির লিংক",
    "Demand run": "দাবি তৈরির কাজ",
    "Holding": "হোল্ডিং",
    "Office": "অফিস",
    "Paper": "কাগজ",
    "Payment": "পরিশোধ",
    "Receipt": "রসিদ",
    "Staff account": "কর্মীর অ্যাকাউন্ট",
}


def in_bengali(detail_bn: str) -> dict[str, Any]:
    """The problem's `detail_bn` member (the web app shows it in Bengali beside `title_bn`)."""
    return {"detail_bn": detail_bn} if detail_bn else {}


def out_of_range(name: str, lo: int, hi: int) -> FieldError:
    """A field that must be a whole number from `lo` to `hi`, in both languages."""
    return FieldError(
        name, f"must be a whole number from {lo} to {hi}", f"{bn_digits(lo)} থেকে {bn_digits(hi)}-এর মধ্যে পূর্ণসংখ্যা দিন"
    )


def bad_request(detail: str, code: str = "bad_request", detail_bn: str = "") -> AppError:
    return AppError(code, detail, extra=in_bengali(detail_bn))


def validation_failed(errors: list[FieldError]) -> AppError:
    detail_bn = f"{bn_digits(len(errors))}টি তথ্য ঠিক করতে হবে"
    return AppError("validation_failed", f"{len(errors)} field(s) need attention", errors, in_bengali(detail_bn))


def not_found(what: str) -> AppError:
    name_bn = SUBJECTS_BN.get(what)
    extra = in_bengali(f"এমন কোনো {name_bn} নেই" if name_bn else "")
    return AppError("not_found", f"No such {what.lower()}", extra=extra, subject=what)


def forbidden(detail: str, detail_bn: str = "") -> AppError:
    return AppError("forbidden", detail, extra=in_bengali(detail_bn))


def unauthorized(detail: str) -> AppError:
    return AppError("unauthorized", detail)


def conflict(code: str, detail: str, **extra: Any) -> AppError:
    return AppError(code, detail, extra=extra)


def too_many(detail: str, **extra: Any) -> AppError:
    """`extra["retry_after"]` becomes the Retry-After header (api/http.py)."""
    return AppError("too_many_requests", detail, extra=extra)
