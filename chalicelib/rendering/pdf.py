"""Draws a certificate as an A4 portrait PDF: fpdf2 with HarfBuzz shaping, bundled Noto fonts and
a vector QR code. The wording comes from content.py; this module only lays it out.

fpdf2 (and through content/qr: jinja2, segno) is imported inside functions, so importing this
module costs an API Lambda nothing; only the rendering path pays for the PDF stack. Line
breaking, justification and the text a PDF reader extracts are layout.py's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from chalicelib.domain.catalog import CertificateType
from chalicelib.domain.certificate import CertificateDocument
from chalicelib.domain.clock import BANGLADESH
from chalicelib.rendering.content import CertificateView, TableView, build_view, localise_digits
from chalicelib.rendering.layout import BN, LATIN, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PT, Page
from chalicelib.rendering.qr import QRModules, qr_modules, qr_version

__all__ = ["qr_version", "render_certificate"]

if TYPE_CHECKING:
    from fpdf import FPDF

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FILES = {
    (BN, ""): "NotoSerifBengali-Regular.ttf",
    (BN, "B"): "NotoSerifBengali-Bold.ttf",
    (LATIN, ""): "NotoSerif-Regular.ttf",
    (LATIN, "B"): "NotoSerif-Bold.ttf",
}
FONTS = tuple((family, style, FONT_DIR / name) for (family, style), name in FONT_FILES.items())
# A Bengali certificate prints Latin text (the English office name, codes, the QR caption) in the
# regular weight only: one font fewer to subset and embed, a tenth of the rendering time.
FONTS_BN = tuple(file for file in FONTS if file[:2] != (LATIN, "B"))
# QR side in mm, quiet zone included: at least 44 mm, and modules of at least 0.5 mm (3 pixels
# at 150 dpi; comfortable for phone cameras on paper) when the payload needs a larger version.
QR_MIN_SIZE, QR_MIN_MODULE = 44.0, 0.5
QR_QUIET = 4  # modules of white border the QR standard asks for
SIGNATORY_WIDTH = 80.0
TABLE_SIZE, CELL_PAD = 10.0, 1.3  # points, mm
PREVIEW_MARK = ("নমুনা — বৈধ নয়", "PREVIEW — NOT VALID")
PREVIEW_BANNER = "নমুনা — অনুমোদনের আগে পড়ার জন্য, সনদ নয় / PREVIEW — not a certificate"
PREVIEW_CAPTION = "নমুনা: যাচাইযোগ্য নয় / Preview: not verifiable"


def render_certificate(doc: CertificateDocument, ctype: CertificateType, *, preview: bool = False) -> bytes:
    """The certificate as PDF bytes. Same document in, same bytes out (no clock, no randomness).

    A preview (what the signatory reads before approving) is the same drawing with a "not valid"
    mark across every page and, where the QR would be, an empty box: it carries no credential."""
    view = build_view(doc, ctype)
    page = Page(_new_pdf(doc, view), view.lang)
    _letterhead(page, view)
    _number_and_date(page, view)
    _title(page, view.title)
    for paragraph in view.body:
        page.paragraph(paragraph, size=12, align="J")
        page.pdf.set_y(page.pdf.y + 2)
    for table in view.tables:
        draw_table(page, table)
    if view.validity:
        page.pdf.set_y(page.pdf.y + 2)
        page.paragraph(view.validity, size=11, bold=True, align="L")
    _closing_block(page, view, None if preview else doc.verify_text)
    _page_numbers(page, view)
    if preview:
        _preview_marks(page)
    return bytes(page.pdf.output())


def _new_pdf(doc: CertificateDocument, view: CertificateView) -> FPDF:
    return new_pdf(
        view.lang,
        view.title,
        doc.certificate_no,
        view.office_bn if view.lang == "bn" else view.office_en,
        doc.issued_on,
    )


def new_pdf(lang: str, title: str, subject: str, author: str, dated: dt.date) -> FPDF:
    """An A4 portrait document with the bundled fonts, shaping on and one page added (also the
    revenue documents': rendering/revenue.py)."""
    from chalicelib.rendering.engine import CertificatePDF

    pdf = CertificatePDF(orientation="P", unit="mm", format="A4")
    pdf.add_fonts(FONTS_BN if lang == "bn" else FONTS)  # parsed once per process
    # Each family falls back to the other: Latin names and digits in a Bengali certificate, Bengali
    # names (the templates print parents' names in Bengali) in an English one; in the same weight
    # when the document has it.
    pdf.set_fallback_fonts([LATIN, BN], exact_match=False)
    pdf.set_text_shaping(True)
    pdf.set_margins(MARGIN_X, MARGIN_TOP, MARGIN_X)
    pdf.set_auto_page_break(False)  # breaks are placed by Page.room, never inside a marked span
    pdf.c_margin = 0  # widths below are exact; padding is added where it is wanted
    pdf.set_title(title)
    pdf.set_subject(subject)
    pdf.set_author(author)
    pdf.set_creator("Sonod Sheba")
    pdf.set_lang("bn-BD" if lang == "bn" else "en")
    # Fixed by the document, so output is byte-stable; fpdf2's file /ID hashes content and this date.
    pdf.set_creation_date(dt.datetime.combine(dated, dt.time(0, 0), tzinfo=BANGLADESH))
    pdf.add_page()
    return pdf


def _letterhead(page: Page, view: CertificateView) -> None:
    letterhead(page, view.office_bn, view.office_en, view.area)


def letterhead(page: Page, office_bn: str, office_en: str, area: str) -> None:
    """The office's name in both languages and its area, centred over a double rule."""
    pdf = page.pdf
    rows = ((office_bn, 18, True, BN), (office_en, 12.5, True, LATIN), (area, 10, False, None))
    for text, size, bold, family in rows:
        page.font(size, bold, family)
        height = size * PT * 1.6
        page.line(pdf.l_margin, pdf.y, pdf.epw, height, text, "C")
        pdf.set_y(pdf.y + height)
    y = pdf.y + 1.5
    pdf.set_line_width(0.6)
    pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, y + 1.0, pdf.w - pdf.r_margin, y + 1.0)
    pdf.set_y(y + 4)


