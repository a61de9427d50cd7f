"""The lifetime account's papers (DESIGN §1): uploaded once, reused in every application.

1. `POST /v1/me/papers {document, content_type, size}` → a presigned POST (type and size fixed);
2. the browser uploads to S3 directly;
3. `POST /v1/me/papers/{id}/complete` → the first bytes are checked against the declared type;
   a mismatch (an executable renamed .pdf, say) is refused and never reaches `papers/`;
4. an application lists `papers: {document code: paper id}`; officials get short-lived links.

At a UDC counter the operator scans the papers before filing (steps 1-3 with their own token):
they wait under the operator's counter key, in `incoming/` only, and the filing moves them to the
citizen whose consent it carries (`from_counter`); the operator never lists or reads them back.

Each required paper of the type is attached, or waived by the secretary with a note
(`POST /v1/applications/{id}/papers/{code}/waiver`), before the case can be paid for, recorded as
paid in cash, submitted or resubmitted (the workflow's `papers` guard, decision 46).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from chalicelib.adapters import papers as repo
from chalicelib.adapters.case_writes import FileScan
from chalicelib.adapters.keys import keyed_hash
from chalicelib.adapters.papers import StoredPaper
from chalicelib.config import settings
from chalicelib.domain import codes, path_ids
from chalicelib.domain.actors import Actor
from chalicelib.domain.canonical import text_errors
from chalicelib.domain.case import Case
from chalicelib.domain.catalog import CertificateType, catalog
from chalicelib.domain.clock import utc_stamp
from chalicelib.domain.errors import AppError, FieldError, Kind, conflict, forbidden, not_found, validation_failed
from chalicelib.domain.papers import ACCEPTED_TYPES, accepted_type, paper_states, require_complete, sniff, waivable
from chalicelib.observability import logger, metrics

LINK_SECONDS = 300


def _citizen(actor: Actor) -> str:
    if not actor.is_citizen:
        raise forbidden("papers belong to a citizen's own account")
    return actor.id


def counter_key(actor: Actor) -> str:
    """Where a UDC operator's scans wait for the filing (an opaque key: no username in S3)."""
    return "u_" + keyed_hash("udc-counter", actor.id)


def _owner(actor: Actor) -> tuple[str, bool]:
    """(whose papers, at a counter?): a citizen's own, or an active UDC operator's counter."""
    if actor.is_staff and actor.role == "udc_operator":  # an active one: api/http.py account_standing
        return counter_key(actor), True
    return _citizen(actor), False


def _view(paper: StoredPaper) -> dict[str, Any]:
    return {
        "id": paper.paper_id,
        "document": paper.document,
        "content_type": paper.content_type,
        "size": int(paper.size),
        "state": paper.state,
        "created_at": paper.created_at,
    }


def start_upload(actor: Actor, body: dict[str, Any]) -> dict[str, Any]:
    citizen_id, _ = _owner(actor)
    document, content_type, size = body.get("document"), body.get("content_type"), body.get("size")
    limit = settings().paper_max_bytes
    errors = []
    if not isinstance(document, str) or not document.replace("_", "").isalnum() or len(document) > 64:
        errors.append(FieldError("document", "a document code from the certificate type", "কাগজের ধরন দিন"))
    if not isinstance(content_type, str) or not accepted_type(content_type):
        errors.append(FieldError("content_type", f"one of: {', '.join(ACCEPTED_TYPES)}", "PDF, JPG বা PNG ফাইল দিন"))
    if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= limit:
        errors.append(FieldError("size", f"bytes, at most {limit}", f"ফাইল সর্বোচ্চ {limit // (1024 * 1024)} MB"))
    if errors:
        raise validation_failed(errors)
    paper = StoredPaper(citizen_id, codes.new_code(), str(document), str(content_type), utc_stamp())
    repo.create(paper)
    return {**_view(paper), "upload": repo.upload_form(paper, limit), "expires_in": repo.UPLOAD_SECONDS}


