"""The declarative case workflow (DESIGN §5): which action moves which status where, and who may take it.

The variants live in chalicelib/data/workflows.json. This module only interprets them; it never
touches storage, so the service can turn a planned step into one conditional write.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from chalicelib.domain.actors import Actor
from chalicelib.domain.canonical import UNSAFE_TEXT, UNSAFE_TEXT_BN, is_unsafe_text
from chalicelib.domain.catalog import DATA_DIR
from chalicelib.domain.errors import AppError, FieldError, conflict, forbidden, validation_failed


@dataclass(frozen=True)
class CaseRef:
    """What the workflow needs to know about a case."""

    status: str
    office_id: str
    ward: int
    owner_id: str
    workflow: str
    signatory: str  # "head" or "ward", after office overrides
    traits: frozenset[str] = frozenset()  # e.g. {"heir_consent"}: what the case's type asks for
    filer: str = ""  # the UDC operator who filed it for the owner ("" when the owner applied)


@dataclass(frozen=True)
class Step:
    action: str
    from_status: str
    to_status: str
    releases_claims: bool
    note: str
    guard: str | None = None  # a rule the service checks before taking the step (e.g. heir_consent)


@dataclass(frozen=True)
class ActionRule:
    name: str
    sources: tuple[str, ...]
    target: str | None  # None: the case stays in its status (a recorded, versioned event all the same)
    by: tuple[str, ...]
    note: str  # "required", "optional" or "none"
    guard: str | None = None
    only_for: str | None = None  # a trait the case's type must have for this action to exist


class Workflows:
    def __init__(self, doc: dict[str, Any]):
        self.statuses: dict[str, dict[str, Any]] = doc["statuses"]
        self.initial: str = doc["initial"]
        self._variants: dict[str, dict[str, ActionRule]] = {
            variant: {
                name: ActionRule(
                    name,
                    tuple(r["from"]),
                    r["to"],
                    tuple(r["by"]),
                    r.get("note", "none"),
                    r.get("guard"),
                    r.get("only_for"),
                )
                for name, r in spec["actions"].items()
            }
            for variant, spec in doc["variants"].items()
        }
        for variant, rules in self._variants.items():
            for rule in rules.values():
                unknown = {rule.target or rule.sources[0], *rule.sources} - set(self.statuses)
                if unknown:
                    raise ValueError(f"workflow {variant}.{rule.name} names unknown statuses {unknown}")

    def variants(self) -> list[str]:
        return list(self._variants)

    def rules(self, variant: str) -> dict[str, ActionRule]:
        return self._variants[variant]

    def holds_claim(self, status: str) -> bool:
        return bool(self.statuses[status]["holds_claim"])

    def with_flag(self, flag: str) -> tuple[str, ...]:
        """The statuses carrying `flag` (`terminal`, `waiting_on_office`, `decided`), in order."""
        return tuple(name for name, info in self.statuses.items() if info.get(flag))

    def waiting_on_office(self, status: str) -> bool:
        """The office owes a decision: the charter's clock runs (the SLA job, the preview)."""
        return bool(self.statuses[status]["waiting_on_office"])

    def decided(self, status: str) -> bool:
        """Approved, issued or closed: no longer overdue, whatever the date."""
        return bool(self.statuses[status]["decided"])

    def plan(self, case: CaseRef, action: str, actor: Actor, note: str | None) -> Step:
        rules = self._variants[case.workflow]
        rule = rules.get(action)
        if rule is not None and rule.only_for and rule.only_for not in case.traits:
            rule = None
        if rule is None:
            raise AppError("unknown_action", f"known actions: {', '.join(sorted(rules))}")
        if not may_act(rule, case, actor):
            raise forbidden(f"your role may not {action} this case")
        if case.status not in rule.sources:
            raise conflict(
                "illegal_transition", f"cannot {action} a case that is {case.status}", case_status=case.status
            )
        text = (note or "").strip()
        if is_unsafe_text(text):
            raise validation_failed([FieldError("note", UNSAFE_TEXT, UNSAFE_TEXT_BN)])
        if rule.note == "required" and not text:
            raise validation_failed([FieldError("note", f"a note is required to {action}", "কারণ/মন্তব্য লিখুন")])
        target = rule.target or case.status
        releases = self.holds_claim(case.status) and not self.holds_claim(target)
        return Step(action, case.status, target, releases, text[:1000], rule.guard)

    def available(self, case: CaseRef, actor: Actor) -> list[str]:
        """Actions this actor may take on this case now (for dashboards and case pages)."""
        return [
            r.name
            for r in self._variants[case.workflow].values()
            if case.status in r.sources and may_act(r, case, actor) and (not r.only_for or r.only_for in case.traits)
        ]


def may_act(rule: ActionRule, case: CaseRef, actor: Actor) -> bool:
    if actor.kind == "system":
        return "system" in rule.by
    if actor.is_citizen:
        return "owner" in rule.by and actor.id == case.owner_id
    if not actor.is_staff or actor.office_id != case.office_id:
        return False
    return any(_staff_matches(who, case, actor) for who in rule.by)


def _staff_matches(who: str, case: CaseRef, actor: Actor) -> bool:
    if who == "signatory":
        if case.signatory == "ward":
            return actor.role == "ward_member" and actor.ward == case.ward
        return actor.role == "signatory"
    if who == "ward_member":
        return actor.role == "ward_member" and actor.ward == case.ward
    return who == actor.role


@lru_cache(maxsize=1)
def workflows() -> Workflows:
    return Workflows(json.loads((DATA_DIR / "workflows.json").read_text(encoding="utf-8")))
