"""The route table, running offices: settings, staff, signatory handover, monitoring (see routes.py)."""

from __future__ import annotations

from chalicelib.api.contract import accounts as a
from chalicelib.api.contract import public as p
from chalicelib.api.contract.routes import Op

OFFICE = "/v1/offices/{office_id}"
STAFF = f"{OFFICE}/staff/{{username}}"

OFFICES: tuple[Op, ...] = (
    Op(
        "PUT",
        f"{OFFICE}/settings",
        "Change an office's fees, time limits, signatories, wards, refund policy, contact (office admin, LGD)",
        (200, p.Office),
        body=a.OfficeSettings,
        auth="bearer",
        errors=(404, 415, 422),
    ),
    Op(
        "POST",
        f"{OFFICE}/signatories",
        "Hand over a signatory role: new account and key, the previous holder retired",
        (201, a.HandedOver),
        body=a.Handover,
        auth="bearer",
        errors=(404, 409, 415, 422),
    ),
    Op(
        "GET",
        f"{OFFICE}/staff",
        "An office's staff, active first (office admin, LGD)",
        (200, a.StaffList),
        auth="bearer",
    ),
    Op(
        "POST",
        f"{OFFICE}/staff",
        "Add a secretary or UDC operator (office admin), or an office admin (LGD)",
        (201, a.Staff),
        body=a.NewStaff,
        auth="bearer",
        errors=(404, 409, 415, 422),
    ),
    Op(
        "POST",
        f"{STAFF}/deactivate",
        "Deactivate a staff account, with the reason (signing seats change by handover instead)",
        (200, a.Staff),
        body=a.Deactivation,
        auth="bearer",
        errors=(404, 409, 415, 422),
    ),
    Op(
        "PUT",
        f"{STAFF}/password",
        "Set a new password for a staff member who forgot theirs (office admin, LGD)",
        (200, a.Staff),
        body=a.NewPassword,
        auth="bearer",
        errors=(404, 409, 415, 422),
    ),
    Op(
        "POST",
        f"{STAFF}/unlock",
        "Lift a sign-in lock-out: the account's failed sign-ins are forgotten (office admin, LGD)",
        (200, a.Staff),
        auth="bearer",
        optional_body=True,
        errors=(404,),
    ),
    Op(
        "GET",
        "/v1/stats",
        "Monitoring: an area's counters and its children's (monitors; no personal data)",
        (200, a.AreaReport),
        auth="bearer",
        query=a.StatsQuery,
        paged=True,
        errors=(404, 422),
    ),
)
