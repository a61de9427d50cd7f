"""The revenue ledger's pure core (DESIGN §10, decision 63): a payment is apportioned exactly to
demand lines in the schedule's order, and what an account owes is a fold of append-only postings.

Money is integer poisha. Nothing is deleted: a cancelled receipt becomes reversal postings, a
waiver or a correction an adjustment posting with a reason code and an approver. How postings are
stored is not decided here. Errors are `ValueError`s with a machine `code` the API maps to a
problem (the catalog entries are added where the routes are)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Literal

from chalicelib.domain.bangla import bn_digits
from chalicelib.domain.errors import AppError, in_bengali
from chalicelib.domain.revenue.lines import DemandLine, LineKind, money

DEFAULT_ORDER: tuple[LineKind, ...] = (LineKind.ARREAR, LineKind.SURCHARGE, LineKind.CURRENT)
ADJUSTMENT_REASONS = frozenset({"waiver", "remission", "write_off", "court_settlement", "correction"})
REBATE = "rebate"  # the reason of the adjustment a payment books for a rebate the schedule gives (decision 72)
SCHEDULE_APPROVER = "schedule"  # who approved it: the schedule in force, not an official

Overpayment = Literal["refuse", "advance"]


# The codes a LedgerError carries; the API's catalog (chalicelib/domain/errors.py) gives each a kind.
ERROR_CODES = frozenset(
    {
        "payment_not_positive",  # a payment of zero or less
        "payment_exceeds_due",  # more than is owed, and the schedule refuses overpayment
        "below_minimum_payment",  # a part payment below the schedule's minimum
        "unknown_line",  # a posting names a line the account does not have
        "invalid_adjustment",  # unknown reason, no approver, or not within what is owed
        "invalid_reversal",  # only payments are reversed
        "ledger_inconsistent",  # postings that would pay a line below zero or above its demand
    }
)


class LedgerError(ValueError):
    """A refused ledger operation: `code` (one of ERROR_CODES) and a `detail`, in English and in
    Bengali, free of personal data."""

    def __init__(self, code: str, detail: str, detail_bn: str = "") -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.detail_bn = detail_bn

    def problem(self) -> AppError:
        """The API's problem for this refusal (its kind from the catalog)."""
        return AppError(self.code, self.detail, extra=in_bengali(self.detail_bn))


def taka(poisha: int) -> tuple[str, str]:
    """An amount as a person reads it: ("Tk 1,250.00", "৳১,২৫০.০০")."""
    text = money(poisha)
    return f"Tk {text}", f"৳{bn_digits(text)}"


# Refusals said the same way wherever they are made (English, Bengali).
NOT_POSITIVE = ("a payment must be more than zero", "পরিশোধের পরিমাণ শূন্যের বেশি হতে হবে")
UNKNOWN_LINE = ("this holding's account has no such demand line", "এই হোল্ডিংয়ের হিসাবে এমন কোনো দাবি নেই")


def adjustment_range(owed: int) -> LedgerError:
    """An adjustment of nothing, or of more than is owed."""
    owed_en, owed_bn = taka(owed)
    return LedgerError(
        "invalid_adjustment",
        f"an adjustment must be more than zero and at most what is owed: {owed_en}",
        f"সমন্বয়ের পরিমাণ শূন্যের বেশি এবং বকেয়ার ({owed_bn}) সমান বা কম হতে হবে",
    )


class PostingKind(StrEnum):
    DEMAND = "demand"  # a further demand on a line (the line's own `amount` is its opening demand)
    PAYMENT = "payment"  # money settling a line
    REVERSAL = "reversal"  # a payment undone (a cancelled receipt); the payment stays on the ledger
    ADJUSTMENT = "adjustment"  # owed reduced without money: waiver, remission, write-off, rebate, …
    WITHDRAWAL = "withdrawal"  # a demand taken back (the surcharge a cancelled receipt booked)


