"""The one throttle: budgets per account, address, operator, certificate or API key (limits in
config.py), checked before an attempt and charged after it, answered with a truthful 429.

Rows are keyed by `<scope>#<keyed hash of whom>`: no address, username or number is stored.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from chalicelib.adapters import throttle as repo
from chalicelib.adapters.keys import keyed_hash
from chalicelib.config import settings
from chalicelib.domain.errors import AppError, too_many
from chalicelib.domain.throttle import (
    Budget,
    Caller,
    Tally,
    failure_wait,
    is_closed,
    locks_out,
    say_wait,
    window_index,
    window_wait,
)
from chalicelib.observability import metrics

HOUR = 3600
DAY = 24 * HOUR


def refused(wait: int, what: str, advice: tuple[str, str] | None = None) -> AppError:
    """429 whose Retry-After header (http.problem) and detail name the same, real wait; with
    `advice` (a lock-out) it is `account_locked` and also says what else to do."""
    wait = max(1, int(wait))
    en, bn = say_wait(wait)
    metrics.add_metric(name="Throttled", unit="Count", value=1)
    if advice is not None:
        return AppError(
            "account_locked",
            f"{what}; {advice[0]}, or try again in {en} ({wait} seconds)",
            extra={"retry_after": wait, "detail_bn": f"{advice[1]}, অথবা {bn} পরে আবার চেষ্টা করুন"},
        )
    return too_many(f"{what}; try again in {en} ({wait} seconds)", retry_after=wait, detail_bn=f"{bn} পরে আবার চেষ্টা করুন")


def _key(budget: Budget, now: int) -> str:
    base = f"{budget.scope}#{keyed_hash('caller', budget.who)}"
    return f"{base}#{window_index(budget, now)}" if budget.kind == "hits" else base


def per_address(
    scope: str, caller: Caller, limit: int, window: int = HOUR, kind: Literal["hits", "failures"] = "failures"
) -> list[Budget]:
    """A caller's own budget; behind CloudFront also the edge address's, which every viewer of that
    edge shares (a viewer without the edge key is no viewer at all: api/http.py `origin`)."""
    own = Budget(scope, caller.address(), limit, window, kind)
    if caller.viewer is None:
        return [own]
    edge = Budget(f"{scope}-edge", caller.source, limit * settings().throttle_edge_factor, window, kind)
    return [own, edge]


@dataclass
class Attempt:
    """Failure budgets read before an attempt; charge them if it fails."""

    budgets: Sequence[Budget]
    tallies: list[Tally]
    items: list[Any]  # what the caller asked to read in the same call
    now: int
    what: str
    reserved: bool = False  # the failure was counted before the attempt (see `reserve`)

    def check(self) -> None:
        """429 with the longest wait if any budget is closed (before the attempt is tried)."""
        waits = [(failure_wait(b, t, self.now), b, t) for b, t in zip(self.budgets, self.tallies, strict=True)]
        wait, budget, tally = max(waits, key=lambda w: w[0], default=(0, None, None))
        if wait > 0:
            locked = budget is not None and tally is not None and is_closed(budget, tally, self.now)
            raise refused(wait, self.what, budget.lockout_advice if locked and budget else None)

    def reserve(self) -> None:
        """Count the failure before the attempt is tried, bounded atomically: however many attempts
        run at once, no budget lets more than its limit through (429 when concurrent attempts took
        the last places). The attempt's success gives it back (`succeeded`)."""
        entries = [(_key(b, self.now), t, b.window, b.limit) for b, t in zip(self.budgets, self.tallies, strict=True)]
        if not repo.reserve(entries, self.now):
            raise refused(1, f"{self.what} (other attempts are in progress)")
        self.reserved = True

    def failed(self) -> list[Budget]:
        """Count the failure everywhere (one call, unless reserved); the budgets it closed (lock-outs)."""
        if not self.reserved:
            repo.record_failures(
                [(_key(b, self.now), t, b.window) for b, t in zip(self.budgets, self.tallies, strict=True)], self.now
            )
        return [b for b, t in zip(self.budgets, self.tallies, strict=True) if locks_out(b, t, self.now)]

    def succeeded(self) -> None:
        """A right answer forgets earlier failures of budgets that reset (an account's own) and gives
        back what was reserved."""
        pairs = zip(self.budgets, self.tallies, strict=True)
        if self.reserved:
            repo.refund([(_key(b, self.now), b.resets_on_success) for b, _ in pairs])
            return
        for budget, tally in pairs:
            if budget.resets_on_success and tally.live(self.now):
                repo.forget(_key(budget, self.now))


def read(budgets: Sequence[Budget], what: str, also: Sequence[repo.Item] = ()) -> Attempt:
    """Read failure budgets (and `also`, the items the request reads anyway) in one call."""
    now = int(time.time())
    tallies, items = repo.read([_key(b, now) for b in budgets], also)
    return Attempt(budgets, tallies, items, now, what)


def attempt(budgets: Sequence[Budget], what: str, also: Sequence[repo.Item] = ()) -> Attempt:
    """`read`, then 429 if any budget is closed."""
    tries = read(budgets, what, also)
    tries.check()
    return tries


def hit_rows(budgets: Sequence[Budget], now: int) -> list[tuple[str, int, int]]:
    """(key, limit, expires_at) of `hits` budgets, for a write that counts them in its transaction."""
    return [(_key(b, now), b.limit, (window_index(b, now) + 1) * b.window + b.window) for b in budgets]


def hit_refused(budget: Budget, now: int, what: str) -> AppError:
    return refused(window_wait(budget, now), what)


def spend(budgets: Sequence[Budget], what: str) -> None:
    """Count one request on each `hits` budget (one conditional UpdateItem each); 429 when full."""
    now = int(time.time())
    for budget, (key, limit, expires_at) in zip(budgets, hit_rows(budgets, now), strict=True):
        if not repo.count_hit(key, limit, expires_at):
            raise hit_refused(budget, now, what)


def lift(budget: Budget) -> None:
    """An admin lifts a lock-out: the failures are forgotten."""
    repo.forget(_key(budget, int(time.time())))
