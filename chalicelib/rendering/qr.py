"""The certificate's QR code: segno, error correction Q, as small a version as the text allows.

The verify text is a URL whose fragment is a Base45 string (DESIGN §6). Base45's 45 characters are
exactly QR's alphanumeric set, which packs 5.5 bits per character instead of byte mode's 8; but a
URL (lower case, '#') needs byte mode, and segno encodes a plain string in one mode only. So the
text goes in as two segments: the URL in byte mode, the Base45 tail in alphanumeric mode. For a
400-character verify text that is version 15 instead of 19 (tests/unit/test_rendering.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import segno

ERROR = "q"
MAX_VERSION = 15  # DESIGN §6 target; the QR payload is designed to stay within it
# A fixed data mask. Choosing one the standard's way applies all eight and scores each for runs,
# blocks and finder-like patterns: in pure Python, most of the time segno takes. What the mask
# scrambles here is a compressed, signed credential, which looks random to every mask: over 200 realistic
# credentials the eight masks' penalty scores stayed within 25% of each other's best, and with
# blurred low-resolution images zbar decoded mask 3 more often (166 of 190) than the per-symbol best
# (143 of 190). Decoders read the mask from the symbol's format information.
MASK = 3
QR_ALPHANUMERIC = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
# A mode switch costs a 4-bit mode indicator and a 9-13 bit character count; an alphanumeric
# character saves 2.5 bits over byte mode, so shorter tails are cheaper left in the byte segment.
_MIN_ALPHANUMERIC_TAIL = 8


@dataclass(frozen=True)
class QRModules:
    version: int
    size: int  # modules per side, without the quiet zone
    runs: tuple[tuple[int, int, int], ...]  # dark runs: (row, first column, length)


def segments(text: str) -> list[tuple[str, int]]:
    """The text split into a byte-mode head and an alphanumeric-mode tail (when that is shorter)."""
    from segno import consts

    cut = len(text)
    while cut > 0 and text[cut - 1] in QR_ALPHANUMERIC:
        cut -= 1
    head, tail = text[:cut], text[cut:]
    if len(tail) < _MIN_ALPHANUMERIC_TAIL:
        return [(text, consts.MODE_BYTE if head else consts.MODE_ALPHANUMERIC)]
    if not head:
        return [(tail, consts.MODE_ALPHANUMERIC)]
    return [(head, consts.MODE_BYTE), (tail, consts.MODE_ALPHANUMERIC)]


def make_qr(text: str) -> segno.QRCode:
    import segno

    # segno takes a list of (content, mode) segments at run time; its stub lists only scalars.
    # boost_error=False keeps the level at Q (a higher level would only be chosen "for free",
    # and tests and benchmarks report the version at Q).
    return segno.make(segments(text), error=ERROR, micro=False, boost_error=False, mask=MASK)  # type: ignore[arg-type]


def qr_version(text: str) -> int:
    """The QR version segno chooses for this verify text at error correction Q."""
    return int(make_qr(text).version)


def qr_modules(text: str) -> QRModules:
    """The dark modules as horizontal runs: a few hundred rectangles instead of thousands."""
    qr = make_qr(text)
    runs: list[tuple[int, int, int]] = []
    for row_index, row in enumerate(qr.matrix):
        start = None
        for col, dark in enumerate([*row, 0]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                runs.append((row_index, start, col - start))
                start = None
    return QRModules(version=int(qr.version), size=len(qr.matrix), runs=tuple(runs))
