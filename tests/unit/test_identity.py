"""Identity checks: the pure comparison, the EC NID and BDRIS adapters against recorded
exchanges, and the local simulator's rules."""

from __future__ import annotations

import pytest

from chalicelib.adapters.http_client import PartyUnavailable
from chalicelib.adapters.identity import (
    BdrisService,
    EcNidService,
    RegistryRefused,
    registry,
)
from chalicelib.adapters.identity_simulator import LocalIdentityRegistry
from chalicelib.domain.identity import RegistryRecord, check, compare, normalise_name, unavailable
from local.samples import DECEASED, HOLDER
from tests import replay

RECORD = RegistryRecord(
    name_bn="মোছাঃ রাবেয়া খাতুন",
    name_en="MST. RABEYA KHATUN",
    father_name_bn="মোঃ আব্দুর রহিম",
    mother_name_bn="মোছাঃ জোহরা বেগম",
    dob="1990-04-14",
    address_bn="সুবিল, সুবিল বাজার",
)


def nid(base_url: str) -> EcNidService:
    return EcNidService(base_url, "sonod-partner", "demo-password")


# --- compare() ---------------------------------------------------------------------------------


def test_honorific_spellings_compare_equal() -> None:
    typed = {
        "name_bn": "মোসাম্মৎ রাবেয়া খাতুন",
        "name_en": "Mosammat Rabeya Khatun",
        "father_name_bn": "মোহাম্মদ আব্দুর রহিম",
        "mother_name_bn": "মোছা: জোহরা বেগম",
        "dob": "1990-04-14",
    }
    assert compare(typed, RECORD) == ()
    assert (
        normalise_name("Md. Abdul Jabbar")
        == normalise_name("Muhammad Abdul Jabbar")
        == normalise_name("MD ABDUL JABBAR")
    )
    assert normalise_name("মো: করম আলী") == normalise_name("মোঃ করম আলী") == normalise_name("মোহাম্মদ করম আলী")


def test_spacing_case_punctuation_and_unicode_form_do_not_matter() -> None:
    typed = {
        "name_en": "  mst.rabeya   khatun ",
        "name_bn": "মোছাঃ  রাবে\u09df\u200cা খাতুন",  # precomposed য় (U+09DF) and a stray ZWNJ
        "dob": "১৯৯০-০৪-১৪",
    }
    assert compare(typed, RECORD) == ()


def test_a_different_father_is_a_mismatch() -> None:
    typed = {"name_bn": HOLDER["holder_name_bn"], "father_name_bn": "মোঃ আব্দুল করিম", "dob": "1990-04-14"}
    assert compare(typed, RECORD) == ("father_name_bn",)


def test_a_different_date_of_birth_is_a_mismatch() -> None:
    assert compare({"name_en": "Mst. Rabeya Khatun", "dob": "1990-04-15"}, RECORD) == ("dob",)


def test_honorifics_are_not_optional_and_other_words_are_not_honorifics() -> None:
    assert compare({"father_name_bn": "আব্দুর রহিম"}, RECORD) == ("father_name_bn",)
    assert normalise_name("Mst. Rabeya") != normalise_name("Md. Rabeya")


def test_only_typed_fields_and_fields_the_registry_has_are_compared() -> None:
    assert compare({}, RECORD) == ()
    assert compare({"name_en": "", "father_name_bn": "   "}, RECORD) == ()
    assert compare({"name_en": "Anyone"}, RegistryRecord(name_bn="কেউ")) == ()


def test_check_outcomes_and_their_stored_form() -> None:
    at = "2026-01-10T08:00:00+00:00"
    matched = check("nid", {"name_en": "Mst Rabeya Khatun"}, RECORD, at)
    assert matched.status == "matched" and matched.registry is not None
    mismatch = check("nid", {"dob": "2000-01-01"}, RECORD, at).as_dict()
    assert mismatch["status"] == "mismatch" and mismatch["mismatches"] == ["dob"]
    assert mismatch["registry"]["father_name_bn"] == RECORD.father_name_bn
    assert check("brn", {}, None, at).as_dict() == {
        "source": "brn",
        "status": "not_found",
        "mismatches": [],
        "registry": None,
        "checked_at": at,
    }
    assert unavailable("nid", at).status == "unavailable"


# --- EC NID partner service ---------------------------------------------------------------------


def test_nid_login_then_details() -> None:
    with replay.serve(replay.load("nid_details_success.json")) as server:
        record = nid(server.base_url).lookup("1987654321", "1990-04-14")
    server.assert_all_used()
    assert record is not None
    assert record.name_bn == "মোছাঃ রাবেয়া খাতুন" and record.name_en == "MST. RABEYA KHATUN"
    assert record.father_name_bn == "মোঃ আব্দুর রহিম" and record.mother_name_bn == "মোছাঃ জোহরা বেগম"
    assert record.dob == "1990-04-14"
    assert record.address_bn == "সুবিল, সুবিল বাজার, 5810, শিবগঞ্জ, বগুড়া, রাজশাহী"
    assert compare({"name_en": HOLDER["holder_name_en"], "name_bn": HOLDER["holder_name_bn"]}, record) == ()


def test_nid_token_is_reused_across_lookups() -> None:
    with replay.serve(replay.load("nid_token_reused.json")) as server:
        service = nid(server.base_url)
        assert service.lookup("1987654321", "1990-04-14") is not None
        assert service.lookup("1987654321", "1990-04-14") is not None
    server.assert_all_used()  # one login for two lookups


def test_nid_expired_token_logs_in_again_once_and_retries() -> None:
    with replay.serve(replay.load("nid_token_expired.json")) as server:
        service = nid(server.base_url)
        assert service.lookup("1987654321", "1990-04-14") is not None
        assert service.lookup("1987654321", "1990-04-14") is not None
    server.assert_all_used()


