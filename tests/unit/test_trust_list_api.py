"""GET /v1/trust-list?form=keys on the embedded AWS (moto): both forms published together from one
read of the keys, the compact one naming the status lists in use, and unknown forms refused.

Uses the integration suite's moto fixtures (the demo offices and their signatory keys)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from chalice.test import Client
from moto import mock_aws

from chalicelib.domain import credentials as cred
from chalicelib.services import publication
from local import resources
from tests.integration.conftest import aws_env, client

__all__ = ["aws_env", "client"]


def get(client: Client, path: str) -> tuple[int, dict[str, str], Any]:
    response = client.http.get(path, headers={"Accept": "application/json"})
    return response.status_code, response.headers, json.loads(response.body)


def test_both_forms_are_served_with_the_same_keys_and_root(client: Client) -> None:
    status, headers, full = get(client, "/v1/trust-list")
    assert status == 200 and full["format"] == cred.TRUST_FORMAT
    assert get(client, "/v1/trust-list?form=full")[2] == full
    status, headers, compact = get(client, "/v1/trust-list?form=keys")
    assert status == 200 and headers["Cache-Control"] == "public, max-age=300"
    assert set(compact) == {"format", "cose", "content"} and compact["format"] == cred.KEYS_FORMAT
    pin = bytes.fromhex(full["root"]["sha256"])  # the pin the verifier page ships with
    full_list, keys = cred.load_trust_list(full, pin), cred.load_trust_list(compact, pin)
    assert set(keys.keys) == set(full_list.keys) and keys.keys
    assert keys.issued_at == full_list.issued_at  # built together
    assert keys.status_lists == ("s1",)  # STATUS_LIST_ID of the local stage


def test_an_unknown_form_is_a_bilingual_400() -> None:
    from app import app

    with mock_aws(), Client(app) as bare:  # refused before any AWS call: no tables, no lists needed
        for form in ("certs", "", "KEYS", "keys,full"):
            response = bare.http.get(f"/v1/trust-list?form={form}")
            assert response.status_code == 400, form
            assert response.headers["Content-Type"] == "application/problem+json"
            problem = json.loads(response.body)
            assert problem["code"] == "unknown_form" and problem["title"] and problem["title_bn"]
            assert "full" in problem["detail"] and "keys" in problem["detail"]


def test_status_lists_stay_named_after_the_current_list_moves_on(
    aws_env: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STATUS_LIST_ID", "2027-1")
    resources.reset_process_caches()
    publication.publish_trust_list()
    assert cred.load_trust_list(publication.trust_list("keys")).status_lists == ("2027-1", "s1")


def test_an_unreadable_previous_list_leaves_the_current_one(aws_env: dict[str, Any]) -> None:
    from chalicelib.adapters import storage

    storage.publish(publication.TRUST_KEYS_KEY, {"format": cred.KEYS_FORMAT, "cose": "", "content": ""})
    publication.publish_trust_list()
    compact = publication.trust_list("keys")
    assert cred.load_trust_list(compact).status_lists == ("s1",)
    root = hashlib.sha256(cred.load_trust_list(publication.trust_list()).root_cert_der).digest()
    assert cred.load_trust_list(compact, root).root_fingerprint == root


def test_a_key_row_the_root_did_not_certify_never_reaches_the_compact_list(
    aws_env: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import base64
    import datetime as dt

    from chalicelib.adapters.signing_keys import StoredKey
    from chalicelib.signing import x509 as sx
    from tests import localkeys

    before = publication.trust_list("keys")
    key = localkeys.key("api-rogue")
    rogue = sx.issue_root(localkeys.spki(key), localkeys.signer(key), not_before=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    row = StoredKey(
        rogue.kid.hex(), role="signatory", office_id="union-1", holder="intruder", kms_key_id="none",
        certificate=base64.b64encode(rogue.der).decode(), valid_from="2026-01-01T00:00:00+00:00",
    )  # fmt: skip
    real = publication.key_repo.by_role
    monkeypatch.setattr(publication.key_repo, "by_role", lambda role: [*real(role), row])
    with pytest.raises(cred.ListError, match="not a P-256 key certified by the root"):
        publication.publish_trust_list()
    assert rogue.kid in cred.load_trust_list(publication.trust_list()).keys  # verifiers refuse it there
    assert publication.trust_list("keys") == before  # not signed into the compact form
