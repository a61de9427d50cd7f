"""Offices and their name-search rows."""

from __future__ import annotations

from pynamodb.attributes import (
    JSONAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.adapters.tables.base import _S, Shared


class OfficesByUpazila(GlobalSecondaryIndex["OfficeRecord"]):
    class Meta:
        index_name = "by_upazila"
        projection = AllProjection()

    upazila_id = UnicodeAttribute(hash_key=True)
    office_id = UnicodeAttribute(range_key=True)


class OfficesByDistrict(GlobalSecondaryIndex["OfficeRecord"]):
    class Meta:
        index_name = "by_district"
        projection = AllProjection()

    district_id = UnicodeAttribute(hash_key=True)
    office_id = UnicodeAttribute(range_key=True)


class OfficeRecord(Model):
    class Meta(Shared):
        table_name = _S.table_name("offices")

    office_id = UnicodeAttribute(hash_key=True)
    kind = UnicodeAttribute()  # union | pourashava | city_corporation
    name_bn = UnicodeAttribute()
    name_en = UnicodeAttribute()
    division_id = UnicodeAttribute()
    district_id = UnicodeAttribute()
    upazila_id = UnicodeAttribute(null=True)  # city corporations span several upazilas
    area = JSONAttribute()  # names of division, district, upazila in both languages
    wards = NumberAttribute()
    head_designation = UnicodeAttribute()  # chairman | mayor | administrator
    overrides = JSONAttribute(default=dict)  # {type_code: {fee_poisha, sla_days, signatory}}
    contact = JSONAttribute(default=dict)
    policies = JSONAttribute(default=dict)  # {refund_on_reject: office_fee | full | none}
    by_upazila = OfficesByUpazila()
    by_district = OfficesByDistrict()


class OfficeSearchRow(Model):
    """Office search: one row per searchable name of an office (its own, its upazila's and its
    district's, in Bengali and English), partition `<script>:<first letters>`, sort key the
    normalised name (domain/office_search.py), so that `begins_with` in one Query does the matching.
    Each row repeats what a search result shows, so a search is that one Query."""

    class Meta(Shared):
        table_name = _S.table_name("office-search")

    name_prefix = UnicodeAttribute(hash_key=True)
    name_key = UnicodeAttribute(range_key=True)
    office_id = UnicodeAttribute()
    matched = UnicodeAttribute()  # name | upazila | district
    kind = UnicodeAttribute()
    name_bn = UnicodeAttribute()
    name_en = UnicodeAttribute()
    district_id = UnicodeAttribute()
    upazila_id = UnicodeAttribute(null=True)
    area = JSONAttribute()
