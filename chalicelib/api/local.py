"""Routes that exist only to make the local stage usable (404 in every other stage)."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import services
from chalicelib.api import contract
from chalicelib.api.contract.parsing import parse_query
from chalicelib.api.http import endpoint, respond

bp = Blueprint(__name__)


@bp.route("/v1/_local/outbox", methods=["GET"])
@endpoint
def outbox() -> Response:
    return respond(services.outbox.read(parse_query(bp.current_request, contract.public.OutboxQuery).get("phone")))
