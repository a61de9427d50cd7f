"""Who may read, act on or list which cases: the one declared access policy (issue 11, item 4).

Least privilege. A case holds personal data (NID, date of birth, parents' names), so it is read
only by the people its workflow needs: its owner (the citizen), the UDC operator who filed it,
the ward member of its ward, and its office's secretary and signatory. An office admin manages
staff and settings and sees no citizen data; monitors and LGD see counters only (GET /v1/stats);
another office's staff see nothing. Which of the readers may take which action is the workflow's
own data (chalicelib/data/workflows.json, `by`).

The policy is data: operation -> the relations that allow it. A case operation needs "case.read"
first: a case the caller may not read is reported as missing (404), so ids cannot be probed; a
reader the operation does not allow gets a 403. `case_relations` and
`office_relations` say which relations an actor has; services ask `may` and nothing else, and the
access-matrix test computes every expected answer from the same table.
"""

from __future__ import annotations

from chalicelib.domain.actors import Actor
from chalicelib.domain.workflow import CaseRef

# Relations an actor can have to a case (or to an office's list of cases).
OWNER = "owner"  # the citizen whose case it is
FILER = "filer"  # the UDC operator who filed it at the counter
WARD_MEMBER = "ward_member"  # the ward member of the case's ward (for a list: of their own ward)
SECRETARY = "secretary"  # the office's secretary
SIGNATORY = "signatory"  # the office's head (who signs, or countersigns where wards sign)
UDC_OPERATOR = "udc_operator"  # any UDC operator (their own filings)
ASSESSOR = "assessor"  # a pourashava's or city corporation's assessor: objections to assessments only

_CASE_READERS = frozenset({OWNER, FILER, WARD_MEMBER, SECRETARY, SIGNATORY, ASSESSOR})
OBJECTION_WORKFLOW = "objection"  # the cases an assessor reads and reviews (decision 71)

POLICY: dict[str, frozenset[str]] = {
    # GET /v1/applications/{id}: the case with its personal data and timeline
    "case.read": _CASE_READERS,
    # GET /v1/applications/{id}: the registry checks of the deceased and the heirs (not the
    # applicant's to see: an heir's registry verdict is about someone else)
    "case.identity_checks": frozenset({WARD_MEMBER, SECRETARY, SIGNATORY}),
    # GET /v1/applications/{id}/certificate: a link to the issued PDF
    "case.certificate": _CASE_READERS,
    # GET /v1/applications/{id}/preview: the certificate as it would be issued, before approval
    "case.preview": frozenset({SECRETARY, SIGNATORY}),
    # GET /v1/applications/{id}/payment: the receipt
    "case.payment_receipt": _CASE_READERS,
    # POST /v1/applications/{id}/payment: paying online (a UDC operator records cash instead)
    "case.pay": frozenset({OWNER}),
    # POST /v1/applications/{id}/actions and /v1/certificates/{no}/revoke: then the workflow's `by`
    "case.act": _CASE_READERS,
    # GET /v1/offices/{id}/applications: the office queue, with applicants' names (an assessor's:
    # only the objections to assessments, services/queues.py; decision 73)
    "office.queue": frozenset({WARD_MEMBER, SECRETARY, SIGNATORY, ASSESSOR}),
    # GET /v1/applications: a citizen's own applications, a UDC operator's own filings
    "own.list": frozenset({OWNER, UDC_OPERATOR}),
    # GET /v1/me/access-log: who looked at my data (a citizen's own)
    "own.access_log": frozenset({OWNER}),
}


def case_relations(actor: Actor, case: CaseRef) -> frozenset[str]:
    """What the actor is to this case."""
    if actor.is_citizen:
        return frozenset({OWNER}) if actor.id == case.owner_id else frozenset()
    if not actor.is_staff or actor.office_id != case.office_id:
        return frozenset()
    if actor.role == "udc_operator":
        return frozenset({FILER}) if case.filer == actor.id else frozenset()
    if actor.role == "ward_member":
        return frozenset({WARD_MEMBER}) if actor.ward == case.ward else frozenset()
    if actor.role == ASSESSOR:
        return frozenset({ASSESSOR}) if case.workflow == OBJECTION_WORKFLOW else frozenset()
    return frozenset({actor.role}) & {SECRETARY, SIGNATORY}


def office_relations(actor: Actor, office_id: str) -> frozenset[str]:
    """What the actor is to an office's list of cases (a ward member: their own ward's part; an
    assessor: its objections to assessments)."""
    if not actor.is_staff or actor.office_id != office_id:
        return frozenset()
    return frozenset({actor.role}) & {WARD_MEMBER, SECRETARY, SIGNATORY, ASSESSOR}


def own_relations(actor: Actor) -> frozenset[str]:
    """Whose own list of cases the actor has: a citizen's applications, an operator's filings."""
    if actor.is_citizen:
        return frozenset({OWNER})
    if actor.is_staff and actor.role == "udc_operator":
        return frozenset({UDC_OPERATOR})
    return frozenset()


def may(operation: str, relations: frozenset[str]) -> bool:
    """Whether any of these relations allows the operation (an unknown operation: no one)."""
    return bool(POLICY.get(operation, frozenset()) & relations)
