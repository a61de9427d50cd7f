"""Operator tools run by hand against a deployed stage (never imported by the app or its Lambdas)."""