def complete(actor: Actor, paper_id: str) -> dict[str, Any]:
    citizen_id, at_counter = _owner(actor)
    paper_id = path_ids.code(paper_id, "Paper")
    paper = repo.get(citizen_id, paper_id)
    if paper is None:
        raise not_found("Paper")
    if paper.state != "awaiting_upload":  # ready, or a counter scan already filed: checked once
        return _view(paper)
    found = repo.head_and_start(citizen_id, paper_id)
    if found is None:
        raise conflict("not_uploaded", "nothing was uploaded for this paper yet")
    size, start, etag = found
    if sniff(start) != paper.content_type or size > settings().paper_max_bytes:
        repo.drop(paper)  # the upload itself expires from incoming/ within a day
        metrics.add_metric(name="PaperRefused", unit="Count", value=1)
        logger.warning("paper refused", extra={"paper_id": paper_id})
        raise validation_failed(
            [FieldError("file", "the file is not the declared PDF, JPEG or PNG", "ফাইলটি PDF/JPG/PNG নয়")]
        )
    if at_counter:  # stays in incoming/ until the filing copies this very object to the citizen
        return _view(repo.mark_ready(paper, size, etag))
    try:
        repo.accept(citizen_id, paper_id, etag)
    except repo.UploadChanged:
        raise conflict("upload_changed", "the file was replaced while it was checked; complete again") from None
    return _view(repo.mark_ready(paper, size))


def mine(actor: Actor) -> dict[str, Any]:
    return {"items": [_view(p) for p in repo.of_citizen(_citizen(actor))], "next_cursor": None}


def attach(citizen_id: str, ctype: CertificateType, chosen: Any) -> dict[str, str]:
    """Validate the shape of an application's `papers` {document code: paper id}. That each is the
    applicant's ready paper of this kind is checked in the case's own transaction
    (adapters/cases.create → PapersRefused): no read here."""
    if chosen is None:
        return {}
    _check_shape(ctype, chosen)
    return {str(k): str(v) for k, v in chosen.items()}


def _check_shape(ctype: CertificateType, chosen: Any) -> None:
    codes_known = {str(d["code"]) for d in ctype.documents}
    if not isinstance(chosen, dict):
        raise validation_failed([FieldError("papers", "an object of document code → paper id", "কাগজ তালিকা সঠিক নয়")])
    errors = [
        not_theirs(str(document))
        for document, paper_id in chosen.items()
        if not (document in codes_known and isinstance(paper_id, str) and codes.is_valid(paper_id))
    ]
    if errors:
        raise validation_failed(errors)


@dataclass(frozen=True)
class CounterPapers:
    """A UDC filing's papers: all it names, the writes that make the counter's scans the citizen's
    (in the case's transaction), those already the citizen's, and how to undo the scans' copies
    when the filing is refused."""

    attached: dict[str, str]
    scans: tuple[FileScan, ...] = ()
    own: dict[str, str] = field(default_factory=dict)
    undo: Callable[[], None] | None = None


def from_counter(actor: Actor, citizen_id: str, ctype: CertificateType, chosen: Any) -> CounterPapers:
    """A UDC filing's `papers`: ready scans of this operator's counter, copied to the citizen now
    (after their code was checked) and recorded as theirs in the case's own transaction; any other
    id named must be the citizen's own ready paper (uploaded from their phone), which the case's
    transaction checks like a citizen's filing."""
    if chosen is None:
        return CounterPapers({})
    _check_shape(ctype, chosen)
    counter = counter_key(actor)
    scans: dict[str, StoredPaper] = {}
    own: dict[str, str] = {}
    for document, paper_id in chosen.items():
        scan = repo.get(counter, paper_id)
        if scan is None:
            own[str(document)] = str(paper_id)
        elif scan.state != "ready" or scan.document != document:
            raise validation_failed([not_theirs(str(document))])
        else:
            scans[str(document)] = scan
    try:
        for paper in scans.values():
            repo.copy_to_citizen(paper, citizen_id)
    except repo.UploadChanged:
        raise conflict("upload_changed", "a scanned paper changed or expired; scan it again") from None

    filed = tuple(
        FileScan(p.citizen_id, p.paper_id, p.document, p.content_type, int(p.size), p.created_at, citizen_id)
        for p in scans.values()
    )
    return CounterPapers(
        attached={**own, **{doc: paper.paper_id for doc, paper in scans.items()}},
        scans=filed,
        own=own,
        undo=lambda: repo.remove_copies(citizen_id, [paper.paper_id for paper in scans.values()]),
    )


