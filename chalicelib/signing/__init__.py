"""Signatures on issued certificates: X.509 certificates for KMS keys and PAdES PDF signatures.

Only the issuing path (the renderer Lambda, key onboarding) imports this package's modules; they
pull in asn1crypto and pyHanko, which API cold starts must not pay for. Keep this file empty of
imports.
"""
