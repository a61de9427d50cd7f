import datetime as dt

from chalicelib.domain.canonical import normalise_phone
from chalicelib.domain.catalog import catalog
from chalicelib.domain.claims import claim_keys, fiscal_year
from chalicelib.domain.forms import subject_aliases, subject_identity, validate_form

TODAY = dt.date(2026, 6, 30)


def test_fiscal_year_turns_in_july() -> None:
    assert fiscal_year(dt.date(2026, 6, 30)) == "2025-2026"
    assert fiscal_year(dt.date(2026, 7, 1)) == "2026-2027"


def test_claims_by_policy() -> None:
    types = catalog()
    warish, succession = types.get("warish"), types.get("succession")
    married, widow = types.get("married"), types.get("widow")
    trade, citizenship = types.get("trade_license"), types.get("citizenship")
    assert warish and succession and married and widow and trade and citizenship
    assert claim_keys(warish, ["h"], "o", TODAY) == ["unique#warish#h"]
    assert claim_keys(warish, ["h"], "o", TODAY) != claim_keys(succession, ["h"], "o", TODAY)
    assert claim_keys(married, ["h"], "o", TODAY) == claim_keys(widow, ["h"], "o", TODAY)
    assert claim_keys(trade, ["h"], "o", TODAY) == ["period#trade_license#o#2025-2026#h"]
    assert claim_keys(trade, ["h"], "o", dt.date(2026, 7, 1)) != claim_keys(trade, ["h"], "o", TODAY)
    assert claim_keys(citizenship, ["h"], "o", TODAY) == []


def test_phone_numbers() -> None:
    assert normalise_phone("01711-000000") == "8801711000000"
    assert normalise_phone("+8801711000000") == "8801711000000"
    assert normalise_phone("০১৭১১০০০০০০") == "8801711000000"
    assert normalise_phone("01211000000") is None
    assert normalise_phone("1711000000") is None


def test_subject_is_nid_or_birth_registration() -> None:
    warish = catalog().get("warish")
    assert warish is not None
    fields = {
        "applicant_relation": "son",
        "deceased_name_bn": "মোঃ আব্দুল জব্বার",
        "deceased_name_en": "Md. Abdul Jabbar",
        "deceased_brn": "১৯৯০১২৩৪৫৬৭৮৯০১২৩",
        "deceased_dob": "1948-03-10",  # the registry check needs it (issue 12)
        "date_of_death": "2025-12-01",
        "deceased_father_name_bn": "করম আলী",
        "deceased_mother_name_bn": "আমেনা খাতুন",
        "village_bn": "সুবিল",
        "post_office_bn": "সুবিল বাজার",
        "heirs": [{"name_bn": "কামাল হোসেন", "relation": "son", "is_adult": "yes"}],
    }
    clean, errors = validate_form(warish, fields, TODAY)
    assert errors == []
    assert subject_identity(warish, clean) == "brn:19901234567890123"


def test_a_17_digit_nid_also_claims_its_13_digit_form() -> None:
    assert subject_aliases("nid:19482695412345678") == ("nid:19482695412345678", "nid:2695412345678")
    assert subject_aliases("nid:2695412345678") == ("nid:2695412345678",)
    assert subject_aliases("nid:1234567890") == ("nid:1234567890",)  # a smart card's 10 digits stand alone
    assert subject_aliases("brn:19482695412345678") == ("brn:19482695412345678",)  # a birth registration number
    assert subject_aliases("nid:55482695412345678") == ("nid:55482695412345678",)  # no birth year in front
