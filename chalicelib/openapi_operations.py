"""OpenAPI for running the country: office settings and staff, signatory handover, monitoring counters.
Merged into the document by chalicelib/openapi.py."""

from __future__ import annotations

from typing import Any

from chalicelib.openapi import ANY_OBJ, INT, PAGE, STR, _obj, _op, _param

NUMBER_OR_NULL = {"type": ["number", "null"]}
NULL = {"type": "null"}


def schemas() -> dict[str, Any]:
    counters = _obj(
        ["area", "received", "issued", "rejected", "overdue", "median_days_to_issue"],
        area=STR,
        name_bn=STR,
        name_en=STR,
        received=INT,
        issued=INT,
        rejected=INT,
        overdue=INT,
        median_days_to_issue=NUMBER_OR_NULL,
    )
    staff = _obj(
        ["username", "role", "office_id", "name_bn", "name_en", "active"],
        username=STR,
        role=STR,
        office_id=STR,
        ward={"type": ["integer", "null"]},
        name_bn=STR,
        name_en=STR,
        designation_bn=STR,
        active={"type": "boolean"},
        retired_at={"type": ["string", "null"]},
        retired_reason={"type": ["string", "null"]},
        must_change_password={"type": "boolean"},
        signs={"type": "boolean"},
    )
    return {
        "OfficeSettings": _obj(
            [],
            overrides={"type": "object", "description": "type code → {fee_poisha, sla_days, signatory}"},
            wards=INT,
            policies=_obj([], refund_on_reject={"enum": ["office_fee", "full", "none"]}),
            contact=_obj([], phone=STR, email=STR, address_bn=STR),
        ),
        "Handover": _obj(
            ["role", "username", "password", "name_bn", "name_en"],
            role={"enum": ["signatory", "ward_member"]},
            ward=INT,
            replaces={"type": ["string", "null"], "description": "the holder you saw in the seat (409 if changed)"},
            username=STR,
            password=STR,
            name_bn=STR,
            name_en=STR,
            designation_bn=STR,
        ),
        "HandedOver": _obj(
            ["username", "role", "kid", "valid_from", "retired"],
            username=STR,
            role=STR,
            ward={"type": ["integer", "null"]},
            kid={"type": ["string", "null"], "description": "null: a ward member where the head signs every type"},
            valid_from={"type": ["string", "null"]},
            retired={"type": "array", "items": STR},
        ),
        "NewStaff": _obj(
            ["role", "username", "password", "name_bn", "name_en"],
            role={"enum": ["secretary", "udc_operator", "office_admin"]},
            username=STR,
            password=STR,
            name_bn=STR,
            name_en=STR,
            designation_bn=STR,
        ),
        "Staff": staff,
        "StaffList": _obj(["items", "next_cursor"], items={"type": "array", "items": staff}, next_cursor=NULL),
        "NewPassword": _obj(["password"], password=STR),
        "Deactivation": _obj(["reason"], reason=STR),
        "PasswordChange": _obj(["current_password", "new_password"], current_password=STR, new_password=STR),
        "PasswordChanged": _obj(["status"], status={"enum": ["changed"]}),
        "AreaCounters": counters,
        "AreaReport": _obj(
            ["area", "period", "totals", "items", "next_cursor"],
            area=STR,
            period=STR,
            totals=counters,
            items={"type": "array", "items": counters},
            next_cursor={"type": ["string", "null"]},
        ),
    }


def paths() -> dict[str, Any]:
    office = _param("office_id", "path")
    return {
        "/v1/offices/{office_id}/settings": {
            "put": _op(
                "Change an office's fees, time limits, signatories, wards, refund policy, contact (office admin, LGD)",
                (200, "Office"),
                body="OfficeSettings",
                auth=True,
                params=[office],
                errors=(404, 415, 422),
            )
        },
        "/v1/offices/{office_id}/signatories": {
            "post": _op(
                "Hand over a signatory role: new account and key, the previous holder retired",
                (201, "HandedOver"),
                body="Handover",
                auth=True,
                params=[office],
                errors=(404, 409, 415, 422),
            )
        },
        "/v1/offices/{office_id}/staff": {
            "get": _op(
                "An office's staff, active first (office admin, LGD)", (200, "StaffList"), auth=True, params=[office]
            ),
            "post": _op(
                "Add a secretary or UDC operator (office admin), or an office admin (LGD)",
                (201, "Staff"),
                body="NewStaff",
                auth=True,
                params=[office],
                errors=(404, 409, 415, 422),
            ),
        },
        "/v1/offices/{office_id}/staff/{username}/deactivate": {
            "post": _op(
                "Deactivate a staff account, with the reason (signing seats change by handover instead)",
                (200, "Staff"),
                body="Deactivation",
                auth=True,
                params=[office, _param("username", "path")],
                errors=(404, 409, 415, 422),
            )
        },
        "/v1/offices/{office_id}/staff/{username}/password": {
            "put": _op(
                "Set a new password for a staff member who forgot theirs (office admin, LGD)",
                (200, "Staff"),
                body="NewPassword",
                auth=True,
                params=[office, _param("username", "path")],
                errors=(404, 409, 415, 422),
            )
        },
        "/v1/offices/{office_id}/staff/{username}/unlock": {
            "post": {
                **_op(
                    "Lift a sign-in lock-out: the account's failed sign-ins are forgotten (office admin, LGD)",
                    (200, "Staff"),
                    auth=True,
                    params=[office, _param("username", "path")],
                    errors=(404,),
                ),
                "requestBody": {"required": False, "content": {"application/json": {"schema": ANY_OBJ}}},
            }
        },
        "/v1/auth/password": {
            "post": _op(
                "An official chooses their own password (asked to after an admin set one: must_change_password)",
                (200, "PasswordChanged"),
                body="PasswordChange",
                auth=True,
                errors=(415, 422, 429),
            )
        },
        "/v1/stats": {
            "get": _op(
                "Monitoring: an area's counters and its children's (monitors; no personal data)",
                (200, "AreaReport"),
                auth=True,
                params=[_param("area"), _param("period"), *PAGE],
                errors=(404, 422),
            )
        },
    }
