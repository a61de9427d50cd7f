"""Small Bengali text helpers."""

from __future__ import annotations

_TO_BN = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def bn_digits(value: object) -> str:
    return str(value).translate(_TO_BN)
