"""The route table, a case's operations: applications, actions, papers, payments, consent, UDC
filing, certificates and revocation (see routes.py)."""

from __future__ import annotations

from chalicelib.api.contract import cases as c
from chalicelib.api.contract.routes import REDIRECT, Op

CASE = "/v1/applications/{case_id}"

APPLICATIONS: tuple[Op, ...] = (
    Op(
        "POST",
        "/v1/applications",
        "Apply for a certificate",
        (201, c.Application),
        body=c.NewApplication,
        auth="bearer",
        idempotent=True,
        errors=(400, 409, 413, 415, 422),
    ),
    Op("GET", "/v1/applications", "My applications", (200, c.ApplicationList), auth="bearer", paged=True),
    Op("GET", CASE, "One application with its timeline", (200, c.ApplicationDetail), auth="bearer", errors=(404,)),
    Op(
        "POST",
        f"{CASE}/actions",
        "Move the case (workflow action)",
        (200, c.Application),
        body=c.Action,
        auth="bearer",
        errors=(400, 404, 409, 415, 422),
    ),
    Op(
        "GET",
        f"{CASE}/certificate",
        "Short-lived link to the issued PDF",
        (200, c.CertificateLink),
        auth="bearer",
        errors=(404, 409),
    ),
    Op(
        "GET",
        f"{CASE}/preview",
        "The certificate as it would be issued, marked 'preview', unsigned, no QR (secretary, signatory)",
        (200, c.CertificatePreview),
        auth="bearer",
        errors=(403, 404, 409),
    ),
    Op(
        "GET",
        "/v1/offices/{office_id}/applications",
        "Office queue (officials; an assessor: the office's objections to assessments only, no counts)",
        (200, c.ApplicationList),
        auth="bearer",
        query=c.OfficeQueueQuery,
        paged=True,
    ),
    Op(
        "POST",
        "/v1/certificates/{certificate_no}/revoke",
        "Revoke a certificate (signatory; reason required)",
        (200, c.Revocation),
        body=c.Revoke,
        auth="bearer",
        errors=(404, 409, 415, 422),
    ),
)

PAYMENTS: tuple[Op, ...] = (
    Op(
        "POST",
        f"{CASE}/payment",
        "Open a checkout for the case's fee (applicant)",
        (201, c.Checkout),
        body=c.PaymentStart,
        auth="bearer",
        idempotent=True,
        errors=(404, 409, 415, 422, 503),
    ),
    Op("GET", f"{CASE}/payment", "Receipt of the confirmed payment", (200, c.Receipt), auth="bearer", errors=(404,)),
    Op(
        "POST",
        "/v1/payments/{gateway}/ipn",
        "Gateway notification: the payment is confirmed with the gateway before anything changes",
        (200, c.PaymentOutcome),
        body=c.GatewayCallback,
        errors=(400, 404, 409, 503),
    ),
    *(
        Op(
            verb,
            "/v1/payments/{gateway}/return/{payment_id}",
            "Where the browser returns from the gateway: settled, then sent to the web app",
            (303, REDIRECT),
            form_body=verb == "POST",
            errors=(),
        )
        for verb in ("GET", "POST")
    ),
)

JOURNEY: tuple[Op, ...] = (
    Op(
        "POST",
        f"{CASE}/consents",
        "An heir consents with the SMS code (public; attempts limited)",
        (200, c.ConsentResult),
        body=c.ConsentGiven,
        errors=(401, 415, 422, 429),
    ),
    Op(
        "POST",
        f"{CASE}/papers/{{code}}/waiver",
        "The secretary waives a required paper with a note (idempotent; recorded on the timeline)",
        (200, c.PaperWaived),
        body=c.PaperWaiver,
        auth="bearer",
        errors=(404, 409, 415, 422),
    ),
    Op(
        "POST",
        "/v1/consent-links",
        "The names on an inheritance case (deceased, heirs) for the link in an heir's consent SMS"
        " (public; unknown links limited per address)",
        (200, c.ConsentLinkView),
        body=c.ConsentLinkOpen,
        errors=(404, 415, 422, 429),
    ),
    Op(
        "POST",
        "/v1/me/papers",
        "Start uploading a paper (presigned POST); a UDC operator's scans wait for their filing",
        (201, c.Paper),
        body=c.PaperStart,
        auth="bearer",
        errors=(415, 422),
    ),
    Op("GET", "/v1/me/papers", "My papers", (200, c.PaperList), auth="bearer"),
    Op(
        "POST",
        "/v1/me/papers/{paper_id}/complete",
        "Check the uploaded bytes and accept the paper",
        (200, c.Paper),
        auth="bearer",
        optional_body=True,
        errors=(404, 409, 422),
    ),
    Op(
        "POST",
        "/v1/udc/consent-codes",
        "UDC operator: send the citizen a code to consent to filing for them",
        (202, c.ConsentCodeSent),
        body=c.ConsentCodeRequest,
        auth="bearer",
        errors=(415, 422, 429),
    ),
)
