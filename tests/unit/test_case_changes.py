"""The case stream's records decoded once, at the edge, into the change every consumer reads."""

from __future__ import annotations

import json

from chalicelib.api.events import case_changes
from chalicelib.domain.changes import ABSENT, CaseChange, CaseImage


def test_a_record_becomes_a_typed_change() -> None:
    new = {
        "case_id": {"S": "ABC123"},
        "version": {"N": "3"},
        "status": {"S": "rejected"},
        "ward": {"N": "4"},
        "fee": {"S": json.dumps({"total": 5000, "office_fee": 3000})},
        "payment": {"S": json.dumps({"payment_id": "P1", "gateway": "bkash"})},
        "escalated_to": {"NULL": True},
    }
    old = {**new, "version": {"N": "2"}, "status": {"S": "submitted"}}
    [change] = case_changes([{"dynamodb": {"NewImage": new, "OldImage": old}}])
    assert change.new.present and change.new.case_id == "ABC123" and change.new.version == 3
    assert change.new.ward == 4 and change.new.fee["total"] == 5000 and change.new.payment["gateway"] == "bkash"
    assert change.new.escalated_to == {} and change.new.certificate_no is None
    assert change.old.status == "submitted" and change.old.version == 2
    assert change.moved and change.entered("rejected") and not change.entered("submitted")


def test_an_insert_has_no_old_image_and_a_delete_no_new_one() -> None:
    inserted, deleted = case_changes(
        [
            {"dynamodb": {"NewImage": {"case_id": {"S": "A"}, "status": {"S": "submitted"}}}},
            {"dynamodb": {"OldImage": {"case_id": {"S": "A"}, "status": {"S": "submitted"}}}},
        ]
    )
    assert inserted.old is ABSENT and inserted.entered("submitted") and inserted.moved
    assert deleted.new is ABSENT and not deleted.new.present and deleted.moved
    assert not deleted.entered("submitted")


def test_the_same_status_is_not_a_move() -> None:
    same = CaseImage(present=True, status="submitted", version=2)
    change = CaseChange(new=same, old=CaseImage(present=True, status="submitted", version=1))
    assert not change.moved and not change.entered("submitted")


def test_a_value_that_does_not_decode_reads_as_absent_and_fails_no_batch() -> None:
    """Decoding every attribute at the edge must not make one odd row (here a delete's old image)
    fail the whole batch: before the decoding moved here, consumers never read these values."""
    odd = {"case_id": {"S": "A"}, "status": {"S": "submitted"}, "ward": {"S": "x"}, "version": {"S": "v1"}}
    odd |= {"fields": {"S": "{not json"}, "fee": {"S": "nope"}}
    [deleted, moved] = case_changes(
        [
            {"dynamodb": {"OldImage": odd}},
            {"dynamodb": {"NewImage": {**odd, "status": {"S": "approved"}, "version": {"N": "2"}}, "OldImage": odd}},
        ]
    )
    assert deleted.old.present and deleted.old.ward is None and deleted.old.version is None
    assert deleted.old.fields == {} and deleted.old.fee == {}
    assert moved.new.version == 2 and moved.entered("approved")
