"""What an issued certificate says: the document the renderer draws and the claims its QR carries.

Pure data. The renderer (chalicelib/rendering) turns a CertificateDocument into a PDF; the
credential code (chalicelib/domain/credentials.py) turns its claims into the signed QR payload.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class OfficeHeader:
    office_id: str
    kind: str  # union | pourashava | city_corporation
    name_bn: str  # e.g. "সুবিল ইউনিয়ন পরিষদ" is composed by the renderer from name + kind
    name_en: str
    area_bn: str  # "দেবিদ্বার, কুমিল্লা"
    area_en: str  # "Debidwar, Comilla"


@dataclass(frozen=True)
class SignatoryInfo:
    name_bn: str
    name_en: str
    designation_bn: str  # "চেয়ারম্যান", "মেয়র", "কাউন্সিলর, ৫ নং ওয়ার্ড"
    designation_en: str


@dataclass(frozen=True)
class CertificateDocument:
    certificate_no: str  # display form, e.g. "6MN5-PJCN-H01Q-GN"
    type_code: str
    office: OfficeHeader
    ward: int
    fields: dict[str, Any]  # the validated form values
    issued_on: dt.date
    valid_until: dt.date | None
    signatory: SignatoryInfo
    verify_text: str  # what the QR encodes: the short verify URL, payload after '#'
    lang: str = "bn"  # "bn" or "en"
    extra: dict[str, Any] = field(default_factory=dict)


_COMBINING = {"Mn", "Mc", "Me"}


def mask_name(name: str) -> str:
    """Keep the first letter (with its vowel signs) of each word: 'রাবেয়া খাতুন' -> 'রা*** খা***'."""
    words = []
    for word in name.split():
        end = 1
        while end < len(word) and unicodedata.category(word[end]) in _COMBINING:
            end += 1
        words.append(word[:end] + "***")
    return " ".join(words)
