"""Text layout on a certificate page: fonts by language, greedy line breaking (Bengali clusters kept
whole), justification, and the text a PDF reader extracts. pdf.py draws the certificate with it.

Text extraction. HarfBuzz moves a pre-base vowel sign (ি, ে, ৈ, the left half of ো and ৌ) in front
of its consonant, and fpdf2 gives the cluster's whole text to its first glyph and none to the
others; poppler then sees an unexplained gap and reads "কিশোর" as "কি শ োর". So each drawn line
is wrapped in a marked-content span whose /ActualText (PDF 32000-1, 14.9.4) is the line's source
text; pdftotext, Acrobat and screen readers read that back exactly. Viewers that ignore
/ActualText still get every letter, in order, with the stray spaces.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

BN, LATIN = "bengali", "latin"  # fpdf2 font families, each with a regular and a bold style
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 18.0, 15.0, 15.0
PT = 25.4 / 72  # millimetres per point
MAX_JUSTIFY_GAP = 4.0  # in spaces: a wider gap reads worse than a ragged line
HASANT = "\u09cd"
JOINERS = ("\u200c", "\u200d")


@contextmanager
def actual_text(pdf: FPDF, text: str) -> Iterator[None]:
    encoded = ("\ufeff" + text).encode("utf-16-be").hex().upper()
    # fpdf2 has no public API for marked content; _out appends an operator to the page's content.
    pdf._out(f"/Span <</ActualText <{encoded}>>> BDC")
    yield
    pdf._out("EMC")


class Page:
    """fpdf2 plus the few layout moves the certificate needs, in the certificate's main font."""

    def __init__(self, pdf: FPDF, lang: str):
        self.pdf = pdf
        self.family = BN if lang == "bn" else LATIN
        self.lang = lang
        self._widths: dict[tuple[str, str, float, str], float] = {}

    def font(self, size: float, bold: bool = False, family: str | None = None) -> None:
        family = family or self.family
        bold = bold and f"{family}B" in self.pdf.fonts  # no bold Latin in a Bengali certificate
        self.pdf.set_font(family, "B" if bold else "", size)

    def room(self, height: float) -> bool:
        """Start a new page unless `height` fits above the bottom margin; True if one was started."""
        if self.pdf.y + height <= self.pdf.h - MARGIN_BOTTOM:
            return False
        self.pdf.add_page()
        return True

    def width(self, text: str) -> float:
        """Shaped width in the current font; each word is measured once per document."""
        key = (self.pdf.font_family, self.pdf.font_style, self.pdf.font_size_pt, text)
        if key not in self._widths:
            self._widths[key] = self.pdf.get_string_width(text)
        return self._widths[key]

    def wrap(self, width: float, text: str) -> list[str]:
        """Greedy line breaking at spaces, as Bengali and English break. (fpdf2's multi_cell shapes
        the line again for every character it adds, which made wrapping most of the render time.)"""
        lines: list[str] = []
        current: list[str] = []
        used, space = 0.0, self.width(" ")
        for word in text.split():
            word_width = self.width(word)
            if word_width > width:  # one word wider than the column: let fpdf2 break it anywhere
                lines += [" ".join(current)] if current else []
                lines += self._break_word(width, word)
                current, used = [], 0.0
            elif current and used + space + word_width > width:
                lines.append(" ".join(current))
                current, used = [word], word_width
            else:
                used += (space if current else 0.0) + word_width
                current.append(word)
        if current or not lines:
            lines.append(" ".join(current))
        return lines

    def _break_word(self, width: float, word: str) -> list[str]:
        """A word wider than the column, in pieces that fit, broken between letters (a letter with
        its vowel signs, and a conjunct joined by a hasant, stay whole). fpdf2's own CHAR wrap mode
        never returned on a long unbroken Bengali word (a 90-letter heir's name hung the renderer)."""
        lines: list[str] = []
        piece = ""
        for cluster in clusters(word):
            if piece and self.width(piece + cluster) > width:
                lines.append(piece)
                piece = ""
            piece += cluster
        return [*lines, piece] if piece else lines

    def line(self, x: float, y: float, width: float, height: float, text: str, align: str = "L") -> None:
        if not text:
            return
        with actual_text(self.pdf, text):
            words = text.split()
            if align == "J" and len(words) > 1 and self._justify(x, y, width, height, words):
                return
            self.pdf.set_xy(x, y)
            self.pdf.cell(width, height, text, align="L" if align == "J" else align)

    def _justify(self, x: float, y: float, width: float, height: float, words: Sequence[str]) -> bool:
        # fpdf2's cell() cannot justify, and multi_cell() cannot be wrapped line by line in spans;
        # spreading the words by hand is a few lines and shapes each word exactly as cell() would.
        widths = [self.width(w) for w in words]
        gap = (width - sum(widths)) / (len(words) - 1)
        if gap < 0 or gap > MAX_JUSTIFY_GAP * self.width(" "):
            return False
        for word, word_width in zip(words, widths, strict=True):
            self.pdf.set_xy(x, y)
            self.pdf.cell(word_width, height, word)
            x += word_width + gap
        return True

    def paragraph(self, text: str, size: float, bold: bool = False, align: str = "J", leading: float = 1.7) -> None:
        self.font(size, bold)
        height = size * PT * leading  # Bengali needs room above and below for vowel signs
        lines = self.wrap(self.pdf.epw, text)
        for index, line in enumerate(lines):
            self.room(height)
            last = index == len(lines) - 1
            self.line(
                self.pdf.l_margin, self.pdf.y, self.pdf.epw, height, line, "L" if last and align == "J" else align
            )
            self.pdf.set_y(self.pdf.y + height)


def clusters(word: str) -> list[str]:
    """Letters with what binds to them: combining marks (vowel signs), joiners, and the consonant
    after a hasant (a conjunct)."""
    clusters: list[str] = []
    for ch in word:
        binds = unicodedata.category(ch).startswith("M") or ch in JOINERS
        if clusters and (binds or clusters[-1].endswith((HASANT, *JOINERS))):
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters
