"""Municipal revenue (DESIGN §10, decision 65): one table, each revenue account an item collection.

Keys (`pk`, `sk`), all without personal data:
- `acct#<holding_id>` / `holding`      the register entry (facts, owners, current assessment)
- `acct#<holding_id>` / `ledger`       the account's lines with what each has been paid, its
                                       advance and a version every ledger write is conditional on
- `acct#<holding_id>` / `history#<at>#<n>`   a register change (who, which fields, before/after)
- `acct#<holding_id>` / `assessment#<fy>`    an assessment kept for its period, with its inputs
- `acct#<holding_id>` / `posting#<at>#<ref>` a ledger event (demand, payment, reversal, adjustment)
- `number#<office_id>#<canonical no>` / `number`   holds a holding number unique in its office
- `owner#<keyed hash of phone or NID>` / `<holding_id>`   an owner's holdings (GET /v1/me/holdings)
- `name#<office_id>#<keyed hash of a name word>` / `<holding_id>`   the register's search by name
- `schedule#<office_id>` / `<fiscal year>`   an office's tax schedule for a year (`billed` once run)
- `run#<run_id>` / `run`               a demand run and its progress counters
- `receipt#<receipt_no>` / `receipt`   a receipt: the payment, its allocations, its status
- `bill#<bill_id>` / `bill`             a bill: a holding's open lines priced on a day (TTL `expires_at`)

One Query on `pk = acct#<id>` with `sk` between `holding` and `ledger` reads what an account is and
owes in one call (bench: ≤ 3 AWS calls per revenue request)."""

from __future__ import annotations

from pynamodb.attributes import JSONAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.adapters.tables.base import _S, Shared


class RegisterByOffice(GlobalSecondaryIndex["RevenueItem"]):
    """Sparse (holding items only): an office's register by ward, then holding number."""

    class Meta:
        index_name = "by_office"
        projection = AllProjection()

    reg_office = UnicodeAttribute(hash_key=True)  # office_id
    reg_sort = UnicodeAttribute(range_key=True)  # "<ward, 3 digits>#<canonical holding number>"


class MoneyByOfficeDay(GlobalSecondaryIndex["RevenueItem"]):
    """Sparse (receipt items only): an office's collections of a day, in order."""

    class Meta:
        index_name = "by_office_day"
        projection = AllProjection()

    day_key = UnicodeAttribute(hash_key=True)  # "<office_id>#<YYYY-MM-DD, Bangladesh>"
    at = UnicodeAttribute(range_key=True)


class Defaulters(GlobalSecondaryIndex["RevenueItem"]):
    """Sparse (ledger items of accounts with arrears only): an office's defaulters by ward."""

    class Meta:
        index_name = "by_arrears"
        projection = AllProjection()

    owing_office = UnicodeAttribute(hash_key=True)  # office_id while arrears are owed
    owing_sort = UnicodeAttribute(range_key=True)  # "<ward, 3 digits>#<holding_id>"


class RevenueItem(Model):
    # Standard class, not KeptForYears: every account is read and written each year (demand runs,
    # payments), so requests, not storage, are most of this table's bill.
    class Meta(Shared):
        table_name = _S.table_name("revenue")
        # monitors' counters and the owners' SMS (services/revenue_stats.on_revenue_changes, decision 71)
        stream_view_type = "NEW_AND_OLD_IMAGES"

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    kind = UnicodeAttribute()  # holding, ledger, history, assessment, posting, number, owner, name, …
    office_id = UnicodeAttribute(null=True)
    version = NumberAttribute(null=True)  # holding and ledger items: every write is conditional on it
    body = JSONAttribute(null=True)  # the item's content (personal data only here, never in keys)
    reg_office = UnicodeAttribute(null=True)
    reg_sort = UnicodeAttribute(null=True)
    day_key = UnicodeAttribute(null=True)
    at = UnicodeAttribute(null=True)
    owing_office = UnicodeAttribute(null=True)
    owing_sort = UnicodeAttribute(null=True)
    # demand runs: counters added to atomically by the batches
    done = NumberAttribute(null=True)
    failed = NumberAttribute(null=True)
    total = NumberAttribute(null=True)
    state = UnicodeAttribute(null=True)  # demand runs: planning, running, done (changed conditionally)
    billed = UnicodeAttribute(null=True)  # schedules: when a demand run first billed the year (then frozen)
    # bills only: epoch seconds the table's TTL removes the item after (a while past the bill's expiry)
    expires_at = NumberAttribute(null=True)
    by_office = RegisterByOffice()
    by_office_day = MoneyByOfficeDay()
    by_arrears = Defaulters()
