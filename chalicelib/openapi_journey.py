"""OpenAPI for the citizen's journey around a case: payments, heir consent, papers, UDC filing.
Merged into the document by chalicelib/openapi.py."""

from __future__ import annotations

from typing import Any

from chalicelib.openapi import ANY_OBJ, IDEMPOTENCY, INT, STR, _obj, _op, _param

FORM = "application/x-www-form-urlencoded"


def schemas() -> dict[str, Any]:
    return {
        "PaymentStart": _obj(["method"], method={"type": "string", "enum": ["sslcommerz", "bkash"]}),
        "Checkout": _obj(
            ["payment_id", "redirect_url", "gateway", "amount"],
            payment_id=STR,
            redirect_url=STR,
            gateway=STR,
            amount=_obj(["total", "currency"], total=INT, currency=STR),
        ),
        "Receipt": _obj(
            ["receipt_no", "tracking_no", "amount", "currency", "gateway", "state"],
            receipt_no=STR,
            tracking_no=STR,
            office_id=STR,
            type=STR,
            fee=ANY_OBJ,
            amount=INT,
            currency=STR,
            gateway=STR,
            method=STR,
            gateway_txn=STR,
            recorded_by={"type": ["string", "null"]},
            state=STR,
            paid_at={"type": ["string", "null"]},
            refund={"type": ["object", "null"]},
        ),
        "GatewayCallback": {
            "type": "object",
            "description": "what the gateway posts (form or JSON); trusted only to name the payment",
            "additionalProperties": STR,
        },
        "PaymentOutcome": _obj(
            ["payment_id", "state", "already_settled"],
            payment_id=STR,
            state=STR,
            already_settled={"type": "boolean"},
        ),
        "ConsentGiven": _obj(["phone", "code"], phone=STR, code=STR),
        "ConsentResult": _obj(["tracking_no", "consented"], tracking_no=STR, consented={"type": "boolean"}),
        "PaperStart": _obj(
            ["document", "content_type", "size"],
            document=STR,
            content_type={"type": "string", "enum": ["application/pdf", "image/jpeg", "image/png"]},
            size=INT,
        ),
        "Paper": _obj(
            ["id", "document", "content_type", "size", "state"],
            id=STR,
            document=STR,
            content_type=STR,
            size=INT,
            state=STR,
            created_at=STR,
            upload=_obj(["url", "fields"], url=STR, fields=ANY_OBJ),
        ),
        "PaperState": _obj(
            ["code", "name_bn", "name_en", "required", "state"],
            code=STR,
            name_bn=STR,
            name_en=STR,
            required={"type": "boolean"},
            state={"type": "string", "enum": ["attached", "missing", "waived"]},
            url=STR,
            waiver=ANY_OBJ,
        ),
        "PaperWaiver": _obj(["note"], note=STR),
        "PaperWaived": {
            "allOf": [
                {"$ref": "#/components/schemas/Application"},
                _obj(
                    ["papers_status"],
                    papers_status={"type": "array", "items": {"$ref": "#/components/schemas/PaperState"}},
                ),
            ]
        },
        "ConsentCodeRequest": _obj(["phone"], phone=STR),
        "ConsentCodeSent": _obj(["sent", "expires_in"], sent={"type": "boolean"}, expires_in=INT),
    }


def paths() -> dict[str, Any]:
    case = _param("case_id", "path")
    gateway = _param("gateway", "path")
    return {
        "/v1/applications/{case_id}/payment": {
            "post": _op(
                "Open a checkout for the case's fee (applicant)",
                (201, "Checkout"),
                body="PaymentStart",
                auth=True,
                params=[case, IDEMPOTENCY],
                errors=(404, 409, 415, 422, 503),
            ),
            "get": _op("Receipt of the confirmed payment", (200, "Receipt"), auth=True, params=[case], errors=(404,)),
        },
        "/v1/payments/{gateway}/ipn": {
            "post": _op(
                "Gateway notification: the payment is confirmed with the gateway before anything changes",
                (200, "PaymentOutcome"),
                body="GatewayCallback",
                params=[gateway],
                errors=(400, 404, 409, 503),
            )
        },
        "/v1/payments/{gateway}/return/{payment_id}": {
            verb: {
                "summary": "Where the browser returns from the gateway (HTML)",
                "parameters": [gateway, _param("payment_id", "path")],
                **(
                    {"requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": ANY_OBJ}}}}
                    if verb == "post"
                    else {}
                ),
                "responses": {
                    str(status): {"description": "HTML page", "content": {"text/html": {"schema": STR}}}
                    # not confirmed: the problem's status, as a page (no such payment 404, refused
                    # 400, mismatch 409, body too large 413, gateway unreachable 503)
                    for status in (200, 400, 404, 409, 413, 503)
                },
            }
            for verb in ("get", "post")
        },
        "/v1/applications/{case_id}/consents": {
            "post": _op(
                "An heir consents with the SMS code (public; attempts limited)",
                (200, "ConsentResult"),
                body="ConsentGiven",
                params=[case],
                errors=(401, 415, 422, 429),
            )
        },
        "/v1/applications/{case_id}/papers/{code}/waiver": {
            "post": _op(
                "The secretary waives a required paper with a note (idempotent; recorded on the timeline)",
                (200, "PaperWaived"),
                body="PaperWaiver",
                auth=True,
                params=[case, _param("code", "path")],
                errors=(404, 409, 415, 422),
            )
        },
        "/v1/me/papers": {
            "post": _op(
                "Start uploading a paper (presigned POST)",
                (201, "Paper"),
                body="PaperStart",
                auth=True,
                errors=(415, 422),
            ),
            "get": _op("My papers", (200, "PaperList"), auth=True),
        },
        "/v1/me/papers/{paper_id}/complete": {
            "post": {
                **_op(
                    "Check the uploaded bytes and accept the paper",
                    (200, "Paper"),
                    auth=True,
                    params=[_param("paper_id", "path")],
                    errors=(404, 409, 422),
                ),
                "requestBody": {"required": False, "content": {"application/json": {"schema": ANY_OBJ}}},
            }
        },
        "/v1/udc/consent-codes": {
            "post": _op(
                "UDC operator: send the citizen a code to consent to filing for them",
                (202, "ConsentCodeSent"),
                body="ConsentCodeRequest",
                auth=True,
                errors=(415, 422, 429),
            )
        },
    }