def _number_and_date(page: Page, view: CertificateView) -> None:
    pdf = page.pdf
    page.font(10.5)
    height, half, top = 6.0, pdf.epw / 2, pdf.y
    page.line(pdf.l_margin, top, half, height, view.number_line)
    for index, text in enumerate(view.date_lines):
        page.line(pdf.l_margin + half, top + index * height, half, height, text, "R")
    pdf.set_y(top + max(1, len(view.date_lines)) * height + 6)


def _title(page: Page, title: str) -> None:
    pdf = page.pdf
    page.font(19, bold=True)
    height = 19 * PT * 1.6
    page.line(pdf.l_margin, pdf.y, pdf.epw, height, title, "C")
    half = page.width(title) / 2 + 4
    middle = pdf.l_margin + pdf.epw / 2
    pdf.set_line_width(0.3)
    pdf.line(middle - half, pdf.y + height, middle + half, pdf.y + height)
    pdf.set_y(pdf.y + height + 6)


def _column_widths(page: Page, table: TableView, size: float, pad: float) -> list[float]:
    """Widths from content: numbers and words are not broken when the page allows it; the rest
    of the width goes where text is longest. Headers may wrap onto two lines."""
    pdf = page.pdf
    natural, minimum = [], []
    for col, header in enumerate(table.header):
        page.font(size, bold=True)
        header_word = max(page.width(w) for w in header.split() or [""])
        header_full = page.width(header)
        page.font(size)
        cells = [row[col] for row in table.rows] or [""]
        cell_full = max(page.width(c) for c in cells)
        cell_word = max(page.width(w) for c in cells for w in c.split() or [""])
        least = max(header_word, cell_full if table.numeric[col] else cell_word) + 2 * pad
        minimum.append(least)
        natural.append(max(least, cell_full + 2 * pad, header_full / 2 + 2 * pad))
    available = pdf.epw
    if sum(natural) <= available:
        return [w * available / sum(natural) for w in natural]
    if sum(minimum) >= available:
        return [w * available / sum(minimum) for w in minimum]
    flexible = [n - m for n, m in zip(natural, minimum, strict=True)]
    extra = (available - sum(minimum)) / sum(flexible)
    return [m + f * extra for m, f in zip(minimum, flexible, strict=True)]


def _row_lines(page: Page, widths: Sequence[float], cells: Sequence[str], header: bool) -> list[list[str]]:
    page.font(TABLE_SIZE, bold=header)
    return [page.wrap(w - 2 * CELL_PAD, text) for w, text in zip(widths, cells, strict=True)]


def _row_height(lines: Sequence[Sequence[str]]) -> float:
    return max(len(cell) for cell in lines) * TABLE_SIZE * PT * 1.6 + 2 * CELL_PAD


def _draw_row(page: Page, widths: Sequence[float], lines: Sequence[Sequence[str]], header: bool) -> None:
    """One bordered row at the current y; the header row shaded, its labels and the serial centred."""
    pdf, leading = page.pdf, TABLE_SIZE * PT * 1.6
    page.font(TABLE_SIZE, bold=header)
    height = _row_height(lines)
    x, y = pdf.l_margin, pdf.y
    for col, (width, cell) in enumerate(zip(widths, lines, strict=True)):
        pdf.rect(x, y, width, height, style="DF" if header else "D")
        for index, text in enumerate(cell):
            page.line(
                x + CELL_PAD,
                y + CELL_PAD + index * leading,
                width - 2 * CELL_PAD,
                leading,
                text,
                "C" if header or col == 0 else "L",
            )
        x += width
    pdf.set_y(y + height)


def draw_table(page: Page, table: TableView) -> None:
    pdf = page.pdf
    pdf.set_y(pdf.y + 2)
    widths = _column_widths(page, table, TABLE_SIZE, CELL_PAD)
    header = _row_lines(page, widths, table.header, header=True)
    rows = [_row_lines(page, widths, row, header=False) for row in table.rows]
    caption = 11.5 * PT * 1.7
    # Keep the caption with the header and the first row.
    page.room(caption + _row_height(header) + (_row_height(rows[0]) if rows else 0))
    page.paragraph(table.title, size=11.5, bold=True, align="L")
    pdf.set_line_width(0.2)
    pdf.set_fill_color(235)
    _draw_row(page, widths, header, header=True)
    for row in rows:
        if page.room(_row_height(row)):
            _draw_row(page, widths, header, header=True)  # the header again on a new page
        _draw_row(page, widths, row, header=False)
    pdf.set_y(pdf.y + 3)


