"""Draws the revenue documents (decision 69): a holding tax receipt and a demand notice, A4
portrait, Bengali first, on the certificate's letterhead, tables and QR (pdf.py).

Same document in, same bytes out: no clock, no randomness. Imported only on the rendering path
(fpdf2, num2words and segno load with the first document)."""

from __future__ import annotations

import datetime as dt

from chalicelib.domain import codes
from chalicelib.domain.bangla import bn_digits
from chalicelib.domain.certificate import OfficeHeader
from chalicelib.domain.revenue.documents import KIND_NAMES, METHOD_NAMES, NoticeDocument, ReceiptDocument
from chalicelib.domain.revenue.lines import money
from chalicelib.domain.revenue.receipts import Receipt
from chalicelib.rendering.content import office_names
from chalicelib.rendering.dates import bangla_date, gregorian_bn, gregorian_en
from chalicelib.rendering.layout import LATIN, MARGIN_BOTTOM, MARGIN_X, PT, Page
from chalicelib.rendering.pdf import draw_qr, draw_table, letterhead, new_pdf, qr_side
from chalicelib.rendering.qr import qr_modules

RECEIPT_TITLE = "হোল্ডিং কর পরিশোধের রসিদ"
NOTICE_TITLE = "হোল্ডিং কর দাবির নোটিশ"
RECEIPT_CAPTION = "যাচাই করতে স্ক্যান করুন / Scan to verify"
NOTICE_CAPTION = "বকেয়া দেখতে ও পরিশোধ করতে স্ক্যান করুন / Scan to see and pay dues"


def both_calendars(day: dt.date) -> str:
    """'৩০ জুন ২০২৬ খ্রিষ্টাব্দ = ১৬ আষাঢ় ১৪৩৩ বঙ্গাব্দ (30 June 2026)'."""
    return f"{gregorian_bn(day)} খ্রিষ্টাব্দ = {bangla_date(day)} বঙ্গাব্দ ({gregorian_en(day)})"


def taka_bn(poisha: int) -> str:
    return "৳ " + bn_digits(money(poisha))


def in_words(poisha: int) -> tuple[str, str]:
    """The amount in words, in Bengali and in English (lakh and crore, as Bangladesh writes them)."""
    from num2words import num2words  # type: ignore[import-untyped]  # num2words ships no type hints

    whole, part = divmod(poisha, 100)
    bn = f"{num2words(whole, lang='bn')} টাকা"
    en = f"{num2words(whole, lang='en_IN')} taka"
    if part:
        bn += f" {num2words(part, lang='bn')} পয়সা"
        en += f" and {num2words(part, lang='en_IN')} poisha"
    return f"{bn} মাত্র", f"{en} only".capitalize()


def _total(label: str, poisha: int) -> list[tuple[str, str]]:
    """The total in figures, then in words in Bengali and in English."""
    words_bn, words_en = in_words(poisha)
    return [(label, taka_bn(poisha)), ("কথায়", words_bn), ("In words", words_en)]


def _rebate(r: Receipt) -> list[tuple[str, str]]:
    """The rebates the payment earned (decision 72), when it earned any: settled besides the money."""
    rebate = sum(a.rebate for a in r.allocations)
    return [("রেয়াত / Rebate", taka_bn(rebate))] if rebate else []


def _start(lang_title: str, subject: str, office: OfficeHeader, dated: dt.date) -> Page:
    """A new page with the office's letterhead and the document's title."""
    name_bn, name_en = office_names(office)
    page = Page(new_pdf("bn", lang_title, subject, name_bn, dated), "bn")
    letterhead(page, name_bn, name_en, " | ".join(a for a in (office.area_bn, office.area_en) if a))
    page.font(17, bold=True)
    height = 17 * PT * 1.6
    page.line(page.pdf.l_margin, page.pdf.y, page.pdf.epw, height, lang_title, "C")
    page.pdf.set_y(page.pdf.y + height + 3)
    return page


def _facts(page: Page, rows: list[tuple[str, str]]) -> None:
    """Label: value lines, two columns wide."""
    pdf = page.pdf
    for label, value in rows:
        page.font(11, bold=True)
        page.line(pdf.l_margin, pdf.y, 48, 6.5, label)
        page.font(11)
        for text in page.wrap(pdf.epw - 48, value):
            page.line(pdf.l_margin + 48, pdf.y, pdf.epw - 48, 6.5, text)
            pdf.set_y(pdf.y + 6.5)
    pdf.set_y(pdf.y + 2)


