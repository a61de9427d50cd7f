"""Our CloudFront's proof that a request came through it (api/http.py `origin`)."""

from __future__ import annotations

from chalicelib.adapters.keys import app_keys


def edge_key() -> str | None:
    """What CloudFront sends in `x-sonod-edge` on the API origin, from the container's cached app
    keys; None until the stage's secret has one (then no request counts as coming through it)."""
    return app_keys().edge_key
