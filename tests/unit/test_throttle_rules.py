"""Throttle arithmetic and the password policy, pure (no AWS)."""

from __future__ import annotations

import pytest

from chalicelib.domain import passwords
from chalicelib.domain.throttle import Budget, Caller, Tally, failure_wait, locks_out, say_wait, window_wait
from local.demo import DEMO_PASSWORD

NOW = 1_800_000_000
ACCOUNT = Budget("login-account", "union-1.secretary", 10, 24 * 3600, backoff_after=3, resets_on_success=True)


def tally(count: int, last_ago: int = 0, first_ago: int = 0) -> Tally:
    return Tally(count, NOW - last_ago, NOW - first_ago + ACCOUNT.window)


def test_back_off_doubles_after_a_few_failures_then_locks() -> None:
    assert [failure_wait(ACCOUNT, tally(n), NOW) for n in range(3)] == [0, 0, 0]
    assert [failure_wait(ACCOUNT, tally(n), NOW) for n in range(3, 10)] == [2, 4, 8, 16, 32, 64, 128]
    assert failure_wait(ACCOUNT, tally(5, last_ago=5), NOW) == 3  # counted from the last failure
    assert failure_wait(ACCOUNT, tally(10, first_ago=3600), NOW) == 23 * 3600  # locked for the rest of the window
    assert failure_wait(ACCOUNT, tally(10, first_ago=25 * 3600), NOW) == 0  # lapsed (TTL deletes late)
    assert locks_out(ACCOUNT, tally(9), NOW) and not locks_out(ACCOUNT, tally(8), NOW)
    assert not locks_out(Budget("login-address", "x", 10, 3600), tally(9), NOW)  # only accounts lock


def test_the_cap_bounds_each_back_off() -> None:
    slow = Budget("x", "y", 100, 24 * 3600, backoff_after=1, backoff_cap=900)
    assert failure_wait(slow, tally(50), NOW) == 900


def test_an_attacker_with_one_address_gets_at_most_this_per_account_per_day() -> None:
    """The default account budget: guesses possible within an hour before the lock-out."""
    spent, n = 0, 0
    while failure_wait(ACCOUNT, tally(n), NOW) < 3600 and n < ACCOUNT.limit:
        spent += failure_wait(ACCOUNT, tally(n), NOW)
        n += 1
    assert n == 10 and spent == 2 + 4 + 8 + 16 + 32 + 64 + 128


def test_windows_and_words() -> None:
    hourly = Budget("otp-send", "x", 20, 3600, "hits")
    assert window_wait(hourly, NOW) == 3600 - NOW % 3600
    assert say_wait(1) == ("1 second", "১ সেকেন্ড")
    assert say_wait(150) == ("3 minutes", "৩ মিনিট")
    assert say_wait(23 * 3600 + 1) == ("24 hours", "২৪ ঘণ্টা")


def test_addresses() -> None:
    assert Caller("203.0.113.9").address() == "203.0.113.9"
    assert Caller("2001:db8:1:2::7").address() == Caller("2001:db8:1:2:ffff::1").address() == "2001:db8:1:2::/64"
    assert Caller("54.1.1.1", "2001:db8::5").address() == "2001:db8::/64@54.1.1.1"


@pytest.mark.parametrize(
    ("password", "why"),
    [
        (" " * 12, "easy to guess"),
        ("aaaaaaaaaaaa", "easy to guess"),
        ("123456789012", "easy to guess"),
        ("passwordpassword", "easy to guess"),
        ("short", "at least 12"),
        ("x" * 129, "at most 128"),
        ("union-1.secretary", "the username"),
        ("my Union1.Secretary!", "the username"),
        ("union-1 office 2026", "the office id"),
        (DEMO_PASSWORD, "the published demo password"),
        ("qwertyuiopasdf", "easy to guess"),
    ],
)
def test_weak_passwords_are_named_in_both_languages(password: str, why: str) -> None:
    [error] = passwords.problems(password, "union-1.secretary", "union-1")
    assert why in error.message and error.message_bn and error.field == "password"


def test_good_passwords_pass_and_bengali_covers_zxcvbns_warnings() -> None:
    for good in ("a long new password", "reset after a lost phone", "নদীর ধারে সবুজ গ্রাম"):
        assert passwords.problems(good, "union-1.secretary", "union-1") == []
    assert DEMO_PASSWORD in passwords.PUBLISHED
    from zxcvbn import zxcvbn

    samples = ("qwertyuiop", "zxcvfr", "aaaaaaa", "abcabcabc", "abcdefg", "2019", "14-04-1990", "password", "monkey")
    warnings = {zxcvbn(p)["feedback"]["warning"] for p in samples} - {""}
    assert len(warnings) >= 6 and warnings <= set(passwords.WARNINGS_BN), warnings - set(passwords.WARNINGS_BN)