@dataclass(frozen=True)
class Posting:
    kind: PostingKind
    line_id: str
    poisha: int  # always positive; the kind says which way it moves the line
    ref: str  # the payment, receipt or adjustment it belongs to (never personal data)
    reason: str | None = None  # adjustments: one of ADJUSTMENT_REASONS
    approver: str | None = None  # adjustments: the official's account id


@dataclass(frozen=True)
class Apportionment:
    allocations: tuple[tuple[str, int], ...]  # (line_id, poisha), in settling order, each > 0
    advance: int = 0  # poisha held as an advance (overpayment under the "advance" policy)
    rebates: tuple[tuple[str, int], ...] = ()  # (line_id, poisha) rebates earned: lines settled in full
    booked: tuple[tuple[str, int], ...] = ()  # (line_id, poisha) surcharge lines the payment demanded

    @property
    def settled(self) -> int:
        return sum(poisha for _, poisha in self.allocations)


def settling_order(lines: Iterable[DemandLine], order: Sequence[LineKind] = DEFAULT_ORDER) -> list[DemandLine]:
    """Lines in the order a payment settles them: by kind as the schedule orders kinds (a kind it
    does not name comes last), then oldest due first, then head, instalment and line id."""
    rank = {kind: i for i, kind in enumerate(order)}

    def key(line: DemandLine) -> tuple[int, str, str, int, str]:
        return (rank.get(line.kind, len(rank)), line.due_on, line.head, line.instalment, line.line_id)

    return sorted(lines, key=key)


def apportion(
    lines: Iterable[DemandLine],
    amount: int,
    order: Sequence[LineKind] = DEFAULT_ORDER,
    *,
    overpayment: Overpayment = "refuse",
    rebates: Mapping[str, int] | None = None,
) -> Apportionment:
    """Settle `amount` poisha against the lines' outstanding amounts, in `order`. A line with a
    rebate (`rebates`: line id -> poisha off) that the payment reaches and settles in full costs
    its outstanding less the rebate, and earns it; reached but not covered, it is paid at face."""
    if amount <= 0:
        raise LedgerError("payment_not_positive", *NOT_POSITIVE)
    ordered = settling_order(lines, order)
    off = {line.line_id: min(max((rebates or {}).get(line.line_id, 0), 0), line.outstanding) for line in ordered}
    owed = sum(line.outstanding - off[line.line_id] for line in ordered)
    if amount > owed and overpayment != "advance":
        (paid_en, paid_bn), (owed_en, owed_bn) = taka(amount), taka(owed)
        raise LedgerError(
            "payment_exceeds_due",
            f"{paid_en} is more than is owed: {owed_en}",
            f"{paid_bn} বকেয়ার চেয়ে বেশি; বকেয়া {owed_bn}",
        )
    left = amount
    allocations: list[tuple[str, int]] = []
    earned: list[tuple[str, int]] = []
    for line in ordered:
        if left <= 0:
            break
        rebate = off[line.line_id]
        share = line.outstanding - rebate if rebate and line.outstanding - rebate <= left else line.outstanding
        share = min(share, left)
        if share > 0:
            allocations.append((line.line_id, share))
            left -= share
        if rebate and share == line.outstanding - rebate:
            earned.append((line.line_id, rebate))
    return Apportionment(tuple(allocations), advance=left, rebates=tuple(earned))


def check_minimum(amount: int, owed: int, minimum: int) -> None:
    """Refuse a part payment below the schedule's minimum, unless it pays everything owed."""
    if amount <= 0:
        raise LedgerError("payment_not_positive", *NOT_POSITIVE)
    if amount < minimum and amount < owed:
        (min_en, min_bn), (owed_en, owed_bn) = taka(minimum), taka(owed)
        raise LedgerError(
            "below_minimum_payment",
            f"a part payment must be at least {min_en}; or pay all that is owed, {owed_en}",
            f"আংশিক পরিশোধ কমপক্ষে {min_bn} হতে হবে; অথবা পুরো বকেয়া {owed_bn} পরিশোধ করুন",
        )


