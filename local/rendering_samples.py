"""Fictional certificate documents for renderer tests and benchmarks (no real person's data).

`sample_fields` builds a filled-in form for any catalog type from its field specs, so a new type
is covered by the rendering tests without writing its sample by hand. The words chosen exercise
Bengali shaping: conjuncts (ক্ষ, ন্দ্র, ষ্ট্র, ত্র, জ্ঞ) and vowel signs drawn before their consonant (ি, ে, ো, ৌ).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import random
import re
import urllib.parse
from typing import Any

from chalicelib.domain.catalog import CertificateType, FieldSpec
from chalicelib.domain.certificate import CertificateDocument, OfficeHeader, SignatoryInfo
from chalicelib.domain.clock import BANGLADESH
from local.samples import DECEASED

ISSUED_ON = dt.date(2026, 6, 30)
OFFICE = OfficeHeader(
    office_id="union-1",
    kind="union",
    name_bn="সুবিল",
    name_en="Subil",
    area_bn="দেবিদ্বার, কুমিল্লা",
    area_en="Debidwar, Comilla",
)
SIGNATORY = SignatoryInfo(
    name_bn="মোঃ আব্দুল কাদের",
    name_en="Md. Abdul Kader",
    designation_bn="চেয়ারম্যান",
    designation_en="Chairman",
)
CERTIFICATE_NO = "6MN5-PJCN-H01Q-GN"
VERIFY_BASE_URL = "https://sonodsheba.gov.bd"  # the prod stage's VERIFY_BASE_URL (.chalice/config.json)

BENGALI_WORDS = (
    "মোছাঃ মৌসুমী আক্তার",
    "লক্ষ্মীপুর",
    "চন্দ্রঘোনা",
    "রাষ্ট্রপতি বাজার",
    "মোঃ কিশোর মিয়া",
    "বিজ্ঞান কলেজ",
    "ইন্দ্রজিৎ সরকার",
    "পত্রিকা অফিস",
)
LATIN_WORDS = ("Mst. Mousumi Akter", "Md. Kishor Mia", "Indrajit Sarkar", "Rahim Traders")
# One sample per pattern the catalog uses; sample_fields fails loudly on a pattern none matches.
PATTERN_SAMPLES = ("123/4, 125", "12.5", "345", "A01234567", "2025-2026", "123456789012", "2026-27")
FIXED = {
    "nid": "1987654321",
    "brn": "19901234567890123",
    "phone": "8801711000000",
    "email": "rahim@example.com",
    "year": "2015",
    "money": 500000,
}
HEIRS = (
    {"name_bn": "মোঃ কামাল হোসেন", "relation": "son", "dob": "1985-02-01", "nid": "4512369871", "is_adult": "yes"},
    {"name_bn": "মোছাঃ মৌসুমী আক্তার", "relation": "wife", "dob": "1960-05-05", "nid": "4512369872", "is_adult": "yes"},
    {"name_bn": "ইন্দ্রজিৎ কিশোর", "relation": "son", "dob": "1988-11-20", "nid": "4512369873", "is_adult": "yes"},
    {"name_bn": "লক্ষ্মী রানী", "relation": "daughter", "dob": "1992-03-14", "nid": "4512369874", "is_adult": "yes"},
    {"name_bn": "চন্দ্রিমা বেগম", "relation": "daughter", "dob": "2010-08-09", "is_adult": "no"},
    {"name_bn": "মোঃ নৌশাদ আলী", "relation": "son", "dob": "2012-01-30", "is_adult": "no"},
)
WARISH_FIELDS: dict[str, Any] = {
    **DECEASED,
    # Places whose names carry the conjuncts the text-extraction test looks for.
    "village_bn": "লক্ষ্মীপুর",
    "post_office_bn": "চন্দ্রঘোনা",
    "holding_no": "রাষ্ট্রপতি সড়ক ১২",
    "heirs": [dict(h) for h in HEIRS],
}


def _fit(text: str, spec: FieldSpec, pad: str) -> str:
    text = text[: spec.validation.get("max_length", len(text))]
    return text.ljust(spec.validation.get("min_length", 0), pad)


def _text(spec: FieldSpec, index: int) -> str:
    pattern = spec.validation.get("pattern")
    if pattern:
        match = next((s for s in PATTERN_SAMPLES if re.fullmatch(pattern, s)), None)
        if match is None:
            raise ValueError(f"no sample text for pattern {pattern!r} of field {spec.name}")
        return match
    script = spec.validation.get("script") or ("latin" if spec.name.endswith("_en") else "bn")
    pool = LATIN_WORDS if script == "latin" else BENGALI_WORDS
    if spec.type == "textarea":
        words = " ".join(pool[(index + i) % len(pool)] for i in range(3))
        return _fit(words + ("." if script == "latin" else "।"), spec, pool[0][-1])
    return _fit(pool[index % len(pool)], spec, pool[0][-1])


def _value(spec: FieldSpec, index: int) -> Any:
    if spec.type in FIXED:
        return FIXED[spec.type]
    if spec.type == "date":
        return "2025-12-01" if "death" in spec.name else "1985-02-01"
    if spec.type == "select":
        return spec.options[0]["value"]
    if spec.type == "number":
        return max(spec.validation.get("min", 0), min(spec.validation.get("max", 12), 12))
    if spec.type == "table":
        return [{c.name: _value(c, index + row) for c in spec.columns} for row in range(2)]
    return _text(spec, index)


def sample_fields(ctype: CertificateType) -> dict[str, Any]:
    """Every field of the type filled in (optional ones too, so templates print all they can)."""
    return {spec.name: _value(spec, index) for index, spec in enumerate(ctype.fields)}


def _base45(data: bytes) -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
    out = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        out += [alphabet[n % 45], alphabet[n // 45 % 45], alphabet[n // 2025]]
    if len(data) % 2:
        out += [alphabet[data[-1] % 45], alphabet[data[-1] // 45]]
    return "".join(out)


@functools.cache
def verify_text() -> str:
    """The verify URL the issuing Lambda would print for the sample warish certificate: its claims
    (16-byte record hash, status list index, the deceased's Bengali name) through
    chalicelib.domain.credentials.encode_qr, signed by a local P-256 key with deterministic ECDSA
    (same algorithm and sizes as KMS; same bytes on every run), under the production base URL."""
    from chalicelib.domain import codes
    from chalicelib.domain import credentials as cred
    from tests import localkeys

    record = {"type": "warish", "office_id": OFFICE.office_id, "ward": 3, "fields": WARISH_FIELDS}
    claims = cred.CertificateClaims(
        certificate_no=codes.normalise(CERTIFICATE_NO),
        type_code="warish",
        office_id=OFFICE.office_id,
        issued_on=ISSUED_ON,
        holder_name=WARISH_FIELDS["deceased_name_bn"],
        record_hash=cred.record_hash(record),
        status_list_id="2026-07",
        status_index=98_765,
    )
    key = localkeys.key("rendering-samples-office")
    kid = hashlib.sha256(localkeys.spki(key)).digest()[:8]  # stands in for SHA-256(certificate)[:8]
    signed_at = dt.datetime.combine(ISSUED_ON, dt.time(11, 30), tzinfo=BANGLADESH)
    qr = cred.encode_qr(claims, kid, localkeys.signer(key), signed_at=signed_at)
    return cred.verify_url(VERIFY_BASE_URL, qr)


def noise_verify_text(payload_bytes: int, seed: int = 1) -> str:
    """A verify URL of the real shape ("SS1:" and Base45 after '#', ' ' and '%' percent-encoded)
    around `payload_bytes` random bytes instead of a signed credential: for QR sizes beyond what
    today's claims need (a long holder name, an expiry claim). Random bytes stand in because
    signatures and hashes do not compress."""
    noise = random.Random(seed).randbytes(payload_bytes)  # noqa: S311 - fixed test data, not a secret
    return VERIFY_BASE_URL + "/v#" + urllib.parse.quote("SS1:" + _base45(noise), safe="$*+-./:")


def document(
    ctype: CertificateType,
    fields: dict[str, Any],
    lang: str = "bn",
    valid_until: dt.date | None = None,
    text: str | None = None,
) -> CertificateDocument:
    return CertificateDocument(
        certificate_no=CERTIFICATE_NO,
        type_code=ctype.code,
        office=OFFICE,
        ward=3,
        fields=fields,
        issued_on=ISSUED_ON,
        valid_until=valid_until,
        signatory=SIGNATORY,
        verify_text=text if text is not None else verify_text(),
        lang=lang,
    )
