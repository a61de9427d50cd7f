"""The local event pump: `chalice local` serves HTTP only, so this delivers DynamoDB stream
records and scheduled events to the same handlers Lambda would call, in Lambda's event shape.
A handler that raises gets the same batch again on the next turn, as Lambda retries a stream."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from chalice.app import Chalice, Rate, ScheduledEventConfig, SQSEventConfig

from chalicelib.adapters.aws import client
from chalicelib.config import settings
from chalicelib.observability import logger
from infra.wiring import STREAMS


@dataclass
class _Context:
    function_name: str
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    memory_limit_in_mb: int = 512
    invoked_function_arn: str = "arn:aws:lambda:local:000000000000:function:local"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


@dataclass
class _Stream:
    function: str
    arn: str
    batch_size: int
    delivered_up_to: dict[str, str] = field(default_factory=dict)  # shard id → last sequence number handled


@dataclass
class _Queue:
    function: str
    url: str
    arn: str
    batch_size: int


@dataclass
class _Schedule:
    function: str
    every_seconds: float
    next_at: float


UNIT_SECONDS = {"minute": 60, "minutes": 60, "hour": 3600, "hours": 3600, "day": 86400, "days": 86400}


def _rate_seconds(expression: Any) -> float:
    if isinstance(expression, Rate):
        return float(expression.value) * UNIT_SECONDS[str(expression.unit).lower()]
    text = str(expression)
    if text.startswith("rate("):
        value, unit = text[5:-1].split()
        return float(value) * UNIT_SECONDS[unit]
    return 60.0  # cron expressions: checked every minute locally


class EventPump:
    def __init__(self, app: Chalice, interval: float = 0.3, schedule_scale: float = 1.0):
        self.app = app
        self.interval = interval
        self.streams: list[_Stream] = []
        self.schedules: list[_Schedule] = []
        self.queues: list[_Queue] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.delivered = 0
        now = time.monotonic()
        for source in app.event_sources:
            if isinstance(source, ScheduledEventConfig):
                every = _rate_seconds(source.schedule_expression) * schedule_scale
                self.schedules.append(_Schedule(source.name, every, now + every))

    def attach_queues(self) -> None:
        sqs = client("sqs")
        for source in self.app.event_sources:
            if isinstance(source, SQSEventConfig) and source.queue:
                url = sqs.get_queue_url(QueueName=source.queue)["QueueUrl"]
                arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
                self.queues.append(_Queue(source.name, url, arn, source.batch_size))

    def _poll_queue(self, queue: _Queue) -> int:
        """Deliver a batch as Lambda's SQS integration does; delete it only when the handler succeeds
        (a failure leaves it to reappear after the visibility timeout, and SQS dead-letters it)."""
        sqs = client("sqs")
        messages = sqs.receive_message(
            QueueUrl=queue.url, MaxNumberOfMessages=queue.batch_size, AttributeNames=["All"]
        ).get("Messages", [])
        if not messages:
            return 0
        records = [
            {
                "messageId": m["MessageId"],
                "receiptHandle": m["ReceiptHandle"],
                "body": m["Body"],
                "attributes": m.get("Attributes", {}),
                "messageAttributes": {},
                "md5OfBody": m.get("MD5OfBody", ""),
                "eventSource": "aws:sqs",
                "eventSourceARN": queue.arn,
                "awsRegion": settings().region,
            }
            for m in messages
        ]
        self._handler(queue.function)({"Records": records}, _Context(queue.function))
        for m in messages:
            sqs.delete_message(QueueUrl=queue.url, ReceiptHandle=m["ReceiptHandle"])
        return len(messages)

    def attach_streams(self) -> None:
        ddb = client("dynamodb")
        for source in STREAMS:
            table = ddb.describe_table(TableName=settings().table_name(source.table))["Table"]
            self.streams.append(_Stream(source.function, table["LatestStreamArn"], source.batch_size))

    def _handler(self, name: str) -> Callable[[dict[str, Any], Any], Any]:
        return self.app.handler_map[name]

    def _poll_stream(self, stream: _Stream) -> int:
        """One batch per shard, from just after the last record handled. A fresh iterator every time:
        moto replaces a table (and its stream) with a copy when a transaction fails, which leaves a
        kept iterator reading an orphaned shard forever; a sequence number survives the copy."""
        streams = client("dynamodbstreams")
        shards = streams.describe_stream(StreamArn=stream.arn)["StreamDescription"]["Shards"]
        delivered = 0
        for shard in shards:
            sid = shard["ShardId"]
            after = stream.delivered_up_to.get(sid)
            position: dict[str, str] = (
                {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": after}
                if after
                else {"ShardIteratorType": "TRIM_HORIZON"}
            )
            iterator = streams.get_shard_iterator(StreamArn=stream.arn, ShardId=sid, **position)["ShardIterator"]
            records = streams.get_records(ShardIterator=iterator, Limit=stream.batch_size).get("Records", [])
            if records:
                for r in records:
                    r["eventSourceARN"] = stream.arn
                # Only move on once the handler succeeded: a failure redelivers the batch.
                self._handler(stream.function)({"Records": records}, _Context(stream.function))
                stream.delivered_up_to[sid] = records[-1]["dynamodb"]["SequenceNumber"]
                delivered += len(records)
        return delivered

    def _run_due_schedules(self) -> int:
        now = time.monotonic()
        ran = 0
        for job in self.schedules:
            if now >= job.next_at:
                event = {
                    "version": "0",
                    "id": str(uuid.uuid4()),
                    "detail-type": "Scheduled Event",
                    "source": "aws.events",
                    "account": "000000000000",
                    "region": settings().region,
                    "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "resources": [f"local:{job.function}"],
                    "detail": {},
                }
                self._handler(job.function)(event, _Context(job.function))
                job.next_at = now + job.every_seconds
                ran += 1
        return ran

    def turn(self) -> int:
        """One pass over every source; returns how many records and jobs were delivered."""
        count = 0
        for stream in self.streams:
            try:
                count += self._poll_stream(stream)
            except Exception:
                logger.exception(
                    "stream handler failed; the batch will be delivered again", extra={"function": stream.function}
                )
        for queue in self.queues:
            try:
                count += self._poll_queue(queue)
            except Exception:
                logger.exception("queue handler failed; delivered again later", extra={"function": queue.function})
        try:
            count += self._run_due_schedules()
        except Exception:
            logger.exception("scheduled handler failed")
        self.delivered += count
        return count

    def drain(self, turns: int = 3) -> int:
        return sum(self.turn() for _ in range(turns))

    def start(self) -> None:
        def loop() -> None:
            while not self._stop.wait(self.interval):
                self.turn()

        self._thread = threading.Thread(target=loop, name="event-pump", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=5)
