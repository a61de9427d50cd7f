"""How deep a JSON text nests, measured before it is parsed.

The standard library's parser recurses once per level and has no depth option: ~1,000 levels (a
2 KB text) end in RecursionError. Every JSON text that comes from outside (request bodies, list
cursors) is measured here first: one linear scan, strings blanked out (decision 43).
"""

from __future__ import annotations

import re

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def nests_deeper_than(text: str, limit: int) -> bool:
    """True when `text` opens more than `limit` arrays or objects inside one another."""
    depth = 0
    for bracket in _BRACKET.finditer(_JSON_STRING.sub("", text)):
        depth += 1 if bracket.group() in "[{" else -1
        if depth > limit:
            return True
    return False
