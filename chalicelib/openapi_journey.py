"""OpenAPI for the citizen's journey around a case: payments, heir consent, papers, UDC filing.
Merged into the document by chalicelib/openapi.py."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.payment_methods import CODES as METHOD_CODES
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
            method_code={"type": "string", "enum": list(METHOD_CODES)},
            gateway_txn=STR,
            recorded_by={"type": ["string", "null"]},
            recorded_by_name={
                "type": ["object", "null"],
                "description": "who took cash at the counter, as a printed receipt names them",
            },
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
        "ConsentLinkOpen": _obj(["token"], token=STR),
        "ConsentLinkView": _obj(
            ["tracking_no", "type", "deceased_name_bn", "heirs"],
            tracking_no=STR,
            type=STR,
            type_name_bn=STR,
            type_name_en=STR,
            deceased_name_bn={"type": ["string", "null"]},
            deceased_name_en={"type": ["string", "null"]},
            heirs={"type": "array", "items": _obj(["name_bn"], name_bn={"type": ["string", "null"]})},
        ),
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
                "summary": "Where the browser returns from the gateway: settled, then sent to the web app",
                "parameters": [gateway, _param("payment_id", "path")],
                **(
                    {"requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": ANY_OBJ}}}}
                    if verb == "post"
                    else {}
                ),
                "responses": {
                    # Always back to the service, whatever became of the payment (an unknown one
                    # too): /#/applications?payment=paid|failed|cancelled|pending|unknown[&ref=...]
                    "303": {
                        "description": "To the citizen's applications in the web app, with the outcome",
                        "headers": {"Location": {"required": True, "schema": STR}},
                    }
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
        "/v1/consent-links": {
            "post": _op(
                "The names on an inheritance case (deceased, heirs) for the link in an heir's consent SMS"
                " (public; unknown links limited per address)",
                (200, "ConsentLinkView"),
                body="ConsentLinkOpen",
                errors=(404, 415, 422, 429),
            )
        },
        "/v1/me/papers": {
            "post": _op(
                "Start uploading a paper (presigned POST); a UDC operator's scans wait for their filing",
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
