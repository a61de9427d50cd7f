"""Places in status lists for new certificates, list after list (domain/status_lists.py).

The list in use is cached per container; a container learns that it filled when its place is
refused, opens the next list (publishing it empty, so verifiers find it before any certificate
points at it) and moves the pointer on. Counting places is one conditional UpdateItem, so
concurrent renderers never overfill a list.
"""

from __future__ import annotations

import secrets

from chalicelib.adapters import status_lists as repo
from chalicelib.config import settings
from chalicelib.domain.status_lists import NEW_LIST_SIZE, fill_limit, next_list_id
from chalicelib.observability import logger, metrics
from chalicelib.services.publication import publish_status_list, publish_trust_list

MAX_OPENS = 8  # lists opened for one certificate before giving up (each open is another list filling)
MAX_DRAWS = 64  # random indices tried in a list at most half full: 2^-64 to fail

_cache: dict[str, str] = {}  # "current": the list this container puts certificates in


def forget_cache() -> None:
    _cache.clear()


def current_list(fresh: bool = False) -> str:
    """The list new certificates go to: as this container last knew it, or read anew."""
    if fresh or "current" not in _cache:
        _cache["current"] = repo.current(settings().status_list_id)
    return _cache["current"]


def _open_next(full: str) -> str:
    """Publish the next list, then point at it: no certificate can take a place in a list that
    verifiers cannot fetch. The trust list then names it (offline verifiers prefetch it)."""
    following = next_list_id(full)
    if repo.current(settings().status_list_id) == full:  # else someone moved on: do not re-sign their lists
        publish_status_list(following, NEW_LIST_SIZE)  # nothing in it yet: the size new lists have
        repo.advance(full, following)
    now = _cache["current"] = repo.current(settings().status_list_id)
    if now == following:
        try:
            publish_trust_list()
        except Exception:  # the certificate need not wait: the 10-minute schedule names the list too
            logger.exception("trust list not republished after a status list opened")
    metrics.add_metric(name="StatusListOpened", unit="Count", value=1)
    logger.info("status list full; next one opened", extra={"full": full, "current": now})
    return now


def reserve(certificate_no: str) -> tuple[str, int]:
    """A list with room and a free random index in it, held for `certificate_no`."""
    list_id = current_list()
    for _ in range(MAX_OPENS):
        size = repo.take_place(list_id, NEW_LIST_SIZE, fill_limit(NEW_LIST_SIZE))
        if size is not None:
            return list_id, _draw(list_id, size, certificate_no)
        list_id = _open_next(list_id)
    raise RuntimeError(f"no status list with room after opening {MAX_OPENS}")


def _draw(list_id: str, size: int, certificate_no: str) -> int:
    for _ in range(MAX_DRAWS):
        index = secrets.randbelow(size)
        if repo.claim_index(list_id, index, certificate_no):
            return index
    raise RuntimeError(f"no free index in status list {list_id} after {MAX_DRAWS} draws")
