"""National monitoring counters: per office, upazila, district, division and the country."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.adapters.tables.base import _S, Shared
from chalicelib.domain.monitoring import LAST_BUCKET


class AreaStatsByArea(GlobalSecondaryIndex["AreaStat"]):
    """One area's own row without knowing its parent: `<period>|<area>`."""

    class Meta:
        index_name = "by_area"
        projection = AllProjection()

    period_area = UnicodeAttribute(hash_key=True)


class AreaStat(Model):
    """Counters of one area in one period, stored under its parent so that one Query lists an
    area's children: scope `<period>|<parent area>`, area e.g. `district:47`. The country is the
    child of `root`. Days-to-issue are kept as a histogram (`tti_<days>`, 31 = a month or more)."""

    class Meta(Shared):
        table_name = _S.table_name("area-stats")

    scope = UnicodeAttribute(hash_key=True)
    area = UnicodeAttribute(range_key=True)
    period_area = UnicodeAttribute()
    name_bn = UnicodeAttribute(default="")
    name_en = UnicodeAttribute(default="")
    received = NumberAttribute(default=0)
    issued = NumberAttribute(default=0)
    rejected = NumberAttribute(default=0)
    overdue = NumberAttribute(default=0)
    # municipal revenue (periods "revenue" and "revenue-<fiscal year>", decision 71): poisha
    # collected, poisha of arrears carried, holdings registered; kept from the revenue stream
    collected = NumberAttribute(default=0)
    arrears = NumberAttribute(default=0)
    holdings = NumberAttribute(default=0)
    by_area = AreaStatsByArea()
    # The days-to-issue histogram, tti_0 … tti_31: declared so that reads keep them (PynamoDB drops
    # attributes a model does not declare); written with ADD by adapters/stats.py.
    locals().update({f"tti_{days}": NumberAttribute(default=0) for days in range(LAST_BUCKET + 1)})
