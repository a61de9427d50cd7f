"""The measurements of bench/cost.py: Lambda memory from .chalice/config.json, render + sign time
and the PDF's size (bench/render.py's sample), and the case stream and renderer's AWS calls
against moto with bench.aws_calls' counter (API operations by bench.aws_calls.measure(), checkout
and callbacks by bench.journey.measure())."""

from __future__ import annotations

import contextlib
import io
import json
import os
import statistics
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.cost_model import Measured

ROOT = Path(__file__).resolve().parents[1]


# --- measuring -------------------------------------------------------------------------------------


def lambda_memory_mb(config: Path = ROOT / ".chalice" / "config.json", stage: str = "prod") -> int:
    doc = json.loads(config.read_text())
    return int(doc.get("stages", {}).get(stage, {}).get("lambda_memory_size", doc.get("lambda_memory_size", 128)))


def item_kb(image: Mapping[str, Any]) -> float:
    """An item's size as DynamoDB bills it, roughly: attribute names plus values (as stored)."""
    size = 0
    for name, value in image.items():
        (kind, raw), *_ = value.items()
        body = raw if kind in ("S", "N") else json.dumps(raw, ensure_ascii=False)
        size += len(name.encode()) + len(str(body).encode())
    return size / 1024


def time_render(runs: int = 20) -> tuple[float, float, float]:
    """(first render + sign ms, median warm render + sign ms, signed PDF KB) of bench/render.py's
    sample (a warish certificate with six heirs), signed with a local P-256 key (no KMS)."""
    import datetime as dt

    from bench.render import _times
    from chalicelib.domain.catalog import catalog
    from chalicelib.domain.forms import validate_form
    from chalicelib.signing import x509 as sx
    from local.rendering_samples import HEIRS, ISSUED_ON, WARISH_FIELDS, document
    from tests import localkeys

    ctype = catalog().get("warish")
    assert ctype is not None
    fields, _ = validate_form(ctype, {**WARISH_FIELDS, "heirs": list(HEIRS)}, ISSUED_ON)
    doc = document(ctype, fields)
    root_key, office_key = localkeys.key("bench-root"), localkeys.key("bench-office")
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    root = sx.issue_root(localkeys.spki(root_key), localkeys.signer(root_key), not_before=start)
    office = sx.issue_signatory(
        localkeys.spki(office_key), root.der, localkeys.signer(root_key), office_id="union-1", office_name_en="Subil"
    )

    def render_and_sign() -> bytes:
        from chalicelib.rendering.pdf import render_certificate
        from chalicelib.signing.pades import sign_pdf

        pdf = render_certificate(doc, ctype)
        return sign_pdf(pdf, localkeys.signer(office_key), office.der, root.der, reason=doc.certificate_no)

    started = time.perf_counter()
    signed = render_and_sign()
    first = (time.perf_counter() - started) * 1000
    warm = statistics.median(_times(render_and_sign, runs)) * 1000
    return first, warm, len(signed) / 1024


@dataclass
class _Pipeline:
    stream: dict[str, list[str]] = field(default_factory=dict)
    render: list[str] = field(default_factory=list)
    case_kb: float = 0.0
    otp_segments: int = 0
    notice_segments: dict[str, int] = field(default_factory=dict)


PHONE = "01711000001"  # the citizen of bench.aws_calls' session


def measure_pipeline() -> _Pipeline:
    """The case stream handler for each transition of one case (all its consumers: counters,
    render hand-over, SMS, consents, refunds) and the renderer, with bench.aws_calls' counter."""
    from chalice.test import Client
    from moto import mock_aws

    from bench.aws_calls import _env, _install_counter, _Session

    _env()
    _install_counter()
    with mock_aws(), tempfile.TemporaryDirectory() as tmp:
        from app import app
        from local import demo, resources

        resources.reset_process_caches()
        resources.create_all()
        demo.load(Path(tmp) / "demo.json")
        with Client(app) as client:
            session = _Session(client)
            session.case_flow(session.citizen())
            return _run_pipeline(session, str(session.case["id"]))


