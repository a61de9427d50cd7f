import pytest

from chalicelib.api import problems
from chalicelib.domain.actors import Actor
from chalicelib.domain.errors import AppError
from chalicelib.domain.workflow import CaseRef, workflows

OWNER = Actor("citizen", "c_1", "citizen")
STRANGER = Actor("citizen", "c_2", "citizen")
SECRETARY = Actor("staff", "s", "secretary", "union-1")
WARD1 = Actor("staff", "w1", "ward_member", "union-1", 1)
WARD2 = Actor("staff", "w2", "ward_member", "union-1", 2)
CHAIR = Actor("staff", "ch", "signatory", "union-1")
OTHER_CHAIR = Actor("staff", "ch2", "signatory", "union-2")


def case(status: str, variant: str = "standard", signatory: str = "head") -> CaseRef:
    return CaseRef(status, "union-1", 1, "c_1", variant, signatory)


def status_of(err: pytest.ExceptionInfo[AppError]) -> int:
    return problems.status_of(err.value)


def test_standard_path() -> None:
    wf = workflows()
    steps = [
        ("awaiting_payment", "record_payment", SECRETARY),
        ("submitted", "ward_verify", WARD1),
        ("ward_verified", "verify", SECRETARY),
        ("office_verified", "approve", CHAIR),
    ]
    for status, action, actor in steps:
        step = wf.plan(case(status), action, actor, None)
        assert step.from_status == status and not step.releases_claims
    assert wf.plan(case("approved"), "issue", Actor("system", "renderer", "system"), None).to_status == "issued"


@pytest.mark.parametrize(
    ("status", "action", "actor", "code"),
    [
        ("submitted", "ward_verify", WARD2, 403),
        ("office_verified", "approve", OTHER_CHAIR, 403),
        ("office_verified", "approve", SECRETARY, 403),
        ("submitted", "cancel", STRANGER, 403),
        ("submitted", "approve", CHAIR, 409),
        ("issued", "cancel", OWNER, 409),
        ("approved", "issue", CHAIR, 403),
        ("submitted", "teleport", CHAIR, 422),
        ("submitted", "reject", SECRETARY, 422),  # reason required
    ],
)
def test_refusals(status: str, action: str, actor: Actor, code: int) -> None:
    with pytest.raises(AppError) as err:
        workflows().plan(case(status), action, actor, None)
    assert status_of(err) == code


def test_ward_signatory_and_variants() -> None:
    wf = workflows()
    assert wf.plan(case("office_verified", signatory="ward"), "approve", WARD1, None).to_status == "approved"
    with pytest.raises(AppError):
        wf.plan(case("office_verified", signatory="ward"), "approve", CHAIR, None)
    assert wf.plan(case("submitted", "office_only"), "verify", SECRETARY, None).to_status == "office_verified"
    assert wf.plan(case("office_verified", "inspection"), "inspect", SECRETARY, "site seen").to_status == "inspected"
    with pytest.raises(AppError):
        wf.plan(case("office_verified", "inspection"), "approve", CHAIR, None)


def test_terminal_moves_release_claims() -> None:
    wf = workflows()
    assert wf.plan(case("submitted"), "reject", SECRETARY, "forged papers").releases_claims
    assert wf.plan(case("awaiting_payment"), "cancel", OWNER, None).releases_claims
    assert wf.plan(case("issued"), "revoke", CHAIR, "court order").releases_claims


def test_status_flags_are_read_from_the_data() -> None:
    wf = workflows()
    terminal = wf.with_flag("terminal")
    assert terminal == ("rejected", "cancelled", "revoked")
    assert wf.with_flag("waiting_on_office") == ("submitted", "ward_verified", "office_verified", "inspected")
    assert wf.with_flag("decided") == ("approved", "issued", *terminal)
    for variant in wf.variants():  # a terminal status holds nothing and no action leaves it
        assert not any(set(rule.sources) & set(terminal) for rule in wf.rules(variant).values())
    assert not any(wf.holds_claim(status) for status in terminal)
    assert not any(wf.decided(status) for status in wf.with_flag("waiting_on_office"))


def test_available_actions() -> None:
    wf = workflows()
    assert wf.available(case("submitted"), WARD1) == ["ward_verify", "request_changes"]
    assert wf.available(case("submitted"), OWNER) == ["cancel"]
    assert wf.available(case("submitted"), WARD2) == []
