"""Identity check at application time (issue: NID verification): the holder's NID (or birth
registration number, for minors) and date of birth are looked up in the national registry and
compared with what was typed. The result travels with the case for the secretary; an outage of
the registry never stops an application — it is marked `unavailable` and checked by hand.
Inheritance cases (issue 12) also check the deceased and every adult heir who gives an NID."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor, wait
from functools import cache
from typing import Any

from chalicelib.adapters.http_client import PartyUnavailable
from chalicelib.adapters.identity import IdentityRegistry, registry
from chalicelib.adapters.keys import party_credentials
from chalicelib.config import settings
from chalicelib.domain import heir_checks
from chalicelib.domain.catalog import CertificateType
from chalicelib.domain.clock import utc_stamp
from chalicelib.domain.identity import IdentityCheck, unavailable
from chalicelib.domain.identity import check as compare_with
from chalicelib.observability import metrics

PARALLEL_LOOKUPS = 8  # registry calls in flight at once for one case (the heirs table holds up to 30)

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


def _lookup(kind: str, number: str, dob: str, typed: dict[str, str], stamp: str) -> IdentityCheck:
    """One registry lookup compared with what was typed; an outage is `unavailable`, never an error."""
    try:
        return compare_with(kind, typed, _registry(kind).lookup(number, dob), stamp)
    except PartyUnavailable:
        return unavailable(kind, stamp)


def _counted(result: IdentityCheck) -> IdentityCheck:
    metrics.add_metric(name=f"IdentityCheck_{result.status}", unit="Count", value=1)
    return result


def _now() -> str:
    return utc_stamp()


def check(ctype: CertificateType, fields: dict[str, Any]) -> dict[str, Any] | None:
    """The registry's verdict on the holder, or None when the form names no NID/BRN with a birth date."""
    dob = fields.get("holder_dob")
    kind, number = ("nid", fields.get("holder_nid")) if fields.get("holder_nid") else ("brn", fields.get("holder_brn"))
    if not number or not dob:
        return None
    typed = {name: str(fields[source]) for name, source in TYPED.items() if fields.get(source)}
    return _counted(_lookup(kind, str(number), str(dob), typed, _now())).as_dict()


def check_people(fields: dict[str, Any], today: dt.date) -> list[dict[str, Any]] | None:
    """Inheritance cases: the verdict on the deceased and on each adult heir with an NID (None when
    the form names neither). The lookups run side by side within one time budget, so a list of 30
    heirs costs about one lookup's time; a lookup still out when the budget is spent is
    `unavailable` (the secretary checks that person by hand), like an outage."""
    named = heir_checks.people(fields, today)
    if not named:
        return None
    stamp = _now()
    asked = [p for p in named if p.source]
    results: dict[str, IdentityCheck] = {}
    if asked:
        for kind in {str(p.source) for p in asked}:
            _registry(kind)  # built here, once: clients and secrets are not created from the pool's threads
        pool = ThreadPoolExecutor(max_workers=min(PARALLEL_LOOKUPS, len(asked)))
        futures = {pool.submit(_lookup, str(p.source), p.number, p.dob, p.typed, stamp): p.label for p in asked}
        done, _late = wait(futures, timeout=settings().identity_check_budget_seconds)
        pool.shutdown(wait=False, cancel_futures=True)
        results = {futures[f]: f.result() for f in done}
    return [
        heir_checks.entry(p, _counted(results.get(p.label) or unavailable(str(p.source), stamp)) if p.source else None)
        for p in named
    ]
