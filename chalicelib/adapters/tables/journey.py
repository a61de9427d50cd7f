"""The citizen's journey around a case: SMS notices, heir consents, payments, uploaded papers."""

from __future__ import annotations

from pynamodb.attributes import JSONAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.adapters.tables.base import _S, KeptForYears, Shared

PENDING = "pending"  # the one partition of the sparse "still to do" indexes below


class NoticesDue(GlobalSecondaryIndex["Notice"]):
    """Sparse: only notices still to be sent carry `due`, so the retry job reads just those."""

    class Meta:
        index_name = "by_due"
        projection = AllProjection()

    due = UnicodeAttribute(hash_key=True)
    next_attempt_at = NumberAttribute(range_key=True)


class Notice(Model):
    """One SMS the system owes someone. Its id names the event it tells of (`case#<id>#<version>`,
    `consent#<case>#<heir>`), so a redelivered stream record finds it written and sends nothing."""

    class Meta(Shared):
        table_name = _S.table_name("notices")

    notice_id = UnicodeAttribute(hash_key=True)
    phone = UnicodeAttribute()  # personal data: an attribute, never a key
    text = UnicodeAttribute()
    purpose = UnicodeAttribute()
    state = UnicodeAttribute(default="pending")  # pending, sending, sent, failed, replaced (by a later notice)
    attempts = NumberAttribute(default=0)
    lease_until = NumberAttribute(default=0)  # a sender holds the notice until then
    due = UnicodeAttribute(null=True)  # PENDING while unsent (sparse index key)
    next_attempt_at = NumberAttribute(null=True)
    created_at = UnicodeAttribute()
    sent_at = UnicodeAttribute(null=True)
    expires_at = NumberAttribute()  # TTL: notices are kept 90 days
    by_due = NoticesDue()


class HeirConsent(Model):
    """One heir's consent to an inheritance case: a code sent by SMS, then the answer."""

    class Meta(Shared):
        table_name = _S.table_name("heir-consents")

    case_id = UnicodeAttribute(hash_key=True)
    heir_key = UnicodeAttribute(range_key=True)  # keyed hash of the heir's phone
    phone = UnicodeAttribute()
    row = NumberAttribute()  # the heir's row in the case's heirs table
    code_hash = UnicodeAttribute()
    attempts = NumberAttribute(default=0)
    state = UnicodeAttribute(default="requested")  # requested, given
    requested_at = UnicodeAttribute()
    given_at = UnicodeAttribute(null=True)


class ConsentLink(Model):
    """The short link in an heir's consent SMS (issue 12): a random token, of which only a keyed hash
    is stored, that opens the consent page with the deceased's and the heirs' names."""

    class Meta(Shared):
        table_name = _S.table_name("consent-links")

    link_hash = UnicodeAttribute(hash_key=True)  # keyed hash of the token in the link
    case_id = UnicodeAttribute()
    expires_at = NumberAttribute()  # TTL; the link answers 404 once past it


class PaymentsOpen(GlobalSecondaryIndex["Payment"]):
    """Sparse: payments with something left to do (settle, refund), by when to look next, for the
    reconciliation job; one that cannot be settled now moves to the back (`check_at` later)."""

    class Meta:
        index_name = "by_open"
        projection = AllProjection()

    open = UnicodeAttribute(hash_key=True)
    check_at = UnicodeAttribute(range_key=True)


class Payment(Model):
    """One attempt to pay a case's fee: online through a gateway, or cash recorded at a counter."""

    class Meta(KeptForYears):
        table_name = _S.table_name("payments")

    payment_id = UnicodeAttribute(hash_key=True)  # our id, sent to the gateway as its transaction id
    case_id = UnicodeAttribute()
    gateway = UnicodeAttribute()  # sslcommerz, bkash, cash
    amount = NumberAttribute()  # poisha
    currency = UnicodeAttribute(default="BDT")
    state = UnicodeAttribute()  # initiated, paid, failed, cancelled
    gateway_ref = UnicodeAttribute(default="")  # session key / paymentID
    redirect_url = UnicodeAttribute(null=True)  # where the citizen pays: answered again to a retried start
    confirmation = JSONAttribute(default=dict)  # what the gateway said when it confirmed
    refund = JSONAttribute(null=True)  # {state, amount, ref, at}: the receipt's view of the refund
    refund_state = UnicodeAttribute(null=True)  # sending (leased), retry, refunded, pending, failed
    refund_lease_until = NumberAttribute(null=True)
    # Written under the lease just before a refund request leaves, and never removed: once a request
    # may have reached the gateway, no other is sent before the gateway is asked (services/refunds.py).
    refund_sent_at = UnicodeAttribute(null=True)
    refund_reference = UnicodeAttribute(null=True)  # ours, sent with the request (SSLCommerz refe_id)
    refund_attempts = NumberAttribute(null=True)  # requests sent; more than one means a retry was needed
    refund_gateway_ref = UnicodeAttribute(null=True)  # the gateway's id for the refund, to ask by
    recorded_by = UnicodeAttribute(null=True)  # cash: the operator's username
    # A newer checkout replaced this one (one open checkout per case): it is still asked about, and
    # money for it still counts, but nobody is sent to pay it any more.
    superseded_by = UnicodeAttribute(null=True)
    # Paid for a case that no longer waited for it: the payment that had settled the case ("" when
    # none had: the case was closed); refunded in full (services/payments.py, refunds.py).
    surplus_of = UnicodeAttribute(null=True)
    open = UnicodeAttribute(null=True)  # PENDING while something is left to do (sparse index key)
    check_at = UnicodeAttribute(null=True)  # when reconciliation looks next
    created_at = UnicodeAttribute()
    paid_at = UnicodeAttribute(null=True)
    by_open = PaymentsOpen()


class Paper(Model):
    """A paper a citizen uploaded once (S3 `papers/<citizen id>/<paper id>`) and reuses. A paper
    scanned at a UDC counter waits under the operator's counter key (`incoming/` only) until the
    filing moves it to the citizen (services/papers.py, `from_counter`)."""

    class Meta(Shared):
        table_name = _S.table_name("papers")

    citizen_id = UnicodeAttribute(hash_key=True)
    paper_id = UnicodeAttribute(range_key=True)
    document = UnicodeAttribute()  # the catalog's document code, e.g. applicant_nid_copy
    content_type = UnicodeAttribute()
    size = NumberAttribute(default=0)
    state = UnicodeAttribute(default="awaiting_upload")  # awaiting_upload, ready; at a counter: filed
    created_at = UnicodeAttribute()
    etag = UnicodeAttribute(null=True)  # a counter paper: the checked upload, copied only if unchanged
