"""Heir consents in DynamoDB: asked once per heir (with the SMS that carries the code), answered once."""

from __future__ import annotations

from dataclasses import dataclass

from pynamodb.exceptions import DoesNotExist, TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from chalicelib.adapters.notices import NoticeRecord, row_of
from chalicelib.adapters.row_reads import RowRead
from chalicelib.adapters.tables import ConsentLink, HeirConsent, Notice

MAX_ATTEMPTS = 5
CONSENT_FIELDS = ("phone", "row", "code_hash", "requested_at")  # an Ask's, as the consent row keeps them


@dataclass(frozen=True)
class Consent:
    """One heir's consent to an inheritance case: asked with a code by SMS, then answered."""

    case_id: str
    heir_key: str  # keyed hash of the heir's phone
    phone: str
    row: int  # the heir's row in the case's heirs table
    code_hash: str
    attempts: int
    state: str  # requested, given
    requested_at: str
    given_at: str | None = None


@dataclass(frozen=True)
class Link:
    """The short link in an heir's consent SMS: only a keyed hash of its token is stored."""

    link_hash: str
    case_id: str
    expires_at: int


def _consent(row: HeirConsent) -> Consent:
    return Consent(
        row.case_id,
        row.heir_key,
        row.phone,
        int(row.row),
        row.code_hash,
        int(row.attempts or 0),
        row.state,
        row.requested_at,
        row.given_at,
    )


def _link(row: ConsentLink) -> Link:
    return Link(row.link_hash, row.case_id, int(row.expires_at))


def consent_read(case_id: str, heir_key: str) -> RowRead[Consent]:
    """An heir's consent, read with the caller's failure budgets (services/throttle.py)."""
    return RowRead(HeirConsent, case_id, heir_key, _consent)


def link_read(link_hash: str) -> RowRead[Link]:
    """A consent link by its token's keyed hash, read with the caller's failure budgets."""
    return RowRead(ConsentLink, link_hash, None, _link)


@dataclass(frozen=True)
class Ask:
    """An heir asked for consent: their code's keyed hash and the link's (token never stored)."""

    case_id: str
    heir_key: str  # keyed hash of the heir's phone
    phone: str
    row: int  # the heir's row in the form
    code_hash: str
    requested_at: str
    link_hash: str
    link_expires_at: int


def ask(asked: Ask, notice: NoticeRecord) -> bool:
    """Record the request, the SMS that carries its code and the link in it together; False if
    already asked."""
    consent = HeirConsent(asked.case_id, asked.heir_key, **{name: getattr(asked, name) for name in CONSENT_FIELDS})
    link = ConsentLink(asked.link_hash, case_id=asked.case_id, expires_at=asked.link_expires_at)
    connection = HeirConsent._get_connection().connection
    try:
        with TransactWrite(connection=connection) as tx:
            tx.save(consent, condition=HeirConsent.case_id.does_not_exist())
            tx.save(row_of(notice), condition=Notice.notice_id.does_not_exist())
            tx.save(link, condition=ConsentLink.link_hash.does_not_exist())
    except TransactWriteError as exc:
        if any(r is not None and r.code == "ConditionalCheckFailed" for r in exc.cancellation_reasons):
            return False
        raise
    return True


def get(case_id: str, heir_key: str) -> Consent | None:
    try:
        return _consent(HeirConsent.get(case_id, heir_key))
    except DoesNotExist:
        return None


def spend_attempt(consent: Consent) -> bool:
    """Count one try at the code; False when the consent is not open or the tries ran out."""
    try:
        HeirConsent(consent.case_id, consent.heir_key).update(
            actions=[HeirConsent.attempts.add(1)],
            condition=(HeirConsent.state == "requested") & (HeirConsent.attempts < MAX_ATTEMPTS),
        )
    except UpdateError as exc:
        if exc.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def give(consent: Consent, stamp: str) -> None:
    HeirConsent(consent.case_id, consent.heir_key).update(
        actions=[HeirConsent.state.set("given"), HeirConsent.given_at.set(stamp)],
        condition=HeirConsent.state == "requested",
    )


def of_case(case_id: str) -> list[Consent]:
    return [_consent(row) for row in HeirConsent.query(case_id)]
