from tests.integration.conftest import Api


def test_health_and_catalog(api: Api) -> None:
    assert api.call("GET", "/v1/health") == (200, {"status": "ok"})
    status, body = api.call("GET", "/v1/offices/union-1")
    assert status == 200 and body["name_bn"] == "সুবিল"
