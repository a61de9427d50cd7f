"""The route table: each operation's method, path, summary, request and response models, the
statuses its handler answers, and who may call it. GET /v1/openapi.json is generated from it
(document.py); a test holds it to the routes Chalice serves and to what each route accepts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.api.contract import accounts as a
from chalicelib.api.contract import public as p

HTML = "text/html"  # a response of this media type is a page, not JSON
REDIRECT = "redirect"  # a 303 with a Location


@dataclass(frozen=True)
class Op:
    method: str
    path: str
    summary: str
    ok: tuple[int, Any]  # status, response model (or HTML / REDIRECT)
    body: Any = None  # request model of a required JSON body; None: the route reads none
    auth: str | None = None  # "bearer" or "apiKey"
    query: type | None = None  # a TypedDict of query parameters
    paged: bool = False  # ?limit=&cursor=
    idempotent: bool = False  # reads an Idempotency-Key header
    errors: tuple[int, ...] = (400, 404, 422)  # what the handler answers besides the plumbing
    optional_body: bool = False  # an optional JSON object, ignored
    form_body: bool = False  # a gateway's form post, trusted for nothing


PUBLIC: tuple[Op, ...] = (
    Op("GET", "/v1/health", "Liveness", (200, p.Health), errors=()),
    Op("GET", "/v1/openapi.json", "This document", (200, dict[str, Any]), errors=()),
    Op("GET", "/v1/certificate-types", "All certificate types", (200, p.CertificateTypeSummaryList), errors=()),
    Op(
        "GET",
        "/v1/certificate-types/{code}",
        "One certificate type with its form",
        (200, p.CertificateType),
        errors=(404,),
    ),
    Op(
        "GET",
        "/v1/offices",
        "Find offices by the start of a name (the office's, its upazila's or district's), or by area",
        (200, p.OfficeList),
        query=p.OfficesQuery,
        paged=True,
    ),
    Op("GET", "/v1/offices/{office_id}", "One office", (200, p.Office), errors=(404,)),
    Op(
        "GET",
        "/v1/offices/{office_id}/charter",
        "Citizen charter, every type (ETag; If-None-Match answers 304)",
        (200, p.Charter),
        errors=(404,),
    ),
    Op(
        "GET",
        "/v1/offices/{office_id}/charter/{type_code}",
        "One type's citizen charter at an office, for its application form (ETag; If-None-Match answers 304)",
        (200, p.Charter),
        errors=(404,),
    ),
    Op(
        "GET",
        "/v1/verify/{certificate_no}",
        "Public check: status, type, office, issue date, masked name (JSON, or HTML for Accept: text/html)",
        (200, p.Verification),
        errors=(404, 429),
    ),
    Op("GET", "/v", "Where QR codes point (payload after '#', never sent to the server)", (200, HTML), errors=()),
    Op(
        "GET",
        "/v1/trust-list",
        "Signed trust list of office keys: form=full (default) carries each key's X.509 certificate "
        "(sonod-trust-list/1, for agencies and PDF signatures); form=keys only what QR checks need "
        "(sonod-trust-keys/1: compressed P-256 points and the status list ids, ~5x smaller); form=names "
        "the names of the offices that hold keys (sonod-office-names/1, not signed: for display in "
        "offline results). ETag; If-None-Match answers 304",
        (200, p.TrustListForm),
        query=p.TrustListQuery,
        errors=(400, 404),
    ),
    Op("GET", "/v1/status-list/{list_id}", "Signed revocation status list", (200, p.SignedList), errors=(404,)),
    Op(
        "POST",
        "/v1/agency/lookup",
        "Agency lookup with a second fact and a purpose (X-Api-Key)",
        (200, p.AgencyResult),
        body=p.AgencyLookup,
        auth="apiKey",
        errors=(400, 401, 403, 404, 415, 422, 429),
    ),
    Op(
        "GET",
        "/v1/_local/outbox",
        "Local stage only: SMS sent to a phone",
        (200, p.OutboxMessageList),
        query=p.OutboxQuery,
        errors=(404, 422),
    ),
)

AUTH: tuple[Op, ...] = (
    Op(
        "POST",
        "/v1/auth/otp",
        "Send a sign-in code by SMS",
        (202, p.Accepted),
        body=a.OtpRequest,
        errors=(400, 415, 422, 429),
    ),
    Op(
        "POST",
        "/v1/auth/otp/verify",
        "Exchange the code for a token",
        (200, a.Token),
        body=a.OtpVerify,
        errors=(400, 401, 415, 422, 429),
    ),
    Op(
        "POST",
        "/v1/auth/login",
        "Officials sign in (failures back off, then lock the account until an admin unlocks it)",
        (200, a.Token),
        body=a.Login,
        errors=(400, 401, 415, 422, 429),
    ),
    Op(
        "POST",
        "/v1/auth/password",
        "An official chooses their own password (asked to after an admin set one: must_change_password)",
        (200, a.PasswordChanged),
        body=a.PasswordChange,
        auth="bearer",
        errors=(415, 422, 429),
    ),
    Op("GET", "/v1/me", "My account", (200, a.Me), auth="bearer", errors=(404,)),
    Op(
        "PUT",
        "/v1/me",
        "Update my profile",
        (200, a.Me),
        body=a.Profile,
        auth="bearer",
        errors=(400, 413, 415, 422),
    ),
    Op(
        "GET",
        "/v1/me/access-log",
        "Who looked at my data: each look, or grouped by case, who and purpose (view=grouped)",
        (200, a.AccessLogEntryList),
        auth="bearer",
        query=a.AccessLogQuery,
        paged=True,
    ),
)
