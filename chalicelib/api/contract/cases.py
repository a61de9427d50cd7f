"""Models of a case's routes: applications and their actions, papers, payments, heirs' consent,
UDC filing, certificates and revocation."""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired

from pydantic import Field as Described
from typing_extensions import TypedDict

from chalicelib.api.contract.holdings import FloorIn
from chalicelib.api.contract.public import Fee, Whole


def _statuses(schema: dict[str, Any]) -> None:
    """A case's status: one of the workflows' (data, read when the document is built)."""
    from chalicelib.domain.workflow import workflows

    schema["enum"] = sorted(workflows().statuses)


def _reasons(schema: dict[str, Any]) -> None:
    from chalicelib.domain.trustlists import REVOCATION_REASONS

    schema["enum"] = list(REVOCATION_REASONS)
    schema["default"] = "other"


def _method_codes(schema: dict[str, Any]) -> None:
    from chalicelib.domain.payment_methods import CODES

    schema["enum"] = list(CODES)


ReasonCode = Annotated[
    str,
    Described(
        json_schema_extra=_reasons,
        description="revoke only: the category the status list publishes (the reason's text stays with the case)",
    ),
]


class OnBehalfOf(TypedDict):
    phone: NotRequired[str]
    code: NotRequired[str]


class NewApplication(TypedDict):
    office_id: str
    type: str
    ward: Whole
    # The catalog's form: an open object, checked by domain/forms.py with its own messages.
    fields: Annotated[dict[str, Any], Described(description="values for the type's form fields")]
    draft: NotRequired[bool]
    on_behalf_of: NotRequired[
        Annotated[
            OnBehalfOf, Described(description="UDC operators: the citizen's phone and the consent code sent to it")
        ]
    ]
    papers: NotRequired[
        Annotated[dict[str, Any], Described(description="document code → paper id (GET /v1/me/papers)")]
    ]
    holding_number: NotRequired[
        Annotated[str, Described(description="where the office requires a paid-up holding for the type")]
    ]
    holding_id: NotRequired[str]


class Application(TypedDict):
    id: str
    tracking_no: str
    office_id: NotRequired[str]
    type: NotRequired[str]
    ward: NotRequired[int]
    status: Annotated[str, Described(json_schema_extra=_statuses)]
    status_bn: NotRequired[str]
    status_en: NotRequired[str]
    version: int
    fee: Fee
    created_at: NotRequired[str]
    updated_at: NotRequired[str]
    due_on: NotRequired[str]
    certificate_no: NotRequired[str | None]
    actions: NotRequired[list[str]]
    name_bn: NotRequired[str | None]
    overdue: NotRequired[bool]


class ApplicationList(TypedDict):
    items: list[Application]
    next_cursor: str | None
    counts: NotRequired[
        Annotated[
            dict[str, int] | None,
            Described(description="office queue only: cases per status, kept from the case stream"),
        ]
    ]


TimelineEvent = TypedDict(
    "TimelineEvent",
    {
        "seq": int,
        "action": str,
        "from": NotRequired[str | None],
        "to": str,
        "by": NotRequired[dict[str, Any]],
        "note": NotRequired[str],
        "paper": NotRequired[str | None],
        "at": str,
        # a "pay" event: how, for people (bkash, card, ...); the note keeps the gateway's text
        "method": NotRequired[str],
    },
)


class PaperState(TypedDict):
    code: str
    name_bn: str
    name_en: str
    required: bool
    state: Literal["attached", "missing", "waived"]
    url: NotRequired[str]
    waiver: NotRequired[dict[str, Any]]


class Clearance(TypedDict):
    """Where the holding an application names stands today (offices requiring a paid-up holding)."""

    holding_id: str
    number: str
    due: Annotated[int, Described(description="poisha fallen due and unpaid")]
    paid_up: bool


