"""Status-list places in DynamoDB: how full each list is, which list is current, which index a
certificate holds. The list rows also carry the revoked indices (adapters/certificates.py)."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist, PutError, UpdateError
from pynamodb.expressions.update import Action

from chalicelib.adapters.tables import StatusListState, StatusSlot

POINTER = "_current"  # never a list id: those match [A-Za-z0-9-]+


def _failed_condition(exc: PutError | UpdateError) -> bool:
    return exc.cause_response_code == "ConditionalCheckFailedException"


def current(first: str) -> str:
    """The list new certificates go to now; `first` until a list has filled."""
    try:
        return str(StatusListState.get(POINTER, consistent_read=True).current or first)
    except DoesNotExist:
        return first


def take_place(list_id: str, size: int, limit: int) -> int | None:
    """Count one more certificate in `list_id` unless `limit` are in it; returns the list's size
    (`size`, recorded by its first certificate), or None when the list has no room left."""
    row = StatusListState(list_id)
    try:
        row.update(
            actions=[StatusListState.issued.add(1), StatusListState.size.set(StatusListState.size | size)],
            condition=StatusListState.issued.does_not_exist() | (StatusListState.issued < limit),
        )
    except UpdateError as exc:
        if _failed_condition(exc):
            return None
        raise
    return int(row.size or size)


def advance(full: str, following: str) -> None:
    """Make `following` current if `full` still is (a concurrent advance to the same list wins too);
    the pointer row remembers every list it has named."""
    condition = StatusListState.current.does_not_exist() | (StatusListState.current == full)
    actions: list[Action] = [StatusListState.current.set(following), StatusListState.opened.add({full, following})]
    try:
        StatusListState(POINTER).update(actions=actions, condition=condition)
    except UpdateError as exc:
        if not _failed_condition(exc):
            raise


def opened() -> set[str]:
    """Every list the pointer has named (rolled over from or to)."""
    try:
        return set(StatusListState.get(POINTER, consistent_read=True).opened or set())
    except DoesNotExist:
        return set()


def claim_index(list_id: str, index: int, certificate_no: str) -> bool:
    """Hold `index` of `list_id` for a certificate; False when another certificate holds it."""
    try:
        StatusSlot(f"{list_id}#{index}", certificate_no=certificate_no).save(condition=StatusSlot.slot.does_not_exist())
    except PutError as exc:
        if _failed_condition(exc):
            return False
        raise
    return True


def size_of(list_id: str, default: int) -> int:
    try:
        row = StatusListState.get(list_id)
    except DoesNotExist:
        return default
    return int(row.size or default)
