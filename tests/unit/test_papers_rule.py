"""The required-papers rule (decision 46): pure, one mechanism for every path that submits a case."""

from __future__ import annotations

import pytest

from chalicelib.api.problems import status_of
from chalicelib.domain.catalog import catalog
from chalicelib.domain.errors import AppError
from chalicelib.domain.papers import missing_required, paper_states, require_complete, waivable
from chalicelib.domain.workflow import workflows

CHARACTER = catalog().get("character")
assert CHARACTER is not None
DOCS = CHARACTER.documents


def test_each_missing_required_paper_is_named_in_english_and_bengali() -> None:
    with pytest.raises(AppError) as err:
        require_complete(DOCS, {"nid_or_brn_copy": "P1"}, {})
    assert status_of(err.value) == 422
    [photo] = err.value.errors
    assert photo.field == "papers.photo"
    assert "passport-size" in photo.message and "ছবি" in photo.message_bn


def test_every_missing_paper_has_its_own_error_and_optional_ones_never_block() -> None:
    with pytest.raises(AppError) as err:
        require_complete(DOCS, {}, {})
    assert [e.field for e in err.value.errors] == ["papers.nid_or_brn_copy", "papers.photo"]
    require_complete(DOCS, {"nid_or_brn_copy": "P1", "photo": "P2"}, {})  # holding tax receipt is optional


def test_a_waived_paper_no_longer_blocks() -> None:
    require_complete(DOCS, {"nid_or_brn_copy": "P1"}, {"photo": {"note": "seen at the counter"}})
    assert missing_required(DOCS, {"nid_or_brn_copy": "P1"}, {"photo": {}}) == []


def test_states_follow_the_charter_order() -> None:
    states = paper_states(DOCS, {"nid_or_brn_copy": "P1"}, {"photo": {}})
    assert [(p["code"], p["state"], p["required"]) for p in states] == [
        ("nid_or_brn_copy", "attached", True),
        ("photo", "waived", True),
        ("holding_tax_receipt", "missing", False),
    ]


def test_only_a_required_paper_that_is_not_attached_can_be_waived() -> None:
    assert waivable(DOCS, {}, "photo")
    assert not waivable(DOCS, {"photo": "P2"}, "photo")
    assert not waivable(DOCS, {}, "holding_tax_receipt")  # optional: nothing to waive
    assert not waivable(DOCS, {}, "passport")


def test_every_type_names_its_required_papers() -> None:
    for ctype in catalog().all():
        assert any(d.get("required") for d in ctype.documents), ctype.code


def test_every_path_that_submits_a_case_is_guarded() -> None:
    """draft → awaiting_payment, cash at the counter, a resubmission: the `papers` guard; the
    online checkout asks the same rule before any money moves (services/payments.py)."""
    for variant in workflows().variants():
        rules = workflows().rules(variant)
        for rule in rules.values():
            leaves = rule.target in ("awaiting_payment", "submitted") and rule.by != ("system",)
            assert (rule.guard == "papers") == leaves, (variant, rule.name)
        assert rules["waive_paper"].by == ("secretary",) and rules["waive_paper"].note == "required"
