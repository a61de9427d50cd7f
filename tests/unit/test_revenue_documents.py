"""The receipt and the demand notice as documents (decision 69): what the receipt's credential
hashes, money as printed, and the rendered PDFs' Bengali text (pdftotext)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from chalicelib.domain import codes
from chalicelib.domain.certificate import OfficeHeader
from chalicelib.domain.credentials import record_hash
from chalicelib.domain.revenue.documents import (
    NoticeDocument,
    ReceiptDocument,
    is_receipt,
    notice_lines,
    receipt_record,
)
from chalicelib.domain.revenue.lines import money
from chalicelib.domain.revenue.receipts import CANCELLED, Allocation, Cancellation, Receipt
from chalicelib.rendering.revenue import both_calendars, in_words, render_notice, render_receipt

OFFICE = OfficeHeader("pourashava-savar", "pourashava", "সাভার", "Savar", "সাভার, ঢাকা", "Savar, Dhaka")
RECEIPT = Receipt(
    receipt_no="6MN5PJCNH01QGN",
    holding_id="HABC",
    office_id="pourashava-savar",
    ward=3,
    holding_number="12/3",
    payer_name="রহিমা খাতুন",
    amount=150_075,
    allocations=(
        Allocation("2025-26#holding_tax#4", "2025-26", "holding_tax", 4, "arrear", 100_000),
        Allocation("2026-27#conservancy#1", "2026-27", "conservancy", 1, "current", 40_075),
    ),
    advance=10_000,
    method="cash",
    payment_id="cash-1",
    received_by="pourashava-savar.tax-collector",
    received_at="2026-12-07T04:00:00+00:00",
)
HEADS = {"holding_tax": ("গৃহকর", "Holding tax"), "conservancy": ("পরিচ্ছন্নতা রেইট", "Conservancy")}


def test_money_groups_the_south_asian_way() -> None:
    assert money(0) == "0.00"
    assert money(5) == "0.05"
    assert money(150_075) == "1,500.75"
    assert money(12_345_678_900) == "12,34,56,789.00"
    assert money(-100) == "-1.00"


def test_the_record_hash_covers_the_money_not_the_status() -> None:
    digest = record_hash(receipt_record(RECEIPT))
    cancelled = replace(RECEIPT, status=CANCELLED, cancellation=Cancellation("twice", "x", "2026-12-07T05:00:00+00:00"))
    assert record_hash(receipt_record(cancelled)) == digest  # the status list says it, the QR stays true
    assert record_hash(receipt_record(replace(RECEIPT, amount=150_076))) != digest
    assert is_receipt(receipt_record(RECEIPT)["type"])


def test_a_rebate_and_a_booked_surcharge_are_in_the_record_and_older_receipts_keep_their_hash() -> None:
    record = receipt_record(RECEIPT)
    assert "booked" not in record and all("rebate" not in a for a in record["allocations"])  # as before decision 72
    rebated = replace(RECEIPT, allocations=(replace(RECEIPT.allocations[1], rebate=4_000),))
    assert receipt_record(rebated)["allocations"][0]["rebate"] == 4_000
    surcharge = Allocation("2025-26#surcharge#1", "2025-26", "surcharge", 1, "surcharge", 15_000)
    booked = receipt_record(replace(RECEIPT, booked=(surcharge,)))
    assert booked["booked"][0]["poisha"] == 15_000 and record_hash(booked) != record_hash(record)


def test_amounts_in_words_in_bengali_and_english() -> None:
    assert in_words(150_075) == (
        "এক হাজার পাঁচশত টাকা পঁচাত্তর পয়সা মাত্র",
        "One thousand, five hundred taka and seventy-five poisha only",
    )
    assert in_words(15_000_000)[0] == "এক লাখ পঞ্চাশ হাজার টাকা মাত্র"
    assert in_words(15_000_000)[1] == "One lakh, fifty thousand taka only"


def test_both_calendars() -> None:
    assert both_calendars(dt.date(2026, 6, 30)) == "৩০ জুন ২০২৬ খ্রিষ্টাব্দ = ১৬ আষাঢ় ১৪৩৩ বঙ্গাব্দ (30 June 2026)"


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_the_receipt_reads_in_bengali(tmp_path: Path) -> None:
    doc = ReceiptDocument(
        RECEIPT, OFFICE, HEADS, "মোঃ রফিক, কর আদায়কারী", dt.date(2026, 12, 7), "https://v.example/v#SS1:X"
    )
    pdf = render_receipt(doc)
    assert render_receipt(doc) == pdf  # same document, same bytes
    text = _text(pdf, tmp_path)
    assert "রেয়াত" not in text  # no rebate earned, none printed
    rebated = replace(RECEIPT, allocations=(replace(RECEIPT.allocations[1], rebate=4_000),))
    assert "রেয়াত" in _text(render_receipt(replace(doc, receipt=rebated)), tmp_path)
    expected = (
        "সাভার পৌরসভা",
        "হোল্ডিং কর পরিশোধের রসিদ",
        codes.display(RECEIPT.receipt_no),
        "রহিমা খাতুন",
        "২০২৫-২৬",
        "গৃহকর",
        "পরিচ্ছন্নতা রেইট",
        "বকেয়া",
        "অগ্রিম",
        "৳ ১,৫০০.৭৫",
        "এক হাজার পাঁচশত টাকা পঁচাত্তর পয়সা মাত্র",
        "নগদ / Cash",
        "মোঃ রফিক, কর আদায়কারী",
        "২২ অগ্রহায়ণ ১৪৩৩",
    )
    for fragment in expected:
        assert fragment in text, fragment


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_the_demand_notice_reads_in_bengali(tmp_path: Path) -> None:
    line = {
        "fiscal_year": "2026-27",
        "head": "holding_tax",
        "head_name_bn": "গৃহকর",
        "instalment": 2,
        "kind": "current",
        "amount": 50_000,
        "paid": 20_000,
        "rebate": 1_500,
        "surcharge": 0,
        "payable": 28_500,
    }
    doc = NoticeDocument(
        "B1",
        OFFICE,
        "12/3",
        3,
        "ব্যাংক কলোনি",
        "রহিমা খাতুন",
        notice_lines([line]),
        28_500,
        dt.date(2026, 12, 31),
        dt.date(2026, 12, 7),
        "https://sonod.example/holdings/HABC",
    )
    text = _text(render_notice(doc), tmp_path)
    for fragment in (
        "হোল্ডিং কর দাবির নোটিশ",
        "গৃহকর",
        "চলতি",
        "২০০.০০",
        "১৫.০০",
        "২৮৫.০০",
        "১৬ পৌষ ১৪৩৩",
        "31 December 2026",
    ):
        assert fragment in text, fragment
