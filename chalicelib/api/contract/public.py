"""Models of the public routes: problems, the catalog, offices and charters, verification, trust
and status lists, agency lookups."""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired

from pydantic import BeforeValidator
from pydantic import Field as Described
from typing_extensions import TypedDict


def _digits(value: Any) -> Any:
    """Text of digits in any script (Bengali ৩, fullwidth, ...) as the number the domain reads."""
    from chalicelib.domain.canonical import ascii_digits

    if isinstance(value, str):
        digits = ascii_digits(value).strip()
        return int(digits) if digits.isascii() and digits.isdigit() else value
    return value


# A whole number in a request: the domain checks read digits in any script as the number.
Whole = Annotated[int, BeforeValidator(_digits)]


class FieldError(TypedDict):
    field: str
    message: str
    message_bn: NotRequired[str]


class Problem(TypedDict):
    type: NotRequired[str]
    status: int
    code: str
    title: str
    title_bn: str
    detail: str
    errors: NotRequired[list[FieldError]]
    retry_after: NotRequired[
        Annotated[int, Described(description="429: seconds to wait, as in the Retry-After header")]
    ]
    detail_bn: NotRequired[str]


class Health(TypedDict):
    status: str


class Accepted(TypedDict):
    status: str


class Fee(TypedDict):
    office_fee: int
    platform_fee: int
    total: int
    currency: Literal["BDT"]


class Field(TypedDict):
    name: str
    label_bn: str
    label_en: str
    type: str
    required: bool
    validation: NotRequired[dict[str, Any]]
    options: NotRequired[list[Any]]
    columns: NotRequired[list[Any]]
    autocomplete: NotRequired[
        Annotated[Literal["bday"], Described(description="the browser may offer the user's own birthday")]
    ]


class CertificateTypeSummary(TypedDict):
    code: str
    name_bn: str
    name_en: str
    category: str
    fee: Fee
    sla_days: int


class CertificateTypeSummaryList(TypedDict):
    items: list[CertificateTypeSummary]
    next_cursor: str | None


class CertificateType(CertificateTypeSummary):
    description_bn: NotRequired[str]
    description_en: NotRequired[str]
    fields: list[Field]
    require_one_of: NotRequired[list[Any]]
    documents: list[Any]
    workflow: str
    signatory: str
    validity: dict[str, Any]
    policy: dict[str, Any]
    requires_heir_consent: NotRequired[bool]


class Office(TypedDict):
    office_id: str
    kind: Literal["union", "pourashava", "city_corporation"]
    name_bn: str
    name_en: str
    division_id: NotRequired[str]
    district_id: NotRequired[str]
    upazila_id: NotRequired[str | None]
    area: NotRequired[dict[str, Any]]
    wards: NotRequired[int]
    head_designation: NotRequired[str]
    overrides: NotRequired[dict[str, Any]]
    contact: NotRequired[dict[str, Any]]
    popular: NotRequired[
        Annotated[
            list[str],
            Described(description="one office: type codes to list first, its most requested (order only, no counts)"),
        ]
    ]
    matched: NotRequired[
        Annotated[
            Literal["name", "upazila", "district"],
            Described(description="a name search's result: which of the office's names the query found"),
        ]
    ]


class OfficeList(TypedDict):
    items: list[Office]
    next_cursor: str | None


class CharterItem(TypedDict):
    type: str
    name_bn: NotRequired[str]
    name_en: NotRequired[str]
    documents: list[Any]
    fee: Fee
    sla_days: int
    responsible_officer: str
    signatory: NotRequired[str]
    escalation_officer: dict[str, Any]


class Charter(TypedDict):
    office: Office
    items: list[CharterItem]


class OfficesQuery(TypedDict):
    q: NotRequired[str]
    kind: NotRequired[str]
    district: NotRequired[str]
    upazila: NotRequired[str]


class Verification(TypedDict):
    certificate_no: str
    status: Literal["valid", "revoked", "expired", "cancelled"]  # cancelled: a receipt
    status_bn: NotRequired[str]
    status_en: NotRequired[str]
    type: str
    type_name_bn: NotRequired[str]
    type_name_en: NotRequired[str]
    office: dict[str, Any]
    issued_on: str
    expires_on: NotRequired[str | None]
    holder: Annotated[str, Described(description="masked name")]
    amount: NotRequired[Annotated[int | None, Described(description="a receipt's amount, poisha")]]


class SignedList(TypedDict):
    format: str
    cose: Annotated[str, Described(description="base64 COSE_Sign1")]
    content: NotRequired[str]
    list_id: NotRequired[str]
    size: NotRequired[int]
    issued_at: NotRequired[str]
    root: NotRequired[dict[str, Any]]
    keys: NotRequired[list[Any]]


class OfficeNames(TypedDict):
    format: Literal["sonod-office-names/1"]
    issued_at: str
    offices: dict[str, Annotated[list[str], Described(min_length=2, max_length=2)]]


TrustListForm = SignedList | OfficeNames


class TrustListQuery(TypedDict):
    form: NotRequired[Annotated[Literal["full", "keys", "names"], Described(json_schema_extra={"default": "full"})]]


class AgencyLookup(TypedDict):
    certificate_no: str
    holder_dob: NotRequired[str]
    nid_last4: NotRequired[str]
    purpose: str


class AgencyResult(TypedDict):
    certificate_no: NotRequired[str]
    status: str
    type: str
    office: dict[str, Any]
    issued_at: str
    expires_on: NotRequired[str | None]
    holder_name: str
    pdf_url: str
    pdf_url_expires_in: NotRequired[int]


class OutboxMessage(TypedDict):
    sent_at: str
    text: str
    purpose: str


class OutboxMessageList(TypedDict):
    items: list[OutboxMessage]
    next_cursor: str | None


class OutboxQuery(TypedDict):
    phone: str
