"""Every spelling of a number is one key (issue 11, item 1), shown by generating spellings: each
digit in any Unicode digit script, separators of every kind inserted anywhere, letters of codes in
either case and width. Deterministic (derandomize) and bounded, so CI runs it in seconds."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.api.problems import status_of
from chalicelib.domain import codes, path_ids
from chalicelib.domain.canonical import ascii_digits, fold, is_unsafe_text, normalise_phone, number, text_errors
from chalicelib.domain.catalog import catalog
from chalicelib.domain.claims import claim_keys
from chalicelib.domain.errors import AppError
from chalicelib.domain.forms import subject_identity, validate_form

PROFILE = settings(derandomize=True, max_examples=60, deadline=None, database=None)
TODAY = dt.date(2026, 6, 30)

# The zero of every decimal digit script Unicode knows (ASCII, Bengali, Devanagari, Arabic-Indic,
# Extended Arabic-Indic, fullwidth, mathematical, ...): 66 scripts in Python 3.11's Unicode.
ZEROS = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.decimal(chr(c), None) == 0]
SEPARATORS = list(
    " \u00a0\u2002\u2009\u202f\u3000"  # spaces: plain, no-break, en, thin, narrow no-break, ideographic
    "-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"  # hyphens, dashes, minus, small and fullwidth
    "./\uff0e\uff0f_\uff3f\u00b7"  # dots, slashes, underscores (also fullwidth), middle dot
    "\u200b\u2060\ufeff\u00ad"  # zero-width space, word joiner, BOM, soft hyphen
)


def test_every_digit_script_is_covered() -> None:
    named = {unicodedata.name(z).split(" DIGIT")[0] for z in ZEROS}
    assert len(ZEROS) >= 60
    for script in ("BENGALI", "DEVANAGARI", "ARABIC-INDIC", "EXTENDED ARABIC-INDIC", "FULLWIDTH"):
        assert script in named, script


@st.composite
def spelled(draw: st.DrawFn, text: str) -> str:
    """`text` with each digit in a script drawn per digit, and separators drawn between characters."""
    out = []
    for ch in text:
        out.append(draw(st.lists(st.sampled_from(SEPARATORS), max_size=2)))
        zero = draw(st.sampled_from(ZEROS))
        out.append([chr(ord(zero) + int(ch))] if ch.isdigit() else [ch])
    out.append(draw(st.lists(st.sampled_from(SEPARATORS), max_size=2)))
    return "".join(c for part in out for c in part)


@st.composite
def nid_and_spelling(draw: st.DrawFn) -> tuple[str, str]:
    length = draw(st.sampled_from((10, 13, 17)))
    digits = draw(st.text(alphabet="0123456789", min_size=length, max_size=length))
    return digits, draw(spelled(digits))


def _key(subject: str) -> str:
    return hashlib.sha256(subject.encode()).hexdigest()  # stands for keyed_hash: same input, same key


@PROFILE
@given(nid_and_spelling())
def test_every_spelling_of_a_nid_claims_the_same_key(case: tuple[str, str]) -> None:
    digits, spelling = case
    assert fold(spelling) == digits
    assert number(spelling, (10, 13, 17)) == digits
    warish = catalog().get("warish")
    assert warish is not None
    keys = []
    for nid in (digits, spelling):
        clean, _errors = validate_form(warish, {"deceased_nid": nid}, TODAY)
        assert clean["deceased_nid"] == digits
        subject = subject_identity(warish, clean)
        assert subject == f"nid:{digits}"
        keys.append(claim_keys(warish, [_key(subject)], "union-1", TODAY))
    assert keys[0] == keys[1] == [f"unique#warish#{_key('nid:' + digits)}"]


@PROFILE
@given(st.text(alphabet="0123456789", min_size=17, max_size=17).flatmap(lambda d: st.tuples(st.just(d), spelled(d))))
def test_every_spelling_of_a_birth_registration_number_is_one(case: tuple[str, str]) -> None:
    digits, spelling = case
    assert number(spelling, (17,)) == digits


@st.composite
def phone_and_spelling(draw: st.DrawFn) -> tuple[str, str]:
    local = "01" + draw(st.sampled_from("3456789")) + draw(st.text(alphabet="0123456789", min_size=8, max_size=8))
    prefix = draw(st.sampled_from(("", "88", "+88")))
    return "88" + local, draw(spelled(prefix + local))


@PROFILE
@given(phone_and_spelling())
def test_every_spelling_of_a_phone_is_one_number(case: tuple[str, str]) -> None:
    canonical, spelling = case
    assert normalise_phone(spelling) == canonical


@st.composite
def code_and_spelling(draw: st.DrawFn) -> tuple[str, str]:
    body = draw(st.text(alphabet=codes.ALPHABET, min_size=13, max_size=13))
    code = body + codes.check_char(body)
    letters = []
    for ch in code:
        if ch.isalpha():
            cased = draw(st.sampled_from((ch, ch.lower())))
            letters.append(draw(st.sampled_from((cased, chr(ord(cased) + 0xFEE0)))))  # or fullwidth
        else:
            letters.append(ch)
    return code, draw(spelled("".join(letters)))


@PROFILE
@given(code_and_spelling())
def test_every_spelling_of_a_tracking_or_certificate_number_is_one(case: tuple[str, str]) -> None:
    code, spelling = case
    assert codes.normalise(spelling) == code and codes.is_valid(spelling)
    assert path_ids.code(spelling, "Certificate") == code


def test_dates_and_amounts_keep_their_separators() -> None:
    assert ascii_digits("২০২৫-১২-০১") == "2025-12-01"
    assert ascii_digits("２０２５－１２－０１") == "2025-12-01"
    assert ascii_digits("٢٠٢٥-١٢-٠١") == "2025-12-01"


@pytest.mark.parametrize(
    "text",
    [
        *("a\x00b", "a\x07", "a\x7fb", "a\x85b", "a\u2028b", "a\ud800b"),  # controls, line separator, surrogate
        *("\u202eevil", "a\u202ab", "a\u202db", "a\u2066b\u2069", "a\u2067b", "a\u2068b"),  # overrides, isolates
        *("a\u200eb", "a\u200fb", "a\u061cb", "a\u200bb", "a\ufeffb"),  # marks, zero-width space, BOM
    ],
)
def test_control_and_bidi_characters_are_unsafe(text: str) -> None:
    assert is_unsafe_text(text)
    assert [e.field for e in text_errors({"name_bn": text}, ("name_bn",), "fields.")] == ["fields.name_bn"]


@pytest.mark.parametrize(
    "text", ["মোছাঃ রাবেয়া খাতুন", "র\u200c্যাব", "ক্\u200dষ", "Line one\nline two\ttab", "Md. Abdul Jabbar", "১২৩"]
)
def test_ordinary_text_and_bengali_joiners_are_safe(text: str) -> None:
    assert not is_unsafe_text(text)


@pytest.mark.parametrize("raw", ["", "-", "_", "..", ".", "--__..", "\x00", "\u202e", "%2e%2e", "x" * 300, "ABCD"])
def test_malformed_codes_are_not_found(raw: str) -> None:
    with pytest.raises(AppError) as err:
        path_ids.code(raw, "Application")
    assert status_of(err.value) == 404 and err.value.code == "not_found"


@pytest.mark.parametrize(
    ("raw", "pattern"),
    [
        ("-", path_ids.OFFICE_ID),
        ("..", path_ids.OFFICE_ID),
        ("Union-1", path_ids.OFFICE_ID),
        ("union-1/../x", path_ids.OFFICE_ID),
        ("-", path_ids.USERNAME),
        ("...", path_ids.USERNAME),
        ("_", path_ids.SLUG),
        ("-", path_ids.LIST_ID),
        ("s1.json", path_ids.LIST_ID),
    ],
)
def test_malformed_plain_ids_are_not_found(raw: str, pattern: object) -> None:
    with pytest.raises(AppError) as err:
        path_ids.plain(raw, pattern, "Thing")  # type: ignore[arg-type]
    assert status_of(err.value) == 404


def test_well_formed_plain_ids_pass() -> None:
    assert path_ids.office_id("union-1") == "union-1"
    assert path_ids.plain("union-1.secretary", path_ids.USERNAME, "x") == "union-1.secretary"
    assert path_ids.plain("s1", path_ids.LIST_ID, "x") == "s1"
    assert path_ids.plain("sslcommerz", path_ids.SLUG, "x") == "sslcommerz"
