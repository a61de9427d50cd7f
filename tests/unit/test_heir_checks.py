"""Inheritance cases (issue 12, items 8 and 9): who is looked up in the registries, what is stored,
the heir's date of birth once an NID is given, and the consent SMS with its link in one segment."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from chalicelib.domain import heir_checks
from chalicelib.domain.bangla import bn_digits
from chalicelib.domain.catalog import catalog, sms_texts
from chalicelib.domain.forms import validate_form
from chalicelib.domain.identity import RegistryRecord, check
from chalicelib.domain.sms_text import segments
from chalicelib.services.consents import LINK_LENGTH
from local.samples import DECEASED

TODAY = dt.date(2026, 12, 6)
ROOT = Path(__file__).resolve().parents[2]


def test_the_deceased_and_each_adult_heir_with_an_nid_are_looked_up() -> None:
    fields = {
        **DECEASED,
        "heirs": [
            {"name_bn": "কামাল", "relation": "son", "dob": "1985-02-01", "nid": "5823146791", "is_adult": "yes"},
            {"name_bn": "সালমা", "relation": "wife", "is_adult": "yes"},  # adult, no NID
            {"name_bn": "রিমা", "relation": "daughter", "dob": "2015-01-01", "nid": "5823146792", "is_adult": "yes"},
            {"name_bn": "জামাল", "relation": "son", "nid": "5823146793", "is_adult": "yes"},  # no date of birth
        ],
    }
    named = heir_checks.people(fields, TODAY)
    assert [(p.person, p.row, p.source, p.reason) for p in named] == [
        ("deceased", None, "nid", None),
        ("heir", 0, "nid", None),
        ("heir", 1, None, "no_nid"),
        ("heir", 2, None, "minor"),  # 11 years old by the date of birth, whatever the form says
        ("heir", 3, None, "no_dob"),
    ]
    deceased, son = named[0], named[1]
    assert deceased.number == DECEASED["deceased_nid"] and deceased.dob == DECEASED["deceased_dob"]
    assert deceased.typed == {
        "name_bn": DECEASED["deceased_name_bn"],
        "name_en": DECEASED["deceased_name_en"],
        "father_name_bn": DECEASED["deceased_father_name_bn"],
        "mother_name_bn": DECEASED["deceased_mother_name_bn"],
        "dob": DECEASED["deceased_dob"],
    }
    assert son.typed == {"name_bn": "কামাল", "dob": "1985-02-01"}


def test_a_deceased_known_by_birth_registration_is_looked_up_there() -> None:
    fields = {k: v for k, v in DECEASED.items() if k != "deceased_nid"} | {"deceased_brn": "19481234567890123"}
    first = heir_checks.people(fields, TODAY)[0]
    assert (first.source, first.number) == ("brn", "19481234567890123")


def test_forms_without_a_deceased_or_heirs_name_nobody() -> None:
    assert heir_checks.people({"holder_nid": "1987654321"}, TODAY) == []


def test_the_stored_line_keeps_the_verdict_not_the_registry_record() -> None:
    son = heir_checks.people(DECEASED, TODAY)[1]
    record = RegistryRecord(name_bn="অন্য নাম", dob="1985-02-01", address_bn="কোনো গ্রাম")
    line = heir_checks.entry(son, check("nid", son.typed, record, "2026-12-06T10:00:00+00:00"))
    assert line == {
        "person": "heir",
        "row": 0,
        "status": "mismatch",
        "source": "nid",
        "mismatches": ["name_bn"],
        "checked_at": "2026-12-06T10:00:00+00:00",
    }
    assert "অন্য নাম" not in json.dumps(line, ensure_ascii=False)
    minor = heir_checks.Person("heir", 2, reason="minor")
    assert heir_checks.entry(minor, None) == {"person": "heir", "row": 2, "status": "not_checked", "reason": "minor"}


def test_an_heirs_date_of_birth_is_required_once_their_nid_is_given() -> None:
    warish = catalog().get("warish")
    assert warish is not None
    heir = {"name_bn": "কামাল হোসেন", "relation": "son", "nid": "5823146791", "is_adult": "yes"}
    _, errors = validate_form(warish, {**DECEASED, "heirs": [heir]}, TODAY)
    wanted = [("fields.heirs[0].dob", "is required when the NID number is given")]
    assert [(e.field, e.message) for e in errors] == wanted
    assert errors[0].message_bn == "জন্ম তারিখ আবশ্যক"
    _, errors = validate_form(warish, {**DECEASED, "heirs": [{**heir, "nid": ""}]}, TODAY)
    assert errors == []  # no NID: nothing to check, so no date of birth needed


def test_the_deceaseds_date_of_birth_is_asked() -> None:
    warish = catalog().get("warish")
    assert warish is not None
    _, errors = validate_form(warish, {k: v for k, v in DECEASED.items() if k != "deceased_dob"}, TODAY)
    assert [e.field for e in errors] == ["fields.deceased_dob"]


def _hosts() -> list[str]:
    stages = json.loads((ROOT / ".chalice" / "config.json").read_text())["stages"]
    envs = [s.get("environment_variables", {}) for s in stages.values()]
    return [e["VERIFY_BASE_URL"] for e in envs if "VERIFY_BASE_URL" in e]


def test_the_consent_sms_with_its_link_is_one_bengali_segment_on_every_stage() -> None:
    hosts = _hosts()
    assert hosts, "the stages name their public address"
    for host in [*hosts, "http://127.0.0.1:8000"]:
        link = f"{host}/c#" + "W" * LINK_LENGTH
        text = sms_texts()["heir_consent"].format(code=bn_digits("999999"), link=link, tracking_no="X" * 19)
        assert segments(text) == 1, (host, len(text), text)
        assert link in text and "৯৯৯৯৯৯" in text and re.search(r"[\u0980-\u09FF]", text)