def _qr_block(page: Page, text: str, caption: str, number: str) -> None:
    """The QR at the bottom left of the last page, its caption and the document number below."""
    pdf = page.pdf
    qr = qr_modules(text)
    side = qr_side(qr)
    top = pdf.h - MARGIN_BOTTOM - side - 8.4
    if pdf.y + 4 > top:
        pdf.add_page()
    draw_qr(pdf, MARGIN_X, top, qr)
    page.font(8.5)
    page.line(MARGIN_X, top + side, 120, 4.2, caption)
    page.font(8.5, bold=True, family=LATIN)
    page.line(MARGIN_X, top + side + 4.2, 120, 4.2, number)


def render_receipt(doc: ReceiptDocument) -> bytes:
    """The receipt: who paid what for which holding, each allocation by year, head and instalment,
    the total in figures and words, how, to whom and when (both calendars), and the QR credential."""
    from chalicelib.rendering.content import TableView

    r = doc.receipt
    number = codes.display(r.receipt_no)
    page = _start(RECEIPT_TITLE, number, doc.office, doc.received_on)
    method_bn, method_en = METHOD_NAMES.get(r.method, (r.method, r.method))
    _facts(
        page,
        [
            ("রসিদ নং / Receipt No.", number),
            ("হোল্ডিং নং / Holding", f"{bn_digits(r.holding_number)}, ওয়ার্ড {bn_digits(r.ward)}"),
            ("পরিশোধকারী / Payer", r.payer_name),
            ("তারিখ / Date", both_calendars(doc.received_on)),
        ],
    )
    rows = tuple(
        (
            bn_digits(i + 1),
            bn_digits(a.fiscal_year),
            doc.head_names.get(a.head, (a.head, a.head))[0],
            bn_digits(a.instalment),
            KIND_NAMES.get(a.kind, (a.kind, a.kind))[0],
            taka_bn(a.poisha),
        )
        for i, a in enumerate(r.allocations)
    )
    if r.advance:
        rows += ((bn_digits(len(rows) + 1), "", "অগ্রিম", "", "", taka_bn(r.advance)),)
    header = ("ক্রমিক", "অর্থবছর", "কর খাত", "কিস্তি", "ধরন", "টাকা")
    draw_table(page, TableView("পরিশোধের বিবরণ", header, rows, (True, True, False, True, False, True)))
    _facts(
        page,
        [
            *_total("মোট / Total", r.amount),
            *_rebate(r),
            ("পরিশোধের মাধ্যম / Method", f"{method_bn} / {method_en}"),
            ("গ্রহণকারী / Received by", doc.received_by),
        ],
    )
    _qr_block(page, doc.verify_text, RECEIPT_CAPTION, number)
    return bytes(page.pdf.output())


def render_notice(doc: NoticeDocument) -> bytes:
    """The demand notice: the bill's lines with what is paid and payable, the rebate or surcharge
    as of the bill, the total, the due date in both calendars, and a QR to the holding's dues page."""
    from chalicelib.rendering.content import TableView

    page = _start(NOTICE_TITLE, doc.bill_id, doc.office, doc.created_on)
    _facts(
        page,
        [
            ("নোটিশ নং / Notice No.", doc.bill_id),
            ("হোল্ডিং নং / Holding", f"{bn_digits(doc.holding_number)}, ওয়ার্ড {bn_digits(doc.ward)}"),
            ("গ্রাম/মহল্লা / Area", doc.village),
            ("মালিক / Owner", doc.owner_name),
            ("তারিখ / Date", both_calendars(doc.created_on)),
        ],
    )
    header = ("অর্থবছর", "কর খাত", "কিস্তি", "ধরন", "দাবি", "পরিশোধিত", "রেয়াত", "সারচার্জ", "প্রদেয়")
    rows = tuple(
        (
            bn_digits(line.fiscal_year),
            line.head_bn,
            bn_digits(line.instalment),
            KIND_NAMES.get(line.kind, (line.kind, line.kind))[0],
            *(bn_digits(money(v)) for v in (line.amount, line.paid, line.rebate, line.surcharge, line.payable)),
        )
        for line in doc.lines
    )
    numeric = (True, False, True, False, True, True, True, True, True)
    draw_table(page, TableView("দাবির বিবরণ (টাকা)", header, rows, numeric))
    _facts(page, [*_total("মোট প্রদেয় / Total", doc.total), ("শেষ তারিখ / Due by", both_calendars(doc.due_by))])
    _qr_block(page, doc.link, NOTICE_CAPTION, doc.bill_id)
    return bytes(page.pdf.output())
