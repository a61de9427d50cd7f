"""Who may read or do what in municipal revenue (DESIGN §10): the revenue side's declared policy,
in the shape of domain/access.py (operation -> the relations that allow it).

Least privilege: a holding's owners see their own holdings, dues and receipts; the office's revenue
officials see its register and take payments; the head (or the secretary) approves adjustments and
cancels receipts, never the collector who took the money; monitors see area totals, never who owes.
In a union the secretary does the revenue work (unions have no assessor or tax collector)."""

from __future__ import annotations

from collections.abc import Iterable

from chalicelib.domain.actors import Actor
from chalicelib.domain.errors import AppError, forbidden

OWNER = "owner"  # a citizen whose phone or NID (keyed hash) is one of the holding's owners'
ASSESSOR = "assessor"  # pourashava / city corporation: registers holdings, assesses, runs demands
TAX_COLLECTOR = "tax_collector"  # pourashava / city corporation: takes cash, sees collections
UNION_SECRETARY = "union_secretary"  # a union's secretary: both of the above
APPROVER = "approver"  # the office's head (signatory) or secretary: adjustments and cancellations
OFFICE_ADMIN = "office_admin"  # the office's tax schedule

REVENUE_ROLES = ("assessor", "tax_collector")  # staff roles only pourashavas and city corporations have

_OFFICIALS = frozenset({ASSESSOR, TAX_COLLECTOR, UNION_SECRETARY, APPROVER})

POLICY: dict[str, frozenset[str]] = {
    "holding.read": _OFFICIALS | {OWNER},  # a holding, its dues, its receipts
    "holding.register": frozenset({ASSESSOR, UNION_SECRETARY}),  # create, edit, import
    "register.list": _OFFICIALS,  # the office's register, by ward or name/number
    "holding.pay_online": frozenset({OWNER}),
    "holding.pay_cash": frozenset({TAX_COLLECTOR, UNION_SECRETARY}),
    "holding.adjust": frozenset({APPROVER}),
    "receipt.cancel": frozenset({APPROVER}),
    "demand.run": frozenset({ASSESSOR, UNION_SECRETARY}),
    "collections.read": _OFFICIALS,  # the day's collections, the defaulters
    "schedule.write": frozenset({OFFICE_ADMIN}),
}

# Who may do each operation, in words (English, Bengali): the 403 a caller gets who may not.
WHO_MAY: dict[str, tuple[str, str]] = {
    "holding.read": (
        "a holding is seen only by its owners and its office's revenue officials",
        "হোল্ডিং দেখতে পারেন শুধু এর মালিক এবং অফিসের রাজস্ব কর্মকর্তারা",
    ),
    "holding.register": (
        "only the office's assessor (in a union, its secretary) registers and edits holdings",
        "হোল্ডিং নিবন্ধন ও সংশোধন করেন শুধু অফিসের কর নির্ধারক (ইউনিয়নে সচিব)",
    ),
    "register.list": (
        "an office's register and demand runs are for its revenue officials",
        "অফিসের হোল্ডিং তালিকা ও দাবি তৈরির কাজ শুধু এর রাজস্ব কর্মকর্তাদের জন্য",
    ),
    "holding.pay_online": (
        "only the holding's owners pay online; anyone may pay in cash at the office",
        "অনলাইনে পরিশোধ করতে পারেন শুধু হোল্ডিংয়ের মালিক; অফিসে নগদে যে কেউ পরিশোধ করতে পারেন",
    ),
    "holding.pay_cash": (
        "cash is taken only by the office's tax collector (in a union, its secretary)",
        "নগদ কর গ্রহণ করেন শুধু অফিসের কর আদায়কারী (ইউনিয়নে সচিব)",
    ),
    "holding.adjust": (
        "adjustments are made only by the office's head or its secretary",
        "সমন্বয় করতে পারেন শুধু অফিস প্রধান বা সচিব",
    ),
    "receipt.cancel": (
        "a receipt is cancelled only by the office's head or its secretary",
        "রসিদ বাতিল করতে পারেন শুধু অফিস প্রধান বা সচিব",
    ),
    "demand.run": (
        "a demand run is started only by the office's assessor (in a union, its secretary)",
        "দাবি তৈরি শুরু করতে পারেন শুধু অফিসের কর নির্ধারক (ইউনিয়নে সচিব)",
    ),
    "collections.read": (
        "an office's collections and defaulters are for its revenue officials",
        "অফিসের আদায় ও বকেয়াদারের তালিকা শুধু এর রাজস্ব কর্মকর্তাদের জন্য",
    ),
    "schedule.write": (
        "only the office's admin (or LGD) changes its tax schedule",
        "কর তফসিল বদলাতে পারেন শুধু অফিস প্রশাসক (বা এলজিডি)",
    ),
}
OWN_CASH = (
    "a receipt for cash is cancelled by an approver other than the one who took the money",
    "নগদ গ্রহণকারী নিজে সেই রসিদ বাতিল করতে পারেন না; অফিসের অন্য অনুমোদনকারী করবেন",
)
CITIZENS_ONLY = (
    "only a signed-in citizen has holdings of their own",
    "নিজের হোল্ডিং দেখতে নাগরিক হিসেবে সাইন-ইন করুন",
)


def refused(operation: str) -> AppError:
    """The 403 for a caller who may not do `operation`: who may, in both languages."""
    return forbidden(*WHO_MAY[operation])


def office_relations(actor: Actor, office_id: str, office_kind: str) -> frozenset[str]:
    """What a member of staff is to an office's revenue."""
    if not actor.is_staff or actor.office_id != office_id:
        return frozenset()
    role = actor.role
    if role in REVENUE_ROLES:
        return frozenset({role}) if office_kind != "union" else frozenset()
    if role == "secretary":
        return frozenset({APPROVER, UNION_SECRETARY}) if office_kind == "union" else frozenset({APPROVER})
    if role == "signatory":
        return frozenset({APPROVER})
    if role == "office_admin":
        return frozenset({OFFICE_ADMIN})
    return frozenset()


def holding_relations(
    actor: Actor, office_id: str, office_kind: str, owner_keys: Iterable[str], citizen_keys: Iterable[str]
) -> frozenset[str]:
    """What the actor is to one holding: `owner_keys` are the keyed hashes of its owners' phones and
    NIDs, `citizen_keys` the signed-in citizen's own (their phone's, and their verified NID's)."""
    if actor.is_citizen:
        return frozenset({OWNER}) if set(owner_keys) & set(citizen_keys) else frozenset()
    return office_relations(actor, office_id, office_kind)


def may(operation: str, relations: frozenset[str]) -> bool:
    return bool(POLICY.get(operation, frozenset()) & relations)
