"""POST /v1/applications honours Idempotency-Key (Powertools idempotency on DynamoDB)."""

from __future__ import annotations

from chalicelib.adapters.tables import CaseRecord
from tests.integration.conftest import Api
from tests.integration.flows import HOLDER, application


def test_same_key_same_answer_one_case(api: Api) -> None:
    token = api.citizen_token()
    body = application("citizenship", HOLDER)
    first = api.call("POST", "/v1/applications", body, token, headers={"Idempotency-Key": "k-1"})
    again = api.call("POST", "/v1/applications", body, token, headers={"Idempotency-Key": "k-1"})
    assert first[0] == 201 and again == first
    assert CaseRecord.count() == 1
    other = api.call("POST", "/v1/applications", body, token, headers={"Idempotency-Key": "k-2"})
    assert other[0] == 201 and other[1]["id"] != first[1]["id"]


def test_same_key_different_body_is_refused(api: Api) -> None:
    token = api.citizen_token()
    api.call("POST", "/v1/applications", application("citizenship", HOLDER), token, headers={"Idempotency-Key": "k"})
    status, problem = api.call(
        "POST", "/v1/applications", application("character", HOLDER), token, headers={"Idempotency-Key": "k"}
    )
    assert status == 422 and problem["code"] == "idempotency_key_reused"


def test_keys_are_per_caller_and_failures_are_not_remembered(api: Api) -> None:
    a, b = api.citizen_token("01711000051"), api.citizen_token("01711000052")
    bad = application("citizenship", {**HOLDER, "holder_nid": "1"})
    assert api.call("POST", "/v1/applications", bad, a, headers={"Idempotency-Key": "same"})[0] == 422
    good = application("citizenship", HOLDER)
    first = api.call("POST", "/v1/applications", good, a, headers={"Idempotency-Key": "same"})
    second = api.call("POST", "/v1/applications", good, b, headers={"Idempotency-Key": "same"})
    assert first[0] == second[0] == 201 and first[1]["id"] != second[1]["id"]
