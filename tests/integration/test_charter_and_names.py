"""What the cheap phone fetches: one type's charter for the application form (not all 48 types),
with a validator so that a revalidation is a 304; and the offices' names the verifier saves so
that a certificate checked offline names its office."""

from __future__ import annotations

import json

import pytest

from chalicelib.services import publication
from tests.integration.conftest import Api


def _get(api: Api, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    r = api.c.http.get(path, headers=headers)
    return r.status_code, {k.lower(): v for k, v in r.headers.items()}, r.body


def test_the_form_gets_only_its_types_charter(api: Api) -> None:
    status, headers, body = _get(api, "/v1/offices/union-1/charter/character")
    assert status == 200, body
    one = json.loads(body)
    _, full = api.call("GET", "/v1/offices/union-1/charter")
    assert [item["type"] for item in one["items"]] == ["character"]
    assert one["items"][0] == next(item for item in full["items"] if item["type"] == "character")
    assert one["office"] == full["office"]
    assert len(body) * 10 < len(json.dumps(full, ensure_ascii=False).encode())
    assert headers["cache-control"] == "public, max-age=300" and headers["etag"].startswith('"')


def test_a_charter_revalidates_with_its_etag(api: Api) -> None:
    for path in ("/v1/offices/union-1/charter/character", "/v1/offices/union-1/charter"):
        _, headers, _ = _get(api, path)
        status, again, body = _get(api, path, **{"If-None-Match": headers["etag"]})
        assert (status, body) == (304, b""), path
        assert again["etag"] == headers["etag"]
        status, _, body = _get(api, path, **{"If-None-Match": '"something-else"'})
        assert status == 200 and body


def test_an_unknown_type_or_office_is_a_404(api: Api) -> None:
    assert api.call("GET", "/v1/offices/union-1/charter/no-such-type")[0] == 404
    assert api.call("GET", "/v1/offices/union-999999/charter/character")[0] == 404
    status, problem = api.call("GET", "/v1/offices/union-1/charter/BAD%20TYPE")
    assert 400 <= status < 500, problem


def test_office_names_are_published_beside_the_trust_list(api: Api) -> None:
    publication.publish_trust_list()
    status, headers, body = _get(api, "/v1/trust-list?form=names")
    assert status == 200, body
    names = json.loads(body)
    assert names["format"] == "sonod-office-names/1"
    office = next(o for o in api.demo["offices"] if o["office_id"] == "union-1")
    assert names["offices"]["union-1"] == [office["name_bn"], office["name_en"]]
    _, compact = api.call("GET", "/v1/trust-list?form=keys")
    assert len(compact["cose"]) > 0  # the signed lists are unchanged
    assert _get(api, "/v1/trust-list?form=names", **{"If-None-Match": headers["etag"]})[0] == 304


def test_office_names_are_read_again_only_when_the_offices_change(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    from chalicelib.adapters import offices

    publication.publish_trust_list()
    reads: list[set[str]] = []
    real = offices.names
    monkeypatch.setattr(offices, "names", lambda ids: reads.append(set(ids)) or real(ids))
    publication.publish_trust_list()  # the scheduled republication, every 10 minutes
    assert reads == []
