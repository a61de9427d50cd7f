"""Fictional people for examples, benchmarks and tests (no real person's data)."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.identity_simulator import (
    SAMPLE_DECEASED_NID,
    SAMPLE_HEIR_NIDS,
    SAMPLE_HOLDER_NID,
    SAMPLE_PEOPLE,
)
from chalicelib.domain.canonical import ascii_digits

_HOLDER = SAMPLE_PEOPLE[SAMPLE_HOLDER_NID]
_DECEASED = SAMPLE_PEOPLE[SAMPLE_DECEASED_NID]
_SON, _WIDOW = (SAMPLE_PEOPLE[nid] for nid in SAMPLE_HEIR_NIDS)
_VILLAGE, _POST_OFFICE = _HOLDER.address_bn.split(", ")

HOLDER: dict[str, Any] = {
    "holder_name_bn": _HOLDER.name_bn,
    "holder_name_en": _HOLDER.name_en,
    "holder_nid": SAMPLE_HOLDER_NID,
    "holder_dob": _HOLDER.dob,
    "gender": "female",
    "father_name_bn": _HOLDER.father_name_bn,
    "mother_name_bn": _HOLDER.mother_name_bn,
    "village_bn": _VILLAGE,
    "post_office_bn": _POST_OFFICE,
}

DECEASED: dict[str, Any] = {
    "applicant_relation": "son",
    "deceased_name_bn": _DECEASED.name_bn,
    "deceased_name_en": _DECEASED.name_en,
    "deceased_nid": SAMPLE_DECEASED_NID,
    "deceased_dob": _DECEASED.dob,
    "date_of_death": "2025-12-01",
    "deceased_father_name_bn": _DECEASED.father_name_bn,
    "deceased_mother_name_bn": _DECEASED.mother_name_bn,
    "village_bn": _VILLAGE,
    "post_office_bn": _POST_OFFICE,
    "heirs": [
        # Adults with an NID, checked in the registry (the simulator knows them: matched)
        {
            "name_bn": _SON.name_bn,
            "relation": "son",
            "dob": _SON.dob,
            "nid": SAMPLE_HEIR_NIDS[0],
            "phone": "01811000002",
            "is_adult": "yes",
        },
        {
            "name_bn": _WIDOW.name_bn,
            "relation": "wife",
            "dob": _WIDOW.dob,
            "nid": SAMPLE_HEIR_NIDS[1],
            "is_adult": "yes",
        },
    ],
}


def code_from_sms(text: str) -> str:
    """The six-digit code in a sign-in SMS (written in Bengali digits)."""
    digits = "".join(ch for ch in ascii_digits(text) if ch.isascii() and ch.isdigit())
    return digits[:6]
