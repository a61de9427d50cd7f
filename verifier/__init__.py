"""Offline verifier for Sonod Sheba certificates: `python -m verifier verify ...`.

Needs only the published trust list and status list(s), and ideally the root's pinned SHA-256
fingerprint; no network. Shares the credential code with the platform (chalicelib/domain).
"""
