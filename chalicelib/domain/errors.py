"""Errors the API turns into application/problem+json responses.

Each error carries a machine code, an HTTP status and a title in English and Bengali; `detail`
says what happened in this case and must never contain personal data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
    status: int
    code: str
    title: str
    title_bn: str
    detail: str = ""
    errors: list[FieldError] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.code}: {self.detail or self.title}"


def bad_request(detail: str, code: str = "bad_request") -> AppError:
    return AppError(400, code, "Bad request", "অনুরোধটি সঠিক নয়", detail)


def validation_failed(errors: list[FieldError]) -> AppError:
    return AppError(
        422,
        "validation_failed",
        "Some fields are missing or invalid",
        "কিছু তথ্য অনুপস্থিত বা সঠিক নয়",
        f"{len(errors)} field(s) need attention",
        errors,
    )


def not_found(what: str) -> AppError:
    return AppError(404, "not_found", f"{what} not found", "খুঁজে পাওয়া যায়নি", f"No such {what.lower()}")


def forbidden(detail: str) -> AppError:
    return AppError(403, "forbidden", "Not allowed", "এই কাজের অনুমতি নেই", detail)


def unauthorized(detail: str) -> AppError:
    return AppError(401, "unauthorized", "Sign-in required or failed", "সাইন-ইন প্রয়োজন বা ব্যর্থ হয়েছে", detail)


def conflict(code: str, detail: str, **extra: Any) -> AppError:
    return AppError(409, code, "Conflict with the current state", "বর্তমান অবস্থার সাথে সাংঘর্ষিক", detail, extra=extra)


def too_many(detail: str, **extra: Any) -> AppError:
    """429; `extra["retry_after"]` becomes the Retry-After header (api/http.py)."""
    return AppError(429, "too_many_requests", "Too many attempts", "অনেক বেশি চেষ্টা করা হয়েছে", detail, extra=extra)