def qr_side(qr: QRModules) -> float:
    return max(QR_MIN_SIZE, (qr.size + 2 * QR_QUIET) * QR_MIN_MODULE)


def draw_qr(pdf: FPDF, x: float, y: float, qr: QRModules) -> None:
    """Draws the QR, quiet zone included, with its top-left corner at (x, y)."""
    module = qr_side(qr) / (qr.size + 2 * QR_QUIET)
    left, top, k = x + QR_QUIET * module, y + QR_QUIET * module, pdf.k
    # One path of rectangles filled once: no anti-aliasing seams between rows when rasterised,
    # and a few kilobytes instead of an image.
    ops = ["q", "0 g"]
    for row, col, length in qr.runs:
        ops.append(
            f"{(left + col * module) * k:.3f} {(pdf.h - top - row * module) * k:.3f} "
            f"{length * module * k:.3f} {-module * k:.3f} re"
        )
    ops.append("f Q")
    pdf._out("\n".join(ops))


def _closing_block(page: Page, view: CertificateView, verify_text: str | None) -> None:
    """QR with its caption at the bottom left, the signatory at the bottom right, on the last page;
    a preview (no verify text) gets an empty box in the QR's place."""
    pdf = page.pdf
    qr = qr_modules(verify_text) if verify_text is not None else None
    side = qr_side(qr) if qr is not None else QR_MIN_SIZE
    caption_height = 4.2
    top = pdf.h - MARGIN_BOTTOM - side - 2 * caption_height
    if pdf.y + 4 > top:
        pdf.add_page()
    if qr is not None:
        draw_qr(pdf, MARGIN_X, top, qr)
    else:
        pdf.set_line_width(0.3)
        pdf.rect(MARGIN_X, top, side, side)
        pdf.line(MARGIN_X, top, MARGIN_X + side, top + side)
        pdf.line(MARGIN_X, top + side, MARGIN_X + side, top)
    below = top + side
    page.font(8.5)
    page.line(MARGIN_X, below, 90, caption_height, view.scan_caption if qr is not None else PREVIEW_CAPTION)
    page.font(8.5, bold=True, family=LATIN)
    page.line(MARGIN_X, below + caption_height, 90, caption_height, view.certificate_no)
    _signatory(page, view.signatory)


def _signatory(page: Page, lines: Sequence[str]) -> None:
    """Name, designation and office, centred at the bottom right under a signature line."""
    pdf = page.pdf
    x = pdf.w - MARGIN_X - SIGNATORY_WIDTH
    sizes = (11.5, 10.5, 10.5)
    heights = [s * PT * 1.6 for s in sizes[: len(lines)]]
    y = pdf.h - MARGIN_BOTTOM - sum(heights)
    pdf.set_line_width(0.3)
    pdf.line(x + 8, y - 1.5, x + SIGNATORY_WIDTH - 8, y - 1.5)
    for index, (text, height) in enumerate(zip(lines, heights, strict=False)):
        page.font(sizes[index], bold=index == 0)
        page.line(x, y, SIGNATORY_WIDTH, height, text, "C")
        y += height


def _preview_marks(page: Page) -> None:
    """A preview says so on every page: a line above the letterhead and a large diagonal mark."""
    pdf = page.pdf
    last = pdf.page
    for number in range(1, pdf.pages_count + 1):
        pdf.page = number
        page.font(9, bold=True)
        pdf.set_text_color(170, 20, 20)
        page.line(pdf.l_margin, 5, pdf.epw, 5, PREVIEW_BANNER, "C")
        with pdf.local_context(fill_opacity=0.22, text_color=(170, 20, 20)):
            page.font(44, bold=True)
            with pdf.rotation(35, pdf.w / 2, pdf.h / 2):
                for offset, text in ((-12.0, PREVIEW_MARK[0]), (12.0, PREVIEW_MARK[1])):
                    page.line(pdf.l_margin, pdf.h / 2 + offset - 10, pdf.epw, 20, text, "C")
        pdf.set_text_color(0)
    pdf.page = last


def _page_numbers(page: Page, view: CertificateView) -> None:
    """'পৃষ্ঠা ১/২' and the certificate number at the foot of each page, when there are several."""
    pdf = page.pdf
    pages = pdf.pages_count
    if pages < 2:
        return
    last = pdf.page
    for number in range(1, pages + 1):
        pdf.page = number  # fpdf2 appends to an earlier page's content when `page` points to it
        label = localise_digits(view.page_label.format(page=number, pages=pages), view.lang)
        page.font(8.5)
        page.line(pdf.l_margin, pdf.h - 10, pdf.epw, 4, f"{label} · {view.certificate_no}", "C")
    pdf.page = last
