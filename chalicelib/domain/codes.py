"""Human-friendly random codes (tracking numbers, certificate numbers) with a check character.

Alphabet: Crockford's base 32 without I, L, O, U (look-alikes) and without Z (taken for 2 in
handwriting): 31 symbols. 31 is prime, so the check character of ISO 7064's pure system with
radix 2 (python-stdnum's mod_37_2 over this alphabet, i.e. MOD 31-2) catches every single wrong
character and every swap of neighbours; the unit tests check that exhaustively.
"""

from __future__ import annotations

import secrets

from stdnum.iso7064 import mod_37_2

from chalicelib.domain.canonical import fold

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXY"
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V", "Z": "2"})


def check_char(body: str) -> str:
    return mod_37_2.calc_check_digit(body, alphabet=ALPHABET)


def new_code(length: int = 13) -> str:
    """`length` random characters (log2(31) = 4.95 bits each) and a check character; 13 -> 64.4 bits."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(length))
    return body + check_char(body)


def normalise(text: str) -> str:
    """The canonical form (domain/canonical.py: any digit script, separators dropped), upper-cased,
    look-alikes mapped (O->0, I/L->1, Z->2). Not necessarily valid: see `is_valid`."""
    return fold(text).upper().translate(_CONFUSABLE)


def is_valid(code: str) -> bool:
    code = normalise(code)
    return len(code) >= 2 and all(c in ALPHABET for c in code) and mod_37_2.is_valid(code, alphabet=ALPHABET)


def display(code: str, group: int = 4) -> str:
    return "-".join(code[i : i + group] for i in range(0, len(code), group))
