"""Certificate types and the terms an office applies to them (fee, time limit, signatory)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from chalicelib.config import settings
from chalicelib.domain.catalog import CertificateType, catalog
from chalicelib.domain.errors import not_found


@dataclass(frozen=True)
class Terms:
    office_fee: int
    sla_days: int
    signatory: str

    def fee(self) -> dict[str, Any]:
        platform = settings().platform_fee_poisha
        return {
            "office_fee": self.office_fee,
            "platform_fee": platform,
            "total": self.office_fee + platform,
            "currency": "BDT",
        }


def terms(ctype: CertificateType, overrides: dict[str, Any] | None) -> Terms:
    """The type's defaults with this office's overrides (DESIGN §4: fee, signatory and SLA)."""
    mine = (overrides or {}).get(ctype.code, {})
    return Terms(
        office_fee=int(mine.get("fee_poisha", ctype.fee_poisha)),
        sla_days=int(mine.get("sla_days", ctype.sla_days)),
        signatory=str(mine.get("signatory", ctype.signatory)),
    )


def ward_signs(overrides: dict[str, Any] | None) -> bool:
    """Whether an office's ward members sign some type (DESIGN §3: councillors often do in city
    corporations). Only then does each of them need a signing key: a KMS key costs 1 USD a month."""
    return any(terms(t, overrides).signatory == "ward" for t in catalog().all())


def list_types() -> dict[str, Any]:
    items = [{**t.summary(), "fee": terms(t, None).fee()} for t in catalog().all()]
    return {"items": items, "next_cursor": None}


def get_type(code: str) -> dict[str, Any]:
    ctype = catalog().get(code)
    if ctype is None:
        raise not_found("Certificate type")
    return {**ctype.public(), "fee": terms(ctype, None).fee()}
