"""Status lists roll over: when the list in use is half full, the next one opens (published
before any certificate points at it), certificates point at the list their index is in, and
revocation marks the right list (moto; small lists to see it happen)."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from chalicelib.adapters import status_lists as repo
from chalicelib.adapters.tables import CertificateRecord, StatusSlot
from chalicelib.domain.trustlists import load_trust_list
from chalicelib.services import issuance, publication, status_lists
from local import stack as local_stack
from tests.integration.conftest import Api
from tests.integration.test_certificates import approved_case

SIZE = 8  # bits: four certificates a list


@pytest.fixture
def small_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(status_lists, "NEW_LIST_SIZE", SIZE)
    status_lists.forget_cache()


def test_certificates_fill_one_list_then_the_next(api: Api, small_lists: None) -> None:
    issued = []
    for _ in range(5):
        _, case = approved_case(api)
        issued.append(CertificateRecord.get(issuance.issue(case["id"])))
    lists = Counter(r.status_list for r in issued)
    assert lists == {"s1": 4, "s2": 1}
    assert all(0 <= int(r.status_index) < SIZE for r in issued)
    assert status_lists.current_list() == "s2" == repo.current("s1")
    status, s2 = api.call("GET", "/v1/status-list/s2")
    assert status == 200 and s2["size"] == SIZE  # published when it opened

    publication.publish_trust_list()
    _, compact = api.call("GET", "/v1/trust-list?form=keys")
    assert load_trust_list(compact).status_lists == ("s1", "s2")

    chairman = api.staff_token("union-1", "signatory")
    number = issued[4].certificate_no
    status, _ = api.call("POST", f"/v1/certificates/{number}/revoke", {"reason": "forged papers"}, chairman)
    assert status == 200
    publication.publish_status_list("s2")
    _, verdict = api.call("GET", f"/v1/verify/{number}")
    assert verdict["status"] == "revoked"


def test_racing_renderers_never_overfill_a_list(live: local_stack.Stack, small_lists: None) -> None:
    """Against the embedded AWS server (moto in-process has no atomic conditions across threads;
    DynamoDB and the single-threaded moto server do)."""
    start = threading.Barrier(8)
    places: list[tuple[str, int]] = []

    def take(i: int) -> None:
        start.wait()
        places.append(status_lists.reserve(f"NUMBER{i}"))

    threads = [threading.Thread(target=take, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert Counter(list_id for list_id, _ in places) == {"s1": 4, "s2": 4}
    assert len(set(places)) == 8  # no index given twice
    assert StatusSlot.count() == 8
