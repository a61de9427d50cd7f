"""How a fee was paid, as a code a person's words are chosen by (issue 12 item 6): the gateways
name methods in their own way (SSLCommerz's card_type "BKASH-BKash", "VISA-Dutch Bangla",
"CITYTOUCHIB-City Bank"; bKash "bKash"), and that raw text stays on the record for audit. The web
app shows `paymethod.<code>` (web/app/i18n.mjs): বিকাশ / bKash, কার্ড / Card, ...
"""

from __future__ import annotations

CODES = ("bkash", "nagad", "rocket", "upay", "card", "bank", "cash", "online")

# SSLCommerz card_type: "<CODE>-<bank or brand>"; the code before the dash names the method.
_BY_PREFIX = {
    "BKASH": "bkash",
    "NAGAD": "nagad",
    "DBBLMOBILEB": "rocket",
    "ROCKET": "rocket",
    "UPAY": "upay",
    "VISA": "card",
    "MASTER": "card",
    "MASTERCARD": "card",
    "AMEX": "card",
    "UNIONPAY": "card",
    "DINERS": "card",
    "NEXUS": "card",
}


def method_code(gateway: str, method: str) -> str:
    """(gateway, the gateway's method text) → one of CODES; "online" when it says nothing we know."""
    if gateway in ("cash", "bkash"):
        return gateway
    head = method.split("-", 1)[0].strip().upper()
    if head in _BY_PREFIX:
        return _BY_PREFIX[head]
    if head.endswith("IB") and len(head) > 2:  # internet banking: CITYTOUCHIB, IBBLIB, MTBIB, ...
        return "bank"
    return "online"


def pay_note(gateway: str, method: str) -> str:
    """The timeline note of a confirmed online payment: the gateway and its method, as they said."""
    return f"{gateway} {method}".strip()


def method_of_note(note: str) -> str:
    """The code of a `pay_note`."""
    gateway, _, method = note.partition(" ")
    return method_code(gateway, method)
