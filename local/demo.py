"""Demo data for `make run`: real offices with demo staff, written to .local/demo.json."""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

from chalicelib.adapters import offices as office_repo
from chalicelib.adapters.handover import seat_key
from chalicelib.adapters.keys import keyed_hash
from chalicelib.adapters.tables import Agency, OfficeRecord, Seat, StaffAccount
from chalicelib.config import settings
from chalicelib.services.auth import hash_password
from chalicelib.services.catalog import ward_signs
from chalicelib.services.publication import publish_status_list, publish_trust_list
from chalicelib.services.signing_keys import assign
from ops.offices import union_offices, urban_offices

DEMO_PASSWORD = "sonod-demo-2026"  # local stage only; printed in .local/demo.json
DEMO_UNIONS = {"1", "3271", "2468"}  # Subil (Debidwar, Cumilla), Savar (Dhaka), Telikhal (Companiganj, Sylhet)
DEMO_URBAN = {"pourashava-savar", "cc-dhaka-north"}
# Directory only (no staff): the five unions named Rampur (রামপুর), in Companiganj (Noakhali),
# Chandpur Sadar, Parbatipur, Trishal and Tarakanda, so that a search shows same-named offices.
SAME_NAMED = {"405", "506", "3725", "4265", "4326"}

# (role, ward, designation in Bengali, demo name in Bengali, in English)
STAFF = (
    ("signatory", None, "head", "মোঃ আব্দুল করিম", "Md. Abdul Karim"),
    ("secretary", None, "সচিব", "নাসরিন আক্তার", "Nasrin Akter"),
    ("ward_member", 1, "ওয়ার্ড সদস্য/কাউন্সিলর, ১ নং ওয়ার্ড", "মোঃ রফিকুল ইসলাম", "Md. Rafiqul Islam"),
    ("ward_member", 2, "ওয়ার্ড সদস্য/কাউন্সিলর, ২ নং ওয়ার্ড", "শাহনাজ বেগম", "Shahnaz Begum"),
    ("office_admin", None, "অফিস প্রশাসক", "তানভীর হাসান", "Tanvir Hasan"),
    ("udc_operator", None, "উদ্যোক্তা, ইউনিয়ন ডিজিটাল সেন্টার", "সুমাইয়া খাতুন", "Sumaiya Khatun"),
)
# Pourashavas and city corporations also have revenue staff (unions' secretaries do that work).
REVENUE_STAFF = (
    ("assessor", None, "কর নির্ধারক", "মোঃ জাহিদুল হক", "Md. Zahidul Haque"),
    ("tax_collector", None, "কর আদায়কারী", "রোকসানা পারভীন", "Rokshana Parvin"),
)
# Where ward councillors sign these types (an office setting; by default the head signs everything).
COUNCILLORS_SIGN = {"cc-dhaka-north": ("character", "presence", "tenant_resident")}
HEAD_BN = {"chairman": "চেয়ারম্যান", "mayor": "মেয়র", "administrator": "প্রশাসক"}


def _username(office_id: str, role: str, ward: int | None) -> str:
    return f"{office_id}.{role}{ward or ''}".replace("_", "-")


def load(out_path: Path) -> dict[str, Any]:
    offices = union_offices(DEMO_UNIONS) + urban_offices(DEMO_URBAN)
    for office in offices:
        if office.office_id in COUNCILLORS_SIGN:
            office.overrides = {code: {"signatory": "ward"} for code in COUNCILLORS_SIGN[office.office_id]}
    office_repo.put_many(offices + union_offices(SAME_NAMED))
    password_hash = hash_password(DEMO_PASSWORD)
    accounts = _office_staff(offices, password_hash) + _lgd_staff(password_hash)
    _assign_signing_keys(offices)
    agency_key = _demo_agency()
    publish_trust_list()
    publish_status_list(settings().status_list_id)
    demo = {
        "api": "http://127.0.0.1:8000/v1",
        "offices": [office_repo.as_dict(o) for o in offices],
        "accounts": accounts,
        "agency_api_key": agency_key,
        "citizen_sign_in": "POST /v1/auth/otp {phone}; read the code at GET /v1/_local/outbox?phone=",
    }
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(demo, ensure_ascii=False, indent=1), encoding="utf-8")
    return demo


def _office_staff(offices: list[OfficeRecord], password_hash: str) -> list[dict[str, Any]]:
    """Every office's demo staff (STAFF), all with the demo password; their sign-in details."""
    accounts = []
    with StaffAccount.batch_write() as batch:
        for office in offices:
            for role, ward, designation, name_bn, name_en in STAFF + (REVENUE_STAFF if office.kind != "union" else ()):
                username = _username(office.office_id, role, ward)
                title = HEAD_BN[office.head_designation] if designation == "head" else designation
                batch.save(
                    StaffAccount(
                        username,
                        password_hash=password_hash,
                        role=role,
                        office_id=office.office_id,
                        ward=ward,
                        name_bn=name_bn,
                        name_en=name_en,
                        designation_bn=title,
                    )
                )
                accounts.append(
                    {
                        "username": username,
                        "password": DEMO_PASSWORD,
                        "role": role,
                        "office_id": office.office_id,
                        "ward": ward,
                    }
                )
    return accounts


# LGD's two national accounts: a monitor (statistics only, never personal data) and the
# administrator (onboards offices and hands over signatories anywhere).
LGD_STAFF = (
    ("lgd.monitor", "monitor", "পর্যবেক্ষক, স্থানীয় সরকার বিভাগ", "Monitor, Local Government Division", "পর্যবেক্ষক"),
    ("lgd.admin", "lgd_admin", "প্রশাসক, স্থানীয় সরকার বিভাগ", "Administrator, Local Government Division", "প্রশাসক"),
)


def _lgd_staff(password_hash: str) -> list[dict[str, Any]]:
    with StaffAccount.batch_write() as batch:
        for username, role, name_bn, name_en, designation_bn in LGD_STAFF:
            batch.save(
                StaffAccount(
                    username,
                    password_hash=password_hash,
                    role=role,
                    office_id="lgd",
                    name_bn=name_bn,
                    name_en=name_en,
                    designation_bn=designation_bn,
                )
            )
    return [
        {"username": username, "password": DEMO_PASSWORD, "role": role, "office_id": "lgd", "ward": None}
        for username, role, *_ in LGD_STAFF
    ]


def _assign_signing_keys(offices: list[OfficeRecord]) -> None:
    """Every signatory gets a KMS key and certificate: the head, and the ward members of offices
    where they sign some type."""
    for office in offices:
        signers = ("signatory", "ward_member") if ward_signs(office.overrides) else ("signatory",)
        for role, ward, *_ in STAFF:
            if role in signers:
                username = _username(office.office_id, role, ward)
                key = assign(username, office.office_id, office.name_en)
                Seat(seat_key(office.office_id, role, ward), holder=username, since=key.valid_from).save()


def _demo_agency() -> str:
    """A demo agency (police verification) with an API key; only the key's keyed hash is stored."""
    api_key = "demo-" + secrets.token_urlsafe(24)
    Agency(
        keyed_hash("apikey", api_key),
        agency_id="police-sb",
        name_bn="বাংলাদেশ পুলিশ, বিশেষ শাখা",
        name_en="Bangladesh Police, Special Branch",
        scopes={"*"},
    ).save()
    return api_key
