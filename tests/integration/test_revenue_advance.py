"""Two online checkouts for the same dues, both paid at the gateway (money taken is never refused):
the second is held as the holding's advance, the owner sees it in the dues, and the next year's
demand run settles the new lines from it first."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters import ledger
from chalicelib.domain.revenue.ledger import PostingKind
from local import payment_gateway
from local.pump import EventPump
from tests.integration.conftest import Api
from tests.integration.test_citizen_account import gateway  # noqa: F401 - the simulator, every IPN lost
from tests.integration.test_citizen_journey import open_checkout
from tests.integration.test_demand_run import drain
from tests.integration.test_revenue_payments import OFFICE, _dues, _staff, world  # noqa: F401 - the fixture

NEXT = "2027-28"


def test_a_second_paid_checkout_is_held_as_advance_and_the_next_demand_uses_it(
    api: Api,
    world: dict[str, Any],  # noqa: F811 - the fixture imported above
    gateway: payment_gateway.SimulatorHandle,  # noqa: F811
) -> None:
    from app import app
    from chalicelib.services import reconciliation

    h, owner = world["holding"], world["owner"]
    path = f"/v1/holdings/{h.holding_id}/payments"
    checkouts = [api.call("POST", path, {"method": "sslcommerz", "amount": 26_500}, owner) for _ in range(2)]
    assert [status for status, _ in checkouts] == [201, 201]  # both opened against the same dues
    for _, checkout in checkouts:
        open_checkout(checkout["redirect_url"], "success")
    assert reconciliation.reconcile()["settled"] == 2
    dues = _dues(api, h, owner)
    assert (dues["total_due"], dues["advance"]) == (0, 26_500)  # the second payment, held and shown

    pump = EventPump(app)
    pump.attach_queues()
    drain(pump)
    assessor = _staff(api, OFFICE, "assessor")[1]
    status, run = api.call("POST", f"/v1/offices/{OFFICE}/demand-runs", {"fiscal_year": NEXT}, assessor)
    assert status == 202, run
    drain(pump)
    key = ledger.ledger_item(h.holding_id)
    account = ledger.account_of(h.holding_id, OFFICE, h.ward, ledger.read_items([key]).get(key))
    demanded = [line for line in account.lines if line.fiscal_year == NEXT]
    assert demanded, account
    used = 26_500 - account.advance
    assert used == min(26_500, sum(line.amount for line in demanded)) and used > 0
    assert sum(line.paid for line in demanded) == used  # the new lines met the money already held
    event = next(e for e in ledger.events(h.holding_id) if e.ref == run["run_id"])
    assert sum(p.poisha for p in event.postings if p.kind is PostingKind.PAYMENT) == used
    dues = _dues(api, h, owner)
    assert dues["advance"] == account.advance