def test_nid_not_found_is_none() -> None:
    with replay.serve(replay.load("nid_not_found.json")) as server:
        assert nid(server.base_url).lookup("1987654321", "1991-01-01") is None
    server.assert_all_used()


def test_nid_seventeen_and_thirteen_digit_numbers_use_the_17_digit_field() -> None:
    with replay.serve(replay.load("nid_seventeen_digits.json")) as server:
        assert nid(server.base_url).lookup("19902718000000001", "1990-04-14") is not None
    server.assert_all_used()
    with replay.serve(replay.load("nid_seventeen_digits.json")) as server:
        assert nid(server.base_url).lookup("2718000000001", "1990-04-14") is not None  # old 13-digit NID
    server.assert_all_used()


def test_nid_server_error_is_unavailable_without_personal_data() -> None:
    with replay.serve(replay.load("nid_server_error.json")) as server, pytest.raises(PartyUnavailable) as caught:
        nid(server.base_url).lookup("1987654321", "1990-04-14")
    server.assert_all_used()
    assert "1987654321" not in str(caught.value) and "1990" not in str(caught.value)


def test_nid_locked_voter_and_refused_login_are_refusals() -> None:
    with replay.serve(replay.load("nid_voter_locked.json")) as server, pytest.raises(RegistryRefused):
        nid(server.base_url).lookup("1987654321", "1990-04-14")
    server.assert_all_used()
    with replay.serve(replay.load("nid_login_refused.json")) as server, pytest.raises(RegistryRefused):
        nid(server.base_url).lookup("1987654321", "1990-04-14")
    server.assert_all_used()


def test_nid_unreachable_is_unavailable() -> None:
    with replay.serve([]) as server:
        base_url = server.base_url
    with pytest.raises(PartyUnavailable):
        nid(base_url).lookup("1987654321", "1990-04-14")


@pytest.mark.parametrize("number", ["", "12345", "198765432X", "১৯৮৭৬৫৪৩২১", "123456789012"])
def test_malformed_nid_is_refused_before_any_request(number: str) -> None:
    with pytest.raises(ValueError) as caught:
        nid("http://127.0.0.1:9").lookup(number, "1990-04-14")
    assert "1987" not in str(caught.value)


# --- BDRIS --------------------------------------------------------------------------------------


def test_bdris_found() -> None:
    with replay.serve(replay.load("bdris_found.json")) as server:
        record = BdrisService(server.base_url, "demo-bdris-key").lookup("20104718000000012", "2010-03-05")
    server.assert_all_used()
    assert record == RegistryRecord(
        name_bn="তাসনিম আক্তার",
        name_en="Tasnim Akter",
        father_name_bn="মোঃ আব্দুর রহিম",
        mother_name_bn="মোছাঃ রাবেয়া খাতুন",
        dob="2010-03-05",
        address_bn="সুবিল, শিবগঞ্জ, বগুড়া",
    )


def test_bdris_not_found_by_404_or_empty_answer() -> None:
    with replay.serve(replay.load("bdris_not_found.json")) as server:
        service = BdrisService(server.base_url, "demo-bdris-key")
        assert service.lookup("20104718000000012", "2010-03-05") is None
        assert service.lookup("20104718000000012", "2010-03-05") is None
    server.assert_all_used()


def test_bdris_needs_a_17_digit_number() -> None:
    with pytest.raises(ValueError):
        BdrisService("http://127.0.0.1:9", "k").lookup("1987654321", "2010-03-05")


# --- local simulator and factory ----------------------------------------------------------------


def test_local_registry_knows_the_sample_people() -> None:
    local = LocalIdentityRegistry("nid")
    holder = local.lookup(HOLDER["holder_nid"], HOLDER["holder_dob"])
    assert holder is not None and holder.name_en == HOLDER["holder_name_en"]
    typed = {
        "name_bn": HOLDER["holder_name_bn"],
        "father_name_bn": HOLDER["father_name_bn"],
        "dob": HOLDER["holder_dob"],
    }
    assert compare(typed, holder) == ()
    assert local.lookup(HOLDER["holder_nid"], "1999-01-01") is None
    deceased = local.lookup(DECEASED["deceased_nid"], DECEASED["deceased_dob"])
    assert deceased is not None and deceased.name_bn == DECEASED["deceased_name_bn"]
    assert local.lookup(DECEASED["deceased_nid"], "1950-01-01") is None


def test_local_registry_rules_for_other_numbers() -> None:
    local = LocalIdentityRegistry("nid")
    first = local.lookup("5512340001", "1985-02-01")
    assert first is not None and first.dob == "1985-02-01" and first.name_bn and first.name_en
    assert local.lookup("5512340001", "1985-02-01") == first  # deterministic
    assert local.lookup("5512340000", "1985-02-01") is None
    with pytest.raises(PartyUnavailable):
        local.lookup("5512349999", "1985-02-01")
    with pytest.raises(ValueError):
        local.lookup("55123", "1985-02-01")
    brn = LocalIdentityRegistry("brn", people={})
    assert brn.lookup("20104718000000012", "2010-03-05") is not None
    with pytest.raises(ValueError):
        brn.lookup("1987654321", "2010-03-05")


def test_factory_picks_the_adapter_by_name() -> None:
    assert isinstance(registry("nid", "local"), LocalIdentityRegistry)
    assert isinstance(registry("nid", "ec", base_url="https://ec.example", username="u", password="p"), EcNidService)
    assert isinstance(registry("brn", "bdris", base_url="https://bdris.example", api_key="k"), BdrisService)
    with pytest.raises(ValueError):
        registry("nid", "bdris", base_url="https://bdris.example")
    with pytest.raises(ValueError):
        registry("brn", "bdris")
