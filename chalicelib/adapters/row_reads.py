"""A typed intent to read one row alongside other reads (the throttle's counters read it in the same
TransactGetItems): the adapter that owns the table builds it, and the reader hands back the plain
value it makes of the row, never the row itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pynamodb.models import Model

T = TypeVar("T")


@dataclass(frozen=True)
class RowRead(Generic[T]):
    """Read the row (`model`, `hash_key`, `range_key`) consistently; `plain` turns it into what the
    use case sees."""

    model: type[Model]
    hash_key: Any
    range_key: Any
    plain: Callable[[Any], T]
