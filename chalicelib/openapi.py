"""The OpenAPI 3.1 description of HTTP API v1 (served at GET /v1/openapi.json).

A test checks that every route Chalice serves is described here with its request and response
schemas, so the document cannot fall behind the code silently.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from chalicelib.domain.trustlists import REVOCATION_REASONS
from chalicelib.domain.workflow import workflows

TRUST_FORMS = ("full", "keys", "names")


REASON_CODE = {
    "type": "string",
    "enum": list(REVOCATION_REASONS),
    "default": "other",
    "description": "revoke only: the category the status list publishes (the reason's text stays with the case)",
}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _obj(required: list[str], /, **props: Any) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": props}


def _list_of(name: str) -> dict[str, Any]:
    return _obj(
        ["items", "next_cursor"], items={"type": "array", "items": _ref(name)}, next_cursor={"type": ["string", "null"]}
    )


STR, INT, BOOL = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
ANY_OBJ = {"type": "object"}


def _schemas() -> dict[str, Any]:
    statuses = sorted(workflows().statuses)
    field = _obj(
        ["name", "label_bn", "label_en", "type", "required"],
        name=STR,
        label_bn=STR,
        label_en=STR,
        type=STR,
        required=BOOL,
        validation=ANY_OBJ,
        options={"type": "array"},
        columns={"type": "array"},
        autocomplete={"enum": ["bday"], "description": "the browser may offer the user's own birthday"},
    )
    return {
        "Problem": _obj(
            ["status", "code", "title", "title_bn", "detail"],
            type=STR,
            status=INT,
            code=STR,
            title=STR,
            title_bn=STR,
            detail=STR,
            errors={"type": "array", "items": _obj(["field", "message"], field=STR, message=STR, message_bn=STR)},
            retry_after={**INT, "description": "429: seconds to wait, as in the Retry-After header"},
            detail_bn=STR,
        ),
        "Fee": _obj(
            ["office_fee", "platform_fee", "total", "currency"],
            office_fee=INT,
            platform_fee=INT,
            total=INT,
            currency={"const": "BDT"},
        ),
        "Field": field,
        "CertificateTypeSummary": _obj(
            ["code", "name_bn", "name_en", "category", "fee", "sla_days"],
            code=STR,
            name_bn=STR,
            name_en=STR,
            category=STR,
            fee=_ref("Fee"),
            sla_days=INT,
        ),
        "CertificateType": {
            "allOf": [
                _ref("CertificateTypeSummary"),
                _obj(
                    ["fields", "documents", "workflow", "signatory", "validity", "policy"],
                    description_bn=STR,
                    description_en=STR,
                    fields={"type": "array", "items": _ref("Field")},
                    require_one_of={"type": "array"},
                    documents={"type": "array"},
                    workflow=STR,
                    signatory=STR,
                    validity=ANY_OBJ,
                    policy=ANY_OBJ,
                    requires_heir_consent=BOOL,
                ),
            ]
        },
        "Office": _obj(
            ["office_id", "kind", "name_bn", "name_en"],
            office_id=STR,
            kind={"enum": ["union", "pourashava", "city_corporation"]},
            name_bn=STR,
            name_en=STR,
            division_id=STR,
            district_id=STR,
            upazila_id={"type": ["string", "null"]},
            area=ANY_OBJ,
            wards=INT,
            head_designation=STR,
            overrides=ANY_OBJ,
            contact=ANY_OBJ,
            popular={
                "type": "array",
                "items": STR,
                "description": "one office: type codes to list first, its most requested (order only, no counts)",
            },
            matched={
                "enum": ["name", "upazila", "district"],
                "description": "a name search's result: which of the office's names the query found",
            },
        ),
        "Charter": _obj(
            ["office", "items"],
            office=_ref("Office"),
            items={
                "type": "array",
                "items": _obj(
                    ["type", "documents", "fee", "sla_days", "responsible_officer", "escalation_officer"],
                    type=STR,
                    name_bn=STR,
                    name_en=STR,
                    documents={"type": "array"},
                    fee=_ref("Fee"),
                    sla_days=INT,
                    responsible_officer=STR,
                    signatory=STR,
                    escalation_officer=ANY_OBJ,
                ),
            },
        ),
        "NewApplication": _obj(
            ["office_id", "type", "ward", "fields"],
            office_id=STR,
            type=STR,
            ward=INT,
            fields={"type": "object", "description": "values for the type's form fields"},
            draft=BOOL,
            on_behalf_of={
                "type": "object",
                "description": "UDC operators: the citizen's phone and the consent code sent to it",
                "properties": {"phone": STR, "code": STR},
            },
            papers={"type": "object", "description": "document code → paper id (GET /v1/me/papers)"},
        ),
        "Application": _obj(
            ["id", "tracking_no", "status", "version", "fee"],
            id=STR,
            tracking_no=STR,
            office_id=STR,
            type=STR,
            ward=INT,
            status={"enum": statuses},
            status_bn=STR,
            status_en=STR,
            version=INT,
            fee=_ref("Fee"),
            created_at=STR,
            updated_at=STR,
            due_on=STR,
            certificate_no={"type": ["string", "null"]},
            actions={"type": "array", "items": STR},
            name_bn={"type": ["string", "null"]},
            overdue=BOOL,
        ),
        "ApplicationDetail": {
            "allOf": [
                _ref("Application"),
                _obj(
                    ["fields", "timeline", "actions"],
                    fields=ANY_OBJ,
                    filed_by=ANY_OBJ,
                    signatory=STR,
                    overdue=BOOL,
                    timeline={
                        "type": "array",
                        "items": _obj(
                            ["seq", "action", "to", "at"],
                            seq=INT,
                            action=STR,
                            **{"from": {"type": ["string", "null"]}},
                            to=STR,
                            by=ANY_OBJ,
                            note=STR,
                            paper={"type": ["string", "null"]},
                            at=STR,
                            # a "pay" event: how, for people (bkash, card, ...); the note keeps the gateway's text
                            method=STR,
                        ),
                    },
                    papers_status={"type": "array", "items": _ref("PaperState")},
                    actions={"type": "array", "items": STR},
                ),
            ]
        },
        "Action": _obj(
            ["action", "version"], action=STR, version=INT, note=STR, fields=ANY_OBJ, reason_code=REASON_CODE
        ),
        "Token": _obj(
            ["access_token", "expires_in"],
            access_token=STR,
            token_type=STR,
            expires_in=INT,
            must_change_password={
                "type": "boolean",
                "description": "officials: choose your own (POST /v1/auth/password)",
            },
        ),
        "OtpRequest": _obj(["phone"], phone=STR),
        "OtpVerify": _obj(["phone", "code"], phone=STR, code=STR),
        "Login": _obj(["username", "password"], username=STR, password=STR),
        "Me": _obj(
            ["citizen_id", "profile"],
            citizen_id=STR,
            phone=STR,
            profile=ANY_OBJ,
            profile_fields={"type": "array", "items": _ref("Field")},
            created_at=STR,
            updated_at=STR,
        ),
        "Profile": _obj(
            ["name_bn", "name_en"],
            nid=STR,
            name_bn=STR,
            name_en=STR,
            date_of_birth=STR,
            gender=STR,
            address_bn=STR,
            email=STR,
        ),
        "OutboxMessage": _obj(["sent_at", "text", "purpose"], sent_at=STR, text=STR, purpose=STR),
        "Health": _obj(["status"], status=STR),
        "Verification": _obj(
            ["certificate_no", "status", "type", "office", "issued_on", "holder"],
            certificate_no=STR,
            status={"enum": ["valid", "revoked", "expired"]},
            status_bn=STR,
            status_en=STR,
            type=STR,
            type_name_bn=STR,
            type_name_en=STR,
            office=ANY_OBJ,
            issued_on=STR,
            expires_on={"type": ["string", "null"]},
            holder={"type": "string", "description": "masked name"},
        ),
        "TrustListForm": {"oneOf": [_ref("SignedList"), _ref("OfficeNames")]},
        "OfficeNames": _obj(
            ["format", "issued_at", "offices"],
            format={"type": "string", "enum": ["sonod-office-names/1"]},
            issued_at=STR,
            offices={
                "type": "object",
                "additionalProperties": {"type": "array", "items": STR, "minItems": 2, "maxItems": 2},
            },
        ),
        "SignedList": _obj(
            ["format", "cose"],
            format=STR,
            cose={"type": "string", "description": "base64 COSE_Sign1"},
            content=STR,
            list_id=STR,
            size=INT,
            issued_at=STR,
            root=ANY_OBJ,
            keys={"type": "array"},
        ),
        "AgencyLookup": _obj(
            ["certificate_no", "purpose"], certificate_no=STR, holder_dob=STR, nid_last4=STR, purpose=STR
        ),
        "AgencyResult": _obj(
            ["status", "type", "office", "issued_at", "holder_name", "pdf_url"],
            certificate_no=STR,
            status=STR,
            type=STR,
            office=ANY_OBJ,
            issued_at=STR,
            expires_on={"type": ["string", "null"]},
            holder_name=STR,
            pdf_url=STR,
            pdf_url_expires_in=INT,
        ),
        "Revoke": _obj(
            ["reason"],
            reason=STR,
            reason_code=REASON_CODE,
        ),
        "CertificateLink": _obj(["certificate_no", "url", "expires_in"], certificate_no=STR, url=STR, expires_in=INT),
        "CertificatePreview": _obj(
            ["content_type", "pdf_base64"], content_type={"type": "string", "enum": ["application/pdf"]}, pdf_base64=STR
        ),
        "Revocation": _obj(["certificate_no", "status"], certificate_no=STR, status=STR, case=ANY_OBJ),
        # One look (view=entries, `at`), or one group of them (view=grouped: `key`, `count`,
        # `latest_at`, `first_at`) by case, who, purpose and outcome (domain/access_log.py).
        "AccessLogEntry": _obj(
            ["who", "purpose", "outcome"],
            at=STR,
            who=ANY_OBJ,
            purpose=STR,
            certificate_no={"type": ["string", "null"]},
            outcome=STR,
            case_id={"type": ["string", "null"]},
            case={"type": ["object", "null"]},
            office_id={"type": ["string", "null"]},
            key=STR,
            count=INT,
            latest_at=STR,
            first_at=STR,
        ),
        "Accepted": _obj(["status"], status=STR),
    }


def _param(name: str, where: str = "query", required: bool = False, schema: Any = STR) -> dict[str, Any]:
    return {"name": name, "in": where, "required": required or where == "path", "schema": schema}


def _html_op(summary: str) -> dict[str, Any]:
    return {
        "summary": summary,
        "responses": {"200": {"description": "HTML page", "content": {"text/html": {"schema": STR}}}},
    }


PAGE = [_param("limit", schema={"type": "integer", "minimum": 1, "maximum": 100}), _param("cursor")]
IDEMPOTENCY = _param("Idempotency-Key", "header")


def _op(
    summary: str,
    ok: tuple[int, str],
    *,
    body: str | None = None,
    auth: bool = False,
    params: list[dict[str, Any]] | None = None,
    errors: tuple[int, ...] = (400, 404, 422),
) -> dict[str, Any]:
    status, schema = ok
    responses: dict[str, Any] = {
        str(status): {"description": "OK", "content": {"application/json": {"schema": _ref(schema)}}},
    }
    for code in (*errors, *((401, 403) if auth else ())):
        responses[str(code)] = {
            "description": "Problem",
            "content": {"application/problem+json": {"schema": _ref("Problem")}},
        }
    op: dict[str, Any] = {"summary": summary, "responses": responses}
    if body:
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": _ref(body)}}}
    if auth:
        op["security"] = [{"bearer": []}]
    if params:
        op["parameters"] = params
    return op


def _paths() -> dict[str, Any]:
    office = _param("office_id", "path")
    case = _param("case_id", "path")
    return {
        "/v1/health": {"get": _op("Liveness", (200, "Health"), errors=())},
        "/v1/openapi.json": {
            "get": {
                "summary": "This document",
                "responses": {"200": {"description": "OpenAPI", "content": {"application/json": {"schema": ANY_OBJ}}}},
            }
        },
        "/v1/certificate-types": {"get": _op("All certificate types", (200, "CertificateTypeSummaryList"), errors=())},
        "/v1/certificate-types/{code}": {
            "get": _op(
                "One certificate type with its form",
                (200, "CertificateType"),
                params=[_param("code", "path")],
                errors=(404,),
            )
        },
        "/v1/offices": {
            "get": _op(
                "Find offices by the start of a name (the office's, its upazila's or district's), or by area",
                (200, "OfficeList"),
                params=[_param("q"), _param("kind"), _param("district"), _param("upazila"), *PAGE],
            )
        },
        "/v1/offices/{office_id}": {"get": _op("One office", (200, "Office"), params=[office], errors=(404,))},
        "/v1/offices/{office_id}/charter": {
            "get": _op(
                "Citizen charter, every type (ETag; If-None-Match answers 304)",
                (200, "Charter"),
                params=[office],
                errors=(404,),
            )
        },
        "/v1/offices/{office_id}/charter/{type_code}": {
            "get": _op(
                "One type's citizen charter at an office, for its application form (ETag; If-None-Match answers 304)",
                (200, "Charter"),
                params=[office, _param("type_code", "path")],
                errors=(404,),
            )
        },
        "/v1/offices/{office_id}/applications": {
            "get": _op(
                "Office queue (officials)",
                (200, "ApplicationList"),
                auth=True,
                params=[office, _param("status"), _param("type"), _param("ward", schema=INT), *PAGE],
            )
        },
        "/v1/auth/otp": {
            "post": _op("Send a sign-in code by SMS", (202, "Accepted"), body="OtpRequest", errors=(400, 415, 422, 429))
        },
        "/v1/auth/otp/verify": {
            "post": _op(
                "Exchange the code for a token", (200, "Token"), body="OtpVerify", errors=(400, 401, 415, 422, 429)
            )
        },
        "/v1/auth/login": {
            "post": _op(
                "Officials sign in (failures back off, then lock the account until an admin unlocks it)",
                (200, "Token"),
                body="Login",
                errors=(400, 401, 415, 422, 429),
            )
        },
        "/v1/me": {
            "get": _op("My account", (200, "Me"), auth=True, errors=(404,)),
            "put": _op("Update my profile", (200, "Me"), body="Profile", auth=True, errors=(400, 413, 415, 422)),
        },
        "/v1/applications": {
            "post": _op(
                "Apply for a certificate",
                (201, "Application"),
                body="NewApplication",
                auth=True,
                params=[IDEMPOTENCY],
                errors=(400, 409, 413, 415, 422),
            ),
            "get": _op("My applications", (200, "ApplicationList"), auth=True, params=PAGE),
        },
        "/v1/applications/{case_id}": {
            "get": _op(
                "One application with its timeline", (200, "ApplicationDetail"), auth=True, params=[case], errors=(404,)
            )
        },
        "/v1/applications/{case_id}/actions": {
            "post": _op(
                "Move the case (workflow action)",
                (200, "Application"),
                body="Action",
                auth=True,
                params=[case],
                errors=(400, 404, 409, 415, 422),
            )
        },
        "/v1/applications/{case_id}/certificate": {
            "get": _op(
                "Short-lived link to the issued PDF",
                (200, "CertificateLink"),
                auth=True,
                params=[case],
                errors=(404, 409),
            )
        },
        "/v1/applications/{case_id}/preview": {
            "get": _op(
                "The certificate as it would be issued, marked 'preview', unsigned, no QR (secretary, signatory)",
                (200, "CertificatePreview"),
                auth=True,
                params=[case],
                errors=(403, 404, 409),
            )
        },
        "/v1/verify/{certificate_no}": {
            "get": _op(
                "Public check: status, type, office, issue date, masked name (JSON, or HTML for Accept: text/html)",
                (200, "Verification"),
                params=[_param("certificate_no", "path")],
                errors=(404, 429),
            )
        },
        "/v": {"get": _html_op("Where QR codes point (payload after '#', never sent to the server)")},
        "/v1/trust-list": {
            "get": _op(
                "Signed trust list of office keys: form=full (default) carries each key's X.509 certificate "
                "(sonod-trust-list/1, for agencies and PDF signatures); form=keys only what QR checks need "
                "(sonod-trust-keys/1: compressed P-256 points and the status list ids, ~5x smaller); form=names "
                "the names of the offices that hold keys (sonod-office-names/1, not signed: for display in "
                "offline results). ETag; If-None-Match answers 304",
                (200, "TrustListForm"),
                params=[_param("form", schema={"type": "string", "enum": [*TRUST_FORMS], "default": "full"})],
                errors=(400, 404),
            )
        },
        "/v1/status-list/{list_id}": {
            "get": _op(
                "Signed revocation status list", (200, "SignedList"), params=[_param("list_id", "path")], errors=(404,)
            )
        },
        "/v1/agency/lookup": {
            "post": {
                **_op(
                    "Agency lookup with a second fact and a purpose (X-Api-Key)",
                    (200, "AgencyResult"),
                    body="AgencyLookup",
                    errors=(400, 401, 403, 404, 415, 422, 429),
                ),
                "security": [{"apiKey": []}],
            }
        },
        "/v1/certificates/{certificate_no}/revoke": {
            "post": _op(
                "Revoke a certificate (signatory; reason required)",
                (200, "Revocation"),
                body="Revoke",
                auth=True,
                params=[_param("certificate_no", "path")],
                errors=(404, 409, 415, 422),
            )
        },
        "/v1/me/access-log": {
            "get": _op(
                "Who looked at my data: each look, or grouped by case, who and purpose (view=grouped)",
                (200, "AccessLogEntryList"),
                auth=True,
                params=[*PAGE, _param("view", schema={"type": "string", "enum": ["entries", "grouped"]})],
            )
        },
        "/v1/_local/outbox": {
            "get": _op(
                "Local stage only: SMS sent to a phone",
                (200, "OutboxMessageList"),
                params=[_param("phone", required=True)],
                errors=(404, 422),
            )
        },
    }


PROBLEM_RESPONSE = {"description": "Problem", "content": {"application/problem+json": {"schema": _ref("Problem")}}}
# What every operation can answer whatever it does: API Gateway's stage throttle (429) and the
# 5xx that DESIGN §8 promises never to send but a client must still be able to read.
EVERY_OPERATION = ("429", "5XX")
# An operation that reads a JSON body can refuse it: malformed or nested too deep (400), too large
# (413), not JSON (415) — chalicelib/api/http.py json_body.
JSON_BODY = ("400", "413", "415")
# A protected route: no token (401), a token the authorizer refuses (403) — the gateway's answers,
# chalicelib/api/gateway_problems.py.
SIGNED_IN = ("401", "403")


def _shared_responses(paths: dict[str, Any]) -> None:
    """Declare, once for all operations, the statuses the plumbing answers (not each handler)."""
    for item in paths.values():
        for op in item.values():
            body = op.get("requestBody", {})
            shared = [*EVERY_OPERATION]
            if body.get("required") and "application/json" in body.get("content", {}):
                shared += JSON_BODY
            if any("bearer" in scheme for scheme in op.get("security", [])):
                shared += SIGNED_IN
            for status in shared:
                op["responses"].setdefault(status, PROBLEM_RESPONSE)


@lru_cache(maxsize=1)
def document() -> dict[str, Any]:
    from chalicelib import openapi_journey, openapi_operations

    schemas = {**_schemas(), **openapi_journey.schemas(), **openapi_operations.schemas()}
    for name in ("CertificateTypeSummary", "Office", "Application", "OutboxMessage", "AccessLogEntry", "Paper"):
        schemas[f"{name}List"] = _list_of(name)
    schemas["ApplicationList"]["properties"]["counts"] = {
        "type": ["object", "null"],
        "description": "office queue only: cases per status, kept from the case stream",
        "additionalProperties": INT,
    }
    paths = {**_paths(), **openapi_journey.paths(), **openapi_operations.paths()}
    _shared_responses(paths)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Sonod Sheba API",
            "version": "1.0.0",
            "description": "Certificates (সনদ) of Bangladesh's local governments. Errors are "
            "application/problem+json with English and Bengali titles. Money is integer poisha.",
        },
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
                "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
            },
        },
    }
