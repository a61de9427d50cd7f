"""Every API operation stays within 3 AWS calls once its container is warm, and none scans.

This counts calls (bench/aws_calls.py), it does not time anything."""

from __future__ import annotations

from bench import aws_calls


def test_call_budget() -> None:
    results = aws_calls.measure()
    assert len(results) >= 20
    for name, runs in results.items():
        assert len(runs["warm"]) <= 3, (name, runs["warm"])
        # A cold container may add one-time fetches (the app keys secret, an office), never more than two.
        assert len(runs["cold"]) <= len(runs["warm"]) + 2, (name, runs["cold"])
        assert not any(call.endswith((".Scan", ".BatchGetItem")) for call in runs["cold"] + runs["warm"]), name


def test_the_account_check_costs_at_most_one_call() -> None:
    """Decision 41: with the container's account standing expired (ACCOUNT_CACHE_SECONDS=0), an
    official's operation pays one consistent GetItem more, never more than that."""
    cached, expired = aws_calls.measure(), aws_calls.measure(account_cache_seconds=0)
    assert cached.keys() == expired.keys()
    for name in cached:
        extra = len(expired[name]["warm"]) - len(cached[name]["warm"])
        assert 0 <= extra <= 1, (name, cached[name]["warm"], expired[name]["warm"])


def test_revenue_reads_and_payments_cost_at_most_three_calls_warm() -> None:
    from bench import revenue_calls

    results = revenue_calls.measure()
    assert len(results) >= 14
    for name, runs in results.items():
        assert len(runs["warm"]) <= 3, (name, runs["warm"])
        assert not any(call.endswith(".Scan") for call in runs["cold"] + runs["warm"]), name
