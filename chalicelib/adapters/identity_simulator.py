"""LOCAL SIMULATOR of the national identity registries (`IDENTITY_ADAPTER=local`): `make run`,
demos and tests. Never a real check. Its fictional people live here, with the simulator; the
real-protocol adapters (EC NID, BDRIS) are in identity.py and share nothing with it but the
number rules of domain/identity.py.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from chalicelib.adapters.http_client import PartyUnavailable
from chalicelib.domain.identity import BRN_LENGTH, NID_LENGTHS, RegistryRecord, normalise_date, registry_number

# The local simulator's fictional name parts (no real person's data).
_GIVEN = (("রফিক", "Rafiq"), ("সুমাইয়া", "Sumaiya"), ("তানভীর", "Tanvir"), ("নাসরিন", "Nasrin"), ("আরিফ", "Arif"))
_FAMILY = (("হোসেন", "Hossain"), ("আক্তার", "Akter"), ("ইসলাম", "Islam"), ("রহমান", "Rahman"))
_FATHERS = ("মোঃ জামাল উদ্দিন", "মোঃ হারুন মিয়া", "আব্দুল মালেক", "মোঃ সিরাজুল হক")
_MOTHERS = ("মোছাঃ রোকেয়া বেগম", "শাহানা পারভীন", "মোছাঃ ফাতেমা খাতুন", "নূরজাহান বেগম")


# The simulator's own fictional people; local/samples.py builds its example forms from them (the
# package Lambda runs never imports the local harness).
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
        number = registry_number(number, self.lengths, "number")
        if number.endswith("9999"):
            raise PartyUnavailable("local registry: simulated outage")
        if number.endswith("0000"):
            return None
        known = self.people.get(number)
        if known is None:
            return _derived_record(number, dob)
        return known if known.dob in ("", normalise_date(dob)) else None
