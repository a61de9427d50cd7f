"""Functions driven by events rather than HTTP.

- `case_stream`: the cases table's DynamoDB stream → office counters, render requests for
  approved cases, status-list publication for revoked ones, an SMS per transition, heir consent
  codes for inheritance cases, refunds for rejected paid cases. A plain Lambda function: infra/ wires
  the event source mapping (Chalice's `on_dynamodb_record` needs the stream ARN at import time).
- `revenue_stream`: the revenue table's DynamoDB stream → monitors' collection and arrears counters,
  the owners' SMS (a payment received, a bill due); decision 71.
- `render_certificates`: the render queue (S3 render/ → SQS) → render, sign, issue.
- `demand_runs`: the demand queue → a demand run's plan and batch messages (decision 67).
- `publish_lists`: every 10 minutes, republish the trust list and the current status list.
- `retry_notices`: every minute, send the SMS notices whose earlier try failed.
- `reconcile_payments`: every 10 minutes, ask the gateways about payments left unsettled.
- `escalate_overdue`: every hour, escalate cases past their charter's time limit.

Locally, local/pump.py delivers the same events to the same functions.
"""

from __future__ import annotations

import json
from typing import Any

from chalice.app import Blueprint, Rate, SQSEvent

from chalicelib import services
from chalicelib.config import settings
from chalicelib.domain.changes import ABSENT, CaseChange, CaseImage

bp = Blueprint(__name__)


@bp.lambda_function(name="case_stream")
def case_stream(event: dict[str, Any], context: Any) -> dict[str, Any]:
    changes = case_changes(event.get("Records", []))
    applied = services.statistics.on_case_changes(changes)
    handed = services.issuance.on_case_changes(changes)
    told = services.notifications.on_case_changes(changes)
    consents = services.consents.on_case_changes(changes)
    refunds = services.refunds.on_case_changes(changes)
    return {"applied": applied, "handed_to_renderer": handed, "sms": told, "consents": consents, "refunds": refunds}


@bp.lambda_function(name="revenue_stream")
def revenue_stream(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return services.revenue_stats.on_revenue_changes(event.get("Records", []))


# --- the stream's wire format, decoded once ------------------------------------------------------


def _text(image: dict[str, Any], name: str) -> str | None:
    attr = image.get(name) or {}
    value = attr.get("S") or attr.get("N")
    return str(value) if value else None


# Every attribute of both images is decoded here, whether a consumer reads it or not: one that does
# not decode reads as absent, so a single odd row (a delete's old image, say) cannot fail the batch.


def _number(image: dict[str, Any], name: str) -> int | None:
    raw = _text(image, name)
    return int(raw) if raw and raw.isascii() and raw.isdigit() else None


def _object(image: dict[str, Any], name: str) -> dict[str, Any]:
    """A JSON attribute (PynamoDB stores JSONAttribute as a string) as a dict; {} if absent."""
    raw = _text(image, name)
    try:
        value = json.loads(raw) if raw else None
    except ValueError:
        value = None
    return value if isinstance(value, dict) else {}


def case_image(image: dict[str, Any] | None) -> CaseImage:
    """One DynamoDB stream image (attribute-value JSON) of a case row; `ABSENT` for none."""
    if not image:
        return ABSENT
    return CaseImage(
        present=True,
        case_id=_text(image, "case_id"),
        version=_number(image, "version"),
        status=_text(image, "status"),
        office_id=_text(image, "office_id"),
        ward=_number(image, "ward"),
        type_code=_text(image, "type_code"),
        account=_text(image, "account"),
        certificate_no=_text(image, "certificate_no"),
        created_at=_text(image, "created_at"),
        updated_at=_text(image, "updated_at"),
        escalated_at=_text(image, "escalated_at"),
        fee=_object(image, "fee"),
        payment=_object(image, "payment"),
        escalated_to=_object(image, "escalated_to"),
        fields=_object(image, "fields"),
    )


def case_changes(records: list[dict[str, Any]]) -> list[CaseChange]:
    """The cases table's stream records as typed changes, in order."""
    changes = []
    for record in records:
        change = record.get("dynamodb", {})
        changes.append(CaseChange(new=case_image(change.get("NewImage")), old=case_image(change.get("OldImage"))))
    return changes


@bp.on_sqs_message(queue=settings().render_queue, batch_size=1, name="render_certificates")
def render_certificates(event: SQSEvent) -> None:
    # One message per invocation: a failure retries (and finally dead-letters) only that case.
    services.issuance.on_render_messages([record.body for record in event])


@bp.on_sqs_message(queue=settings().demand_queue, batch_size=1, name="demand_runs")
def demand_runs(event: SQSEvent) -> None:
    # One plan or batch message per invocation: a failure retries (and finally dead-letters) only it.
    services.demand_runs.on_messages([json.loads(record.body) for record in event])


@bp.schedule(Rate(10, unit=Rate.MINUTES), name="publish_lists")
def publish_lists(event: Any) -> None:
    services.publication.publish_all()


@bp.schedule(Rate(1, unit=Rate.MINUTES), name="retry_notices")
def retry_notices(event: Any) -> None:
    services.notifications.retry_due()


@bp.schedule(Rate(1, unit=Rate.HOURS), name="escalate_overdue")
def escalate_overdue(event: Any) -> None:
    services.escalation.run()


@bp.schedule(Rate(10, unit=Rate.MINUTES), name="reconcile_payments")
def reconcile_payments(event: Any) -> None:
    services.reconciliation.reconcile()
