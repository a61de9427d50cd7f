"""Sonod Sheba API: wiring only. Routes live in chalicelib/api, use cases in chalicelib/services."""

from chalice.app import Chalice, CORSConfig

from chalicelib.api import (
    admin,
    applications,
    auth,
    certificates,
    events,
    holdings,
    ledger,
    local,
    payments,
    public,
    revenue_documents,
    revenue_runs,
    revenue_views,
)
from chalicelib.api.http import account_standing, observe

app = Chalice(app_name="sonod-sheba")
app.api.cors = CORSConfig(
    allow_origin="*",
    allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "X-Api-Key"],
    max_age=600,
)
app.register_middleware(observe, "all")
app.register_middleware(account_standing, "http")

app.register_blueprint(public.bp)
app.register_blueprint(auth.bp)
app.register_blueprint(applications.bp)
app.register_blueprint(certificates.bp)
app.register_blueprint(payments.bp)
app.register_blueprint(ledger.bp)
app.register_blueprint(admin.bp)
app.register_blueprint(local.bp)
app.register_blueprint(events.bp)
app.register_blueprint(holdings.bp)
app.register_blueprint(revenue_runs.bp)
app.register_blueprint(revenue_documents.bp)
app.register_blueprint(revenue_views.bp)
