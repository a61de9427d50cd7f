"""Throttling rules, pure: who a request comes from, what a budget allows and how long to wait.

Two kinds of budget share one table (adapters/throttle.py):
- `hits` budgets count every request in fixed windows (`now // window`); a request past the limit
  waits for the window's end (SMS sends: sign-in codes per address, UDC consent codes per operator).
- `failures` budgets count only failed attempts, from the first failure for `window` seconds; the
  attempt is checked before it is tried, so a refused attempt never learns whether it was right.
  After `backoff_after` failures each attempt waits exponentially longer after the last failure;
  at `limit` the budget is closed until the window ends or an admin lifts it (official sign-in).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Caller:
    """Where a request comes from: the address API Gateway saw, and — behind our CloudFront, whose
    function sets it — the viewer's own address. A viewer header alone proves nothing (anyone
    calling API Gateway directly can send one): api/http.py `origin` sets `viewer` only for a
    request carrying CloudFront's edge key, and the address it came through is limited too."""

    source: str
    viewer: str | None = None

    def address(self) -> str:
        """The caller's own address (an IPv6 one by its /64), as seen behind the edge if any."""
        if self.viewer is None:
            return viewer_network(self.source)
        return f"{viewer_network(self.viewer)}@{self.source}"


def viewer_network(address: str) -> str:
    """An IPv6 viewer by their /64 (one subscriber's network: they can change the rest at will)."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


@dataclass(frozen=True)
class Budget:
    scope: str  # what is limited, e.g. "login-account"; part of the row key
    who: str  # whom it limits (an address, an account); the adapter stores only a keyed hash
    limit: int
    window: int  # seconds
    kind: Literal["hits", "failures"] = "failures"
    backoff_after: int | None = None  # failures allowed before exponential back-off starts
    backoff_base: int = 2  # seconds after the first failure past `backoff_after`, doubling
    backoff_cap: int = 900
    resets_on_success: bool = False  # a right password forgets the account's earlier failures
    # What someone locked out may do besides waiting (English, Bengali), e.g. ask for an unlock.
    lockout_advice: tuple[str, str] | None = None


@dataclass(frozen=True)
class Tally:
    """A budget's row as read: failures so far, when the last one was, when the row lapses."""

    count: int = 0
    last_at: int = 0
    expires_at: int = 0

    def live(self, now: int) -> bool:
        return self.count > 0 and self.expires_at > now


def is_closed(budget: Budget, tally: Tally, now: int) -> bool:
    """Whether a failures budget is used up (locked out, not merely backing off)."""
    return tally.live(now) and tally.count >= budget.limit


def failure_wait(budget: Budget, tally: Tally, now: int) -> int:
    """Seconds until the next attempt may be tried (0: now)."""
    if not tally.live(now):
        return 0
    if tally.count >= budget.limit:
        return tally.expires_at - now
    if budget.backoff_after is None or tally.count < budget.backoff_after:
        return 0
    step = min(int(budget.backoff_base ** (tally.count - budget.backoff_after + 1)), budget.backoff_cap)
    return max(0, tally.last_at + step - now)


def window_index(budget: Budget, now: int) -> int:
    return now // budget.window


def window_wait(budget: Budget, now: int) -> int:
    """Seconds until the current fixed window of a `hits` budget ends."""
    return budget.window - now % budget.window


def locks_out(budget: Budget, before: Tally, now: int) -> bool:
    """Whether one more failure closes a budget that has a back-off (an account's lock-out)."""
    count = before.count if before.live(now) else 0
    return budget.backoff_after is not None and count + 1 == budget.limit


def say_wait(seconds: int) -> tuple[str, str]:
    """A wait in words, English and Bengali (rounded up to whole minutes or hours)."""
    from chalicelib.domain.bangla import bn_digits

    seconds = max(1, seconds)
    if seconds < 120:
        n, en, bn = seconds, "second", "সেকেন্ড"
    elif seconds < 2 * 3600:
        n, en, bn = -(-seconds // 60), "minute", "মিনিট"
    else:
        n, en, bn = -(-seconds // 3600), "hour", "ঘণ্টা"
    return f"{n} {en}{'' if n == 1 else 's'}", f"{bn_digits(n)} {bn}"