def _outbox(session: Any) -> list[str]:
    return [str(item["text"]) for item in session.call("GET", f"/v1/_local/outbox?phone={PHONE}")["items"]]


def _stream_record(case: Any, event: Any) -> dict[str, Any]:
    """The cases-table stream record of the transition `event` produced (NEW_AND_OLD_IMAGES)."""
    new = {**case.serialize(), "status": {"S": event.to_status}, "version": {"N": str(event.seq)}}
    change: dict[str, Any] = {"NewImage": new}
    if event.from_status:
        change["OldImage"] = {**new, "status": {"S": event.from_status}, "version": {"N": str(event.seq - 1)}}
    return {"eventName": "MODIFY" if event.from_status else "INSERT", "dynamodb": change}


def _deliver(session: Any, out: _Pipeline, case_id: str, seen: set[int]) -> None:
    from bench.aws_calls import _calls
    from chalicelib.adapters import cases
    from chalicelib.adapters.tables import CaseRecord
    from chalicelib.api.events import case_stream
    from chalicelib.domain.sms_text import segments

    case = CaseRecord.get(case_id)  # the row: its stream image
    for event in cases.timeline(case_id):
        if int(event.seq) in seen:
            continue
        seen.add(int(event.seq))
        before = len(_outbox(session))
        _calls.clear()
        case_stream({"Records": [_stream_record(case, event)]}, None)
        out.stream[event.to_status] = list(_calls)
        after = _outbox(session)  # newest first
        out.notice_segments[event.to_status] = sum(segments(text) for text in after[: len(after) - before])


def _send_held(session: Any, out: _Pipeline) -> None:
    """An hour later, the retry job sends whatever notice was held and not replaced (sms.json
    `hold`): counted, so a hold that never merges would show here rather than vanish."""
    import types
    from unittest import mock

    from chalicelib.domain.sms_text import segments
    from chalicelib.services import notifications

    before = len(_outbox(session))
    later = types.SimpleNamespace(time=lambda: time.time() + 3600)
    with mock.patch.object(notifications, "time", later):
        notifications.retry_due()
    after = _outbox(session)
    out.notice_segments["held, sent by the retry job"] = sum(segments(t) for t in after[: len(after) - before])


def _run_pipeline(session: Any, case_id: str) -> _Pipeline:
    from bench.aws_calls import _calls
    from chalicelib.adapters.tables import CaseRecord
    from chalicelib.config import settings
    from chalicelib.domain.sms_text import segments
    from chalicelib.services import issuance

    out = _Pipeline(otp_segments=segments(_outbox(session)[-1]))
    seen: set[int] = set()
    _deliver(session, out, case_id, seen)
    s3_event = {"s3": {"bucket": {"name": settings().work_bucket}, "object": {"key": f"render/{case_id}.json"}}}
    _calls.clear()
    issuance.on_render_messages([json.dumps({"Records": [s3_event]})])
    out.render = list(_calls)
    _deliver(session, out, case_id, seen)
    _send_held(session, out)
    case = CaseRecord.get(case_id)
    assert case.status == "issued", "the renderer did not issue the certificate"
    out.case_kb = item_kb(case.serialize())
    return out


def measure(render_runs: int = 20) -> Measured:
    """Every measurement the model uses; takes about a minute (four moto sessions)."""
    os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "ERROR")
    from bench import aws_calls
    from bench import journey as journey_bench

    first, warm, pdf_kb = time_render(render_runs)
    with contextlib.redirect_stdout(io.StringIO()):  # Powertools prints metrics to stdout
        pipeline = measure_pipeline()
        api = {name: runs["warm"] for name, runs in aws_calls.measure().items()}
        paying = {name: calls for name, (calls, _) in journey_bench.measure().items()}
    return Measured(
        api=api,
        journey=paying,
        stream=pipeline.stream,
        render=pipeline.render,
        render_sign_ms=warm,
        first_render_ms=first,
        pdf_kb=pdf_kb,
        case_kb=pipeline.case_kb,
        otp_segments=pipeline.otp_segments,
        notice_segments=pipeline.notice_segments,
        memory_mb=lambda_memory_mb(),
    )
