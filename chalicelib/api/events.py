"""Functions driven by events rather than HTTP.

- `case_stream`: the cases table's DynamoDB stream → office counters, render requests for
  approved cases, status-list publication for revoked ones, an SMS per transition, heir consent
  codes for inheritance cases, refunds for rejected paid cases. A plain Lambda function: infra/ wires
  the event source mapping (Chalice's `on_dynamodb_record` needs the stream ARN at import time).
- `render_certificates`: the render queue (S3 render/ → SQS) → render, sign, issue.
- `publish_lists`: every 10 minutes, republish the trust list and the current status list.
- `retry_notices`: every minute, send the SMS notices whose earlier try failed.
- `reconcile_payments`: every 10 minutes, ask the gateways about payments left unsettled.
- `escalate_overdue`: every hour, escalate cases past their charter's time limit.

Locally, local/pump.py delivers the same events to the same functions.
"""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Rate, SQSEvent

from chalicelib import services
from chalicelib.config import settings

bp = Blueprint(__name__)


@bp.lambda_function(name="case_stream")
def case_stream(event: dict[str, Any], context: Any) -> dict[str, Any]:
    records = event.get("Records", [])
    applied = services.statistics.on_case_changes(records)
    handed = services.issuance.on_case_changes(records)
    told = services.notifications.on_case_changes(records)
    consents = services.consents.on_case_changes(records)
    refunds = services.refunds.on_case_changes(records)
    return {"applied": applied, "handed_to_renderer": handed, "sms": told, "consents": consents, "refunds": refunds}


@bp.on_sqs_message(queue=settings().render_queue, batch_size=1, name="render_certificates")
def render_certificates(event: SQSEvent) -> None:
    # One message per invocation: a failure retries (and finally dead-letters) only that case.
    services.issuance.on_render_messages([record.body for record in event])


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
    services.refunds.reconcile()