def not_theirs(document: str) -> FieldError:
    return FieldError(f"papers.{document}", "not a ready paper of yours of this kind", "কাগজটি পাওয়া যায়নি")


def links(case: Case) -> dict[str, str]:
    """Short-lived links to the case's papers, for the officials reviewing it."""
    return {doc: repo.link(case.citizen_id, paper_id, LINK_SECONDS) for doc, paper_id in (case.papers or {}).items()}


# --- required papers: attached, missing or waived (decision 46) ----------------------------------


def _documents(case: Case) -> tuple[dict[str, Any], ...]:
    ctype = catalog().get(case.type_code)
    return ctype.documents if ctype is not None else ()


def require(case: Case) -> None:
    """The `papers` guard: 422 naming each required paper neither attached nor waived."""
    require_complete(_documents(case), case.papers or {}, case.papers_waived or {})


def states(case: Case, staff: bool) -> list[dict[str, Any]]:
    """Each paper of the type with its state; officials also get a short-lived link to each
    attached one and who waived which, with the note."""
    waived = case.papers_waived or {}
    out = paper_states(_documents(case), case.papers or {}, waived)
    for paper in out:
        code = paper["code"]
        if paper["state"] == "attached" and staff:
            paper["url"] = repo.link(case.citizen_id, str(case.papers[code]), LINK_SECONDS)
        if paper["state"] == "waived":
            given = waived[code]
            paper["waiver"] = {"note": given.get("note", ""), "at": given.get("at"), "by": {"role": given.get("role")}}
    return out


def waive(actor: Actor, case_id: str, code: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST /v1/applications/{id}/papers/{code}/waiver {note}: the workflow's `waive_paper` (the
    secretary of the case's office, note required), one conditional write with its timeline event.
    Waiving a paper already waived answers the case as it is, so a retry or a race adds nothing."""
    from chalicelib.domain.workflow import may_act, workflows
    from chalicelib.services.cases import case_ref, load, move, summary

    code = path_ids.plain(code, path_ids.SLUG, "Paper")
    if unsafe := text_errors(body, ("note",)):
        raise validation_failed(unsafe)
    note = body.get("note")
    case = load(actor, case_id, "case.act")
    if code in (case.papers_waived or {}):
        ref = case_ref(case)
        if not may_act(workflows().rules(ref.workflow)["waive_paper"], ref, actor):
            raise forbidden("only the secretary of the case's office waives a paper")
        return _waived_view(case, summary)
    if not waivable(_documents(case), case.papers or {}, code):
        if code in (case.papers or {}):
            raise conflict("paper_attached", "this paper is attached; there is nothing to waive")
        raise not_found("Paper")
    step = workflows().plan(case_ref(case), "waive_paper", actor, note if isinstance(note, str) else None)
    given = {"by": actor.id, "role": actor.role, "note": step.note, "at": utc_stamp()}
    waived = {**(case.papers_waived or {}), code: given}
    try:
        case = move(case, step, actor, {"papers_waived": waived}, paper=code)
    except AppError as err:
        again = load(actor, case_id, "case.act") if err.kind is Kind.CONFLICT else case
        if code not in (again.papers_waived or {}):
            raise
        case = again  # another official's waiver of the same paper won the race
    metrics.add_metric(name="PaperWaived", unit="Count", value=1)
    return _waived_view(case, summary)


def _waived_view(case: Case, summary: Any) -> dict[str, Any]:
    return {**summary(case), "papers_status": states(case, staff=True)}
