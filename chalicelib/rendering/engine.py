"""fpdf2 with two shortcuts for certificates; the one module that relies on fpdf2's internals.

pdf.py imports it inside a function, like fpdf itself. tests/unit/test_rendering.py checks what
the shortcuts assume of fpdf2 (test_engine_*) and compares rendered certificates byte for byte
across processes, so an fpdf2 upgrade that changes those assumptions fails there.

Fonts parsed once per process. add_font() parses a TTF with fontTools on every call (character
map, widths, glyph ids and names), and output() subsets the font with fontTools *in place*, on the
TTFont add_font loaded; so a parsed font cannot simply be handed to the next document, and fpdf2
2.8 has no API to add one. Each file is parsed once, by add_font on a scratch FPDF; every document
gets a shallow copy that lays text out with the parsed font (reading glyph names and widths only)
and owns what fpdf2 changes. At output() the copy gets a TTFont of its own to be subset, opened from
bytes prepared once: the file without the tables fpdf2's subsetter leaves out of the PDF anyway
(the OpenType layout tables, which HarfBuzz shapes with from the untouched file, and glyph names).
fontTools' cost grows with the glyphs in that TTFont, and Noto Serif has 3,256 for Greek, Cyrillic,
Vietnamese and more; so a Latin font also gets a compact source with the glyphs of Latin text only,
used for every document whose glyphs it has. Documents with others get the whole font. The bytes
are the same either way.

No bidi algorithm for left-to-right text. fpdf2 runs the Unicode bidi algorithm (UAX #9, in pure
Python) on every string it measures or draws. For text with no right-to-left letters and no
explicit direction controls it always finds one left-to-right run, the whole string; Bengali and
English certificates never have any, so that answer is given without the algorithm.

Shared fonts make a process render one certificate at a time (a Lambda does); not thread-safe.
"""

from __future__ import annotations

import copy
import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from fontTools import subset  # type: ignore[import-untyped]  # fontTools ships no type hints
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from fpdf import FPDF
from fpdf.enums import TextDirection
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.line_break import Fragment

FontFiles = tuple[tuple[str, str, Path], ...]  # (family, style, file)

