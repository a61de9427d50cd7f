"""The declared access policy (chalicelib/domain/access.py), without AWS."""

from __future__ import annotations

import pytest

from chalicelib.domain.access import POLICY, case_relations, may, office_relations, own_relations
from chalicelib.domain.actors import Actor
from chalicelib.domain.workflow import CaseRef

CASE = CaseRef("submitted", "union-1", 1, "c_owner", "standard", "head", filer="union-1.udc-operator")


def staff(role: str, office: str = "union-1", ward: int | None = None, name: str = "someone") -> Actor:
    return Actor(kind="staff", id=name, role=role, office_id=office, ward=ward)


@pytest.mark.parametrize(
    ("actor", "reads"),
    [
        (Actor(kind="citizen", id="c_owner", role="citizen"), True),
        (Actor(kind="citizen", id="c_other", role="citizen"), False),
        (staff("udc_operator", name="union-1.udc-operator"), True),
        (staff("udc_operator", name="union-1.udc-operator-2"), False),
        (staff("udc_operator", "union-3271", name="union-1.udc-operator"), False),  # same name, other office
        (staff("ward_member", ward=1), True),
        (staff("ward_member", ward=2), False),
        (staff("secretary"), True),
        (staff("signatory"), True),
        (staff("office_admin"), False),
        (staff("monitor", "lgd"), False),
        (staff("lgd_admin", "lgd"), False),
        (staff("secretary", "union-3271"), False),
        (Actor(kind="system", id="system", role="system"), False),
    ],
)
def test_who_reads_a_case(actor: Actor, reads: bool) -> None:
    assert may("case.read", case_relations(actor, CASE)) is reads


def test_lists() -> None:
    assert may("office.queue", office_relations(staff("ward_member", ward=2), "union-1"))
    assert not may("office.queue", office_relations(staff("office_admin"), "union-1"))
    assert not may("office.queue", office_relations(staff("udc_operator"), "union-1"))
    assert not may("office.queue", office_relations(staff("secretary"), "union-3271"))
    # an assessor's queue: their own office's (services/queues.py lists its objections only, decision 73)
    assert may("office.queue", office_relations(staff("assessor", "pourashava-savar"), "pourashava-savar"))
    assert not may("office.queue", office_relations(staff("assessor", "pourashava-savar"), "cc-dhaka-north"))
    assert not may("office.queue", office_relations(staff("tax_collector", "pourashava-savar"), "pourashava-savar"))
    assert may("own.list", own_relations(staff("udc_operator")))
    assert not may("own.list", own_relations(staff("secretary")))
    assert not may("own.access_log", own_relations(staff("udc_operator")))


def test_only_the_owner_pays_online_and_unknown_operations_allow_no_one() -> None:
    assert POLICY["case.pay"] == {"owner"}
    assert not may("case.delete", frozenset({"owner", "secretary"}))
