"""National registries that confirm who a person is: the Election Commission's NID service and the
birth and death registration information system (BDRIS).

Each adapter answers `lookup(number, dob)` with a `RegistryRecord`, with None when the registry
has no person for that number and date of birth, or raises `PartyUnavailable` when it cannot
answer. Numbers, names and dates of birth never go into a log line or an exception message.
"""

from __future__ import annotations

from typing import Any, Protocol

from chalicelib.adapters.http_client import HttpResult, PartyUnavailable, call
from chalicelib.domain.identity import BRN_LENGTH, NID_LENGTHS, RegistryRecord, normalise_date, registry_number
from chalicelib.observability import logger


class RegistryRefused(PartyUnavailable):
    """The registry answered but would not look the person up (our credentials refused, the voter
    record locked, a request it calls malformed). No answer about the person, so callers treat it
    like any outage (the secretary checks by hand), while operators can tell it apart in alarms."""


class IdentityRegistry(Protocol):
    def lookup(self, number: str, dob: str) -> RegistryRecord | None: ...


def _nid_field(number: str, dob: str) -> dict[str, str]:
    """The EC names the number by its length: `nid10Digit` or `nid17Digit`. A 13-digit (pre-2008)
    NID is the 17-digit one without its leading birth year, so it is sent in that form."""
    number = registry_number(number, NID_LENGTHS, "NID")
    if len(number) == 13:
        number = normalise_date(dob)[:4] + number
    return {"nid10Digit" if len(number) == 10 else "nid17Digit": number}


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


ADDRESS_PARTS = (
    "homeOrHoldingNo",
    "additionalVillageOrRoad",
    "villageOrRoad",
    "additionalMouzaOrMoholla",
    "mouzaOrMoholla",
    "unionOrWard",
    "postOffice",
    "postalCode",
    "upozila",
    "cityCorporationOrMunicipality",
    "district",
    "division",
)


def _address(value: Any) -> str:
    """The EC's structured address as one Bengali line (or its own line, when it sends one)."""
    if isinstance(value, str):
        return value.strip()
    if not isinstance(value, dict):
        return ""
    if _text(value.get("addressLine")):
        return _text(value.get("addressLine"))
    parts = [_text(value.get(key)) for key in ADDRESS_PARTS]
    return ", ".join(dict.fromkeys(p for p in parts if p))


def _record(data: dict[str, Any], names: tuple[str, str, str, str], dob: str, address_bn: str) -> RegistryRecord:
    """A registry's answer as a RegistryRecord: `names` are its keys for the Bengali name, the
    English name, the father's and the mother's name; `dob` its key for the date of birth."""
    name_bn, name_en, father, mother = (_text(data.get(key)) for key in names)
    return RegistryRecord(name_bn, name_en, father, mother, normalise_date(_text(data.get(dob))), address_bn)


def _voter_record(data: dict[str, Any]) -> RegistryRecord:
    address = _address(data.get("permanentAddress")) or _address(data.get("presentAddress"))
    return _record(data, ("name", "nameEn", "father", "mother"), "dateOfBirth", address)


def _get(value: Any, *keys: str) -> Any:
    """value[k1][k2]..., or None where any level is missing or not an object."""
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


