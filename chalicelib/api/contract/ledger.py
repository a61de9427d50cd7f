"""Models of a holding's ledger routes (DESIGN §10; decision 68): dues, bills, payments,
adjustments, receipts and their cancellation. Money is integer poisha, dates ISO, stamps UTC ISO."""

from __future__ import annotations

from typing import Annotated, Literal, NotRequired

from pydantic import Field as Described
from typing_extensions import TypedDict

from chalicelib.api.contract.public import Whole

Poisha = Annotated[Whole, Described(description="poisha (1 taka = 100 poisha), more than zero")]


class DueLine(TypedDict):
    line_id: str
    fiscal_year: str
    head: str
    head_name: str
    head_name_bn: str
    instalment: int
    due_on: str
    kind: Literal["arrear", "surcharge", "current"]
    amount: int
    paid: int
    outstanding: int
    rebate: Annotated[int, Described(description="off if the whole line is paid today (a part payment earns none)")]
    surcharge: int
    payable: int


class Dues(TypedDict):
    holding_id: str
    as_of: str
    lines: list[DueLine]
    total_due: Annotated[int, Described(description="what the ledger is owed: what a payment settles")]
    total_payable: Annotated[
        int, Described(description="priced today, rebates off and surcharges on: what paying everything today costs")
    ]
    advance: int
    minimum_payment: Annotated[int, Described(description="the smallest part payment, at most total_payable")]


class Bill(TypedDict):
    bill_id: str
    holding_id: str
    office_id: str
    lines: list[DueLine]
    total: int
    total_due: int
    created_at: str
    due_by: Annotated[str, Described(description="the last day (Bangladesh) the amounts hold")]
    expires_at: str


class HoldingPayment(TypedDict):
    method: Literal["cash", "sslcommerz", "bkash"]
    amount: Poisha
    as_of: NotRequired[
        Annotated[
            str,
            Described(
                description="the dues' as_of the amount was read from: a 409 dues_changed if today's total differs",
                pattern=r"^\d{4}-\d{2}-\d{2}$",
            ),
        ]
    ]


class HoldingCheckout(TypedDict):
    payment_id: str
    redirect_url: str


class Allocation(TypedDict):
    line_id: str
    fiscal_year: str
    head: str
    instalment: int
    kind: str
    poisha: int
    rebate: Annotated[int, Described(description="the rebate the payment earned on the line (decision 72)")]


class Cancellation(TypedDict):
    reason: str
    by: str
    at: str


class ReceiptView(TypedDict):
    receipt_no: str
    holding_id: str
    office_id: str
    holding_number: str
    ward: int
    payer_name: str
    amount: int
    allocations: list[Allocation]
    advance: int
    method: str
    received_by: str
    received_at: str
    status: Literal["issued", "cancelled"]
    cancellation: Cancellation | None
    booked: Annotated[list[Allocation], Described(description="surcharge lines the payment demanded")]
    pdf_url: str | None


class NewAdjustment(TypedDict):
    reason_code: Literal["waiver", "remission", "write_off", "court_settlement", "correction"]
    amount: Poisha
    note: Annotated[str, Described(description="why, 1 to 500 characters")]
    line_id: NotRequired[str | None]


class Settled(TypedDict):
    line_id: str
    poisha: int


class Adjustment(TypedDict):
    adjustment_id: str
    settled: list[Settled]
    total_due: int


class ReceiptCancel(TypedDict):
    reason: Annotated[str, Described(description="why, 3 to 500 characters")]


# POST /v1/holdings/{id}/payments answers a receipt (cash) or a checkout (online)
PaymentAnswer = ReceiptView | HoldingCheckout
