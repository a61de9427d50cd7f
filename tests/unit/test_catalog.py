"""The catalog data: all 48 types of DESIGN §4, each valid and complete."""

import datetime as dt
import json
from pathlib import Path

import pytest

from chalicelib.domain.catalog import DATA_DIR, Catalog, CatalogError, catalog, profile_fields
from chalicelib.domain.forms import validate_form

DESIGN_CODES = {
    "assessment_objection",  # issue 14: an application about a holding's assessment (DESIGN §10)
    "citizenship",
    "permanent_resident",
    "character",
    "same_person",
    "new_voter",
    "voter_transfer",
    "nid_correction",
    "birth_info",
    "passport",
    "warish",
    "succession",
    "family",
    "death",
    "unmarried",
    "married",
    "not_remarried",
    "remarried",
    "widow",
    "divorced",
    "orphan",
    "guardian",
    "guardian_income",
    "annual_income",
    "insolvency",
    "solvency",
    "landless",
    "unemployment",
    "occupation",
    "farmer",
    "disability",
    "freedom_fighter_family",
    "river_erosion",
    "expatriate",
    "ethnic_minority",
    "religion",
    "student",
    "presence",
    "small_trader",
    "trade_license",
    "holding_number",
    "building_permission",
    "noc",
    "possession",
    "animal_ownership",
    "tax_paid",
    "road_excavation",
    "tenant_resident",
    "misc",
}


def test_all_design_types_are_there() -> None:
    assert {t.code for t in catalog().all()} == DESIGN_CODES


@pytest.mark.parametrize("code", sorted(DESIGN_CODES))
def test_each_type_is_complete(code: str) -> None:
    ctype = catalog().get(code)
    assert ctype is not None
    assert any("\u0980" <= ch <= "\u09ff" for ch in ctype.name_bn) and ctype.name_en
    assert ctype.fields and ctype.documents and ctype.template_bn and ctype.template_en
    assert all(f.label_bn and f.label_en for f in ctype.fields)
    # An empty form is refused with an error for every required field.
    _, errors = validate_form(ctype, {}, dt.date(2026, 6, 30))
    required = {f"fields.{f.name}" for f in ctype.fields if f.required}
    assert required <= {e.field for e in errors}


def test_anti_fraud_policies() -> None:
    types = catalog()
    for code in ("warish", "succession", "death"):
        t = types.get(code)
        assert t and t.policy == {"kind": "unique_subject"}
    for code in ("married", "unmarried", "not_remarried", "widow", "divorced"):
        t = types.get(code)
        assert t and t.policy == {"kind": "conflict_group", "group": "marital"}
    trade = types.get("trade_license")
    assert trade and trade.policy["kind"] == "renewable" and trade.validity == {"kind": "fiscal_year"}


def test_adding_a_type_is_a_data_change(tmp_path: Path) -> None:
    for name in ("fieldsets.json", "workflows.json"):
        (tmp_path / name).write_text((DATA_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "certificate_types").mkdir()
    raw = json.loads((DATA_DIR / "certificate_types" / "citizenship.json").read_text(encoding="utf-8"))
    raw.update(code="boat_license", name_en="Boat licence", name_bn="নৌকা লাইসেন্স")
    (tmp_path / "certificate_types" / "boat_license.json").write_text(json.dumps(raw), encoding="utf-8")
    assert Catalog.from_dir(tmp_path).get("boat_license") is not None
    raw["workflow"] = "no_such_variant"
    (tmp_path / "certificate_types" / "boat_license.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(CatalogError):
        Catalog.from_dir(tmp_path)


def test_profile_form_loads() -> None:
    assert {f.name for f in profile_fields()} >= {"nid", "name_bn", "name_en", "date_of_birth"}