class EcNidService:
    """The Election Commission NID Wing partner service (prportal.nidw.gov.bd `partner-service`).

    Log in once, keep the bearer token in the instance (a warm Lambda reuses it across requests),
    and log in again once when the service says the token has expired (HTTP 401)."""

    def __init__(self, base_url: str, username: str, password: str):
        self.base_url = base_url.rstrip("/")
        self._credentials = {"username": username, "password": password}
        self._token: str | None = None

    def lookup(self, number: str, dob: str) -> RegistryRecord | None:
        request = {**_nid_field(number, dob), "dateOfBirth": normalise_date(dob)}
        result = self._details(request, fresh_token=self._token is None)
        body = result.json_object()
        if result.status == 404 or "NOT_FOUND" in (body.get("status"), body.get("statusCode")):
            return None
        data = _get(body, "success", "data") if result.status == 200 else None
        if body.get("statusCode") != "SUCCESS" or not isinstance(data, dict):
            raise RegistryRefused(f"EC NID service refused the lookup: HTTP {result.status} {body.get('status', '')}")
        return _voter_record(data)

    def _details(self, request: dict[str, str], fresh_token: bool) -> HttpResult:
        result = self._post_details(request)
        if result.status == 401 and not fresh_token:
            logger.info("EC NID token expired; logging in again")
            self._token = None
            result = self._post_details(request)
        if result.status == 401:
            raise RegistryRefused("EC NID service refused a fresh token")
        return result

    def _post_details(self, request: dict[str, str]) -> HttpResult:
        token = self._token or self._login()
        return call(
            "POST",
            f"{self.base_url}/partner-service/rest/voter/details",
            json_body=request,
            headers={"Authorization": f"Bearer {token}"},
        )

    def _login(self) -> str:
        result = call("POST", f"{self.base_url}/partner-service/rest/auth/login", json_body=self._credentials)
        body = result.json_object()
        token = _get(body, "success", "data", "access_token")
        if result.status != 200 or body.get("statusCode") != "SUCCESS" or not isinstance(token, str):
            raise RegistryRefused(f"EC NID login refused: HTTP {result.status}")
        self._token = token
        return token


def _bdris_record(data: dict[str, Any]) -> RegistryRecord:
    names = ("personNameBn", "personNameEn", "fatherNameBn", "motherNameBn")
    return _record(data, names, "personBirthDate", _text(data.get("birthPlaceBn")))


class BdrisService:
    """Birth registration verification (BDRIS, Office of the Registrar General) by the 17-digit
    birth registration number (UBRN) and date of birth, authenticated by an API key header."""

    def __init__(self, base_url: str, api_key: str):
        self.base_url = base_url.rstrip("/")
        self._api_key = api_key

    def lookup(self, number: str, dob: str) -> RegistryRecord | None:
        result = call(
            "GET",
            f"{self.base_url}/api/BDRISVerification",
            params={
                "ubrn": registry_number(number, (BRN_LENGTH,), "birth registration number"),
                "dob": normalise_date(dob),
            },
            headers={"x-api-key": self._api_key},
        )
        if result.status in (204, 404):
            return None
        if result.status != 200:
            raise RegistryRefused(f"BDRIS refused the lookup: HTTP {result.status}")
        body = result.json_object()
        nested = body.get("data")
        data: dict[str, Any] = nested if isinstance(nested, dict) else body
        if not any(_text(data.get(key)) for key in ("personNameBn", "personNameEn")):
            return None  # an empty answer is how BDRIS says "no such registration"
        return _bdris_record(data)


ADAPTERS = {"nid": ("local", "ec"), "brn": ("local", "bdris")}


def registry(
    kind: str,
    adapter: str,
    *,
    base_url: str = "",
    username: str = "",
    password: str = "",
    api_key: str = "",
) -> IdentityRegistry:
    """The registry for `kind` ("nid" or "brn") by adapter name: "local" (the simulator), "ec"
    (NID, username and password) or "bdris" (birth registration, API key). Explicit parameters, so
    configuration stays in config.py and this module never reads the environment."""
    if adapter not in ADAPTERS.get(kind, ()):
        raise ValueError(f"no identity adapter {adapter!r} for {kind!r}")
    if adapter == "local":
        from chalicelib.adapters.identity_simulator import LocalIdentityRegistry

        return LocalIdentityRegistry(kind)
    if not base_url:
        raise ValueError(f"the {adapter} adapter needs a base_url")
    if adapter == "ec":
        return EcNidService(base_url, username, password)
    return BdrisService(base_url, api_key)