def payment_postings(apportionment: Apportionment, ref: str) -> tuple[Posting, ...]:
    return tuple(Posting(PostingKind.PAYMENT, line_id, poisha, ref) for line_id, poisha in apportionment.allocations)


def rebate_postings(apportionment: Apportionment, ref: str) -> tuple[Posting, ...]:
    """The adjustments booking the rebates a payment earned (approved by the schedule)."""
    return tuple(
        Posting(PostingKind.ADJUSTMENT, line_id, poisha, ref, reason=REBATE, approver=SCHEDULE_APPROVER)
        for line_id, poisha in apportionment.rebates
    )


def reverse(postings: Iterable[Posting], ref: str) -> tuple[Posting, ...]:
    """The reversal postings that cancel these payment and rebate postings (a cancelled receipt);
    a rebate's reversal keeps its reason, so it is never read as money returned."""
    reversals = []
    for posting in postings:
        if posting.kind is PostingKind.PAYMENT:
            reversals.append(Posting(PostingKind.REVERSAL, posting.line_id, posting.poisha, ref))
        elif posting.kind is PostingKind.ADJUSTMENT and posting.reason == REBATE:
            reversals.append(Posting(PostingKind.REVERSAL, posting.line_id, posting.poisha, ref, reason=REBATE))
        else:
            raise LedgerError("invalid_reversal", "only payment postings are reversed", "শুধু পরিশোধ বাতিল করা যায়")
    return tuple(reversals)


def adjust(line: DemandLine, poisha: int, reason: str, approver: str, ref: str) -> Posting:
    """An adjustment posting reducing what `line` owes, with its reason code and approver."""
    if reason not in ADJUSTMENT_REASONS:
        raise LedgerError("invalid_adjustment", "unknown adjustment reason", "সমন্বয়ের এমন কোনো কারণ নেই")
    if not approver:
        raise LedgerError("invalid_adjustment", "an adjustment needs an approver", "সমন্বয়ে একজন অনুমোদনকারী লাগবে")
    if not 0 < poisha <= line.outstanding:
        raise adjustment_range(line.outstanding)
    return Posting(PostingKind.ADJUSTMENT, line.line_id, poisha, ref, reason=reason, approver=approver)


_SIGN = {
    PostingKind.PAYMENT: ("paid", 1),
    PostingKind.ADJUSTMENT: ("paid", 1),
    PostingKind.REVERSAL: ("paid", -1),
    PostingKind.DEMAND: ("amount", 1),
    PostingKind.WITHDRAWAL: ("amount", -1),
}


def balances(lines: Iterable[DemandLine], postings: Iterable[Posting]) -> tuple[DemandLine, ...]:
    """The lines with every posting folded in (on top of each line's `amount` and `paid` as given):
    `paid` is payments less reversals plus adjustments. A posting that is not positive, names an
    unknown line, or leaves a line paid below zero or above its demand is refused."""
    lines = tuple(lines)
    totals = {line.line_id: {"amount": line.amount, "paid": line.paid} for line in lines}
    for posting in postings:
        if posting.line_id not in totals:
            raise LedgerError("unknown_line", *UNKNOWN_LINE)
        if posting.poisha <= 0:
            raise LedgerError("ledger_inconsistent", "a posting must be more than zero", "হিসাবের অঙ্ক শূন্যের বেশি হবে")
        field, sign = _SIGN[posting.kind]
        totals[posting.line_id][field] += sign * posting.poisha
    for total in totals.values():
        if not 0 <= total["paid"] <= total["amount"]:
            raise LedgerError(
                "ledger_inconsistent",
                "a line would be paid below zero or above its demand",
                "কোনো দাবির পরিশোধ শূন্যের কম বা দাবির বেশি হয়ে যেত",
            )
    return tuple(
        replace(line, amount=totals[line.line_id]["amount"], paid=totals[line.line_id]["paid"]) for line in lines
    )
