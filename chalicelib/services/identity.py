"""Identity check at application time (issue: NID verification): the holder's NID (or birth
registration number, for minors) and date of birth are looked up in the national registry and
compared with what was typed. The result travels with the case for the secretary; an outage of
the registry never stops an application — it is marked `unavailable` and checked by hand."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from chalicelib.adapters.http_client import PartyUnavailable
from chalicelib.adapters.identity import IdentityRegistry, registry
from chalicelib.adapters.keys import party_credentials
from chalicelib.config import settings
from chalicelib.domain.catalog import CertificateType
from chalicelib.domain.identity import check as compare_with
from chalicelib.domain.identity import unavailable
from chalicelib.observability import metrics

TYPED = {
    "name_bn": "holder_name_bn",
    "name_en": "holder_name_en",
    "father_name_bn": "father_name_bn",
    "mother_name_bn": "mother_name_bn",
    "dob": "holder_dob",
}


@cache
def _registry(kind: str) -> IdentityRegistry:
    s = settings()
    adapter, base_url = (s.nid_adapter, s.nid_base_url) if kind == "nid" else (s.brn_adapter, s.brn_base_url)
    creds = party_credentials(kind) if adapter != "local" else {}
    return registry(
        kind,
        adapter,
        base_url=base_url,
        username=creds.get("username", ""),
        password=creds.get("password", ""),
        api_key=creds.get("api_key", ""),
    )


def check(ctype: CertificateType, fields: dict[str, Any]) -> dict[str, Any] | None:
    """The registry's verdict on the holder, or None when the form names no NID/BRN with a birth date."""
    dob = fields.get("holder_dob")
    kind, number = ("nid", fields.get("holder_nid")) if fields.get("holder_nid") else ("brn", fields.get("holder_brn"))
    if not number or not dob:
        return None
    typed = {name: str(fields[source]) for name, source in TYPED.items() if fields.get(source)}
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    try:
        result = compare_with(kind, typed, _registry(kind).lookup(str(number), str(dob)), stamp)
    except PartyUnavailable:
        result = unavailable(kind, stamp)
    metrics.add_metric(name=f"IdentityCheck_{result.status}", unit="Count", value=1)
    return result.as_dict()
