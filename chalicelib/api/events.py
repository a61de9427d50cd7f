"""Functions driven by events rather than HTTP: DynamoDB streams (and, later, S3 and schedules).

Stream functions are plain Lambda functions; infra/ wires the event source mappings (Chalice's
`on_dynamodb_record` needs the stream ARN at import time, before the stack that creates the table
exists). Locally, local/pump.py delivers the same events.
"""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib import services

bp = Blueprint(__name__)


@bp.lambda_function(name="case_stream")
def case_stream(event: dict[str, Any], context: Any) -> dict[str, Any]:
    applied = services.statistics.on_case_changes(event.get("Records", []))
    return {"applied": applied}
