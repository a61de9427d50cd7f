"""SMS segment counting (GSM-7 and UCS-2) and the SSL Wireless adapter against recorded exchanges."""

from __future__ import annotations

import pytest

from chalicelib.adapters.http_client import PartyUnavailable
from chalicelib.adapters.sms_base import SmsRejected
from chalicelib.adapters.sms_gateway import SslWirelessSender, msisdn
from chalicelib.domain.sms_text import MAX_SEGMENTS, fits, is_gsm, segments
from tests import replay

TEXT = "সনদ সেবা: আপনার আবেদন SS-7K2M গৃহীত হয়েছে।"
PHONE = "01711000001"
BN = "ক"  # one UTF-16 code unit


def sender(base_url: str) -> SslWirelessSender:
    return SslWirelessSender("demo-api-token", "SONODSHEBA", base_url)


# --- segments() ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("length", "expected"), [(1, 1), (70, 1), (71, 2), (134, 2), (135, 3), (201, 3), (202, 4)])
def test_bengali_is_ucs2_70_single_67_per_part(length: int, expected: int) -> None:
    assert segments(BN * length) == expected


@pytest.mark.parametrize(("length", "expected"), [(160, 1), (161, 2), (306, 2), (307, 3)])
def test_gsm_text_is_160_single_153_per_part(length: int, expected: int) -> None:
    assert segments("a" * length) == expected


def test_one_bengali_letter_makes_the_whole_text_ucs2() -> None:
    assert is_gsm("Case SS-7K2M approved @ 10:00 £5")
    assert not is_gsm("Case SS-7K2M অনুমোদিত")
    assert segments("a" * 69 + BN) == 1
    assert segments("a" * 70 + BN) == 2


def test_extension_characters_count_double_and_are_never_split() -> None:
    assert segments("{" * 80) == 1  # 160 septets
    assert segments("{" * 80 + "a") == 2
    assert segments("€" + "a" * 158) == 1
    # 152 septets then an escape pair: the pair moves whole to the next part.
    assert segments("a" * 152 + "[" + "a" * 152) == 3
    assert segments("a" * 151 + "[" + "a" * 153) == 2


def test_characters_outside_the_bmp_cost_two_units() -> None:
    assert segments("😀" * 35) == 1
    assert segments("😀" * 35 + BN) == 2


def test_empty_text_costs_one_and_fits_is_max_two() -> None:
    assert segments("") == 1
    assert MAX_SEGMENTS == 2
    assert fits(BN * 134) and not fits(BN * 135)
    assert fits(TEXT)


# --- SSL Wireless -------------------------------------------------------------------------------


def test_numbers_are_normalised_to_8801() -> None:
    assert msisdn("01711000001") == msisdn("8801711000001") == msisdn("+880 1711-000001") == "8801711000001"
    for bad in ("1711000001", "01211000001", "0171100000", "+447700900123", ""):
        with pytest.raises(SmsRejected) as caught:
            msisdn(bad)
        assert bad not in str(caught.value) or not bad


def test_success_sends_exactly_what_the_gateway_expects() -> None:
    with replay.serve(replay.load("sslwireless_success.json")) as server:
        reference = sender(server.base_url).send_once(PHONE, TEXT, "ss7k2mreceived01")
    server.assert_all_used()
    assert reference == "66e1f0a2b3c4d5e6f7081"
    assert server.received[0]["json"] == {
        "api_token": "demo-api-token",
        "sid": "SONODSHEBA",
        "msisdn": "8801711000001",
        "sms": TEXT,
        "csms_id": "ss7k2mreceived01",
    }
    assert server.received[0]["headers"]["content-type"].startswith("application/json")


def test_a_duplicate_csms_id_is_already_sent_not_an_error() -> None:
    with replay.serve(replay.load("sslwireless_duplicate.json")) as server:
        gateway = sender(server.base_url)
        gateway.send(PHONE, TEXT, "case_received")
        gateway.send("8801711000001", TEXT, "case_received")  # the retry: same message, same id
    server.assert_all_used()
    first, second = (r["json"]["csms_id"] for r in server.received)
    assert first == second
    assert len(first) <= 20 and first.isalnum()


def test_the_message_id_is_stable_and_depends_on_every_part() -> None:
    gateway = sender("http://127.0.0.1:9")
    ids = {
        gateway.message_id(PHONE, TEXT, "case_received"),
        gateway.message_id(PHONE, TEXT, "case_approved"),
        gateway.message_id("01711000002", TEXT, "case_received"),
        gateway.message_id(PHONE, TEXT + ".", "case_received"),
        SslWirelessSender("other-token", "SONODSHEBA").message_id(PHONE, TEXT, "case_received"),
    }
    assert len(ids) == 5
    assert gateway.message_id(PHONE, TEXT, "case_received") == gateway.message_id(
        "8801711000001", TEXT, "case_received"
    )


def test_an_invalid_number_is_rejected_for_good() -> None:
    with replay.serve(replay.load("sslwireless_invalid_number.json")) as server:
        gateway = sender(server.base_url)
        with pytest.raises(SmsRejected) as top_level:
            gateway.send("01311000000", TEXT, "case_received")
        with pytest.raises(SmsRejected) as per_recipient:
            gateway.send(PHONE, TEXT, "case_received")
    server.assert_all_used()
    assert "4025" in str(top_level.value) and "INVALID" in str(per_recipient.value)
    assert "1311000000" not in str(top_level.value) and "1711000001" not in str(per_recipient.value)


def test_a_bad_token_is_rejected() -> None:
    with replay.serve(replay.load("sslwireless_unauthorized.json")) as server, pytest.raises(SmsRejected):
        sender(server.base_url).send(PHONE, TEXT, "case_received")
    server.assert_all_used()


def test_server_errors_and_rate_limits_are_retry_later() -> None:
    with replay.serve(replay.load("sslwireless_server_error.json")) as server:
        gateway = sender(server.base_url)
        for _ in range(3):
            with pytest.raises(PartyUnavailable):
                gateway.send(PHONE, TEXT, "case_received")
    server.assert_all_used()


def test_too_long_or_badly_named_messages_never_reach_the_gateway() -> None:
    gateway = sender("http://127.0.0.1:9")  # nothing listens: a request would be PartyUnavailable
    with pytest.raises(SmsRejected):
        gateway.send(PHONE, BN * 135, "case_received")
    with pytest.raises(ValueError):
        gateway.send_once(PHONE, TEXT, "has-dash")
    with pytest.raises(ValueError):
        gateway.send_once(PHONE, TEXT, "x" * 21)
