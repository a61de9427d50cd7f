"""Sign-in routes and the bearer-token authorizer every protected route uses."""

from __future__ import annotations

from chalice.app import AuthRequest, AuthResponse, Blueprint, Response

from chalicelib import services
from chalicelib.api import contract
from chalicelib.api.contract.parsing import parse_body
from chalicelib.api.http import ACCEPTED_CONTENT_TYPES, caller, endpoint, origin, respond

bp = Blueprint(__name__)

# API Gateway caches a decision per token for this long; tokens live an hour. The decision is only
# about the token's signature and expiry, which do not change: whether the token still speaks for
# its account is asked on every request by the `account_standing` middleware (api/http.py, decision 41).
AUTHORIZER_TTL_SECONDS = 60


@bp.authorizer(ttl_seconds=AUTHORIZER_TTL_SECONDS)
def bearer(auth_request: AuthRequest) -> AuthResponse:
    """Allow any route for a genuine, unexpired token and pass its claims on as the request context
    (the account's standing is checked per request by `account_standing`: this answer is cached).

    A bad token is denied (403) the same way in `chalice local` and in API Gateway; a missing
    Authorization header is API Gateway's 401."""
    token = auth_request.token or ""
    if token[:7].lower() == "bearer ":
        token = token[7:]
    claims = services.auth.read_token(token.strip())
    if claims is None:
        return AuthResponse(routes=[], principal_id="anonymous")
    names = ("kind", "role", "office_id", "ward", "acct", "cv")
    context = {k: str(claims[k]) for k in names if claims.get(k) is not None}
    return AuthResponse(routes=["*"], principal_id=str(claims["sub"]), context=context)


@bp.route("/v1/auth/otp", methods=["POST"], content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def request_otp() -> Response:
    request = bp.current_request
    services.auth.request_otp(parse_body(request, contract.accounts.OtpRequest), origin(request))
    return respond({"status": "sent"}, status=202)


@bp.route("/v1/auth/otp/verify", methods=["POST"], content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def verify_otp() -> Response:
    request = bp.current_request
    return respond(services.auth.verify_otp(parse_body(request, contract.accounts.OtpVerify), origin(request)))


@bp.route("/v1/auth/login", methods=["POST"], content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def login() -> Response:
    request = bp.current_request
    return respond(services.auth.login(parse_body(request, contract.accounts.Login), origin(request)))


@bp.route("/v1/auth/password", methods=["POST"], authorizer=bearer, content_types=ACCEPTED_CONTENT_TYPES)
@endpoint
def change_password() -> Response:
    """An official chooses their own password (after an admin set one, or whenever they like)."""
    request = bp.current_request
    account = services.staff.change_own_password(caller(request), parse_body(request, contract.accounts.PasswordChange))
    return respond({"status": "changed", **services.auth.staff_token(account)})
