"""The one place that reads the environment.

Reading os.environ is cheap and does no I/O, so settings are resolved once at import; clients are
never created here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Settings:
    stage: str
    region: str
    endpoint_url: str | None  # the embedded AWS (moto server) in the local stage; None in the cloud
    table_prefix: str
    keys_secret_name: str
    sms_adapter: str  # "sns" or "local_outbox"
    token_ttl_seconds: int
    otp_ttl_seconds: int
    otp_max_attempts: int
    otp_max_sends_per_hour: int
    max_body_bytes: int
    office_cache_seconds: int
    platform_fee_poisha: int
    work_bucket: str  # render requests (S3 → SQS → renderer)
    certificates_bucket: str  # issued PDFs (versioned; object lock in the cloud)
    public_bucket: str  # published trust list and status lists
    render_queue: str
    verify_base_url: str  # the short verify URL printed in QR codes (payload goes after '#')
    status_list_id: str  # the list new certificates take an index in
    verify_rate_per_minute: int
    pdf_link_seconds: int
    tsa_url: str | None  # RFC 3161 timestamp authority: PAdES B-T when set, B-B otherwise

    @property
    def is_local(self) -> bool:
        return self.stage == "local"

    def table_name(self, short: str) -> str:
        return f"{self.table_prefix}-{short}"


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


@lru_cache(maxsize=1)
def settings() -> Settings:
    stage = os.environ.get("STAGE", "local")
    return Settings(
        stage=stage,
        region=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "ap-south-1",
        endpoint_url=os.environ.get("AWS_ENDPOINT_URL") or None,
        table_prefix=os.environ.get("TABLE_PREFIX", f"sonod-{stage}"),
        keys_secret_name=os.environ.get("KEYS_SECRET_NAME", f"sonod-{stage}/app-keys"),
        sms_adapter=os.environ.get("SMS_ADAPTER", "local_outbox" if stage == "local" else "sns"),
        token_ttl_seconds=_int("TOKEN_TTL_SECONDS", 3600),
        otp_ttl_seconds=_int("OTP_TTL_SECONDS", 300),
        otp_max_attempts=_int("OTP_MAX_ATTEMPTS", 5),
        otp_max_sends_per_hour=_int("OTP_MAX_SENDS_PER_HOUR", 5),
        max_body_bytes=_int("MAX_BODY_BYTES", 64 * 1024),
        office_cache_seconds=_int("OFFICE_CACHE_SECONDS", 300),
        platform_fee_poisha=_int("PLATFORM_FEE_POISHA", 3000),
        work_bucket=os.environ.get("WORK_BUCKET", f"sonod-{stage}-work"),
        certificates_bucket=os.environ.get("CERTIFICATES_BUCKET", f"sonod-{stage}-certificates"),
        public_bucket=os.environ.get("PUBLIC_BUCKET", f"sonod-{stage}-public"),
        render_queue=os.environ.get("RENDER_QUEUE", f"sonod-{stage}-render"),
        verify_base_url=os.environ.get("VERIFY_BASE_URL", "http://127.0.0.1:8000"),
        status_list_id=os.environ.get("STATUS_LIST_ID", "s1"),
        verify_rate_per_minute=_int("VERIFY_RATE_PER_MINUTE", 30),
        pdf_link_seconds=_int("PDF_LINK_SECONDS", 300),
        tsa_url=os.environ.get("TSA_URL") or None,
    )
