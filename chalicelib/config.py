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
    sms_adapter: str  # "sns", "sslwireless" or "local_outbox"
    token_ttl_seconds: int
    otp_ttl_seconds: int
    otp_max_attempts: int
    otp_max_sends_per_hour: int
    max_body_bytes: int
    office_cache_seconds: int
    account_cache_seconds: int  # how long a container trusts an account's standing (a token's revocation)
    platform_fee_poisha: int
    work_bucket: str  # render requests (S3 → SQS → renderer)
    certificates_bucket: str  # issued PDFs (versioned; object lock in the cloud)
    public_bucket: str  # published trust list and status lists
    render_queue: str
    demand_queue: str  # demand runs (decision 67): plan and batch messages
    verify_base_url: str  # the short verify URL printed in QR codes (payload goes after '#')
    status_list_id: str  # the list new certificates take an index in
    verify_rate_per_minute: int
    verify_edge_rate_per_minute: int  # all viewers behind one CloudFront address together
    pdf_link_seconds: int
    tsa_url: str | None  # RFC 3161 timestamp authority: PAdES B-T when set, B-B otherwise
    api_base_url: str  # this API's public address: gateways call back and browsers return here
    parties_secret_name: str  # credentials of the external parties (gateways, SMS gateway, NID service)
    payment_gateways: tuple[str, ...]  # offered to citizens: sslcommerz, bkash
    sslcommerz_base_url: str  # the local simulator under `make run` (local/payment_gateway.py)
    bkash_base_url: str
    payment_stale_seconds: int  # reconciliation asks the gateway about payments older than this
    payment_give_up_seconds: int  # ...and closes those still unpaid after this
    sms_gateway_url: str  # SSL Wireless SMS API (SMS_ADAPTER=sslwireless)
    nid_adapter: str  # "local" (simulator) or "ec" (Election Commission partner API)
    nid_base_url: str
    brn_adapter: str  # "local" (simulator) or "bdris" (birth registration)
    brn_base_url: str
    identity_check_budget_seconds: float  # all registry lookups of one application together (heirs in parallel)
    papers_bucket: str  # citizens' uploaded papers (private; presigned POST and GET only)
    paper_max_bytes: int
    # Throttles (services/throttle.py; decision 42). "Per address" is per caller address (an IPv6 one
    # by its /64); behind CloudFront every viewer of an edge also shares the edge's budget, which is
    # `throttle_edge_factor` times larger.
    login_backoff_after: int  # failed sign-ins of an account before exponential back-off (2 s, 4 s, …)
    login_lockout_failures: int  # ...and before it is locked until an admin lifts it
    login_lockout_seconds: int  # ...or this long after its first failure
    login_failures_per_address_per_hour: int
    otp_sends_per_address_per_hour: int
    otp_failures_per_address_per_hour: int
    consent_failures_per_address_per_hour: int
    udc_consent_sms_per_hour: int  # per UDC operator
    udc_consent_sms_per_day: int
    agency_failures_per_certificate_per_day: int  # wrong second facts (holder_dob, nid_last4)
    agency_failures_per_key_per_day: int
    throttle_edge_factor: int

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
        account_cache_seconds=_int("ACCOUNT_CACHE_SECONDS", 5),
        platform_fee_poisha=_int("PLATFORM_FEE_POISHA", 3000),
        work_bucket=os.environ.get("WORK_BUCKET", f"sonod-{stage}-work"),
        certificates_bucket=os.environ.get("CERTIFICATES_BUCKET", f"sonod-{stage}-certificates"),
        public_bucket=os.environ.get("PUBLIC_BUCKET", f"sonod-{stage}-public"),
        render_queue=os.environ.get("RENDER_QUEUE", f"sonod-{stage}-render"),
        demand_queue=os.environ.get("DEMAND_QUEUE", f"sonod-{stage}-demand"),
        verify_base_url=os.environ.get("VERIFY_BASE_URL", "http://127.0.0.1:8000"),
        status_list_id=os.environ.get("STATUS_LIST_ID", "s1"),
        verify_rate_per_minute=_int("VERIFY_RATE_PER_MINUTE", 30),
        verify_edge_rate_per_minute=_int("VERIFY_EDGE_RATE_PER_MINUTE", 3000),
        pdf_link_seconds=_int("PDF_LINK_SECONDS", 300),
        tsa_url=os.environ.get("TSA_URL") or None,
        api_base_url=os.environ.get("API_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
        parties_secret_name=os.environ.get("PARTIES_SECRET_NAME", f"sonod-{stage}/parties"),
        payment_gateways=tuple(g for g in os.environ.get("PAYMENT_GATEWAYS", "sslcommerz").split(",") if g),
        sslcommerz_base_url=os.environ.get("SSLCOMMERZ_BASE_URL", "https://sandbox.sslcommerz.com").rstrip("/"),
        bkash_base_url=os.environ.get("BKASH_BASE_URL", "https://tokenized.sandbox.bka.sh/v1.2.0-beta").rstrip("/"),
        payment_stale_seconds=_int("PAYMENT_STALE_SECONDS", 15 * 60),
        payment_give_up_seconds=_int("PAYMENT_GIVE_UP_SECONDS", 24 * 3600),
        sms_gateway_url=os.environ.get("SMS_GATEWAY_URL", "https://smsplus.sslwireless.com").rstrip("/"),
        nid_adapter=os.environ.get("NID_ADAPTER", "local" if stage == "local" else "ec"),
        nid_base_url=os.environ.get("NID_BASE_URL", "").rstrip("/"),
        brn_adapter=os.environ.get("BRN_ADAPTER", "local" if stage == "local" else "bdris"),
        brn_base_url=os.environ.get("BRN_BASE_URL", "").rstrip("/"),
        identity_check_budget_seconds=float(os.environ.get("IDENTITY_CHECK_BUDGET_SECONDS", "8")),
        papers_bucket=os.environ.get("PAPERS_BUCKET", f"sonod-{stage}-papers"),
        paper_max_bytes=_int("PAPER_MAX_BYTES", 5 * 1024 * 1024),
        login_backoff_after=_int("LOGIN_BACKOFF_AFTER", 3),
        login_lockout_failures=_int("LOGIN_LOCKOUT_FAILURES", 10),
        login_lockout_seconds=_int("LOGIN_LOCKOUT_SECONDS", 24 * 3600),
        login_failures_per_address_per_hour=_int("LOGIN_FAILURES_PER_ADDRESS_PER_HOUR", 30),
        otp_sends_per_address_per_hour=_int("OTP_SENDS_PER_ADDRESS_PER_HOUR", 20),
        otp_failures_per_address_per_hour=_int("OTP_FAILURES_PER_ADDRESS_PER_HOUR", 30),
        consent_failures_per_address_per_hour=_int("CONSENT_FAILURES_PER_ADDRESS_PER_HOUR", 30),
        udc_consent_sms_per_hour=_int("UDC_CONSENT_SMS_PER_HOUR", 30),
        udc_consent_sms_per_day=_int("UDC_CONSENT_SMS_PER_DAY", 150),
        agency_failures_per_certificate_per_day=_int("AGENCY_FAILURES_PER_CERTIFICATE_PER_DAY", 5),
        agency_failures_per_key_per_day=_int("AGENCY_FAILURES_PER_KEY_PER_DAY", 50),
        throttle_edge_factor=_int("THROTTLE_EDGE_FACTOR", 50),
    )
