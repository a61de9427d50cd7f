"""Fictional people for examples, benchmarks and tests (no real person's data)."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.canonical import ascii_digits

HOLDER: dict[str, Any] = {
    "holder_name_bn": "মোছাঃ রাবেয়া খাতুন",
    "holder_name_en": "Mst. Rabeya Khatun",
    "holder_nid": "1987654321",
    "holder_dob": "1990-04-14",
    "gender": "female",
    "father_name_bn": "মোঃ আব্দুর রহিম",
    "mother_name_bn": "মোছাঃ জোহরা বেগম",
    "village_bn": "সুবিল",
    "post_office_bn": "সুবিল বাজার",
}

DECEASED: dict[str, Any] = {
    "applicant_relation": "son",
    "deceased_name_bn": "মোঃ আব্দুল জব্বার",
    "deceased_name_en": "Md. Abdul Jabbar",
    "deceased_nid": "4512369870",
    "date_of_death": "2025-12-01",
    "deceased_father_name_bn": "মোঃ করম আলী",
    "deceased_mother_name_bn": "মোছাঃ আমেনা খাতুন",
    "village_bn": "সুবিল",
    "post_office_bn": "সুবিল বাজার",
    "heirs": [
        {"name_bn": "মোঃ কামাল হোসেন", "relation": "son", "dob": "1985-02-01", "phone": "01811000002", "is_adult": "yes"},
        {"name_bn": "মোছাঃ সালমা বেগম", "relation": "wife", "dob": "1960-05-05", "is_adult": "yes"},
    ],
}


def code_from_sms(text: str) -> str:
    """The six-digit code in a sign-in SMS (written in Bengali digits)."""
    digits = "".join(ch for ch in ascii_digits(text) if ch.isascii() and ch.isdigit())
    return digits[:6]
