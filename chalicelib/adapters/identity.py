"""National registries that confirm who a person is: the Election Commission's NID service and the
birth and death registration information system (BDRIS).

Each adapter answers `lookup(number, dob)` with a `RegistryRecord`, with None when the registry
has no person for that number and date of birth, or raises `PartyUnavailable` when it cannot
answer. Numbers, names and dates of birth never go into a log line or an exception message.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any, Protocol

from chalicelib.adapters.http_client import HttpResult, PartyUnavailable, call
from chalicelib.domain.identity import RegistryRecord, normalise_date
from chalicelib.observability import logger

NID_LENGTHS = (10, 13, 17)
BRN_LENGTH = 17


class RegistryRefused(PartyUnavailable):
    """The registry answered but would not look the person up (our credentials refused, the voter
    record locked, a request it calls malformed). No answer about the person, so callers treat it
    like any outage (the secretary checks by hand), while operators can tell it apart in alarms."""


class IdentityRegistry(Protocol):
    def lookup(self, number: str, dob: str) -> RegistryRecord | None: ...


def _digits(number: str, lengths: tuple[int, ...], what: str) -> str:
    number = number.strip()
    if not number.isascii() or not number.isdigit() or len(number) not in lengths:
        raise ValueError(f"{what} must be {' or '.join(map(str, lengths))} digits")
    return number


def _nid_field(number: str, dob: str) -> dict[str, str]:
    """The EC names the number by its length: `nid10Digit` or `nid17Digit`. A 13-digit (pre-2008)
    NID is the 17-digit one without its leading birth year, so it is sent in that form."""
    number = _digits(number, NID_LENGTHS, "NID")
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


def _voter_record(data: dict[str, Any]) -> RegistryRecord:
    return RegistryRecord(
        name_bn=_text(data.get("name")),
        name_en=_text(data.get("nameEn")),
        father_name_bn=_text(data.get("father")),
        mother_name_bn=_text(data.get("mother")),
        dob=normalise_date(_text(data.get("dateOfBirth"))),
        address_bn=_address(data.get("permanentAddress")) or _address(data.get("presentAddress")),
    )


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
    return RegistryRecord(
        name_bn=_text(data.get("personNameBn")),
        name_en=_text(data.get("personNameEn")),
        father_name_bn=_text(data.get("fatherNameBn")),
        mother_name_bn=_text(data.get("motherNameBn")),
        dob=normalise_date(_text(data.get("personBirthDate"))),
        address_bn=_text(data.get("birthPlaceBn")),
    )


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
            params={"ubrn": _digits(number, (BRN_LENGTH,), "birth registration number"), "dob": normalise_date(dob)},
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


# The local simulator's fictional name parts (no real person's data).
_GIVEN = (("রফিক", "Rafiq"), ("সুমাইয়া", "Sumaiya"), ("তানভীর", "Tanvir"), ("নাসরিন", "Nasrin"), ("আরিফ", "Arif"))
_FAMILY = (("হোসেন", "Hossain"), ("আক্তার", "Akter"), ("ইসলাম", "Islam"), ("রহমান", "Rahman"))
_FATHERS = ("মোঃ জামাল উদ্দিন", "মোঃ হারুন মিয়া", "আব্দুল মালেক", "মোঃ সিরাজুল হক")
_MOTHERS = ("মোছাঃ রোকেয়া বেগম", "শাহানা পারভীন", "মোছাঃ ফাতেমা খাতুন", "নূরজাহান বেগম")


# The simulator's own fictional people; local/samples.py builds its example forms from them, so
# the package Lambda runs never imports the local harness.
SAMPLE_HOLDER_NID = "1987654321"
SAMPLE_DECEASED_NID = "4512369870"
SAMPLE_HEIR_NIDS = ("5823146791", "3917254682")  # the deceased's son and widow
SAMPLE_PEOPLE: dict[str, RegistryRecord] = {
    SAMPLE_HOLDER_NID: RegistryRecord(
        name_bn="মোছাঃ রাবেয়া খাতুন",
        name_en="Mst. Rabeya Khatun",
        father_name_bn="মোঃ আব্দুর রহিম",
        mother_name_bn="মোছাঃ জোহরা বেগম",
        dob="1990-04-14",
        address_bn="সুবিল, সুবিল বাজার",
    ),
    SAMPLE_DECEASED_NID: RegistryRecord(
        name_bn="মোঃ আব্দুল জব্বার",
        name_en="Md. Abdul Jabbar",
        father_name_bn="মোঃ করম আলী",
        mother_name_bn="মোছাঃ আমেনা খাতুন",
        dob="1948-03-10",
        address_bn="সুবিল, সুবিল বাজার",
    ),
    SAMPLE_HEIR_NIDS[0]: RegistryRecord(
        name_bn="মোঃ কামাল হোসেন",
        name_en="Md. Kamal Hossain",
        father_name_bn="মোঃ আব্দুল জব্বার",
        mother_name_bn="মোছাঃ সালমা বেগম",
        dob="1985-02-01",
        address_bn="সুবিল, সুবিল বাজার",
    ),
    SAMPLE_HEIR_NIDS[1]: RegistryRecord(
        name_bn="মোছাঃ সালমা বেগম",
        name_en="Mst. Salma Begum",
        father_name_bn="মোঃ ইদ্রিস আলী",
        mother_name_bn="মোছাঃ হালিমা খাতুন",
        dob="1960-05-05",
        address_bn="সুবিল, সুবিল বাজার",
    ),
}


def _derived_record(number: str, dob: str) -> RegistryRecord:
    seed = hashlib.sha256(number.encode()).digest()
    given, family = _GIVEN[seed[0] % len(_GIVEN)], _FAMILY[seed[1] % len(_FAMILY)]
    return RegistryRecord(
        name_bn=f"{given[0]} {family[0]}",
        name_en=f"{given[1]} {family[1]}",
        father_name_bn=_FATHERS[seed[2] % len(_FATHERS)],
        mother_name_bn=_MOTHERS[seed[3] % len(_MOTHERS)],
        dob=normalise_date(dob),
        address_bn="সুবিল, সুবিল বাজার",
    )


class LocalIdentityRegistry:
    """LOCAL SIMULATOR of a national registry, for `make run`, demos and tests. Never a real check.

    Rules, so a demo can show every outcome:
    - the fictional SAMPLE_PEOPLE (local/samples.py's HOLDER, DECEASED and two of its heirs)
      answer with their own data, by NID and date of birth (another date: not found; a record
      without a `dob` answers any date);
    - a well-formed number ending in "0000" is not found (None);
    - a well-formed number ending in "9999" is an outage (`PartyUnavailable`);
    - any other well-formed number answers a fictional record derived from the number, with the
      date of birth that was asked, so the typed name is what differs.
    Well-formed: an NID of 10, 13 or 17 digits (kind "nid"), a 17-digit UBRN (kind "brn");
    anything else raises ValueError, as the real adapters do.
    """

    def __init__(self, kind: str = "nid", people: Mapping[str, RegistryRecord] | None = None):
        self.lengths = NID_LENGTHS if kind == "nid" else (BRN_LENGTH,)
        self.people = dict(SAMPLE_PEOPLE if people is None else people)

    def lookup(self, number: str, dob: str) -> RegistryRecord | None:
        number = _digits(number, self.lengths, "number")
        if number.endswith("9999"):
            raise PartyUnavailable("local registry: simulated outage")
        if number.endswith("0000"):
            return None
        known = self.people.get(number)
        if known is None:
            return _derived_record(number, dob)
        return known if known.dob in ("", normalise_date(dob)) else None


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
        return LocalIdentityRegistry(kind)
    if not base_url:
        raise ValueError(f"the {adapter} adapter needs a base_url")
    if adapter == "ec":
        return EcNidService(base_url, username, password)
    return BdrisService(base_url, api_key)
