"""Public routes: health, the OpenAPI document, the certificate catalog, offices and charters."""

from __future__ import annotations

from chalice.app import Blueprint, Response

from chalicelib import services
from chalicelib.api import contract
from chalicelib.api.contract.parsing import parse_query
from chalicelib.api.http import cacheable, endpoint, page_params, respond

bp = Blueprint(__name__)

CACHE_PUBLIC = {"Cache-Control": "public, max-age=300"}


@bp.route("/v1/health", methods=["GET"])
@endpoint
def health() -> Response:
    return respond({"status": "ok"})


@bp.route("/v1/openapi.json", methods=["GET"])
@endpoint
def openapi() -> Response:
    from chalicelib.api.contract.document import document

    return respond(document(), headers=CACHE_PUBLIC)


@bp.route("/v1/certificate-types", methods=["GET"])
@endpoint
def certificate_types() -> Response:
    return respond(services.catalog.list_types(), headers=CACHE_PUBLIC)


@bp.route("/v1/certificate-types/{code}", methods=["GET"])
@endpoint
def certificate_type(code: str) -> Response:
    return respond(services.catalog.get_type(code), headers=CACHE_PUBLIC)


@bp.route("/v1/offices", methods=["GET"])
@endpoint
def offices() -> Response:
    limit, cursor = page_params(bp.current_request)
    return respond(
        services.offices.search(parse_query(bp.current_request, contract.public.OfficesQuery), limit, cursor)
    )


@bp.route("/v1/offices/{office_id}", methods=["GET"])
@endpoint
def office(office_id: str) -> Response:
    return respond(services.offices.get_office(office_id), headers=CACHE_PUBLIC)


@bp.route("/v1/offices/{office_id}/charter", methods=["GET"])
@endpoint
def charter(office_id: str) -> Response:
    return cacheable(bp.current_request, services.offices.charter(office_id), CACHE_PUBLIC)


@bp.route("/v1/offices/{office_id}/charter/{type_code}", methods=["GET"])
@endpoint
def type_charter(office_id: str, type_code: str) -> Response:
    """One type's charter at one office: what the application form needs, not all 48 types."""
    return cacheable(bp.current_request, services.offices.charter(office_id, type_code), CACHE_PUBLIC)
