"""Which function consumes which event source: one declaration read by infra/ (CloudFormation
event source mappings) and by local/pump.py (which delivers the same events under `make run`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StreamSource:
    table: str  # short table name (Settings.table_name adds the stage prefix)
    function: str  # the Chalice lambda_function name
    batch_size: int = 100


STREAMS: tuple[StreamSource, ...] = (
    StreamSource(table="cases", function="case_stream"),
    StreamSource(table="revenue", function="revenue_stream"),
)

# The function chalicelib/api/events.py subscribes to the render queue (`@on_sqs_message`); Chalice
# emits that mapping itself, infra/ creates the queue under Settings.render_queue and orders them.
RENDER_FUNCTION = "render_certificates"
# The function subscribed to the demand runs' queue (Settings.demand_queue; decision 67).
DEMAND_FUNCTION = "demand_runs"