class ApplicationDetail(Application):
    fields: dict[str, Any]
    clearance: NotRequired[Clearance | None]
    filed_by: NotRequired[dict[str, Any]]
    signatory: NotRequired[str]
    timeline: list[TimelineEvent]
    papers_status: NotRequired[list[PaperState]]
    actions: list[str]  # type: ignore[misc]  # required here


class ReviewFacts(TypedDict):
    """Review of an assessment objection by revised facts instead of a value (decision 73)."""

    construction_class: Annotated[str, Described(description="a construction class the office's schedule prices")]
    floors: list[FloorIn]


class Action(TypedDict):
    action: str
    version: Whole
    note: NotRequired[str]
    fields: NotRequired[dict[str, Any]]
    reason_code: NotRequired[ReasonCode]
    annual_value: NotRequired[
        Annotated[int, Described(description="review of an assessment objection: the annual value decided, poisha")]
    ]
    facts: NotRequired[ReviewFacts]


class Revoke(TypedDict):
    reason: str
    reason_code: NotRequired[ReasonCode]


class Revocation(TypedDict):
    certificate_no: str
    status: str
    case: NotRequired[dict[str, Any]]


class CertificateLink(TypedDict):
    certificate_no: str
    url: str
    expires_in: int


class CertificatePreview(TypedDict):
    content_type: Literal["application/pdf"]
    pdf_base64: str


class OfficeQueueQuery(TypedDict):
    status: NotRequired[str]
    type: NotRequired[str]
    ward: NotRequired[Whole]  # digits in any script, as api/http.py int_param reads them


class PaymentStart(TypedDict):
    method: Literal["sslcommerz", "bkash"]


class CheckoutAmount(TypedDict):
    total: int
    currency: str


class Checkout(TypedDict):
    payment_id: str
    redirect_url: str
    gateway: str
    amount: CheckoutAmount


class Receipt(TypedDict):
    receipt_no: str
    tracking_no: str
    office_id: NotRequired[str]
    type: NotRequired[str]
    fee: NotRequired[dict[str, Any]]
    amount: int
    currency: str
    gateway: str
    method: NotRequired[str]
    method_code: NotRequired[Annotated[str, Described(json_schema_extra=_method_codes)]]
    gateway_txn: NotRequired[str]
    recorded_by: NotRequired[str | None]
    recorded_by_name: NotRequired[
        Annotated[
            dict[str, Any] | None,
            Described(description="who took cash at the counter, as a printed receipt names them"),
        ]
    ]
    state: str
    paid_at: NotRequired[str | None]
    refund: NotRequired[dict[str, Any] | None]


# What the gateway posts (form or JSON); trusted only to name the payment.
GatewayCallback = dict[str, str]


class PaymentOutcome(TypedDict):
    payment_id: str
    state: str
    already_settled: bool


class ConsentGiven(TypedDict):
    phone: str
    code: str


class ConsentResult(TypedDict):
    tracking_no: str
    consented: bool


class ConsentLinkOpen(TypedDict):
    token: str


class HeirName(TypedDict):
    name_bn: str | None


class ConsentLinkView(TypedDict):
    tracking_no: str
    type: str
    type_name_bn: NotRequired[str]
    type_name_en: NotRequired[str]
    deceased_name_bn: str | None
    deceased_name_en: NotRequired[str | None]
    heirs: list[HeirName]


class PaperStart(TypedDict):
    document: str
    content_type: Literal["application/pdf", "image/jpeg", "image/png"]
    size: Whole


class Upload(TypedDict):
    url: str
    fields: dict[str, Any]


class Paper(TypedDict):
    id: str
    document: str
    content_type: str
    size: int
    state: str
    created_at: NotRequired[str]
    upload: NotRequired[Upload]


class PaperList(TypedDict):
    items: list[Paper]
    next_cursor: str | None


class PaperWaiver(TypedDict):
    note: str


class PaperWaived(Application):
    papers_status: list[PaperState]


class ConsentCodeRequest(TypedDict):
    phone: str


class ConsentCodeSent(TypedDict):
    sent: bool
    expires_in: int