# Tables fpdf2's subsetter leaves out of the embedded font (DSIG: fontTools' default).
NOT_EMBEDDED = ("GDEF", "GPOS", "GSUB", "DSIG")
# Characters of Latin text: Latin letters, punctuation, currency and letterlike symbols, and the
# ligatures (ﬁ) HarfBuzz makes of them. A font gets a compact source if these cover under half.
LATIN_TEXT = ((0x0000, 0x024F), (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F), (0xFB00, 0xFB06))
# fpdf2 2.8's TTFFont attributes (its __slots__), by what _document_font does with them.
PER_DOCUMENT = ("i", "ttfont", "desc", "subset", "missing_glyphs", "biggest_size_pt")
SHARED = (
    *("type", "name", "fontkey", "ttffile", "emphasis", "scale", "sp", "ss", "up", "ut"),
    *("cmap", "glyph_ids", "cw", "_hbfont", "color_font", "unicode_range", "palette_index"),
    *("is_compressed", "is_cff", "is_cid_keyed", "is_symbol", "cff_ros", "collection_font_number"),
)
# Bidi classes of right-to-left letters and numbers, and of explicit embeddings, overrides and
# isolates: text with none of them is one left-to-right run at the paragraph's level.
NOT_LTR_CLASSES = frozenset({"R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})


class CertificatePDF(FPDF):
    _parsed: tuple[_Parsed, ...] = ()

    def add_fonts(self, files: FontFiles) -> None:
        """pdf.add_font(family, style, file) for each file, but parsing each file once per process."""
        self._parsed = tuple(_parsed_font(*file) for file in files)
        for parsed in self._parsed:
            self.fonts[parsed.font.fontkey] = _document_font(parsed, index=len(self.fonts) + 1)

    def output(self, *args: Any, **kwargs: Any) -> Any:
        # Each font is about to be subset in place: it gets a TTFont of its own, with the glyphs it
        # needs (those laid out, as fpdf2 will embed them) and as few others as a source offers.
        for parsed in self._parsed:
            font = self.fonts[parsed.font.fontkey]
            assert isinstance(font, TTFFont)
            font.ttfont = parsed.embedding_source(frozenset(font.subset.get_all_glyph_names()))
        return super().output(*args, **kwargs)

    def _preload_bidirectional_text(self, text: str, markdown: bool) -> Sequence[Fragment]:
        # fpdf2 2.8 calls this for every string it measures or draws; it splits the text into runs
        # with BidiParagraph, then into fragments per font with _preload_font_styles.
        if self.text_shaping is None or self.text_shaping["direction"] or not left_to_right_only(text):
            return super()._preload_bidirectional_text(text, markdown)
        self.text_shaping["paragraph_direction"] = TextDirection.LTR
        self.text_shaping["fragment_direction"] = TextDirection.LTR
        return self._preload_font_styles(text, markdown)


def left_to_right_only(text: str) -> bool:
    return not any(unicodedata.bidirectional(char) in NOT_LTR_CLASSES for char in set(text))


@dataclass(frozen=True)
class _Source:
    data: bytes  # a TTF without NOT_EMBEDDED tables and glyph names
    glyph_order: tuple[str, ...]  # its glyphs, by the names add_font read

    def open(self) -> TTFont:
        font = _open(self.data)
        font.setGlyphOrder(list(self.glyph_order))
        return font


@dataclass(frozen=True, eq=False)
class _Parsed:
    font: TTFFont  # as add_font left it; never subset
    compact: _Source | None  # the glyphs of LATIN_TEXT and all without a character of their own

    def embedding_source(self, glyphs: frozenset[str]) -> TTFont:
        """A TTFont for fpdf2 to cut these glyphs from (their components come along either way)."""
        if self.compact is not None and glyphs <= set(self.compact.glyph_order):
            return self.compact.open()
        return self.whole().open()

    @functools.cache  # noqa: B019 - one per font file, kept for the life of the process anyway
    def whole(self) -> _Source:
        return _source(self.font, None)


@functools.cache
def _parsed_font(family: str, style: str, path: Path) -> _Parsed:
    scratch = FPDF()
    scratch.add_font(family, style, path)
    (font,) = scratch.fonts.values()
    assert isinstance(font, TTFFont)
    assert font.hbfont is not None  # creates the HarfBuzz face now, so that all copies share it
    order = font.ttfont.getGlyphOrder()
    latin = {name for char, name in font.cmap.items() if any(lo <= char <= hi for lo, hi in LATIN_TEXT)}
    keep = latin | (set(order) - set(font.cmap.values()))
    return _Parsed(font, _source(font, frozenset(keep)) if len(keep) < len(order) / 2 else None)


def _open(data: bytes) -> TTFont:
    # recalcBBoxes=False: fontTools would otherwise decode and re-encode every embedded glyph's
    # outline to recompute bounding boxes; the font's own (those of the whole font) stay.
    return TTFont(BytesIO(data), lazy=True, recalcBBoxes=False, recalcTimestamp=False)


def _source(parsed: TTFFont, glyphs: frozenset[str] | None) -> _Source:
    font = _open(parsed.ttffile.read_bytes())
    font.setGlyphOrder(list(parsed.ttfont.getGlyphOrder()))  # add_font's names, not decoded again
    for tag in NOT_EMBEDDED:
        if tag in font:
            del font[tag]
    if glyphs is None:
        font["post"].formatType = 3.0  # no glyph names, as fontTools' subsetter writes by default
    else:  # with their components, and without glyph names
        subsetter = subset.Subsetter(subset.Options(notdef_outline=True, recommended_glyphs=True))
        subsetter.populate(glyphs=glyphs)
        subsetter.subset(font)
    out = BytesIO()
    font.save(out)
    return _Source(out.getvalue(), tuple(font.getGlyphOrder()))


def _document_font(parsed: _Parsed, index: int) -> TTFFont:
    """A copy of the parsed font for one document. `i` numbers the document's fonts (/F1, /F2 ...).
    fpdf2 2.8's output() subsets `ttfont` in place (CertificatePDF.output gives each copy its own
    first), stores the embedded file and its object number on `desc`, and embeds the glyphs in
    `subset`; `missing_glyphs` and `biggest_size_pt` grow as text is laid out. The rest is only read
    (`cw`, a defaultdict, may gain an entry for a character the font lacks: the default width)."""
    font = copy.copy(parsed.font)
    font.i = index
    font.desc = copy.copy(parsed.font.desc)
    font.subset = SubsetMap(font)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    return font
